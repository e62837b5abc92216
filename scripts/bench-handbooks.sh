# Shared by the benchmark scripts: logging, and the synthetic handbooks they
# measure, generated once and kept in $bench_dir for later runs.
# Source it after setting bench_dir, seed and synth (the generator's path).

log() {
  printf '%s\n' "$*" >&2
}

# Prints the handbook folder for $1 pages, generating it on first use. It is
# generated beside its final place and renamed, so an interrupted run never
# leaves a half-written handbook to be reused.
handbook_for() {
  local pages=$1
  local dir="$bench_dir/handbook-$pages-seed$seed"
  if [[ ! -f $dir/site.toml ]]; then
    local partial="$dir.partial"
    rm -rf -- "$partial"
    log "generating $pages pages into $dir"
    "$synth" "$pages" "$partial" "$seed" >&2
    mv -- "$partial" "$dir"
  fi
  printf '%s\n' "$dir"
}
