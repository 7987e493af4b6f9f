// okto-wasm demo page: a stepper over Okto's flow in eight steps (log in →
// session key → auth payload → authenticate → user SWA → auth token → explorer
// → intents: token, NFT and raw transfers followed to completion, and message
// signing). Plain ES module, no framework.
// Secrets: the client key lives in `settings` (memory only) and is handed to
// wasm; session keys never leave wasm; the bearer token is only shown
// shortened, in step 6. The page loads nothing from outside its own origin,
// except Google Identity Services once "Sign in with Google" is pressed.

const DEFAULT_GATEWAY = "http://127.0.0.1:8787";
const DEV_CLIENT_SWA = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
// Anvil's public account #0 key: the local dev gateway's client. Dev only.
const DEV_CLIENT_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** PROTOCOL.md §1. */
const HOSTS = {
  sandbox: { gateway: "https://sandbox-okto-gateway.oktostage.com", bff: "https://sandbox-api.okto.tech" },
  staging: { gateway: "https://okto-gateway.oktostage.com", bff: "https://3p-bff.oktostage.com" },
  production: { gateway: "https://okto-gateway.okto.tech", bff: "https://apigw.okto.tech" },
};
const GIS_SRC = "https://accounts.google.com/gsi/client";
const ENV_LABEL = { local: "Local dev gateway", sandbox: "Okto sandbox", staging: "Okto staging", production: "Okto production", custom: "Custom hosts" };

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "title" || k === "role" || k === "scope") node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c);
  return node;
};

// ---------------------------------------------------------------- state

const params = new URLSearchParams(location.search);
const localGateway = cleanUrl(params.get("gateway")) || DEFAULT_GATEWAY;

/** Settings live in memory only (the client key must never be persisted). */
const settings = {
  env: "local",
  base: "sandbox",
  gateway: localGateway,
  bff: localGateway,
  clientSWA: DEV_CLIENT_SWA,
  clientKey: DEV_CLIENT_KEY,
  transport: params.get("transport") === "rest" ? "rest" : "rpc",
  timeoutMs: 15000,
  debug: false,
  // Memory only, like the client key (never localStorage).
  googleClientId: (params.get("google_client_id") ?? "").trim(),
};

let okto = null;        // the loaded package
let client = null;      // OktoClient or null
let builderKey = null;  // SessionKey of the offline builder
let login = null;       // { who, provider }
let token = null;       // { value, expireAt, issuedAt }
let otp = null;         // { email, token }
let authLog = null;     // { transport, request, response } of the last authenticate call, from the client's (redacted) debug log
let pendingAuth = null; // the request half of it, until the answer arrives
let payloadView = null; // what step 3 shows: { kind: "sent" | "built", payload, note }
const results = {};     // explorer query -> data
let currentQuery = null;
let reach = "unknown";  // did the last request reach the server: "unknown" | "ok" | "down"
const done = new Set(); // completed steps

// ---------------------------------------------------------------- helpers

function cleanUrl(s) {
  if (!s) return "";
  try {
    const u = new URL(String(s).trim());
    if (u.protocol !== "http:" && u.protocol !== "https:") return "";
    return u.origin + u.pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

function setStatus(text) {
  $("app-status").textContent = text;
}

function shortHex(s, head = 6, tail = 4) {
  if (typeof s !== "string" || s.length <= head + tail + 3) return s ?? "";
  return `${s.slice(0, head)}…${s.slice(-tail)}`;
}

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const timeFmt = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });
const fmtDate = (secs) => dateFmt.format(new Date(secs * 1000));

