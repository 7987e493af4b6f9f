// The in-page half of the benchmarks, driven by tests/bench/run.mjs and
// tests/perfguard/. It imports neither library by itself: the driver loads them
// (both into one page for the alternating rounds, or one into a fresh page for
// a cold start) and then calls the functions on `window.bench`.

const libs = { ours: null, theirs: null };
const S = {}; // state made by setup()
let sink; // keeps results alive

const now = () => performance.now();
const AUTH = { idToken: "header.payload.sig", provider: "google" };

/** A JWT-shaped dev id token (the dev gateway reads `sub` without checking the JWS). */
function fakeJwt(sub) {
  const b64 = (o) => btoa(JSON.stringify(o)).replaceAll("=", "").replaceAll("+", "-").replaceAll("/", "_");
  return `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ sub, iss: "https://accounts.google.com" })}.c2ln`;
}

// ---------------------------------------------------------------- network accounting
// Wall time minus the time some request was in flight = client-side time. Our
// client uses fetch; the official SDK uses axios, whose browser adapter is
// XMLHttpRequest. Each request leaves an interval [sent, done]; overlaps are merged.
const net = { intervals: [], count: 0 };
function instrumentNetwork() {
  if (instrumentNetwork.done) return;
  instrumentNetwork.done = true;
  const origFetch = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const sent = now();
    net.count++;
    try {
      const res = await origFetch(...args);
      const body = [101, 204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
      // The body is read here so that its download counts as network time.
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      net.intervals.push([sent, now()]);
    }
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    const sent = now();
    net.count++;
    // axios settles from its own onloadend, and the SDK's next steps run as
    // microtasks before this listener does; event.timeStamp is still the moment
    // loadend was created, on performance.now()'s clock.
    this.addEventListener("loadend", (e) => net.intervals.push([sent, e.timeStamp]), { once: true });
    return send.apply(this, args);
  };
}

/** Milliseconds within [t0, t1] during which at least one request was in flight. */
function inFlight(t0, t1) {
  const xs = net.intervals.map(([a, b]) => [Math.max(a, t0), Math.min(b, t1)]).filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of xs) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

// ---------------------------------------------------------------- loading
async function loadOurs(url = "/pkg/index.js") {
  const m = await import(url);
  await m.default();
  libs.ours = m;
}

async function loadTheirs(url) {
  libs.theirs = await import(url);
}

/** The official SDK logs every request: silence log/info/debug (errors stay). */
function quiet() {
  for (const k of ["log", "info", "debug"]) console[k] = () => {};
}

/**
 * p: { sessionHex, clientPrivateKey, clientSWA, gatewayUrl?, userOp? }.
 */
function setup(p) {
  S.p = p;
  const o = libs.ours;
  const t = libs.theirs;
  S.oursSession = o.SessionKey.fromPrivateKey(p.sessionHex);
  S.sessionPub = S.oursSession.publicKey;
  S.sessionAddress = S.oursSession.address;
  S.expireAt = Math.round(Date.now() / 1000) + 5400;
  S.userOp = p.userOp ? { ...p.userOp } : undefined;
  if (S.userOp) {
    S.oursClient = new o.OktoClient({ environment: "sandbox", clientSWA: p.clientSWA, clientPrivateKey: p.clientPrivateKey });
    S.oursClient.setSession(S.oursSession, S.userOp.sender);
  }
  if (p.gatewayUrl) {
    S.oursLogin = new o.OktoClient({
      environment: "sandbox", clientSWA: p.clientSWA, clientPrivateKey: p.clientPrivateKey,
      gatewayUrl: p.gatewayUrl, bffUrl: p.gatewayUrl,
    });
  }
  if (t) {
    const config = { environment: "sandbox", clientPrivateKey: p.clientPrivateKey, clientSWA: p.clientSWA };
    S.theirs = new t.OktoClient(config);
    S.theirs.setSessionConfig({
      sessionPrivKey: p.sessionHex, sessionPubKey: S.sessionPub,
      userSWA: p.userOp?.sender ?? "0x1111111111111111111111111111111111111111",
    });
    S.theirsLogin = new t.OktoClient(config);
    if (t.__SessionKey) {
      S.theirsSession = t.__SessionKey.fromPrivateKey(p.sessionHex);
      if (S.theirsSession.uncompressedPublicKeyHexWith0x !== S.sessionPub) throw new Error("session keys differ");
    }
  }
  return { sessionPub: S.sessionPub, sessionAddress: S.sessionAddress };
}

