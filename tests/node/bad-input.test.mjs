// Every export, fed bad input, throws an OktoError with the right code and a
// message naming the field, never echoes a key, and never panics (a panic
// would surface as a WebAssembly.RuntimeError and poison the instance).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { makeRng } from "../diff/rand.mjs";

const require = createRequire(import.meta.url);
const okto = require("../../pkg-node/okto_wasm.js");

const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const SWA = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
const NONCE = "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b";
const N = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

function throwsOkto(fn, code, field) {
  let err;
  try { fn(); } catch (e) { err = e; }
  assert.ok(err, `expected ${code}${field ? ` on ${field}` : ""}, but nothing was thrown`);
  assert.ok(err instanceof Error, "thrown value is an Error");
  assert.equal(err.name, "OktoError", `${err.name}: ${err.message}`);
  assert.equal(err.code, code, `${field}: ${err.message}`);
  if (field) assert.ok(err.message.startsWith(field + ":") || err.message.includes(field), `message names ${field}: ${err.message}`);
  assert.ok(!err.message.toLowerCase().includes(KEY.slice(2, 18)), "message echoes a key");
  return err;
}

const WRONG_TYPES = [null, 42, 1.5, true, {}, [], () => 1, Symbol("s"), 10n, new Uint8Array(32)];

test("SessionKey.fromPrivateKey refuses bad keys", () => {
  for (const bad of ["", "0x", "0x00", "00".repeat(32), "0x" + "00".repeat(32), N, "0x" + N,
    "0x" + "ff".repeat(32), KEY.slice(0, -2), KEY + "00", KEY.slice(0, -1), KEY.slice(0, -2) + "zz",
    " " + KEY, "0x" + "é".repeat(32)]) {
    throwsOkto(() => okto.SessionKey.fromPrivateKey(bad), "INVALID_PRIVATE_KEY", "privateKey");
  }
  for (const bad of WRONG_TYPES.concat([undefined])) {
    throwsOkto(() => okto.SessionKey.fromPrivateKey(bad), "INVALID_ARGUMENT", "privateKey");
  }
  // The message of a near-miss key gives lengths, never the digits.
  const e = throwsOkto(() => okto.SessionKey.fromPrivateKey(KEY + "ab"), "INVALID_PRIVATE_KEY", "privateKey");
  assert.match(e.message, /expected 32 bytes, got 33/);
});

test("SessionKey methods refuse bad arguments", () => {
  const k = okto.SessionKey.fromPrivateKey(KEY);
  for (const bad of [null, 42, {}, [], true, 10n, new Uint16Array(2), new ArrayBuffer(4)]) {
    if (bad === null) continue; // handled below: null is "no message"
    throwsOkto(() => k.signMessage(bad), "INVALID_ARGUMENT", "message");
  }
  throwsOkto(() => k.signMessage(null), "INVALID_ARGUMENT", "message");
  throwsOkto(() => k.signMessage(), "INVALID_ARGUMENT", "message");
  for (const bad of [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 1e300, "1700000000", {}, [], true, -1n, 2n ** 64n]) {
    throwsOkto(() => k.authToken(bad), "INVALID_ARGUMENT", "expireAt");
  }
  assert.equal(k.authToken(2 ** 53 - 1).length > 0, true);
  assert.equal(k.authToken(0).length > 0, true);
  assert.equal(k.authToken(1700000000n), k.authToken(1700000000));
  k.free();
});

test("free() zeroizes: every later call throws SESSION_FREED, and free() twice is fine", () => {
  const k = okto.SessionKey.fromPrivateKey(KEY);
  k.free();
  k.free();
  throwsOkto(() => k.publicKey, "SESSION_FREED");
  throwsOkto(() => k.address, "SESSION_FREED");
  throwsOkto(() => k.authToken(), "SESSION_FREED");
  throwsOkto(() => k.signMessage("x"), "SESSION_FREED");
  throwsOkto(() => k.exportPrivateKey(), "SESSION_FREED");
  throwsOkto(() => okto.mintAuthToken(k), "SESSION_FREED");
  assert.equal(String(k), "SessionKey(freed)");
  assert.deepEqual(JSON.parse(JSON.stringify(k)), { freed: true });
});

