// Side-by-side browser benchmarks: okto-wasm against the official SDK
// (@okto_web3/core-js-sdk 1.1.0) in one headless Chromium page. Not part of CI
// (tests/perfguard/ is the fast CI check). Build the package first.
//
//   tests/build.sh && cd tests && node bench/run.mjs [options]
//
//   --rounds N      alternating rounds per operation (default 7)
//   --min-ms MS     each library's share of a round lasts at least this long (default 200)
//   --cold N        cold-start samples per library, alternating, fresh context each (default 7)
//   --pkg DIR       which build of okto-wasm to load, relative to the repository (default pkg)
//   --profile       also build a copy of the .wasm that keeps its function names
//                   (build-variant.sh with KEEP_NAMES=1, from the --pkg variant's commit or
//                   HEAD) and record CPU profiles (CDP Profiler)
//   --label TEXT    a note saved with the results
//   --ops LIST      a subset of token,authPayload,authPayloadViem,signUserOp,login,cold (default all)
//   --quiet-below F before each timed share, wait (up to --quiet-wait seconds) until the
//                   machine's CPUs are less than this fraction busy (default 0.25): other
//                   processes on a 2-core machine otherwise decide the figures
//
// Writes tests/bench/out/results.md and results.json (and the bundles and
// profiles it made); prints the Markdown. Native figures come from
// `cargo bench --bench core -- --save-baseline NAME` when target/criterion has them.
import { parseArgs } from "node:util";
import { mkdirSync, writeFileSync, readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeAbiParameters, encodePacked, hexToBytes, keccak256, parseAbiParameters } from "viem";
import { privateKeyToAccount, signMessage } from "viem/accounts";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { execFileSync } from "node:child_process";
import os from "node:os";
import * as esbuild from "esbuild";
import { startGateway, DEV_CLIENT_PRIVATE_KEY, DEV_CLIENT_SWA } from "../gateway/server.mjs";
import { encodeCallData, SANDBOX } from "../gateway/okto.mjs";
import { startStatic } from "../../www/serve.mjs";
import {
  ROOT, SESSION_PRIVATE_KEY, launch, officialBundle, officialBenchBundle,
  routeOktoToGateway, watchRequests, median,
} from "./common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, "out");
const { values: opt } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    "min-ms": { type: "string", default: "200" },
    cold: { type: "string", default: "7" },
    pkg: { type: "string", default: "pkg" },
    profile: { type: "boolean", default: false },
    label: { type: "string", default: "" },
    "quiet-below": { type: "string", default: "0.25" },
    ops: { type: "string", default: "token,authPayload,authPayloadViem,signUserOp,login,cold" },
    "quiet-wait": { type: "string", default: "60" },
  },
});
const ROUNDS = Number(opt.rounds);
const MIN_MS = Number(opt["min-ms"]);
const COLD = Number(opt.cold);
const PKG = resolve(ROOT, opt.pkg);
const WARM_MS = 400;
const OPS = new Set(opt.ops.split(","));
const log = (...a) => console.error("[bench]", ...a);

for (const f of ["index.js", "okto_wasm.js", "okto_wasm_bg.wasm"]) {
  if (!existsSync(join(PKG, f))) throw new Error(`${join(PKG, f)} is missing: run tests/build.sh first`);
}
mkdirSync(OUT, { recursive: true });
const urlOf = (abs) => "/" + relative(ROOT, abs).split("\\").join("/");

// ---------------------------------------------------------------- inputs
log("bundling the official SDK with esbuild", esbuild.version);
const officialMin = await officialBundle();
writeFileSync(join(OUT, "official.min.js"), officialMin);
writeFileSync(join(OUT, "official-bench.js"), await officialBenchBundle());
const OFFICIAL_MIN_URL = urlOf(join(OUT, "official.min.js"));
const OFFICIAL_BENCH_URL = urlOf(join(OUT, "official-bench.js"));

