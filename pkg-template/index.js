// okto-wasm's entry point. Everything that computes lives in wasm (see
// okto_wasm.js); this file adds the one thing wasm leaves to its host:
// `fetch`, with an AbortController timeout and retries for idempotent GETs
// (the sans-IO shape of matrix-sdk-crypto-wasm). It uses only the global
// fetch, setTimeout and AbortController, so it runs in windows, Web Workers
// and Node 20.
import * as wasm from "./okto_wasm.js";

let ready = typeof wasm.default !== "function"; // the Node build instantiates itself

/** Throws NOT_INITIALIZED instead of wasm-bindgen's TypeError before `init()`. */
function check() {
  if (!ready) throw notInitialized();
}

/** `SessionKey`, whose static factories check `init()` first. */
export const SessionKey = new Proxy(wasm.SessionKey, {
  get(target, prop, receiver) {
    if (prop === "generate" || prop === "fromPrivateKey") check();
    return Reflect.get(target, prop, receiver);
  },
});

/** PROTOCOL.md §6; see okto_wasm.d.ts. */
export function buildAuthPayload(args) {
  check();
  return wasm.buildAuthPayload(args);
}

/** PROTOCOL.md §5; see okto_wasm.d.ts. */
export function generatePaymasterData(args) {
  check();
  return wasm.generatePaymasterData(args);
}

/** PROTOCOL.md §7; see okto_wasm.d.ts. */
export function mintAuthToken(session, expireAt) {
  check();
  return wasm.mintAuthToken(session, expireAt);
}

/**
 * Loads the wasm module once (web build). `options` is wasm-bindgen's:
 * `{ module_or_path }` lets you serve the `.wasm` from your own URL.
 */
export default async function init(options) {
  if (!ready) {
    await wasm.default(options);
    ready = true;
  }
}

/** The package version and the git commit it was built from. */
export function getVersions() {
  return {
    version: typeof __OKTO_VERSION__ === "string" ? __OKTO_VERSION__ : "dev",
    commit: typeof __OKTO_COMMIT__ === "string" ? __OKTO_COMMIT__ : "unknown",
  };
}

/** Synchronous init from bytes or a compiled module (web build). */
export function initSync(options) {
  if (!ready) {
    wasm.initSync(options);
    ready = true;
  }
}

/**
 * JSON text of an argument for the core, BigInts written as decimal strings;
 * undefined for a non-object (the core then names the field).
 */
function jsonText(field, v) {
  if (typeof v !== "object" || v === null) return undefined;
  try {
    return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
  } catch (e) {
    throw oktoError("INVALID_ARGUMENT", `${field}: must be JSON-serialisable (${e?.message ?? e})`);
  }
}

function notInitialized() {
  return oktoError("NOT_INITIALIZED", "okto-wasm is not initialized: await init() first");
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Order statuses after which nothing changes (OrderStatus in the typings). */
const FINAL_STATUSES = new Set(["SUCCESSFUL", "SUCCESS", "FAILED", "FAILED_ON_CHAIN", "BUNDLER_DISCARDED", "EXPIRED", "REJECTED", "CANCELLED"]);

function oktoError(code, message) {
  const e = new Error(message);
  e.name = "OktoError";
  e.code = code;
  return e;
}

// ---- Sessions at rest (IndexedDB): only AES-GCM ciphertext, under a
// non-extractable WebCrypto key that is itself kept in IndexedDB (which can
// store CryptoKey objects without exposing their bytes).
const DB_NAME = "okto-wasm";
const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });

async function db() {
  if (typeof indexedDB === "undefined") throw oktoError("INVALID_ARGUMENT", "saveSession: IndexedDB is not available here");
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore("keys");
    open.result.createObjectStore("sessions");
  };
  return req(open);
}

async function store(name, mode, f) {
  const d = await db();
  try {
    return await req(f(d.transaction(name, mode).objectStore(name)));
  } finally {
    d.close();
  }
}

/** The origin's wrapping key: made once, non-extractable; two tabs racing to make it agree on the first. */
async function wrappingKey() {
  const existing = await store("keys", "readonly", (s) => s.get("aes-gcm"));
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  try {
    await store("keys", "readwrite", (s) => s.add(key, "aes-gcm"));
    return key;
  } catch {
    return store("keys", "readonly", (s) => s.get("aes-gcm")); // another tab won
  }
}

/** Binds the record's metadata to its ciphertext: changing any of it fails decryption. */
const aad = (r) => new TextEncoder().encode(JSON.stringify([r.userSWA, r.clientSWA, r.environment, r.sessionExpiry ?? null]));

/**
 * Talks to Okto for one app and at most one logged-in user. Keys stay in
 * wasm memory; see the README and `OktoClientOptions`.
 */
