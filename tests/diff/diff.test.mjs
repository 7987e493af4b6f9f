// Differential tests: okto-wasm (the Node build in pkg-node/) against viem and
// the official SDK @okto_web3/core-js-sdk@1.1.0, byte for byte, on random inputs.
// CASES (default 1000) random inputs per function; DIFF_SEED replays a run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { OktoClient } from "@okto_web3/core-js-sdk";
import {
  encodeAbiParameters, encodePacked, getAddress, keccak256, parseAbiParameters, recoverMessageAddress, toBytes,
} from "viem";
import { privateKeyToAccount, signMessage } from "viem/accounts";
import { makeRng } from "./rand.mjs";

const require = createRequire(import.meta.url);
const okto = require("../../pkg-node/okto_wasm.js");
const CASES = Number(process.env.CASES ?? 1000);
const SANDBOX_PAYMASTER = "0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3";
console.info = () => {}; // the official SDK logs every request, tokens included

/** Drops the 0x prefix or changes the letter case: our API accepts both forms. */
function restyle(rng, hex) {
  const digits = hex.slice(2);
  const body = rng.bool() ? digits : digits.toUpperCase();
  return rng.bool() ? "0x" + body : body;
}

test(`public key and address equal viem's (${CASES} random keys)`, () => {
  const rng = makeRng("keys");
  for (let i = 0; i < CASES; i++) {
    const pk = rng.privateKey();
    const ours = okto.SessionKey.fromPrivateKey(restyle(rng, pk));
    const theirs = privateKeyToAccount(pk);
    assert.equal(ours.publicKey, theirs.publicKey, `key #${i}`);
    assert.equal(ours.address, theirs.address, `key #${i}`);
    ours.free();
  }
});

test(`authToken(expireAt) equals the official getAuthorizationToken() (${CASES} cases)`, async () => {
  const rng = makeRng("authToken");
  const client = new OktoClient({
    environment: "sandbox",
    clientPrivateKey: rng.privateKey(),
    clientSWA: rng.address().toLowerCase(),
  });
  const realNow = Date.now;
  try {
    for (let i = 0; i < CASES; i++) {
      const pk = rng.privateKey();
      const account = privateKeyToAccount(pk);
      client.setSessionConfig({ sessionPrivKey: pk, sessionPubKey: account.publicKey, userSWA: account.address });
      // Any millisecond time; the SDK rounds it to seconds and adds 5400.
      const nowMs = rng.int(2 ** 31) * 1000 + rng.int(1000);
      Date.now = () => nowMs;
      const theirs = await client.getAuthorizationToken();
      Date.now = realNow;
      const key = okto.SessionKey.fromPrivateKey(pk);
      const expireAt = Math.round(nowMs / 1000) + 5400;
      assert.equal(key.authToken(expireAt), theirs, `case #${i}`);
      assert.equal(okto.mintAuthToken(key, expireAt), theirs, `case #${i}`);
      key.free();
    }
  } finally {
    Date.now = realNow;
  }
});

test(`authToken() without expireAt uses the SDK's default expiry`, async () => {
  const pk = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  const key = okto.SessionKey.fromPrivateKey(pk);
  const before = Math.round(Date.now() / 1000) + 5400;
  const token = JSON.parse(Buffer.from(key.authToken(), "base64").toString("utf8"));
  const after = Math.round(Date.now() / 1000) + 5400;
  assert.ok(token.data.expire_at >= before && token.data.expire_at <= after);
  assert.equal(token.data.session_pub_key, key.publicKey);
  assert.equal(
    await recoverMessageAddress({ message: JSON.stringify(token.data), signature: token.data_signature }),
    key.address,
  );
});

test(`generatePaymasterData equals the official paymasterData (${CASES} cases)`, async () => {
  const rng = makeRng("paymasterData");
  for (let i = 0; i < CASES; i++) {
    const clientKey = rng.privateKey();
    // viem takes lower case or EIP-55 only; we also take upper case (API.md).
    const clientSWA = getAddress(rng.address());
    const nonce = rng.uuidV4();
    const validUntil = rng.uint48();
    const validAfter = rng.bool() ? rng.uint48() : undefined;
    const client = new OktoClient({ environment: "sandbox", clientPrivateKey: clientKey, clientSWA });
    const account = privateKeyToAccount(clientKey);
    client.setSessionConfig({ sessionPrivKey: clientKey, sessionPubKey: account.publicKey, userSWA: account.address });
    const theirs = await client.paymasterData({ nonce, validUntil, validAfter });
    const ours = okto.generatePaymasterData({
      clientSWA: rng.pick([clientSWA, clientSWA.toLowerCase(), restyle(rng, clientSWA.toLowerCase())]),
      clientPrivateKey: restyle(rng, clientKey),
      nonce: rng.bool() ? nonce : nonce.toUpperCase(),
      validUntil,
      ...(validAfter === undefined ? {} : { validAfter }),
    });
    assert.equal(ours, theirs, `case #${i}`);
  }
});

