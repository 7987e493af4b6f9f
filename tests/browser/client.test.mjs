// OktoClient in headless Chromium against the strict dev gateway: the whole
// login flow over both transports, every explorer method, token reuse and
// re-mint, verifyLogin, each misbehaviour mapped to its error code, timeouts,
// retries (GET only), OTP, delegated sessions, and a Web Worker.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, clientOptions } from "./harness.mjs";

let h;
let page;
before(async () => {
  h = await setup();
  page = await h.page();
});
after(async () => h?.close());

/** Runs `fn(okto, opts, arg)` in the page; errors come back as plain objects. */
async function run(fn, arg, extra = {}) {
  return page.evaluate(
    async ({ src, opts, arg }) => {
      const f = new Function("return " + src)();
      try {
        return { ok: await f(window.okto, opts, arg) };
      } catch (e) {
        return { err: { name: e?.name, code: e?.code, status: e?.status, rpcCode: e?.rpcCode, errorCode: e?.errorCode, message: String(e?.message) } };
      }
    },
    { src: fn.toString(), opts: clientOptions(h.gateway.url, extra), arg },
  );
}

const stats = () => h.admin("stats");
const misbehave = (body) => h.admin("misbehave", body);

for (const authTransport of ["rpc", "rest"]) {
  test(`login over ${authTransport}, then every explorer method`, async () => {
    const r = await run(async (okto, opts) => {
      const c = new okto.OktoClient(opts);
      const swa = await c.loginUsingOAuth({ idToken: fakeJwt("alice@example.com"), provider: "google" });
      const out = { swa, userSWA: c.userSWA, loggedIn: c.isLoggedIn(), expiry: c.sessionExpiry };
      out.account = await c.getAccount();
      out.chains = await c.getChains();
      out.tokens = await c.getTokens();
      out.portfolio = await c.getPortfolio();
      out.activity = await c.getPortfolioActivity();
      out.nft = await c.getPortfolioNFT();
      out.orders = await c.getOrdersHistory();
      out.ordersFiltered = await c.getOrdersHistory({ intentType: "TOKEN_TRANSFER", status: "SUCCESSFUL" });
      out.keys = await c.getUserKeys();
      out.read = await c.readContractData({ caip2id: "eip155:137", data: { contractAddress: "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174", abi: { name: "decimals", type: "function", stateMutability: "view", inputs: [], outputs: [{ name: "", type: "uint8" }] }, args: {} } });
      out.verified = await c.verifyLogin();
      return out;
    }, null, { authTransport });
    assert.ok(r.ok, JSON.stringify(r.err));
    const o = r.ok;
    assert.match(o.swa, /^0x[0-9a-fA-F]{40}$/);
    assert.equal(o.userSWA, o.swa);
    assert.equal(o.loggedIn, true);
    assert.ok(o.expiry > Date.now() / 1000);
    assert.ok(Array.isArray(o.account) && o.account.length > 0 && "caipId" in o.account[0] && "networkName" in o.account[0], JSON.stringify(o.account[0]));
    assert.ok(o.chains.some((n) => n.caipId === "eip155:137" && "sponsorshipEnabled" in n && "gsnEnabled" in n));
    assert.ok(Array.isArray(o.tokens));
    assert.ok(o.portfolio && typeof o.portfolio === "object" && "aggregatedData" in o.portfolio && "groupTokens" in o.portfolio, JSON.stringify(o.portfolio));
    assert.ok(Array.isArray(o.activity) && Array.isArray(o.nft) && Array.isArray(o.orders) && Array.isArray(o.ordersFiltered));
    assert.ok(o.keys.ecdsaKeyId && o.keys.userSWA, JSON.stringify(o.keys));
    assert.ok(o.read !== undefined);
    assert.equal(o.verified, true);
    // No snake_case key survives anywhere in the results.
    assert.ok(!/"[a-z0-9]+_[a-z]/.test(JSON.stringify(o)), "a snake_case key reached the caller");
  });
}

test("the same (provider, subject) gets the same SWA; another subject another", async () => {
  const r = await run(async (okto, opts) => {
    const a = new okto.OktoClient(opts), b = new okto.OktoClient(opts), c = new okto.OktoClient(opts);
    return [
      await a.loginUsingOAuth({ idToken: fakeJwt("same"), provider: "google" }),
      await b.loginUsingOAuth({ idToken: fakeJwt("same"), provider: "google" }),
      await c.loginUsingOAuth({ idToken: fakeJwt("other"), provider: "google" }),
    ];
  });
  assert.equal(r.ok[0], r.ok[1]);
  assert.notEqual(r.ok[0], r.ok[2]);
});

test("token reuse: two calls, one signature; re-mint near expiry", async () => {
  const r = await run(async (okto, opts) => {
    const c = new okto.OktoClient(opts);
    await c.loginUsingOAuth({ idToken: fakeJwt("tok"), provider: "google" });
    const realNow = Date.now;
    try {
      const t0 = await c.getAuthorizationToken();
      await c.getAccount();
      await c.getTokens();
      const base = realNow();
      Date.now = () => base + 60 * 60 * 1000; // +60 min: 30 min left, reused
      const t1 = await c.getAuthorizationToken();
      Date.now = () => base + 86 * 60 * 1000; // +86 min: under 5 min left, re-minted
      const t2 = await c.getAuthorizationToken();
      const decode = (t) => JSON.parse(atob(t));
      return { same: t0 === t1, fresh: t2 !== t1, exp1: decode(t1).data.expire_at, exp2: decode(t2).data.expire_at, base };
    } finally {
      Date.now = realNow;
    }
  });
  assert.ok(r.ok, JSON.stringify(r.err));
  assert.equal(r.ok.same, true, "token was re-signed before it needed to be");
  assert.equal(r.ok.fresh, true, "token was not re-minted near expiry");
  assert.ok(r.ok.exp2 - r.ok.exp1 >= 85 * 60);
});

test("each explorer call reuses one token: the gateway sees one distinct token for many calls", async () => {
  const before = await stats();
  const r = await run(async (okto, opts) => {
    const c = new okto.OktoClient(opts);
    await c.loginUsingOAuth({ idToken: fakeJwt("reuse"), provider: "google" });
    const tokens = new Set();
    for (let i = 0; i < 5; i++) {
      await c.getAccount();
      tokens.add(await c.getAuthorizationToken());
      await new Promise((ok) => setTimeout(ok, 250)); // cross second boundaries
    }
    return tokens.size;
  });
  assert.equal(r.ok, 1);
  const after = await stats();
  assert.ok(JSON.stringify(after) !== JSON.stringify(before));
});

test("verifyLogin is false, and the session cleared, after the gateway forgets it", async () => {
  const r = await run(async (okto, opts) => {
    const c = new okto.OktoClient(opts);
    await c.loginUsingOAuth({ idToken: fakeJwt("forgotten"), provider: "google" });
    const first = await c.verifyLogin();
    await fetch(opts.gatewayUrl + "/__admin/forget-sessions", { method: "POST" });
    const second = await c.verifyLogin();
    return { first, second, loggedIn: c.isLoggedIn() };
  });
  assert.deepEqual(r.ok, { first: true, second: false, loggedIn: false });
});

test("calls before login reject with NOT_LOGGED_IN", async () => {
  const r = await run(async (okto, opts) => new okto.OktoClient(opts).getAccount());
  assert.equal(r.err.name, "OktoError");
  assert.equal(r.err.code, "NOT_LOGGED_IN");
});

test("a refused login surfaces the server's reason (RPC over rpc, HTTP over rest)", async () => {
  for (const [authTransport, code] of [["rpc", "RPC"], ["rest", "HTTP"]]) {
    const r = await run(async (okto, opts) => {
      // A registered client SWA but the wrong client key: the gateway refuses the signatures.
      const c = new okto.OktoClient({ ...opts, clientPrivateKey: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" });
      return c.loginUsingOAuth({ idToken: fakeJwt("mallory"), provider: "google" });
    }, null, { authTransport });
    assert.equal(r.err?.code, code, JSON.stringify(r));
    assert.ok(r.err.message.length > 10);
  }
});

const MODES = [
  ["http500", "HTTP", { status: 500 }],
  ["malformed", "BAD_RESPONSE", {}],
  ["rpc-error", "API", {}],
];
for (const [mode, code, extra] of MODES) {
  test(`misbehaviour ${mode} on a GET maps to ${code}`, async () => {
    const r = await run(async (okto, opts) => {
      const c = new okto.OktoClient({ ...opts, retries: 0 });
      await c.loginUsingOAuth({ idToken: fakeJwt("mis"), provider: "google" });
      await fetch(opts.gatewayUrl + "/__admin/misbehave", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mode: opts.mode, routes: ["/api/oc/v1/wallets"] }) });
      try {
        return await c.getAccount();
      } finally {
        await fetch(opts.gatewayUrl + "/__admin/misbehave", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mode: "off" }) });
      }
    }, null, { mode });
    assert.equal(r.err?.name, "OktoError", JSON.stringify(r));
    assert.equal(r.err.code, code, JSON.stringify(r.err));
    if (extra.status) assert.equal(r.err.status, extra.status);
  });
}

