// Differential tests of the intent builders, signUserOp and MPC signMessage /
// signTypedData: okto-wasm (the Node build in pkg-node/) against the official
// SDK @okto_web3/core-js-sdk@1.1.0 (and viem), offline. Both sides talk to
// the same fake BFF (./intents-stubs.mjs), see the same chain list, gas prices
// and clock, and draw the same UUIDs, so they must produce the same bytes.
//
// CASES (default 500, the minimum) random cases per builder and per
// message kind; DIFF_SEED replays a run (each test prints its seed).
import {
  armBytes, armUUIDs, atTime, bff, disarm, pending, quietly,
} from "./intents-stubs.mjs"; // first: it stubs crypto.randomUUID before `uuid` loads
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { OktoClient as OfficialClient } from "@okto_web3/core-js-sdk";
import { evmRawTransaction, nftTransfer, tokenTransfer } from "@okto_web3/core-js-sdk/userop";
import {
  concat, decodeAbiParameters, decodeFunctionData, encodeAbiParameters, getAddress, keccak256, pad,
  parseAbiParameters, recoverMessageAddress, toHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { makeRng } from "./rand.mjs";

const require = createRequire(import.meta.url);
const CASES = Number(process.env.CASES ?? 500);
const STUB_URL = "http://stub.invalid";
console.info = () => {}; // the official SDK logs every request, bearer tokens included

// The package may be rebuilt while this runs: retry a failed load.
const PKG_DIR = fileURLToPath(new URL("../../pkg-node/", import.meta.url));
async function loadPackage() {
  for (let attempt = 1; ; attempt++) {
    try {
      const m = require(PKG_DIR + "index.js");
      if (typeof m.OktoClient !== "function") throw new Error("pkg-node/index.js has no OktoClient");
      return m;
    } catch (e) {
      if (attempt >= 5) throw e;
      for (const k of Object.keys(require.cache)) if (k.startsWith(PKG_DIR)) delete require.cache[k];
      await new Promise((ok) => setTimeout(ok, 30_000));
    }
  }
}
const okto = await loadPackage();

// Sandbox constants (PROTOCOL.md §1), for the viem cross-check.
const ENTRY_POINT = "0xCa5b1b0d3893b5152014fD5B519FF50f7C40f9da";
const OKTO_CHAIN_ID = 1802466136n;
const INITIATE_JOB_ABI = [{
  type: "function", name: "initiateJob", stateMutability: "nonpayable", outputs: [],
  inputs: [
    { name: "_jobId", type: "uint256" }, { name: "_clientSWA", type: "address" }, { name: "_userSWA", type: "address" },
    { name: "_feePayerAddress", type: "address" }, { name: "_policyInfo", type: "bytes" }, { name: "_gsnData", type: "bytes" },
    { name: "_jobParameters", type: "bytes" }, { name: "_intentType", type: "string" },
  ],
}];

const EVM_CHAINS = [
  ["eip155:1", "ETHEREUM"], ["eip155:10", "OPTIMISM"], ["eip155:56", "BSC"], ["eip155:137", "POLYGON"],
  ["eip155:8453", "BASE"], ["eip155:42161", "ARBITRUM"], ["eip155:43114", "AVALANCHE"], ["eip155:84532", "BASE_TESTNET"],
];
const OTHER_CHAINS = [["aptos:mainnet", "APTOS"], ["aptos:testnet", "APTOS_TESTNET"]];
const nonceHex = (uuid) => "0x" + uuid.replaceAll("-", "").padStart(64, "0");

// ---------------------------------------------------------------------------
// Random inputs
// ---------------------------------------------------------------------------

/** A random BigInt of up to `maxBytes` bytes (length also random). */
function bigint(rng, maxBytes) {
  const n = 1 + rng.int(maxBytes);
  return BigInt(toHex(rng.bytes(n)));
}

/** A positive amount: small, up to 2^53 - 1, up to 2^256 - 1, or exactly 2^256 - 1. */
function amount(rng) {
  switch (rng.int(5)) {
    case 0: return BigInt(1 + rng.int(1000));
    case 1: return BigInt(1 + rng.int(2 ** 31)) * BigInt(1 + rng.int(2 ** 22));
    case 2: return 2n ** 256n - 1n;
    default: {
      const v = bigint(rng, 32);
      return v === 0n ? 1n : v;
    }
  }
}

/** The same amount as okto-wasm takes it: a decimal string, a number (when exact) or a BigInt. */
function ourAmount(rng, v) {
  const form = rng.int(3);
  if (form === 0 && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  if (form === 1) return v.toString();
  return v;
}

/** An address as the official SDK's viem calls accept it: EIP-55 or lower case. */
function address(rng) {
  const a = toHex(rng.bytes(20));
  return rng.bool() ? getAddress(a) : a;
}

/**
 * An address in any letter case (EIP-55, lower or upper): for the fields the
 * official SDK writes as strings without viem's checksum check (recipients,
 * token and collection addresses, a raw transaction's `to`).
 */
function anyAddress(rng) {
  const a = toHex(rng.bytes(20));
  return rng.pick([getAddress(a), a, "0x" + a.slice(2).toUpperCase()]);
}

/** A gas price as the BFF might write it: minimal hex, up to 16 bytes, sometimes upper-case digits. */
function gasHex(rng) {
  if (rng.int(8) === 0) return "0xBA43B7400";
  let v = bigint(rng, 16);
  if (v === 0n) v = 1n;
  const digits = v.toString(16);
  return "0x" + (rng.int(3) === 0 ? digits.toUpperCase() : digits);
}

/** Random letter case ("EiP155:137"): only where the official SDK compares without case. */
function recase(rng, id) {
  return rng.int(3) === 0 ? id.replace(/[a-z]/g, (c) => (rng.bool() ? c.toUpperCase() : c)) : id;
}

/** A `supported/networks` list as the BFF sends it, with random policy flags, always holding `must`. */
function networks(rng, must = []) {
  const all = [...EVM_CHAINS, ...OTHER_CHAINS].filter(([id]) => must.includes(id) || rng.int(4) !== 0);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.map(([caip, name]) => ({
    caip_id: caip,
    network_name: name,
    chain_id: caip.split(":")[1],
    sponsorship_enabled: rng.bool(),
    gsn_enabled: rng.bool(),
    type: caip.startsWith("eip155:") ? "EVM" : "APT",
    network_id: rng.uuidV4(),
  }));
}

/** A client, a session and a user SWA (EIP-55 or lower case, as the server might send it). */
function party(rng) {
  const clientKey = rng.privateKey();
  const clientSWA = getAddress(toHex(rng.bytes(20)));
  const sessionKey = rng.privateKey();
  const session = privateKeyToAccount(sessionKey);
  const userSWA = address(rng);
  // okto-wasm takes the client SWA in any case and with or without 0x.
  const ourClientSWA = rng.pick([clientSWA, clientSWA.toLowerCase(), "0x" + clientSWA.slice(2).toUpperCase()]);
  return { clientKey, clientSWA, ourClientSWA, sessionKey, session, userSWA };
}

function officialClient(p) {
  const oc = new OfficialClient({ environment: "sandbox", clientPrivateKey: p.clientKey, clientSWA: p.clientSWA });
  oc.setSessionConfig({ sessionPrivKey: p.sessionKey, sessionPubKey: p.session.publicKey, userSWA: p.userSWA });
  // The bearer token only reaches the fake BFF, which ignores it; minting one per request (a signature each) doubled the run time.
  oc.getAuthorizationToken = async () => "stub-bearer-token";
  return oc;
}

/** Our client with the chain list (and user keys) already cached, so that no request draws from the armed queue. */
async function ourClient(p, { userKeys = false } = {}) {
  const c = new okto.OktoClient({
    clientSWA: p.ourClientSWA, clientPrivateKey: p.clientKey, bffUrl: STUB_URL, gatewayUrl: STUB_URL, authTransport: "rest",
  });
  const key = okto.SessionKey.fromPrivateKey(p.sessionKey);
  c.setSession(key, p.userSWA);
  key.free(); // the client keeps its own copy
  await c.getChains();
  if (userKeys) await c.getUserKeys();
  return c;
}

// ---------------------------------------------------------------------------
// One differential case
// ---------------------------------------------------------------------------

/** PROTOCOL.md §9's userOpHash, assembled with viem alone. */
function userOpHash(op) {
  const p16 = (h) => pad(h, { size: 16 });
  const accountGasLimits = concat([p16(op.verificationGasLimit), p16(op.callGasLimit)]);
  const gasFees = concat([p16(op.maxFeePerGas), p16(op.maxPriorityFeePerGas)]);
  const paymasterAndData = concat([op.paymaster, p16(op.paymasterVerificationGasLimit), p16(op.paymasterPostOpGasLimit), op.paymasterData]);
  const inner = keccak256(encodeAbiParameters(
    parseAbiParameters("address, bytes32, bytes32, bytes32, bytes32, uint256, bytes32, bytes32"),
    [op.sender, op.nonce, keccak256("0x"), keccak256(op.callData), accountGasLimits, BigInt(op.preVerificationGas), gasFees, keccak256(paymasterAndData)],
  ));
  return keccak256(encodeAbiParameters(parseAbiParameters("bytes32, address, uint256"), [inner, ENTRY_POINT, OKTO_CHAIN_ID]));
}

/** The `initiateJob` arguments inside an op's callData. */
function initiateJobArgs(op) {
  const [selector, , , inner] = decodeAbiParameters(parseAbiParameters("bytes4, address, uint256, bytes"), op.callData);
  assert.equal(selector, "0x8dd7712f");
  return decodeFunctionData({ abi: INITIATE_JOB_ABI, data: inner }).args;
}

/**
 * Builds the same intent on both sides with the same UUID and clock, then
 * signs it on both sides; returns both unsigned ops.
 */
async function differential({ label, build, theirs, ours, p, feePayer, now, uuid, recover }) {
  const oc = officialClient(p);
  const c = await ourClient(p);
  const fee = feePayer === undefined ? [] : [feePayer];

  disarm();
  armUUIDs([uuid]);
  const official = await atTime(now, () => quietly(() => build.official(oc, theirs, ...fee)));
  assert.deepEqual(pending(), { uuid: 0, bytes: 0 }, `${label}: the official SDK did not draw its nonce from randomUUID`);

  armBytes([uuid]);
  const mine = await atTime(now, () => c[build.ours](ours, ...fee));
  assert.deepEqual(pending(), { uuid: 0, bytes: 0 }, `${label}: okto-wasm did not draw a 16-byte nonce`);

  // The stubs are aligned: both ops carry the armed UUID, so the comparison below is not vacuous.
  assert.equal(official.nonce, nonceHex(uuid), `${label}: official nonce`);
  assert.equal(mine.nonce, nonceHex(uuid), `${label}: our nonce (stub misaligned?)`);
  assert.equal(JSON.stringify(mine), JSON.stringify(official), `${label}: user op`);

  // signUserOp: the same signature, and it recovers to the session key over PROTOCOL §9's hash (viem).
  const officialSigned = await quietly(() => oc.signUserOp({ ...official }));
  const mySigned = await c.signUserOp(mine);
  assert.equal(mySigned.signature, officialSigned.signature, `${label}: signature`);
  assert.equal(JSON.stringify(mySigned), JSON.stringify(officialSigned), `${label}: signed op`);
  if (recover) {
    assert.equal(await recoverMessageAddress({ message: { raw: userOpHash(official) }, signature: mySigned.signature }), p.session.address, `${label}: signer`);
  }
  c.sessionClear();
  return { official, mine };
}

const BUILDERS = {
  token: { official: tokenTransfer, ours: "tokenTransfer" },
  nft: { official: nftTransfer, ours: "nftTransfer" },
  raw: { official: evmRawTransaction, ours: "evmRawTransaction" },
};

/** Everything common to a random case: parties, chain list, gas, clock, UUID, fee payer. */
function randomCase(rng, caip, i) {
  const p = party(rng);
  bff.networks = networks(rng, [caip]);
  bff.gas = { maxFeePerGas: gasHex(rng), maxPriorityFeePerGas: gasHex(rng) };
  // Any millisecond time before 2^31 s (January 2038); validUntil = floor(now / 1000) + 6 h.
  const now = rng.int(2 ** 31) * 1000 + rng.int(1000);
  const uuid = rng.uuidV4();
  const feePayer = rng.int(5) === 0 ? address(rng) : undefined;
  // Recovering the signer over a hash assembled with viem is slow: one case in 8.
  return { p, now, uuid, feePayer, recover: i % 8 === 0 };
}

// ---------------------------------------------------------------------------
// 1 + 2: the builders and signUserOp
// ---------------------------------------------------------------------------

test(`tokenTransfer and signUserOp equal the official SDK's (${CASES} random token transfers)`, async () => {
  const rng = makeRng("tokenTransfer");
  for (let i = 0; i < CASES; i++) {
    const [caip] = rng.pick(EVM_CHAINS);
    const { p, now, uuid, feePayer, recover } = randomCase(rng, caip, i);
    const caip2Id = recase(rng, caip);
    const recipient = anyAddress(rng);
    const token = rng.int(3) === 0 ? "" : anyAddress(rng);
    const value = amount(rng);
    const { official } = await differential({
      label: `token #${i}`, build: BUILDERS.token, p, feePayer, now, uuid, recover,
      theirs: { caip2Id, recipient, token, amount: value },
      ours: { caip2Id, recipient, token, amount: ourAmount(rng, value) },
    });
    // viem cross-check of what went in: the job parameters hold the amount and the strings as given.
    const args = initiateJobArgs(official);
    assert.equal(args[0], BigInt(nonceHex(uuid)));
    const [job] = decodeAbiParameters(parseAbiParameters("(string, string, string, uint256)"), args[6]);
    assert.deepEqual(job, [caip2Id, recipient, token, value], `token #${i}: job parameters`);
  }
  console.log(`# ${CASES} token transfers identical (user op JSON and signUserOp signature)`);
});

test(`nftTransfer and signUserOp equal the official SDK's (${CASES} random NFT transfers)`, async () => {
  const rng = makeRng("nftTransfer");
  for (let i = 0; i < CASES; i++) {
    const [caip] = rng.pick(EVM_CHAINS);
    const { p, now, uuid, feePayer, recover } = randomCase(rng, caip, i);
    const nftType = rng.pick(["ERC721", "ERC1155"]);
    const count = nftType === "ERC721" ? 1 : rng.pick([1, 1 + rng.int(100), 1 + rng.int(2 ** 31) * 2 ** 21]);
    const id = bigint(rng, rng.bool() ? 4 : 32);
    const hexId = id.toString(16);
    const nftId = rng.bool() ? id.toString() : "0x" + (rng.bool() ? hexId : hexId.toUpperCase());
    const base = { caip2Id: caip, collectionAddress: anyAddress(rng), nftId, recipientWalletAddress: anyAddress(rng), nftType };
    const { official } = await differential({
      label: `nft #${i}`, build: BUILDERS.nft, p, feePayer, now, uuid, recover,
      theirs: { ...base, amount: count },
      ours: { ...base, amount: ourAmount(rng, BigInt(count)) },
    });
    const [job] = decodeAbiParameters(parseAbiParameters("(string, string, string, string, string, uint256)"), initiateJobArgs(official)[6]);
    assert.deepEqual(job, [caip, nftId, base.recipientWalletAddress, base.collectionAddress, nftType, BigInt(count)], `nft #${i}: job parameters`);
  }
  console.log(`# ${CASES} NFT transfers identical (user op JSON and signUserOp signature)`);
});

test(`evmRawTransaction and signUserOp equal the official SDK's (${CASES} random raw transactions)`, async () => {
  const rng = makeRng("evmRawTransaction");
  for (let i = 0; i < CASES; i++) {
    const [caip] = rng.pick(EVM_CHAINS);
    const { p, now, uuid, feePayer, recover } = randomCase(rng, caip, i);
    const caip2Id = recase(rng, caip);
    // `from` must be the user SWA (okto-wasm refuses anything else), in either letter case.
    const from = rng.bool() ? getAddress(p.userSWA) : p.userSWA.toLowerCase();
    const to = anyAddress(rng);
    const data = rng.int(4) === 0 ? undefined : toHex(rng.bytes(rng.int(4) === 0 ? 0 : rng.int(300)));
    const value = data !== undefined && rng.int(3) === 0 ? undefined : rng.int(4) === 0 ? 0n : amount(rng);
    const theirTx = { from, to };
    const ourTx = { from, to };
    if (data !== undefined) theirTx.data = ourTx.data = data;
    if (value !== undefined) {
      theirTx.value = rng.bool() && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
      ourTx.value = ourAmount(rng, value);
    }
    const { official } = await differential({
      label: `raw #${i}`, build: BUILDERS.raw, p, feePayer, now, uuid, recover,
      theirs: { caip2Id, transaction: theirTx },
      ours: { caip2Id, transaction: ourTx },
    });
    const [[gotCaip, txs]] = decodeAbiParameters(parseAbiParameters("(string, bytes[])"), initiateJobArgs(official)[6]);
    assert.equal(gotCaip, caip2Id);
    const want = JSON.stringify({ from, to, data: data ?? "0x", value: "0x" + (value ?? 0n).toString(16) });
    assert.equal(Buffer.from(txs[0].slice(2), "hex").toString("utf8"), want, `raw #${i}: transaction JSON`);
  }
  console.log(`# ${CASES} raw transactions identical (user op JSON and signUserOp signature)`);
});

test("the intent comparison is not vacuous: another nonce or another second gives another op", async () => {
  const rng = makeRng("intent controls");
  const [caip] = rng.pick(EVM_CHAINS);
  const { p, now, uuid } = randomCase(rng, caip, 0);
  const params = { caip2Id: caip, recipient: address(rng), token: "", amount: 1000n };
  const oc = officialClient(p);
  disarm();
  armUUIDs([uuid]);
  const official = await atTime(now, () => quietly(() => tokenTransfer(oc, params)));
  const build = async (armed, at) => {
    const c = await ourClient(p);
    disarm();
    armBytes([armed]);
    return atTime(at, () => c.tokenTransfer(params));
  };
  assert.equal(JSON.stringify(await build(uuid, now)), JSON.stringify(official));
  const otherNonce = await build(rng.uuidV4(), now);
  assert.notEqual(otherNonce.nonce, official.nonce);
  assert.notEqual(otherNonce.callData, official.callData);
  assert.notEqual(otherNonce.paymasterData, official.paymasterData);
  const otherSecond = await build(uuid, now + 1000);
  assert.equal(otherSecond.callData, official.callData);
  assert.notEqual(otherSecond.paymasterData, official.paymasterData);
  disarm();
});

// ---------------------------------------------------------------------------
// 3: MPC sign requests (PROTOCOL.md §11)
// ---------------------------------------------------------------------------

const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i));
const PIECES = [
  "a", "Z", "0", "9", " ", "~", '"', "'", "`", "\\", "/", "\\u0041", "\\n", "{", "}", "[", "]", ":", ",", "<", ">", "&",
  "é", "ß", "ñ", "中", "日本語", "עברית", "العربية", "😀", "👍🏽", "🏳️‍🌈", "👨‍👩‍👧", "𝄞", "\ud800\udc00", "\udbff\udfff",
  "\u007f", "\u0080", "\u00a0", "\u00ad", "\u200b", "\u200d", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff", "\u0300",
  ...CONTROL,
];