test(`signMessage equals viem's signMessage on text and raw bytes (${CASES} cases)`, async () => {
  const rng = makeRng("signMessage");
  const pk = rng.privateKey();
  const key = okto.SessionKey.fromPrivateKey(pk);
  for (let i = 0; i < CASES; i++) {
    if (rng.bool()) {
      const text = rng.text();
      assert.equal(key.signMessage(text), await signMessage({ message: text, privateKey: pk }), `text #${i}`);
    } else {
      const raw = rng.bytes(rng.bool() ? 32 : rng.int(100));
      assert.equal(key.signMessage(raw), await signMessage({ message: { raw }, privateKey: pk }), `raw #${i}`);
    }
  }
  key.free();
});

/** PROTOCOL.md §6 assembled with viem alone. */
async function expectedPayload({ authData, sessionKey, clientSWA, clientKey, nonce, validUntil, paymaster, gasFields }) {
  const session = privateKeyToAccount(sessionKey);
  const nonceHex = "0x" + nonce.replaceAll("-", "").toLowerCase().padStart(64, "0");
  const swa = clientSWA.startsWith("0x") ? clientSWA : "0x" + clientSWA;
  const pmHash = keccak256(encodePacked(["bytes32", "address", "uint48", "uint48"], [nonceHex, swa.toLowerCase(), validUntil, 0]));
  const pmSig = await signMessage({ message: { raw: toBytes(pmHash) }, privateKey: clientKey });
  const paymasterData = encodeAbiParameters(parseAbiParameters("address, uint48, uint48, bytes"), [swa.toLowerCase(), validUntil, 0, pmSig]);
  const digest = toBytes(keccak256(encodeAbiParameters(parseAbiParameters("address"), [session.address])));
  const sessionData = { nonce: nonce.toLowerCase(), clientSWA: swa, sessionPk: session.publicKey };
  if (gasFields) Object.assign(sessionData, { maxPriorityFeePerGas: "0xBA43B7400", maxFeePerGas: "0xBA43B7400" });
  Object.assign(sessionData, { paymaster, paymasterData });
  return {
    authData,
    sessionData,
    sessionPkClientSignature: await signMessage({ message: { raw: digest }, privateKey: clientKey }),
    sessionDataUserSignature: await signMessage({ message: { raw: digest }, privateKey: sessionKey }),
    digest,
  };
}

test(`buildAuthPayload equals PROTOCOL §6 assembled with viem, field by field (${CASES} cases)`, async () => {
  const rng = makeRng("buildAuthPayload");
  const envs = { sandbox: SANDBOX_PAYMASTER, staging: "0xc2D31Cdc6EFd02F85Ab943c4587f8D60E6E15F9c", production: "0xB0E2BD2EFb99F982F8cCB8e6737A572B3B0eCE11" };
  for (let i = 0; i < CASES; i++) {
    const sessionKey = rng.privateKey();
    const clientKey = rng.privateKey();
    const clientSWA = rng.address();
    const nonce = rng.uuidV4();
    const validUntil = rng.uint48();
    const environment = rng.pick(["sandbox", "staging", "production", undefined]);
    const gasFields = rng.pick([true, false, undefined]);
    const authData = { idToken: rng.text() || "t", provider: rng.pick(["google", "okto", "client_jwt", "apple", "twitter"]) };
    const session = okto.SessionKey.fromPrivateKey(sessionKey);
    const ours = okto.buildAuthPayload({
      authData, session, clientSWA, clientPrivateKey: restyle(rng, clientKey), nonce, validUntil, environment,
      ...(gasFields === undefined ? {} : { gasFields }),
    });
    const want = await expectedPayload({
      authData, sessionKey, clientSWA, clientKey, nonce, validUntil,
      paymaster: envs[environment ?? "sandbox"], gasFields: gasFields !== false,
    });
    const { digest, ...expected } = want;
    // Same keys in the same order, same values: compare the JSON text.
    assert.equal(JSON.stringify(ours), JSON.stringify(expected), `case #${i}`);
    assert.equal(await recoverMessageAddress({ message: { raw: digest }, signature: ours.sessionPkClientSignature }), privateKeyToAccount(clientKey).address);
    assert.equal(await recoverMessageAddress({ message: { raw: digest }, signature: ours.sessionDataUserSignature }), session.address);
    session.free();
  }
});

test("buildAuthPayload with gasFields:false has the official SDK 1.1.0's key set", async () => {
  const session = okto.SessionKey.generate();
  const p = okto.buildAuthPayload({
    authData: { idToken: "a.b.c", provider: "google" }, session,
    clientSWA: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    gasFields: false,
  });
  assert.deepEqual(Object.keys(p.sessionData), ["nonce", "clientSWA", "sessionPk", "paymaster", "paymasterData"]);
  // Defaults: a fresh v4 nonce and validUntil = now + 6 h.
  assert.match(p.sessionData.nonce, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const validUntil = Number(BigInt("0x" + p.sessionData.paymasterData.slice(2 + 64, 2 + 128)));
  assert.ok(Math.abs(validUntil - (Date.now() / 1000 + 6 * 3600)) < 5);
});
