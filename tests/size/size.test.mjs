// Size budget: okto-wasm's web package (.wasm + JS glue) against the official
// SDK's browser bundle, both gzip -9, built in this same run. Fails over 1.0×;
// the target is 0.5×. Figures go to tests/out/size.json for docs/BENCHMARKS.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

test("web package gzip size is at most 1.0x the official SDK's bundle (target 0.5x)", async () => {
  const result = await esbuild.build({
    entryPoints: [join(here, "official-entry.js")],
    bundle: true, minify: true, format: "esm", platform: "browser", write: false,
    inject: [join(here, "buffer-shim.js")], logLevel: "silent",
  });
  const theirs = sizes(Buffer.from(result.outputFiles[0].contents));
  const wasm = readFileSync(join(root, "pkg", "okto_wasm_bg.wasm"));
  // The glue: wasm-bindgen's okto_wasm.js plus our index.js (OktoClient, fetch).
  const glue = Buffer.concat([readFileSync(join(root, "pkg", "okto_wasm.js")), readFileSync(join(root, "pkg", "index.js"))]);
  const ours = {
    wasm: sizes(wasm), glue: sizes(glue),
    raw: wasm.length + glue.length,
    gzip: sizes(wasm).gzip + sizes(glue).gzip,
    brotli: sizes(wasm).brotli + sizes(glue).brotli,
  };
  const ratio = ours.gzip / theirs.gzip;
  const line = (name, s) => `# ${name.padEnd(28)} raw ${String(s.raw).padStart(8)}  gzip-9 ${String(s.gzip).padStart(7)}  brotli ${String(s.brotli).padStart(7)}`;
  console.log(line("okto-wasm (.wasm + js)", ours));
  console.log(line("official SDK (esbuild, min)", theirs));
  console.log(`# gzip ratio okto-wasm / official: ${ratio.toFixed(3)} (budget 1.0, target 0.5)`);
  mkdirSync(join(root, "tests", "out"), { recursive: true });
  writeFileSync(join(root, "tests", "out", "size.json"), JSON.stringify({ ours, theirs, ratio, esbuild: esbuild.version }, null, 2));
  assert.ok(ratio <= 1.0, `gzip ratio ${ratio.toFixed(3)} is over budget`);
});