function relative(secs) {
  const diff = secs - Date.now() / 1000;
  const abs = Math.abs(diff);
  const units = [["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  const [unit, size] = units.find(([, s]) => abs >= s) ?? units[3];
  const n = Math.round(diff / size);
  return new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(n, unit);
}

function clock(secsLeft) {
  const s = Math.max(0, Math.floor(secsLeft));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(r).padStart(2, "0")}`;
}

function b64urlJson(obj) {
  const bytes = new TextEncoder().encode(JSON.stringify(obj));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeJwtPayload(jwt) {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bin = atob(part + "===".slice((part.length + 3) % 4));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

function decodeAuthToken(t) {
  try {
    return JSON.parse(atob(t));
  } catch {
    return null;
  }
}

// Keccak-256 and EIP-55, to show the session address of the login's key: the
// client only exposes the public key (inside the auth token it signs).
const MASK64 = (1n << 64n) - 1n;
const KECCAK_RC = [
  "0x0000000000000001", "0x0000000000008082", "0x800000000000808A", "0x8000000080008000", "0x000000000000808B", "0x0000000080000001",
  "0x8000000080008081", "0x8000000000008009", "0x000000000000008A", "0x0000000000000088", "0x0000000080008009", "0x000000008000000A",
  "0x000000008000808B", "0x800000000000008B", "0x8000000000008089", "0x8000000000008003", "0x8000000000008002", "0x8000000000000080",
  "0x000000000000800A", "0x800000008000000A", "0x8000000080008081", "0x8000000000008080", "0x0000000080000001", "0x8000000080008008",
].map(BigInt);
const KECCAK_ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

function keccakF(s) {
  const rot = (v, n) => (n === 0 ? v : ((v << BigInt(n)) | (v >> BigInt(64 - n))) & MASK64);
  const c = new Array(5), b = new Array(25);
  for (let round = 0; round < 24; round++) {
    for (let x = 0; x < 5; x++) c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5] ^ rot(c[(x + 1) % 5], 1);
      for (let y = 0; y < 25; y += 5) s[x + y] ^= d;
    }
    for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rot(s[x + 5 * y], KECCAK_ROT[x + 5 * y]);
    for (let y = 0; y < 25; y += 5) for (let x = 0; x < 5; x++) s[x + y] = b[x + y] ^ (~b[((x + 1) % 5) + y] & MASK64 & b[((x + 2) % 5) + y]);
    s[0] ^= KECCAK_RC[round];
  }
}

/** Keccak-256 (Ethereum's, not NIST SHA3-256) of `bytes`. */
function keccak256(bytes) {
  const rate = 136;
  const padded = new Uint8Array(Math.floor(bytes.length / rate + 1) * rate);
  padded.set(bytes);
  padded[bytes.length] ^= 0x01;
  padded[padded.length - 1] ^= 0x80;
  const s = new Array(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + k]);
      s[i] ^= lane;
    }
    keccakF(s);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((s[i >> 3] >> BigInt(8 * (i & 7))) & 0xffn);
  return out;
}

const hexBytes = (hex) => Uint8Array.from(hex.replace(/^0x/, "").match(/../g) ?? [], (h) => parseInt(h, 16));
const bytesHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** The EIP-55 address of an uncompressed secp256k1 public key (0x04…). */
function publicKeyToAddress(pub) {
  const raw = hexBytes(pub);
  if (raw.length !== 65 || raw[0] !== 4) return "";
  const lower = bytesHex(keccak256(raw.subarray(1)).subarray(12));
  const h = keccak256(new TextEncoder().encode(lower));
  let out = "0x";
  for (let i = 0; i < 40; i++) out += ((h[i >> 1] >> (i % 2 ? 0 : 4)) & 0xf) >= 8 ? lower[i].toUpperCase() : lower[i];
  return out;
}

async function copyText(text, button) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed";
  }
  button.classList.add("copied");
  setTimeout(() => {
    button.textContent = label;
    button.classList.remove("copied");
  }, 1400);
}

/** Runs `fn` with `button` showing a busy state; errors go to the banner. */
async function busy(button, fn) {
  if (button) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
  }
  try {
    const out = await fn();
    reach = "ok";
    return out;
  } catch (e) {
    if (e?.code === "NETWORK") reach = "down";
    else if (["HTTP", "RPC", "API", "BAD_RESPONSE"].includes(e?.code)) reach = "ok";
    showError(e);
    setStatus(`That did not work: ${explain(e).title}`);
    return undefined;
  } finally {
    if (button) {
      button.removeAttribute("aria-busy");
      button.disabled = false;
      refresh();
    }
  }
}

// ---------------------------------------------------------------- errors

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** What the server said, without the SDK's "HTTP 401 on GET …:" prefix. */
function serverWords(e) {
  const m = String(e?.message ?? "");
  const i = m.indexOf(": ");
  return i >= 0 ? m.slice(i + 2) : m;
}

function capitalize(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Step 8's field names in the words of its form. */
const FIELD_WORDS = {
  chain: "the chain", caip2Id: "the chain", token: "the token", recipient: "the recipient", recipientWalletAddress: "the recipient",
  amount: "the amount", collectionAddress: "the collection address", nftId: "the NFT id", nftType: "the NFT type",
  "transaction.to": "To", "transaction.data": "Data", "transaction.value": "Value", "transaction.from": "From",
  message: "the message", typedData: "the typed data", data: "the typed data",
};

/** Maps an OktoError to { title, detail } in plain words. */
function explain(e) {
  const code = e?.code;
  const msg = String(e?.message ?? e);
  const viaRpc = /\brpc\b/.test(msg);
  const target = viaRpc ? settings.gateway : settings.bff;
  const words = serverWords(e);
  switch (code) {
    case "NETWORK":
      if (/^waiting for order/.test(msg))
        return /aborted/.test(msg)
          ? { title: "Stopped waiting for the order.", detail: "Okto keeps running it: see Orders in step 7." }
          : { title: "The order did not finish in time.", detail: `It may still finish: see Orders in step 7. ${capitalize(msg)}.` };
      if (/timed out/.test(msg)) return { title: `The gateway at ${target} did not answer in time.`, detail: `It took longer than ${settings.timeoutMs / 1000} s. Check that it is running, or raise the timeout in Settings.` };
      return {
        title: `Could not reach the gateway at ${target}.`,
        detail: settings.env === "local"
          ? "Is the dev gateway running? Start it with ./www/demo.sh or node tests/gateway/server.mjs --port 8787, or fix the URL in Settings."
          : "Check your connection and the URL in Settings. Okto's hosts also have to allow this page's origin (CORS).",
      };
    case "HTTP":
      if (e.status === 401 || e.status === 403)
        return { title: "The server refused the session.", detail: `It may have expired or been revoked. Log out and log in again. Server said: ${words}` };
      if (e.status === 404) return { title: "The server does not know this route.", detail: `Check the BFF URL in Settings (${settings.bff}). Server said: ${words}` };
      if (e.status >= 500) return { title: `The server had a problem (HTTP ${e.status}).`, detail: "This is not your fault. Try again in a moment." };
      return { title: `The server rejected the request (HTTP ${e.status}).`, detail: capitalize(words) };
    case "RPC":
      if (e.rpcCode === -32001) return { title: "The server refused the session.", detail: `Log out and log in again. Gateway said: ${words}` };
      return { title: "The gateway rejected the request.", detail: capitalize(words) };
    case "API":
      return { title: "Okto answered with an error.", detail: capitalize(words) };
    case "BAD_RESPONSE":
      return { title: "The server's answer is not an Okto reply.", detail: `Check that the URLs in Settings point at an Okto gateway and BFF. ${capitalize(words)}` };
    case "INVALID_ARGUMENT":
    case "INVALID_HEX":
    case "INVALID_ADDRESS":
    case "INVALID_PRIVATE_KEY":
    case "INVALID_UUID":
    {
      // The message names the field first: "clientSWA: invalid address: …".
      const m = /^([A-Za-z_.\[\]0-9]+): (.*)$/s.exec(msg);
      return m ? { title: `Please check ${FIELD_WORDS[m[1]] ?? m[1]}.`, detail: capitalize(m[2]) } : { title: "Please check this value.", detail: msg };
    }
    case "NOT_LOGGED_IN":
      return { title: "You need to log in first.", detail: "Step 1 creates the session that this call needs." };
    case "SESSION_EXPIRED":
      return { title: "Your session has expired.", detail: "Log out and log in again to start a new one." };
    case "SESSION_FREED":
      return { title: "This session key was already released.", detail: "Generate a new one, or log in again." };
    case "NOT_INITIALIZED":
      return { title: "The WebAssembly module is not loaded yet.", detail: "Reload the page." };
    case "RANDOM_UNAVAILABLE":
      return { title: "This browser has no secure random number generator.", detail: "Session keys cannot be made safely here." };
    case "UNSUPPORTED_CHAIN":
      return { title: "This chain is not enabled for the app.", detail: `Pick another chain. ${capitalize(msg)}.` };
    case "SELF_TRANSFER":
      return { title: "That is the user's own wallet.", detail: "Sending to yourself is refused before anything is signed. Enter someone else's address." };
    default:
      return { title: "Something went wrong.", detail: msg };
  }
}

function showError(e) {
  const { title, detail } = explain(e);
  const meta = [];
  if (e?.code) meta.push(`code ${e.code}`);
  if (e?.status) meta.push(`status ${e.status}`);
  if (e?.rpcCode) meta.push(`rpc ${e.rpcCode}`);
  if (e?.errorCode) meta.push(e.errorCode);
  if (typeof e?.data === "string") meta.push(e.data);
  if (e?.traceId) meta.push(`trace ${e.traceId}`);
  showMessage(title, detail, meta.join(" · "));
}

/** The error banner with plain words: a title, a detail and an optional technical line. */
function showMessage(title, detail, meta = "") {
  $("banner-title").textContent = title;
  $("banner-detail").textContent = detail;
  $("banner-meta").textContent = meta;
  $("banner-meta").hidden = !meta;
  $("banner").hidden = false;
  $("banner").scrollIntoView({ block: "nearest", behavior: "smooth" });
}

function hideError() {
  $("banner").hidden = true;
}

// ---------------------------------------------------------------- theme

function currentTheme() {
  return document.documentElement.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

function syncThemeButton() {
  const next = currentTheme() === "dark" ? "light" : "dark";
  $("theme-toggle").setAttribute("aria-label", `Switch to ${next} theme`);
  $("theme-toggle").title = `Switch to ${next} theme`;
}

$("theme-toggle").addEventListener("click", () => {
  const next = currentTheme() === "dark" ? "light" : "dark";
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem("okto-demo-theme", next);
  } catch {}
  syncThemeButton();
});
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", syncThemeButton);
syncThemeButton();

// ---------------------------------------------------------------- settings

const form = $("settings-form");

function writeSettingsForm() {
  $("set-env").value = settings.env;
  $("set-base").value = settings.base;
  $("field-base").hidden = settings.env !== "custom";
  $("set-gateway").value = settings.gateway;
  $("set-bff").value = settings.bff;
  const fixed = settings.env !== "local" && settings.env !== "custom";
  $("set-gateway").readOnly = fixed;
  $("set-bff").readOnly = fixed;
  $("set-client-swa").value = settings.clientSWA;
  $("set-client-key").value = settings.clientKey;
  for (const r of form.elements.transport) r.checked = r.value === settings.transport;
  $("set-timeout").value = String(settings.timeoutMs);
  $("set-debug").checked = settings.debug;
  $("set-google-client-id").value = settings.googleClientId;
}

function readSettingsForm() {
  const env = $("set-env").value;
  if (env !== settings.env) {
    // Switching environment: pick its hosts; the dev client only works locally.
    const wasDev = settings.clientSWA === DEV_CLIENT_SWA;
    settings.env = env;
    if (env === "local") {
      settings.gateway = settings.bff = localGateway;
      settings.clientSWA = DEV_CLIENT_SWA;
      settings.clientKey = DEV_CLIENT_KEY;
    } else {
      if (HOSTS[env]) {
        settings.gateway = HOSTS[env].gateway;
        settings.bff = HOSTS[env].bff;
      }
      if (wasDev) {
        settings.clientSWA = "";
        settings.clientKey = "";
      }
    }
    writeSettingsForm();
    return;
  }
  settings.base = $("set-base").value;
  if (env === "local" || env === "custom") {
    settings.gateway = cleanUrl($("set-gateway").value) || $("set-gateway").value.trim();
    settings.bff = cleanUrl($("set-bff").value) || $("set-bff").value.trim();
  }
  settings.clientSWA = $("set-client-swa").value.trim();
  settings.clientKey = $("set-client-key").value.trim();
  settings.transport = form.elements.transport.value === "rest" ? "rest" : "rpc";
  settings.timeoutMs = Math.max(1000, Number($("set-timeout").value) || 15000);
  settings.debug = $("set-debug").checked;
}

function clientOptions() {
  const environment = settings.env === "local" ? "sandbox" : settings.env === "custom" ? settings.base : settings.env;
  const opts = {
    environment,
    clientSWA: settings.clientSWA,
    authTransport: settings.transport,
    timeoutMs: settings.timeoutMs,
    // Always a function: it shows step 4 what authenticate sent and got back
    // (the SDK redacts tokens and signatures in these lines), and echoes them
    // to the console only when the setting asks for it.
    debug: onClientLog,
  };
  if (settings.clientKey) opts.clientPrivateKey = settings.clientKey;
  if (settings.env === "local" || settings.env === "custom") {
    opts.gatewayUrl = settings.gateway;
    opts.bffUrl = settings.bff;
  }
  return opts;
}

/** (Re)creates the OktoClient from the settings; any session is dropped. */
function rebuildClient({ quiet = false } = {}) {
  if (!okto) return updateSettingsSummary(); // start() builds it once the package is loaded
  const wasLoggedIn = !!login;
  if (client) {
    try {
      client.free();
    } catch {}
  }
  client = null;
  reach = "unknown";
  resetSession();
  let note = "";
  if (!settings.clientSWA) {
    note = "Enter your client SWA and client private key (from the Okto dashboard) to log in.";
  } else if (!settings.clientKey) {
    note = "Enter the client private key: this demo signs for the client in the browser.";
  } else {
    try {
      client = new okto.OktoClient(clientOptions());
      note = wasLoggedIn ? "Client rebuilt with the new settings; you were logged out." : "";
    } catch (e) {
      if (!quiet) showError(e);
      note = `These settings do not make a client: ${e.message}`;
    }
  }
  $("settings-note").textContent = note;
  $("settings-note").classList.toggle("warn", !client);
  if (okto) setStatus(readyText());
  updateSettingsSummary();
  refresh();
}

function readyText() {
  if (!client) return "Open Settings to configure the client.";
  const where = settings.env === "local" || settings.env === "custom" ? ` at ${hostOf(settings.gateway)}` : "";
  return `Ready. Talking to ${settings.env === "local" ? "the local dev gateway" : ENV_LABEL[settings.env]}${where}.`;
}

function updateSettingsSummary() {
  const transport = settings.transport === "rest" ? "REST" : "JSON-RPC";
  const where = settings.env === "local" || settings.env === "custom" ? hostOf(settings.gateway) : "";
  $("settings-summary").textContent = [ENV_LABEL[settings.env], where, transport].filter(Boolean).join(" · ");
  const local = settings.env === "local";
  $("env-pill-text").textContent = local ? "Local" : ENV_LABEL[settings.env];
  $("env-pill-host").textContent = local || settings.env === "custom" ? `· ${hostOf(settings.gateway)}` : "";
  const state = !client ? "off" : reach;
  const says = { off: "not configured", unknown: "configured", ok: "answering", down: "not answering" }[state];
  $("env-pill").title = `${ENV_LABEL[settings.env]}: ${settings.gateway}, ${says} (open the settings)`;
  $("env-pill").dataset.state = state;
  updateGoogle();
}

form.addEventListener("change", (ev) => {
  if (ev.target.id === "set-google-client-id") {
    // Only step 1's Google button depends on it: keep the client and the session.
    setGoogleClientId(ev.target.value);
    return;
  }
  readSettingsForm();
  hideError();
  rebuildClient();
});
form.addEventListener("submit", (e) => e.preventDefault());
$("btn-reset-settings").addEventListener("click", () => {
  Object.assign(settings, { env: "local", gateway: localGateway, bff: localGateway, clientSWA: DEV_CLIENT_SWA, clientKey: DEV_CLIENT_KEY, transport: "rpc", timeoutMs: 15000, debug: false });
  writeSettingsForm();
  hideError();
  rebuildClient();
});
$("env-pill").addEventListener("click", () => {
  const d = $("settings");
  d.open = true;
  d.scrollIntoView({ behavior: "smooth", block: "start" });
  $("set-env").focus({ preventScroll: true });
});

// ---------------------------------------------------------------- step 1: login

function selectTab(which) {
  for (const [tab, panel] of [["tab-oauth", "panel-oauth"], ["tab-otp", "panel-otp"]]) {
    const on = tab === which;
    $(tab).setAttribute("aria-selected", String(on));
    $(tab).tabIndex = on ? 0 : -1;
    $(panel).hidden = !on;
  }
}
$("tab-oauth").addEventListener("click", () => selectTab("tab-oauth"));
$("tab-otp").addEventListener("click", () => selectTab("tab-otp"));
for (const id of ["tab-oauth", "tab-otp"]) {
  $(id).addEventListener("keydown", (e) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    const other = id === "tab-oauth" ? "tab-otp" : "tab-oauth";
    selectTab(other);
    $(other).focus();
  });
}

function makeDevToken(email) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "none", typ: "JWT", kid: "okto-wasm-dev" };
  const claims = { iss: "okto-wasm-demo", aud: "okto-dev-gateway", sub: email, email, email_verified: true, iat: now, exp: now + 3600 };
  // Unsigned (the dev gateway does not check the JWS); the third part only makes it JWT-shaped.
  return `${b64urlJson(header)}.${b64urlJson(claims)}.dev-unsigned`;
}

$("btn-devtoken").addEventListener("click", () => {
  const email = $("dev-email").value.trim() || "alice@example.com";
  $("dev-email").value = email;
  $("id-token").value = makeDevToken(email);
  $("provider").value = "google";
  setStatus(`Made a dev token for ${email}. Press “Log in”.`);
});

function needClient() {
  if (client) return client;
  const e = new Error(settings.clientSWA ? "the client private key is missing (Settings)" : "clientSWA: missing (Settings)");
  e.name = "OktoError";
  e.code = "INVALID_ARGUMENT";
  throw e;
}

/** Before a login: forget the last authenticate call, so steps 3–4 only show this one. */
function beginLogin() {
  authLog = null;
  pendingAuth = null;
  $("logout-note").hidden = true;
}

async function afterLogin(who, provider, idToken) {
  login = { who, provider, transport: settings.transport };
  done.add(1).add(2).add(3).add(4).add(5);
  // The session public key is only visible inside the bearer token it signs;
  // minting one is local (no request).
  let pub = "";
  try {
    pub = decodeAuthToken(await client.getAuthorizationToken())?.data?.session_pub_key ?? "";
  } catch {}
  $("session-pub").textContent = pub || "(not readable)";
  $("session-addr").textContent = (pub && publicKeyToAddress(pub)) || "(not readable)";
  showLoginPayload(idToken, provider);
  renderAuth();
  setStatus(`Logged in${who ? ` as ${who}` : ""}. The user's wallet is ${client.userSWA}`);
  refresh();
  loadIntentData();
  $("step-2").scrollIntoView({ behavior: "smooth", block: "start" });
}

/** Logs in with an OAuth id token (the box in step 1, or Google's credential). */
function loginWithIdToken(button, idToken, provider) {
  return busy(button, async () => {
    hideError();
    const c = needClient();
    if (!idToken) {
      const e = new Error("idToken: paste an id token or press “Make a dev token”");
      e.name = "OktoError";
      e.code = "INVALID_ARGUMENT";
      throw e;
    }
    beginLogin();
    setStatus("Logging in: making a session key, signing the auth payload, calling authenticate…");
    await c.loginUsingOAuth({ idToken, provider });
    const claims = decodeJwtPayload(idToken);
    await afterLogin(claims?.email || claims?.sub || "", provider, idToken);
  });
}

$("btn-login").addEventListener("click", (ev) => loginWithIdToken(ev.currentTarget, $("id-token").value.trim(), $("provider").value));

$("btn-send-otp").addEventListener("click", (ev) =>
  busy(ev.currentTarget, async () => {
    hideError();
    const c = needClient();
    const email = $("otp-email").value.trim();
    const r = await c.sendOTP(email, "email");
    otp = { email, token: r.token };
    $("otp-verify").hidden = false;
    $("otp-sent").textContent = `We sent a code to ${email}.`;
    $("otp-hint").textContent = settings.env === "local" ? "The local dev gateway's code is always 123456." : "The code expires after a few minutes.";
    $("otp-code").focus();
  }),
);

$("btn-resend-otp").addEventListener("click", (ev) =>
  busy(ev.currentTarget, async () => {
    hideError();
    const c = needClient();
    if (!otp) return;
    const r = await c.resendOTP(otp.email, otp.token, "email");
    otp.token = r.token || otp.token;
    $("otp-sent").textContent = `We sent a new code to ${otp.email}.`;
  }),
);

$("btn-login-otp").addEventListener("click", (ev) =>
  busy(ev.currentTarget, async () => {
    hideError();
    const c = needClient();
    if (!otp) return;
    beginLogin();
    setStatus("Verifying the code and logging in…");
    await c.loginUsingEmail(otp.email, $("otp-code").value.trim(), otp.token);
    const email = otp.email;
    otp = null;
    $("otp-verify").hidden = true;
    $("otp-code").value = "";
    await afterLogin(email, "email code (okto)", null);
  }),
);

$("btn-logout").addEventListener("click", () => {
  hideError();
  try {
    client?.sessionClear();
  } catch (e) {
    showError(e);
  }
  resetSession();
  $("logout-note").hidden = false;
  setStatus("Logged out. The session key was zeroized in wasm memory.");
  refresh();
  $("step-1").scrollIntoView({ behavior: "smooth", block: "start" });
});

// ---------------------------------------------------------------- step 1: Sign in with Google

// Google Identity Services is loaded only when the button is pressed, so the
// page itself makes no outside requests. The button only shows for a real
// Okto environment: the local dev gateway cannot check Google's tokens.
let gisLoading = null; // Promise while (or once) the script loads
let gisClientId = null; // the client id google.accounts.id was initialized with

function googleReady() {
  return !!settings.googleClientId && settings.env !== "local";
}

function setGoogleClientId(value) {
  settings.googleClientId = String(value ?? "").trim();
  updateGoogle();
}

function updateGoogle() {
  const on = googleReady();
  $("gis").hidden = !on;
  $("gis-local-hint").hidden = !(settings.googleClientId && settings.env === "local");
  if (gisClientId && gisClientId !== settings.googleClientId) {
    // Another client id: the rendered Google button belongs to the old one.
    $("gis-button").replaceChildren();
    $("gis-button").hidden = true;
    $("btn-google").hidden = false;
  }
}

function loadGoogleScript() {
  if (window.google?.accounts?.id) return Promise.resolve();
  if (gisLoading) return gisLoading;
  gisLoading = new Promise((resolve, reject) => {
    const script = document.createElement("script");
    const fail = (why) => {
      clearTimeout(timer);
      script.remove();
      gisLoading = null; // pressing the button again retries
      reject(new Error(why));
    };
    const timer = setTimeout(() => fail("no answer within 15 s"), 15000);
    script.src = GIS_SRC;
    script.async = true;
    script.onload = () => {
      clearTimeout(timer);
      if (window.google?.accounts?.id) resolve();
      else fail("the script loaded but did not define google.accounts.id");
    };
    script.onerror = () => fail("the request failed");
    document.head.append(script);
  });
  return gisLoading;
}

function onGoogleCredential(response) {
  const idToken = response?.credential;
  if (!idToken) {
    showMessage("Google did not return an id token.", "Try “Sign in with Google” again, or paste an id token.");
    return;
  }
  selectTab("tab-oauth");
  $("id-token").value = idToken;
  $("provider").value = "google";
  setStatus("Google signed you in. Logging in to Okto with provider google…");
  loginWithIdToken($("btn-login"), idToken, "google");
}

$("btn-google").addEventListener("click", async (ev) => {
  const button = ev.currentTarget;
  hideError();
  if (!googleReady()) return;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  setStatus("Loading Google Identity Services from accounts.google.com…");
  try {
    await loadGoogleScript();
    const gis = window.google.accounts.id;
    if (gisClientId !== settings.googleClientId) {
      gis.initialize({ client_id: settings.googleClientId, callback: onGoogleCredential, auto_select: false, cancel_on_tap_outside: true });
      gisClientId = settings.googleClientId;
    }
    const slot = $("gis-button");
    slot.replaceChildren();
    gis.renderButton(slot, { type: "standard", theme: currentTheme() === "dark" ? "filled_black" : "outline", size: "large", text: "signin_with", shape: "rectangular" });
    slot.hidden = false;
    button.hidden = true; // Google's own button takes over
    gis.prompt();
    setStatus("Google sign-in is ready: choose an account.");
  } catch (e) {
    showMessage(
      "Could not load “Sign in with Google”.",
      "The Google Identity Services script did not load from accounts.google.com. Check the connection or a content blocker, or paste an id token instead.",
      `${GIS_SRC}: ${e.message}`,
    );
    setStatus("Google sign-in is not available.");
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
});

// ---------------------------------------------------------------- step 2: session key (offline)

$("btn-gen-key").addEventListener("click", () => {
  hideError();
  try {
    builderKey?.free();
    builderKey = okto.SessionKey.generate();
    $("gen-pub").textContent = builderKey.publicKey;
    $("gen-addr").textContent = builderKey.address;
    $("gen-key").hidden = false;
  } catch (e) {
    showError(e);
  }
});

// ---------------------------------------------------------------- JSON with explained keys

/** Tooltip shared by every explained JSON key: shows on hover, focus and tap. */
const tip = el("div", { class: "tip", id: "json-tip", role: "tooltip", hidden: true });
document.body.append(tip);
let tipFor = null; // the key button it belongs to
let tipPinned = false; // opened by a tap or click: stays until the next one

function showTip(key, pinned = false) {
  if (tipFor && tipFor !== key) tipFor.closest("section")?.querySelector(".explain .hl")?.classList.remove("hl");
  tipFor = key;
  tipPinned = pinned;
  tip.textContent = key.dataset.note;
  // Measure at the left edge, where its width is not squeezed by the last position.
  tip.style.left = tip.style.top = "0px";
  tip.hidden = false;
  placeTip();
  // Also light up the matching note in the list next to the JSON.
  const row = key.closest("section")?.querySelector(`.explain [data-paths~="${CSS.escape(key.dataset.path)}"]`);
  row?.classList.add("hl");
}

function hideTip() {
  if (!tipFor) return;
  tipFor.closest("section")?.querySelector(".explain .hl")?.classList.remove("hl");
  tipFor = null;
  tipPinned = false;
  tip.hidden = true;
}

function placeTip() {
  if (!tipFor) return;
  const r = tipFor.getBoundingClientRect();
  const w = tip.offsetWidth, h = tip.offsetHeight;
  const left = Math.max(14, Math.min(r.left, innerWidth - w - 14)); // inside the card margins on a phone
  const below = r.bottom + 6;
  tip.style.left = `${left}px`;
  tip.style.top = `${below + h > innerHeight - 8 && r.top - h - 6 > 8 ? r.top - h - 6 : below}px`;
}

document.addEventListener("pointerover", (e) => {
  const key = e.target.closest?.(".jkey");
  if (key && e.pointerType === "mouse" && !tipPinned) showTip(key);
});
document.addEventListener("pointerout", (e) => {
  const key = e.target.closest?.(".jkey");
  if (key && key === tipFor && !tipPinned && document.activeElement !== key && !key.contains(e.relatedTarget)) hideTip();
});
document.addEventListener("focusin", (e) => {
  if (e.target.classList?.contains("jkey")) showTip(e.target, tipPinned && tipFor === e.target);
});
document.addEventListener("focusout", (e) => {
  if (e.target === tipFor && !tipPinned) hideTip();
});
document.addEventListener("click", (e) => {
  const key = e.target.closest?.(".jkey");
  if (key) {
    if (tipFor === key && tipPinned) hideTip();
    else showTip(key, true);
  } else if (tipPinned) hideTip();
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && tipFor) hideTip();
});
addEventListener("scroll", placeTip, { passive: true, capture: true });
addEventListener("resize", placeTip);

let noteIds = 0;

/**
 * Writes `value` into `code` exactly as JSON.stringify(value, null, 2) would,
 * with each key that `noteFor(path)` explains as a focusable button.
 */
function renderJson(code, value, noteFor) {
  const pre = code.closest("pre");
  let notes = pre.nextElementSibling;
  if (!notes?.classList.contains("json-notes")) {
    notes = el("div", { class: "json-notes", hidden: true });
    pre.after(notes);
  }
  notes.replaceChildren();
  const parts = [];
  let text = "";
  const flush = () => {
    if (text) parts.push(text);
    text = "";
  };
  const walk = (v, indent, path) => {
    const pad = " ".repeat(indent + 2);
    if (Array.isArray(v)) {
      if (!v.length) return void (text += "[]");
      text += "[\n";
      v.forEach((item, i) => {
        text += pad;
        walk(item, indent + 2, path);
        text += i < v.length - 1 ? ",\n" : "\n";
      });
      text += `${" ".repeat(indent)}]`;
    } else if (v && typeof v === "object") {
      const keys = Object.keys(v);
      if (!keys.length) return void (text += "{}");
      text += "{\n";
      keys.forEach((k, i) => {
        const p = path ? `${path}.${k}` : k;
        const note = noteFor(p);
        text += pad;
        if (note) {
          flush();
          const id = `json-note-${++noteIds}`;
          notes.append(el("span", { id, text: note }));
          parts.push(el("button", { type: "button", class: "jkey", "data-path": p, "data-note": note, "aria-describedby": id, text: JSON.stringify(k) }));
        } else {
          flush();
          parts.push(el("span", { class: "j-key", text: JSON.stringify(k) }));
        }
        text += ": ";
        walk(v[k], indent + 2, p);
        text += i < keys.length - 1 ? ",\n" : "\n";
      });
      text += `${" ".repeat(indent)}}`;
    } else {
      flush();
      const t = JSON.stringify(v) ?? "null";
      parts.push(el("span", { class: v === "[redacted]" ? "j-redacted" : `j-${v === null ? "null" : typeof v}`, text: t }));
    }
  };
  walk(value, 0, "");
  flush();
  if (tipFor && code.contains(tipFor)) hideTip();
  code.replaceChildren(...parts);
}

// ---------------------------------------------------------------- step 3: auth payload

/** [label, note, paths it explains] */
const PAYLOAD_FIELDS = [
  ["authData.idToken", "The id token from step 1: who the user is, as the identity provider says.", ["authData.idToken"]],
  ["authData.provider", "Which provider issued it: google, client_jwt, or okto after an email code.", ["authData.provider"]],
  ["sessionData.nonce", "A fresh UUID. The paymaster data signs the same nonce, so a payload cannot be replayed.", ["sessionData.nonce"]],
  ["sessionData.clientSWA", "Your app's smart wallet: the client that pays for the session.", ["sessionData.clientSWA"]],
  ["sessionData.sessionPk", "The new session public key (65 bytes, 0x04…) that Okto will accept tokens from.", ["sessionData.sessionPk"]],
  ["sessionData.maxFeePerGas / maxPriorityFeePerGas", "Constant gas prices on the Okto chain, as Okto's API template sends them.", ["sessionData.maxFeePerGas", "sessionData.maxPriorityFeePerGas"]],
  ["sessionData.paymaster", "The environment's paymaster contract, which sponsors the session's gas.", ["sessionData.paymaster"]],
  ["sessionData.paymasterData", "ABI(clientSWA, validUntil, validAfter, signature): the client's signature over nonce and validity (6 h).", ["sessionData.paymasterData"]],
  ["sessionPkClientSignature", "The client key signs the session address: your app vouches for this session.", ["sessionPkClientSignature"]],
  ["sessionDataUserSignature", "The session key signs its own address: proof that whoever logs in holds it.", ["sessionDataUserSignature"]],
];
const PAYLOAD_NOTES = {
  authData: "Who the user is: the login's id token and its provider.",
  sessionData: "The session to open: its public key, the client, and who pays for gas.",
};
for (const [, note, paths] of PAYLOAD_FIELDS) for (const p of paths) PAYLOAD_NOTES[p] = note;

/** The payload the last login sent, from the client's debug log (redacted there). */
function sentPayload() {
  if (!authLog) return null;
  const p = authLog.transport === "rpc" ? authLog.body?.params?.[0] : authLog.body;
  return p && typeof p === "object" && p.authData && p.sessionData ? p : null;
}

function buildPayload(idToken, provider) {
  if (!builderKey) $("btn-gen-key").click();
  if (!builderKey) return null;
  if (!settings.clientKey) {
    const e = new Error("clientPrivateKey: the builder signs for the client; enter the client key in Settings");
    e.name = "OktoError";
    e.code = "INVALID_ARGUMENT";
    throw e;
  }
  const environment = settings.env === "custom" ? settings.base : HOSTS[settings.env] ? settings.env : "sandbox";
  const payload = okto.buildAuthPayload({
    authData: { idToken, provider },
    session: builderKey,
    clientSWA: settings.clientSWA,
    clientPrivateKey: settings.clientKey,
    environment,
  });
  return { payload, environment };
}

function showPayload(view) {
  payloadView = view;
  if (!view) {
    $("payload-out").hidden = true;
    refresh();
    return;
  }
  renderJson($("payload-json"), view.payload, (p) => PAYLOAD_NOTES[p]);
  $("payload-note").textContent = view.note;
  const dl = $("payload-explain");
  if (!dl.childElementCount)
    dl.replaceChildren(...PAYLOAD_FIELDS.map(([k, v, paths]) => el("div", { "data-paths": paths.join(" ") }, el("dt", {}, el("code", { text: k })), el("dd", { text: v }))));
  $("payload-out").hidden = false;
  refresh();
}

/** After a login: the payload it sent, or (if the log did not record it) one built offline for the same id token. */
function showLoginPayload(idToken, provider) {
  const sent = sentPayload();
  if (sent) {
    showPayload({ kind: "sent", payload: sent, note: "This is the payload the login sent, from okto-wasm's debug log, which redacts the id token and the signatures." });
    return;
  }
  if (!idToken) return showPayload(null);
  try {
    const built = buildPayload(idToken, provider);
    if (built)
      showPayload({ kind: "built", login: true, payload: built.payload, note: "okto-wasm does not expose the payload a login sends, so this one is built offline for the same id token, with the offline key from step 2." });
  } catch {
    showPayload(null);
  }
}

$("btn-build-payload").addEventListener("click", () => {
  hideError();
  try {
    let idToken = $("id-token").value.trim();
    let note = "Built offline from the id token in step 1";
    if (!idToken) {
      idToken = makeDevToken($("dev-email").value.trim() || "alice@example.com");
      note = "Step 1 has no id token yet, so this uses a dev token";
    }
    const built = buildPayload(idToken, $("provider").value);
    if (!built) return;
    showPayload({
      kind: "built",
      payload: built.payload,
      note: `${note}, signed by the offline key from step 2 and the ${built.environment} paymaster. Nothing was sent; “Log in” sends this shape to authenticate.`,
    });
  } catch (e) {
    showError(e);
  }
});

$("btn-show-sent").addEventListener("click", () => {
  const sent = sentPayload();
  if (sent) showPayload({ kind: "sent", payload: sent, note: "This is the payload the login sent, from okto-wasm's debug log, which redacts the id token and the signatures." });
});

// ---------------------------------------------------------------- step 4: authenticate

/** Every line of the client's debug log: remember the authenticate call for steps 3 and 4. */
function onClientLog(line) {
  if (settings.debug) console.debug(line);
  try {
    captureAuth(String(line));
  } catch {}
}

function captureAuth(line) {
  let m = /^okto: → (POST) (\S+) ([\s\S]*)$/.exec(line);
  if (m) {
    const [, method, url, bodyText] = m;
    const isRest = /\/api\/oc\/v1\/authenticate$/.test(url);
    const isRpc = /\/rpc$/.test(url);
    if (!isRest && !isRpc) return;
    const body = JSON.parse(bodyText);
    if (isRpc && body?.method !== "authenticate") return;
    pendingAuth = { method, url, body, transport: isRpc ? "rpc" : "rest" };
    return;
  }
  m = /^okto: ← (\d+) (.+?) \((\d+) ms\) ([\s\S]*)$/.exec(line);
  if (m && pendingAuth && /authenticate$/.test(m[2])) {
    let answer;
    try {
      answer = JSON.parse(m[4]);
    } catch {
      answer = m[4];
    }
    authLog = { ...pendingAuth, status: Number(m[1]), ms: Number(m[3]), answer };
    pendingAuth = null;
  }
}

const ANSWER_NOTES = {
  jsonrpc: "The JSON-RPC version.",
  id: "The id of the request this answers.",
  result: "What authenticate returned.",
  status: "The REST envelope's verdict: success or error.",
  data: "What authenticate returned.",
  userSWA: "The user's smart wallet address (step 5). The same identity always gets the same wallet.",
  nonce: "The payload's sessionData.nonce, echoed as a 32-byte number.",
  clientSWA: "Your app's smart wallet, echoed.",
  sessionExpiry: "When the session ends, in unix seconds (step 5).",
};

function renderAuth() {
  if (!login) return;
  const rpc = (authLog?.transport ?? login.transport) === "rpc";
  $("auth-transport").replaceChildren(rpc ? "JSON-RPC 2.0, to the gateway" : "REST, to the BFF");
  const url = authLog?.url ?? (rpc ? `${settings.gateway}/rpc` : `${settings.bff}/api/oc/v1/authenticate`);
  $("auth-route").replaceChildren(mono(`POST ${url}`, "wrap"), ...(rpc ? [" method ", mono("authenticate")] : []));
  $("auth-sent").replaceChildren(
    rpc
      ? el("span", {}, "A JSON-RPC request ", mono(`{"method": "authenticate", "jsonrpc": "2.0", "id": …, "params": [payload]}`), " with the auth payload of step 3.")
      : el("span", {}, "The auth payload of step 3 as the JSON body."),
  );
  if (authLog) {
    const ok = authLog.status >= 200 && authLog.status < 300;
    $("auth-status").replaceChildren(el("span", { class: `badge ${ok ? "yes" : "no"}`, text: `HTTP ${authLog.status}` }), el("span", { class: "muted", text: ` in ${authLog.ms} ms` }));
    if (typeof authLog.answer === "object" && authLog.answer) renderJson($("auth-answer"), authLog.answer, (p) => ANSWER_NOTES[p.split(".").pop()]);
    else $("auth-answer").textContent = String(authLog.answer);
    const exp = authLog.answer?.result?.sessionExpiry ?? authLog.answer?.data?.sessionExpiry;
    $("auth-note").textContent = `As okto-wasm's debug log recorded it.${exp ? ` sessionExpiry ${exp} is ${fmtDate(exp)}.` : ""}`;
  } else {
    $("auth-status").replaceChildren(el("span", { class: "badge yes", text: "OK" }));
    renderJson($("auth-answer"), { userSWA: client.userSWA, sessionExpiry: client.sessionExpiry }, (p) => ANSWER_NOTES[p]);
    $("auth-note").textContent = "The client's log did not record this call; these are the values the client kept from the answer.";
  }
}

// ---------------------------------------------------------------- step 6: token

$("btn-token").addEventListener("click", (ev) =>
  busy(ev.currentTarget, async () => {
    hideError();
    const t = await needClient().getAuthorizationToken();
    const decoded = decodeAuthToken(t);
    const expireAt = decoded?.data?.expire_at;
    if (!token || token.value !== t) token = { value: t, expireAt, issuedAt: Date.now() / 1000 };
    $("token-short").textContent = `${t.slice(0, 12)}…${t.slice(-6)}`;
    $("token-short").title = `${t.length} characters; use Copy for the full token`;
    $("tok-type").textContent = decoded?.type ?? "?";
    $("tok-exp").textContent = expireAt ? `${expireAt} (${fmtDate(expireAt)})` : "?";
    $("tok-pub").textContent = decoded?.data?.session_pub_key ?? "?";
    $("tok-sig").textContent = shortHex(decoded?.data_signature ?? "", 10, 8);
    $("token-out").hidden = false;
    done.add(6);
    tick();
  }),
);

$("btn-copy-token").addEventListener("click", (ev) => {
  if (token) copyText(token.value, ev.currentTarget);
});

function tick() {
  if (token?.expireAt) {
    const now = Date.now() / 1000;
    const left = token.expireAt - now;
    const total = Math.max(1, token.expireAt - token.issuedAt);
    $("token-left").textContent = left > 0 ? clock(left) : "expired";
    $("token-at").textContent = `at ${timeFmt.format(new Date(token.expireAt * 1000))}`;
    const pct = Math.max(0, Math.min(100, (left / total) * 100));
    const meter = $("token-meter");
    meter.setAttribute("aria-valuenow", String(Math.round(pct)));
    meter.firstElementChild.style.width = `${pct}%`;
    meter.classList.toggle("low", left < 300);
  }
  if (client?.sessionExpiry && login) $("session-expiry-rel").textContent = `(${relative(client.sessionExpiry)})`;
}
setInterval(tick, 1000);

// ---------------------------------------------------------------- step 7: explorer

const QUERIES = {
  wallets: { label: "Wallets", run: (c) => c.getAccount(), render: renderWallets },
  chains: { label: "Chains", run: (c) => c.getChains(), render: renderChains },
  portfolio: { label: "Portfolio", run: (c) => c.getPortfolio(), render: renderPortfolio },
  tokens: { label: "Tokens", run: (c) => c.getTokens(), render: renderTokens },
  activity: { label: "Activity", run: (c) => c.getPortfolioActivity(), render: renderActivity },
  nfts: { label: "NFTs", run: (c) => c.getPortfolioNFT(), render: renderNfts },
  orders: { label: "Orders", run: (c) => c.getOrdersHistory(), render: renderOrders },
  keys: { label: "User keys", run: (c) => c.getUserKeys(), render: renderKeys },
};

for (const b of document.querySelectorAll("#explorer-buttons [data-q]")) {
  b.addEventListener("click", (ev) =>
    busy(ev.currentTarget, async () => {
      hideError();
      const q = b.dataset.q;
      const data = await QUERIES[q].run(needClient());
      results[q] = data;
      currentQuery = q;
      done.add(7);
      renderResults();
    }),
  );
}
$("raw-toggle").addEventListener("change", renderResults);

function renderResults() {
  const box = $("results");
  box.dataset.shown = currentQuery ?? "";
  for (const b of document.querySelectorAll("#explorer-buttons [data-q]")) b.setAttribute("aria-pressed", String(b.dataset.q === currentQuery));
  if (!currentQuery || !(currentQuery in results)) {
    box.replaceChildren(el("p", { class: "empty", text: login ? "Pick a query above. Results show here." : "Log in to query the explorer." }));
    return;
  }
  const data = results[currentQuery];
  const head = el("div", { class: "results-head" }, el("h3", { text: QUERIES[currentQuery].label }), el("span", { class: "muted", text: countText(data) }));
  if ($("raw-toggle").checked) {
    box.replaceChildren(head, el("pre", { class: "code", tabIndex: 0, "aria-label": "Raw JSON" }, el("code", { text: JSON.stringify(data, null, 2) })));
  } else {
    box.replaceChildren(head, QUERIES[currentQuery].render(data));
  }
}

function countText(data) {
  if (Array.isArray(data)) return `${data.length} ${data.length === 1 ? "item" : "items"}`;
  if (data?.groupTokens) return `${data.groupTokens.length} assets`;
  return "";
}

/** A table that becomes labelled cards on narrow screens. cols: [label, fn(row) → Node|string, class?] */
function table(rows, cols, caption) {
  if (!rows.length) return el("p", { class: "empty", text: "Nothing here yet." });
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      { class: "data" },
      el("caption", { class: "sr-only", text: caption }),
      el("thead", {}, el("tr", {}, cols.map(([label, , cls]) => el("th", { scope: "col", class: cls, text: label })))),
      el(
        "tbody",
        {},
        rows.map((r) =>
          el(
            "tr",
            {},
            cols.map(([label, fn, cls]) => {
              const v = fn(r);
              return el("td", { "data-label": label, class: cls }, v instanceof Node ? v : String(v ?? ""));
            }),
          ),
        ),
      ),
    ),
  );
}