export class OktoClient {
  #core;
  #signer;
  #log;
  #timeoutMs;
  #retries;

  constructor(options) {
    check();
    this.#core = new wasm.ClientCore(options);
    ({ timeoutMs: this.#timeoutMs, retries: this.#retries } = this.#core.state());
    this.#signer = options.clientSigner;
    const debug = options.debug;
    this.#log = typeof debug === "function" ? debug : debug === true ? (l) => console.debug(l) : null;
  }

  /** Sends one request, retrying idempotent GETs on network errors and 5xx. */
  async #send(req) {
    for (let attempt = 0; ; attempt++) {
      let reply;
      try {
        reply = await this.#once(req);
      } catch (e) {
        if (!req.retryable || attempt >= this.#retries) throw e;
        reply = null;
      }
      if (reply && !(req.retryable && reply.status >= 500 && attempt < this.#retries)) return reply;
      const delay = 250 * 2 ** Math.min(attempt, 4); // as core::wire::backoff_ms
      this.#log?.(`okto: retrying ${req.what} in ${delay} ms`);
      await sleep(delay);
    }
  }

  async #once(req) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const started = Date.now();
    this.#log?.(`okto: → ${req.method} ${req.url}${req.headers.Authorization ? " (Authorization: Bearer [redacted])" : ""} ${req.body ? this.#core.redact(req.body) : ""}`);
    try {
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: controller.signal });
      const text = await res.text();
      this.#log?.(`okto: ← ${res.status} ${req.what} (${Date.now() - started} ms) ${this.#core.redact(text)}`);
      return { status: res.status, text };
    } catch (e) {
      const reason = timedOut ? `timed out after ${this.#timeoutMs} ms` : `fetch failed (${e?.message ?? e})`;
      this.#log?.(`okto: ✗ ${req.what} (${Date.now() - started} ms): ${reason}`);
      throw oktoError("NETWORK", `network error on ${req.what}: ${reason}`); // as core::Error::Network
    } finally {
      clearTimeout(timer);
    }
  }

  /** The clientSigner's signatures of `toSign` (none when the key is local). */
  async #sigs(toSign) {
    if (toSign.length === 0) return undefined;
    const sigs = [];
    for (const hex of toSign) sigs.push(await this.#signer(hex));
    return sigs;
  }

  /** prepare → (inputs) → (clientSigner) → request → fetch → finish. */
  async #call(prepare, inputs) {
    const { id, toSign } = prepare();
    let req;
    try {
      await inputs?.();
      req = this.#core.request(id, await this.#sigs(toSign));
    } catch (e) {
      throw this.#dropped(id, e);
    }
    let reply;
    try {
      reply = await this.#send(req);
    } catch (e) {
      this.#core.cancel(id);
      throw e;
    }
    return this.#core.finish(id, reply.status, reply.text);
  }