// ---------------------------------------------------------------- operations
const HOUR_MS = 3600 * 1000;
const ops = {
  // PROTOCOL.md §7. Theirs reads Date.now() for expire_at; ours is given it.
  token: {
    ours: { fn: () => S.oursSession.authToken(S.expireAt) },
    theirs: { async: true, fn: () => S.theirs.getAuthorizationToken() },
  },
  // PROTOCOL.md §6. Both make the nonce (random UUID) and validUntil (now + 6 h)
  // themselves; gasFields:false gives the official SDK 1.1.0's shape.
  authPayload: {
    ours: {
      fn: () => libs.ours.buildAuthPayload({
        authData: AUTH, session: S.oursSession, clientSWA: S.p.clientSWA,
        clientPrivateKey: S.p.clientPrivateKey, gasFields: false,
      }),
    },
    // The SDK's own (module-private) generateAuthenticatePayload, as loginUsingOAuth calls it.
    theirs: {
      async: true,
      fn: () => libs.theirs.__generateAuthenticatePayload(S.theirs, AUTH, S.theirsSession, S.p.clientSWA, S.p.clientPrivateKey),
    },
  },
  // The same three viem signatures without the SDK's SessionKey getters (which
  // derive the public key twice per call): session address and key precomputed.
  authPayloadViem: {
    theirs: {
      async: true,
      fn: async () => {
        const t = libs.theirs;
        const nonce = crypto.randomUUID();
        const paymasterData = await t.__generatePaymasterData(
          S.p.clientSWA, S.p.clientPrivateKey, nonce, new Date(Date.now() + 6 * HOUR_MS));
        const message = { raw: t.toBytes(t.keccak256(t.encodeAbiParameters(t.parseAbiParameters("address"), [S.sessionAddress]))) };
        return {
          authData: AUTH,
          sessionData: {
            nonce, clientSWA: S.p.clientSWA, sessionPk: S.sessionPub,
            paymaster: S.theirs.env.paymasterAddress, paymasterData,
          },
          sessionPkClientSignature: await t.signMessage({ message, privateKey: S.p.clientPrivateKey }),
          sessionDataUserSignature: await t.signMessage({ message, privateKey: S.p.sessionHex }),
        };
      },
    },
  },
  // PROTOCOL.md §9: pack, hash and sign a TOKEN_TRANSFER user op with the session key.
  signUserOp: {
    ours: { async: true, fn: () => S.oursClient.signUserOp(S.userOp) },
    theirs: { async: true, fn: () => S.theirs.signUserOp(S.userOp) },
  },
};

async function timeLoop(op, n) {
  const f = op.fn;
  let t0;
  if (op.async) {
    t0 = now();
    for (let i = 0; i < n; i++) sink = await f();
  } else {
    t0 = now();
    for (let i = 0; i < n; i++) sink = f();
  }
  return now() - t0;
}

/** Runs `name` for `lib` at least `ms` milliseconds (warm-up); returns ms per op. */
async function warm(name, lib, ms) {
  const op = ops[name][lib];
  let n = 0;
  let spent = 0;
  let batch = 1;
  while (spent < ms) {
    spent += await timeLoop(op, batch);
    n += batch;
    batch = Math.min(batch * 2, 64);
  }
  return spent / n;
}

/** Runs `name` for `lib` exactly `n` times; returns the elapsed ms. */
async function run(name, lib, n) {
  return timeLoop(ops[name][lib], n);
}

