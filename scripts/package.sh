#!/usr/bin/env bash
# Install what is missing, build SockLab in Release (configuring the preset first if needed) and
# make the Debian package with CPack (cmake/Packaging.cmake). Prints the .deb's path last:
#   sudo apt install ./build/release/socklab_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
build=build/release
if [[ ! -f $build/CMakeCache.txt || ! -f $build/CPackConfig.cmake ]]; then
    cmake --preset release
fi
# What the package holds; the manual pages and the Debian changelog are built with socklab-cli.
cmake --build "$build" --target socklab socklab-cli
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cpack --config "$build/CPackConfig.cmake" -B "$build" | tee "$log"
deb=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$log" | tail -n 1)
if [[ -z $deb || ! -f $deb ]]; then
    echo "package: cpack did not say which .deb it made" >&2
    exit 1
fi
echo "$deb"