/** Text with unicode, emoji, quotes, backslashes and every C0 control character; sometimes long; never a lone surrogate. */
function message(rng) {
  const kind = rng.int(10);
  if (kind === 0) return rng.pick([" ", "\n", "\u0000"]); // nearly empty (an empty message is refused locally: see below)
  if (kind === 1) return toHex(rng.bytes(rng.int(64))); // looks like hex, is still text
  const length = kind === 2 ? 1000 + rng.int(9000) : 1 + rng.int(80);
  let s = "";
  for (let i = 0; i < length; i++) s += rng.pick(PIECES);
  return s;
}

/** An EIP-712 document with random strings in it. */
function typedData(rng) {
  const text = () => message(rng).slice(0, 200);
  return {
    types: {
      EIP712Domain: [
        { name: "name", type: "string" }, { name: "version", type: "string" },
        { name: "chainId", type: "uint256" }, { name: "verifyingContract", type: "address" },
      ],
      Person: [{ name: "name", type: "string" }, { name: "wallet", type: "address" }],
      Mail: [{ name: "from", type: "Person" }, { name: "to", type: "Person" }, { name: "contents", type: "string" }, { name: "amount", type: "uint256" }],
    },
    primaryType: "Mail",
    domain: { name: text(), version: String(rng.int(10)), chainId: rng.int(2 ** 31), verifyingContract: address(rng) },
    message: {
      from: { name: text(), wallet: address(rng) },
      to: { name: text(), wallet: address(rng) },
      contents: text(),
      amount: rng.bool() ? amount(rng).toString() : rng.int(2 ** 31),
      [text() || "k"]: [rng.int(1000) / 7, -rng.int(1000), null, true, false, 1e21, text()],
    },
  };
}

