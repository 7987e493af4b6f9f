// Shared by the benchmark runner (tests/bench/run.mjs) and the CI perf guard
// (tests/perfguard/): the official SDK's browser bundles, the Chromium
// launch, the fixed keys, and a guard that keeps every request on this machine.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, "..", "..");
export const TESTS = join(ROOT, "tests");

export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
  // Belt and braces: no host name resolves except loopback, so nothing can leave the machine.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A fixed session key (any valid scalar; it is the example key of web3.js's docs). */
export const SESSION_PRIVATE_KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

/** The official SDK's fixed sandbox hosts, which the page must never reach. */
export const OKTO_SANDBOX_HOSTS = ["sandbox-okto-gateway.oktostage.com", "sandbox-api.okto.tech"];

const BASE = {
  bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent",
  inject: [join(TESTS, "size", "buffer-shim.js")],
};

/**
 * The official SDK exactly as tests/size bundles it: `export { OktoClient }`,
 * esbuild --bundle --minify --format=esm --platform=browser, `buffer` injected.
 * Used for the bundle size and the cold start. Returns the bytes.
 */
export async function officialBundle() {
  const r = await esbuild.build({ ...BASE, minify: true, entryPoints: [join(TESTS, "size", "official-entry.js")] });
  return Buffer.from(r.outputFiles[0].contents);
}

// The SDK's login helpers are module-private; this appends an export of them to
// its dist/index.js while bundling (node_modules is not touched).
const exposeInternals = {
  name: "expose-okto-internals",
  setup(build) {
    build.onLoad({ filter: /@okto_web3[\\/]core-js-sdk[\\/]dist[\\/]index\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, "utf8")) +
        "\nexport { generateAuthenticatePayload as __generateAuthenticatePayload, " +
        "generatePaymasterData as __generatePaymasterData, SessionKey as __SessionKey };\n",
      loader: "js",
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * The bundle the micro-benchmarks run: the same SDK code plus its internal
 * `generateAuthenticatePayload`, `generatePaymasterData` and `SessionKey`, and the
 * viem functions it signs with. Not minified, so that profiles show names (V8
 * inlines by bytecode size, so minifying does not change the speed).
 */
export async function officialBenchBundle() {
  const r = await esbuild.build({
    ...BASE, minify: false, plugins: [exposeInternals],
    stdin: {
      resolveDir: here, sourcefile: "official-bench-entry.js", loader: "js",
      contents: [
        'export { OktoClient, __generateAuthenticatePayload, __generatePaymasterData, __SessionKey } from "@okto_web3/core-js-sdk";',
        'export { signMessage } from "viem/accounts";',
        'export { keccak256, encodeAbiParameters, parseAbiParameters, toBytes } from "viem";',
      ].join("\n"),
    },
  });
  return Buffer.from(r.outputFiles[0].contents);
}

/**
 * Routes the official SDK's sandbox hosts to the local dev gateway and aborts any
 * other request that is not for loopback. Installs request interception for the
 * whole context, so use it only where the official SDK talks to its servers.
 */
export async function routeOktoToGateway(context, gatewayUrl) {
  const blocked = [];
  await context.route(() => true, async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return route.continue();
    if (OKTO_SANDBOX_HOSTS.includes(url.hostname)) {
      const response = await route.fetch({ url: gatewayUrl + url.pathname + url.search });
      return route.fulfill({ response });
    }
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  return blocked;
}

/** Records every request a context makes (passively) so a run can prove none left the machine. */
export function watchRequests(context) {
  const foreign = [];
  context.on("request", (req) => {
    const { hostname } = new URL(req.url());
    if (!["127.0.0.1", "localhost", ...OKTO_SANDBOX_HOSTS].includes(hostname) && !req.url().startsWith("data:")) {
      foreign.push(req.url());
    }
  });
  return foreign;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
