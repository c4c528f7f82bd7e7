#!/usr/bin/env bash
# Install what is missing, build, and run the whole suite in Release, then the core, engine, CLI
# and GUI tests (offscreen) under ASan+UBSan, then the engine tests under TSan. Exits non-zero on
# the first failure; set SOCKLAB_SKIP_SANITIZERS=1 for a quick local run.
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
run cmake --build --preset release -j "$jobs"
run ctest --preset release -j "$jobs"
if [[ "${SOCKLAB_SKIP_SANITIZERS:-0}" != 1 ]]; then
    run cmake --preset asan
    run cmake --build --preset asan -j "$jobs"
    run ctest --preset asan -j "$jobs" -LE 'bench|package'
    run cmake --preset tsan
    run cmake --build --preset tsan -j "$jobs" --target engine_tests
    run ctest --preset tsan -j "$jobs" -L engine
fi
echo "=== all tests passed"