test("a JSON-RPC error object on authenticate maps to RPC with rpcCode", async () => {
  await misbehave({ mode: "rpc-error", routes: ["/rpc"] });
  try {
    const r = await run(async (okto, opts) => new okto.OktoClient(opts).loginUsingOAuth({ idToken: fakeJwt("rpcerr"), provider: "google" }));
    assert.equal(r.err?.code, "RPC", JSON.stringify(r));
    assert.equal(typeof r.err.rpcCode, "number");
  } finally {
    await misbehave({ mode: "off" });
  }
});

test("a timeout is honoured and maps to NETWORK", async () => {
  await misbehave({ mode: "timeout", routes: ["/api/oc/v1/wallets"] });
  try {
    const r = await run(async (okto, opts) => {
      const c = new okto.OktoClient({ ...opts, timeoutMs: 300, retries: 0 });
      await c.loginUsingOAuth({ idToken: fakeJwt("slow"), provider: "google" });
      const t0 = performance.now();
      try {
        await c.getAccount();
        return { elapsed: performance.now() - t0 };
      } catch (e) {
        return { elapsed: performance.now() - t0, code: e.code, message: e.message };
      }
    });
    assert.equal(r.ok.code, "NETWORK", JSON.stringify(r));
    assert.match(r.ok.message, /timed out after 300 ms/);
    assert.ok(r.ok.elapsed >= 290 && r.ok.elapsed < 3000, `took ${r.ok.elapsed} ms`);
  } finally {
    await misbehave({ mode: "off" });
  }
});

