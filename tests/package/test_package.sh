#!/usr/bin/env bash
# The Debian package, made afresh by cpack from the built binaries into a temporary directory
# (no earlier scripts/package.sh run is needed or used), then checked as a user gets it:
# control fields, contents, the extracted binaries, desktop entry, AppStream metadata, MIME
# type, icons, manual pages, bash completion, and lintian (no errors).
#
#   test_package.sh BUILD_DIR SOURCE_DIR VERSION
#
# Every check says what it found when it fails; all checks run, the exit status is 1 when any
# failed. ctest -L package runs it (tests/package/CMakeLists.txt).
set -uo pipefail

if (($# != 3)); then
    echo "usage: $0 BUILD_DIR SOURCE_DIR VERSION" >&2
    exit 2
fi
build=$(realpath "$1")
source_dir=$(realpath "$2")
version=$3
t0=$SECONDS

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
pass() {
    echo "ok:   $*"
}

for tool in cpack dpkg dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli \
    xmllint update-mime-database file readelf man; do
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL: $tool is not installed (scripts/setup-deps.sh installs it)"
        exit 1
    fi
done
for binary in app/socklab app/socklab-cli; do
    if [[ ! -x $build/$binary ]]; then
        echo "FAIL: $build/$binary is not built (cmake --build $build first)"
        exit 1
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/socklab-package-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- Build the package ---------------------------------------------------------------------
if ! cpack --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
    echo "FAIL: cpack --config $build/CPackConfig.cmake -B $tmp/out:"
    cat "$tmp/cpack.log"
    exit 1
fi
arch=$(dpkg --print-architecture)
deb=$tmp/out/socklab_${version}_${arch}.deb
if [[ ! -f $deb ]]; then
    echo "FAIL: cpack made no $deb; it made:"
    find "$tmp/out" -maxdepth 1 -name '*.deb'
    cat "$tmp/cpack.log"
    exit 1
fi
pass "cpack made $(basename "$deb") ($(($(stat -c %s "$deb") / 1024)) KiB, $((SECONDS - t0)) s)"

# --- Control fields ------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
expect_field() { # NAME VALUE
    local got
    got=$(field "$1")
    if [[ $got == "$2" ]]; then pass "$1: $got"; else fail "$1 is \"$got\", expected \"$2\""; fi
}
expect_field Package socklab
expect_field Version "$version"
expect_field Architecture "$arch"
expect_field Section net
expect_field Priority optional
depends=$(field Depends)
echo "      Depends: $depends"
for dep in libqt6core6 libqt6gui6 libqt6widgets6 libpcap0.8 libpcre2-8-0 libc6 libstdc++6 \
    qt6-qpa-plugins "fonts-wqy-microhei | fonts-noto-cjk"; do
    # Whole entries: a name followed by a version, a comma or the end.
    if [[ ", $depends," == *", $dep"[\ ,]* ]]; then
        pass "Depends has $dep"
    else
        fail "Depends lacks $dep: $depends"
    fi
done
[[ -z $(field Recommends) ]] && pass "no Recommends (translations are compiled in)" ||
    fail "unexpected Recommends: $(field Recommends)"
for name in Maintainer Homepage Description Installed-Size; do
    [[ -n $(field "$name") ]] && pass "$name is set" || fail "no $name field"
done
description=$(field Description)
if (($(wc -l <<<"$description") < 3)); then
    fail "Description has no long description: $description"
fi

# --- Contents ------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/contents"
expected=(
    /usr/bin/socklab
    /usr/bin/socklab-cli
    /usr/share/applications/socklab.desktop
    /usr/share/metainfo/io.github.socklab.socklab.metainfo.xml
    /usr/share/mime/packages/socklab.xml
    /usr/share/man/man1/socklab.1.gz
    /usr/share/man/man1/socklab-cli.1.gz
    /usr/share/bash-completion/completions/socklab-cli
    /usr/share/doc/socklab/copyright
    /usr/share/doc/socklab/changelog.gz
    /usr/share/icons/hicolor/scalable/apps/socklab.svg
)
sizes=(16 22 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/socklab.png")
done
missing=0
for path in "${expected[@]}"; do
    if ! grep -qxF "$path" "$tmp/contents"; then
        fail "the package has no $path"
        missing=1
    fi
done
((missing)) || pass "the package holds all ${#expected[@]} expected files"
if grep -v -e '^/usr/' -e '^/$' "$tmp/contents" | grep -q .; then
    fail "files outside /usr: $(grep -v -e '^/usr/' -e '^/$' "$tmp/contents" | head -5 | tr '\n' ' ')"
fi

# --- Extracted ------------------------------------------------------------------------------
root=$tmp/root
dpkg -x "$deb" "$root"
usr=$root/usr

out=$("$usr/bin/socklab-cli" --version 2>&1)
[[ $out == "socklab-cli $version" ]] && pass "socklab-cli --version: $out" ||
    fail "socklab-cli --version printed \"$out\", expected \"socklab-cli $version\""
out=$(QT_QPA_PLATFORM=offscreen timeout 20 "$usr/bin/socklab" --version 2>"$tmp/socklab.err")
[[ $out == *"$version"* ]] && pass "socklab --version: $out" ||
    fail "socklab --version printed \"$out\" ($(cat "$tmp/socklab.err")), expected $version"
# The translation travels inside the binary: a Chinese locale gets Chinese help, and
# socklab-cli stays English whatever the locale.
out=$(QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$tmp/config" LANG=zh_CN.UTF-8 LC_ALL= \
    timeout 20 "$usr/bin/socklab" --help 2>/dev/null)
[[ $out == *"套接字"* ]] && pass "socklab --help under zh_CN is in Chinese" ||
    fail "socklab --help under zh_CN printed no Chinese: $out"
out=$(LANG=zh_CN.UTF-8 LC_ALL= "$usr/bin/socklab-cli" --help 2>&1)
[[ $out == *"commands:"* && $out != *"套接字"* ]] && pass "socklab-cli --help stays English" ||
    fail "socklab-cli --help under zh_CN: $out"
for binary in socklab socklab-cli; do
    if readelf -S "$usr/bin/$binary" | grep -qE '\.(symtab|debug_info)'; then
        fail "$binary is not stripped"
    else
        pass "$binary is stripped"
    fi
done

desktop=$usr/share/applications/socklab.desktop
if out=$(desktop-file-validate "$desktop" 2>&1) && [[ -z $out ]]; then
    pass "desktop-file-validate socklab.desktop"
else
    fail "desktop-file-validate socklab.desktop: $out"
fi
for line in 'Exec=socklab %f' 'Icon=socklab' 'MimeType=application/x-socklab-workspace;'; do
    grep -qxF "$line" "$desktop" && pass "desktop entry: $line" ||
        fail "the desktop entry lacks the line $line"
done
for key in 'Name[zh_CN]' 'GenericName[zh_CN]' 'Comment[zh_CN]' 'Keywords'; do
    grep -qF "$key=" "$desktop" || fail "the desktop entry has no $key"
done

metainfo=$usr/share/metainfo/io.github.socklab.socklab.metainfo.xml
if out=$(appstreamcli validate --no-net "$metainfo" 2>&1); then
    pass "appstreamcli validate --no-net: $(tail -n 1 <<<"$out")"
else
    fail "appstreamcli validate --no-net $metainfo: $out"
fi
# The installed tree as a whole: the metainfo's launchable and icon are there.
if out=$(appstreamcli validate-tree --no-net "$root" 2>&1); then
    pass "appstreamcli validate-tree --no-net: $(tail -n 1 <<<"$out")"
else
    fail "appstreamcli validate-tree --no-net $root: $out"
fi
grep -q "<launchable type=\"desktop-id\">socklab.desktop</launchable>" "$metainfo" ||
    fail "the metainfo's launchable is not socklab.desktop"
newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$metainfo" | head -n 1)
[[ $newest == "$version" ]] && pass "the newest AppStream release is $newest" ||
    fail "the newest <release> of the metainfo is \"$newest\", the package is $version"
grep -q 'xml:lang="zh_CN"' "$metainfo" || fail "the metainfo has no zh_CN translation"

mime=$usr/share/mime/packages/socklab.xml
if out=$(xmllint --noout "$mime" 2>&1); then
    pass "xmllint socklab.xml"
else
    fail "xmllint $mime: $out"
fi
mkdir -p "$tmp/mime/packages"
cp "$mime" "$tmp/mime/packages/"
if update-mime-database "$tmp/mime" >/dev/null 2>&1 &&
    grep -qx '50:application/x-socklab-workspace:\*\.socklab' "$tmp/mime/globs2"; then
    pass "update-mime-database: *.socklab is application/x-socklab-workspace"
else
    fail "update-mime-database does not map *.socklab: $(cat "$tmp/mime/globs2" 2>/dev/null)"
fi

for size in "${sizes[@]}"; do
    icon=$usr/share/icons/hicolor/${size}x${size}/apps/socklab.png
    [[ -f $icon ]] || continue
    info=$(file -b "$icon")
    [[ $info == "PNG image data, $size x $size,"* ]] ||
        fail "${size}x${size}/apps/socklab.png is $info"
done
pass "icons are PNGs of their directory's size"

for page in socklab socklab-cli; do
    gz=$usr/share/man/man1/$page.1.gz
    [[ -f $gz ]] || continue
    if ! gzip -t "$gz" 2>/dev/null; then
        fail "$page.1.gz is not gzip"
        continue
    fi
    header=$(zcat "$gz" | grep -m1 '^\.TH')
    [[ $header == *"\"SockLab $version\""* ]] && pass "man $page: header names SockLab $version" ||
        fail "man $page: header '$header' does not name SockLab $version"
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$gz" 2>&1 >/dev/null)
    [[ -z $warnings ]] && pass "man $page: no groff warnings" ||
        fail "man --warnings $page.1.gz: $warnings"
done
# Each option of each socklab-cli command is in its manual page.
man_text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$usr/share/man/man1/socklab-cli.1.gz" 2>/dev/null)
commands=$("$usr/bin/socklab-cli" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
undocumented=()
for command in $commands; do
    grep -q "^   $command\$" <<<"$man_text" || undocumented+=("$command")
    for option in $("$usr/bin/socklab-cli" "$command" --help |
        sed -n 's/^  \(-., \|    \)--\([a-z0-9-]*\).*/\2/p'); do
        [[ $option == help ]] && continue
        grep -qE -- "(^|[ ,])--$option( |\$)" <<<"$man_text" || undocumented+=("$command --$option")
    done
done
if ((${#undocumented[@]} == 0)); then
    pass "socklab-cli.1 documents every command and option ($(wc -w <<<"$commands") commands)"
else
    fail "socklab-cli.1 lacks: ${undocumented[*]}"
fi

# --- Bash completion ------------------------------------------------------------------------
completion=$usr/share/bash-completion/completions/socklab-cli
if bash -n "$completion" 2>"$tmp/bash-n"; then
    pass "bash -n completion"
else
    fail "bash -n $completion: $(cat "$tmp/bash-n")"
fi
# Completes the words given (the last is the one being typed) as bash would, with the
# bash-completion library when it is installed; prints the candidates sorted on one line.
complete_words() {
    bash -c '
        if [[ -f /usr/share/bash-completion/bash_completion ]]; then
            source /usr/share/bash-completion/bash_completion
        fi
        source "$1"
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        _socklab_cli "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
    ' completion "$completion" "$@" 2>&1
}
expect_completion() { # EXPECTED-WORDS... -- WORDS...
    local want=() got
    while [[ $1 != -- ]]; do want+=("$1"); shift; done
    shift
    got=$(complete_words "$usr/bin/socklab-cli" "$@")
    local w
    for w in "${want[@]}"; do
        if [[ " $got " != *" $w "* ]]; then
            fail "completing \"socklab-cli $*\" gave \"$got\", without $w"
            return
        fi
    done
    pass "completing \"socklab-cli $*\": $got"
}
expect_completion lab listen -- l
expect_completion connect import interfaces -- ""
expect_completion --echo -- listen --ec
expect_completion --loss --late -- lab --l
expect_completion nodelay= -- connect -o no
expect_completion pcapng text -- listen --save-format ""
expect_completion loss list -- lab --experiment l
expect_completion stream dgram -- probe inet ""
expect_completion client server -- replay cap.pcap --as ""

# --- Install and remove with dpkg, into a root of the test's own ----------------------------------
# (--force-depends: the empty root has none of the libraries; the host's are used to run it.)
root=$tmp/dpkg-root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
if dpkg --root="$root" --force-depends --force-not-root -i "$deb" >"$tmp/dpkg-i.log" 2>&1 &&
    [[ $(dpkg --root="$root" -s socklab 2>/dev/null | sed -n 's/^Status: //p') == "install ok installed" ]]; then
    pass "dpkg -i into a root: installed"
else
    fail "dpkg -i into a root: $(cat "$tmp/dpkg-i.log")"
fi
out=$("$root/usr/bin/socklab-cli" --version 2>&1)
[[ $out == *"$version"* ]] && pass "installed socklab-cli --version: $out" ||
    fail "installed socklab-cli --version printed \"$out\""
if dpkg --root="$root" --force-not-root -r socklab >"$tmp/dpkg-r.log" 2>&1; then
    left=$(find "$root" -mindepth 1 -not -path "$root/var/lib/dpkg*" -not -path "$root/var/lib" \
        -not -path "$root/var")
    [[ -z $left ]] && pass "dpkg -r: nothing left behind" || fail "dpkg -r left: $left"
else
    fail "dpkg -r: $(cat "$tmp/dpkg-r.log")"
fi

# --- Lintian ----------------------------------------------------------------------------------
# (-I: also the informational tags, shown but not failing.)
if lintian --fail-on error -I --tag-display-limit 0 "$deb" >"$tmp/lintian" 2>"$tmp/lintian.err"; then
    pass "lintian --fail-on error: $(grep -c '^E:' "$tmp/lintian") errors," \
        "$(grep -c '^W:' "$tmp/lintian") warnings, $(grep -c '^I:' "$tmp/lintian") notes"
    grep -E '^[EWI]:' "$tmp/lintian" | sed 's/^/      /'
else
    fail "lintian --fail-on error:"
    sed 's/^/      /' "$tmp/lintian" "$tmp/lintian.err"
fi

echo "$((SECONDS - t0)) s"
if ((failures)); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all package checks passed"