const mono = (s, cls = "") => el("code", { class: `mono ${cls}`.trim(), text: s });
const badge = (yes, yesText = "Yes", noText = "No") => el("span", { class: `badge ${yes ? "yes" : "no"}`, text: yes ? yesText : noText });

function avatar(symbol) {
  const s = (symbol || "?").slice(0, 4);
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 360;
  const a = el("span", { class: "avatar", "aria-hidden": "true", text: s.slice(0, 1) });
  a.style.setProperty("--h", String(h));
  return a;
}

const network = (name, caip) => el("span", { class: "net" }, el("strong", { text: name || "—" }), caip ? el("span", { class: "muted", text: caip }) : null);

/** `shown` (default: all of `text`) with a button that copies all of `text`. */
function copyable(text, shown = text) {
  const b = el("button", { type: "button", class: "copy small", text: "Copy", "aria-label": `Copy ${text}` });
  b.addEventListener("click", () => copyText(text, b));
  const code = mono(shown, "wrap");
  if (shown !== text) code.title = text;
  return el("span", { class: "copyable" }, code, b);
}

function renderWallets(rows) {
  return table(rows, [
    ["Network", (r) => el("strong", { text: r.networkName })],
    ["CAIP-2 id", (r) => mono(r.caipId)],
    ["Symbol", (r) => r.networkSymbol],
    ["Address", (r) => copyable(r.address, r.address.length > 42 ? shortHex(r.address, 10, 8) : r.address), "addr"],
  ], "Wallets");
}

