#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang-19, ASan + UBSan) and runs each one for
# SOCKLAB_FUZZ_SECONDS (default 10), nproc at a time, on a throw-away copy of its seed corpus and
# regressions (tests/fuzz/corpus/<target>, tests/fuzz/regressions/<target>): the repository's
# corpus never grows here. Exits non-zero when a target crashes, hangs, leaks or breaks one of its
# invariants, naming the input kept under build/fuzz/artifacts/ and how to reproduce it.
#
#   scripts/fuzz.sh                 every target (what CI runs, scripts/test.sh)
#   scripts/fuzz.sh hex workspace   only these
#   scripts/fuzz.sh --merge [T...]  then merge the new interesting inputs, minimised, into
#                                   tests/fuzz/corpus/<target> (for developers; commit them)
#   scripts/fuzz.sh --list          the targets
# docs/fuzzing.md says more.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${SOCKLAB_FUZZ_SECONDS:-10}
parallel=${SOCKLAB_FUZZ_JOBS:-$(nproc)}
rss_mb=${SOCKLAB_FUZZ_RSS_MB:-1024}
timeout_s=${SOCKLAB_FUZZ_TIMEOUT:-10}
merge=0
list=0
only=()
for arg in "$@"; do
    case $arg in
    --merge) merge=1 ;;
    --list) list=1 ;;
    -h | --help)
        sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "fuzz.sh: unknown option $arg (see --help)" >&2
        exit 2
        ;;
    *) only+=("$arg") ;;
    esac
done

src=tests/fuzz
all=()
for f in "$src"/fuzz_*.cpp; do
    name=$(basename "$f" .cpp)
    all+=("${name#fuzz_}")
done
if ((list)); then
    printf '%s\n' "${all[@]}"
    exit 0
fi
targets=("${all[@]}")
((${#only[@]} == 0)) || targets=("${only[@]}")
for t in "${targets[@]}"; do
    [[ -f $src/fuzz_$t.cpp ]] || { echo "fuzz.sh: no target \"$t\" (see --list)" >&2; exit 2; }
done

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

bin=build/fuzz/tests/fuzz
artifacts=$PWD/build/fuzz/artifacts
work=$(mktemp -d "${TMPDIR:-/tmp}/socklab-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Runs one target; its verdict goes to $work/<t>/status (never fails itself).
fuzz_one() {
    local t=$1 dir=$work/$1
    mkdir -p "$dir/corpus" "$artifacts/$t"
    cp "$src/corpus/$t"/* "$dir/corpus/" 2>/dev/null || true
    find "$src/regressions/$t" -type f ! -name '*.md' -exec cp {} "$dir/corpus/" \; 2>/dev/null || true
    local seeds
    seeds=$(find "$dir/corpus" -type f | wc -l)
    local rc=0
    "$bin/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout="$timeout_s" \
        -artifact_prefix="$artifacts/$t/" -print_final_stats=1 "$dir/corpus" >"$dir/log" 2>&1 || rc=$?
    echo "$rc" >"$dir/status" # first: the figures below may be missing from a crashed run's log
    local execs cov ft
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1) || true
    cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2) || true
    ft=$(grep -o 'ft: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2) || true
    local files
    files=$(find "$dir/corpus" -type f | wc -l)
    local verdict=ok
    ((rc == 0)) || verdict="FAILED (exit $rc)"
    printf 'fuzz %-15s %10s execs in %ss, cov %s, ft %s, corpus %s -> %s: %s\n' "$t" \
        "${execs:-?}" "$seconds" "${cov:-?}" "${ft:-?}" "$seeds" "$files" "$verdict" >"$dir/summary"
}

for t in "${targets[@]}"; do
    while (($(jobs -rp | wc -l) >= parallel)); do
        wait -n || true
    done
    fuzz_one "$t" &
done
wait

failed=0
for t in "${targets[@]}"; do
    cat "$work/$t/summary" 2>/dev/null || echo "fuzz $t: no summary (the run did not finish)"
    if [[ $(cat "$work/$t/status" 2>/dev/null || echo missing) != 0 ]]; then
        failed=1
        echo "--- fuzz_$t log (last 40 lines):"
        tail -40 "$work/$t/log"
        for a in $(grep -o "Test unit written to [^ ]*" "$work/$t/log" | awk '{print $5}'); do
            echo "--- fuzz_$t: input kept at $a"
            echo "    reproduce: $bin/fuzz_$t $a"
            echo "    after the fix, keep it: cp $a tests/fuzz/regressions/$t/"
        done
    fi
done

if ((merge && !failed)); then
    for t in "${targets[@]}"; do
        before=$(find "$src/corpus/$t" -type f | wc -l)
        "$bin/fuzz_$t" -merge=1 -rss_limit_mb="$rss_mb" -timeout="$timeout_s" \
            "$src/corpus/$t" "$work/$t/corpus" >"$work/$t/merge.log" 2>&1 ||
            { echo "fuzz.sh: merge of $t failed:"; tail -20 "$work/$t/merge.log"; exit 1; }
        echo "merge $t: corpus $before -> $(find "$src/corpus/$t" -type f | wc -l) files"
    done
fi
if ((failed)); then
    echo "fuzz.sh: a target failed (see above)" >&2
    exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets, ${seconds}s each, no crash"
