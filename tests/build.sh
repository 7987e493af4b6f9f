#!/usr/bin/env bash
# Builds the package: pkg/ (web target, what npm users get) and pkg-node/
# (nodejs target, for back ends and Node tests), each run through npm's
# binaryen wasm-opt, then merges pkg-template/ into pkg/.
# Usage: tests/build.sh [--dev]   (--dev skips wasm-opt for a faster loop)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tests/setup.sh"
cd "$ROOT"

# --low-memory-unused: rustc's data starts at 1 MiB and the stack grows down from
# there, so the lowest 1 KiB is only touched by a ~1 MiB-deep stack (which would
# corrupt memory anyway); lets wasm-opt fold address arithmetic into load offsets.
# --one-caller-inline-max-function-size=30: by default -Oz inlines every function
# that has one caller, whatever its size; stopping at 30 leaves 3 KB more raw
# wasm but 2.5 KB less gzip (measured; an inlined body gets renumbered locals,
# so it shares fewer byte sequences with the rest of the module).
OPT_FLAGS=(-Oz --low-memory-unused --one-caller-inline-max-function-size=30 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
for target in web nodejs; do
  out=pkg; [ "$target" = nodejs ] && out=pkg-node
  wasm-pack --quiet build --release --target "$target" --out-dir "$out" --no-pack >/dev/null
  if [ "${1:-}" != "--dev" ]; then
    # --strip-target-features: the target_features section is for linkers, not engines.
    wasm-opt "${OPT_FLAGS[@]}" --converge --strip-debug --strip-producers --strip-target-features \
      "$out/okto_wasm_bg.wasm" -o "$out/okto_wasm_bg.wasm.opt"
    mv "$out/okto_wasm_bg.wasm.opt" "$out/okto_wasm_bg.wasm"
  fi
  rm -f "$out/.gitignore"
done
# The web glue carries every doc comment (the .d.ts keeps them): minify it.
if [ "${1:-}" != "--dev" ]; then
  # (SessionKey defines its own free(): the later of the two class members wins, on purpose.)
  esbuild pkg/okto_wasm.js --minify --format=esm --target=es2020 --log-level=warning \
    --log-override:duplicate-class-member=silent --outfile=pkg/okto_wasm.min.js
  mv pkg/okto_wasm.min.js pkg/okto_wasm.js
fi
# The entry point (index.js: OktoClient and fetch) and the typings: ESM for
# the web build, CommonJS for the Node build (pkg-node/, also shipped in the
# npm package as node/). The version and git commit are baked in.
VERSION="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' pkg-template/package.json)"
COMMIT="$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
DEFINES=(--define:__OKTO_VERSION__="\"$VERSION\"" --define:__OKTO_COMMIT__="\"$COMMIT\"")
cp pkg-template/index.d.ts pkg-template/package.json pkg-template/README.md pkg/
esbuild pkg-template/index.js --format=cjs --platform=node --target=node20 --log-level=warning \
  "${DEFINES[@]}" --outfile=pkg-node/index.js
esbuild pkg-template/index.js --format=esm --platform=node --target=node20 --log-level=warning \
  "${DEFINES[@]}" --outfile=pkg-node/index.mjs
cp pkg-template/index.d.ts pkg-node/index.d.ts
MINIFY=(--minify); [ "${1:-}" = "--dev" ] && MINIFY=()
# es2022: index.js's private class members stay native instead of WeakMap
# helpers (-356 B gzip). They need Chrome 84, Firefox 90, Safari 15; the .wasm
# already needs Chrome 96, Firefox 79, Safari 15 (reference types).
esbuild pkg-template/index.js "${MINIFY[@]}" --format=esm --target=es2022 --log-level=warning \
  "${DEFINES[@]}" --outfile=pkg/index.js
# The npm package's node/ folder: CommonJS inside a "type": "module" package.
rm -rf pkg/node && mkdir -p pkg/node
cp pkg-node/index.js pkg-node/index.mjs pkg-node/index.d.ts pkg-node/okto_wasm.js pkg-node/okto_wasm.d.ts pkg-node/okto_wasm_bg.wasm pkg/node/
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
printf '[build] pkg/okto_wasm_bg.wasm: %s bytes\n' "$(stat -c %s pkg/okto_wasm_bg.wasm)" >&2
