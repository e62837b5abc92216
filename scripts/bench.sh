#!/usr/bin/env bash
# Measures `coachbook build` (and `coachbook check`) on synthetic handbooks
# beside Hugo on the same pages, in one run: the builds take turns (coachbook,
# Hugo, coachbook, Hugo, ...), so a machine that speeds up or slows down
# during the run affects both alike. Each size is measured with outputs on
# tmpfs (/dev/shm) and on disk (under BENCH_DIR).
#
# Usage:
#   scripts/bench.sh                      # 1,000 and 10,000 pages
#   scripts/bench.sh --huge               # and 100,000 pages
#   SIZES="10000" MEDIA=tmpfs RUNS=5 scripts/bench.sh
#
# Environment:
#   SIZES      page counts to measure                  (default: "1000 10000")
#   MEDIA      where outputs go: "tmpfs", "disk" or both (default: "tmpfs disk")
#   RUNS       builds per size, medium and tool        (default: 3)
#   SEED       seed for the generated handbooks        (default: 42)
#   BENCH_DIR  where handbooks (and disk outputs) live (default: $TMPDIR/coachbook-bench)
#   TMPFS_DIR  where tmpfs outputs go                  (default: /dev/shm/coachbook-bench)
#   HUGO       "no" to leave Hugo out                  (default: yes)
#   COACHBOOK  a coachbook binary to time instead of building one (the
#              generator is then built only if a handbook is missing)
#
# Each handbook is generated once by `examples/synth.rs` (with its pages also
# as a Hugo site's content) and reused by later runs of this script, so only
# builds are timed. Before every timed build its output folder is removed
# (untimed), so every tool starts from nothing. Per tool, size and medium the
# table shows the median wall and CPU (user + system) seconds, the largest
# peak resident memory of the runs (GNU time), the bytes and files the last
# run wrote, its largest file, and coachbook's wall time and bytes as a
# ratio to Hugo's. MB here means 10^6 bytes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=${SIZES:-1000 10000}
if [[ ${1:-} == --huge ]]; then
  sizes="$sizes 100000"
elif [[ -n ${1:-} ]]; then
  printf 'usage: %s [--huge]\n' "$0" >&2
  exit 2
fi
media=${MEDIA:-tmpfs disk}
runs=${RUNS:-3}
seed=${SEED:-42}
bench_dir=${BENCH_DIR:-${TMPDIR:-/tmp}/coachbook-bench}
tmpfs_dir=${TMPFS_DIR:-/dev/shm/coachbook-bench}
use_hugo=${HUGO:-yes}
time_bin=/usr/bin/time
target_dir=${CARGO_TARGET_DIR:-target}
coachbook=${COACHBOOK:-$target_dir/release/coachbook}
synth=$target_dir/release/examples/synth

# shellcheck source=scripts/bench-handbooks.sh
source scripts/bench-handbooks.sh
# shellcheck source=scripts/bench-hugo.sh
source scripts/bench-hugo.sh

# GNU time reports CPU time and peak memory; the shell's `time` keyword does
# not report memory.
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
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Runs a command once after removing the output folder $1; prints
# "<wall s> <cpu s> <peak RSS kB>". The command's output goes to a log shown
# on failure.
timed() {
  local out=$1
  shift
  rm -rf -- "$out"
  local report build_log
  report=$(mktemp)
  build_log=$(mktemp)
  if ! "$time_bin" -f '%e %U %S %M' -o "$report" "$@" >"$build_log" 2>&1; then
    log "failed: $*"
    tail -n 40 "$build_log" >&2
    rm -f -- "$report" "$build_log"
    exit 1
  fi
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$report"
  rm -f -- "$report" "$build_log"
}

# "<bytes> <files> <largest bytes> <largest path>" of the files under $1.
written() {
  find "$1" -type f -printf '%s %P\n' | awk '
    { bytes += $1; files++; if ($1 > big) { big = $1; path = $2 } }
    END { printf "%.0f %d %.0f %s\n", bytes, files, big, (path == "" ? "-" : path) }'
}

# Results per label: the runs' walls, CPUs and peaks, then what was written.
declare -A walls cpus peaks outputs

