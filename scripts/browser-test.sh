#!/usr/bin/env bash
# Checks the built handbook in a real browser: every page through the Nu HTML
# Checker, axe-core on every page in light and dark, and end-to-end tests in
# headless Chromium (navigation, the phone menu, dark mode, print, offline),
# the sample served under a sub-path by nginx, the `--package zip` zip
# extracted and opened from disk, and the SCORM packages validated with
# xmllint and played in a host page running scorm-again. Screenshots for
# reviewers land in target/screenshots/.
#
# Installs what it needs when it is missing: Debian's chromium, a Java
# runtime, nginx-light, unzip and libxml2-utils (with apt-get, as root),
# and the npm packages from package-lock.json.
#
# Usage: scripts/browser-test.sh [path/to/coachbook]   (default: the debug build, which it builds)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
[[ -x "${CHROMIUM:-/usr/bin/chromium}" ]] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
[[ -x "${NGINX:-/usr/sbin/nginx}" ]] || missing+=(nginx-light)
command -v unzip >/dev/null || missing+=(unzip)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "error: the browser tests need: ${missing[*]}" >&2
        echo "  = help: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "==> apt-get install -y ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --ignore-scripts: vnu-jar's install script would download a Java runtime;
# we use the system's.
echo "==> npm ci"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

binary="${1:-${CARGO_TARGET_DIR:-target}/debug/coachbook}"
if [[ $# -eq 0 ]]; then
    cargo build --quiet
fi

echo "==> building the handbooks to check"
node tests/browser/build-sites.mjs "$binary"

echo "==> browser tests"
# Tests that build handbooks of their own use the same binary.
export COACHBOOK="$binary"
node --test --test-concurrency=2 tests/browser/*.test.mjs
