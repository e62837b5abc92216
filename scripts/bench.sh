#!/usr/bin/env bash
# Measures `coachbook build` on synthetic handbooks of several sizes.
#
# Usage:
#   scripts/bench.sh                       # 1,000 and 10,000 pages
#   SIZES="500 5000 20000" RUNS=5 scripts/bench.sh
#
# Environment:
#   SIZES      page counts to measure            (default: "1000 10000")
#   RUNS       builds per size; the median wins  (default: 3)
#   SEED       seed for the generated handbooks  (default: 42)
#   BENCH_DIR  where handbooks are kept          (default: $TMPDIR/coachbook-bench)
#
# Each handbook is generated once by `examples/synth.rs` and reused by later
# runs of this script, so only the build is timed. The table shows the median
# wall time of the runs, the pages built per second at that median, the
# largest peak resident memory of the runs (GNU time's "Maximum resident set
# size"), and the size of the output folder. MB here means 2^20 bytes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=${SIZES:-1000 10000}
runs=${RUNS:-3}
seed=${SEED:-42}
bench_dir=${BENCH_DIR:-${TMPDIR:-/tmp}/coachbook-bench}
time_bin=/usr/bin/time
target_dir=${CARGO_TARGET_DIR:-target}
coachbook=$target_dir/release/coachbook
synth=$target_dir/release/examples/synth

# shellcheck source=scripts/bench-handbooks.sh
source scripts/bench-handbooks.sh

# GNU time reports peak memory; the shell's `time` keyword does not.
ensure_gnu_time() {
  if [[ -x $time_bin ]]; then
    return
  fi
  log "GNU time is missing; installing the 'time' package"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get install -y time >&2 ||
    { "${sudo[@]}" apt-get update >&2 && "${sudo[@]}" apt-get install -y time >&2; }
}


# Prints the middle value of its arguments, compared as numbers.
median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Builds the handbook in $1 once; prints "<wall ms> <peak RSS kB>".
timed_build() {
  local dir=$1
  local time_report build_log
  time_report=$(mktemp)
  build_log=$(mktemp)
  local start end
  start=$(date +%s%N)
  if ! "$time_bin" -v -o "$time_report" "$coachbook" build --root "$dir" >"$build_log" 2>&1; then
    log "coachbook build failed for $dir:"
    tail -n 40 "$build_log" >&2
    rm -f -- "$time_report" "$build_log"
    exit 1
  fi
  end=$(date +%s%N)
  local rss_kb
  rss_kb=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$time_report")
  rm -f -- "$time_report" "$build_log"
  printf '%d %d\n' $(((end - start) / 1000000)) "$rss_kb"
}

main() {
  ensure_gnu_time
  log "building release binaries"
  cargo build --release --examples --bins >&2
  mkdir -p -- "$bench_dir"

  local rows=()
  local pages
  for pages in $sizes; do
    local dir
    dir=$(handbook_for "$pages")
    local times=() peak_kb=0 run
    for ((run = 1; run <= runs; run++)); do
      local result ms kb
      result=$(timed_build "$dir")
      read -r ms kb <<<"$result"
      log "$pages pages: run $run/$runs: $ms ms, $((kb / 1024)) MB peak"
      times+=("$ms")
      if ((kb > peak_kb)); then
        peak_kb=$kb
      fi
    done
    local median_ms out_bytes
    median_ms=$(median "${times[@]}")
    out_bytes=$(du -sb -- "$dir/public" | cut -f1)
    rows+=("$(awk -v p="$pages" -v ms="$median_ms" -v kb="$peak_kb" -v b="$out_bytes" 'BEGIN {
      rate = ms > 0 ? p * 1000 / ms : 0
      printf "%8d %14d %10.0f %15.1f %16.1f", p, ms, rate, kb / 1024, b / 1048576
    }')")
  done

  printf '\n%8s %14s %10s %15s %16s\n' "pages" "median ms" "pages/s" "peak RSS MB" "output MB"
  printf '%s\n' "${rows[@]}"
}

main "$@"
