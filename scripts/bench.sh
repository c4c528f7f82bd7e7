#!/usr/bin/env bash
# One command for every benchmark: builds them (Release preset), runs each with bounded sizes
# under a time limit, and prints one table:
#   figure | SockLab | peer measured in the same run | ratio | target | verdict
# Each benchmark prints its own rows as "@row<TAB>figure<TAB>socklab<TAB>peer<TAB>ratio<TAB>
# target<TAB>verdict" lines (tests/bench/support/bench_rows.h); this script only collects them.
#
#   scripts/bench.sh [--quick] [--markdown] [--no-build] [--only NAME[,NAME...]]
#
#   --quick     small sizes (the whole run well under 3 minutes); default: full sizes (< 15 min)
#   --markdown  also print the table as Markdown (always written to bench-table.md)
#   --no-build  use the binaries already in build/release
#   --only      run only the named benchmarks (e.g. --only bench_udp_loss)
#
# Writes build/release/bench-table.txt, bench-table.md and bench-logs/NAME.log (full output).
# Exit status 1 when a benchmark failed (wrong byte counts, a crash, its time limit), never
# because a target was missed: missed targets are rows with verdict "missed".
# SOCKLAB_BUILD_LOCK=FILE runs the build under flock FILE (shared build trees).
set -u

# The benchmarks, one line each: "target|time limit in seconds|arguments --quick|arguments full".
# To add one, add its line; its binary must print @row lines. GUI benchmarks run offscreen.
BENCHES=(
    "bench_tcp_throughput|300|--mib 256 --repeat 2|--mib 1024 --repeat 3"
    "bench_udp_loss|240|--seconds 1|--seconds 3"
    "bench_relay|240|--mib 256 --udp-seconds 1|--mib 1024 --udp-seconds 3"
    "bench_store_lock_wait|60|--seconds 2|--seconds 5"
    "bench_lab_wire|180|--mib 64|--mib 256"
    "bench_gui_flood|300|--mib 256 --udp-count 100000 --rate-seconds 1|--mib 1024 --udp-count 300000 --rate-seconds 3"
    "bench_gui_scroll|300|--mib 128 --jumps 100|--mib 1024"
    "bench_gui_connections|240|--connections 5000|--connections 50000"
    "bench_gui_startup|240|--runs 5|--runs 20"
)
# Built besides the benchmarks: the tools they run.
EXTRA_TARGETS=(socklab-cli)

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/release"
mode=full
markdown=0
do_build=1
only=""
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) mode=quick ;;
    --markdown) markdown=1 ;;
    --no-build) do_build=0 ;;
    --only)
        only="${2:-}"
        shift
        ;;
    -h | --help)
        sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "bench.sh: unknown argument $1 (see --help)" >&2
        exit 2
        ;;
    esac
    shift
done

selected=()
for line in "${BENCHES[@]}"; do
    name=${line%%|*}
    if [ -z "$only" ] || [[ ",$only," == *",$name,"* ]]; then
        selected+=("$line")
    fi