function renderChains(rows) {
  return table(rows, [
    ["Network", (r) => el("strong", { text: r.networkName })],
    ["Chain id", (r) => mono(r.chainId)],
    ["CAIP-2 id", (r) => mono(r.caipId)],
    ["Type", (r) => r.type],
    ["Sponsored gas", (r) => badge(r.sponsorshipEnabled, "Sponsored", "No")],
    ["GSN", (r) => badge(r.gsnEnabled, "GSN", "No")],
  ], "Supported chains");
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const inr = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = (s, max = 6) => {
  const n = Number(s);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: max }) : String(s ?? "");
};

function renderPortfolio(p) {
  const a = p?.aggregatedData ?? {};
  const tiles = el(
    "div",
    { class: "tiles" },
    el("div", { class: "tile accent" }, el("span", { class: "tile-label", text: "Total value" }), el("span", { class: "tile-value", text: usd.format(Number(a.totalHoldingPriceUsdt) || 0) }), el("span", { class: "tile-sub", text: "in USDT" })),
    el("div", { class: "tile" }, el("span", { class: "tile-label", text: "In rupees" }), el("span", { class: "tile-value", text: inr.format(Number(a.totalHoldingPriceInr) || 0) }), el("span", { class: "tile-sub", text: "INR" })),
    el("div", { class: "tile" }, el("span", { class: "tile-label", text: "Holdings" }), el("span", { class: "tile-value", text: num(a.holdingsCount, 0) }), el("span", { class: "tile-sub", text: `${(p?.groupTokens ?? []).length} assets` })),
  );
  const rows = p?.groupTokens ?? [];
  return el(
    "div",
    { class: "stack" },
    tiles,
    table(rows, [
      ["Asset", (r) => el("span", { class: "asset" }, avatar(r.symbol), el("span", {}, el("strong", { text: r.symbol }), el("span", { class: "muted", text: r.name })))],
      ["Networks", (r) => (r.tokens?.length ? r.tokens.map((t) => t.networkName).join(", ") : r.networkName)],
      ["Balance", (r) => num(r.balance), "num"],
      ["Value", (r) => usd.format(Number(r.holdingsPriceUsdt) || 0), "num"],
    ], "Portfolio holdings"),
  );
}

