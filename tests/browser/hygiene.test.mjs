// Secret hygiene: during a full browser flow (debug logging on), capture every
// console line, every request (URL, headers, body) and every value returned to
// JS, then look for private keys in all of it. Every 64-hex-digit run is
// tried as a secp256k1 key: none may belong to a session key or the client key.
// The only allowed places are the Authorization header (the bearer token holds
// the public key and a signature) and exportPrivateKey()'s own return.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { privateKeyToAccount } from "viem/accounts";
import { setup, clientOptions, DEV_CLIENT_PRIVATE_KEY } from "./harness.mjs";

let h;
before(async () => { h = await setup(); });
after(async () => h?.close());

test("no private key reaches a console line, a request or a returned value", async () => {
  const page = await h.page();
  const consoleLines = [];
  const requests = [];
  page.on("console", (m) => consoleLines.push(m.text()));
  page.on("request", (r) => {
    const headers = { ...r.headers() };
    delete headers.authorization; // allowed: the bearer token
    requests.push(JSON.stringify({ url: r.url(), headers, body: r.postData() ?? "" }));
  });
  const out = await page.evaluate(async (opts) => {
    const okto = window.okto;
    const returned = [];
    const keep = (v) => { returned.push(typeof v === "string" ? v : JSON.stringify(v)); return v; };
    const c = new okto.OktoClient({ ...opts, debug: (l) => console.log(l) });
    keep(await c.loginUsingOAuth({ idToken: fakeJwt("hygiene@example.com"), provider: "google" }));
    const bearer = keep(await c.getAuthorizationToken());
    for (const m of ["getAccount", "getChains", "getTokens", "getPortfolio", "getPortfolioActivity", "getPortfolioNFT", "getOrdersHistory", "getUserKeys", "verifyLogin"]) keep(await c[m]());
    keep(c.userSWA); keep(c.clientSWA); keep(c.sessionExpiry); keep(String(c)); keep(JSON.stringify(c));
    await c.saveSession("hygiene");
    const d = new okto.OktoClient(opts);
    keep(await d.loadSession("hygiene"));
    keep(await d.getAuthorizationToken());
    const sent = keep(await d.sendOTP("hygiene@example.com", "email"));
    keep(await d.loginUsingEmail("hygiene@example.com", "123456", sent.token));
    keep(await d.getAuthorizationToken());
    await d.forgetSession("hygiene");
    // The offline API.
    const k = okto.SessionKey.generate();
    keep(k.publicKey); keep(k.address); keep(k.authToken()); keep(k.signMessage("hi")); keep(String(k)); keep(JSON.stringify(k));
    keep(Object.keys(k)); keep(okto.mintAuthToken(k));
    keep(okto.buildAuthPayload({ authData: { idToken: fakeJwt("x"), provider: "google" }, session: k, clientSWA: opts.clientSWA, clientPrivateKey: opts.clientPrivateKey }));
    keep(okto.generatePaymasterData({ clientSWA: opts.clientSWA, clientPrivateKey: opts.clientPrivateKey, nonce: crypto.randomUUID(), validUntil: 2e9 }));
    try { okto.SessionKey.fromPrivateKey(opts.clientPrivateKey + "00"); } catch (e) { keep(e.message); }
    try { new okto.OktoClient({ ...opts, clientPrivateKey: opts.clientPrivateKey.slice(0, -1) + "g" }); } catch (e) { keep(e.message); }
    const exported = k.exportPrivateKey(); // the one allowed way out: checked, not kept
    c.sessionClear(); d.sessionClear(); k.free();
    return { returned, bearer, exported, storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) };
  }, clientOptions(h.gateway.url));

  const haystack = [...consoleLines, ...requests, ...out.returned, out.storage].join("\n");
  assert.ok(consoleLines.length > 10, "debug logging produced lines");
  assert.ok(requests.length > 10, "requests were captured");
  assert.ok(out.bearer.length > 100);

  // The keys we know of: the client key, and the session keys whose public keys the tokens carry.
  const sessionPubs = new Set();
  for (const m of haystack.matchAll(/"session_pub_key":"(0x04[0-9a-f]{128})"/g)) sessionPubs.add(m[1]);
  for (const t of out.returned.filter((v) => v.startsWith("eyJ0eXBlIjoiZWNkc2FfdW5jb21wcmVzc2VkIi"))) {
    sessionPubs.add(JSON.parse(atob(t)).data.session_pub_key);
  }
  const clientAddress = privateKeyToAccount(DEV_CLIENT_PRIVATE_KEY).address;
  assert.equal(privateKeyToAccount(out.exported).publicKey.length, 132);
  sessionPubs.add(privateKeyToAccount(out.exported).publicKey);

  const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  let candidates = 0;
  for (const m of haystack.matchAll(/[0-9a-fA-F]{64,}/g)) {
    const run = m[0];
    // Every 64-digit window of a longer run: a key could hide inside a blob.
    for (let i = 0; i + 64 <= run.length; i += 2) {
      const hex = "0x" + run.slice(i, i + 64).toLowerCase();
      const k = BigInt(hex);
      if (k === 0n || k >= N) continue;
      candidates++;
      const acct = privateKeyToAccount(hex);
      assert.ok(!sessionPubs.has(acct.publicKey), `a session private key leaked: …${run.slice(Math.max(0, i - 20), i + 8)}…`);
      assert.notEqual(acct.address, clientAddress, "the client private key leaked");
    }
  }
  assert.ok(!haystack.toLowerCase().includes(DEV_CLIENT_PRIVATE_KEY.slice(2)), "the client private key text leaked");
  assert.ok(!haystack.toLowerCase().includes(out.exported.slice(2)), "an exported key leaked elsewhere");
  console.log(`# hygiene: ${consoleLines.length} console lines, ${requests.length} requests, ${out.returned.length} returned values, ${candidates} 64-hex candidates tried, ${sessionPubs.size} session keys checked`);
  await page.close();
});
