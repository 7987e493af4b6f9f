// Sessions that survive reloads (IndexedDB, AES-GCM under a non-extractable
// WebCrypto key): save → reload → load → explorer; tampered, expired and
// other-client records refused and deleted; two tabs share one session; no key
// material in localStorage, sessionStorage or the stored record.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, clientOptions } from "./harness.mjs";

const SESSION_KEY = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"; // Anvil #9
let h, ctx;
before(async () => {
  h = await setup();
  ctx = await h.browser.newContext(); // one origin's storage shared by its pages
});
after(async () => { await ctx?.close(); await h?.close(); });

async function page() {
  const p = await ctx.newPage();
  await p.goto(h.site.url + "/tests/browser/page.html");
  await p.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
  return p;
}

/** Runs `fn(okto, opts, arg)` in `p`; errors come back as {code, message}. */
async function run(p, fn, arg, extra = {}) {
  return p.evaluate(async ({ src, opts, arg }) => {
    const f = new Function("return " + src)();
    try { return { ok: await f(window.okto, opts, arg) }; } catch (e) { return { err: { name: e?.name, code: e?.code, message: String(e?.message) } }; }
  }, { src: fn.toString(), opts: clientOptions(h.gateway.url, extra), arg });
}

/** Logs in through the gateway with a known session key (so the test can look for it) and adopts it. */
async function adopt(p, expiryOffset) {
  return run(p, async (okto, opts, { key, expiryOffset }) => {
    const session = okto.SessionKey.fromPrivateKey(key);
    const payload = okto.buildAuthPayload({ authData: { idToken: fakeJwt("persist@example.com"), provider: "google" }, session, clientSWA: opts.clientSWA, clientPrivateKey: opts.clientPrivateKey });
    const res = await fetch(opts.gatewayUrl + "/api/oc/v1/authenticate", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) }).then((r) => r.json());
    const c = new okto.OktoClient(opts);
    c.setSession(session, res.data.userSWA, expiryOffset === undefined ? res.data.sessionExpiry : Math.floor(Date.now() / 1000) + expiryOffset);
    session.free();
    await c.saveSession();
    return res.data.userSWA;
  }, { key: SESSION_KEY, expiryOffset });
}

const load = (p, extra) => run(p, async (okto, opts) => {
  const c = new okto.OktoClient(opts);
  const loaded = await c.loadSession();
  return { loaded, swa: c.userSWA, wallets: loaded ? (await c.getAccount()).length : 0 };
}, null, extra);

const recordExists = (p) => p.evaluate(() => new Promise((ok) => {
  const open = indexedDB.open("okto-wasm", 1);
  open.onsuccess = () => { const g = open.result.transaction("sessions").objectStore("sessions").get("default"); g.onsuccess = () => { ok(g.result !== undefined); open.result.close(); }; };
}));

/** Changes the saved "default" record in place, as an attacker with IndexedDB access could. */
const editRecord = (p, change) => p.evaluate((change) => new Promise((ok) => {
  const open = indexedDB.open("okto-wasm", 1);
  open.onsuccess = () => {
    const s = open.result.transaction("sessions", "readwrite").objectStore("sessions");
    const g = s.get("default");
    g.onsuccess = () => {
      const r = g.result;
      if (change === "flip-ciphertext-byte") {
        const ct = new Uint8Array(r.ciphertext);
        ct[3] ^= 1;
        r.ciphertext = ct.buffer;
      } else {
        r.userSWA = "0x000000000000000000000000000000000000dEaD";
      }
      s.put(r, "default").onsuccess = () => { open.result.close(); ok(); };
    };
  };
}), change);

test("save, reload the page, load, then call an explorer method", async () => {
  const p = await page();
  const swa = (await adopt(p)).ok;
  await p.reload();
  await p.waitForFunction(() => window.ready === true);
  const r = await load(p);
  assert.ok(r.ok, JSON.stringify(r.err));
  assert.deepEqual({ loaded: r.ok.loaded, swa: r.ok.swa }, { loaded: true, swa });
  assert.ok(r.ok.wallets > 0);
  await p.close();
});

test("no key material in localStorage, sessionStorage or the stored record", async () => {
  const p = await page();
  await adopt(p);
  const found = await p.evaluate(async (hexKey) => {
    const needle = hexKey.slice(2).toLowerCase();
    const dump = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    const record = await new Promise((ok) => {
      const open = indexedDB.open("okto-wasm", 1);
      open.onsuccess = () => { const g = open.result.transaction("sessions").objectStore("sessions").get("default"); g.onsuccess = () => { ok(g.result); open.result.close(); }; };
    });
    const bytes = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
    const recordText = JSON.stringify(record) + bytes(record.ciphertext) + bytes(record.iv);
    return { inStorage: dump.toLowerCase().includes(needle), inRecord: recordText.toLowerCase().includes(needle), storageLen: localStorage.length + sessionStorage.length, ctLen: record.ciphertext.byteLength };
  }, SESSION_KEY);
  assert.deepEqual(found, { inStorage: false, inRecord: false, storageLen: 0, ctLen: 48 });
  await p.close();
});

test("a tampered record is refused with SESSION_TAMPERED and deleted", async () => {
  const p = await page();
  await adopt(p);
  await editRecord(p, "flip-ciphertext-byte");
  const r = await load(p);
  assert.equal(r.err?.code, "SESSION_TAMPERED", JSON.stringify(r));
  assert.equal(await recordExists(p), false);
  // Changing the metadata (here the user SWA) is caught too: it is bound as AAD.
  await adopt(p);
  await editRecord(p, "change-user-swa");
  assert.equal((await load(p)).err?.code, "SESSION_TAMPERED");
  await p.close();
});

test("an expired session is refused with SESSION_EXPIRED and deleted", async () => {
  const p = await page();
  await adopt(p, 1);
  await new Promise((ok) => setTimeout(ok, 2100));
  const r = await load(p);
  assert.equal(r.err?.code, "SESSION_EXPIRED", JSON.stringify(r));
  assert.equal(await recordExists(p), false);
  await p.close();
});

test("another client's session is refused with SESSION_MISMATCH", async () => {
  const p = await page();
  await adopt(p);
  const r = await load(p, { clientSWA: "0x8617E340B3D01FA5F11F306F4090FD50E238070D" });
  assert.equal(r.err?.code, "SESSION_MISMATCH", JSON.stringify(r));
  assert.equal(await recordExists(p), false);
  await p.close();
});

test("two tabs load the same session and both work", async () => {
  const a = await page();
  const swa = (await adopt(a)).ok;
  const b = await page();
  const [ra, rb] = await Promise.all([load(a), load(b)]);
  assert.equal(ra.ok?.swa, swa, JSON.stringify(ra));
  assert.equal(rb.ok?.swa, swa, JSON.stringify(rb));
  assert.ok(ra.ok.wallets > 0 && rb.ok.wallets > 0);
  await a.close();
  await b.close();
});

test("loadSession resolves false when nothing is saved; forgetSession removes the record", async () => {
  const p = await page();
  await adopt(p);
  const r = await run(p, async (okto, opts) => {
    const c = new okto.OktoClient(opts);
    await c.forgetSession();
    return c.loadSession();
  });
  assert.equal(r.ok, false);
  await p.close();
});