function renderTokens(rows) {
  return table(rows, [
    ["Token", (r) => el("span", { class: "asset" }, avatar(r.symbol), el("span", {}, el("strong", { text: r.symbol }), el("span", { class: "muted", text: r.name || r.shortName })))],
    ["Network", (r) => network(r.networkName, r.caipId)],
    ["Contract", (r) => (r.address ? mono(shortHex(r.address, 8, 6)) : el("span", { class: "badge neutral", text: "native" }))],
    ["Decimals", (r) => r.decimals ?? "—", "num"],
  ], "Supported tokens");
}

function renderActivity(rows) {
  return table(rows, [
    ["What", (r) => el("span", { class: "asset" }, avatar(r.symbol || "NFT"), el("span", {}, el("strong", { text: r.description }), el("span", { class: "muted", text: r.transferType })))],
    ["Amount", (r) => `${num(r.quantity)} ${r.symbol}`.trim(), "num"],
    ["Network", (r) => network(r.networkName, r.caipId)],
    ["When", (r) => (r.timestamp ? fmtDate(r.timestamp) : "—")],
    ["Tx", (r) => mono(shortHex(r.txHash, 8, 6))],
    ["Status", (r) => badge(r.status === true || /^(success|successful|true)$/i.test(String(r.status)), "Done", String(r.status || "Pending"))],
  ], "Portfolio activity");
}

function renderNfts(rows) {
  if (!rows.length) return el("p", { class: "empty", text: "This wallet holds no NFTs." });
  return el(
    "div",
    { class: "cards" },
    rows.map((n) =>
      el(
        "article",
        { class: "nft" },
        el("div", { class: "nft-art", "aria-hidden": "true", text: (n.collectionName || "NFT").slice(0, 1) }),
        el(
          "div",
          { class: "nft-body" },
          el("h4", { text: n.nftName || `#${n.nftId}` }),
          el("p", { class: "muted", text: n.collectionName }),
          el("p", {}, el("span", { class: "badge neutral", text: n.entityType }), " ", el("span", { class: "badge neutral", text: n.networkName }), " ", el("span", { class: "muted", text: `× ${num(n.quantity, 2)}` })),
          el("p", {}, mono(shortHex(n.collectionAddress, 8, 6))),
        ),
      ),
    ),
  );
}

function renderOrders(rows) {
  if (!rows.length)
    return el("p", { class: "empty", text: "No orders yet. An order appears here once the user sends something in step 8 (a token or NFT transfer, or a raw transaction)." });
  return table(rows, [
    ["Order", (r) => mono(shortHex(r.intentId, 8, 6))],
    ["Type", (r) => r.intentType],
    ["Network", (r) => network(r.networkName, r.caipId)],
    ["Status", (r) => badge(r.status === "SUCCESSFUL", r.status, r.status)],
  ], "Orders");
}

function renderKeys(k) {
  return el(
    "dl",
    { class: "kv" },
    [["User id", k.userId], ["User SWA", k.userSWA], ["ECDSA public key", k.ecdsaPublicKey], ["ECDSA key id", k.ecdsaKeyId], ["EdDSA public key", k.eddsaPublicKey], ["EdDSA key id", k.eddsaKeyId]].map(([t, v]) =>
      el("div", {}, el("dt", { text: t }), el("dd", {}, mono(v ?? "—", "wrap"))),
    ),
  );
}

// ---------------------------------------------------------------- step 8: intents

