#!/usr/bin/env bash
# A long libFuzzer run: each named target in turn until it has executed RUNS inputs (default 10 M) or crashed.
#
#   [FUZZ_MAX_LEN=N] scripts/fuzz-long.sh BUILD_DIR OUT_DIR [RUNS] TARGET...
#
# BUILD_DIR is a tree configured with -DOPSDECK_BUILD_FUZZERS=ON (clang). For each TARGET, OUT_DIR/TARGET/ holds
# the corpus it grew (seeded from fuzz/corpus/TARGET, which is only read), OUT_DIR/TARGET.log the whole output,
# crashes go to OUT_DIR/TARGET-crash-*, and a line "target executions seconds exec/s peak-RSS max_len result" is
# appended to OUT_DIR/summary.txt. Copy any crash into fuzz/corpus/TARGET/ once it is fixed: the replay test keeps it.
# FUZZ_MAX_LEN (default 4096) caps the input size.
#
# Why these options (measured on a 2-core machine, see docs/RELIABILITY.md):
# - ASan keeps no allocation stack (malloc_context_size=0) and libFuzzer no leak check (-detect_leaks=0): Qt's
#   process-wide caches look like leaks, so LeakSanitizer scanned the heap after most inputs (config: 112 → 1,300
#   exec/s). Address and undefined-behaviour errors still end the run; rerun a crash with the plain binary for the
#   allocation stack. Leaks are the sanitizer suite's job (ASAN_OPTIONS=detect_leaks=1, see the README).
# - -max_len=4096: throughput falls as inputs grow, and every parser under test works line by line or value by
#   value, so longer inputs add length, not new paths. Larger committed seeds are still replayed whole by ctest.
#   The slow targets reach their coverage with far less: FUZZ_MAX_LEN=1024 for config and configvalues and 256
#   for csv (the committed corpus alone reaches every edge of it) took them to 10 M in a session.
# - TMPDIR on /dev/shm when it exists: the config target writes each input to a file.
set -euo pipefail

if [[ $# -lt 3 ]]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
build=$(realpath "$1")
out=$2
shift 2
runs=10000000
max_len=${FUZZ_MAX_LEN:-4096}
if [[ ! $max_len =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz-long: FUZZ_MAX_LEN must be a positive number of bytes, not '$max_len'" >&2
    exit 2
fi
if [[ $1 =~ ^[0-9]+$ ]]; then
    runs=$1
    shift
fi
source_dir=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(realpath "$out")
[[ -d /dev/shm && -w /dev/shm ]] && export TMPDIR=/dev/shm

for target in "$@"; do
    binary=$build/fuzz/fuzz_$target
    if [[ ! -x $binary ]]; then
        echo "fuzz-long: $binary not found: configure $build with -DOPSDECK_BUILD_FUZZERS=ON and build it" >&2
        exit 2
    fi
    mkdir -p "$out/$target"
    started=$(date +%s)
    result=clean
    ASAN_OPTIONS=malloc_context_size=0:detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
        "$binary" -runs="$runs" -max_len="$max_len" -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$out/$target-" "$out/$target" "$source_dir/fuzz/corpus/$target" \
        >"$out/$target.log" 2>&1 || result=crashed
    # An interrupted run (Ctrl-C, kill -INT) also exits non-zero: its executions were clean so far.
    grep -q 'libFuzzer: run interrupted' "$out/$target.log" && result=interrupted
    seconds=$(( $(date +%s) - started ))
    final_stat() { grep -m1 "stat::$1:" "$out/$target.log" | awk '{print $2}'; }
    echo "$target $(final_stat number_of_executed_units) ${seconds}s $(final_stat average_exec_per_sec)/s" \
         "$(final_stat peak_rss_mb)MB max_len=$max_len $result" | tee -a "$out/summary.txt"
done
