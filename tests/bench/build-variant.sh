#!/usr/bin/env bash
# Builds okto-wasm's web package from a clean export of a commit into
# tests/bench/out/pkg-NAME, the way tests/build.sh builds pkg/ (cargo release
# build, wasm-bindgen --target web, wasm-opt -Oz, esbuild-minified JS), with
# extra cargo arguments, so that run.mjs can measure a build without touching the
# work tree or pkg/:
#
#   tests/bench/build-variant.sh head                      # HEAD as it is
#   tests/bench/build-variant.sh k256-o3 --config 'profile.release.package.k256.opt-level=3'
#   tests/bench/build-variant.sh tables --features k256/precomputed-tables
#   COMMIT=abc123 tests/bench/build-variant.sh old
#   KEEP_NAMES=1 tests/bench/build-variant.sh names      # wasm-opt -g: function names kept, for profiles
#   cd tests && node bench/run.mjs --pkg tests/bench/out/pkg-k256-o3
#
# Uses target/bench-variants/ as its cargo target directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NAME="${1:?usage: build-variant.sh NAME [cargo args...]}"; shift
COMMIT="${COMMIT:-HEAD}"
OUT="$ROOT/tests/bench/out/pkg-$NAME"
export PATH="$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="$ROOT/target/bench-variants"

SRC="$(mktemp -d)"
trap 'rm -rf "$SRC"' EXIT
git -C "$ROOT" archive "$COMMIT" | tar -x -C "$SRC"
cd "$SRC"
cargo build --quiet --release --lib --target wasm32-unknown-unknown "$@"
rm -rf "$OUT"; mkdir -p "$OUT"
wasm-bindgen --target web --out-dir "$OUT" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/okto_wasm.wasm"
STRIP=(--strip-debug --strip-producers)
[ -n "${KEEP_NAMES:-}" ] && STRIP=(-g)
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue "${STRIP[@]}" \
  "$OUT/okto_wasm_bg.wasm" -o "$OUT/okto_wasm_bg.wasm"
esbuild "$OUT/okto_wasm.js" --minify --format=esm --target=es2020 --log-level=warning --outfile="$OUT/okto_wasm.min.js"
mv "$OUT/okto_wasm.min.js" "$OUT/okto_wasm.js"
esbuild pkg-template/index.js --minify --format=esm --target=es2020 --log-level=warning --outfile="$OUT/index.js"
printf '%s %s %s%s\n' "$(git -C "$ROOT" rev-parse --short "$COMMIT")" "$NAME" "$*" "${KEEP_NAMES:+ (names kept)}" > "$OUT/VARIANT"
printf '[variant] %s: %s bytes (.wasm), commit %s, cargo args: %s\n' "$OUT" "$(stat -c %s "$OUT/okto_wasm_bg.wasm")" "$(git -C "$ROOT" rev-parse --short "$COMMIT")" "$*" >&2