test("the private key shows up in no string form of a SessionKey", () => {
  const k = okto.SessionKey.fromPrivateKey(KEY);
  const forms = [String(k), JSON.stringify(k), require("node:util").inspect(k, { showHidden: true, depth: 5 }),
    Object.keys(k).join(), JSON.stringify(Object.getOwnPropertyNames(Object.getPrototypeOf(k)))];
  for (const f of forms) assert.ok(!f.includes(KEY.slice(2, 18)), f);
  assert.equal(k.exportPrivateKey(), KEY); // the one, explicit way out
  k.free();
});

test("generatePaymasterData refuses bad fields, naming them", () => {
  const good = { clientSWA: SWA, clientPrivateKey: KEY, nonce: NONCE, validUntil: 1735689600 };
  const gen = (patch) => () => okto.generatePaymasterData({ ...good, ...patch });
  for (const bad of [undefined, null, 1, "x", [], true]) throwsOkto(() => okto.generatePaymasterData(bad), "INVALID_ARGUMENT", "args");
  for (const v of ["", "0x", "0x1234", "0x" + "g".repeat(40), SWA.slice(0, -1) + "D", SWA + "00"]) throwsOkto(gen({ clientSWA: v }), "INVALID_ADDRESS", "clientSWA");
  for (const v of [undefined, 1, {}, []]) throwsOkto(gen({ clientSWA: v }), "INVALID_ARGUMENT", "clientSWA");
  for (const v of ["", "0x", "0x" + "00".repeat(32), "0x" + N, "zz"]) throwsOkto(gen({ clientPrivateKey: v }), "INVALID_PRIVATE_KEY", "clientPrivateKey");
  for (const v of [undefined, 7]) throwsOkto(gen({ clientPrivateKey: v }), "INVALID_ARGUMENT", "clientPrivateKey");
  for (const v of ["", "x", NONCE.replaceAll("-", ""), NONCE + "0", NONCE.replace("4cd8", "0cd8"), NONCE.replace("a5b3", "c5b3")]) throwsOkto(gen({ nonce: v }), "INVALID_UUID", "nonce");
  for (const v of [undefined, 5]) throwsOkto(gen({ nonce: v }), "INVALID_ARGUMENT", "nonce");
  for (const v of [undefined, -1, 1.5, NaN, 2 ** 48, 2 ** 53, "1", {}]) throwsOkto(gen({ validUntil: v }), "INVALID_ARGUMENT", "validUntil");
  for (const v of [-1, 2 ** 48, 0.1, "0"]) throwsOkto(gen({ validAfter: v }), "INVALID_ARGUMENT", "validAfter");
  assert.match(okto.generatePaymasterData({ ...good, validUntil: 2 ** 48 - 1, validAfter: 2 ** 48 - 1 }), /^0x[0-9a-f]{512}$/);
});

test("buildAuthPayload refuses bad fields, naming them", () => {
  const session = okto.SessionKey.generate();
  const good = { authData: { idToken: "a.b.c", provider: "google" }, session, clientSWA: SWA, clientPrivateKey: KEY };
  const build = (patch) => () => okto.buildAuthPayload({ ...good, ...patch });
  for (const bad of [undefined, null, "x", 3, []]) throwsOkto(() => okto.buildAuthPayload(bad), "INVALID_ARGUMENT", "args");
  for (const v of [undefined, "x", 1, []]) throwsOkto(build({ authData: v }), "INVALID_ARGUMENT", "authData");
  throwsOkto(build({ authData: { idToken: "", provider: "google" } }), "INVALID_ARGUMENT", "authData.idToken");
  throwsOkto(build({ authData: { provider: "google" } }), "INVALID_ARGUMENT", "authData.idToken");
  throwsOkto(build({ authData: { idToken: 5, provider: "google" } }), "INVALID_ARGUMENT", "authData.idToken");
  for (const p of ["", "github", "Google", 1, undefined]) throwsOkto(build({ authData: { idToken: "t", provider: p } }), "INVALID_ARGUMENT", "authData.provider");
  for (const v of [undefined, {}, { __oktoKeyId: "1" }, "key", 1, KEY]) throwsOkto(build({ session: v }), "INVALID_ARGUMENT", "session");
  for (const v of ["0x", "0x12", ""]) throwsOkto(build({ clientSWA: v }), "INVALID_ADDRESS", "clientSWA");
  throwsOkto(build({ clientPrivateKey: "0x" }), "INVALID_PRIVATE_KEY", "clientPrivateKey");
  for (const v of ["dev", "Sandbox", 1]) throwsOkto(build({ environment: v }), "INVALID_ARGUMENT", "environment");
  for (const v of ["0x", "0x1"]) throwsOkto(build({ paymasterAddress: v }), "INVALID_ADDRESS", "paymasterAddress");
  throwsOkto(build({ nonce: "nope" }), "INVALID_UUID", "nonce");
  for (const v of [-5, 2 ** 48, 1.25, "10"]) throwsOkto(build({ validUntil: v }), "INVALID_ARGUMENT", "validUntil");
  throwsOkto(build({ gasFields: "yes" }), "INVALID_ARGUMENT", "gasFields");
  const freed = okto.SessionKey.generate();
  freed.free();
  throwsOkto(build({ session: freed }), "SESSION_FREED");
  // null means "not given" for optional fields, as undefined does.
  assert.ok(okto.buildAuthPayload({ ...good, nonce: null, environment: null }).sessionData.nonce);
  session.free();
});