/** A realistic user operation (a TOKEN_TRANSFER on Polygon), as PROTOCOL.md §9 builds it. */
async function makeUserOp() {
  const nonce = "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b";
  const nonce32 = `0x${"0".repeat(32)}${nonce.replaceAll("-", "")}`;
  const userSWA = "0x8c1e5a7a3db4b2b4d6b4e5b6f6c1d0e9f8a7b6c5";
  const validUntil = Math.floor(Date.now() / 1000) + 6 * 3600;
  const digest = keccak256(encodePacked(["bytes32", "address", "uint48", "uint48"], [nonce32, DEV_CLIENT_SWA, validUntil, 0]));
  const sig = await signMessage({ message: { raw: hexToBytes(digest) }, privateKey: DEV_CLIENT_PRIVATE_KEY });
  return {
    sender: userSWA,
    nonce: nonce32,
    paymaster: SANDBOX.paymaster,
    callGasLimit: "0x927c0", verificationGasLimit: "0x61a80", preVerificationGas: "0x186a0",
    maxFeePerGas: "0xba43b7400", maxPriorityFeePerGas: "0xba43b7400",
    paymasterPostOpGasLimit: "0x30d40", paymasterVerificationGasLimit: "0x30d40",
    callData: encodeCallData({
      jobIdUuid: nonce, clientSWA: DEV_CLIENT_SWA, userSWA, feePayer: "0x0000000000000000000000000000000000000000",
      chain: { gsn_enabled: false, sponsorship_enabled: true }, intentType: "TOKEN_TRANSFER",
      params: { caip2Id: "eip155:137", recipientWalletAddress: "0x2222222222222222222222222222222222222222", tokenAddress: "", amount: 10n ** 15n },
    }),
    paymasterData: encodeAbiParameters(parseAbiParameters("address, uint48, uint48, bytes"), [DEV_CLIENT_SWA, validUntil, 0, sig]),
  };
}
const userOp = await makeUserOp();
const SESSION_PUBLIC_KEY = privateKeyToAccount(SESSION_PRIVATE_KEY).publicKey;

// ---------------------------------------------------------------- servers and browser
const gateway = await startGateway({ port: 0 });
const site = await startStatic({ root: ROOT });
const browser = await launch();
const chromiumVersion = browser.version();
const pageErrors = [];
const foreign = [];

async function close() {
  await browser.close().catch(() => {});
  await site.close();
  await gateway.close();
}
process.on("uncaughtException", async (e) => {
  console.error(e);
  await close();
  process.exit(1);
});

const params = { sessionHex: SESSION_PRIVATE_KEY, clientPrivateKey: DEV_CLIENT_PRIVATE_KEY, clientSWA: DEV_CLIENT_SWA };

