// The demo page (www/) in headless Chromium against the strict dev gateway, at
// desktop (1280×900, light) and phone (390×844, prefers dark, touch) widths,
// walking the eight steps: (1) dev token → login, (2) session key, (3) auth
// payload with explained keys (hover, focus, tap), (4) authenticate, (5) user
// SWA + verify, (6) auth token with a live countdown, (7) every explorer query,
// (8) the intents card (disabled, not in okto-wasm yet); then the error banner
// (refused session, unreachable gateway, bad setting), email-code login and log
// out. Also: "Sign in with Google" only shows for a client id on a real Okto
// environment and loads nothing from accounts.google.com before it is pressed.
// Asserts on visible text; saves a screenshot of every step card and a few full
// pages to tests/screenshots/ (<width>-sN-*.png, <width>-NN-*.png).
//
//   cd tests && node --test demo/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { publicKeyToAddress } from "viem/utils";
import { startGateway, DEV_CLIENT_PRIVATE_KEY, DEV_CLIENT_SWA } from "../gateway/server.mjs";
import { startStatic } from "../../www/serve.mjs";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const SHOTS = resolve(ROOT, "tests/screenshots");
const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

let gateway;
let site;
let browser;

before(async () => {
  assert.ok(existsSync(resolve(ROOT, "pkg/index.js")), "pkg/ is missing: run tests/build.sh first");
  await mkdir(SHOTS, { recursive: true });
  gateway = await startGateway({ port: 0 });
  site = await startStatic({ root: ROOT });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await gateway?.close();
});