# One run of the tool called $1 into $2 with the rest as its command; adds
# its figures to the label's.
run_once() {
  local label=$1 out=$2
  shift 2
  local wall cpu kb
  read -r wall cpu kb <<<"$(timed "$out" "$@")"
  log "$label: ${wall} s wall, ${cpu} s CPU, $((kb / 1024)) MB peak"
  walls[$label]+="$wall "
  cpus[$label]+="$cpu "
  if ((kb > ${peaks[$label]:-0})); then
    peaks[$label]=$kb
  fi
  if [[ -d $out ]]; then
    outputs[$label]=$(written "$out")
  else
    outputs[$label]="0 0 0 -"
  fi
}

# One row of the table: tool, pages, medium, the label of its runs and
# Hugo's label, for the ratios.
row() {
  local tool=$1 pages=$2 medium=$3 label=$4 hugo_label=$5
  # shellcheck disable=SC2086 # the lists are space-separated numbers
  local wall cpu hugo_wall=0 hugo_bytes=0
  wall=$(median ${walls[$label]})
  cpu=$(median ${cpus[$label]})
  if [[ -n ${walls[$hugo_label]:-} ]]; then
    # shellcheck disable=SC2086
    hugo_wall=$(median ${walls[$hugo_label]})
    hugo_bytes=${outputs[$hugo_label]%% *}
  fi
  local bytes files big path
  read -r bytes files big path <<<"${outputs[$label]}"
  awk -v t="$tool" -v n="$pages" -v m="$medium" -v w="$wall" -v c="$cpu" -v kb="${peaks[$label]}" \
    -v b="$bytes" -v f="$files" -v big="$big" -v p="$path" -v hw="$hugo_wall" -v hb="$hugo_bytes" 'BEGIN {
    wr = (hw > 0 && t != "hugo") ? sprintf("%.3f", w / hw) : "-"
    br = (hb > 0 && t != "hugo" && b > 0) ? sprintf("%.2f", b / hb) : "-"
    printf "%-15s %7s %-6s %7.2f %7.2f %8.0f %9.1f %7d %8.2f  %-7s %-6s %s\n",
      t, n, m, w, c, kb / 1024, b / 1e6, f, big / 1e6, wr, br, p
  }'
}

main() {
  ensure_gnu_time
  if [[ -z ${COACHBOOK:-} ]]; then
    log "building release binaries"
    cargo build --release --bin coachbook --example synth >&2
  fi
  mkdir -p -- "$bench_dir"
  local hugo_ok=no
  if [[ $use_hugo != no ]] && ensure_hugo; then
    hugo_ok=yes
    log "comparing with $("$hugo_bin" version | head -n 1)"
  fi

  local rows=() pages medium
  for pages in $sizes; do
    local dir project=""
    dir=$(handbook_for "$pages")
    if [[ $hugo_ok == yes ]]; then
      project=$(hugo_project_for "$dir")
    fi
    for medium in $media; do
      local root
      case $medium in
        tmpfs) root=$tmpfs_dir ;;
        disk) root=$bench_dir ;;
        *)
          log "unknown medium $medium (tmpfs or disk)"
          exit 2
          ;;
      esac
      mkdir -p -- "$root"
      local out="$root/out-$pages" key="$pages/$medium" run
      # One untimed build of each warms the page cache for the sources.
      "$coachbook" build --root "$dir" --out "$out" >/dev/null 2>&1 || true
      for ((run = 1; run <= runs; run++)); do
        run_once "coachbook $key" "$out" "$coachbook" build --root "$dir" --out "$out"
        if [[ -n $project ]]; then
          hugo_build_args "$project" "$out"
          run_once "hugo $key" "$out" "$hugo_bin" "${hugo_args[@]}"
        fi
      done
      rows+=("$(row coachbook "$pages" "$medium" "coachbook $key" "hugo $key")")
      if [[ -n $project ]]; then
        rows+=("$(row hugo "$pages" "$medium" "hugo $key" "hugo $key")")
      fi
      rm -rf -- "$out"
    done
    for ((run = 1; run <= runs; run++)); do
      run_once "check $pages/-" "$bench_dir/no-output" "$coachbook" check --root "$dir"
    done
    rows+=("$(row "coachbook check" "$pages" - "check $pages/-" "hugo $pages/tmpfs")")
  done

  printf '\n%-15s %7s %-6s %7s %7s %8s %9s %7s %8s  %-7s %-6s %s\n' \
    tool pages medium "wall s" "CPU s" "peak MB" "output MB" files "big MB" "wall/H" "byte/H" "largest file"
  printf '%s\n' "${rows[@]}"
}

main "$@"