test("GETs are retried after a 5xx; POSTs never are", async () => {
  const count = (s, key) => s.requests?.[key] ?? 0;
  // Two 500s, then success: a GET with retries: 2 succeeds on the third try.
  const r = await run(async (okto, opts) => {
    const c = new okto.OktoClient({ ...opts, retries: 2 });
    await c.loginUsingOAuth({ idToken: fakeJwt("retry"), provider: "google" });
    await fetch(opts.gatewayUrl + "/__admin/misbehave", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mode: "http500", count: 2, routes: ["/api/oc/v1/supported/tokens"] }) });
    const tokens = await c.getTokens();
    return tokens.length >= 0;
  });
  assert.equal(r.ok, true, JSON.stringify(r));
  const s1 = await stats();
  await misbehave({ mode: "http500", count: 5, routes: ["/api/oc/v1/readContractData"] });
  const before = count(s1, "POST /api/oc/v1/readContractData");
  const r2 = await run(async (okto, opts) => {
    const c = new okto.OktoClient({ ...opts, retries: 3 });
    await c.loginUsingOAuth({ idToken: fakeJwt("noretry"), provider: "google" });
    return c.readContractData({ caip2id: "eip155:137", data: {} });
  });
  await misbehave({ mode: "off" });
  assert.equal(r2.err?.code, "HTTP");
  const s2 = await stats();
  assert.equal(count(s2, "POST /api/oc/v1/readContractData") - before, 1, "a POST was retried");
  assert.ok(count(s2, "GET /api/oc/v1/supported/tokens") >= 3, JSON.stringify(s2.requests));
});

test("an unreachable host maps to NETWORK", async () => {
  const r = await run(async (okto, opts) => {
    const c = new okto.OktoClient({ ...opts, gatewayUrl: "http://127.0.0.1:9", bffUrl: "http://127.0.0.1:9", retries: 0 });
    return c.loginUsingOAuth({ idToken: fakeJwt("nowhere"), provider: "google" });
  });
  assert.equal(r.err?.code, "NETWORK", JSON.stringify(r));
});

