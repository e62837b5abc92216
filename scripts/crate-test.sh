#!/usr/bin/env bash
# Checks that the crate as it would be published installs and works on its
# own: `cargo package`, the package's file list (the theme, the sample and the
# CI files in; tests and fixtures out), `cargo install` of the packaged crate
# into a temporary root, and then, with its unpacked sources gone so nothing
# can be read from them, `coachbook --version`, `init` and `build` with the
# installed binary.
#
# Needs crates.io for `cargo package`; the install itself runs offline from
# the registry cache the test suite has already filled.
#
# Usage: scripts/crate-test.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS

fail() {
    echo "error: $*" >&2
    exit 1
}

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "==> cargo package"
cargo package --allow-dirty --no-verify --quiet
target="${CARGO_TARGET_DIR:-target}"
crate="$target/package/coachbook-$version.crate"
echo "    $crate: $(stat -c %s "$crate") bytes"

files=$(tar -tzf "$crate")
for needed in src/main.rs themes/default/templates/base.html examples/ci/github-pages.yml \
    examples/ci/gitlab-ci.yml site.toml content/_index.md README.md LICENSE Cargo.lock; do
    grep -qx "coachbook-$version/$needed" <<<"$files" || fail "the package lacks $needed"
done
if grep -q "^coachbook-$version/tests/" <<<"$files"; then
    fail "the package holds tests: $(grep "^coachbook-$version/tests/" <<<"$files" | head -n 3)"
fi

echo "==> cargo install (the packaged crate, release)"
tar -xzf "$crate" -C "$tmp"
# A .crate gives every file one fixed old date, so the kept target folder
# would take an earlier install's build as up to date: date them now.
find "$tmp/coachbook-$version" -type f -exec touch {} +
# The target folder is kept between runs so a second run builds only coachbook.
cargo install --path "$tmp/coachbook-$version" --root "$tmp/root" --locked --offline --quiet \
    --target-dir "$target/package-install"
mkdir "$tmp/sample"
cp -R "$tmp/coachbook-$version/site.toml" "$tmp/coachbook-$version/content" "$tmp/sample/"
rm -rf "$tmp/coachbook-$version"
coachbook="$tmp/root/bin/coachbook"

echo "==> the installed coachbook"
[[ $("$coachbook" --version) == "coachbook $version" ]] ||
    fail "coachbook --version printed $("$coachbook" --version)"
cd "$tmp"
"$coachbook" init handbook --ci github
"$coachbook" build --root handbook --strict
[[ -f handbook/public/index.html && -f handbook/public/search/index.js ]] || fail "init's handbook built no site"
"$coachbook" build --root handbook --package zip
[[ -f handbook/public.zip ]] || fail "build --package zip wrote no zip"
# The sample handbook the crate ships builds too.
"$coachbook" build --root sample
[[ -f sample/public/index.html ]] || fail "the sample built no site"

echo "==> packaged crate checked in $((SECONDS - started)) s"