// Anvil's public test account #1: an address anyone may use as an example.
const EXAMPLE_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const TYPED_EXAMPLE = {
  types: {
    EIP712Domain: [
      { name: "name", type: "string" },
      { name: "version", type: "string" },
      { name: "chainId", type: "uint256" },
    ],
    Greeting: [
      { name: "from", type: "string" },
      { name: "text", type: "string" },
    ],
  },
  primaryType: "Greeting",
  domain: { name: "okto-wasm demo", version: "1", chainId: 8453 },
  message: { from: "okto-wasm demo", text: "Hello, typed data" },
};
const KIND = {
  token: { type: "TOKEN_TRANSFER", legend: "Token transfer", evmOnly: false },
  nft: { type: "NFT_TRANSFER", legend: "NFT transfer", evmOnly: true },
  raw: { type: "RAW_TRANSACTION", legend: "Raw transaction", evmOnly: true },
};
const SUCCESS = new Set(["SUCCESSFUL", "SUCCESS"]);

const intent = {
  kind: "token",
  chains: null, // getChains(), once logged in
  tokens: null, // getTokens()
  nfts: null, // getPortfolioNFT(), to fill the NFT fields
  loadFailed: false, // the chains or tokens did not load (the note offers "Try again")
  gen: 0, // bumped on every logout: late answers for an old session are dropped
  busy: false, // an estimate or a send is running
  signing: false, // a message is being signed
  waiting: null, // AbortController while following an order
  stages: null, // the progress list of the last send
  timer: 0,
};

function pageError(code, message) {
  const e = new Error(message);
  e.name = "OktoError";
  e.code = code;
  return e;
}

/** "0.5" whole units → "500000000000000000" base units, exactly (no floating point). */
function toBaseUnits(text, decimals, symbol = "this token") {
  const s = String(text ?? "").trim().replace(",", ".");
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!s || !m || (m[1] === "" && !m[2])) throw pageError("INVALID_ARGUMENT", "amount: enter a number, like 0.5");
  const whole = m[1] || "0";
  let frac = m[2] ?? "";
  if (frac.length > decimals) {
    if (!/^0*$/.test(frac.slice(decimals)))
      throw pageError("INVALID_ARGUMENT", `amount: ${symbol} has ${decimals} decimals, so at most ${decimals} digits after the point`);
    frac = frac.slice(0, decimals);
  }
  const base = BigInt(whole + frac.padEnd(decimals, "0"));
  if (base === 0n) throw pageError("INVALID_ARGUMENT", "amount: must be greater than 0");
  return base.toString();
}