test("email and WhatsApp OTP log in with provider okto", async () => {
  const r = await run(async (okto, opts) => {
    const c = new okto.OktoClient(opts);
    const sent = await c.sendOTP("bob@example.com", "email");
    const again = await c.resendOTP("bob@example.com", sent.token, "email");
    const swa = await c.loginUsingEmail("bob@example.com", "123456", again.token ?? sent.token);
    const w = new okto.OktoClient(opts);
    const ws = await w.sendOTP("9876543210", "whatsapp");
    const wswa = await w.loginUsingWhatsApp("9876543210", "123456", ws.token);
    let wrong;
    try { await new okto.OktoClient(opts).loginUsingEmail("bob@example.com", "000000", sent.token); } catch (e) { wrong = e.code; }
    let badContact;
    try { await c.sendOTP("not-an-email", "email"); } catch (e) { badContact = e.code; }
    return { swa, wswa, wrong, badContact, hasToken: typeof sent.token === "string" };
  });
  assert.ok(r.ok, JSON.stringify(r.err));
  assert.match(r.ok.swa, /^0x[0-9a-fA-F]{40}$/);
  assert.match(r.ok.wswa, /^0x[0-9a-fA-F]{40}$/);
  assert.equal(r.ok.hasToken, true);
  assert.ok(["HTTP", "API"].includes(r.ok.wrong), r.ok.wrong);
  assert.equal(r.ok.badContact, "INVALID_ARGUMENT");
});

test("setSession adopts a session; sessionClear forgets it", async () => {
  const r = await run(async (okto, opts) => {
    const a = new okto.OktoClient(opts);
    const swa = await a.loginUsingOAuth({ idToken: fakeJwt("delegate"), provider: "google" });
    // The session key never leaves `a`; to hand a session over, a test logs in
    // with a known key through buildAuthPayload and the gateway instead.
    const key = okto.SessionKey.generate();
    const payload = okto.buildAuthPayload({ authData: { idToken: fakeJwt("delegate"), provider: "google" }, session: key, clientSWA: opts.clientSWA, clientPrivateKey: opts.clientPrivateKey });
    const res = await fetch(opts.gatewayUrl + "/api/oc/v1/authenticate", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) }).then((r) => r.json());
    const b = new okto.OktoClient(opts);
    b.setSession(key, res.data.userSWA);
    key.free(); // b holds its own copy
    const wallets = await b.getAccount();
    b.sessionClear();
    let after;
    try { await b.getAccount(); } catch (e) { after = e.code; }
    return { same: res.data.userSWA === swa, wallets: wallets.length, after, loggedIn: b.isLoggedIn() };
  });
  assert.ok(r.ok, JSON.stringify(r.err));
  assert.deepEqual({ ...r.ok, wallets: r.ok.wallets > 0 }, { same: true, wallets: true, after: "NOT_LOGGED_IN", loggedIn: false });
});

test("bad constructor options throw OktoError naming the option", async () => {
  const r = await run(async (okto, opts) => {
    const cases = [
      [{}, "clientSWA"],
      [{ ...opts, clientSWA: "0x12" }, "clientSWA"],
      [{ ...opts, clientPrivateKey: "0x00" }, "clientPrivateKey"],
      [{ ...opts, environment: "dev" }, "environment"],
      [{ ...opts, authTransport: "grpc" }, "authTransport"],
      [{ ...opts, timeoutMs: -1 }, "timeoutMs"],
      [{ ...opts, gatewayUrl: "ftp://x" }, "gatewayUrl"],
      [{ ...opts, clientSigner: () => "x" }, "clientSigner"],
      [null, "options"],
    ];
    return cases.map(([o, field]) => {
      try { new okto.OktoClient(o); return `no error for ${field}`; } catch (e) { return e.name === "OktoError" && e.message.startsWith(field) ? "ok" : `${e.name} ${e.message}`; }
    });
  });
  assert.deepEqual(r.ok, r.ok.map(() => "ok"));
});