test("mintAuthToken refuses a non-SessionKey and bad times", () => {
  for (const v of [undefined, null, 1, "k", {}, KEY]) throwsOkto(() => okto.mintAuthToken(v), "INVALID_ARGUMENT", "session");
  const k = okto.SessionKey.generate();
  throwsOkto(() => okto.mintAuthToken(k, -1), "INVALID_ARGUMENT", "expireAt");
  k.free();
});

test("random garbage in every argument slot: only OktoErrors, never a panic (5000 calls)", () => {
  const rng = makeRng("garbage");
  const pool = () => rng.pick([
    undefined, null, 0, -1, 1.5, NaN, 2 ** 60, "", "0x", "0x" + "ab".repeat(rng.int(70)), rng.text(), KEY, SWA, NONCE,
    {}, [], [1, 2], { a: 1 }, true, 3n, new Uint8Array(rng.int(64)), okto.SessionKey.generate(),
  ]);
  const obj = () => ({
    clientSWA: rng.bool() ? SWA : pool(), clientPrivateKey: rng.bool() ? KEY : pool(), nonce: rng.bool() ? NONCE : pool(),
    validUntil: rng.bool() ? 1e9 : pool(), validAfter: pool(), authData: rng.bool() ? { idToken: pool(), provider: rng.bool() ? "google" : pool() } : pool(),
    session: rng.bool() ? okto.SessionKey.generate() : pool(), environment: rng.bool() ? undefined : pool(),
    paymasterAddress: rng.bool() ? undefined : pool(), gasFields: rng.bool() ? undefined : pool(),
  });
  const k = okto.SessionKey.generate();
  const calls = [
    () => okto.SessionKey.fromPrivateKey(pool()),
    () => k.signMessage(pool()),
    () => k.authToken(pool()),
    () => okto.mintAuthToken(pool(), pool()),
    () => okto.generatePaymasterData(rng.bool() ? obj() : pool()),
    () => okto.buildAuthPayload(rng.bool() ? obj() : pool()),
  ];
  let ok = 0, refused = 0;
  for (let i = 0; i < 5000; i++) {
    try { calls[rng.int(calls.length)](); ok++; } catch (e) {
      assert.equal(e?.name, "OktoError", `call #${i}: ${e?.name}: ${e?.message}`);
      assert.match(e.code, /^[A-Z_]+$/);
      refused++;
    }
  }
  console.log(`# garbage: ${ok} accepted, ${refused} refused with OktoError`);
  // The instance still works after all of it.
  assert.match(k.signMessage("still alive"), /^0x[0-9a-f]{130}$/);
});