/**
 * Signs `input` with both clients (`method` is signMessage or signTypedData)
 * under the same two UUIDs; returns the bodies each POSTed to signMessage.
 */
async function mpcCase({ label, method, input, oc, c, rng }) {
  const tid = rng.uuidV4();
  const jobId = rng.uuidV4();
  bff.signature = toHex(rng.bytes(65)).slice(2);
  bff.signBodies.length = 0;

  disarm();
  armUUIDs([tid, jobId]);
  const theirs = await quietly(() => oc[method](input));
  assert.deepEqual(pending(), { uuid: 0, bytes: 0 }, `${label}: official UUIDs`);
  armBytes([tid, jobId]);
  const ours = await c[method](input);
  assert.deepEqual(pending(), { uuid: 0, bytes: 0 }, `${label}: our UUIDs`);

  assert.equal(theirs, "0x" + bff.signature, `${label}: official result`);
  assert.equal(ours, "0x" + bff.signature, `${label}: our result`);
  assert.deepEqual(bff.signBodies.map((b) => b.side), ["official", "ours"], `${label}: one request each`);
  const [official, mine] = bff.signBodies.map((b) => b.body);
  const sent = JSON.parse(official).data;
  assert.equal(sent.transactions[0].transactionId, tid, `${label}: official transactionId`);
  assert.equal(sent.userData.jobId, jobId, `${label}: official jobId`);
  assert.equal(JSON.parse(mine).data.transactions[0].transactionId, tid, `${label}: our transactionId (stub misaligned?)`);
  assert.equal(mine, official, `${label}: signMessage request body`);
  return sent;
}