async function benchPage({ route, pkgUrl = urlOf(join(PKG, "index.js")) }) {
  const context = await browser.newContext();
  foreign.push(watchRequests(context));
  const blocked = route ? await routeOktoToGateway(context, gateway.url) : [];
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error" && !m.location()?.url?.endsWith("/favicon.ico")) pageErrors.push(m.text()); });
  await page.goto(`${site.url}/tests/bench/bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate(async ([ours, theirs]) => {
    await window.bench.loadOurs(ours);
    await window.bench.loadTheirs(theirs);
    window.bench.quiet();
  }, [pkgUrl, OFFICIAL_BENCH_URL]);
  const keys = await page.evaluate((p) => window.bench.setup(p), { ...params, gatewayUrl: gateway.url, userOp });
  return { context, page, keys, blocked };
}

// ---------------------------------------------------------------- other load on the machine
const QUIET_BELOW = Number(opt["quiet-below"]);
const QUIET_WAIT_MS = Number(opt["quiet-wait"]) * 1000;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const load = { waitedMs: 0, gaveUp: 0, busy: [] };
function cpuTimes() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}
const busyBetween = (a, b) => (b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0);
async function waitQuiet() {
  if (!existsSync("/proc/stat")) return;
  const start = Date.now();
  for (;;) {
    const a = cpuTimes();
    await sleep(250);
    if (busyBetween(a, cpuTimes()) < QUIET_BELOW) break;
    if (Date.now() - start > QUIET_WAIT_MS) { load.gaveUp++; break; }
  }
  load.waitedMs += Date.now() - start;
}
/** Runs one timed share after waiting for a quiet machine; records how busy the CPUs were meanwhile. */
async function share(fn) {
  await waitQuiet();
  const a = existsSync("/proc/stat") ? cpuTimes() : null;
  const r = await fn();
  if (a) load.busy.push(busyBetween(a, cpuTimes()));
  return r;
}

// ---------------------------------------------------------------- alternating rounds
async function rounds(page, name, libs) {
  const res = {};
  for (const lib of libs) {
    const msPerOp = await page.evaluate(([n, l, w]) => window.bench.warm(n, l, w), [name, lib, WARM_MS]);
    res[lib] = { n: Math.max(5, Math.ceil((MIN_MS * 1.15) / msPerOp)), samples: [], roundMs: [] };
  }
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? libs : [...libs].reverse();
    for (const lib of order) {
      const ms = await share(() => page.evaluate(([n, l, k]) => window.bench.run(n, l, k), [name, lib, res[lib].n]));
      res[lib].samples.push(ms / res[lib].n);
      res[lib].roundMs.push(ms);
      // Keep every share at least MIN_MS long if the warm-up underestimated the speed.
      if (ms < MIN_MS) res[lib].n = Math.ceil((res[lib].n * MIN_MS * 1.15) / ms);
    }
  }
  for (const lib of libs) summarise(res[lib]);
  return res;
}

function summarise(r, key = "samples") {
  r.msPerOp = median(r[key]);
  r.opsPerSec = 1000 / r.msPerOp;
  r.min = Math.min(...r[key]);
  r.max = Math.max(...r[key]);
  return r;
}

async function loginRounds(page) {
  const libs = ["ours", "theirs"];
  const res = {};
  for (const lib of libs) {
    const w = await page.evaluate((l) => window.bench.login(l, 5), lib);
    res[lib] = { n: Math.max(10, Math.ceil((MIN_MS * 1.15) / (w.wall / 5))), samples: [], wall: [], network: [], requests: w.requests, roundMs: [] };
  }
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? libs : [...libs].reverse();
    for (const lib of order) {
      const x = await share(() => page.evaluate(([l, k]) => window.bench.login(l, k), [lib, res[lib].n]));
      const k = res[lib].n;
      res[lib].samples.push(x.client / k);
      res[lib].wall.push(x.wall / k);
      res[lib].network.push(x.network / k);
      res[lib].roundMs.push(x.wall);
      res[lib].requests = x.requests;
    }
  }
  for (const lib of libs) {
    summarise(res[lib]);
    res[lib].wallMsPerOp = median(res[lib].wall);
    res[lib].networkMsPerOp = median(res[lib].network);
  }
  return res;
}

// ---------------------------------------------------------------- cold start
async function coldStart() {
  const res = { ours: { samples: [], parts: [] }, theirs: { samples: [], parts: [] } };
  const pub = SESSION_PUBLIC_KEY;
  const order = [];
  for (let i = 0; i < COLD; i++) order.push(...(i % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"]));
  for (const lib of order) {
    const context = await browser.newContext();
    foreign.push(watchRequests(context));
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.goto(`${site.url}/tests/bench/bench.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const url = lib === "ours" ? urlOf(join(PKG, "index.js")) : OFFICIAL_MIN_URL;
    const r = await share(() => page.evaluate(([l, p]) => window.bench.cold(l, p), [lib, { ...params, sessionPub: pub, url }]));
    res[lib].samples.push(r.total);
    res[lib].parts.push(r);
    await context.close();
  }
  for (const lib of ["ours", "theirs"]) {
    summarise(res[lib]);
    res[lib].load = median(res[lib].parts.map((p) => p.load));
    res[lib].init = median(res[lib].parts.map((p) => p.init));
    res[lib].first = median(res[lib].parts.map((p) => p.first));
  }
  return res;
}

