// CI perf guard (fast): in one headless Chromium page, okto-wasm's auth token mint
// (`SessionKey.authToken`) against the official SDK's `getAuthorizationToken()`,
// 200 tokens each, alternating over 3 rounds after a warm-up. Fails when
// okto-wasm's median is slower. The full benchmarks are tests/bench/run.mjs.
//
//   tests/build.sh && cd tests && node --test perfguard/
//   PERFGUARD_PKG=/tests/bench/out/pkg-NAME/index.js node --test perfguard/   (a tests/bench/build-variant.sh build)
import { test } from "node:test";
import assert from "node:assert/strict";
import { startStatic } from "../../www/serve.mjs";
import { DEV_CLIENT_PRIVATE_KEY, DEV_CLIENT_SWA } from "../gateway/server.mjs";
import { ROOT, SESSION_PRIVATE_KEY, launch, officialBundle, median } from "../bench/common.mjs";

const TOKENS = 200;
const ROUNDS = 3;
const PKG = process.env.PERFGUARD_PKG ?? "/pkg/index.js";

test(`auth token mint: okto-wasm is not slower than the official SDK (${TOKENS} tokens each, ${ROUNDS} alternating rounds)`, { timeout: 60_000 }, async () => {
  const bundle = await officialBundle(); // exactly as tests/size bundles it
  const site = await startStatic({ root: ROOT });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route(`${site.url}/__perfguard/official.js`, (route) => route.fulfill({ body: bundle, contentType: "text/javascript" }));
    await page.goto(`${site.url}/tests/bench/bench.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 20_000 });
    const r = await page.evaluate(async ({ p, tokens, rounds, pkg }) => {
      const b = window.bench;
      await b.loadOurs(pkg);
      await b.loadTheirs("/__perfguard/official.js");
      b.quiet();
      b.setup(p);
      const same = (await b.check()).token;
      await b.warm("token", "ours", 250);
      await b.warm("token", "theirs", 250);
      const ms = { ours: [], theirs: [] };
      for (let i = 0; i < rounds; i++) {
        for (const lib of i % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"]) {
          ms[lib].push((await b.run("token", lib, tokens)) / tokens);
        }
      }
      return { same, ms };
    }, { p: { sessionHex: SESSION_PRIVATE_KEY, clientPrivateKey: DEV_CLIENT_PRIVATE_KEY, clientSWA: DEV_CLIENT_SWA }, tokens: TOKENS, rounds: ROUNDS, pkg: PKG });
    assert.deepEqual(errors, []);
    assert.equal(r.same, true, "the two libraries must mint the same token for the same inputs");
    const ours = median(r.ms.ours);
    const theirs = median(r.ms.theirs);
    const fmt = (x) => `${x.toFixed(3)} ms/op (${Math.round(1000 / x)} ops/s)`;
    console.log(`# okto-wasm   ${fmt(ours)}  rounds: ${r.ms.ours.map((x) => x.toFixed(3)).join(", ")}`);
    console.log(`# official    ${fmt(theirs)}  rounds: ${r.ms.theirs.map((x) => x.toFixed(3)).join(", ")}`);
    console.log(`# okto-wasm is ${(theirs / ours).toFixed(2)}x the official SDK's speed (${PKG}, Chromium ${browser.version()})`);
    assert.ok(ours <= theirs, `okto-wasm mints a token in ${ours.toFixed(3)} ms, slower than the official SDK's ${theirs.toFixed(3)} ms (${(theirs / ours).toFixed(2)}x)`);
  } finally {
    await browser.close();
    await site.close();
  }
});
