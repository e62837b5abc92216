# Shared by the benchmark scripts: logging, and the synthetic handbooks they
# measure, generated once and kept in $bench_dir for later runs.
# Source it after setting bench_dir, seed and synth (the generator's path).

log() {
  printf '%s\n' "$*" >&2
}

# Bump this when the generator changes, so handbooks written by an older
# generator are written again instead of reused.
handbook_version=3

# Prints the handbook folder for $1 pages, generating it on first use, with
# the same pages as a Hugo site's content/ in its hugo/ folder (which
# coachbook does not read). It is generated beside its final place and
# renamed, so an interrupted run never leaves a half-written handbook to be
# reused.
handbook_for() {
  local pages=$1
  local dir="$bench_dir/handbook-v$handbook_version-$pages-seed$seed"
  if [[ ! -f $dir/site.toml ]]; then
    local partial="$dir.partial"
    rm -rf -- "$partial"
    log "generating $pages pages into $dir"
    "$synth" "$pages" "$partial" "$seed" "$partial/hugo" >&2
    mv -- "$partial" "$dir"
  fi
  printf '%s\n' "$dir"
}
