// OktoClient under Node 20 against the dev gateway: delegated sessions
// (setSession) for back ends, and a clientSigner callback instead of a
// client private key, including the refusal of a signature by the wrong key
// before anything is sent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startGateway, DEV_CLIENT_SWA, DEV_CLIENT_PRIVATE_KEY } from "../gateway/server.mjs";
import { delegatedDemo } from "../examples/delegated.mjs";
import { privateKeyToAccount, signMessage } from "viem/accounts";

const require = createRequire(import.meta.url);
const { OktoClient } = require("../../pkg-node/index.js");
const DEV_SIGNER = privateKeyToAccount(DEV_CLIENT_PRIVATE_KEY).address;
let gw;
before(async () => { gw = await startGateway({ port: 0 }); });
after(async () => gw?.close());

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
const jwt = (sub) => `${b64({ alg: "RS256" })}.${b64({ sub })}.c2ln`;
const stats = async () => (await fetch(`${gw.url}/__admin/stats`)).json();
const remoteSigner = async (hex) => {
  const res = await fetch(`${gw.url}/dev/client-sign`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ digest: hex }) });
  return (await res.json()).signature;
};

test("the delegated example: a back end adopts a session and reads the explorer", async () => {
  const r = await delegatedDemo(gw.url);
  assert.equal(r.userSWA, r.delegatedSWA, "same (provider, subject) → same SWA");
  assert.ok(r.wallets > 0);
  assert.equal(r.verified, true);
});

test("clientSigner signs the login and the OTP requests; the gateway accepts them", async () => {
  const c = new OktoClient({ clientSWA: DEV_CLIENT_SWA, clientSigner: remoteSigner, clientSignerAddress: DEV_SIGNER, gatewayUrl: gw.url, bffUrl: gw.url });
  assert.match(await c.loginUsingOAuth({ idToken: jwt("signer@example.com"), provider: "google" }), /^0x[0-9a-fA-F]{40}$/);
  const { token } = await c.sendOTP("signer@example.com", "email");
  assert.match(await c.loginUsingEmail("signer@example.com", "123456", token), /^0x[0-9a-fA-F]{40}$/);
  // REST transport too.
  const r = new OktoClient({ clientSWA: DEV_CLIENT_SWA, clientSigner: remoteSigner, gatewayUrl: gw.url, bffUrl: gw.url, authTransport: "rest" });
  assert.match(await r.loginUsingOAuth({ idToken: jwt("signer@example.com"), provider: "google" }), /^0x[0-9a-fA-F]{40}$/);
});

test("a clientSigner signature by the wrong key is refused before anything is sent", async () => {
  const wrongKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  const wrong = async (hex) => signMessage({ message: { raw: hex }, privateKey: wrongKey });
  const c = new OktoClient({ clientSWA: DEV_CLIENT_SWA, clientSigner: wrong, clientSignerAddress: DEV_SIGNER, gatewayUrl: gw.url, bffUrl: gw.url });
  const before = (await stats()).requests?.["POST /rpc"] ?? 0;
  await assert.rejects(c.loginUsingOAuth({ idToken: jwt("x"), provider: "google" }), (e) => {
    assert.equal(e.name, "OktoError");
    assert.equal(e.code, "INVALID_ARGUMENT");
    assert.match(e.message, /^clientSigner: the signature for paymasterData recovers to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, not clientSignerAddress/);
    return true;
  });
  await assert.rejects(c.sendOTP("a@b.co", "email"), (e) => e.code === "INVALID_ARGUMENT");
  const after = (await stats()).requests?.["POST /rpc"] ?? 0;
  assert.equal(after, before, "a request went out");
});

test("a clientSigner that throws, rejects or returns junk gives INVALID_ARGUMENT naming clientSigner", async () => {
  for (const signer of [
    async () => { throw new Error("backend down"); },
    () => Promise.reject(new Error("nope")),
    async () => "0x1234",
    async () => 42,
    () => "not a promise and not hex",
  ]) {
    const c = new OktoClient({ clientSWA: DEV_CLIENT_SWA, clientSigner: signer, gatewayUrl: gw.url, bffUrl: gw.url });
    await assert.rejects(c.loginUsingOAuth({ idToken: jwt("x"), provider: "google" }), (e) => {
      assert.equal(e.name, "OktoError");
      assert.equal(e.code, "INVALID_ARGUMENT");
      assert.match(e.message, /^clientSigner/);
      return true;
    });
  }
});

test("without a client key or signer, login is refused and explorer calls need a session", async () => {
  const c = new OktoClient({ clientSWA: DEV_CLIENT_SWA, gatewayUrl: gw.url, bffUrl: gw.url });
  await assert.rejects(c.loginUsingOAuth({ idToken: jwt("x"), provider: "google" }), (e) => e.code === "INVALID_ARGUMENT" && /clientPrivateKey/.test(e.message));
  await assert.rejects(c.getAccount(), (e) => e.code === "NOT_LOGGED_IN");
});
