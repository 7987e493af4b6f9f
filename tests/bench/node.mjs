// Token mint under Node (no browser): okto-wasm's Node build (pkg-node/) against the
// official SDK's getAuthorizationToken(), 7 alternating rounds of 1,000 tokens after a
// warm-up; prints the medians. Not part of CI.
//
//   tests/build.sh && cd tests && node bench/node.mjs
import { createRequire } from "node:module";
import { join } from "node:path";
import { OktoClient } from "@okto_web3/core-js-sdk";
import { DEV_CLIENT_PRIVATE_KEY, DEV_CLIENT_SWA } from "../gateway/server.mjs";
import { ROOT, SESSION_PRIVATE_KEY, median } from "./common.mjs";

const N = 1000;
const { SessionKey } = createRequire(import.meta.url)(join(ROOT, "pkg-node", "okto_wasm.js"));
const session = SessionKey.fromPrivateKey(SESSION_PRIVATE_KEY);
const say = (s) => process.stdout.write(`${s}\n`);
console.log = console.info = () => {}; // the official SDK logs
const client = new OktoClient({ environment: "sandbox", clientPrivateKey: DEV_CLIENT_PRIVATE_KEY, clientSWA: DEV_CLIENT_SWA });
client.setSessionConfig({ sessionPrivKey: SESSION_PRIVATE_KEY, sessionPubKey: session.publicKey, userSWA: DEV_CLIENT_SWA });

const theirsToken = await client.getAuthorizationToken();
if (session.authToken(JSON.parse(atob(theirsToken)).data.expire_at) !== theirsToken) throw new Error("the tokens differ");

const expireAt = Math.round(Date.now() / 1000) + 5400;
const lib = { ours: () => session.authToken(expireAt), theirs: () => client.getAuthorizationToken() };
async function time(name, n) {
  const f = lib[name];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - t0) / n;
}
await time("ours", N);
await time("theirs", N);
const ms = { ours: [], theirs: [] };
for (let r = 0; r < 7; r++) {
  for (const name of r % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"]) ms[name].push(await time(name, N));
}
const ours = median(ms.ours);
const theirs = median(ms.theirs);
say(`Node ${process.version}, token mint, median of 7 rounds of ${N}:`);
say(`  okto-wasm (pkg-node)  ${ours.toFixed(3)} ms/op  ${Math.round(1000 / ours)} ops/s`);
say(`  official SDK 1.1.0    ${theirs.toFixed(3)} ms/op  ${Math.round(1000 / theirs)} ops/s`);
say(`  okto-wasm speed-up    ${(theirs / ours).toFixed(2)}x`);
