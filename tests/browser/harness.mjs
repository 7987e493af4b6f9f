// Shared set-up for the browser suites: the strict dev gateway, a static
// server for the repository, and headless Debian Chromium via playwright-core.
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { startGateway, DEV_CLIENT_PRIVATE_KEY, DEV_CLIENT_SWA } from "../gateway/server.mjs";
import { startStatic } from "../../www/serve.mjs";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];
export { DEV_CLIENT_PRIVATE_KEY, DEV_CLIENT_SWA };

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Starts everything; returns { gateway, site, browser, page(), admin(), close() }. */
export async function setup() {
  const gateway = await startGateway({ port: 0 });
  const site = await startStatic({ root: ROOT });
  const browser = await launch();
  const console_lines = [];
  const ctx = {
    gateway, site, browser, console: console_lines,
    async page(path = "/tests/browser/page.html") {
      const page = await browser.newPage();
      page.on("console", (m) => console_lines.push(m.text()));
      page.on("pageerror", (e) => console_lines.push(`pageerror: ${e.message}`));
      await page.goto(site.url + path);
      await page.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
      return page;
    },
    async admin(path, body) {
      const res = await fetch(gateway.url + "/__admin/" + path, {
        method: body === undefined ? "GET" : "POST",
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json();
    },
    async close() {
      await browser.close();
      await site.close();
      await gateway.close();
    },
  };
  return ctx;
}

/** Options for an OktoClient that talks to the dev gateway. */
export function clientOptions(gatewayUrl, extra = {}) {
  return { environment: "sandbox", clientSWA: DEV_CLIENT_SWA, clientPrivateKey: DEV_CLIENT_PRIVATE_KEY, gatewayUrl, bffUrl: gatewayUrl, ...extra };
}