async function admin(path, body) {
  const res = await fetch(`${gateway.url}/__admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, colorScheme: "light", scale: 1, touch: false },
  { name: "phone", viewport: { width: 390, height: 844 }, colorScheme: "dark", scale: 2, touch: true },
];

const GOOGLE = /^https:\/\/accounts\.google\.com\//;
const b64url = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");

for (const vp of VIEWPORTS) {
  test(`demo page at ${vp.name} width (${vp.viewport.width}px, ${vp.colorScheme})`, async () => {
    const context = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.scale, colorScheme: vp.colorScheme, hasTouch: vp.touch });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.url });
    const page = await context.newPage();
    const logs = [];
    const google = [];
    page.on("console", (m) => logs.push({ type: m.type(), text: m.text() }));
    page.on("pageerror", (e) => logs.push({ type: "pageerror", text: e.message }));
    page.on("request", (r) => GOOGLE.test(r.url()) && google.push(r.url()));
    // Full page from the top, so the sticky bar and rail sit where a reader expects them.
    const shot = async (name) => {
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
      await page.screenshot({ path: `${SHOTS}/${vp.name}-${name}.png`, fullPage: true, animations: "disabled" });
    };
    /** One step's card (s1 … s8). The sticky bars stay in place for it, so they do not cover the card. */
    const stepShot = async (n, name) => {
      const unstick = await page.addStyleTag({ content: ".topbar, .banner-slot, .rail { position: static !important; }" });
      try {
        await page.locator(`#step-${n}`).screenshot({ path: `${SHOTS}/${vp.name}-s${n}-${name}.png`, animations: "disabled" });
      } finally {
        await unstick.evaluate((node) => node.remove());
      }
    };
    const text = (sel) => page.locator(sel).innerText();
    const visibleText = () => page.evaluate(() => document.body.innerText);
    /** Runs one explorer query and waits until its own result is on screen. */
    const query = async (q) => {
      await page.click(`[data-q='${q}']`);
      await page.waitForSelector(`#results[data-shown='${q}']`, { timeout: 5000 });
      return text("#results");
    };
    /** Nothing wider than the viewport (no sideways scrolling). */
    const noOverflow = async (where) => {
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= vp.viewport.width, `${where}: page is ${w}px wide at a ${vp.viewport.width}px viewport`);
    };
    const stepperLabels = () => page.locator("#stepper li .label").allInnerTexts();

    try {
      await page.goto(`${site.url}/?gateway=${encodeURIComponent(gateway.url)}`);
      await page.waitForSelector("body[data-ready='true']", { timeout: 15000 });
      assert.match(await text("#app-status"), /Ready/);
      assert.match(await text("#env-pill"), /Local/);
      // prefers-color-scheme decides the default theme.
      const label = await page.getAttribute("#theme-toggle", "aria-label");
      assert.equal(label, vp.colorScheme === "dark" ? "Switch to light theme" : "Switch to dark theme");
      assert.deepEqual(await stepperLabels(), ["Log in", "Session key", "Auth payload", "Authenticate", "User SWA", "Auth token", "Explorer", "Intents"]);
      for (let n = 1; n <= 8; n++) assert.ok(await page.locator(`#step-${n}`).isVisible(), `step ${n} has its own card`);
      for (const n of [4, 5, 6, 7]) assert.equal(await text(`#state-${n}`), "Locked", `step ${n} is locked before login`);
      assert.ok(await page.locator("#btn-token").isDisabled(), "step 6 is locked before login");
      assert.ok(await page.locator("#gis").isHidden(), "no Google button without a client id");
      await noOverflow("start");
      await shot("01-start");

      // ---- 1. log in (dev token)
      const email = `${vp.name}@example.com`;
      await page.fill("#dev-email", email);
      await page.click("#btn-devtoken");
      const idToken = await page.inputValue("#id-token");
      assert.equal(idToken.split(".").length, 3, "dev token is JWT-shaped");
      await page.selectOption("#provider", "google");
      await stepShot(1, "login");
      await page.click("#btn-login");
      await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
      assert.match(await text("#login-done"), new RegExp(`Logged in as ${email} with google`));
      assert.equal(await page.getAttribute("#env-pill", "data-state"), "ok");
      assert.equal(await text("#state-1"), "Done");

      // ---- 2. session key: public key and address, never the private key
      const pub = await text("#session-pub");
      assert.match(pub, /^0x04[0-9a-f]{128}$/);
      assert.equal(await text("#session-addr"), publicKeyToAddress(pub), "the session address is keccak(pub)[12:]");
      assert.match(await text("#session-info"), /Private key\s+stays in wasm/);
      await page.click("#btn-gen-key");
      const genPub = await text("#gen-pub");
      assert.match(genPub, /^0x04[0-9a-f]{128}$/);
      assert.equal(await text("#gen-addr"), publicKeyToAddress(genPub));
      assert.match(await text("#gen-key"), /stays in wasm/);
      await stepShot(2, "session-key");

      // ---- 3. auth payload: the one the login sent (redacted by the SDK's log), keys explained
      assert.match(await text("#payload-note"), /payload the login sent/);
      let payload = JSON.parse(await text("#payload-json"));
      assert.deepEqual(Object.keys(payload), ["authData", "sessionData", "sessionPkClientSignature", "sessionDataUserSignature"]);
      assert.equal(payload.sessionData.sessionPk, pub, "the payload carries the login's session key");
      assert.equal(payload.authData.provider, "google");
      assert.equal(payload.authData.idToken, "[redacted]");
      assert.match(await text("#payload-explain"), /paymasterData/);
      const key = page.locator("#payload-json .jkey[data-path='sessionData.paymaster']");
      const tip = page.locator("#json-tip");
      if (vp.touch) {
        await key.tap();
        await tip.waitFor({ state: "visible" });
        assert.match(await tip.innerText(), /paymaster contract/);
      } else {
        await key.hover();
        await tip.waitFor({ state: "visible" });
        assert.match(await tip.innerText(), /paymaster contract/);
        await page.mouse.move(5, 400);
        await tip.waitFor({ state: "hidden" });
        // Keyboard: focus shows the note, Escape hides it.
        await page.locator("#payload-json .jkey[data-path='sessionData.nonce']").focus();
        await tip.waitFor({ state: "visible" });
        assert.match(await tip.innerText(), /fresh UUID/);
        await page.keyboard.press("Escape");
        await tip.waitFor({ state: "hidden" });
        await page.locator("#payload-json .jkey[data-path='sessionData.nonce']").blur();
        await key.hover();
        await tip.waitFor({ state: "visible" });
      }
      assert.ok(await page.locator("#payload-explain .hl").isVisible(), "the matching field note lights up");
      const described = await key.getAttribute("aria-describedby");
      assert.match(await page.locator(`[id='${described}']`).textContent(), /paymaster contract/, "screen readers get the note too");
      await stepShot(3, "payload-sent");
      if (vp.touch) {
        await page.locator("#h-step-3").tap();
        await tip.waitFor({ state: "hidden" });
      } else await page.mouse.move(5, 400);
      // The offline builder: same id token, the offline key, real signatures.
      await page.click("#btn-build-payload");
      assert.match(await text("#payload-note"), /Built offline from the id token in step 1/);
      payload = JSON.parse(await text("#payload-json"));
      assert.equal(payload.authData.idToken, idToken);
      assert.equal(payload.sessionData.sessionPk, genPub);
      assert.match(payload.sessionDataUserSignature, /^0x[0-9a-f]{130}$/);
      await page.click("#btn-show-sent");
      assert.match(await text("#payload-note"), /payload the login sent/);
      assert.ok(await page.locator("#btn-show-sent").isHidden());

      // ---- 4. authenticate: route, transport, the gateway's answer
      assert.match(await text("#auth-transport"), /JSON-RPC/);
      assert.match(await text("#auth-route"), /POST http:\/\/127\.0\.0\.1:\d+\/rpc method authenticate/);
      assert.match(await text("#auth-status"), /HTTP 200 in \d+ ms/);
      const answer = JSON.parse(await text("#auth-answer"));
      assert.equal(answer.jsonrpc, "2.0");
      assert.match(answer.result.userSWA, /^0x[0-9a-fA-F]{40}$/);
      assert.equal(typeof answer.result.sessionExpiry, "number");
      assert.match(await text("#auth-note"), /sessionExpiry \d+ is/);
      await stepShot(4, "authenticate");

      // ---- 5. user SWA, session expiry, verify
      const swa = await text("#user-swa");
      assert.equal(swa, answer.result.userSWA);
      assert.match(await text("#session-expiry"), /\d{4}/);
      assert.match(await text("#session-expiry-rel"), /in 10 days/);
      await page.click("#btn-verify");
      await page.waitForFunction(() => /Session valid/.test(document.getElementById("verdict").innerText));
      await stepShot(5, "user-swa");
      await noOverflow("logged in");
      await shot("02-logged-in");

      // ---- 6. auth token: shortened, decoded, counting down, copyable
      await page.click("#btn-token");
      await page.waitForSelector("#token-out:not([hidden])");
      const short = await text("#token-short");
      assert.match(short, /^[A-Za-z0-9+/]{12}…[A-Za-z0-9+/=]{6}$/);
      assert.equal(await text("#tok-type"), "ecdsa_uncompressed");
      assert.equal(await text("#tok-pub"), pub);
      const left1 = await text("#token-left");
      assert.match(left1, /^1:(29|30):\d\d$/);
      await page.waitForFunction((prev) => document.getElementById("token-left").textContent !== prev, left1, { timeout: 3000 });
      await page.click("#btn-copy-token");
      const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => ""));
      assert.ok(copied, "the clipboard is readable in the test browser");
      {
        assert.ok(copied.startsWith(short.slice(0, 12)) && copied.length > 300, "Copy puts the full token on the clipboard");
        assert.ok(!(await visibleText()).includes(copied), "the full token is never shown");
      }
      // Tokens start with base64('{"type":"'); only a 12-character head is shown.
      assert.ok(!/eyJ0eXBlIjoi[A-Za-z0-9+/=]{20,}/.test(await visibleText()), "no full bearer token on the page");
      assert.equal(await text("#state-6"), "Done");
      await stepShot(6, "auth-token");

      // ---- 7. explorer
      let r = await query("wallets");
      assert.match(r, /POLYGON/);
      assert.match(r, /eip155:137/);
      assert.ok(r.includes(swa), "wallet addresses include the user SWA");
      await noOverflow("wallets");
      await stepShot(7, "wallets");

      r = await query("chains");
      assert.match(r, /BASE/);
      assert.match(r, /8453/);
      assert.match(r, /Sponsored/);
      assert.match(r, /GSN/);
      await noOverflow("chains");

      r = await query("portfolio");
      assert.match(r, /Total value/i);
      assert.match(r, /\$\d+\.\d\d/);
      assert.match(r, /USDC/);
      await noOverflow("portfolio");
      await stepShot(7, "portfolio");

      for (const [q, re] of [["tokens", /USD Coin/], ["activity", /Deposit/], ["nfts", /Okto Dev Badges/], ["orders", /No orders yet/], ["keys", /ECDSA public key/]]) {
        assert.match(await query(q), re, `explorer "${q}"`);
        await noOverflow(q);
      }
      await query("activity");
      await stepShot(7, "activity");

      await query("wallets");
      await page.check("#raw-toggle", { force: true });
      await page.waitForSelector("#results pre");
      assert.match(await text("#results pre"), /"caipId": "eip155:137"/);
      await page.uncheck("#raw-toggle", { force: true });
      await page.waitForSelector("#results table");
      assert.equal(await text("#state-7"), "Done");

      // ---- 8. intents: an honest, disabled card
      assert.match(await text("#step-8"), /Token, NFT and raw transfers are not in okto-wasm yet/);
      assert.equal(await text("#state-8"), "Not available");
      for (const id of ["intent-chain", "intent-token", "intent-recipient", "intent-amount", "btn-transfer"])
        assert.ok(await page.locator(`#${id}`).isDisabled(), `${id} is disabled`);
      for (const l of ["Chain", "Token", "Recipient", "Amount"]) assert.ok(await page.getByLabel(l, { exact: true }).isVisible(), `the planned ${l} field is shown`);
      assert.ok(await page.locator("#stepper li[data-step='8'].planned").count(), "the step list marks intents as planned");
      for (let n = 1; n <= 7; n++) assert.ok(await page.locator(`#stepper li[data-step='${n}'].done`).count(), `step ${n} is done`);
      await stepShot(8, "intents");
      await noOverflow("all steps");

      // Nothing secret on the page, and no console errors on the happy path.
      const all = await visibleText();
      assert.ok(!all.toLowerCase().includes(DEV_CLIENT_PRIVATE_KEY.slice(2)), "the client key is never shown");
      assert.deepEqual(logs.filter((l) => l.type === "error" || l.type === "pageerror"), []);
      assert.ok(!logs.some((l) => l.text.includes(DEV_CLIENT_PRIVATE_KEY.slice(2))), "the client key is never logged");

      // ---- errors: the server forgets the session → 401 in plain words, with code and trace id
      await admin("forget-sessions", {});
      await page.click("[data-q='nfts']");
      await page.waitForSelector("#banner:not([hidden])");
      assert.match(await text("#banner-title"), /The server refused the session/);
      assert.match(await text("#banner-meta"), /code HTTP · status 401 .*trace [0-9a-f]+/);
      await noOverflow("error banner");
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
      await page.screenshot({ path: `${SHOTS}/${vp.name}-09-error-401.png`, animations: "disabled" });
      await page.click("#banner-close");
      assert.ok(await page.locator("#banner").isHidden());
      await page.click("#btn-verify");
      await page.waitForFunction(() => /Session refused/.test(document.getElementById("verdict").innerText));
      assert.ok(await page.locator("#login-forms").isVisible(), "a refused session logs the page out");
      assert.ok(await page.locator("#auth-info").isHidden(), "step 4 forgets the old call");

      // ---- email code login, then log out
      await page.click("#tab-otp");
      await page.fill("#otp-email", `otp-${email}`);
      await page.click("#btn-send-otp");
      await page.waitForSelector("#otp-verify:not([hidden])");
      assert.match(await text("#otp-sent"), new RegExp(`sent a code to otp-${email}`));
      assert.match(await text("#otp-hint"), /123456/);
      await page.fill("#otp-code", "123456");
      await stepShot(1, "otp");
      await page.click("#btn-login-otp");
      await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
      assert.match(await text("#login-done"), /email code/);
      assert.notEqual(await text("#user-swa"), swa, "another identity, another wallet");
      assert.equal(JSON.parse(await text("#payload-json")).authData.provider, "okto", "step 3 shows the OTP login's payload");
      await page.click("#btn-logout");
      await page.waitForSelector("#login-forms:not([hidden])");
      assert.match(await text("#logout-note"), /Logged out/);
      assert.ok(await page.locator("#btn-token").isDisabled());

      // ---- settings: an unreachable gateway, then a bad client SWA
      await page.click("#settings > summary");
      await page.fill("#set-gateway", "http://127.0.0.1:9");
      await page.press("#set-gateway", "Tab");
      await page.click("#tab-oauth");
      await page.click("#btn-login");
      await page.waitForSelector("#banner:not([hidden])");
      assert.match(await text("#banner-title"), /Could not reach the gateway at http:\/\/127\.0\.0\.1:9/);
      assert.match(await text("#banner-meta"), /code NETWORK/);
      assert.equal(await page.getAttribute("#env-pill", "data-state"), "down", "the header shows the gateway is not answering");
      await page.fill("#set-gateway", gateway.url);
      await page.fill("#set-client-swa", "0x1234");
      await page.press("#set-client-swa", "Tab");
      await page.waitForSelector("#banner:not([hidden])");
      assert.match(await text("#banner-title"), /Please check clientSWA/);
      assert.match(await text("#banner-detail"), /Invalid address/);
      assert.match(await text("#banner-meta"), /INVALID_ADDRESS/);
      await noOverflow("settings open");
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
      await page.screenshot({ path: `${SHOTS}/${vp.name}-12-settings-error.png`, animations: "disabled" });

      // Only the deliberate failures may have reached the console (the browser's own network lines).
      const errors = logs.filter((l) => (l.type === "error" || l.type === "pageerror") && !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(l.text));
      assert.deepEqual(errors, []);

      // ---- back to the dev defaults: the client works again
      await page.click("#btn-reset-settings");
      assert.ok(await page.locator("#banner").isHidden());
      await page.waitForSelector("#env-pill[data-state='unknown']");
      assert.equal(await page.inputValue("#set-client-swa"), DEV_CLIENT_SWA);
      await page.click("#btn-login");
      await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
      assert.equal(await text("#user-swa"), swa, "the same id token gives the same wallet");

      // ---- the other theme
      await page.click("#settings > summary");
      await page.click("#theme-toggle");
      assert.equal(await page.getAttribute("html", "data-theme"), vp.colorScheme === "dark" ? "light" : "dark");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/${vp.name}-13-other-theme.png`, animations: "disabled" });
      await stepShot(3, "payload-other-theme");
      assert.deepEqual(google, [], "the page never contacted accounts.google.com");
    } catch (e) {
      await shot("failure").catch(() => {});
      throw e;
    } finally {
      await context.close();
    }
  });
}

test("settings: environments, REST transport, offline builder before login", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  const text = (sel) => page.locator(sel).innerText();
  try {
    await page.goto(`${site.url}/?gateway=${encodeURIComponent(gateway.url)}`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 15000 });

    // Steps 2 and 3 work offline, before any login, with a dev token.
    await page.click("#btn-build-payload");
    assert.match(await text("#payload-note"), /uses a dev token/);
    assert.match(await text("#payload-json"), /"paymaster": "0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3"/); // sandbox (PROTOCOL §1)
    assert.equal(JSON.parse(await text("#payload-json")).sessionData.sessionPk, await text("#gen-pub"), "signed by step 2's offline key");

    // Hosted environments: their hosts, read-only; the dev client is not carried over.
    await page.click("#settings > summary");
    await page.selectOption("#set-env", "staging");
    assert.equal(await page.inputValue("#set-gateway"), "https://okto-gateway.oktostage.com");
    assert.equal(await page.inputValue("#set-bff"), "https://3p-bff.oktostage.com");
    assert.ok(await page.locator("#set-gateway").getAttribute("readonly") !== null);
    assert.equal(await page.inputValue("#set-client-swa"), "");
    assert.equal(await page.inputValue("#set-client-key"), "");
    assert.match(await text("#settings-note"), /client SWA and client private key/);
    assert.ok(await page.locator("#btn-login").isDisabled());
    assert.match(await text("#env-pill"), /Okto staging/);
    await page.screenshot({ path: `${SHOTS}/desktop-14-settings-staging.png`, fullPage: true, animations: "disabled" });

    // Custom hosts: editable, with the deployment picker.
    await page.selectOption("#set-env", "custom");
    assert.ok(await page.locator("#field-base").isVisible());
    assert.equal(await page.locator("#set-gateway").getAttribute("readonly"), null);

    // Back to the local gateway (dev client again), over REST this time.
    await page.selectOption("#set-env", "local");
    assert.equal(await page.inputValue("#set-gateway"), gateway.url);
    assert.equal(await page.inputValue("#set-client-swa"), DEV_CLIENT_SWA);
    await page.check("input[name='transport'][value='rest']", { force: true });
    assert.match(await text("#settings-summary"), /REST/);
    const before = (await admin("stats")).requests?.["POST /api/oc/v1/authenticate"] ?? 0;
    await page.click("#btn-devtoken");
    await page.click("#btn-login");
    await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
    assert.match(await text("#auth-transport"), /REST/);
    assert.match(await text("#auth-route"), /^POST http:\/\/127\.0\.0\.1:\d+\/api\/oc\/v1\/authenticate$/);
    assert.equal(JSON.parse(await text("#auth-answer")).status, "success");
    assert.match(await text("#payload-note"), /payload the login sent/);
    assert.equal((await admin("stats")).requests["POST /api/oc/v1/authenticate"], before + 1, "login went over REST");

    // Changing a setting rebuilds the client and drops the session (and the payload it sent).
    await page.check("input[name='transport'][value='rpc']", { force: true });
    await page.waitForSelector("#login-forms:not([hidden])");
    assert.match(await text("#settings-note"), /you were logged out/);
    assert.ok(await page.locator("#payload-out").isHidden());
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("Sign in with Google: only with a client id on an Okto environment, nothing loaded before the click", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
  const page = await context.newPage();
  const google = [];
  const errors = [];
  page.on("request", (r) => GOOGLE.test(r.url()) && google.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  const text = (sel) => page.locator(sel).innerText();
  const gisScript = () => page.locator(`script[src^="https://accounts.google.com/"]`).count();
  try {
    // A client id from the query string, but the local dev gateway: no button.
    const clientId = "1234-demo.apps.googleusercontent.com";
    await page.goto(`${site.url}/?gateway=${encodeURIComponent(gateway.url)}&google_client_id=${clientId}`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 15000 });
    assert.equal(await page.inputValue("#set-google-client-id"), clientId);
    assert.ok(await page.locator("#gis").isHidden(), "hidden for the local gateway");
    assert.match(await text("#gis-local-hint"), /needs an Okto environment/);

    // A real environment: the button shows. Without a client id it hides again.
    await page.click("#settings > summary");
    await page.selectOption("#set-env", "sandbox");
    assert.ok(await page.locator("#btn-google").isVisible(), "shown on sandbox with a client id");
    await page.fill("#set-google-client-id", "");
    await page.press("#set-google-client-id", "Tab");
    assert.ok(await page.locator("#gis").isHidden(), "hidden without a client id");

    // Custom hosts pointing at the dev gateway count as a real environment; the session survives editing the client id.
    await page.selectOption("#set-env", "custom");
    await page.fill("#set-gateway", gateway.url);
    await page.fill("#set-bff", gateway.url);
    await page.fill("#set-client-swa", DEV_CLIENT_SWA);
    await page.fill("#set-client-key", DEV_CLIENT_PRIVATE_KEY);
    await page.press("#set-client-key", "Tab");
    await page.fill("#set-google-client-id", clientId);
    await page.press("#set-google-client-id", "Tab");
    assert.ok(await page.locator("#btn-google").isVisible());
    await page.locator("#step-1").screenshot({ path: `${SHOTS}/desktop-15-google-button.png`, animations: "disabled" });
    assert.deepEqual(google, [], "no request to accounts.google.com before the click");
    assert.equal(await gisScript(), 0, "no GIS script tag before the click");

    // The script fails to load (no internet here): a plain error in the banner.
    await page.route(GOOGLE, (route) => route.abort("internetdisconnected"));
    await page.click("#btn-google");
    await page.waitForSelector("#banner:not([hidden])");
    assert.match(await text("#banner-title"), /Could not load “Sign in with Google”/);
    assert.match(await text("#banner-detail"), /accounts\.google\.com/);
    assert.equal(google.length, 1, "the click asked for the GIS script once");
    assert.equal(await gisScript(), 0, "the failed script tag is removed, so a second press retries");

    // A stand-in for Google Identity Services: its button hands the callback a credential (a dev token).
    const credential = `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sub: "gis@example.com", email: "gis@example.com" })}.dev-unsigned`;
    await page.unroute(GOOGLE);
    await page.route(GOOGLE, (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `window.google = { accounts: { id: {
          initialize(cfg) { window.__gis = { cfg, prompts: 0 }; },
          prompt() { window.__gis.prompts++; },
          renderButton(slot) {
            const b = document.createElement("button");
            b.type = "button"; b.id = "gis-stand-in"; b.textContent = "Google (stand-in)";
            b.onclick = () => window.__gis.cfg.callback({ credential: ${JSON.stringify(credential)}, select_by: "btn" });
            slot.append(b);
          },
        } } };`,
      }),
    );
    await page.click("#btn-google");
    await page.waitForSelector("#gis-stand-in");
    assert.deepEqual(await page.evaluate(() => ({ id: window.__gis.cfg.client_id, prompts: window.__gis.prompts })), { id: clientId, prompts: 1 });
    await page.click("#gis-stand-in");
    await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
    assert.match(await text("#login-done"), /Logged in as gis@example\.com with google/);
    assert.equal(await page.inputValue("#provider"), "google");
    assert.equal(google.length, 2);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