  /** Drops a prepared call that failed before it was sent; the error to throw (a clientSigner failure becomes an OktoError). */
  #dropped(id, e) {
    this.#core.cancel(id);
    return e?.name === "OktoError" ? e : oktoError("INVALID_ARGUMENT", `clientSigner: failed: ${e?.message ?? e}`);
  }

  async #route(name, arg) {
    return this.#call(() => this.#core.prepareRoute(name, arg));
  }

  /** Logs in with an OAuth id token; resolves to the user's smart wallet address. */
  async loginUsingOAuth(data) {
    return this.#call(() => this.#core.prepareLogin(data));
  }

  /** Logs in with a JWT from the app's own back end (provider `client_jwt`). */
  async loginUsingJWTAuthentication(jwt) {
    return this.#call(() => this.#core.prepareLogin({ idToken: jwt, provider: "client_jwt" }));
  }

  /** Sends a one-time password by email or WhatsApp; resolves to `{token, …}`. */
  async sendOTP(contact, method, countryShortName) {
    return this.#call(() => this.#core.prepareOtp(method, contact, countryShortName, undefined, undefined));
  }

  /** Sends the OTP again, with the `token` from `sendOTP`. */
  async resendOTP(contact, token, method, countryShortName) {
    return this.#call(() => this.#core.prepareOtp(method, contact, countryShortName, token, undefined));
  }

  async #loginOtp(method, contact, otp, token, country) {
    const verified = await this.#call(() => this.#core.prepareOtp(method, contact, country, token, otp));
    return this.loginUsingOAuth({ idToken: verified.authToken, provider: "okto" });
  }

  /** Verifies an email OTP and logs in (provider `okto`). */
  async loginUsingEmail(email, otp, token) {
    return this.#loginOtp("email", email, otp, token, undefined);
  }

  /** Verifies a WhatsApp OTP and logs in (provider `okto`). */
  async loginUsingWhatsApp(phone, otp, token, countryShortName) {
    return this.#loginOtp("whatsapp", phone, otp, token, countryShortName);
  }

  /** The logged-in user's smart wallet address, or `undefined`. */
  get userSWA() {
    return this.#core.state().userSWA;
  }

  /** The app's smart wallet address. */
  get clientSWA() {
    return this.#core.state().clientSWA;
  }

  /** When the session ends (unix seconds), as the server said. */
  get sessionExpiry() {
    return this.#core.state().sessionExpiry;
  }

  /** Whether a session is set. */
  isLoggedIn() {
    return this.#core.state().userSWA !== undefined;
  }

  /** The bearer token: minted in wasm, reused until less than 5 minutes remain. */
  async getAuthorizationToken() {
    return this.#core.bearer();
  }

  /** Whether the server accepts the session; false (and the session cleared) when it refuses. */
  async verifyLogin() {
    if (!this.isLoggedIn()) return false;
    return this.#route("verify");
  }

  /** The user's wallets. */
  async getAccount() {
    return this.#route("wallets");
  }

  /** The supported networks, cached for the client's lifetime. */
  async getChains() {
    return this.#core.cached("networks") ?? this.#route("networks");
  }

  /** The supported tokens. */
  async getTokens() {
    return this.#route("tokens");
  }

  /** The aggregated portfolio. */
  async getPortfolio() {
    return this.#route("portfolio");
  }

  /** The portfolio activity. */
  async getPortfolioActivity() {
    return this.#route("activity");
  }

  /** The user's NFTs. */
  async getPortfolioNFT() {
    return this.#route("nft");
  }

  /** The user's orders, optionally filtered. */
  async getOrdersHistory(filters) {
    return this.#route("orders", filters);
  }

  /** A contract read through Okto. */
  async readContractData(payload) {
    return this.#route("readContract", payload);
  }

  /** The user's MPC keys, cached after the first call. */
  async getUserKeys() {
    return this.#core.cached("userKeys") ?? this.#route("userKeys");
  }

  /** What every intent needs: the chain list (cached) and fresh gas prices. */
  async #intentInputs() {
    await this.getChains();
    await this.#route("gasValues");
  }

  async #userOp(intentType, params, feePayerAddress) {
    const { id, toSign } = this.#core.prepareIntent(intentType, jsonText("params", params), feePayerAddress, false);
    try {
      await this.#intentInputs();
      return this.#core.userOp(id, await this.#sigs(toSign));
    } catch (e) {
      throw this.#dropped(id, e);
    }
  }

  /** A token transfer as an unsigned user op (PROTOCOL.md §9); `token` "" is the native token. */
  async tokenTransfer(params, feePayerAddress) {
    return this.#userOp("TOKEN_TRANSFER", params, feePayerAddress);
  }

  /** An NFT transfer (ERC721 or ERC1155) as an unsigned user op. */
  async nftTransfer(params, feePayerAddress) {
    return this.#userOp("NFT_TRANSFER", params, feePayerAddress);
  }

  /** A raw EVM transaction from the user's wallet as an unsigned user op. */
  async evmRawTransaction(params, feePayerAddress) {
    return this.#userOp("RAW_TRANSACTION", params, feePayerAddress);
  }

  /** Signs a user op with the session key; resolves to a copy with `signature`. */
  async signUserOp(userOp) {
    return { ...userOp, signature: this.#core.signUserOp(jsonText("userOp", userOp)) };
  }

  /** Sends a signed user op (JSON-RPC `execute`, or REST per `authTransport`); resolves to the job id. */
  async executeUserOp(userOp) {
    return this.#call(() => this.#core.prepareExecute(jsonText("userOp", userOp)));
  }

  /**
   * Asks Okto what an intent would cost before signing it: `intentType` is
   * "TOKEN_TRANSFER", "NFT_TRANSFER" or "RAW_TRANSACTION", `params` as for the builder.
   */
  async estimate(intentType, params, feePayerAddress) {
    return this.#call(() => this.#core.prepareIntent(intentType, jsonText("params", params), feePayerAddress, true), () => this.#intentInputs());
  }

  /**
   * Polls `orders?intent_id=` until the order reaches a final status and
   * resolves to it (check `status`). Rejects with NETWORK on timeout or abort.
   */
  async waitForOrder(jobId, { timeoutMs = 120000, intervalMs = 1000, signal } = {}) {
    if (typeof jobId !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jobId)) {
      throw oktoError("INVALID_ARGUMENT", "jobId: must be the UUID that executeUserOp returned");
    }
    for (const [field, v, min] of [["timeoutMs", timeoutMs, 1], ["intervalMs", intervalMs, 50]]) {
      if (typeof v !== "number" || !Number.isFinite(v) || v < min) throw oktoError("INVALID_ARGUMENT", `${field}: must be a number of milliseconds, at least ${min}`);
    }
    const what = `waiting for order ${jobId}`;
    if (signal?.aborted) throw oktoError("NETWORK", `${what}: aborted`);
    let last = "not listed yet";
    // One promise that rejects on abort or at the deadline, raced against every poll and pause.
    let stop;
    const stopped = new Promise((_, fail) => {
      const timer = setTimeout(() => fail(oktoError("NETWORK", `${what}: no final status after ${timeoutMs} ms (last: ${last})`)), timeoutMs);
      const abort = () => fail(oktoError("NETWORK", `${what}: aborted`));
      if (signal?.aborted) abort();
      signal?.addEventListener("abort", abort, { once: true });
      stop = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
      };
    });
    stopped.catch(() => {});
    try {
      for (;;) {
        const orders = await Promise.race([this.getOrdersHistory({ intentId: jobId }), stopped]);
        const order = orders.find((o) => o.intentId === jobId);
        if (order) {
          last = order.status;
          if (FINAL_STATUSES.has(order.status)) return order;
        }
        await Promise.race([sleep(intervalMs), stopped]);
      }
    } finally {
      stop();
    }
  }

  /** Signs a text message with the user's MPC key (EIP-191); resolves to the `0x` signature. */
  async signMessage(message) {
    return this.#mpc(false, message);
  }

  /** Signs EIP-712 typed data (an object or its JSON text) with the user's MPC key. */
  async signTypedData(data) {
    return this.#mpc(true, typeof data === "string" ? data : jsonText("data", data));
  }

  async #mpc(typed, message) {
    // Wasm receives text as UTF-8, which has no lone surrogates: refuse them rather than sign U+FFFD.
    if (typeof message === "string" && /\p{Cs}/u.test(message)) {
      throw oktoError("INVALID_ARGUMENT", `${typed ? "data" : "message"}: contains a lone UTF-16 surrogate, which cannot be signed as given`);
    }
    if (!this.isLoggedIn()) return this.#core.prepareSign(typed, message); // throws NOT_LOGGED_IN
    await this.getUserKeys();
    return this.#call(() => this.#core.prepareSign(typed, message));
  }

  /** Adopts a session made elsewhere; the client keeps its own copy of the key. */
  setSession(session, userSWA, sessionExpiry) {
    this.#core.setSession(session, userSWA, sessionExpiry);
  }

  /**
   * Saves the session for later page loads: the key is encrypted with AES-GCM
   * under a non-extractable key, and only ciphertext reaches IndexedDB.
   */
  async saveSession(name = "default") {
    const key = await wrappingKey();
    const { userSWA, clientSWA, environment, sessionExpiry } = this.#core.state();
    const record = { v: 1, userSWA, clientSWA, environment, sessionExpiry, iv: crypto.getRandomValues(new Uint8Array(12)) };
    const raw = this.#core.sessionKeyBytes();
    try {
      record.ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv: record.iv, additionalData: aad(record) }, key, raw);
    } finally {
      raw.fill(0);
    }
    await store("sessions", "readwrite", (s) => s.put(record, String(name)));
  }

  /**
   * Restores a saved session. Resolves false when there is none; rejects with
   * SESSION_EXPIRED, SESSION_MISMATCH (another client or environment) or
   * SESSION_TAMPERED, and deletes the record it refused.
   */
  async loadSession(name = "default") {
    const record = await store("sessions", "readonly", (s) => s.get(String(name)));
    if (!record) return false;
    let plain;
    try {
      if (record.v !== 1 || !(record.iv instanceof Uint8Array) || !(record.ciphertext instanceof ArrayBuffer)) {
        throw oktoError("SESSION_TAMPERED", "the stored session was tampered with or is corrupt");
      }
      this.#core.checkStored(record.clientSWA, record.environment, record.sessionExpiry);
      try {
        plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv, additionalData: aad(record) }, await wrappingKey(), record.ciphertext));
      } catch {
        throw oktoError("SESSION_TAMPERED", "the stored session was tampered with or is corrupt");
      }
      this.#core.restoreSession(plain, record.userSWA, record.sessionExpiry); // copies into wasm, wipes `plain`
      return true;
    } catch (e) {
      plain?.fill(0);
      await this.forgetSession(name);
      throw e;
    }
  }

  /** Deletes a saved session. */
  async forgetSession(name = "default") {
    await store("sessions", "readwrite", (s) => s.delete(String(name)));
  }

  /** Logs out and zeroizes the session key. */
  sessionClear() {
    this.#core.sessionClear();
  }

  /** Frees the wasm side; the client cannot be used afterwards. */
  free() {
    this.#core.free();
  }
}