done
if [ ${#selected[@]} -eq 0 ]; then
    echo "bench.sh: no benchmark matches --only $only" >&2
    exit 2
fi

lock=()
if [ -n "${SOCKLAB_BUILD_LOCK:-}" ]; then
    lock=(flock "$SOCKLAB_BUILD_LOCK")
fi

if [ "$do_build" = 1 ]; then
    if [ ! -f "$build/build.ninja" ]; then
        (cd "$root" && "${lock[@]}" cmake --preset release) || exit 1
    fi
    # Only targets this configuration has (GUI benchmarks need SOCKLAB_BUILD_GUI).
    known=$(ninja -C "$build" -t targets all 2>/dev/null | sed 's/:.*//')
    targets=()
    for line in "${selected[@]}" "${EXTRA_TARGETS[@]/%/|}"; do
        t=${line%%|*}
        if grep -qx "$t" <<<"$known"; then
            targets+=("$t")
        fi
    done
    echo "== building ${targets[*]}"
    (cd "$root" && nice "${lock[@]}" cmake --build --preset release --target "${targets[@]}") ||
        exit 1
fi

# One run at a time: two runs would measure each other and share the files below.
exec 9>"$build/.bench.lock"
if ! flock -n 9; then
    echo "== waiting for another bench.sh run to finish"
    flock 9
fi

export QT_QPA_PLATFORM=offscreen
logs="$build/bench-logs"
mkdir -p "$logs"
rows="$build/bench-rows.tsv"
: >"$rows"
failed=()
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

for line in "${selected[@]}"; do
    IFS='|' read -r name limit quick_args full_args <<<"$line"
    args=$full_args
    [ "$mode" = quick ] && args=$quick_args
    bin=$(find "$build/tests" -name "$name" -type f -perm -u+x 2>/dev/null | head -n 1)
    if [ -z "$bin" ]; then
        printf '@row\t%s\tnot built\t-\t-\t-\tinfo\n' "$name" >>"$rows"
        echo "== $name: not built in this configuration, skipped"
        continue
    fi
    echo "== $name $args (limit ${limit}s)"
    t0=$(date +%s)
    # shellcheck disable=SC2086 # the arguments are words on purpose
    (cd "$(dirname "$bin")" && timeout -k 10 "$limit" "$bin" $args) >"$logs/$name.log" 2>&1
    rc=$?
    grep -v '^@row' "$logs/$name.log" | sed 's/^/   /'
    grep '^@row' "$logs/$name.log" >>"$rows"
    if [ $rc -ne 0 ]; then
        why="exit status $rc"
        [ $rc -eq 124 ] || [ $rc -eq 137 ] && why="time limit ${limit}s"
        failed+=("$name")
        printf '@row\t%s FAILED (%s), see %s\t-\t-\t-\t-\tFAILED\n' "$name" "$why" \
            "$logs/$name.log" >>"$rows"
    elif ! grep -q '^@row' "$logs/$name.log"; then
        printf '@row\t%s printed no figures\t-\t-\t-\t-\tinfo\n' "$name" >>"$rows"
    fi
    echo "   ($(($(date +%s) - t0)) s)"
done

elapsed=$(($(date +%s) - started))
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
about="$(date -u '+%Y-%m-%d %H:%M UTC'), $mode run ${elapsed} s, $(nproc) CPUs ($cpu), \
Linux $(uname -r), load before: $load_before"

table="$build/bench-table.txt"
{
    echo "SockLab benchmarks: $about"
    echo
    awk -F'\t' '
        BEGIN { n = 0 }
        { n++; for (i = 2; i <= 7; i++) { cell[n, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
        END {
            split("figure|SockLab|peer (same run)|ratio|target|verdict", head, "|")
            for (i = 2; i <= 7; i++) if (length(head[i - 1]) > w[i]) w[i] = length(head[i - 1])
            line = ""; rule = ""
            for (i = 2; i <= 7; i++) {
                line = line sprintf("%-" w[i] "s", head[i - 1]) (i < 7 ? " | " : "")
                r = sprintf("%" w[i] "s", ""); gsub(/ /, "-", r); rule = rule r (i < 7 ? "-+-" : "")
            }
            print line; print rule
            for (r = 1; r <= n; r++) {
                line = ""
                for (i = 2; i <= 7; i++) line = line sprintf("%-" w[i] "s", cell[r, i]) (i < 7 ? " | " : "")
                print line
            }
        }' "$rows"
} >"$table"

md="$build/bench-table.md"
{
    echo "Measured $about."
    echo
    echo "| Figure | SockLab | Peer (same run) | Ratio | Target | Verdict |"
    echo "|---|---|---|---|---|---|"
    awk -F'\t' '{ gsub(/\|/, "\\|"); printf "| %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7 }' "$rows"
} >"$md"

echo
cat "$table"
if [ "$markdown" = 1 ]; then
    echo
    cat "$md"
fi
echo
echo "table: $table (Markdown: $md), logs: $logs/"
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
exit 0