/** "500000000000000000" base units → "0.5" whole units, exactly. */
function fromBaseUnits(base, decimals) {
  let n;
  try {
    n = BigInt(base);
  } catch {
    return String(base);
  }
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

const sameCaip = (a, b) => String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();
const isEvm = (chain) => chain?.type === "EVM" || /^eip155:/i.test(chain?.caipId ?? "");
const chainOf = (caip) => intent.chains?.find((c) => sameCaip(c.caipId, caip));
const tokensOf = (caip) =>
  (intent.tokens ?? []).filter((t) => sameCaip(t.caipId ?? t.caip2Id, caip)).sort((a, b) => (a.address ? 1 : 0) - (b.address ? 1 : 0));
const nativeOf = (caip) => tokensOf(caip).find((t) => !t.address);
const decimalsOf = (t, fallback = 18) => {
  const d = Number(t?.decimals);
  return Number.isInteger(d) && d >= 0 && d <= 77 ? d : fallback;
};
const chainName = (caip) => chainOf(caip)?.networkName ?? caip;
const option = (value, text, selected = false) => el("option", { value, text, selected });

function selectedToken() {
  const id = $("intent-token").value;
  return (intent.tokens ?? []).find((t) => (t.id || `${t.caipId}:${t.address}`) === id);
}

function fillChains() {
  const sel = $("intent-chain");
  const keep = sel.value;
  if (!intent.chains) {
    sel.replaceChildren(option("", !login ? "Log in to load chains" : intent.loadFailed ? "The chains did not load" : "Loading chains…"));
  } else {
    const list = intent.chains.filter((c) => !KIND[intent.kind].evmOnly || isEvm(c));
    const pick = list.find((c) => sameCaip(c.caipId, keep)) ?? list[0];
    sel.replaceChildren(...list.map((c) => option(c.caipId, `${c.networkName} · ${c.caipId}`, c === pick)));
    if (!list.length) sel.replaceChildren(option("", "No chain supports this"));
  }
  onChainChange();
}

function onChainChange() {
  const caip = $("intent-chain").value;
  const chain = chainOf(caip);
  $("chain-hint").textContent = chain
    ? chain.sponsorshipEnabled ? "Okto's paymaster pays the gas on this chain." : "The user pays the gas on this chain."
    : KIND[intent.kind].evmOnly ? "EVM chains only." : "";
  const sel = $("intent-token");
  const keep = selectedToken();
  if (!intent.tokens) sel.replaceChildren(option("", intent.chains ? "Loading tokens…" : "Choose a chain first"));
  else {
    const list = tokensOf(caip);
    const pick = list.find((t) => keep && t.symbol === keep.symbol) ?? list[0];
    sel.replaceChildren(...list.map((t) => option(t.id || `${t.caipId}:${t.address}`, t.address ? `${t.symbol} · ${shortHex(t.address, 6, 4)}` : `${t.symbol} (native)`, t === pick)));
    if (!list.length) sel.replaceChildren(option("", "No tokens on this chain"));
  }
  onTokenChange();
  clearEstimate();
}

function onTokenChange() {
  const t = selectedToken();
  $("token-hint").textContent = t ? `${t.shortName || t.name || t.symbol}, ${decimalsOf(t)} decimals${t.address ? "" : ", the chain's own coin"}` : "";
  $("amount-unit").textContent = t ? `(in ${t.symbol})` : "";
  updateAmountHint();
  updateValueHint();
  clearEstimate();
}

function updateAmountHint() {
  const hint = $("amount-base");
  const t = selectedToken();
  const v = $("intent-amount").value.trim();
  hint.classList.remove("bad");
  if (!v || !t) {
    hint.textContent = "In whole tokens, e.g. 0.5.";
    return;
  }
  try {
    hint.textContent = `= ${toBaseUnits(v, decimalsOf(t), t.symbol)} base units (${decimalsOf(t)} decimals)`;
  } catch (e) {
    hint.textContent = capitalize(e.message.replace(/^amount: /, ""));
    hint.classList.add("bad");
  }
}

function updateValueHint() {
  const hint = $("raw-value-hint");
  const v = $("raw-value").value.trim();
  const native = nativeOf($("intent-chain").value);
  hint.classList.remove("bad");
  if (!/^\d+$/.test(v)) {
    hint.textContent = v ? "Whole wei only: digits, no point." : "0 sends no coins.";
    if (v) hint.classList.add("bad");
    return;
  }
  hint.textContent = native ? `= ${fromBaseUnits(v, decimalsOf(native))} ${native.symbol}` : "";
}

function fillNftPick() {
  const list = intent.nfts ?? [];
  $("nft-pick").replaceChildren(
    option("", list.length ? "Enter the NFT by hand" : "No NFTs found: enter one by hand"),
    ...list.map((n, i) => option(String(i), `${n.nftName || `#${n.nftId}`} · ${n.collectionName || shortHex(n.collectionAddress)} (${n.networkName})`)),
  );
}

function onNftPick() {
  const n = intent.nfts?.[Number($("nft-pick").value)];
  if (!n || $("nft-pick").value === "") return;
  if ($("intent-chain").value !== n.caipId) {
    $("intent-chain").value = n.caipId;
    onChainChange();
  }
  $("nft-collection").value = n.collectionAddress;
  $("nft-id").value = n.nftId;
  $("nft-type").value = n.entityType === "ERC1155" ? "ERC1155" : "ERC721";
  $("nft-amount").value = "1";
  onNftType();
}

function onNftType() {
  const erc721 = $("nft-type").value === "ERC721";
  $("nft-amount").readOnly = erc721;
  if (erc721) $("nft-amount").value = "1";
  clearEstimate();
}

function selectKind(kind) {
  if (intent.busy || !KIND[kind]) return;
  intent.kind = kind;
  for (const b of document.querySelectorAll("#intent-kinds [role=tab]")) {
    const on = b.dataset.kind === kind;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
  }
  $("intent-form").setAttribute("aria-labelledby", `kind-${kind}`);
  $("intent-legend").textContent = KIND[kind].legend;
  for (const f of document.querySelectorAll("#intent-fields [data-kinds]")) f.hidden = !f.dataset.kinds.split(" ").includes(kind);
  fillChains();
}

for (const b of document.querySelectorAll("#intent-kinds [role=tab]")) {
  b.addEventListener("click", () => selectKind(b.dataset.kind));
  b.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    const tabs = [...document.querySelectorAll("#intent-kinds [role=tab]")];
    const next = tabs[(tabs.indexOf(b) + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    selectKind(next.dataset.kind);
    next.focus();
  });
}
$("intent-chain").addEventListener("change", onChainChange);
$("intent-token").addEventListener("change", onTokenChange);
$("intent-amount").addEventListener("input", () => (updateAmountHint(), clearEstimate()));
$("raw-value").addEventListener("input", () => (updateValueHint(), clearEstimate()));
for (const id of ["intent-recipient", "nft-collection", "nft-id", "nft-amount", "raw-to", "raw-data"]) $(id).addEventListener("input", clearEstimate);
$("nft-pick").addEventListener("change", onNftPick);
$("nft-type").addEventListener("change", onNftType);
$("btn-example-recipient").addEventListener("click", () => ($("intent-recipient").value = EXAMPLE_ADDRESS, clearEstimate()));
$("btn-example-to").addEventListener("click", () => ($("raw-to").value = EXAMPLE_ADDRESS, clearEstimate()));
// Pretty JSON with each flat object ({ "name": …, "type": … }) on one line.
$("sign-typed").value = JSON.stringify(TYPED_EXAMPLE, null, 2).replace(/\{\n\s+("[^"\n]*": "[^"\n]*"),\n\s+("[^"\n]*": "[^"\n]*")\n\s+\}/g, "{ $1, $2 }");
selectKind("token");

/** Chains, tokens and the user's NFTs for the form; called after each login. */
async function loadIntentData() {
  const c = client;
  const gen = intent.gen;
  const note = $("intent-load-note");
  intent.loadFailed = false;
  note.classList.remove("warn");
  note.replaceChildren("Loading chains and tokens…");
  fillChains();
  try {
    const [chains, tokens] = await Promise.all([c.getChains(), c.getTokens()]);
    if (gen !== intent.gen) return;
    intent.chains = chains;
    intent.tokens = tokens;
    note.replaceChildren();
    fillChains();
  } catch (e) {
    if (gen !== intent.gen) return;
    const retry = el("button", { type: "button", class: "btn small", text: "Try again" });
    retry.addEventListener("click", loadIntentData);
    intent.loadFailed = true;
    note.classList.add("warn");
    note.replaceChildren(`Could not load the chains and tokens: ${explain(e).title.replace(/\.$/, "")} (code ${e?.code ?? "?"}).`, retry);
    fillChains();
    return void syncIntent();
  }
  syncIntent();
  try {
    const nfts = await c.getPortfolioNFT();
    if (gen !== intent.gen) return;
    intent.nfts = nfts;
    fillNftPick();
  } catch {
    // Optional: the NFT fields can be typed by hand.
  }
}

/** Forgets everything step 8 knew about the session (logout, refused session, new settings). */
function resetIntents() {
  intent.gen++;
  intent.waiting?.abort();
  intent.waiting = null;
  intent.chains = intent.tokens = intent.nfts = null;
  clearInterval(intent.timer);
  $("intent-load-note").replaceChildren();
  fillNftPick();
  fillChains();
  $("estimate-out").hidden = true;
  $("send-out").hidden = true;
  $("sig-out").hidden = true;
  intent.stages = null;
  intent.busy = intent.signing = false;
}

/** Enables what can be used now. */
function syncIntent() {
  const loggedIn = !!(login && client?.isLoggedIn());
  const ready = loggedIn && !!intent.chains && !!$("intent-chain").value;
  $("intent-fields").disabled = !loggedIn || !intent.chains || intent.busy;
  for (const id of ["btn-estimate", "btn-send"]) $(id).disabled = !ready || intent.busy;
  for (const b of document.querySelectorAll("#intent-kinds [role=tab]")) b.disabled = intent.busy;
  for (const id of ["btn-sign-message", "btn-sign-typed"]) $(id).disabled = !loggedIn || intent.signing;
  $("sign-text").readOnly = $("sign-typed").readOnly = intent.signing;
  $("btn-cancel").hidden = !intent.waiting;
  $("raw-from").value = loggedIn ? client.userSWA ?? "" : "";
}

function clearEstimate() {
  $("estimate-out").hidden = true;
}

/** The form as the builder's parameters, plus words for the page. Throws INVALID_ARGUMENT naming the field. */
function intentParams() {
  const c = needClient();
  const caip2Id = $("intent-chain").value;
  if (!caip2Id) throw pageError("INVALID_ARGUMENT", "chain: choose a chain");
  const where = chainName(caip2Id);
  const need = (id, field, what) => {
    const v = $(id).value.trim();
    if (!v) throw pageError("INVALID_ARGUMENT", `${field}: ${what}`);
    return v;
  };
  if (intent.kind === "token") {
    const t = selectedToken();
    if (!t) throw pageError("INVALID_ARGUMENT", "token: choose a token");
    const recipient = need("intent-recipient", "recipient", "enter the address to send to");
    const amountText = need("intent-amount", "amount", "enter how much to send, like 0.5");
    const amount = toBaseUnits(amountText, decimalsOf(t), t.symbol);
    const whole = fromBaseUnits(amount, decimalsOf(t));
    return {
      type: "TOKEN_TRANSFER",
      params: { caip2Id, recipient, token: t.address, amount },
      what: `${whole} ${t.symbol} to ${shortHex(recipient, 6, 4)} on ${where}`,
      amountText: `${whole} ${t.symbol}`,
      baseText: `${amount} base units`,
    };
  }
  if (intent.kind === "nft") {
    const collectionAddress = need("nft-collection", "collectionAddress", "enter the NFT contract's address");
    const nftId = need("nft-id", "nftId", "enter the NFT's id");
    const recipientWalletAddress = need("intent-recipient", "recipient", "enter the address to send to");
    const amount = need("nft-amount", "amount", "enter how many to send");
    if (!/^\d+$/.test(amount) || /^0+$/.test(amount)) throw pageError("INVALID_ARGUMENT", "amount: a whole number of NFTs, at least 1");
    const nftType = $("nft-type").value;
    return {
      type: "NFT_TRANSFER",
      params: { caip2Id, collectionAddress, nftId, recipientWalletAddress, amount, nftType },
      what: `${amount} × NFT #${nftId} (${nftType}) to ${shortHex(recipientWalletAddress, 6, 4)} on ${where}`,
      amountText: `${amount} × #${nftId}`,
      baseText: `${nftType} ${shortHex(collectionAddress, 6, 4)}`,
    };
  }
  const to = need("raw-to", "transaction.to", "enter the address the transaction goes to");
  const data = $("raw-data").value.trim() || "0x";
  const value = $("raw-value").value.trim() || "0";
  if (!/^\d+$/.test(value)) throw pageError("INVALID_ARGUMENT", "transaction.value: whole wei only (digits, no point)");
  const native = nativeOf(caip2Id);
  const coins = native ? `${fromBaseUnits(value, decimalsOf(native))} ${native.symbol}` : `${value} wei`;
  return {
    type: "RAW_TRANSACTION",
    params: { caip2Id, transaction: { from: c.userSWA, to, data, value } },
    what: `a transaction to ${shortHex(to, 6, 4)} with ${coins}${data !== "0x" ? ` and ${(data.length - 2) >> 1} bytes of data` : ""} on ${where}`,
    amountText: coins,
    baseText: `${value} wei`,
  };
}

/** Runs an estimate or a send with the form locked; errors go to the banner (and to the progress list). */
async function intentTask(button, fn) {
  if (intent.busy) return;
  const gen = intent.gen;
  intent.busy = true;
  button.setAttribute("aria-busy", "true");
  syncIntent();
  hideError();
  try {
    await fn(gen);
  } catch (e) {
    if (gen === intent.gen) {
      if (e?.code === "NETWORK" && !/^waiting for order/.test(e.message)) reach = "down";
      else if (["HTTP", "RPC", "API", "BAD_RESPONSE"].includes(e?.code)) reach = "ok";
      failStage(e);
      showError(e);
      setStatus(`That did not work: ${explain(e).title}`);
    }
  } finally {
    button.removeAttribute("aria-busy");
    if (gen === intent.gen) {
      intent.busy = false;
      intent.waiting = null;
      clearInterval(intent.timer);
    }
    refresh();
  }
}

$("btn-estimate").addEventListener("click", (ev) =>
  intentTask(ev.currentTarget, async (gen) => {
    const p = intentParams();
    $("send-out").hidden = true; // the last send's progress belongs to another transfer
    setStatus(`Estimating ${p.what}…`);
    const r = await needClient().estimate(p.type, p.params);
    if (gen !== intent.gen) return;
    reach = "ok";
    renderEstimate(r, p);
    setStatus(`Estimated ${p.what}. Nothing was signed or sent.`);
  }),
);

function renderEstimate(r, p) {
  const caip = p.params.caip2Id;
  const fees = r?.details?.fees ?? {};
  const txFees = fees.transactionFees ?? {};
  const key = Object.keys(txFees).find((k) => sameCaip(k, caip)) ?? Object.keys(txFees)[0];
  const fee = key === undefined ? undefined : txFees[key];
  const usdt = fees.approxTransactionFeesInUSDT ?? fees.approxTransactionFeesInUsdt;
  const native = nativeOf(key ?? caip);
  const free = fee !== undefined && /^0*$/.test(String(fee));
  const feeText = fee === undefined ? "not given" : free ? "No fee" : native ? `${fromBaseUnits(fee, decimalsOf(native))} ${native.symbol}` : `${fee} (smallest unit)`;
  const feeSub = free
    ? chainOf(caip)?.sponsorshipEnabled ? "Okto's paymaster pays the gas" : "Okto charges nothing for it"
    : [usdt ? `≈ ${usdt} USDT` : "", fee !== undefined && native ? `${fee} base units` : ""].filter(Boolean).join(" · ");
  const tile = (label, value, sub, cls = "") =>
    el("div", { class: `tile ${cls}`.trim() }, el("span", { class: "tile-label", text: label }), el("span", { class: "tile-value", text: value }), sub ? el("span", { class: "tile-sub", text: sub }) : null);
  const out = $("estimate-out");
  out.replaceChildren(
    el("div", { class: "tiles" }, tile("Network fee", feeText, feeSub, "accent"), tile("Sends", p.amountText, p.baseText), tile("On", chainName(caip), caip)),
    el("p", { class: "hint", text: `Estimated at ${timeFmt.format(new Date())} for ${p.what}. Nothing was signed or sent; “Send” builds a new user operation.` }),
  );
  out.hidden = false;
}

// The progress list of a send: build → sign → send → follow the order → result.
const STAGES = [
  { key: "build", todo: "Build the user operation", active: "Building the user operation…", done: "Built", failed: "Could not build it" },
  { key: "sign", todo: "Sign it with the session key", active: "Signing…", done: "Signed", failed: "Could not sign it" },
  { key: "send", todo: "Send it to execute", active: "Sending…", done: "Sent", failed: "Could not send it" },
  { key: "wait", todo: "Follow the order", active: "In progress", done: "Order finished", failed: "Lost track of the order" },
  { key: "final", todo: "Result", active: "Result", done: "Successful" },
];

function startStages(what) {
  intent.stages = STAGES.map((s) => ({ ...s, state: "todo", detail: "" }));
  intent.stages.what = what;
  $("order-info").hidden = true;
  $("send-out").hidden = false;
  renderStages();
}

function setStage(key, state, detail = "", title) {
  const s = intent.stages?.find((x) => x.key === key);
  if (!s) return;
  s.state = state;
  s.detail = detail;
  s.title = title;
  renderStages();
}

/** Marks the running stage as failed (the banner has the details). */
function failStage(e) {
  const st = intent.stages;
  if (!st) return;
  const running = st.find((s) => s.state === "active");
  if (!running) return;
  const { title } = explain(e);
  running.state = "failed";
  running.title = running.failed;
  running.detail = `${title.replace(/\.$/, "")} (code ${e?.code ?? "?"}).`;
  const sent = st.find((s) => s.key === "send").state === "done";
  const final = st.find((s) => s.key === "final");
  final.state = sent ? "stopped" : "failed";
  final.title = sent ? "Unknown" : "Not sent";
  final.detail = sent ? "The order may still finish: see Orders in step 7." : "Nothing left the page; fix the problem and press Send again.";
  renderStages();
}

function renderStages() {
  const list = $("stages");
  const st = intent.stages ?? [];
  const mark = { todo: "", active: "", done: "✓", failed: "✕", stopped: "–" };
  list.replaceChildren(
    ...st.map((s, i) =>
      el(
        "li",
        { class: s.state, "data-stage": s.key, "aria-current": s.state === "active" ? "step" : undefined },
        el("span", { class: "stage-mark", "aria-hidden": "true", text: mark[s.state] || String(i + 1) }),
        el(
          "span",
          { class: "stage-body" },
          el("strong", { text: s.title || (s.state === "todo" ? s.todo : s.state === "active" ? s.active : s.state === "done" ? s.done : s.todo) }),
          s.detail ? (s.detail instanceof Node ? s.detail : el("span", { class: "stage-detail", text: s.detail })) : null,
        ),
      ),
    ),
  );
}

// Enter in a field does not send: moving assets takes a press of "Send".
$("intent-form").addEventListener("submit", (ev) => ev.preventDefault());
$("btn-send").addEventListener("click", () => sendIntent());

function sendIntent() {
  return intentTask($("btn-send"), async (gen) => {
    const c = needClient();
    const p = intentParams();
    const live = () => gen === intent.gen;
    clearEstimate();
    startStages(p.what);
    setStatus(`Sending ${p.what}…`);

    setStage("build", "active");
    const build = { token: (x) => c.tokenTransfer(x), nft: (x) => c.nftTransfer(x), raw: (x) => c.evmRawTransaction(x) }[intent.kind];
    const op = await build(p.params);
    if (!live()) return;
    setStage("build", "done", `A user operation for ${p.what}.`);

    setStage("sign", "active");
    const signed = await c.signUserOp(op);
    if (!live()) return;
    setStage("sign", "done", el("span", { class: "stage-detail" }, "By the session key, inside wasm: ", mono(shortHex(signed.signature, 10, 8))));

    setStage("send", "active");
    const jobId = await c.executeUserOp(signed);
    if (!live()) return;
    reach = "ok";
    setStage("send", "done", el("span", { class: "stage-detail" }, "Job id ", mono(jobId, "wrap")));

    const started = Date.now();
    const waitText = () => `Okto is running the order; checking every second (${Math.floor((Date.now() - started) / 1000)} s).`;
    setStage("wait", "active", waitText());
    intent.timer = setInterval(() => intent.stages?.find((s) => s.key === "wait")?.state === "active" && setStage("wait", "active", waitText()), 1000);
    intent.waiting = new AbortController();
    syncIntent();
    let order;
    try {
      order = await c.waitForOrder(jobId, { intervalMs: 1000, timeoutMs: 120000, signal: intent.waiting.signal });
    } catch (e) {
      if (live() && e?.code === "NETWORK" && /aborted/.test(e.message)) {
        setStage("wait", "stopped", "You stopped waiting. Okto keeps running the order.", "Stopped waiting");
        setStage("final", "stopped", `See Orders in step 7 for job ${jobId}.`, "Unknown");
        setStatus("Stopped waiting for the order. It may still finish: see Orders in step 7.");
        return;
      }
      throw e;
    }
    if (!live()) return;
    clearInterval(intent.timer);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const ok = SUCCESS.has(order.status);
    setStage("wait", "done", `Status ${order.status} after ${secs} s.`);
    setStage("final", ok ? "done" : "failed", ok ? `Sent ${p.what}.` : `Okto reports ${order.status}${order.reason ? `: ${order.reason}` : "."}`, ok ? "Successful" : "Failed");
    renderOrder(order, p, jobId);
    done.add(8);
    setStatus(ok ? `Successful: sent ${p.what}.` : `The order failed: ${order.reason || order.status}.`);
    if (currentQuery === "orders") results.orders = await c.getOrdersHistory().catch(() => results.orders);
  });
}

function renderOrder(order, p, jobId) {
  const ok = SUCCESS.has(order.status);
  const hash = order.downstreamTransactionHash?.[0];
  const oktoHash = order.transactionHash?.[0];
  const rows = [
    [`Transaction on ${chainName(p.params.caip2Id)}`, hash ? copyable(hash) : el("span", { class: "muted", text: ok ? "not reported" : "none" }), "order-hash"],
    oktoHash ? ["Transaction on Okto's chain", copyable(oktoHash)] : null,
    ["Job id", copyable(order.intentId || jobId)],
    !ok ? ["Status", el("span", { class: "badge bad", text: order.status })] : null,
  ].filter(Boolean);
  $("order-info").replaceChildren(...rows.map(([t, v, id]) => el("div", {}, el("dt", { text: t }), el("dd", { id }, v))));
  $("order-info").hidden = false;
}

$("btn-cancel").addEventListener("click", () => intent.waiting?.abort());

// Sign a message (EIP-191) or typed data (EIP-712) with the user's Okto (MPC) key.
async function signTask(button, kind) {
  if (intent.signing) return;
  const gen = intent.gen;
  intent.signing = true;
  button.setAttribute("aria-busy", "true");
  syncIntent();
  hideError();
  try {
    const c = needClient();
    let signature, what;
    if (kind === "message") {
      const text = $("sign-text").value;
      if (!text) throw pageError("INVALID_ARGUMENT", "message: write something to sign");
      setStatus("Signing the message with the user's Okto key…");
      signature = await c.signMessage(text);
      what = ["Message", text.length > 80 ? `“${text.slice(0, 80)}…”` : `“${text}”`];
    } else {
      let data;
      try {
        data = JSON.parse($("sign-typed").value);
      } catch (e) {
        throw pageError("INVALID_ARGUMENT", `typedData: not valid JSON (${e.message})`);
      }
      setStatus("Signing the typed data with the user's Okto key…");
      signature = await c.signTypedData(data);
      what = ["Typed data", `${data?.primaryType ?? "?"} for ${data?.domain?.name ?? "no domain name"}`];
    }
    if (gen !== intent.gen) return;
    reach = "ok";
    let signer = "";
    try {
      signer = publicKeyToAddress((await c.getUserKeys()).ecdsaPublicKey ?? "");
    } catch {}
    const out = $("sig-out");
    out.replaceChildren(
      el(
        "dl",
        { class: "kv" },
        el("div", {}, el("dt", { text: kind === "message" ? "Signature (EIP-191)" : "Signature (EIP-712)" }), el("dd", { id: "sig-value" }, copyable(signature))),
        el("div", {}, el("dt", { text: what[0] }), el("dd", { text: what[1] })),
        el("div", {}, el("dt", { text: "Signed by" }), el("dd", {}, signer ? mono(signer, "wrap") : null, el("span", { class: "hint", text: "The user's Okto key: its public key is under User keys in step 7. The session key only signs transfers." }))),
      ),
    );
    out.hidden = false;
    done.add(8);
    setStatus(`Signed the ${kind === "message" ? "message" : "typed data"}.`);
  } catch (e) {
    if (gen === intent.gen) {
      if (e?.code === "NETWORK") reach = "down";
      else if (["HTTP", "RPC", "API", "BAD_RESPONSE"].includes(e?.code)) reach = "ok";
      showError(e);
      setStatus(`That did not work: ${explain(e).title}`);
    }
  } finally {
    button.removeAttribute("aria-busy");
    intent.signing = false;
    refresh();
  }
}

$("btn-sign-message").addEventListener("click", (ev) => signTask(ev.currentTarget, "message"));
$("btn-sign-typed").addEventListener("click", (ev) => signTask(ev.currentTarget, "typed"));

// ---------------------------------------------------------------- step 5: verify the session

$("btn-verify").addEventListener("click", (ev) =>
  busy(ev.currentTarget, async () => {
    hideError();
    const ok = await needClient().verifyLogin();
    const v = $("verdict");
    v.replaceChildren(
      el("span", { class: `badge big ${ok ? "yes" : "no"}`, text: ok ? "✓ Session valid" : "✗ Session refused" }),
      el("span", { class: "muted", text: ok ? ` The server accepts this session (checked ${timeFmt.format(new Date())}).` : " The server no longer accepts it; the session was cleared. Log in again." }),
    );
    if (!ok) resetSession({ keepVerdict: true });
  }),
);

function resetSession({ keepVerdict = false } = {}) {
  login = null;
  token = null;
  otp = null;
  authLog = null;
  pendingAuth = null;
  currentQuery = null;
  for (const k of Object.keys(results)) delete results[k];
  done.clear();
  $("token-out").hidden = true;
  $("session-pub").textContent = "";
  $("session-addr").textContent = "";
  if (payloadView?.kind === "sent" || payloadView?.login) showPayload(null);
  if (!keepVerdict) $("verdict").replaceChildren();
  $("otp-verify").hidden = true;
  resetIntents();
  refresh();
}

// ---------------------------------------------------------------- rendering

const STEPS = [1, 2, 3, 4, 5, 6, 7, 8];
const NEEDS_LOGIN = new Set([4, 5, 6, 7, 8]); // 2 and 3 also work offline
const PLANNED = new Set(); // steps okto-wasm cannot do yet (none)

function refresh() {
  const loggedIn = !!(login && client?.isLoggedIn());
  if (login && !loggedIn) login = null;
  document.body.classList.toggle("logged-in", loggedIn);
  for (const n of document.querySelectorAll("[data-locked]")) n.hidden = loggedIn;
  for (const b of document.querySelectorAll("[data-needs-login]")) if (!b.hasAttribute("aria-busy")) b.disabled = !loggedIn;
  for (const id of ["btn-login", "btn-send-otp", "btn-login-otp", "btn-resend-otp"]) if (!$(id).hasAttribute("aria-busy")) $(id).disabled = !client;
  $("login-forms").hidden = loggedIn;
  $("login-done").hidden = !loggedIn;
  $("session-info").hidden = !loggedIn;
  $("auth-info").hidden = !loggedIn;
  $("swa-info").hidden = !loggedIn;
  $("btn-show-sent").hidden = !(loggedIn && sentPayload() && payloadView?.kind !== "sent");
  if (loggedIn) {
    $("login-who").textContent = login.who ? `as ${login.who}` : "";
    $("login-provider").textContent = login.provider;
    $("user-swa").textContent = client.userSWA ?? "";
    $("client-swa").textContent = client.clientSWA ?? "";
    const exp = client.sessionExpiry;
    $("session-expiry").textContent = exp ? fmtDate(exp) : "unknown";
    $("session-expiry-rel").textContent = exp ? `(${relative(exp)})` : "";
  }
  for (const s of STEPS) {
    const card = $(`step-${s}`);
    const locked = NEEDS_LOGIN.has(s) && !loggedIn;
    const state = done.has(s) ? ["Done", "ok"] : PLANNED.has(s) ? ["Not available", "planned"] : locked ? ["Locked", "lock"] : ["", ""];
    card.classList.toggle("locked", locked);
    card.classList.toggle("done", done.has(s));
    $(`state-${s}`).textContent = state[0];
    $(`state-${s}`).className = `step-state ${state[1]}`;
  }
  const current = STEPS.find((s) => !done.has(s) && !PLANNED.has(s));
  for (const li of document.querySelectorAll("#stepper li")) {
    const s = Number(li.dataset.step);
    li.className = done.has(s) ? "done" : s === current ? "current" : PLANNED.has(s) ? "planned" : NEEDS_LOGIN.has(s) && !loggedIn ? "locked" : "";
    const a = li.querySelector("a");
    if (s === current) a.setAttribute("aria-current", "step");
    else a.removeAttribute("aria-current");
  }
  const rail = $("stepper");
  const cur = rail.querySelector("li.current");
  if (cur && rail.scrollWidth > rail.clientWidth) rail.scrollLeft = Math.max(0, cur.offsetLeft - 12);
  renderResults();
  updateSettingsSummary();
  syncIntent();
}

document.addEventListener("click", (ev) => {
  const b = ev.target.closest?.("[data-copy-from]");
  if (b) copyText($(b.dataset.copyFrom).textContent, b);
});
$("banner-close").addEventListener("click", hideError);

// ---------------------------------------------------------------- start

async function start() {
  writeSettingsForm();
  updateSettingsSummary();
  refresh();
  try {
    okto = await import("/pkg/index.js");
    await okto.default();
  } catch (e) {
    setStatus("The okto-wasm package did not load.");
    $("banner-title").textContent = "Could not load the okto-wasm package from /pkg/.";
    $("banner-detail").textContent = "Build it first: tests/build.sh (or run ./www/demo.sh, which builds and serves everything).";
    $("banner-meta").textContent = String(e?.message ?? e);
    $("banner").hidden = false;
    return;
  }
  rebuildClient({ quiet: true });
  document.body.dataset.ready = "true";
}

start();
