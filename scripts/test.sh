#!/usr/bin/env bash
# Install what is missing, build the programs, benchmarks and package in Release and run them
# (with the few tests that need an optimised build), then the whole suite (core, engine, CLI and
# GUI tests, offscreen) under ASan+UBSan, then under TSan the engine tests and the GUI's
# thread boundaries (bridge, session handles, background tasks, a GUI flood). Exits non-zero on
# the first failure; set SOCKLAB_SKIP_SANITIZERS=1 for a quick local run. Last, the libFuzzer
# targets run briefly (scripts/fuzz.sh; SOCKLAB_SKIP_FUZZ=1 skips them).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-deps.sh
jobs=$(nproc)
run() {
    echo "=== $*"
    local t0=$SECONDS
    "$@"
    echo "=== $(( SECONDS - t0 )) s: $*"
}
run cmake --preset release
if [[ "${SOCKLAB_SKIP_SANITIZERS:-0}" != 1 ]]; then
    # Release: the programs, the package and the benchmarks (optimised figures), plus the tests
    # whose checks need an optimised build; the whole suite runs under ASan+UBSan below.
    run cmake --build --preset release -j "$jobs" --target release_ci
    run ctest --preset release -j "$jobs" -L 'bench|package|release'
else
    run cmake --build --preset release -j "$jobs"
    run ctest --preset release -j "$jobs"
fi
if [[ "${SOCKLAB_SKIP_SANITIZERS:-0}" != 1 ]]; then
    run cmake --preset asan
    run cmake --build --preset asan -j "$jobs"
    run ctest --preset asan -j "$jobs" -LE 'bench|package'
    run cmake --preset tsan
    run cmake --build --preset tsan -j "$jobs" --target tsan_tests
    run ctest --preset tsan -j "$jobs" -L tsan
    # libFuzzer over every parser of untrusted input, SOCKLAB_FUZZ_SECONDS (10) each
    # (docs/fuzzing.md); SOCKLAB_SKIP_FUZZ=1 leaves it out.
    if [[ "${SOCKLAB_SKIP_FUZZ:-0}" != 1 ]]; then
        run ./scripts/fuzz.sh
    fi
fi
echo "=== all tests passed"