/** Fresh clients on both sides, with the same user keys. */
async function mpcClients(rng) {
  const p = party(rng);
  bff.networks = networks(rng);
  bff.userKeys = {
    user_id: rng.uuidV4(),
    user_swa: p.userSWA,
    ecdsa_public_key: toHex(rng.bytes(33)).slice(2),
    eddsa_public_key: toHex(rng.bytes(32)).slice(2),
    ecdsa_key_id: rng.int(4) === 0 ? toHex(rng.bytes(32)).slice(2) : rng.uuidV4(),
    eddsa_key_id: rng.uuidV4(),
  };
  const oc = officialClient(p);
  const k = bff.userKeys;
  oc._userKeys = {
    userId: k.user_id, userSWA: k.user_swa, ecdsaPublicKey: k.ecdsa_public_key,
    eddsaPublicKey: k.eddsa_public_key, ecdsaKeyId: k.ecdsa_key_id, eddsaKeyId: k.eddsa_key_id,
  };
  return { p, oc, c: await ourClient(p, { userKeys: true }) };
}

test(`signMessage sends the official SDK's request (${CASES} random messages)`, async () => {
  const rng = makeRng("signMessage");
  let clients;
  let long = 0;
  let controls = 0;
  for (let i = 0; i < CASES; i++) {
    if (i % 25 === 0) clients = await mpcClients(rng);
    const msg = message(rng);
    if (msg.length >= 1000) long++;
    if (/[\u0000-\u001f]/.test(msg)) controls++;
    const sent = await mpcCase({ label: `message #${i}`, method: "signMessage", input: msg, rng, ...clients });
    assert.equal(sent.transactions[0].signingMessage, msg);
    assert.equal(sent.transactions[0].method, "EIP191");
  }
  assert.ok(long > 0 && controls > 0, "the generator made long messages and control characters");
  console.log(`# ${CASES} signMessage request bodies identical (${long} of ≥ 1000 chars, ${controls} with C0 controls)`);
});

