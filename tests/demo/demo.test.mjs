// The demo page (www/) in headless Chromium against the strict dev gateway, at
// desktop (1280×900, light) and phone (390×844, prefers dark, touch) widths,
// walking the eight steps: (1) dev token → login, (2) session key, (3) auth
// payload with explained keys (hover, focus, tap), (4) authenticate, (5) user
// SWA + verify, (6) auth token with a live countdown, (7) every explorer query,
// (8) intents as a new user would: a token transfer estimated and sent until
// "Successful" (amount in whole units → base units, checked in the gateway's
// order), a refused self-transfer, a cancelled wait, an NFT and a raw
// transaction, a failed order, and message and typed-data signing (signatures
// recovered to the user's Okto key); then the error banner
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
import { recoverMessageAddress, recoverTypedDataAddress } from "viem";
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

/** A new 1280 px light-theme page that collects console errors and page errors. */
async function desktopPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  const text = (sel) => page.locator(sel).innerText();
  return { context, page, errors, text };
}

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, colorScheme: "light", scale: 1, touch: false },
  { name: "phone", viewport: { width: 390, height: 844 }, colorScheme: "dark", scale: 2, touch: true },
];

const GOOGLE = /^https:\/\/accounts\.google\.com\//;
const EXAMPLE_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // the page's "Example address" (Anvil #1)
// The token transfer each width walks: desktop pays a fee (ARBITRUM is not sponsored), the phone sends USDC.
const TRANSFERS = {
  desktop: { chain: "eip155:42161", token: "ETH (native)", amount: "0.5", base: "500000000000000000", fee: /Network fee\s+0\.0175 ETH\s+≈ 0\.0021 USDT/i },
  phone: { chain: "eip155:8453", token: "USDC · 0x8335…2913", amount: "1.25", base: "1250000", fee: /Network fee\s+No fee\s+Okto's paymaster pays the gas/i },
};
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
      const mpcPub = /0x04[0-9a-f]{128}/.exec(await text("#results"))?.[0];
      assert.ok(mpcPub, "user keys show the ECDSA public key");
      await query("activity");
      await stepShot(7, "activity");

      await query("wallets");
      await page.check("#raw-toggle", { force: true });
      await page.waitForSelector("#results pre");
      assert.match(await text("#results pre"), /"caipId": "eip155:137"/);
      await page.uncheck("#raw-toggle", { force: true });
      await page.waitForSelector("#results table");
      assert.equal(await text("#state-7"), "Done");

      for (let n = 1; n <= 7; n++) assert.ok(await page.locator(`#stepper li[data-step='${n}'].done`).count(), `step ${n} is done`);

      // ---- 8. intents: the form fills itself from getChains/getTokens after login
      const stage = (key) => page.locator(`#stages li[data-stage='${key}']`);
      const finalText = async () => {
        await page.waitForSelector("#stages li[data-stage='final']:is(.done, .failed, .stopped)", { timeout: 15000 });
        return text("#stages li[data-stage='final']");
      };
      /** The gateway's own record of an order (what execute really received). */
      const order = (jobId) => gateway.state.orders.get(jobId);
      const jobIdShown = async () => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(await stage("send").innerText())?.[0];
      assert.ok(await page.locator("#stepper li[data-step='8'].current").count(), "intents is the next step");
      assert.equal(await page.locator("#stepper .soon").count(), 0, "no 'soon' badge any more");
      await page.waitForFunction(() => document.querySelector("#intent-chain").options.length > 1 && !document.getElementById("btn-send").disabled);
      assert.deepEqual(
        (await page.locator("#intent-chain option").allInnerTexts()).map((o) => o.split(" · ")[0]),
        ["POLYGON", "BASE", "ARBITRUM", "BASE_TESTNET", "APTOS_TESTNET"],
        "every chain from getChains",
      );
      await page.selectOption("#intent-chain", "eip155:8453");
      assert.deepEqual(await page.locator("#intent-token option").allInnerTexts(), ["ETH (native)", "USDC · 0x8335…2913", "USDT · 0xfde4…9bb2"], "BASE's tokens, native first");
      assert.match(await text("#chain-hint"), /paymaster pays the gas/);
      await page.selectOption("#intent-chain", "eip155:137");
      assert.deepEqual(await page.locator("#intent-token option").allInnerTexts(), ["POL (native)", "USDC · 0x3c49…3359"]);
      for (const l of ["Chain", "Token", "Recipient", "Amount (in POL)"]) assert.ok(await page.locator("#intent-fields").getByLabel(l, { exact: true }).isVisible(), `the ${l} field is shown`);
      assert.ok(await page.locator("#nft-collection").isHidden() && await page.locator("#raw-to").isHidden(), "only the token fields show");
      await noOverflow("intents");
      await stepShot(8, "intents");

      // A new user's first try: their own wallet as the recipient → refused before anything is signed.
      const tr = TRANSFERS[vp.name];
      await page.selectOption("#intent-chain", tr.chain);
      await page.locator("#intent-token").selectOption({ label: tr.token });
      await page.fill("#intent-recipient", swa);
      await page.fill("#intent-amount", tr.amount);
      assert.equal(await text("#amount-base"), `= ${tr.base} base units (${tr.base === "1250000" ? 6 : 18} decimals)`, "whole units → base units, exactly");
      await page.click("#btn-send");
      await page.waitForSelector("#banner:not([hidden])");
      assert.match(await text("#banner-title"), /That is the user's own wallet/);
      assert.match(await text("#banner-meta"), /code SELF_TRANSFER/);
      assert.match(await finalText(), /Not sent/);
      assert.match(await stage("build").innerText(), /Could not build it\s+That is the user's own wallet \(code SELF_TRANSFER\)\./);
      await noOverflow("self transfer");
      await stepShot(8, "self-transfer");
      await page.click("#banner-close");

      // Too many decimals: said next to the field, in plain words.
      if (vp.name === "phone") {
        await page.fill("#intent-amount", "1.1234567");
        assert.match(await text("#amount-base"), /USDC has 6 decimals, so at most 6 digits after the point/);
      }

      // Estimate, then send and follow the order to "Successful".
      await page.click("#btn-example-recipient");
      assert.equal(await page.inputValue("#intent-recipient"), EXAMPLE_ADDRESS);
      await page.fill("#intent-amount", tr.amount);
      await page.click("#btn-estimate");
      await page.waitForSelector("#estimate-out:not([hidden])");
      const est = await text("#estimate-out");
      assert.match(est, tr.fee);
      assert.match(est, new RegExp(`Sends\\s+${tr.amount} ${tr.base === "1250000" ? "USDC" : "ETH"}\\s+${tr.base} base units`, "i"));
      assert.match(est, /Nothing was signed or sent/);
      await noOverflow("estimate");
      await stepShot(8, "estimate");
      await page.click("#btn-send");
      await page.waitForSelector("#stages li[data-stage='wait'].active");
      assert.match(await stage("wait").innerText(), /In progress/);
      assert.match(await stage("build").innerText(), /Built/);
      assert.match(await stage("sign").innerText(), /Signed\s+By the session key/);
      assert.match(await stage("send").innerText(), /Sent\s+Job id [0-9a-f-]{36}/);
      for (const id of ["btn-send", "btn-estimate", "kind-nft"]) assert.ok(await page.locator(`#${id}`).isDisabled(), `${id} is disabled while busy`);
      assert.ok(await page.locator("#intent-amount").isDisabled(), "the form is locked while busy");
      assert.ok(await page.locator("#btn-cancel").isVisible());
      await stepShot(8, "transfer-progress");
      assert.match(await finalText(), /Successful/);
      assert.match(await stage("wait").innerText(), /Status SUCCESSFUL after \d+\.\d s/);
      const jobId = await jobIdShown();
      assert.match(await text("#order-hash"), /^0x[0-9a-f]{64}/, "the final transaction hash");
      assert.deepEqual(
        { type: order(jobId).intentType, ...order(jobId).details },
        { type: "TOKEN_TRANSFER", amount: tr.base, caip2Id: tr.chain, recipientWalletAddress: EXAMPLE_ADDRESS, tokenAddress: tr.base === "1250000" ? "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913" : "" },
        "the gateway executed exactly what the form said",
      );
      assert.ok(await page.locator("#btn-cancel").isHidden());
      assert.ok(await page.locator("#btn-send").isEnabled(), "Send works again");
      assert.equal(await text("#state-8"), "Done");
      await noOverflow("transfer done");
      await stepShot(8, "transfer-done");
      await shot("03-transfer-done");

      // Cancel: stop waiting (the order keeps running at Okto).
      if (vp.name === "desktop") {
        await page.click("#btn-send");
        await page.waitForSelector("#stages li[data-stage='wait'].active");
        await page.click("#btn-cancel");
        assert.match(await finalText(), /Unknown/);
        assert.match(await stage("wait").innerText(), /Stopped waiting/);
        assert.ok(await page.locator("#banner").isHidden(), "stopping is not an error");
        assert.ok(await page.locator("#btn-send").isEnabled());
        assert.equal(order(await jobIdShown()).intentType, "TOKEN_TRANSFER", "the order was sent");
      }

      // NFT: the user's own NFTs fill the fields; only EVM chains.
      await page.click("#kind-nft");
      assert.ok(!(await page.locator("#intent-chain option").allInnerTexts()).some((o) => /APTOS/.test(o)), "NFTs: EVM chains only");
      assert.ok(await page.locator("#intent-token").isHidden());
      const badge = await page.evaluate(() => [...document.querySelectorAll("#nft-pick option")].find((o) => /Dev Badge/.test(o.textContent))?.value);
      assert.ok(badge, "the user's Dev Badge is offered");
      await page.selectOption("#nft-pick", badge);
      assert.equal(await page.inputValue("#intent-chain"), "eip155:8453");
      assert.equal(await page.inputValue("#nft-collection"), "0x68ee2dddcbb1c03df5fc4b6235d993b8b4d1d0e5");
      assert.equal(await page.inputValue("#nft-type"), "ERC721");
      assert.equal(await page.inputValue("#nft-amount"), "1");
      const nftId = await page.inputValue("#nft-id");
      assert.match(nftId, /^\d+$/);
      await page.click("#btn-example-recipient");
      await page.click("#btn-estimate");
      await page.waitForSelector("#estimate-out:not([hidden])");
      assert.match(await text("#estimate-out"), new RegExp(`Sends\\s+1 × #${nftId}\\s+ERC721`, "i"));
      await page.click("#btn-send");
      assert.match(await finalText(), /Successful/);
      assert.deepEqual(order(await jobIdShown()).details, {
        caip2Id: "eip155:8453", nftId, recipientWalletAddress: EXAMPLE_ADDRESS, collectionAddress: "0x68ee2dddcbb1c03df5fc4b6235d993b8b4d1d0e5", nftType: "ERC721", amount: "1",
      });
      await noOverflow("nft");
      await stepShot(8, "nft-done");

      // Raw transaction: from is the user's wallet; value in wei.
      await page.click("#kind-raw");
      assert.equal(await page.inputValue("#raw-from"), swa);
      await page.selectOption("#intent-chain", "eip155:8453");
      await page.click("#btn-example-to");
      await page.fill("#raw-data", "0x");
      await page.fill("#raw-value", "1000000000000000");
      assert.equal(await text("#raw-value-hint"), "= 0.001 ETH");
      await page.click("#btn-send");
      assert.match(await finalText(), /Successful/);
      const raw = order(await jobIdShown());
      assert.equal(raw.intentType, "RAW_TRANSACTION");
      assert.deepEqual(raw.details.transactions, [{ from: swa, to: EXAMPLE_ADDRESS, data: "0x", value: "0x38d7ea4c68000" }]);
      assert.match(await text("#order-hash"), /^0x[0-9a-f]{64}/);
      await noOverflow("raw");
      await stepShot(8, "raw-done");

      // A failed order (the gateway never fails one, so its answer is rewritten): said plainly, with the reason.
      if (vp.name === "desktop") {
        const ordersRoute = (url) => url.pathname === "/api/oc/v1/orders";
        await page.route(ordersRoute, async (route) => {
          const res = await route.fetch();
          const body = await res.json();
          for (const o of body.data?.items ?? []) if (o.status === "SUCCESSFUL") Object.assign(o, { status: "FAILED", reason: "execution reverted" });
          await route.fulfill({ response: res, json: body });
        });
        await page.click("#btn-send");
        assert.match(await finalText(), /Failed\s+Okto reports FAILED: execution reverted/);
        assert.match(await text("#order-info"), /Status\s+FAILED/);
        await stepShot(8, "raw-failed");
        await page.unroute(ordersRoute);
      }

      // Sign a message and typed data: signatures by the user's Okto key (user keys, step 7).
      const mpcAddress = publicKeyToAddress(mpcPub);
      const message = await page.inputValue("#sign-text");
      assert.equal(message, "Hello from the okto-wasm demo");
      await page.click("#btn-sign-message");
      await page.waitForSelector("#sig-out:not([hidden])");
      let sig = await text("#sig-value code");
      assert.match(sig, /^0x[0-9a-f]{130}$/);
      assert.equal(await recoverMessageAddress({ message, signature: sig }), mpcAddress, "EIP-191 signature by the user's Okto key");
      assert.match(await text("#sig-out"), new RegExp(`Signature \\(EIP-191\\)[\\s\\S]*Signed by\\s+${mpcAddress}`));
      const typed = JSON.parse(await page.inputValue("#sign-typed"));
      await page.click("#btn-sign-typed");
      await page.waitForFunction(() => /EIP-712/.test(document.getElementById("sig-out").innerText));
      sig = await text("#sig-value code");
      assert.match(sig, /^0x[0-9a-f]{130}$/);
      assert.equal(await recoverTypedDataAddress({ ...typed, signature: sig }), mpcAddress, "EIP-712 signature by the user's Okto key");
      assert.match(await text("#sig-out"), /Greeting for okto-wasm demo/);
      assert.equal(await text("#state-8"), "Done");
      assert.ok(await page.locator("#stepper li[data-step='8'].done").count(), "the step list marks intents as done");
      await noOverflow("signed");
      await stepShot(8, "signed");

      // Back to the token form: the last result stays, and the page never shows a full bearer token.
      await page.click("#kind-token");
      assert.ok(await page.locator("#intent-amount").isVisible());
      assert.ok(!(await visibleText()).includes(copied), "no full bearer token after the intents");
      assert.ok(!/eyJ0eXBlIjoi[A-Za-z0-9+/=]{20,}/.test(await visibleText()));
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
      await page.waitForFunction(() => !document.getElementById("btn-send").disabled); // the new login reloaded the chains
      await stepShot(8, "other-theme");
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
  const { context, page, errors, text } = await desktopPage();
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
    // Through its label, which Playwright waits for: the login's smooth scroll may still be moving the page
    // (a forced click on the hidden radio could land on the sticky top bar instead).
    await page.click("#settings-form label:has(> input[name='transport'][value='rpc'])");
    assert.ok(await page.isChecked("input[name='transport'][value='rpc']"));
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

test("step 8: amounts convert exactly; chains that fail to load can be loaded again", async () => {
  const { context, page, errors, text } = await desktopPage();
  try {
    await page.goto(`${site.url}/?gateway=${encodeURIComponent(gateway.url)}`);
    await page.waitForSelector("body[data-ready='true']");
    assert.equal(await text("#state-8"), "Locked");
    assert.ok(await page.locator("#btn-send").isDisabled() && await page.locator("#btn-sign-message").isDisabled(), "step 8 is locked before login");

    // The tokens route answers garbage once: step 8 says so in plain words and offers to try again.
    await admin("misbehave", { mode: "malformed", routes: ["/api/oc/v1/supported/tokens"] });
    await page.click("#btn-devtoken");
    await page.click("#btn-login");
    await page.waitForSelector("#login-done:not([hidden])", { timeout: 10000 });
    await page.waitForFunction(() => /Could not load/.test(document.getElementById("intent-load-note").innerText), null, { timeout: 20000 });
    assert.match(await text("#intent-load-note"), /Could not load the chains and tokens: The server's answer is not an Okto reply \(code BAD_RESPONSE\)\./);
    assert.ok(await page.locator("#btn-send").isDisabled());
    await admin("misbehave", { mode: "off" });
    await page.click("#intent-load-note button");
    await page.waitForFunction(() => !document.getElementById("btn-send").disabled);
    assert.equal(await text("#intent-load-note"), "");

    // Whole units → base units with the token's decimals, as strings (no floating point).
    const amount = async (chain, token, typed) => {
      await page.selectOption("#intent-chain", chain);
      await page.locator("#intent-token").selectOption({ label: token });
      await page.fill("#intent-amount", typed);
      return text("#amount-base");
    };
    const usdc = "USDC · 0x8335…2913";
    for (const [typed, want] of [
      ["0.000001", "= 1 base units (6 decimals)"],
      [".5", "= 500000 base units (6 decimals)"],
      ["1,5", "= 1500000 base units (6 decimals)"],
      ["007.50", "= 7500000 base units (6 decimals)"],
      ["2.500000000", "= 2500000 base units (6 decimals)"],
      ["0.0000001", "USDC has 6 decimals, so at most 6 digits after the point"],
      ["0", "Must be greater than 0"],
      ["1.5.3", "Enter a number, like 0.5"],
      ["-1", "Enter a number, like 0.5"],
    ])
      assert.equal(await amount("eip155:8453", usdc, typed), want, `USDC ${typed}`);
    assert.equal(await amount("eip155:8453", "ETH (native)", "123456789.123456789123456789"), "= 123456789123456789123456789 base units (18 decimals)");
    assert.equal(await amount("aptos:testnet", "APT (native)", "0.1"), "= 10000000 base units (8 decimals)");
    assert.ok(await page.locator("#amount-base.bad").count() === 0);
    await page.fill("#intent-amount", "0.123456789");
    assert.ok(await page.locator("#amount-base.bad").count() === 1, "too many decimals is shown as a problem");
    // Send with a bad amount: refused on the page, in plain words, before anything is built.
    await page.fill("#intent-recipient", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    await page.click("#btn-send");
    await page.waitForSelector("#banner:not([hidden])");
    assert.match(await text("#banner-title"), /Please check the amount/);
    assert.match(await text("#banner-detail"), /APT has 8 decimals/);
    assert.match(await text("#banner-meta"), /code INVALID_ARGUMENT/);
    assert.deepEqual(errors, []);
  } finally {
    await admin("misbehave", { mode: "off" });
    await context.close();
  }
});
