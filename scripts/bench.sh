#!/usr/bin/env bash
# Measures `coachbook build` on synthetic handbooks of several sizes, beside
# the floor (read + pulldown-cmark + write, `examples/floor.rs`) and Hugo on
# the same content.
#
# Usage:
#   scripts/bench.sh                                   # 1,000, 10,000 and 100,000 pages
#   SIZES="1000 10000" RUNS=5 scripts/bench.sh
#   OUT_ROOT=/dev/shm scripts/bench.sh                 # outputs on tmpfs, not on disk
#
# Environment:
#   SIZES        page counts to measure                     (default: "1000 10000 100000")
#   RUNS         builds per size and tool; the median wins  (default: 3)
#   SEED         seed for the generated handbooks           (default: 42)
#   BENCH_DIR    where handbooks are kept                   (default: $TMPDIR/coachbook-bench)
#   OUT_ROOT     where outputs are written                  (default: $BENCH_DIR)
#   HUGO         "yes" to compare with Hugo (installed with apt-get when
#                missing), "no" to skip it                  (default: yes)
#   HUGO_SIZES   sizes Hugo is timed at; it takes minutes at 100,000 pages
#                                                           (default: "1000 10000")
#
# Each handbook is generated once by `examples/synth.rs` and reused by later
# runs of this script, so only builds are timed. Before every timed build its
# output folder is removed (untimed), so every tool starts from nothing. The
# table shows, per tool and size, the median wall time of the runs, pages per
# second at that median, the largest peak resident memory of the runs (GNU
# time's "Maximum resident set size"), the size of the output folder, and the
# ratio of the median to the floor's. MB here means 2^20 bytes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=${SIZES:-1000 10000 100000}
runs=${RUNS:-3}
seed=${SEED:-42}
bench_dir=${BENCH_DIR:-${TMPDIR:-/tmp}/coachbook-bench}
out_root=${OUT_ROOT:-$bench_dir}
use_hugo=${HUGO:-yes}
hugo_sizes=${HUGO_SIZES:-1000 10000}
time_bin=/usr/bin/time
target_dir=${CARGO_TARGET_DIR:-target}
coachbook=$target_dir/release/coachbook
synth=$target_dir/release/examples/synth
floor=$target_dir/release/examples/floor

# shellcheck source=scripts/bench-handbooks.sh
source scripts/bench-handbooks.sh
# shellcheck source=scripts/bench-hugo.sh
source scripts/bench-hugo.sh

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

# Runs a command once after removing the output folder $1; prints
# "<wall ms> <peak RSS kB>". The command's output goes to a log shown on failure.
timed() {
  local out=$1
  shift
  rm -rf -- "$out"
  local time_report build_log start end
  time_report=$(mktemp)
  build_log=$(mktemp)
  start=$(date +%s%N)
  if ! "$time_bin" -v -o "$time_report" "$@" >"$build_log" 2>&1; then
    log "failed: $*"
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

# Times `$@` $runs times into output folder $out; sets the globals
# median_ms, peak_kb and out_bytes.
measure() {
  local label=$1 out=$2
  shift 2
  local times=() run result ms kb
  peak_kb=0
  for ((run = 1; run <= runs; run++)); do
    result=$(timed "$out" "$@")
    read -r ms kb <<<"$result"
    log "$label: run $run/$runs: $ms ms, $((kb / 1024)) MB peak"
    times+=("$ms")
    if ((kb > peak_kb)); then
      peak_kb=$kb
    fi
  done
  median_ms=$(median "${times[@]}")
  out_bytes=$(du -sb -- "$out" | cut -f1)
}

# One row of the table.
row() {
  local tool=$1 pages=$2 ms=$3 kb=$4 bytes=$5 floor_ms=$6
  awk -v t="$tool" -v p="$pages" -v ms="$ms" -v kb="$kb" -v b="$bytes" -v f="$floor_ms" 'BEGIN {
    rate = ms > 0 ? p * 1000 / ms : 0
    ratio = f > 0 ? sprintf("%.2fx", ms / f) : "-"
    printf "%-10s %8d %10d %10.0f %12.1f %10.1f %9s\n", t, p, ms, rate, kb / 1024, b / 1048576, ratio
  }'
}

# Whether $1 is one of the words in $2.
listed() {
  [[ " $2 " == *" $1 "* ]]
}

main() {
  ensure_gnu_time
  log "building release binaries"
  cargo build --release --bin coachbook --example synth --example floor >&2
  mkdir -p -- "$bench_dir" "$out_root"
  local hugo_ok=no
  if [[ $use_hugo == yes ]] && ensure_hugo; then
    hugo_ok=yes
    log "comparing with $(hugo version | head -n 1)"
  fi

  local rows=() pages
  for pages in $sizes; do
    local dir out floor_ms
    dir=$(handbook_for "$pages")
    out="$out_root/out-$pages"

    measure "floor $pages" "$out" "$floor" "$dir/content" "$out"
    floor_ms=$median_ms
    rows+=("$(row floor "$pages" "$median_ms" "$peak_kb" "$out_bytes" "$floor_ms")")

    measure "coachbook $pages" "$out" "$coachbook" build --root "$dir" --out "$out"
    rows+=("$(row coachbook "$pages" "$median_ms" "$peak_kb" "$out_bytes" "$floor_ms")")

    if [[ $hugo_ok == yes ]] && listed "$pages" "$hugo_sizes"; then
      local project
      project=$(hugo_project_for "$dir")
      hugo_build_args "$project" "$out"
      measure "hugo $pages" "$out" hugo "${hugo_args[@]}"
      rows+=("$(row hugo "$pages" "$median_ms" "$peak_kb" "$out_bytes" "$floor_ms")")
    fi
    rm -rf -- "$out"
  done

  printf '\n%-10s %8s %10s %10s %12s %10s %9s\n' \
    "tool" "pages" "median ms" "pages/s" "peak RSS MB" "output MB" "vs floor"
  printf '%s\n' "${rows[@]}"
}

main "$@"