// ---------------------------------------------------------------- sizes
function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
function bundleSizes() {
  const wasm = sizes(readFileSync(join(PKG, "okto_wasm_bg.wasm")));
  // As tests/size does: the .wasm, and the two JS files concatenated.
  const js = sizes(Buffer.concat([readFileSync(join(PKG, "okto_wasm.js")), readFileSync(join(PKG, "index.js"))]));
  const ours = { raw: wasm.raw + js.raw, gzip: wasm.gzip + js.gzip, brotli: wasm.brotli + js.brotli };
  return { wasm, js, ours, theirs: sizes(officialMin) };
}

// ---------------------------------------------------------------- native (criterion) figures, if recorded
function nativeFigures() {
  const out = {};
  const base = join(ROOT, "target", "criterion");
  for (const [key, dir] of [["token", "token/auth_token"], ["authPayload", "auth_payload/build_auth_payload"]]) {
    const d = join(base, dir);
    if (!existsSync(d)) continue;
    for (const name of readdirSync(d)) {
      const f = join(d, name, "estimates.json");
      // "new" is whichever run came last: named baselines (--save-baseline) are clearer.
      if (["base", "change", "report", "new"].includes(name) || !existsSync(f)) continue;
      const e = JSON.parse(readFileSync(f, "utf8"));
      (out[name] ??= {})[key] = { msPerOp: e.median.point_estimate / 1e6, recorded: statSync(f).mtime.toISOString() };
    }
  }
  return out;
}

// ---------------------------------------------------------------- profile
/** The same build with function names kept (wasm-opt -g), from the commit that PKG came from. */
function buildNamedWasm() {
  const commit = results.variant?.split(" ")[0] ?? "HEAD";
  log(`building a name-keeping copy of the .wasm (commit ${commit}) for the profile`);
  execFileSync(join(here, "build-variant.sh"), ["names"], {
    cwd: ROOT, env: { ...process.env, KEEP_NAMES: "1", COMMIT: commit }, stdio: ["ignore", "ignore", "inherit"],
  });
  return join(OUT, "pkg-names");
}

