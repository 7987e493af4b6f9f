#!/usr/bin/env bash
# Runs every suite: lint, native Rust tests, the package build, the browser
# tests in headless Chromium, and the Node suites (differential, bad input,
# size budget, dev gateway). Installs what is missing first (tests/setup.sh).
# Each suite runs even when an earlier one failed; the exit code is non-zero
# when any failed, and the last lines summarise them.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source tests/setup.sh || { echo "setup failed" >&2; exit 1; }

passed=0; failed=0; failures=()
suite() {
  local name="$1"; shift
  printf '\n\033[1m=== %s\033[0m\n' "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}
node_suite() { (cd "$ROOT/tests" && node --test --test-reporter=spec "$@"); }

suite "cargo fmt --check" cargo fmt --check
suite "cargo clippy (native, all targets)" cargo clippy --quiet --all-targets -- -D warnings
suite "cargo clippy (wasm32)" cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
suite "cargo test (native core)" cargo test --quiet --lib
suite "fuzz: every parser, 1,000,000 inputs each (release, fixed seed)" cargo test --quiet --release --test fuzz -- --nocapture
suite "build pkg/ and pkg-node/" tests/build.sh
suite "wasm-pack test --headless --chrome" wasm-pack test --headless --chrome
for dir in diff node size perfguard types gateway browser consumers demo; do
  [ -d "tests/$dir" ] && suite "node --test tests/$dir" node_suite "$dir/"
done

printf '\n=== summary\n'
for f in "${failures[@]}"; do printf 'FAILED: %s\n' "$f"; done
printf 'suites: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
