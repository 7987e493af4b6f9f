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

function notInitialized() {
  const e = new Error("okto-wasm is not initialized: await init() first");
  e.name = "OktoError";
  e.code = "NOT_INITIALIZED";
  return e;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Talks to Okto for one app and at most one logged-in user. Keys stay in
 * wasm memory; see the README and `OktoClientOptions`.
 */
export class OktoClient {
  #core;
  #signer;
  #log;

  constructor(options) {
    check();
    this.#core = new wasm.ClientCore(options);
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
        if (!req.retryable || attempt >= this.#core.retries) throw e;
        reply = null;
      }
      if (reply && !(req.retryable && reply.status >= 500 && attempt < this.#core.retries)) return reply;
      const delay = this.#core.backoffMs(attempt);
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
    }, this.#core.timeoutMs);
    const started = Date.now();
    this.#log?.(`okto: → ${req.method} ${req.url}${req.headers.Authorization ? " (Authorization: Bearer [redacted])" : ""} ${req.body ? this.#core.redact(req.body) : ""}`);
    try {
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: controller.signal });
      const text = await res.text();
      this.#log?.(`okto: ← ${res.status} ${req.what} (${Date.now() - started} ms) ${this.#core.redact(text)}`);
      return { status: res.status, text };
    } catch (e) {
      const reason = timedOut ? `timed out after ${this.#core.timeoutMs} ms` : `fetch failed (${e?.message ?? e})`;
      this.#log?.(`okto: ✗ ${req.what} (${Date.now() - started} ms): ${reason}`);
      throw this.#core.networkError(req.what, reason);
    } finally {
      clearTimeout(timer);
    }
  }

  /** prepare → (clientSigner) → request → fetch → finish. */
  async #call(prepare) {
    const { id, toSign } = prepare();
    let req;
    try {
      let sigs;
      if (toSign.length > 0) {
        sigs = [];
        for (const hex of toSign) sigs.push(await this.#signer(hex));
      }
      req = this.#core.request(id, sigs);
    } catch (e) {
      this.#core.cancel(id);
      throw e?.name === "OktoError" ? e : this.#signerError(e);
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

  #signerError(e) {
    const err = new Error(`clientSigner: failed: ${e?.message ?? e}`);
    err.name = "OktoError";
    err.code = "INVALID_ARGUMENT";
    return err;
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
    return this.#core.userSWA;
  }

  /** The app's smart wallet address. */
  get clientSWA() {
    return this.#core.clientSWA;
  }

  /** When the session ends (unix seconds), as the server said. */
  get sessionExpiry() {
    return this.#core.sessionExpiry;
  }

  /** Whether a session is set. */
  isLoggedIn() {
    return this.#core.isLoggedIn();
  }

  /** The bearer token: minted in wasm, reused until less than 5 minutes remain. */
  async getAuthorizationToken() {
    return this.#core.bearer();
  }

  /** Whether the server accepts the session; false (and the session cleared) when it refuses. */
  async verifyLogin() {
    if (!this.#core.isLoggedIn()) return false;
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

  /** Adopts a session made elsewhere; the client keeps its own copy of the key. */
  setSession(session, userSWA, sessionExpiry) {
    this.#core.setSession(session, userSWA, sessionExpiry);
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