test("random garbage into the intent and signing methods: only OktoErrors (3000 calls)", async () => {
  const { OktoClient } = require("../../pkg-node/index.js");
  const USER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  const TO = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
  const replies = {
    "/api/oc/v1/supported/networks": { count: 1, network: [{ caip_id: "eip155:137", gsn_enabled: false, sponsorship_enabled: true, type: "EVM" }] },
    "/api/oc/v1/gas-values": { maxFeePerGas: "0x1", maxPriorityFeePerGas: "0x1" },
    "/api/oc/v1/user-keys": { ecdsa_key_id: "k1" },
  };
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const data = replies[new URL(url).pathname];
    return new Response(JSON.stringify(data ? { status: "success", data } : { status: "error", error: { message: "stub" } }), { status: data ? 200 : 400 });
  };
  try {
    const rng = makeRng("intent-garbage");
    const c = new OktoClient({ clientSWA: SWA, clientPrivateKey: KEY, bffUrl: "http://stub.invalid", gatewayUrl: "http://stub.invalid", retries: 0 });
    c.setSession(okto.SessionKey.generate(), USER);
    const pool = () => rng.pick([
      undefined, null, 0, -1, 1.5, NaN, 2 ** 60, 2 ** 53, "", "0x", "-1", "1.5", "1e3", "0x" + "ab".repeat(rng.int(40)), rng.text(),
      KEY, SWA, USER, USER.toLowerCase(), TO, "eip155:137", " eip155:137", "aptos:testnet", "ERC721", "ERC1155",
      {}, [], [1, 2], { a: 1 }, true, 3n, -3n, 2n ** 256n, new Uint8Array(4),
    ]);
    const maybe = (good) => (rng.int(6) > 0 ? good : pool());
    const params = () => rng.pick([
      () => ({ caip2Id: maybe("eip155:137"), recipient: maybe(TO), token: maybe(""), amount: maybe("1") }),
      () => ({ caip2Id: maybe("eip155:137"), collectionAddress: maybe(TO), nftId: maybe("1"), recipientWalletAddress: maybe(TO), amount: maybe(1), nftType: maybe("ERC721") }),
      () => ({ caip2Id: maybe("eip155:137"), transaction: rng.bool() ? { from: maybe(USER), to: maybe(TO), data: maybe("0x"), value: maybe(1) } : pool() }),
      () => (rng.bool() ? { ...pool(), [rng.text()]: pool() } : pool()),
    ])();
    const op = () => (rng.bool() ? { sender: maybe(USER), nonce: maybe("0x1"), paymaster: maybe(SWA), callGasLimit: maybe("0x1"), verificationGasLimit: maybe("0x1"), preVerificationGas: maybe("0x1"), maxFeePerGas: maybe("0x1"), maxPriorityFeePerGas: maybe("0x1"), paymasterPostOpGasLimit: maybe("0x1"), paymasterVerificationGasLimit: maybe("0x1"), callData: maybe("0x"), paymasterData: maybe("0x"), signature: maybe("0x" + "11".repeat(65)) } : pool());
    const calls = [
      () => c.tokenTransfer(params(), rng.bool() ? undefined : pool()),
      () => c.nftTransfer(params(), rng.bool() ? undefined : pool()),
      () => c.evmRawTransaction(params(), rng.bool() ? undefined : pool()),
      () => c.estimate(maybe("TOKEN_TRANSFER"), params(), rng.bool() ? undefined : pool()),
      () => c.signUserOp(op()),
      () => c.executeUserOp(op()),
      () => c.signMessage(pool()),
      () => c.signTypedData(pool()),
      () => c.waitForOrder(pool(), { timeoutMs: 1 }),
    ];
    let ok = 0, refused = 0;
    for (let i = 0; i < 3000; i++) {
      try { await calls[rng.int(calls.length)](); ok++; } catch (e) {
        assert.equal(e?.name, "OktoError", `call #${i}: ${e?.name}: ${e?.message}`);
        assert.match(e.code, /^[A-Z_]+$/);
        refused++;
      }
    }
    console.log(`# intent garbage: ${ok} accepted, ${refused} refused with OktoError`);
    assert.ok(ok > 0 && refused > 0);
    // Still alive: a valid transfer builds.
    const built = await c.tokenTransfer({ caip2Id: "eip155:137", recipient: TO, token: "", amount: 10n ** 18n });
    assert.match(built.callData, /^0x8dd7712f/);
    // A lone surrogate cannot cross into wasm intact: refused rather than signed as U+FFFD.
    for (const bad of ["a\ud800b", "\udc00"]) {
      await assert.rejects(c.signMessage(bad), (e) => e.code === "INVALID_ARGUMENT" && e.message.startsWith("message:"));
      await assert.rejects(c.signTypedData(bad), (e) => e.code === "INVALID_ARGUMENT" && e.message.startsWith("data:"));
    }
    // An empty feePayerAddress is the default, as in the official SDK.
    const same = await c.tokenTransfer({ caip2Id: "eip155:137", recipient: TO, token: "", amount: 1 }, "");
    assert.match(same.callData, /^0x8dd7712f/);
  } finally {
    globalThis.fetch = realFetch;
  }
});
