// okto-wasm demo page: a stepper over Okto's authentication flow (login →
// session key → user SWA → auth token → explorer → verify). Plain ES module,
// no framework. Secrets: the client key lives in `settings` (memory only) and
// is handed to wasm; session keys never leave wasm; the bearer token is only
// shown shortened, in step 4.

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
};

let okto = null;        // the loaded package
let client = null;      // OktoClient or null
let builderKey = null;  // SessionKey of the offline builder
let login = null;       // { who, provider }
let token = null;       // { value, expireAt, issuedAt }
let otp = null;         // { email, token }
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

/** Maps an OktoError to { title, detail } in plain words. */
function explain(e) {
  const code = e?.code;
  const msg = String(e?.message ?? e);
  const viaRpc = /\brpc\b/.test(msg);
  const target = viaRpc ? settings.gateway : settings.bff;
  const words = serverWords(e);
  switch (code) {
    case "NETWORK":
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
      return m ? { title: `Please check ${m[1]}.`, detail: capitalize(m[2]) } : { title: "Please check this value.", detail: msg };
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
    case "SELF_TRANSFER":
      return { title: "The intent was refused before sending.", detail: capitalize(msg) };
    default:
      return { title: "Something went wrong.", detail: msg };
  }
}

function showError(e) {
  const { title, detail } = explain(e);
  $("banner-title").textContent = title;
  $("banner-detail").textContent = detail;
  const meta = [];
  if (e?.code) meta.push(`code ${e.code}`);
  if (e?.status) meta.push(`status ${e.status}`);
  if (e?.rpcCode) meta.push(`rpc ${e.rpcCode}`);
  if (e?.errorCode) meta.push(e.errorCode);
  if (typeof e?.data === "string") meta.push(e.data);
  if (e?.traceId) meta.push(`trace ${e.traceId}`);
  $("banner-meta").textContent = meta.join(" · ");
  $("banner-meta").hidden = meta.length === 0;
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
    debug: settings.debug,
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
}

form.addEventListener("change", () => {
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

async function afterLogin(who, provider) {
  login = { who, provider };
  done.add(1).add(2).add(3);
  // The session public key is only visible inside the bearer token it signs;
  // minting one is local (no request).
  try {
    const t = await client.getAuthorizationToken();
    const decoded = decodeAuthToken(t);
    $("session-pub").textContent = decoded?.data?.session_pub_key ?? "(not readable)";
  } catch (e) {
    $("session-pub").textContent = "(not available)";
  }
  setStatus(`Logged in${who ? ` as ${who}` : ""}. The user's wallet is ${client.userSWA}`);
  refresh();
  $("step-2").scrollIntoView({ behavior: "smooth", block: "start" });
}

$("btn-login").addEventListener("click", (ev) =>
  busy(ev.currentTarget, async () => {
    hideError();
    const c = needClient();
    const idToken = $("id-token").value.trim();
    if (!idToken) {
      const e = new Error("idToken: paste an id token or press “Make a dev token”");
      e.name = "OktoError";
      e.code = "INVALID_ARGUMENT";
      throw e;
    }
    const provider = $("provider").value;
    setStatus("Logging in: making a session key, signing the auth payload, calling authenticate…");
    await c.loginUsingOAuth({ idToken, provider });
    const claims = decodeJwtPayload(idToken);
    await afterLogin(claims?.email || claims?.sub || "", provider);
  }),
);

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
    setStatus("Verifying the code and logging in…");
    await c.loginUsingEmail(otp.email, $("otp-code").value.trim(), otp.token);
    const email = otp.email;
    otp = null;
    $("otp-verify").hidden = true;
    $("otp-code").value = "";
    await afterLogin(email, "email code (okto)");
  }),
);

// ---------------------------------------------------------------- offline builder

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

const PAYLOAD_FIELDS = [
  ["authData.idToken", "The id token from step 1: who the user is, as the identity provider says."],
  ["authData.provider", "Which provider issued it: google, client_jwt, or okto after an email code."],
  ["sessionData.nonce", "A fresh UUID. The paymaster data signs the same nonce, so a payload cannot be replayed."],
  ["sessionData.clientSWA", "Your app's smart wallet: the client that pays for the session."],
  ["sessionData.sessionPk", "The new session public key (65 bytes, 0x04…) that Okto will accept tokens from."],
  ["sessionData.maxFeePerGas / maxPriorityFeePerGas", "Constant gas prices on the Okto chain, as Okto's API template sends them."],
  ["sessionData.paymaster", "The environment's paymaster contract, which sponsors the session's gas."],
  ["sessionData.paymasterData", "ABI(clientSWA, validUntil, validAfter, signature): the client's signature over nonce and validity (6 h)."],
  ["sessionPkClientSignature", "The client key signs the session address: your app vouches for this session."],
  ["sessionDataUserSignature", "The session key signs its own address: proof that whoever logs in holds it."],
];

