#!/usr/bin/env bash
# Installs whatever this project needs and the machine lacks. Idempotent: each
# step is skipped when the right version is already there. Sourced by
# tests/run.sh and www/demo.sh; never downloads a browser or binary of its own
# (only crates.io, npm and Debian packages are reachable).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

# The wasm-bindgen CLI must equal the `=` pin in Cargo.toml.
WB_VERSION="$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml")"
[ -n "$WB_VERSION" ] || { echo "setup: no '=' pin for wasm-bindgen in Cargo.toml" >&2; exit 1; }

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! command -v wasm-pack >/dev/null; then
  log "installing wasm-pack (about 5 minutes)"
  cargo install wasm-pack
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: node and npm are required (Node 20)" >&2; exit 1
fi

# Node tooling (viem, the official SDK, playwright-core, binaryen, esbuild) lives in tests/.
if [ ! -d "$ROOT/tests/node_modules" ] || [ "$ROOT/tests/package-lock.json" -nt "$ROOT/tests/node_modules/.package-lock.json" ]; then
  log "installing the Node test tooling (npm ci)"
  (cd "$ROOT/tests" && npm ci --no-audit --no-fund --loglevel=error)
fi

# npm's binaryen wasm-opt goes first on PATH: Debian's binaryen 108 breaks
# wasm-bindgen 0.2.130 output.
export PATH="$ROOT/tests/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
