#!/usr/bin/env bash
# Runs one benchmark of bench_pipeline several times, interleaving the binaries given (an old and a
# new build, say), one process per run, and prints each run's median tokens/s and peak memory, then
# the median over the runs per binary. The machine this project is measured on is shared and its
# speed drifts within minutes, so compare binaries only through interleaved runs like these.
#
# usage: bench/run_series.sh --corpus DIR [--runs N] [--filter REGEX] BENCH_PIPELINE [BENCH_PIPELINE...]
#   e.g. bench/run_series.sh --corpus ../shared/corpora/polnear-dev/articles build/bench/bench_pipeline
set -euo pipefail

corpus="" runs=5 filter="BM_Annotate/fast"
binaries=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --corpus) corpus="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --filter) filter="$2"; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) binaries+=("$1"); shift ;;
    esac
done
if [[ -z "$corpus" || ${#binaries[@]} -eq 0 ]]; then
    echo "usage: $0 --corpus DIR [--runs N] [--filter REGEX] BENCH_PIPELINE [BENCH_PIPELINE...]" >&2
    exit 2
fi
for b in "${binaries[@]}"; do
    [[ -x "$b" ]] || { echo "$0: not an executable: $b" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "$0: needs /usr/bin/time (Debian package 'time') for peak memory" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-4s %-40s %14s %12s %s\n' run binary "tokens/s" "peak MB" load
for ((i = 1; i <= runs; ++i)); do
    for k in "${!binaries[@]}"; do
        b="${binaries[$k]}"
        out="$work/out.$k.$i" mem="$work/mem.$k.$i"
        if ! /usr/bin/time -f "%M" -o "$mem" "$b" --corpus "$corpus" --benchmark_filter="$filter" > "$out" 2> "$work/err"; then
            echo "$0: $b failed:" >&2
            grep -v '^Command exited' "$work/err" >&2 || true
            exit 1
        fi
        # The median row of the benchmark's repetitions; its tokens/s counter ends in k or M.
        rate=$(grep -m1 '_median' "$out" | grep -o 'tokens/s=[0-9.]*[kM]*' | cut -d= -f2 || true)
        [[ -n "$rate" ]] || { echo "$0: no median tokens/s from $b (filter '$filter')" >&2; cat "$work/err" >&2; exit 1; }
        peak_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$mem")
        printf '%-4s %-40s %14s %12s %s\n' "$i" "$b" "$rate" "$peak_mb" "$(cut -d' ' -f1 /proc/loadavg)"
        echo "$rate" >> "$work/rates.$k"
    done
done

echo
for k in "${!binaries[@]}"; do
    # Normalise k/M suffixes to plain numbers, then take the median.
    median=$(awk '{ v = $1; if (v ~ /k$/) v = v * 1e3; else if (v ~ /M$/) v = v * 1e6; print v }' "$work/rates.$k" |
             sort -g | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1fk", m / 1e3 }')
    echo "median of $runs runs, ${binaries[$k]}: $median tokens/s"
done