$("btn-build-payload").addEventListener("click", () => {
  hideError();
  try {
    if (!builderKey) $("btn-gen-key").click();
    if (!builderKey) return;
    if (!settings.clientKey) {
      const e = new Error("clientPrivateKey: the builder signs for the client; enter the client key in Settings");
      e.name = "OktoError";
      e.code = "INVALID_ARGUMENT";
      throw e;
    }
    let idToken = $("id-token").value.trim();
    let note = "Built from the id token in step 1.";
    if (!idToken) {
      idToken = makeDevToken($("dev-email").value.trim() || "alice@example.com");
      note = "Step 1 has no id token yet, so this uses a dev token.";
    }
    const environment = settings.env === "custom" ? settings.base : HOSTS[settings.env] ? settings.env : "sandbox";
    const payload = okto.buildAuthPayload({
      authData: { idToken, provider: $("provider").value },
      session: builderKey,
      clientSWA: settings.clientSWA,
      clientPrivateKey: settings.clientKey,
      environment,
    });
    $("payload-json").textContent = JSON.stringify(payload, null, 2);
    $("payload-note").textContent = `${note} Paymaster of the ${environment} environment. This is exactly what “Log in” sends to authenticate.`;
    const dl = $("payload-explain");
    dl.replaceChildren(...PAYLOAD_FIELDS.map(([k, v]) => el("div", {}, el("dt", {}, el("code", { text: k })), el("dd", { text: v }))));
    $("payload-out").hidden = false;
  } catch (e) {
    showError(e);
  }
});

// ---------------------------------------------------------------- step 4: token

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
    done.add(4);
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

// ---------------------------------------------------------------- step 5: explorer

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
      done.add(5);
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
    return el("p", { class: "empty", text: "No orders yet. An order appears here once the user executes an intent (a token or NFT transfer, or a raw transaction)." });
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

// ---------------------------------------------------------------- step 6: verify / log out

$("btn-verify").addEventListener("click", (ev) =>
  busy(ev.currentTarget, async () => {
    hideError();
    const ok = await needClient().verifyLogin();
    const v = $("verdict");
    v.replaceChildren(
      el("span", { class: `badge big ${ok ? "yes" : "no"}`, text: ok ? "✓ Session valid" : "✗ Session refused" }),
      el("span", { class: "muted", text: ok ? ` The server accepts this session (checked ${timeFmt.format(new Date())}).` : " The server no longer accepts it; the session was cleared. Log in again." }),
    );
    if (ok) done.add(6);
    else resetSession({ keepVerdict: true });
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
  setStatus("Logged out. The session key was zeroized in wasm memory.");
  $("verdict").replaceChildren(el("span", { class: "badge big neutral", text: "Logged out" }));
  refresh();
  $("step-1").scrollIntoView({ behavior: "smooth", block: "start" });
});

function resetSession({ keepVerdict = false } = {}) {
  login = null;
  token = null;
  otp = null;
  currentQuery = null;
  for (const k of Object.keys(results)) delete results[k];
  done.clear();
  $("token-out").hidden = true;
  $("session-pub").textContent = "";
  if (!keepVerdict) $("verdict").replaceChildren();
  $("otp-verify").hidden = true;
  refresh();
}

// ---------------------------------------------------------------- rendering

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
  $("swa-info").hidden = !loggedIn;
  if (loggedIn) {
    $("login-who").textContent = login.who ? `as ${login.who}` : "";
    $("login-provider").textContent = login.provider;
    $("user-swa").textContent = client.userSWA ?? "";
    $("client-swa").textContent = client.clientSWA ?? "";
    const exp = client.sessionExpiry;
    $("session-expiry").textContent = exp ? fmtDate(exp) : "unknown";
    $("session-expiry-rel").textContent = exp ? `(${relative(exp)})` : "";
    $("sent-over").replaceChildren(
      settings.transport === "rest"
        ? el("span", {}, "REST · ", mono(`POST ${settings.bff}/api/oc/v1/authenticate`, "wrap"))
        : el("span", {}, "JSON-RPC · ", mono(`POST ${settings.gateway}/rpc`, "wrap"), " method ", mono("authenticate")),
    );
  }
  for (const s of [1, 2, 3, 4, 5, 6]) {
    const card = $(`step-${s}`);
    const locked = s > 1 && !loggedIn;
    card.classList.toggle("locked", locked);
    card.classList.toggle("done", done.has(s));
    $(`state-${s}`).textContent = done.has(s) ? "Done" : locked ? "Locked" : "";
    $(`state-${s}`).className = `step-state ${done.has(s) ? "ok" : locked ? "lock" : ""}`;
  }
  const current = [1, 2, 3, 4, 5, 6].find((s) => !done.has(s)) ?? 6;
  for (const li of document.querySelectorAll("#stepper li")) {
    const s = Number(li.dataset.step);
    li.className = done.has(s) ? "done" : s === current ? "current" : s > 1 && !loggedIn ? "locked" : "";
    const a = li.querySelector("a");
    if (s === current) a.setAttribute("aria-current", "step");
    else a.removeAttribute("aria-current");
  }
  const rail = $("stepper");
  const cur = rail.querySelector("li.current");
  if (cur && rail.scrollWidth > rail.clientWidth) rail.scrollLeft = Math.max(0, cur.offsetLeft - 12);
  renderResults();
  updateSettingsSummary();
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
