#!/usr/bin/env bash
# Install what is missing, build SockLab in Release and start it (extra arguments are passed on).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
cmake --preset release
cmake --build --preset release
if [[ -x build/release/app/socklab ]]; then
    exec build/release/app/socklab "$@"
else
    exec build/release/app/socklab-cli "${@:---help}"
fi
