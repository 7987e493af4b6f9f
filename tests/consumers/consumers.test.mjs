// The package as users get it: `npm pack` the build, install the tarball
// offline into fresh projects, and use it from a Vite app (built, then driven
// in headless Chromium against the dev gateway), from strict TypeScript, and
// from a Node 20 ESM script.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { launch } from "../browser/harness.mjs";
import { startGateway } from "../gateway/server.mjs";
import { startStatic } from "../../www/serve.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const bin = join(root, "tests", "node_modules", ".bin");
let work, tarball;

function npmInstall(dir) {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: dir, stdio: "pipe" });
}

before(() => {
  work = mkdtempSync(join(tmpdir(), "okto-consumers-"));
  const out = execFileSync("npm", ["pack", "--pack-destination", work, "--loglevel=error"], { cwd: join(root, "pkg"), encoding: "utf8" });
  tarball = join(work, out.trim().split("\n").pop());
  console.log(`# tarball ${tarball}`);
});
after(() => rmSync(work, { recursive: true, force: true }));

test("Node 20 ESM script uses the pure builders from the installed tarball", () => {
  const dir = join(work, "node-esm");
  mkdirSync(dir);
  npmInstall(dir);
  cpSync(join(here, "node-esm", "main.mjs"), join(dir, "main.mjs"));
  const out = JSON.parse(execFileSync("node", ["main.mjs"], { cwd: dir, encoding: "utf8" }));
  assert.equal(out.address, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  assert.match(out.token, /^eyJ0eXBlIjoiZWNkc2FfdW5jb21wcmVzc2VkIi/);
  assert.equal(out.paymasterSame, true);
  assert.equal(out.versions.version, "0.1.0");
  assert.match(out.versions.commit, /^[0-9a-f]{12}$|^unknown$/);
  // CommonJS consumers get the same API through the "require" condition.
  const cjs = execFileSync("node", ["-e", 'const o = require("okto-wasm"); console.log(o.SessionKey.generate().address.length, typeof o.OktoClient)'], { cwd: dir, encoding: "utf8" });
  assert.equal(cjs.trim(), "42 function");
});

test("a strict TypeScript consumer of the installed tarball type-checks", () => {
  const dir = join(work, "ts");
  mkdirSync(dir);
  npmInstall(dir);
  const src = readdirSync(join(root, "tests", "types", "consumer")).find((f) => f.endsWith(".ts"));
  const code = execFileSync("cat", [join(root, "tests", "types", "consumer", src)], { encoding: "utf8" }).replaceAll("../../../pkg/index.js", "okto-wasm");
  writeFileSync(join(dir, "consumer.ts"), code);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM", "ESNext.Disposable"], module: "ESNext", moduleResolution: "Bundler", target: "ES2022", types: [] },
    files: ["consumer.ts"],
  }));
  try {
    execFileSync(join(bin, "tsc"), ["--noEmit", "--strict", "-p", dir], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

test("a Vite 7 app built with the tarball logs in against the dev gateway", async () => {
  const dir = join(work, "vite-app");
  mkdirSync(dir);
  npmInstall(dir);
  cpSync(join(here, "vite-app"), dir, { recursive: true });
  await build({ root: dir, logLevel: "silent", build: { outDir: join(dir, "dist"), target: "es2022" } });
  const assets = readdirSync(join(dir, "dist", "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `the .wasm was not emitted: ${assets}`);
  const gateway = await startGateway({ port: 0 });
  const site = await startStatic({ root: join(dir, "dist"), index: "/index.html" });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${site.url}/?gateway=${encodeURIComponent(gateway.url)}`);
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("ready"), null, { timeout: 20000 });
    await page.click("#login");
    await page.waitForFunction(() => !/^(ready|idle)/.test(document.querySelector("#status").textContent), null, { timeout: 20000 });
    const status = await page.textContent("#status");
    assert.match(status, /^logged in 0x[0-9a-fA-F]{40} with [1-9]\d* wallets$/, status);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await site.close();
    await gateway.close();
  }
});
