// The demo page (www/) in headless Chromium against the strict dev gateway, at
// desktop (1280×900, light) and phone (390×844, prefers dark) widths: dev token
// → login → session key and offline builder → user SWA → auth token with a live
// countdown → every explorer query → verify → the error banner (refused
// session, unreachable gateway, bad setting) → email-code login → log out.
// Asserts on visible text and saves full-page screenshots to tests/screenshots/.
//
//   cd tests && node --test demo/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { startGateway, DEV_CLIENT_PRIVATE_KEY } from "../gateway/server.mjs";
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
  { name: "desktop", viewport: { width: 1280, height: 900 }, colorScheme: "light", scale: 1 },
  { name: "phone", viewport: { width: 390, height: 844 }, colorScheme: "dark", scale: 2 },
];

for (const vp of VIEWPORTS) {
  test(`demo page at ${vp.name} width (${vp.viewport.width}px, ${vp.colorScheme})`, async () => {
    const context = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.scale, colorScheme: vp.colorScheme });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.url });
    const page = await context.newPage();
    const logs = [];
    page.on("console", (m) => logs.push({ type: m.type(), text: m.text() }));
    page.on("pageerror", (e) => logs.push({ type: "pageerror", text: e.message }));
    // Full page from the top, so the sticky bar and rail sit where a reader expects them.
    const shot = async (step) => {
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
      await page.screenshot({ path: `${SHOTS}/${vp.name}-${step}.png`, fullPage: true, animations: "disabled" });
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

    try {
      await page.goto(`${site.url}/?gateway=${encodeURIComponent(gateway.url)}`);
      await page.waitForSelector("body[data-ready='true']", { timeout: 15000 });
      assert.match(await text("#app-status"), /Ready/);
      assert.match(await text("#env-pill"), /Local/);
      // prefers-color-scheme decides the default theme.
      const label = await page.getAttribute("#theme-toggle", "aria-label");
      assert.equal(label, vp.colorScheme === "dark" ? "Switch to light theme" : "Switch to dark theme");
      assert.ok(await page.locator("#btn-token").isDisabled(), "step 4 is locked before login");
      await noOverflow("start");
      await shot("01-start");

      // ---- 1. dev token + login
      const email = `${vp.name}@example.com`;
      await page.fill("#dev-email", email);
      await page.click("#btn-devtoken");
      const idToken = await page.inputValue("#id-token");
      assert.equal(idToken.split(".").length, 3, "dev token is JWT-shaped");
      await page.selectOption("#provider", "google");
      await page.click("#btn-login");
      await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
      assert.match(await text("#login-done"), new RegExp(`Logged in as ${email} with google`));
      assert.equal(await page.getAttribute("#env-pill", "data-state"), "ok");

      // ---- 2. session key (public half, from the token) + offline builder
      assert.match(await text("#session-pub"), /^0x04[0-9a-f]{128}$/);
      await page.click("#btn-gen-key");
      assert.match(await text("#gen-pub"), /^0x04[0-9a-f]{128}$/);
      assert.match(await text("#gen-addr"), /^0x[0-9a-fA-F]{40}$/);
      assert.match(await text("#gen-key"), /stays in wasm/);
      await page.click("#btn-build-payload");
      const payload = JSON.parse(await text("#payload-json"));
      assert.deepEqual(Object.keys(payload), ["authData", "sessionData", "sessionPkClientSignature", "sessionDataUserSignature"]);
      assert.equal(payload.authData.idToken, idToken);
      assert.equal(payload.sessionData.sessionPk, await text("#gen-pub"));
      assert.match(await text("#payload-explain"), /paymasterData/);

      // ---- 3. user SWA and session expiry
      const swa = await text("#user-swa");
      assert.match(swa, /^0x[0-9a-fA-F]{40}$/);
      assert.match(await text("#session-expiry"), /\d{4}/);
      assert.match(await text("#session-expiry-rel"), /in 10 days/);
      assert.match(await text("#sent-over"), /JSON-RPC · POST .*\/rpc/);
      await noOverflow("logged in");
      await shot("02-logged-in");

      // ---- 4. auth token: shortened, decoded, counting down, copyable
      await page.click("#btn-token");
      await page.waitForSelector("#token-out:not([hidden])");
      const short = await text("#token-short");
      assert.match(short, /^[A-Za-z0-9+/]{12}…[A-Za-z0-9+/=]{6}$/);
      assert.equal(await text("#tok-type"), "ecdsa_uncompressed");
      assert.equal(await text("#tok-pub"), await text("#session-pub"));
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
      await shot("03-token");

      // ---- 5. explorer
      let r = await query("wallets");
      assert.match(r, /POLYGON/);
      assert.match(r, /eip155:137/);
      assert.ok(r.includes(swa), "wallet addresses include the user SWA");
      await noOverflow("wallets");
      await shot("04-wallets");

      r = await query("chains");
      assert.match(r, /BASE/);
      assert.match(r, /8453/);
      assert.match(r, /Sponsored/);
      assert.match(r, /GSN/);
      await noOverflow("chains");
      await shot("05-chains");

      r = await query("portfolio");
      assert.match(r, /Total value/i);
      assert.match(r, /\$\d+\.\d\d/);
      assert.match(r, /USDC/);
      await noOverflow("portfolio");
      await shot("06-portfolio");

      for (const [q, re] of [["tokens", /USD Coin/], ["activity", /Deposit/], ["nfts", /Okto Dev Badges/], ["orders", /No orders yet/], ["keys", /ECDSA public key/]]) {
        assert.match(await query(q), re, `explorer "${q}"`);
        await noOverflow(q);
      }
      await query("activity");
      await shot("07-activity");

      await query("wallets");
      await page.check("#raw-toggle", { force: true });
      await page.waitForSelector("#results pre");
      assert.match(await text("#results pre"), /"caipId": "eip155:137"/);
      await page.uncheck("#raw-toggle", { force: true });
      await page.waitForSelector("#results table");

      // ---- 6. verify
      await page.click("#btn-verify");
      await page.waitForFunction(() => /Session valid/.test(document.getElementById("verdict").innerText));
      assert.ok(await page.locator("#stepper li[data-step='6'].done").count(), "all six steps are done");
      await shot("08-verified");

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
      await shot("09-error-401");
      await page.click("#banner-close");
      assert.ok(await page.locator("#banner").isHidden());
      await page.click("#btn-verify");
      await page.waitForFunction(() => /Session refused/.test(document.getElementById("verdict").innerText));
      assert.ok(await page.locator("#login-forms").isVisible(), "a refused session logs the page out");

      // ---- email code login, then log out
      await page.click("#tab-otp");
      await page.fill("#otp-email", `otp-${email}`);
      await page.click("#btn-send-otp");
      await page.waitForSelector("#otp-verify:not([hidden])");
      assert.match(await text("#otp-sent"), new RegExp(`sent a code to otp-${email}`));
      assert.match(await text("#otp-hint"), /123456/);
      await page.fill("#otp-code", "123456");
      await shot("10-otp");
      await page.click("#btn-login-otp");
      await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
      assert.match(await text("#login-done"), /email code/);
      assert.notEqual(await text("#user-swa"), swa, "another identity, another wallet");
      await page.click("#btn-logout");
      await page.waitForSelector("#login-forms:not([hidden])");
      assert.match(await text("#verdict"), /Logged out/);
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
      await shot("11-error-network");
      await page.fill("#set-gateway", gateway.url);
      await page.fill("#set-client-swa", "0x1234");
      await page.press("#set-client-swa", "Tab");
      await page.waitForSelector("#banner:not([hidden])");
      assert.match(await text("#banner-title"), /Please check clientSWA/);
      assert.match(await text("#banner-detail"), /Invalid address/);
      assert.match(await text("#banner-meta"), /INVALID_ADDRESS/);
      await noOverflow("settings open");
      await shot("12-settings-error");

      // Only the deliberate failures may have reached the console (the browser's own network lines).
      const errors = logs.filter((l) => (l.type === "error" || l.type === "pageerror") && !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(l.text));
      assert.deepEqual(errors, []);

      // ---- back to the dev defaults: the client works again
      await page.click("#btn-reset-settings");
      assert.ok(await page.locator("#banner").isHidden());
      await page.waitForSelector("#env-pill[data-state='unknown']");
      assert.equal(await page.inputValue("#set-client-swa"), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
      await page.click("#btn-login");
      await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
      assert.equal(await text("#user-swa"), swa, "the same id token gives the same wallet");

      // ---- the other theme
      await page.click("#settings > summary");
      await page.click("#theme-toggle");
      assert.equal(await page.getAttribute("html", "data-theme"), vp.colorScheme === "dark" ? "light" : "dark");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/${vp.name}-13-other-theme.png`, animations: "disabled" });
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

    // The builder works offline, before any login, with a dev token.
    await page.click("#btn-build-payload");
    assert.match(await text("#payload-note"), /uses a dev token/);
    assert.match(await text("#payload-json"), /"paymaster": "0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3"/); // sandbox (PROTOCOL §1)

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
    assert.equal(await page.inputValue("#set-client-swa"), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    await page.check("input[name='transport'][value='rest']", { force: true });
    assert.match(await text("#settings-summary"), /REST/);
    const before = (await admin("stats")).requests?.["POST /api/oc/v1/authenticate"] ?? 0;
    await page.click("#btn-devtoken");
    await page.click("#btn-login");
    await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
    assert.match(await text("#sent-over"), /REST · POST .*\/api\/oc\/v1\/authenticate/);
    assert.equal((await admin("stats")).requests["POST /api/oc/v1/authenticate"], before + 1, "login went over REST");

    // Changing a setting rebuilds the client and drops the session.
    await page.check("input[name='transport'][value='rpc']", { force: true });
    await page.waitForSelector("#login-forms:not([hidden])");
    assert.match(await text("#settings-note"), /you were logged out/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