test(`signTypedData sends the official SDK's request (${CASES} JSON strings, ${Math.ceil(CASES / 5)} objects)`, async () => {
  const rng = makeRng("signTypedData");
  let clients;
  for (let i = 0; i < CASES + Math.ceil(CASES / 5); i++) {
    if (i % 25 === 0) clients = await mpcClients(rng);
    const doc = typedData(rng);
    const asObject = i >= CASES;
    const input = asObject ? doc : JSON.stringify(doc, null, rng.pick([undefined, undefined, 2, "\t"]));
    const sent = await mpcCase({ label: `typed data #${i}`, method: "signTypedData", input, rng, ...clients });
    assert.equal(sent.transactions[0].signingMessage, asObject ? JSON.stringify(doc) : input);
    assert.equal(sent.transactions[0].method, "EIP712");
  }
  console.log(`# ${CASES} signTypedData JSON strings and ${Math.ceil(CASES / 5)} objects: request bodies identical`);
});

// ---------------------------------------------------------------------------
// 4: refusals
// ---------------------------------------------------------------------------

/** Both sides refuse: the official SDK with an Error matching `theirs`, okto-wasm with OktoError `code`. */
async function bothRefuse({ label, build, theirs, ours, p, official, code }) {
  const oc = officialClient(p);
  const c = await ourClient(p);
  disarm();
  await assert.rejects(quietly(() => build.official(oc, theirs)), official, `${label}: official`);
  await assert.rejects(c[build.ours](ours), (e) => {
    assert.equal(e.name, "OktoError", `${label}: ${e}`);
    assert.equal(e.code, code, `${label}: ${e.message}`);
    return true;
  }, `${label}: ours`);
  c.sessionClear();
}