/** `n` logins with one client, logging out in between (not timed). */
async function login(lib, n) {
  instrumentNetwork();
  const client = lib === "ours" ? S.oursLogin : S.theirsLogin;
  const auth = { idToken: fakeJwt("bench-user"), provider: "google" };
  let wall = 0;
  let network = 0;
  let requests = 0;
  for (let i = 0; i < n; i++) {
    net.intervals.length = 0;
    const r0 = net.count;
    const t0 = now();
    const swa = await client.loginUsingOAuth(auth);
    const t1 = now();
    // Let the XHR loadend listeners that run after the SDK's own handlers record their
    // intervals (a later task), then log out; none of this is timed.
    await new Promise((ok) => setTimeout(ok, 0));
    if (typeof swa !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(swa)) {
      throw new Error(`${lib} login failed: ${swa?.message ?? swa}`);
    }
    if (net.intervals.length !== net.count - r0) throw new Error(`${lib}: a request did not finish`);
    client.sessionClear();
    wall += t1 - t0;
    network += inFlight(t0, t1);
    requests += net.count - r0;
  }
  return { wall, network, client: wall - network, requests: requests / n };
}

/** Both libraries give the same bytes for the same inputs (so they do the same work). */
async function check() {
  const out = {};
  const theirsToken = await S.theirs.getAuthorizationToken();
  const expireAt = JSON.parse(atob(theirsToken)).data.expire_at;
  out.token = S.oursSession.authToken(expireAt) === theirsToken;
  if (libs.theirs.__generateAuthenticatePayload) {
    const tp = await ops.authPayload.theirs.fn();
    const validUntil = parseInt(tp.sessionData.paymasterData.slice(2 + 64, 2 + 128), 16);
    const op = libs.ours.buildAuthPayload({
      authData: AUTH, session: S.oursSession, clientSWA: S.p.clientSWA, clientPrivateKey: S.p.clientPrivateKey,
      nonce: tp.sessionData.nonce, validUntil, gasFields: false,
    });
    out.authPayload = JSON.stringify(op) === JSON.stringify(tp);
    const tv = await ops.authPayloadViem.theirs.fn();
    out.authPayloadViem = tv.sessionPkClientSignature === tp.sessionPkClientSignature &&
      tv.sessionDataUserSignature === tp.sessionDataUserSignature && tv.sessionData.sessionPk === tp.sessionData.sessionPk;
  }
  if (S.userOp) {
    const signed = await S.theirs.signUserOp({ ...S.userOp });
    const ours = await S.oursClient.signUserOp({ ...S.userOp });
    out.signUserOp = /^0x[0-9a-f]{130}$/.test(signed.signature) && ours.signature === signed.signature;
  }
  return out;
}

/** One cold start in a fresh page: import, initialise, first token. */
async function cold(lib, p) {
  const t0 = now();
  let tok;
  let t1;
  let t2;
  if (lib === "ours") {
    const m = await import(p.url);
    t1 = now();
    await m.default(); // fetch + compile + instantiate the .wasm
    t2 = now();
    const s = m.SessionKey.fromPrivateKey(p.sessionHex);
    tok = s.authToken(Math.round(Date.now() / 1000) + 5400);
  } else {
    quiet();
    const m = await import(p.url);
    t1 = now();
    const c = new m.OktoClient({ environment: "sandbox", clientPrivateKey: p.clientPrivateKey, clientSWA: p.clientSWA });
    c.setSessionConfig({ sessionPrivKey: p.sessionHex, sessionPubKey: p.sessionPub, userSWA: p.clientSWA });
    t2 = now();
    tok = await c.getAuthorizationToken();
  }
  const t3 = now();
  if (typeof tok !== "string" || tok.length < 300) throw new Error(`${lib}: no token`);
  return { load: t1 - t0, init: t2 - t1, first: t3 - t2, total: t3 - t0 };
}

/** A JS↔wasm crossing with little work behind it: the `address` getter (a 42-char string out). */
function crossing(n) {
  const s = S.oursSession;
  const t0 = now();
  for (let i = 0; i < n; i++) sink = s.address;
  return (now() - t0) / n;
}

window.bench = { loadOurs, loadTheirs, quiet, setup, warm, run, login, check, cold, crossing, instrumentNetwork };
window.benchReady = true;