test("a Web Worker logs in and calls an explorer method", async () => {
  const r = await page.evaluate(async (opts) => {
    const src = `
      import init, * as okto from "${location.origin}/pkg/index.js";
      self.onmessage = async ({ data: opts }) => {
        try {
          await init();
          const c = new okto.OktoClient(opts);
          const swa = await c.loginUsingOAuth({ idToken: opts.idToken, provider: "google" });
          const chains = await c.getChains();
          postMessage({ swa, chains: chains.length, inWorker: typeof window === "undefined" });
        } catch (e) {
          postMessage({ error: e.code + ": " + e.message });
        }
      };`;
    const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
    const worker = new Worker(url, { type: "module" });
    const reply = new Promise((ok) => (worker.onmessage = (e) => ok(e.data)));
    worker.postMessage({ ...opts, idToken: fakeJwt("worker") });
    const out = await reply;
    worker.terminate();
    return out;
  }, clientOptions(h.gateway.url));
  assert.ok(!r.error, r.error);
  assert.equal(r.inWorker, true);
  assert.match(r.swa, /^0x[0-9a-fA-F]{40}$/);
  assert.ok(r.chains > 0);
});

test("debug logging redacts bearer tokens and signatures", async () => {
  const r = await run(async (okto, opts) => {
    const lines = [];
    const c = new okto.OktoClient({ ...opts, debug: (l) => lines.push(l) });
    await c.loginUsingOAuth({ idToken: fakeJwt("debug"), provider: "google" });
    await c.getAccount();
    return { lines, token: await c.getAuthorizationToken() };
  });
  const all = r.ok.lines.join("\n");
  assert.ok(r.ok.lines.length >= 4, all);
  assert.ok(!all.includes(r.ok.token.slice(0, 40)), "bearer token in a log line");
  // Every 130-digit hex string left must be a public key (sessionPk / session_pub_key).
  const hexes = all.match(/"[a-zA-Z_]*":"0x[0-9a-f]{130,}"/g) ?? [];
  for (const h of hexes) assert.match(h, /^"(sessionPk|session_pub_key|[a-zA-Z_]*[Pp]ub[a-zA-Z_]*)":"0x04/, `a signature-like value in a log line: ${h.slice(0, 40)}`);
  assert.ok(all.includes("[redacted]"));
});

test("every export throws OktoError NOT_INITIALIZED before init(), and works after", async () => {
  const p = await h.page("/tests/browser/page.html"); // warm the static server
  await p.goto(h.site.url + "/tests/browser/no-init.html");
  await p.waitForFunction(() => window.result !== undefined, null, { timeout: 20000 });
  const r = await p.evaluate(() => window.result);
  for (const [name, outcome] of Object.entries(r.before)) assert.equal(outcome, "OktoError:NOT_INITIALIZED", name);
  assert.equal(r.after, true);
  await p.close();
});

test("init({ module_or_path }) loads the .wasm from the app's own URL", async () => {
  const p = await h.browser.newPage();
  const wasmUrl = `${h.site.url}/pkg/okto_wasm_bg.wasm`;
  const served = [];
  // The app serves the binary from its own path; the package's default path is never fetched.
  await p.route("**/assets/okto-custom.wasm", async (route) => {
    served.push(route.request().url());
    const body = Buffer.from(await (await fetch(wasmUrl)).arrayBuffer());
    await route.fulfill({ status: 200, contentType: "application/wasm", body });
  });
  const defaults = [];
  p.on("request", (r) => { if (r.url().endsWith("/pkg/okto_wasm_bg.wasm")) defaults.push(r.url()); });
  await p.goto(h.site.url + "/tests/browser/blank.html");
  const address = await p.evaluate(async () => {
    const { default: init, SessionKey } = await import("/pkg/index.js");
    await init({ module_or_path: "/assets/okto-custom.wasm" });
    return SessionKey.generate().address;
  });
  assert.match(address, /^0x[0-9a-fA-F]{40}$/);
  assert.equal(served.length, 1);
  assert.deepEqual(defaults, []);
  await p.close();
});

test("free() on the shipped (minified) build zeroizes: later calls throw SESSION_FREED", async () => {
  const r = await page.evaluate(() => {
    const k = window.okto.SessionKey.generate();
    const before = k.address;
    k.free();
    try { return { before, after: k.address }; } catch (e) { return { before, code: e.code }; }
  });
  assert.match(r.before, /^0x/);
  assert.equal(r.code, "SESSION_FREED");
});