/** Self time by function from a CDP CPU profile. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const t = new Map();
  for (let i = 0; i < profile.samples.length - 1; i++) {
    const node = byId.get(profile.samples[i]);
    const key = `${node.callFrame.functionName || "(anonymous)"}\u0000${node.callFrame.url}`;
    t.set(key, (t.get(key) ?? 0) + profile.timeDeltas[i + 1] / 1000);
  }
  return [...t].map(([k, ms]) => {
    const [fn, url] = k.split("\u0000");
    return { fn, url, ms };
  }).filter((x) => x.fn !== "(idle)" && x.fn !== "(root)");
}

function category(fn, url) {
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)") return "V8/Blink (program)";
  const wasm = url.startsWith("wasm://") || fn.includes("::") || /^\$|^wasm-function/.test(fn);
  if (wasm) {
    if (/keccak|sha3|Keccak256/.test(fn)) return "wasm: keccak-256";
    if (/sha2::|hmac|Hmac|rfc6979|digest::/.test(fn)) return "wasm: SHA-256/HMAC (RFC 6979 nonce)";
    if (/k256::arithmetic::(field|projective|affine|mul)|LookupTable|ProjectivePoint|FieldElement/.test(fn)) return "wasm: secp256k1 point arithmetic (k·G)";
    if (/k256::arithmetic::scalar|crypto_bigint|Scalar/.test(fn)) return "wasm: secp256k1 scalar arithmetic (s = k⁻¹(z + r·d))";
    if (/ecdsa::|elliptic_curve::|subtle::/.test(fn)) return "wasm: ecdsa/elliptic-curve glue";
    if (/talc|alloc::|RawVec|memcpy|memset|memmove|__rust_|dlmalloc/.test(fn)) return "wasm: allocation, memcpy";
    if (/core::fmt|fmt::|Formatter|Display|Debug/.test(fn)) return "wasm: core::fmt";
    if (/okto_wasm::core::(token|hex|json|auth|paymaster)|alloy/.test(fn)) return "wasm: ours (JSON, hex, base64, ABI)";
    if (/okto_wasm::js|wasm_bindgen|js_sys|externref/.test(fn)) return "wasm: binding side";
    return "wasm: other";
  }
  if (/\/okto_wasm\.js$|\/index\.js$/.test(url)) return "JS: wasm-bindgen glue and index.js (JS↔wasm)";
  if (/bench\.mjs$/.test(url)) return "JS: bench loop";
  if (/official/.test(url)) return "JS: official SDK (noble, viem)";
  return fn.startsWith("(") ? fn : "JS/native: other";
}

async function profiles() {
  const dir = buildNamedWasm();
  const { context, page } = await benchPage({ route: false, pkgUrl: urlOf(join(dir, "index.js")) });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  const out = {};
  for (const [name, lib] of [["token", "ours"], ["token", "theirs"], ["authPayload", "ours"], ["authPayload", "theirs"]]) {
    const msPerOp = await page.evaluate(([n, l]) => window.bench.warm(n, l, 500), [name, lib]);
    const n = Math.ceil(2000 / msPerOp);
    await cdp.send("Profiler.start");
    const ms = await page.evaluate(([nm, l, k]) => window.bench.run(nm, l, k), [name, lib, n]);
    const { profile } = await cdp.send("Profiler.stop");
    writeFileSync(join(OUT, `${name}-${lib}.cpuprofile`), JSON.stringify(profile));
    const fns = selfTimes(profile);
    const total = fns.reduce((a, x) => a + x.ms, 0);
    const cats = {};
    for (const f of fns) cats[category(f.fn, f.url)] = (cats[category(f.fn, f.url)] ?? 0) + f.ms;
    out[`${name}/${lib}`] = {
      msPerOp: ms / n, n, sampledMs: total,
      categories: Object.entries(cats).map(([c, v]) => ({ category: c, share: v / total })).sort((a, b) => b.share - a.share),
      top: fns.sort((a, b) => b.ms - a.ms).slice(0, 12).map((f) => ({
        fn: f.fn.replace(/::h[0-9a-f]{16}$/, ""), file: f.url.split("/").pop(), share: f.ms / total,
      })),
    };
  }
  const crossingMs = await page.evaluate(() => window.bench.crossing(200000));
  await cdp.send("Profiler.disable");
  await context.close();
  return { functions: out, crossingMs, wasmBytes: statSync(join(dir, "okto_wasm_bg.wasm")).size };
}

// ---------------------------------------------------------------- run
const results = {
  label: opt.label, pkg: relative(ROOT, PKG) || ".", rounds: ROUNDS, minMs: MIN_MS,
  // build-variant.sh leaves "COMMIT NAME CARGO-ARGS" here.
  variant: existsSync(join(PKG, "VARIANT")) ? readFileSync(join(PKG, "VARIANT"), "utf8").trim() : null,
};
try {
  results.machine = {
    cpu: os.cpus()[0].model, cores: os.cpus().length, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version, chromium: chromiumVersion,
    esbuild: esbuild.version, date: new Date().toISOString(),
    commit: (() => { try { return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim(); } catch { return "?"; } })(),
  };
  log("machine:", JSON.stringify(results.machine));

  const main = await benchPage({ route: true });
  results.checks = await main.page.evaluate(() => window.bench.check());
  log("same bytes:", JSON.stringify(results.checks));
  if (Object.values(results.checks).some((v) => v !== true)) throw new Error(`the libraries disagree: ${JSON.stringify(results.checks)}`);

  results.ops = {};
  for (const [name, libs] of [["token", ["ours", "theirs"]], ["authPayload", ["ours", "theirs"]], ["authPayloadViem", ["theirs"]], ["signUserOp", ["ours", "theirs"]]]) {
    if (!OPS.has(name)) continue;
    log(name);
    results.ops[name] = await rounds(main.page, name, libs);
  }
  if (OPS.has("login")) {
    log("loginUsingOAuth against the dev gateway");
    results.ops.login = await loginRounds(main.page);
  }
  results.crossingMs = await main.page.evaluate(() => window.bench.crossing(200000));
  results.blocked = main.blocked;
  await main.context.close();

  if (OPS.has("cold")) {
    log("cold start");
    results.cold = await coldStart();
  }
  results.sizes = bundleSizes();
  results.native = nativeFigures();
  if (opt.profile) {
    log("profiles");
    results.profile = await profiles();
  }
  results.load = { ...load, busyMedian: load.busy.length ? median(load.busy) : null, busyMax: load.busy.length ? Math.max(...load.busy) : null };
  results.foreignRequests = foreign.flat();
  results.pageErrors = pageErrors;
  if (results.foreignRequests.length) throw new Error(`requests left loopback: ${results.foreignRequests.join(", ")}`);
} finally {
  await close();
}

// ---------------------------------------------------------------- report
const f3 = (x) => (x >= 100 ? x.toFixed(1) : x >= 10 ? x.toFixed(2) : x.toFixed(3));
const ops = (x) => Math.round(x).toLocaleString("en-US");
const int = (x) => x.toLocaleString("en-US");
const ratio = (x) => `${x.toFixed(2)}×`;
const pct = (x) => `${(100 * x).toFixed(1)}%`;
function verdictSpeed(speedup, target) {
  return speedup >= target
    ? `met (${ratio(speedup)} ≥ ${target}×)`
    : `missed: ${ratio(speedup)} of ${target}× (${ratio(target / speedup)} short)`;
}
const R = results;
const m = R.machine;
const lines = [];
const P = (s = "") => lines.push(s);
P(`## okto-wasm vs @okto_web3/core-js-sdk 1.1.0 in Chromium${R.label ? ` (${R.label})` : ""}`);
P();
P(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, ${m.os}; Node ${m.node}, Chromium ${m.chromium} (headless), esbuild ${m.esbuild}. ` +
  `Date: ${m.date}. Work tree at commit ${m.commit}; package \`${R.pkg}/\`${R.variant ? ` (build-variant.sh: ${R.variant})` : ""}.`);
P();
P(`Both libraries in one page, ${R.rounds} alternating rounds (A,B then B,A), each library's share of a round ≥ ${R.minMs} ms after a ${WARM_MS} ms warm-up; medians over rounds. ` +
  `Same inputs and the same output bytes (checked: ${Object.entries(R.checks).map(([k, v]) => `${k} ${v ? "✓" : "✗"}`).join(", ")}).`);
P();
P("| operation | okto-wasm ms/op | okto-wasm ops/s | official ms/op | official ops/s | okto-wasm speed-up | target | verdict |");
P("|---|---:|---:|---:|---:|---:|---|---|");
const o = R.ops;
const row = (name, a, b, target, verdict) => P(`| ${name} | ${a ? f3(a.msPerOp) : "n/a"} | ${a ? ops(a.opsPerSec) : "n/a"} | ${f3(b.msPerOp)} | ${ops(b.opsPerSec)} | ${a ? ratio(b.msPerOp / a.msPerOp) : "n/a"} | ${target} | ${verdict} |`);
if (o.token) row("auth token mint (`session.authToken(t)` / `getAuthorizationToken()`)", o.token.ours, o.token.theirs, "≥ 5×", verdictSpeed(o.token.theirs.msPerOp / o.token.ours.msPerOp, 5));
if (o.authPayload) row("auth payload (`buildAuthPayload` / SDK's internal `generateAuthenticatePayload`)", o.authPayload.ours, o.authPayload.theirs, "≥ 5×", verdictSpeed(o.authPayload.theirs.msPerOp / o.authPayload.ours.msPerOp, 5));
if (o.authPayload && o.authPayloadViem) row("auth payload, theirs as 3 bare viem `signMessage` (no key derivation)", o.authPayload.ours, o.authPayloadViem.theirs, "(reference)", `${ratio(o.authPayloadViem.theirs.msPerOp / o.authPayload.ours.msPerOp)}`);
if (o.signUserOp) row("sign user op (`client.signUserOp(op)`, TOKEN_TRANSFER call data)", o.signUserOp.ours, o.signUserOp.theirs, "—", "—");
if (o.login) row(`\`loginUsingOAuth\`, client-side time only (requests: ours ${o.login.ours.requests}, theirs ${o.login.theirs.requests})`, o.login.ours, o.login.theirs, "—", "—");
const c = R.cold;
if (c) P(`| cold start → first token (fresh page, cache off) | ${f3(c.ours.msPerOp)} | — | ${f3(c.theirs.msPerOp)} | — | ${ratio(c.theirs.msPerOp / c.ours.msPerOp)} | ≤ official | ${c.ours.msPerOp <= c.theirs.msPerOp ? `met (${f3(c.theirs.msPerOp - c.ours.msPerOp)} ms faster)` : `missed by ${f3(c.ours.msPerOp - c.theirs.msPerOp)} ms`} |`);
P();
P("Spread over rounds (min–max ms/op) and iterations per share:");
P();
P("| operation | okto-wasm | official |");
P("|---|---|---|");
const spread = (r) => (r ? `${f3(r.min)}–${f3(r.max)} (n=${r.n})` : "n/a");
for (const [k, label] of [["token", "token mint"], ["authPayload", "auth payload"], ["authPayloadViem", "auth payload (viem)"], ["signUserOp", "sign user op"], ["login", "login, client-side"]]) {
  if (o[k]) P(`| ${label} | ${spread(o[k].ours)} | ${spread(o[k].theirs)} |`);
}
if (c) P(`| cold start (${COLD} samples each) | ${f3(c.ours.min)}–${f3(c.ours.max)} | ${f3(c.theirs.min)}–${f3(c.theirs.max)} |`);
if (o.login) {
P();
P("`loginUsingOAuth` in full (medians, ms per login): client-side = wall − time with a request in flight " +
  "(window.fetch wrapped for ours, XMLHttpRequest.send→loadend for theirs' axios; the dev gateway's own work is in the in-flight part).");
P();
P("| | wall | in flight | client-side | requests |");
P("|---|---:|---:|---:|---:|");
for (const lib of ["ours", "theirs"]) {
  const l = o.login[lib];
  P(`| ${lib === "ours" ? "okto-wasm (JSON-RPC authenticate)" : "official (REST authenticate + GET user-keys, which mints a token)"} | ${f3(l.wallMsPerOp)} | ${f3(l.networkMsPerOp)} | ${f3(l.msPerOp)} | ${l.requests} |`);
}
}
P();
if (c) {
P("Cold start, medians (ms): load = `import()` of the JS; init = okto-wasm's `init()` (fetch + compile + instantiate the .wasm) or the official `new OktoClient()` + `setSessionConfig`; first token = `SessionKey.fromPrivateKey` + `authToken` / `getAuthorizationToken()`.");
P();
P("| | load | init | first token | total |");
P("|---|---:|---:|---:|---:|");
P(`| okto-wasm | ${f3(c.ours.load)} | ${f3(c.ours.init)} | ${f3(c.ours.first)} | ${f3(c.ours.msPerOp)} |`);
P(`| official SDK (minified ESM bundle) | ${f3(c.theirs.load)} | ${f3(c.theirs.init)} | ${f3(c.theirs.first)} | ${f3(c.theirs.msPerOp)} |`);
P();
}
const s = R.sizes;
P("Bundle sizes (bytes):");
P();
P("| | raw | gzip -9 | brotli 11 |");
P("|---|---:|---:|---:|");
P(`| okto-wasm .wasm | ${int(s.wasm.raw)} | ${int(s.wasm.gzip)} | ${int(s.wasm.brotli)} |`);
P(`| okto-wasm JS (okto_wasm.js + index.js) | ${int(s.js.raw)} | ${int(s.js.gzip)} | ${int(s.js.brotli)} |`);
P(`| **okto-wasm total** | **${int(s.ours.raw)}** | **${int(s.ours.gzip)}** | **${int(s.ours.brotli)}** |`);
P(`| official SDK (esbuild --bundle --minify, ESM, \`buffer\` injected) | ${int(s.theirs.raw)} | ${int(s.theirs.gzip)} | ${int(s.theirs.brotli)} |`);
P(`| ratio okto-wasm / official | ${(s.ours.raw / s.theirs.raw).toFixed(3)} | ${(s.ours.gzip / s.theirs.gzip).toFixed(3)} | ${(s.ours.brotli / s.theirs.brotli).toFixed(3)} |`);
P();
const nat = Object.entries(R.native);
if (nat.length) {
  // The baseline built like this run's package: "as-is" for pkg/ or build-variant.sh's "head".
  const variantName = R.variant?.split(" ")[1] ?? "as-is";
  const same = (name) => name === variantName || (name === "as-is" && ["head", "as-is"].includes(variantName));
  P("Native (criterion, `cargo bench --bench core -- --save-baseline NAME`, median) against this run's wasm in Chromium " +
    "(target: wasm token mint within 2.5× of native built the same way, marked ◀):");
  P();
  P("| criterion baseline | native token ms | wasm ÷ native (token) | native auth payload ms | wasm ÷ native (payload) | recorded |");
  P("|---|---:|---:|---:|---:|---|");
  for (const [name, v] of nat) {
    const t = v.token;
    const a = v.authPayload;
    const tr = t && o.token ? o.token.ours.msPerOp / t.msPerOp : null;
    P(`| ${name}${same(name) ? " ◀" : ""} | ${t ? f3(t.msPerOp) : "—"} | ${tr ? `${ratio(tr)}${same(name) ? (tr <= 2.5 ? " (met)" : " (missed)") : ""}` : "—"} | ${a ? f3(a.msPerOp) : "—"} | ${a && o.authPayload ? ratio(o.authPayload.ours.msPerOp / a.msPerOp) : "—"} | ${(t ?? a).recorded} |`);
  }
  P();
}
if (R.load.busyMedian !== null) {
  P(`Machine load: before each timed share the runner waited for the CPUs to be < ${pct(QUIET_BELOW)} busy (waited ${(R.load.waitedMs / 1000).toFixed(1)} s in all` +
    `${R.load.gaveUp ? `, gave up ${R.load.gaveUp} times` : ""}); during the shares all ${m.cores} CPUs were ${pct(R.load.busyMedian)} busy (median; max ${pct(R.load.busyMax)}), ` +
    `the benchmark's own renderer being one busy CPU (${pct(1 / m.cores)}).`);
  P();
}
P(`JS↔wasm crossing: \`session.address\` (one call, a 42-character string back) costs ${(R.crossingMs * 1000).toFixed(2)} µs.`);
P();
if (R.profile) {
  P(`CPU profiles (CDP Profiler, 50 µs sampling; okto-wasm from a copy of the release .wasm that keeps its names, ${int(R.profile.wasmBytes)} bytes; .cpuprofile files in tests/bench/out/):`);
  P();
  for (const [k, v] of Object.entries(R.profile.functions)) {
    P(`- **${k}** (${f3(v.msPerOp)} ms/op under the profiler): ` + v.categories.filter((x) => x.share >= 0.005).map((x) => `${x.category} ${pct(x.share)}`).join("; "));
    P(`  - top self time: ` + v.top.slice(0, 6).map((x) => `\`${x.fn}\` ${pct(x.share)}`).join(", "));
  }
  P();
}
if (R.pageErrors.length) P(`Page errors: ${R.pageErrors.slice(0, 5).join(" | ")}`);
P(`Requests that left loopback: ${R.foreignRequests.length} (blocked by the route: ${R.blocked.length}).`);

const md = lines.join("\n") + "\n";
writeFileSync(join(OUT, "results.md"), md);
writeFileSync(join(OUT, "results.json"), JSON.stringify(R, null, 2));
console.log(md);
log(`wrote ${relative(process.cwd(), join(OUT, "results.md"))} and results.json`);
