#!/usr/bin/env bash
# Builds the package: pkg/ (web target, what npm users get) and pkg-node/
# (nodejs target, for back ends and Node tests), each run through npm's
# binaryen wasm-opt, then merges pkg-template/ into pkg/.
# Usage: tests/build.sh [--dev]   (--dev skips wasm-opt for a faster loop)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tests/setup.sh"
cd "$ROOT"

OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
for target in web nodejs; do
  out=pkg; [ "$target" = nodejs ] && out=pkg-node
  wasm-pack --quiet build --release --target "$target" --out-dir "$out" --no-pack >/dev/null
  if [ "${1:-}" != "--dev" ]; then
    wasm-opt "${OPT_FLAGS[@]}" --strip-debug --strip-producers "$out/okto_wasm_bg.wasm" -o "$out/okto_wasm_bg.wasm.opt"
    mv "$out/okto_wasm_bg.wasm.opt" "$out/okto_wasm_bg.wasm"
  fi
  rm -f "$out/.gitignore"
done
# The web glue carries every doc comment (the .d.ts keeps them): minify it.
if [ "${1:-}" != "--dev" ]; then
  esbuild pkg/okto_wasm.js --minify --format=esm --target=es2020 --log-level=warning --outfile=pkg/okto_wasm.min.js
  mv pkg/okto_wasm.min.js pkg/okto_wasm.js
fi
# The entry point (index.js: OktoClient and fetch) and the typings: ESM for
# the web build, CommonJS for the Node build.
cp -r pkg-template/. pkg/
esbuild pkg-template/index.js --format=cjs --platform=node --target=node20 --log-level=warning \
  --outfile=pkg-node/index.js
cp pkg-template/index.d.ts pkg-node/index.d.ts
if [ "${1:-}" != "--dev" ]; then
  esbuild pkg-template/index.js --minify --format=esm --target=es2020 --log-level=warning \
    --outfile=pkg/index.js
fi
printf '[build] pkg/okto_wasm_bg.wasm: %s bytes\n' "$(stat -c %s pkg/okto_wasm_bg.wasm)" >&2