test("both refuse a chain missing from supported/networks (UNSUPPORTED_CHAIN)", async () => {
  const rng = makeRng("unsupported chain");
  const user = party(rng);
  let n = 0;
  for (const caip of ["eip155:999999", "eip155:1337", "solana:mainnet", "eip155:"]) {
    bff.networks = networks(rng);
    const to = address(rng);
    const cases = {
      token: { caip2Id: caip, recipient: to, token: "", amount: 5n },
      nft: { caip2Id: caip, collectionAddress: address(rng), nftId: "7", recipientWalletAddress: to, amount: 1, nftType: "ERC721" },
      raw: { caip2Id: caip, transaction: { from: user.userSWA, to, value: 1n } },
    };
    for (const [kind, params] of Object.entries(cases)) {
      await bothRefuse({ label: `${kind} on ${caip}`, build: BUILDERS[kind], theirs: params, ours: params, p: user, official: /Chain Not Supported/, code: "UNSUPPORTED_CHAIN" });
      n++;
    }
  }
  console.log(`# ${n} unsupported-chain refusals agree`);
});

test("both refuse a transfer to the user's own SWA (SELF_TRANSFER)", async () => {
  const rng = makeRng("self transfer");
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const p = party(rng);
    const [caip] = rng.pick(EVM_CHAINS);
    bff.networks = networks(rng, [caip]);
    const token = { caip2Id: caip, recipient: p.userSWA, token: rng.bool() ? "" : address(rng), amount: amount(rng) };
    await bothRefuse({ label: `token #${i}`, build: BUILDERS.token, theirs: token, ours: token, p, official: /cannot be same as the user address/, code: "SELF_TRANSFER" });
    const nft = { caip2Id: caip, collectionAddress: address(rng), nftId: String(rng.int(1e6)), recipientWalletAddress: p.userSWA, amount: 1, nftType: "ERC721" };
    await bothRefuse({ label: `nft #${i}`, build: BUILDERS.nft, theirs: nft, ours: nft, p, official: /cannot be same as the user address/, code: "SELF_TRANSFER" });
    n += 2;
  }
  console.log(`# ${n} self-transfer refusals agree`);
});

test("both refuse a raw transaction on a chain that is not EVM", async () => {
  const rng = makeRng("raw non-EVM");
  const p = party(rng);
  bff.networks = networks(rng, ["aptos:mainnet"]);
  const params = { caip2Id: "aptos:mainnet", transaction: { from: p.userSWA, to: address(rng), data: "0x", value: 1n } };
  await bothRefuse({ label: "raw on aptos", build: BUILDERS.raw, theirs: params, ours: params, p, official: /Invalid Chain Type/, code: "INVALID_ARGUMENT" });
});

test("an empty message or typed data without EIP-712's shape is refused locally; the official SDK sends it", async () => {
  const rng = makeRng("empty message");
  const p = party(rng);
  const c = await ourClient(p);
  await c.getUserKeys();
  for (const [method, input, field] of [["signMessage", "", "message"], ["signTypedData", "{not json", "data"], ["signTypedData", { primaryType: "Mail" }, "data"]]) {
    await assert.rejects(c[method](input), (e) => e.code === "INVALID_ARGUMENT" && e.message.startsWith(field + ":"), `${method}(${JSON.stringify(input)})`);
  }
  c.sessionClear();
});
