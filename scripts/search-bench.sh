#!/usr/bin/env bash
# Measures the search index on synthetic handbooks: its size on disk (raw and
# gzipped, in all and per file), what a reader downloads before the first
# result, the time it adds to a build, and query times in headless Chromium
# on a --portable build opened from file://.
#
# Usage:
#   scripts/search-bench.sh                 # 1,000 and 10,000 pages
#   SIZES="500 20000" scripts/search-bench.sh
#
# Environment:
#   SIZES      page counts to measure         (default: "1000 10000")
#   SEED       seed of the generated handbooks (default: 42)
#   BENCH_DIR  where handbooks are kept        (default: $TMPDIR/coachbook-bench,
#              shared with scripts/bench.sh)
#
# Needs what scripts/browser-test.sh installs (chromium, the npm packages).
# KB and MB here are 1,000 and 1,000,000 bytes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=${SIZES:-1000 10000}
seed=${SEED:-42}
bench_dir=${BENCH_DIR:-${TMPDIR:-/tmp}/coachbook-bench}
target_dir=${CARGO_TARGET_DIR:-target}
coachbook=$target_dir/release/coachbook
synth=$target_dir/release/examples/synth

# shellcheck source=scripts/bench-handbooks.sh
source scripts/bench-handbooks.sh


# Milliseconds one build of $1 into $2 takes.
build_ms() {
  local start end
  start=$(date +%s%N)
  "$coachbook" build --root "$1" --out "$2" --portable >/dev/null
  end=$(date +%s%N)
  printf '%d\n' $(((end - start) / 1000000))
}

# The median build time of $1 into $2, over three builds.
median_build_ms() {
  local times=()
  for _ in 1 2 3; do
    times+=("$(build_ms "$1" "$2")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

# Sizes of the files under $1: "count raw gzip largest-raw largest-gzip".
sizes_of() {
  local raw=0 gz=0 max_raw=0 max_gz=0 count=0 file r g
  for file in "$@"; do
    r=$(stat -c %s "$file")
    g=$(gzip -6 -c "$file" | wc -c)
    raw=$((raw + r))
    gz=$((gz + g))
    ((r > max_raw)) && max_raw=$r
    ((g > max_gz)) && max_gz=$g
    count=$((count + 1))
  done
  printf '%d %d %d %d %d\n' "$count" "$raw" "$gz" "$max_raw" "$max_gz"
}

kb() {
  awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'
}

main() {
  log "building release binaries"
  cargo build --release --quiet --examples --bins >&2
  mkdir -p -- "$bench_dir"
  local pages
  for pages in $sizes; do
    local dir out off
    dir=$(handbook_for "$pages")
    out="$bench_dir/search-$pages"
    off="$bench_dir/handbook-$pages-no-search"
    # The same handbook with search turned off, to time what the index adds.
    if [[ ! -f $off/site.toml ]]; then
      rm -rf -- "$off"
      cp -r -- "$dir" "$off"
      rm -rf -- "$off/public"
      printf '\n[search]\nenabled = false\n' >>"$off/site.toml"
    fi
    local with without
    with=$(median_build_ms "$dir" "$out")
    without=$(median_build_ms "$off" "$bench_dir/no-search-$pages")

    local index posting document all
    read -r _ index_raw index_gz _ _ <<<"$(sizes_of "$out/search/index.js")"
    read -r p_count p_raw p_gz p_max p_max_gz <<<"$(sizes_of "$out"/search/p*.js)"
    read -r d_count d_raw d_gz d_max d_max_gz <<<"$(sizes_of "$out"/search/d*.js)"
    local docs words
    docs=$(grep -o '"documents":[0-9]*' "$out/search/index.js" | cut -d: -f2)
    words=$(grep -o '"words":"[^"]*"' "$out/search/index.js" | tr -cd '\\' | wc -c)

    printf '\n== %d pages: %d index entries, %d distinct words\n' "$pages" "$docs" "$((words + 1))"
    printf 'build (portable, median of 3): %d ms with search, %d ms without: the index adds %d ms\n' \
      "$with" "$without" "$((with - without))"
    printf '%-26s %6s %12s %12s %14s %14s\n' "files" "count" "raw" "gzip" "largest raw" "largest gzip"
    printf '%-26s %6d %12s %12s\n' "index.js (word list)" 1 "$(kb "$index_raw")" "$(kb "$index_gz")"
    printf '%-26s %6d %12s %12s %14s %14s\n' "p*.js (postings)" "$p_count" "$(kb "$p_raw")" "$(kb "$p_gz")" "$(kb "$p_max")" "$(kb "$p_max_gz")"
    printf '%-26s %6d %12s %12s %14s %14s\n' "d*.js (titles, snippets)" "$d_count" "$(kb "$d_raw")" "$(kb "$d_gz")" "$(kb "$d_max")" "$(kb "$d_max_gz")"
    printf '%-26s %6d %12s %12s\n' "all" "$((p_count + d_count + 1))" \
      "$(kb "$((index_raw + p_raw + d_raw))")" "$(kb "$((index_gz + p_gz + d_gz))")"
    node scripts/search-bench.mjs "$out"
  done
}

main "$@"
