#!/usr/bin/env bash
# Runs every check of the project, as CI does: formatting, lints, the whole
# Rust test suite (unit tests and end-to-end tests through the binary), the
# packaged crate installed and run (scripts/crate-test.sh), then the browser
# tests of the built handbook (scripts/browser-test.sh).
#
# Usage: scripts/test.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> cargo fmt --check"
cargo fmt --check

echo "==> cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings

echo "==> cargo test"
cargo test --all-targets

echo "==> packaged crate: cargo package, cargo install, init and build"
scripts/crate-test.sh

echo "==> browser tests (HTML check, axe, end-to-end)"
scripts/browser-test.sh
