#!/usr/bin/env bash
# Installs what SockLab needs to build, run and test on Debian 12, skipping what is present.
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config
      qt6-base-dev qt6-base-dev-tools libgl-dev libxkbcommon-dev nlohmann-json3-dev
      python3 socat iperf3 tshark xvfb xauth imagemagick iproute2
      xxd fonts-dejavu-core fonts-wqy-microhei libxml2-utils
      libpcre2-dev libpcap-dev tcpdump
      # translations: Qt Linguist's CMake functions, lupdate/lrelease, Qt's own zh_CN texts
      qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
      # libFuzzer targets (scripts/fuzz.sh, the fuzz preset): clang with its runtimes
      clang-19 libclang-rt-19-dev llvm-19
      # the Debian package (scripts/package.sh) and its test (tests/package)
      dpkg-dev lintian appstream desktop-file-utils shared-mime-info file bash-completion man-db)
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup-deps: installing ${missing[*]}"
    SUDO=""
    [[ $(id -u) -eq 0 ]] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "setup-deps: all packages present"
fi
