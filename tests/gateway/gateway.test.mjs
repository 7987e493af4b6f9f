// Unit tests for the strict dev gateway. Run from /work/main: node --test tests/gateway/
//
// The payloads are built here with viem exactly as PROTOCOL.md (and the official SDK)
// describe them, independently of the gateway's own helpers. Each refusal test starts from
// a valid request, changes one thing and checks that the gateway refuses it for that reason.

import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  concat,
  encodeAbiParameters,
  encodeFunctionData,
  encodePacked,
  fromHex,
  getAddress,
  hexToBigInt,
  keccak256,
  pad,
  parseAbiParameters,
  recoverMessageAddress,
  recoverTypedDataAddress,
  stringToBytes,
  toBytes,
  toHex,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount, publicKeyToAddress, signMessage } from 'viem/accounts';

import { DEV_CLIENT_PRIVATE_KEY, DEV_CLIENT_SWA, startGateway } from './server.mjs';

// ------------------------------------------------------------------ constants (PROTOCOL §1)

const PAYMASTER = '0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3';
const STAGING_PAYMASTER = '0xc2D31Cdc6EFd02F85Ab943c4587f8D60E6E15F9c';
const JOB_MANAGER = '0x0543aD80b41C5f5956d34503668CDb965deCB617';
const STAGING_JOB_MANAGER = '0x57820589F31a9e4a34A0299Ea4aDe7c536139682';
const ENTRY_POINT = '0xCa5b1b0d3893b5152014fD5B519FF50f7C40f9da';
const CHAIN_ID = 1802466136n;
const DEV_SIGNER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const OTHER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'; // Anvil #1
const SECP_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);
const RECIPIENT = '0x88beE8eb691FFAFB192BAC4D1E7042e1b44c3eF2';

// ------------------------------------------------------------------ builders

const uuid = () => randomUUID();
const b32 = (u) => `0x${'0'.repeat(32)}${u.replace(/-/g, '')}`;

/** The same address with one letter's case swapped: a bad EIP-55 checksum. */
function badChecksum(address) {
  const i = address.slice(2).search(/[a-fA-F]/) + 2;
  const c = address[i];
  return address.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + address.slice(i + 1);
}

/** Flip one bit of byte `i` (counted after 0x) of a hex string. */
function flip(hex, i = 10) {
  const at = 2 + i * 2;
  const b = (parseInt(hex.slice(at, at + 2), 16) ^ 0x01).toString(16).padStart(2, '0');
  return hex.slice(0, at) + b + hex.slice(at + 2);
}

function newSession() {
  const privateKey = generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  return { privateKey, publicKey: account.publicKey, address: account.address };
}

/** §5 paymaster data, as the SDK's generatePaymasterData builds it. */
async function paymasterData({
  nonce,
  clientSWA = DEV_CLIENT_SWA,
  clientKey = DEV_CLIENT_PRIVATE_KEY,
  validUntil = now() + 6 * HOUR,
  validAfter = 0,
  signedClientSWA = clientSWA,
}) {
  const h = keccak256(
    encodePacked(['bytes32', 'address', 'uint48', 'uint48'], [b32(nonce), signedClientSWA, validUntil, validAfter]),
  );
  const sig = await signMessage({ message: { raw: fromHex(h, 'bytes') }, privateKey: clientKey });
  return encodeAbiParameters(parseAbiParameters('address, uint48, uint48, bytes'), [clientSWA, validUntil, validAfter, sig]);
}

function b64url(o) {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

/** A JWT-shaped id token (the gateway does not verify the JWS). */
function jwt(claims) {
  return `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}

/** §6 payload. */
async function authPayload({
  session = newSession(),
  idToken = jwt({ sub: `google-${uuid()}`, email: 'dev@example.com' }),
  provider = 'google',
  nonce = uuid(),
  clientSWA = DEV_CLIENT_SWA,
  clientKey = DEV_CLIENT_PRIVATE_KEY,
  gas = true,
  pmd,
} = {}) {
  const sessionData = { nonce, clientSWA, sessionPk: session.publicKey };
  if (gas) {
    sessionData.maxPriorityFeePerGas = '0xBA43B7400';
    sessionData.maxFeePerGas = '0xBA43B7400';
  }
  sessionData.paymaster = PAYMASTER;
  sessionData.paymasterData = pmd ?? (await paymasterData({ nonce, clientSWA, clientKey }));
  const msg = { raw: toBytes(keccak256(encodeAbiParameters(parseAbiParameters('address'), [session.address]))) };
  return {
    session,
    payload: {
      authData: { idToken, provider },
      sessionData,
      sessionPkClientSignature: await signMessage({ message: msg, privateKey: clientKey }),
      sessionDataUserSignature: await signMessage({ message: msg, privateKey: session.privateKey }),
    },
  };
}

/** §7 bearer token, as the SDK's getAuthorizationToken mints it. */
async function authToken(session, { expireAt = now() + 5400, key = session.privateKey, data } = {}) {
  const d = data ?? { expire_at: expireAt, session_pub_key: session.publicKey };
  const payload = {
    type: 'ecdsa_uncompressed',
    data: d,
    data_signature: await signMessage({ message: JSON.stringify(d), privateKey: key }),
  };
  return btoa(JSON.stringify(payload));
}

// ------------------------------------------------------------------ transport

async function call(gw, method, path, { body, token, headers = {}, raw } = {}) {
  const h = { ...headers };
  if (body !== undefined || raw !== undefined) h['Content-Type'] = 'application/json';
  if (token) h.Authorization = `Bearer ${token}`;
  const res = await fetch(gw.url + path, {
    method,
    headers: h,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

async function rpc(gw, method, params, { token, id = uuid(), envelope } = {}) {
  const body = envelope ?? { method, jsonrpc: '2.0', id, params };
  return call(gw, 'POST', '/rpc', { body, token });
}

const rest = (gw, method, path, opts) => call(gw, method, `/api/oc/v1/${path}`, opts);

/** Log in over RPC (or REST); returns the session, the user SWA and a token minter. */
async function login(gw, { transport = 'rpc', ...opts } = {}) {
  const { session, payload } = await authPayload(opts);
  const r = transport === 'rpc' ? await rpc(gw, 'authenticate', [payload]) : await rest(gw, 'POST', 'authenticate', { body: payload });
  const result = transport === 'rpc' ? r.json?.result : r.json?.data;
  assert.ok(result?.userSWA, `login failed: ${r.text}`);
  return { session, userSWA: result.userSWA, result, payload, token: (o) => authToken(session, o) };
}

function assertRpcRefused(r, reason, code = -32602) {
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json?.error, `expected a JSON-RPC error, got ${r.text}`);
  assert.equal(r.json.error.data, reason, r.json.error.message);
  assert.equal(r.json.error.code, code, r.text);
  assert.equal(r.json.result, undefined);
}

function assertRestRefused(r, reason, status = 400) {
  assert.equal(r.json?.status, 'error', r.text);
  assert.equal(r.json.error.details, reason, r.json.error.message);
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, status);
  assert.equal(typeof r.json.error.errorCode, 'string');
  assert.match(r.json.error.trace_id, /^[0-9a-f]{32}$/);
  assert.equal(typeof r.json.error.message, 'string');
}

// ------------------------------------------------------------------ user operations (§9)

const INTENT_ABI = [
  {
    inputs: [
      { name: '_jobId', type: 'uint256' },
      { name: '_clientSWA', type: 'address' },
      { name: '_userSWA', type: 'address' },
      { name: '_feePayerAddress', type: 'address' },
      { name: '_policyInfo', type: 'bytes' },
      { name: '_gsnData', type: 'bytes' },
      { name: '_jobParameters', type: 'bytes' },
      { name: '_intentType', type: 'string' },
    ],
    name: 'initiateJob',
    outputs: [],
    stateMutability: 'nonpayable',
    type: 'function',
  },
];
const PARAM_TYPES = {
  TOKEN_TRANSFER: '(string caip2Id, string recipientWalletAddress, string tokenAddress, uint amount)',
  NFT_TRANSFER:
    '(string caip2Id, string nftId, string recipientWalletAddress, string collectionAddress, string nftType, uint amount)',
  RAW_TRANSACTION: '(string caip2Id, bytes[] transactions)',
};
// The chain policies the gateway publishes in supported/networks.
const POLICY = {
  'eip155:137': { gsnEnabled: false, sponsorshipEnabled: true },
  'eip155:8453': { gsnEnabled: true, sponsorshipEnabled: true },
  'eip155:42161': { gsnEnabled: true, sponsorshipEnabled: false },
  'eip155:84532': { gsnEnabled: false, sponsorshipEnabled: false },
  'aptos:testnet': { gsnEnabled: false, sponsorshipEnabled: false },
};

/** The §9 callData, as the SDK's tokenTransfer/nftTransfer/evmRawTransaction build it. */
function buildCallData({
  nonce,
  userSWA,
  clientSWA = DEV_CLIENT_SWA,
  intentType = 'TOKEN_TRANSFER',
  params,
  policy = POLICY[params.caip2Id] ?? { gsnEnabled: false, sponsorshipEnabled: false },
  gsn = { isRequired: false, requiredNetworks: [], tokens: [] },
  jobId = hexToBigInt(b32(nonce)),
  jobManager = JOB_MANAGER,
  selector = '0x8dd7712f',
  paramTypes = PARAM_TYPES[intentType] ?? PARAM_TYPES.TOKEN_TRANSFER,
  value = 0n,
  inner,
}) {
  return encodeAbiParameters(parseAbiParameters('bytes4, address, uint256, bytes'), [
    selector,
    jobManager,
    value,
    inner ?? encodeFunctionData({
      abi: INTENT_ABI,
      functionName: 'initiateJob',
      args: [
        jobId,
        clientSWA,
        userSWA,
        '0x0000000000000000000000000000000000000000',
        encodeAbiParameters(parseAbiParameters('(bool gsnEnabled, bool sponsorshipEnabled)'), [policy]),
        encodeAbiParameters(parseAbiParameters(`(bool isRequired, string[] requiredNetworks, ${paramTypes}[] tokens)`), [gsn]),
        encodeAbiParameters(parseAbiParameters(paramTypes), [params]),
        intentType,
      ],
    }),
  ]);
}

function tokenParams(over = {}) {
  return { caip2Id: 'eip155:137', recipientWalletAddress: RECIPIENT, tokenAddress: '', amount: 1000000000000000n, ...over };
}

async function buildUserOp({ userSWA, nonce = uuid(), callData, pmd, ...cd }) {
  return {
    sender: userSWA,
    nonce: b32(nonce),
    paymaster: PAYMASTER,
    callGasLimit: toHex(600000n),
    verificationGasLimit: toHex(400000n),
    preVerificationGas: toHex(100000n),
    maxFeePerGas: '0xba43b7400',
    maxPriorityFeePerGas: '0xba43b7400',
    paymasterPostOpGasLimit: toHex(200000n),
    paymasterVerificationGasLimit: toHex(200000n),
    callData: callData ?? buildCallData({ nonce, userSWA, params: tokenParams(), ...cd }),
    paymasterData: pmd ?? (await paymasterData({ nonce })),
  };
}

/** userOpHash as the SDK's generatePackedUserOp + generateUserOpHash compute it. */
function userOpHash(op, { chainId = CHAIN_ID, canonicalGasFees = false } = {}) {
  const p16 = (x) => pad(x, { size: 16 });
  const accountGasLimits = concat([p16(op.verificationGasLimit), p16(op.callGasLimit)]);
  const gasFees = canonicalGasFees
    ? concat([p16(op.maxPriorityFeePerGas), p16(op.maxFeePerGas)])
    : concat([p16(op.maxFeePerGas), p16(op.maxPriorityFeePerGas)]);
  const paymasterAndData = concat([op.paymaster, p16(op.paymasterVerificationGasLimit), p16(op.paymasterPostOpGasLimit), op.paymasterData]);
  const packed = encodeAbiParameters(
    parseAbiParameters('address, bytes32, bytes32, bytes32, bytes32, uint256, bytes32, bytes32'),
    [op.sender, pad(op.nonce, { size: 32 }), keccak256('0x'), keccak256(op.callData), accountGasLimits, hexToBigInt(op.preVerificationGas), gasFees, keccak256(paymasterAndData)],
  );
  return keccak256(encodeAbiParameters(parseAbiParameters('bytes32, address, uint256'), [keccak256(packed), ENTRY_POINT, chainId]));
}

async function signOp(op, privateKey, hashOpts) {
  return { ...op, signature: await signMessage({ message: { raw: fromHex(userOpHash(op, hashOpts), 'bytes') }, privateKey }) };
}

// ------------------------------------------------------------------ OTP (§10) and sign message (§11)

async function otpBody(fields, { clientKey = DEV_CLIENT_PRIVATE_KEY, type = 'ethsign' } = {}) {
  return {
    data: fields,
    client_signature: await signMessage({ message: JSON.stringify(fields), privateKey: clientKey }),
    type,
  };
}

/** RFC 8785: the official SDK uses json-canonicalize; fall back to a local copy if it is not installed. */
let canonicalize;
try {
  ({ canonicalize } = await import('json-canonicalize'));
} catch {
  canonicalize = function jcs(v) {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(',')}}`;
  };
}

/** §11 body, as the SDK's generateSignMessagePayload builds it. */
async function signMessageBody({ session, userSWA, keys, message, method = 'EIP191', threshold = 2, keyId = keys.ecdsaKeyId, tid = uuid(), jobId = uuid(), sessionPk = session.publicKey, key = session.privateKey }) {
  const msg = canonicalize({ [tid]: { requestType: method, signingMessage: message } });
  const setup = { t: threshold, key_id: keyId, message: msg, signAlg: 'secp256k1' };
  const challenge = createHash('sha256').update(createHash('sha256').update(canonicalize(setup)).digest()).digest('hex');
  const sig = await signMessage({ message: { raw: new TextEncoder().encode(canonicalize({ setup, challenge })) }, privateKey: key });
  return {
    data: {
      userData: { userSWA, jobId, sessionPk },
      transactions: [{ transactionId: tid, method, signingMessage: message, userSessionSignature: sig }],
    },
  };
}

// ==================================================================== tests

let gw;
before(async () => {
  gw = await startGateway({ orderSettleMs: 60_000 }); // orders settle by reads only, so the test is not timing-sensitive
});
after(async () => {
  await gw.close();
});

describe('authenticate', () => {
  test('happy path over JSON-RPC', async () => {
    const sub = `google-${uuid()}`;
    const { session, payload } = await authPayload({ idToken: jwt({ sub, email: 'a@example.com' }) });
    const id = uuid();
    const r = await rpc(gw, 'authenticate', [payload], { id });
    assert.equal(r.status, 200);
    assert.equal(r.json.jsonrpc, '2.0');
    assert.equal(r.json.id, id);
    const res = r.json.result;
    const expected = getAddress(`0x${keccak256(stringToBytes(`google:${sub}:${DEV_CLIENT_SWA}`)).slice(-40)}`);
    assert.equal(res.userSWA, expected);
    assert.equal(res.nonce, b32(payload.sessionData.nonce));
    assert.equal(res.clientSWA, DEV_CLIENT_SWA);
    assert.ok(Math.abs(res.sessionExpiry - (now() + 864000)) <= 2);
    assert.ok(gw.state.sessions.has(session.address.toLowerCase()));
  });

  test('happy path over REST, and the same user gets the same SWA', async () => {
    const sub = `apple-${uuid()}`;
    const a = await authPayload({ provider: 'apple', idToken: jwt({ sub }) });
    const r = await rest(gw, 'POST', 'authenticate', { body: a.payload });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'success');
    assert.match(r.json.data.userSWA, /^0x[0-9a-fA-F]{40}$/);
    const b = await login(gw, { provider: 'apple', idToken: jwt({ sub }) });
    assert.equal(b.userSWA, r.json.data.userSWA);
    const c = await login(gw, { provider: 'twitter', idToken: jwt({ sub }) });
    assert.notEqual(c.userSWA, r.json.data.userSWA);
  });

  test('the SDK 1.1.0 form without the two gas fields is accepted', async () => {
    const { payload } = await authPayload({ gas: false, provider: 'client_jwt' });
    assert.ok(!('maxFeePerGas' in payload.sessionData));
    const r = await rpc(gw, 'authenticate', [payload]);
    assert.ok(r.json.result?.userSWA, r.text);
  });

  test('a reused nonce is refused', async () => {
    const { payload } = await authPayload();
    assert.ok((await rpc(gw, 'authenticate', [payload])).json.result);
    assertRpcRefused(await rpc(gw, 'authenticate', [payload]), 'NONCE_REUSED');
    // Also with a new session key but the same nonce and paymaster data.
    const again = await authPayload({ nonce: payload.sessionData.nonce });
    assertRestRefused(await rest(gw, 'POST', 'authenticate', { body: again.payload }), 'NONCE_REUSED');
  });

  test('a refused payload does not burn its nonce', async () => {
    const { payload } = await authPayload();
    const bad = structuredClone(payload);
    bad.sessionDataUserSignature = flip(bad.sessionDataUserSignature);
    assertRpcRefused(await rpc(gw, 'authenticate', [bad]), 'USER_SIGNATURE_INVALID');
    assert.ok((await rpc(gw, 'authenticate', [payload])).json.result);
  });

  // Each case: start from a valid payload, change one thing, expect this reason.
  const cases = [
    ['one flipped byte in sessionPkClientSignature', (p) => void (p.sessionPkClientSignature = flip(p.sessionPkClientSignature)), 'CLIENT_SIGNATURE_INVALID'],
    ['one flipped byte in sessionDataUserSignature', (p) => void (p.sessionDataUserSignature = flip(p.sessionDataUserSignature)), 'USER_SIGNATURE_INVALID'],
    ['one flipped byte in the paymaster signature', (p) => void (p.sessionData.paymasterData = flip(p.sessionData.paymasterData, 160 + 10)), 'PAYMASTER_SIGNATURE_INVALID'],
    ['sessionPkClientSignature by another key', async (p, s) => void (p.sessionPkClientSignature = await signMessage({ message: { raw: addrDigest(s.address) }, privateKey: OTHER_KEY })), 'CLIENT_SIGNATURE_INVALID'],
    ['sessionPkClientSignature over the hash as hex text, not raw bytes', async (p, s) => void (p.sessionPkClientSignature = await signMessage({ message: keccak256(encodeAbiParameters(parseAbiParameters('address'), [s.address])), privateKey: DEV_CLIENT_PRIVATE_KEY })), 'CLIENT_SIGNATURE_INVALID'],
    ['sessionDataUserSignature by the client key', async (p, s) => void (p.sessionDataUserSignature = await signMessage({ message: { raw: addrDigest(s.address) }, privateKey: DEV_CLIENT_PRIVATE_KEY })), 'USER_SIGNATURE_INVALID'],
    ['a high-s (malleated) client signature', (p) => void (p.sessionPkClientSignature = malleate(p.sessionPkClientSignature)), 'BAD_SIGNATURE_FORMAT'],
    ['v = 0/1 instead of 27/28', (p) => void (p.sessionDataUserSignature = p.sessionDataUserSignature.slice(0, 130) + (parseInt(p.sessionDataUserSignature.slice(130), 16) - 27).toString(16).padStart(2, '0')), 'BAD_SIGNATURE_FORMAT'],
    ['a signature with non-hex characters', (p) => void (p.sessionPkClientSignature = `${p.sessionPkClientSignature.slice(0, 20)}zz${p.sessionPkClientSignature.slice(22)}`), 'BAD_SIGNATURE_FORMAT'],
    ['a truncated signature', (p) => void (p.sessionPkClientSignature = p.sessionPkClientSignature.slice(0, 128)), 'BAD_SIGNATURE_FORMAT'],
    ['expired paymaster validUntil', async (p) => void (p.sessionData.paymasterData = await paymasterData({ nonce: p.sessionData.nonce, validUntil: now() - 60 })), 'PAYMASTER_EXPIRED'],
    ['paymaster validAfter in the future', async (p) => void (p.sessionData.paymasterData = await paymasterData({ nonce: p.sessionData.nonce, validAfter: now() + 600 })), 'PAYMASTER_NOT_YET_VALID'],
    ['paymaster data signed for another nonce', async (p) => void (p.sessionData.paymasterData = await paymasterData({ nonce: uuid() })), 'PAYMASTER_SIGNATURE_INVALID'],
    ['paymaster data signed by another key', async (p) => void (p.sessionData.paymasterData = await paymasterData({ nonce: p.sessionData.nonce, clientKey: OTHER_KEY })), 'PAYMASTER_SIGNATURE_INVALID'],
    ['paymaster data naming another client SWA', async (p) => void (p.sessionData.paymasterData = await paymasterData({ nonce: p.sessionData.nonce, clientSWA: RECIPIENT })), 'PAYMASTER_CLIENT_MISMATCH'],
    ['paymaster data with a trailing byte', (p) => void (p.sessionData.paymasterData += '00'), 'BAD_PAYMASTER_DATA'],
    ['paymaster data that is not ABI', (p) => void (p.sessionData.paymasterData = '0x1234'), 'BAD_PAYMASTER_DATA'],
    ['the staging paymaster', (p) => void (p.sessionData.paymaster = STAGING_PAYMASTER), 'WRONG_PAYMASTER'],
    ['a gas field other than 0xBA43B7400', (p) => void (p.sessionData.maxFeePerGas = '0x1'), 'BAD_GAS_FIELD'],
    ['a session key that is not on the curve', (p) => void (p.sessionData.sessionPk = p.sessionData.sessionPk.slice(0, -2) + (p.sessionData.sessionPk.endsWith('00') ? '01' : '00')), 'BAD_SESSION_PUBLIC_KEY'],
    ['a compressed session key', (p) => void (p.sessionData.sessionPk = `0x02${p.sessionData.sessionPk.slice(4, 68)}`), 'BAD_SESSION_PUBLIC_KEY'],
    ['a nonce that is not a UUID', (p) => void (p.sessionData.nonce = 'not-a-uuid'), 'BAD_UUID'],
    ['a clientSWA with a bad EIP-55 checksum', (p) => void (p.sessionData.clientSWA = badChecksum(DEV_CLIENT_SWA)), 'BAD_ADDRESS'],
    ['an unknown provider', (p) => void (p.authData.provider = 'facebook'), 'BAD_PROVIDER'],
    ['an empty idToken', (p) => void (p.authData.idToken = ''), 'BAD_FIELD'],
    ['an idToken that is not JWT-shaped', (p) => void (p.authData.idToken = 'ya29.opaque-access-token'), 'BAD_ID_TOKEN'],
    ['a JWT without sub', (p) => void (p.authData.idToken = jwt({ email: 'x@example.com' })), 'BAD_ID_TOKEN'],
    ['a JWT with a fourth part', (p) => void (p.authData.idToken = `${jwt({ sub: 'x' })}.extra`), 'BAD_ID_TOKEN'],
    ['an expired JWT', (p) => void (p.authData.idToken = jwt({ sub: 'x', exp: now() - 10 })), 'ID_TOKEN_EXPIRED'],
    ['provider okto with a token this gateway never issued', (p) => void ((p.authData.provider = 'okto'), (p.authData.idToken = jwt({ sub: 'x' }))), 'BAD_ID_TOKEN'],
    ['no sessionData', (p) => void delete p.sessionData, 'BAD_FIELD'],
  ];
  for (const [name, mutate, reason] of cases) {
    test(`refused: ${name}`, async () => {
      const { session, payload } = await authPayload();
      await mutate(payload, session);
      assertRpcRefused(await rpc(gw, 'authenticate', [payload]), reason);
      assertRestRefused(await rest(gw, 'POST', 'authenticate', { body: payload }), reason);
    });
  }

  test('refused: an unregistered clientSWA, even when everything is signed consistently', async () => {
    const other = privateKeyToAccount(OTHER_KEY);
    const clientSWA = getAddress('0x1111111111111111111111111111111111111111');
    const { payload } = await authPayload({ clientSWA, clientKey: OTHER_KEY });
    assertRpcRefused(await rpc(gw, 'authenticate', [payload]), 'UNKNOWN_CLIENT');
    // And a registered second client is accepted.
    const gw2 = await startGateway({ clients: [{ clientSWA, signerAddress: other.address }] });
    try {
      assert.ok((await rpc(gw2, 'authenticate', [payload])).json.result?.userSWA);
      const dev = await authPayload();
      assertRpcRefused(await rpc(gw2, 'authenticate', [dev.payload]), 'UNKNOWN_CLIENT');
    } finally {
      await gw2.close();
    }
  });
});

function addrDigest(address) {
  return toBytes(keccak256(encodeAbiParameters(parseAbiParameters('address'), [address])));
}

/** The other valid signature for the same key and message: s -> n - s, v flipped. */
function malleate(sig) {
  const s = BigInt(`0x${sig.slice(66, 130)}`);
  const v = parseInt(sig.slice(130), 16);
  return sig.slice(0, 66) + (SECP_N - s).toString(16).padStart(64, '0') + (v === 27 ? '1c' : '1b');
}

describe('JSON-RPC envelope', () => {
  test('bad envelopes are refused with the right codes', async () => {
    const id = uuid();
    let r = await rpc(gw, null, null, { envelope: { method: 'getUserKeys', jsonrpc: '1.0', id, params: [] } });
    assert.equal(r.json.error.code, -32600);
    assert.equal(r.json.id, id);
    r = await rpc(gw, null, null, { envelope: { method: 'getUserKeys', jsonrpc: '2.0', id: 7, params: [] } });
    assert.equal(r.json.error.code, -32600);
    assert.match(r.json.error.message, /UUID/);
    r = await rpc(gw, null, null, { envelope: { method: 'getUserKeys', jsonrpc: '2.0', id: 'abc', params: [] } });
    assert.equal(r.json.error.code, -32600);
    r = await rpc(gw, null, null, { envelope: { method: 'getUserKeys', jsonrpc: '2.0', id, params: {} } });
    assert.equal(r.json.error.code, -32600);
    r = await rpc(gw, null, null, { envelope: [{ method: 'getUserKeys', jsonrpc: '2.0', id, params: [] }] });
    assert.equal(r.json.error.code, -32600);
    assert.match(r.json.error.message, /batch/);
    r = await rpc(gw, 'eth_chainId', []);
    assert.equal(r.json.error.code, -32601);
    assertRpcRefused(await rpc(gw, 'authenticate', []), 'BAD_PARAMS');
    assertRpcRefused(await rpc(gw, 'getUserKeys', [1]), 'BAD_PARAMS');
    r = await call(gw, 'POST', '/rpc', { raw: '{"method":' });
    assert.equal(r.json.error.code, -32700);
    assert.equal(r.json.id, null);
  });
});

describe('bearer token', () => {
  test('a valid token opens verify-session over REST', async () => {
    const u = await login(gw);
    const r = await rest(gw, 'GET', 'verify-session', { token: await u.token() });
    assert.equal(r.status, 200, r.text);
    const d = r.json.data;
    assert.equal(d.user_swa, u.userSWA);
    assert.equal(d.client_swa, DEV_CLIENT_SWA);
    assert.equal(d.vendor_swa, DEV_CLIENT_SWA);
    assert.equal(d.is_session_added, true);
    assert.match(d.user_id, /^[0-9a-f-]{36}$/);
    assert.match(d.client_id, /^[0-9a-f-]{36}$/);
  });

  const cases = [
    ['an expired token', (u) => u.token({ expireAt: now() - 5 }), 'TOKEN_EXPIRED'],
    ['a token expiring more than 24 h ahead', (u) => u.token({ expireAt: now() + 25 * HOUR }), 'TOKEN_EXPIRY_TOO_FAR'],
    ['a token signed by another key', (u) => u.token({ key: OTHER_KEY }), 'TOKEN_SIGNATURE_INVALID'],
    ['a token with a flipped signature byte', async (u) => {
      const t = JSON.parse(atob(await u.token()));
      t.data_signature = flip(t.data_signature);
      return btoa(JSON.stringify(t));
    }, 'TOKEN_SIGNATURE_INVALID'],
    ['a token whose data keys are in the other order', (u) => u.token({ data: { session_pub_key: u.session.publicKey, expire_at: now() + 600 } }), 'TOKEN_BAD_SHAPE'],
    ['a token with a non-integer expire_at', (u) => u.token({ data: { expire_at: String(now() + 600), session_pub_key: u.session.publicKey } }), 'TOKEN_BAD_SHAPE'],
    ['a token of another type', async (u) => {
      const t = JSON.parse(atob(await u.token()));
      t.type = 'ecdsa_compressed';
      return btoa(JSON.stringify(t));
    }, 'TOKEN_BAD_SHAPE'],
    ['a token that is not base64', () => '!!not*base64!!', 'TOKEN_NOT_BASE64'],
    ['a token that is base64 but not JSON', () => btoa('hello world!'), 'TOKEN_NOT_JSON'],
    ['a token for a session key that never logged in', () => authToken(newSession()), 'SESSION_NOT_FOUND'],
    ['a token whose key is off the curve', async (u) => {
      const bad = `${u.session.publicKey.slice(0, -2)}${u.session.publicKey.endsWith('00') ? '01' : '00'}`;
      return authToken(u.session, { data: { expire_at: now() + 600, session_pub_key: bad } });
    }, 'BAD_SESSION_PUBLIC_KEY'],
  ];
  for (const [name, mint, reason] of cases) {
    test(`401: ${name}`, async () => {
      const u = await login(gw);
      const token = await mint(u);
      assertRestRefused(await rest(gw, 'GET', 'verify-session', { token }), reason, 401);
      assertRpcRefused(await rpc(gw, 'getUserKeys', [], { token }), reason, -32001);
    });
  }

  test('401: no Authorization header, or not a Bearer one', async () => {
    assertRestRefused(await rest(gw, 'GET', 'wallets'), 'MISSING_AUTHORIZATION', 401);
    assertRpcRefused(await rpc(gw, 'getUserOperationGasPrice', []), 'MISSING_AUTHORIZATION', -32001);
    const r = await rest(gw, 'GET', 'wallets', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    assertRestRefused(r, 'BAD_AUTHORIZATION', 401);
  });

  test('401: a token for a forgotten session', async () => {
    const g = await startGateway();
    try {
      const u = await login(g);
      const token = await u.token();
      assert.equal((await rest(g, 'GET', 'verify-session', { token })).status, 200);
      const f = await call(g, 'POST', '/__admin/forget-sessions');
      assert.equal(f.json.forgotten, 1);
      assertRestRefused(await rest(g, 'GET', 'verify-session', { token }), 'SESSION_NOT_FOUND', 401);
      assertRpcRefused(await rpc(g, 'getUserKeys', [], { token }), 'SESSION_NOT_FOUND', -32001);
    } finally {
      await g.close();
    }
  });

  test('401: a token for an expired session (clock moved forward)', async () => {
    const g = await startGateway({ sessionTtlSecs: 100 });
    try {
      const u = await login(g);
      const c = await call(g, 'POST', '/__admin/clock', { body: { skewSecs: 200 } });
      const token = await u.token({ expireAt: c.json.now + 600 });
      assertRestRefused(await rest(g, 'GET', 'verify-session', { token }), 'SESSION_EXPIRED', 401);
    } finally {
      await g.close();
    }
  });
});

describe('execute', () => {
  test('a valid TOKEN_TRANSFER userOp gets a jobId; orders shows it, then SUCCESSFUL', async () => {
    const u = await login(gw);
    const nonce = uuid();
    const op = await signOp(await buildUserOp({ userSWA: u.userSWA, nonce }), u.session.privateKey);
    const r = await rpc(gw, 'execute', [op], { token: await u.token() });
    assert.equal(r.json.result?.jobId, nonce, r.text);

    const read = async () => (await rest(gw, 'GET', `orders?intent_id=${nonce}`, { token: await u.token() })).json.data;
    const first = await read();
    assert.equal(first.count, 1);
    const o = first.items[0];
    assert.equal(o.intent_id, nonce);
    assert.equal(o.intent_type, 'TOKEN_TRANSFER');
    assert.equal(o.status, 'IN_PROGRESS');
    assert.deepEqual(o.details, { amount: '1000000000000000', caip2Id: 'eip155:137', recipientWalletAddress: RECIPIENT, tokenAddress: '' });
    assert.equal((await read()).items[0].status, 'IN_PROGRESS');
    const third = (await read()).items[0];
    assert.equal(third.status, 'SUCCESSFUL');
    assert.match(third.transaction_hash[0], /^0x[0-9a-f]{64}$/);
    // Another user does not see it.
    const v = await login(gw);
    assert.equal((await rest(gw, 'GET', `orders?intent_id=${nonce}`, { token: await v.token() })).json.data.count, 0);
  });

  test('orders turn SUCCESSFUL after the settle time, and filter by status and type', async () => {
    const g = await startGateway({ orderSettleMs: 50 });
    try {
      const u = await login(g);
      const nonce = uuid();
      const op = await signOp(await buildUserOp({ userSWA: u.userSWA, nonce }), u.session.privateKey);
      const r = await rest(g, 'POST', 'execute', { body: op, token: await u.token() });
      assert.equal(r.json.data?.jobId, nonce, r.text);
      await new Promise((ok) => setTimeout(ok, 80));
      const t = await u.token();
      assert.equal((await rest(g, 'GET', `orders?intent_id=${nonce}`, { token: t })).json.data.items[0].status, 'SUCCESSFUL');
      assert.equal((await rest(g, 'GET', 'orders?status=SUCCESSFUL&intent_type=TOKEN_TRANSFER', { token: t })).json.data.count, 1);
      assert.equal((await rest(g, 'GET', 'orders?status=IN_PROGRESS', { token: t })).json.data.count, 0);
      assert.equal((await rest(g, 'GET', 'orders?intent_type=NFT_TRANSFER', { token: t })).json.data.count, 0);
      assertRestRefused(await rest(g, 'GET', 'orders?intent_id=123', { token: t }), 'BAD_QUERY');
      assertRestRefused(await rest(g, 'GET', 'orders?page=0', { token: t }), 'BAD_QUERY');
      const act = (await rest(g, 'GET', 'portfolio/activity', { token: t })).json.data;
      assert.equal(act.activity[0].id, nonce);
    } finally {
      await g.close();
    }
  });

  test('valid NFT_TRANSFER and RAW_TRANSACTION userOps are accepted over REST', async () => {
    const u = await login(gw);
    const token = await u.token();
    const nft = { caip2Id: 'eip155:8453', nftId: '7', recipientWalletAddress: RECIPIENT, collectionAddress: '0x68ee2dddcbb1c03df5fc4b6235d993b8b4d1d0e5', nftType: 'ERC721', amount: 1n };
    const n1 = uuid();
    let op = await signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n1, intentType: 'NFT_TRANSFER', params: nft }), u.session.privateKey);
    let r = await rest(gw, 'POST', 'execute', { body: op, token });
    assert.equal(r.json.data?.jobId, n1, r.text);

    const tx = { from: u.userSWA, to: RECIPIENT, data: '0x', value: '0x0' };
    const raw = { caip2Id: 'eip155:42161', transactions: [toHex(stringToBytes(JSON.stringify(tx)))] };
    const n2 = uuid();
    op = await signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n2, intentType: 'RAW_TRANSACTION', params: raw }), u.session.privateKey);
    r = await rest(gw, 'POST', 'execute', { body: op, token });
    assert.equal(r.json.data?.jobId, n2, r.text);
    const o = (await rest(gw, 'GET', `orders?intent_id=${n2}`, { token })).json.data.items[0];
    assert.deepEqual(o.details.transactions, [tx]);
  });

  test('a refused userOp creates no order and does not burn its nonce', async () => {
    const u = await login(gw);
    const nonce = uuid();
    const op = await signOp(await buildUserOp({ userSWA: u.userSWA, nonce }), u.session.privateKey);
    assertRpcRefused(await rpc(gw, 'execute', [{ ...op, signature: flip(op.signature) }], { token: await u.token() }), 'USEROP_SIGNATURE_INVALID');
    assert.equal(gw.state.orders.has(nonce), false);
    assert.equal((await rpc(gw, 'execute', [op], { token: await u.token() })).json.result?.jobId, nonce);
  });

  test('refused: a reused nonce', async () => {
    const u = await login(gw);
    const op = await signOp(await buildUserOp({ userSWA: u.userSWA }), u.session.privateKey);
    assert.ok((await rpc(gw, 'execute', [op], { token: await u.token() })).json.result);
    assertRpcRefused(await rpc(gw, 'execute', [op], { token: await u.token() }), 'NONCE_REUSED');
  });

  test('refused: no bearer token', async () => {
    const u = await login(gw);
    const op = await signOp(await buildUserOp({ userSWA: u.userSWA }), u.session.privateKey);
    assertRpcRefused(await rpc(gw, 'execute', [op]), 'MISSING_AUTHORIZATION', -32001);
    assertRestRefused(await rest(gw, 'POST', 'execute', { body: op }), 'MISSING_AUTHORIZATION', 401);
  });

  const other = '0x1111111111111111111111111111111111111111';
  // [name, async (u, nonce) => op (signed unless noted), reason]
  const cases = [
    ['one flipped signature byte', async (u, n) => flipSig(await signed(u, { nonce: n })), 'USEROP_SIGNATURE_INVALID'],
    ['signed by another key', async (u, n) => signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n }), OTHER_KEY), 'USEROP_SIGNATURE_INVALID'],
    ['gasFees packed in the canonical v0.7 order', async (u, n) => signOp({ ...(await buildUserOp({ userSWA: u.userSWA, nonce: n })), maxPriorityFeePerGas: '0x3b9aca00' }, u.session.privateKey, { canonicalGasFees: true }), 'USEROP_SIGNATURE_INVALID'],
    ['hashed for the staging chain id', async (u, n) => signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n }), u.session.privateKey, { chainId: 124736089n }), 'USEROP_SIGNATURE_INVALID'],
    ['a high-s signature', async (u, n) => {
      const op = await signed(u, { nonce: n });
      return { ...op, signature: malleate(op.signature) };
    }, 'BAD_SIGNATURE_FORMAT'],
    ['a sender that is not the session user', async (u, n) => signOp({ ...(await buildUserOp({ userSWA: u.userSWA, nonce: n })), sender: RECIPIENT }, u.session.privateKey), 'WRONG_SENDER'],
    ['the staging paymaster', async (u, n) => signOp({ ...(await buildUserOp({ userSWA: u.userSWA, nonce: n })), paymaster: STAGING_PAYMASTER }, u.session.privateKey), 'WRONG_PAYMASTER'],
    ['a missing field', async (u, n) => {
      const op = await signed(u, { nonce: n });
      delete op.callGasLimit;
      return op;
    }, 'MISSING_FIELD'],
    ['a gas limit with a leading zero', async (u, n) => signOp({ ...(await buildUserOp({ userSWA: u.userSWA, nonce: n })), callGasLimit: '0x0927c0' }, u.session.privateKey), 'NON_MINIMAL_HEX'],
    ['a gas limit that is not hex', async (u, n) => ({ ...(await signed(u, { nonce: n })), callGasLimit: 600000 }), 'BAD_HEX'],
    ['a nonce with non-zero high bytes', async (u, n) => signOp({ ...(await buildUserOp({ userSWA: u.userSWA, nonce: n })), nonce: `0x01${b32(n).slice(4)}` }, u.session.privateKey), 'BAD_NONCE'],
    ['a nonce that is not a v4 UUID', async (u) => {
      const n = '11111111-1111-1111-1111-111111111111';
      return signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n }), u.session.privateKey);
    }, 'BAD_UUID'],
    ['paymaster data for another nonce', async (u, n) => signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n, pmd: await paymasterData({ nonce: uuid() }) }), u.session.privateKey), 'PAYMASTER_SIGNATURE_INVALID'],
    ['one flipped byte in the paymaster signature', async (u, n) => signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n, pmd: flip(await paymasterData({ nonce: n }), 160 + 20) }), u.session.privateKey), 'PAYMASTER_SIGNATURE_INVALID'],
    ['expired paymaster data', async (u, n) => signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n, pmd: await paymasterData({ nonce: n, validUntil: now() - 1 }) }), u.session.privateKey), 'PAYMASTER_EXPIRED'],
    ['a chain not in supported/networks', async (u, n) => signed(u, { nonce: n, params: tokenParams({ caip2Id: 'eip155:1' }) }), 'UNSUPPORTED_CHAIN'],
    ['a transfer to the user itself', async (u, n) => signed(u, { nonce: n, params: tokenParams({ recipientWalletAddress: u.userSWA }) }), 'SELF_TRANSFER'],
    ['a token address that is not an address', async (u, n) => signed(u, { nonce: n, params: tokenParams({ tokenAddress: 'usdc' }) }), 'BAD_TOKEN'],
    ['an NFT collection that is not an address', async (u, n) => signed(u, { nonce: n, intentType: 'NFT_TRANSFER', params: { caip2Id: 'eip155:137', nftId: '1', recipientWalletAddress: RECIPIENT, collectionAddress: 'punks', nftType: 'ERC721', amount: 1n } }), 'BAD_COLLECTION'],
    ['a raw transaction with an unknown key', async (u, n) => signed(u, { nonce: n, intentType: 'RAW_TRANSACTION', params: rawParams(u, { tx: { gas: '0x5208' } }) }), 'BAD_TRANSACTIONS'],
    ['callData with a non-zero value', async (u, n) => signed(u, { nonce: n, value: 1n }), 'BAD_CALLDATA'],
    ['an inner call that is not initiateJob', async (u, n) => signed(u, { nonce: n, inner: '0xa9059cbb' + '00'.repeat(64) }), 'BAD_CALLDATA'],
    ['a recipient with a bad checksum', async (u, n) => signed(u, { nonce: n, params: tokenParams({ recipientWalletAddress: badChecksum(RECIPIENT) }) }), 'BAD_RECIPIENT'],
    ['amount 0', async (u, n) => signed(u, { nonce: n, params: tokenParams({ amount: 0n }) }), 'BAD_AMOUNT'],
    ['policy bools swapped for ARBITRUM', async (u, n) => signed(u, { nonce: n, params: tokenParams({ caip2Id: 'eip155:42161' }), policy: { gsnEnabled: false, sponsorshipEnabled: true } }), 'POLICY_MISMATCH'],
    ['gsnData with isRequired true', async (u, n) => signed(u, { nonce: n, gsn: { isRequired: true, requiredNetworks: [], tokens: [] } }), 'BAD_GSN_DATA'],
    ['an initiateJob jobId that is not the nonce', async (u, n) => signed(u, { nonce: n, jobId: hexToBigInt(b32(uuid())) }), 'JOB_ID_MISMATCH'],
    ['the staging job manager', async (u, n) => signed(u, { nonce: n, jobManager: STAGING_JOB_MANAGER }), 'BAD_JOB_MANAGER'],
    ['another outer selector', async (u, n) => signed(u, { nonce: n, selector: '0xb61d27f6' }), 'BAD_CALLDATA'],
    ['callData with a trailing byte', async (u, n) => signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n, callData: `${buildCallData({ nonce: n, userSWA: u.userSWA, params: tokenParams() })}00` }), u.session.privateKey), 'BAD_CALLDATA'],
    ['initiateJob naming another client', async (u, n) => signed(u, { nonce: n, clientSWA: other }), 'CLIENT_MISMATCH'],
    ['initiateJob naming another user', async (u, n) => signOp(await buildUserOp({ userSWA: u.userSWA, nonce: n, callData: buildCallData({ nonce: n, userSWA: other, params: tokenParams() }) }), u.session.privateKey), 'USER_MISMATCH'],
    ['an intent type the gateway does not support', async (u, n) => signed(u, { nonce: n, intentType: 'NFT_MINT' }), 'UNSUPPORTED_INTENT'],
    ['ERC721 with amount 2', async (u, n) => signed(u, { nonce: n, intentType: 'NFT_TRANSFER', params: { caip2Id: 'eip155:137', nftId: '1', recipientWalletAddress: RECIPIENT, collectionAddress: other, nftType: 'ERC721', amount: 2n } }), 'BAD_AMOUNT'],
    ['an unknown nftType', async (u, n) => signed(u, { nonce: n, intentType: 'NFT_TRANSFER', params: { caip2Id: 'eip155:137', nftId: '1', recipientWalletAddress: RECIPIENT, collectionAddress: other, nftType: 'erc721', amount: 1n } }), 'BAD_NFT_TYPE'],
    ['a raw transaction on a non-EVM chain', async (u, n) => signed(u, { nonce: n, intentType: 'RAW_TRANSACTION', params: rawParams(u, { caip2Id: 'aptos:testnet' }) }), 'UNSUPPORTED_CHAIN'],
    ['a raw transaction value with a leading zero', async (u, n) => signed(u, { nonce: n, intentType: 'RAW_TRANSACTION', params: rawParams(u, { tx: { value: '0x00' } }) }), 'BAD_TRANSACTIONS'],
    ['a raw transaction from another wallet', async (u, n) => signed(u, { nonce: n, intentType: 'RAW_TRANSACTION', params: rawParams(u, { tx: { from: RECIPIENT } }) }), 'BAD_TRANSACTIONS'],
    ['a raw transaction that is not JSON', async (u, n) => signed(u, { nonce: n, intentType: 'RAW_TRANSACTION', params: { caip2Id: 'eip155:137', transactions: ['0xdeadbeef'] } }), 'BAD_TRANSACTIONS'],
  ];
  for (const [name, make, reason] of cases) {
    test(`refused: ${name}`, async () => {
      const u = await login(gw);
      const op = await make(u, uuid());
      assertRpcRefused(await rpc(gw, 'execute', [op], { token: await u.token() }), reason);
      assertRestRefused(await rest(gw, 'POST', 'execute', { body: op, token: await u.token() }), reason);
    });
  }
});

async function signed(u, { nonce, ...cd }) {
  return signOp(await buildUserOp({ userSWA: u.userSWA, nonce, ...cd }), u.session.privateKey);
}
function flipSig(op) {
  return { ...op, signature: flip(op.signature) };
}
function rawParams(u, { caip2Id = 'eip155:137', tx = {} } = {}) {
  const t = { from: u.userSWA, to: RECIPIENT, data: '0x', value: '0x0', ...tx };
  return { caip2Id, transactions: [toHex(stringToBytes(JSON.stringify(t)))] };
}

describe('estimate', () => {
  async function estimateBody(u, over = {}) {
    const jobId = over.jobId ?? uuid();
    return {
      type: 'TOKEN_TRANSFER',
      jobId,
      gasDetails: { maxFeePerGas: '0xba43b7400', maxPriorityFeePerGas: '0xba43b7400' },
      paymasterData: await paymasterData({ nonce: jobId }),
      details: { recipientWalletAddress: RECIPIENT, caip2Id: 'eip155:84532', tokenAddress: '', amount: '10000000000000' },
      ...over,
    };
  }

  test('a valid TOKEN_TRANSFER estimate has the OpenAPI shape and the SDK callData', async () => {
    const u = await login(gw);
    const body = await estimateBody(u);
    const r = await rest(gw, 'POST', 'estimate', { body, token: await u.token() });
    assert.equal(r.status, 200, r.text);
    const d = r.json.data;
    assert.equal(d.callData.intentType, 'TOKEN_TRANSFER');
    assert.equal(d.callData.jobId, body.jobId);
    assert.equal(d.callData.userSWA, u.userSWA);
    assert.deepEqual(d.callData.policies, { gsnEnabled: false, sponsorshipEnabled: false });
    assert.equal(typeof d.details.fees.transactionFees['eip155:84532'], 'string');
    assert.equal(typeof d.details.estimation.amount, 'string');
    assert.equal(d.userOps.nonce, b32(body.jobId));
    const expected = buildCallData({ nonce: body.jobId, userSWA: u.userSWA, params: { ...body.details, amount: BigInt(body.details.amount) } });
    assert.equal(d.userOps.callData, expected);
    // The estimate does not use up the job id: the same job can then be executed.
    const op = await signOp({ ...(await buildUserOp({ userSWA: u.userSWA, nonce: body.jobId, callData: d.userOps.callData })), paymasterData: body.paymasterData }, u.session.privateKey);
    assert.equal((await rest(gw, 'POST', 'execute', { body: op, token: await u.token() })).json.data?.jobId, body.jobId);
  });

  const cases = [
    ['paymaster data for another job', async (u) => estimateBody(u, { paymasterData: await paymasterData({ nonce: uuid() }) }), 'PAYMASTER_SIGNATURE_INVALID'],
    ['no paymaster data', async (u) => {
      const b = await estimateBody(u);
      delete b.paymasterData;
      return b;
    }, 'BAD_HEX'],
    ['an unsupported chain', async (u) => {
      const b = await estimateBody(u);
      b.details.caip2Id = 'eip155:1';
      return b;
    }, 'UNSUPPORTED_CHAIN'],
    ['no details', async (u) => {
      const b = await estimateBody(u);
      delete b.details;
      return b;
    }, 'BAD_FIELD'],
    ['an unknown type', (u) => estimateBody(u, { type: 'SWAP' }), 'UNSUPPORTED_INTENT'],
    ['a jobId that is not a UUID', async (u) => ({ ...(await estimateBody(u)), jobId: 'job-1' }), 'BAD_UUID'],
    ['gas details that are not hex', (u) => estimateBody(u, { gasDetails: { maxFeePerGas: '100', maxPriorityFeePerGas: '0x1' } }), 'BAD_HEX'],
    ['an amount that is not a decimal string', async (u) => {
      const b = await estimateBody(u);
      b.details.amount = '1e18';
      return b;
    }, 'BAD_AMOUNT'],
  ];
  for (const [name, make, reason] of cases) {
    test(`refused: ${name}`, async () => {
      const u = await login(gw);
      assertRestRefused(await rest(gw, 'POST', 'estimate', { body: await make(u), token: await u.token() }), reason);
    });
  }

  test('refused: a job that has already been executed', async () => {
    const u = await login(gw);
    const nonce = uuid();
    const op = await signOp(await buildUserOp({ userSWA: u.userSWA, nonce }), u.session.privateKey);
    assert.ok((await rpc(gw, 'execute', [op], { token: await u.token() })).json.result);
    const body = await estimateBody(u, { jobId: nonce });
    assertRestRefused(await rest(gw, 'POST', 'estimate', { body, token: await u.token() }), 'NONCE_REUSED');
  });
});

describe('email and WhatsApp OTP', () => {
  const ts = () => Date.now();

  test('email send, wrong OTP, verify, log in with provider okto (once)', async () => {
    const email = `user-${uuid()}@example.com`;
    const send = await rest(gw, 'POST', 'authenticate/email', { body: await otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
    assert.equal(send.status, 200, send.text);
    const token = send.json.data.token;
    assert.match(token, /^[0-9a-f-]{36}$/);
    const adm = await call(gw, 'GET', '/__admin/otp');
    assert.equal(adm.json.otp, '123456');
    assert.ok(adm.json.pending.some((p) => p.token === token && p.contact === email));

    const wrong = await rest(gw, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token, otp: '000000', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
    assertRestRefused(wrong, 'WRONG_OTP', 422);
    const ok = await rest(gw, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
    assert.equal(ok.status, 200, ok.text);
    const authTokenStr = ok.json.data.auth_token;
    assert.equal(authTokenStr.split('.').length, 3);

    const u = await login(gw, { provider: 'okto', idToken: authTokenStr });
    assert.match(u.userSWA, /^0x[0-9a-fA-F]{40}$/);
    const again = await authPayload({ provider: 'okto', idToken: authTokenStr });
    assertRpcRefused(await rpc(gw, 'authenticate', [again.payload]), 'ID_TOKEN_USED');
    // The OTP token is spent too.
    assertRestRefused(await rest(gw, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) }), 'BAD_OTP_TOKEN', 422);

    // A second OTP login for the same email lands on the same user SWA.
    const t2 = (await rest(gw, 'POST', 'authenticate/email', { body: await otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() }) })).json.data.token;
    const a2 = (await rest(gw, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token: t2, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) })).json.data.auth_token;
    assert.equal((await login(gw, { provider: 'okto', idToken: a2, transport: 'rest' })).userSWA, u.userSWA);
  });

  test('WhatsApp send, resend, verify with a changed state.otp', async () => {
    const g = await startGateway();
    try {
      const base = { whatsapp_number: '9871170638', country_short_name: 'IN' };
      const send = await rest(g, 'POST', 'authenticate/whatsapp', { body: await otpBody({ ...base, client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
      const token = send.json.data.token;
      const resend = await rest(g, 'POST', 'authenticate/whatsapp', { body: await otpBody({ ...base, token, client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
      assert.equal(resend.json.data.token, token);
      g.state.otp = '654321';
      assert.equal((await call(g, 'GET', '/__admin/otp')).json.otp, '654321');
      const old = await rest(g, 'POST', 'authenticate/whatsapp/verify', { body: await otpBody({ ...base, token, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
      assertRestRefused(old, 'WRONG_OTP', 422);
      const ok = await rest(g, 'POST', 'authenticate/whatsapp/verify', { body: await otpBody({ ...base, token, otp: '654321', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
      assert.ok(ok.json.data.auth_token, ok.text);
      assert.ok((await login(g, { provider: 'okto', idToken: ok.json.data.auth_token })).userSWA);
    } finally {
      await g.close();
    }
  });

  test('five wrong OTPs spend the token', async () => {
    const email = `user-${uuid()}@example.com`;
    const token = (await rest(gw, 'POST', 'authenticate/email', { body: await otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() }) })).json.data.token;
    for (let i = 0; i < 5; i++)
      assertRestRefused(await rest(gw, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token, otp: '999999', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) }), 'WRONG_OTP', 422);
    assertRestRefused(await rest(gw, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) }), 'BAD_OTP_TOKEN', 422);
  });

  const email = 'refuse@example.com';
  const cases = [
    ['one flipped byte in client_signature', async () => {
      const b = await otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() });
      b.client_signature = flip(b.client_signature);
      return b;
    }, 'CLIENT_SIGNATURE_INVALID'],
    ['signed by another key', () => otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() }, { clientKey: OTHER_KEY }), 'CLIENT_SIGNATURE_INVALID'],
    ['a timestamp 6 minutes old', () => otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() - 6 * 60 * 1000 }), 'SIGNATURE_EXPIRED'],
    ['a timestamp in seconds, not ms', () => otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: now() }), 'SIGNATURE_EXPIRED'],
    ['keys out of order (signed as sent)', () => otpBody({ client_swa: DEV_CLIENT_SWA, email, timestamp: ts() }), 'BAD_KEY_ORDER'],
    ['an unregistered client', () => otpBody({ email, client_swa: RECIPIENT, timestamp: ts() }), 'UNKNOWN_CLIENT'],
    ['type other than ethsign', () => otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() }, { type: 'eip712' }), 'BAD_FIELD'],
    ['a malformed email', () => otpBody({ email: 'not-an-email', client_swa: DEV_CLIENT_SWA, timestamp: ts() }), 'BAD_CONTACT'],
    ['a WhatsApp country that is not a two-letter code', () => otpBody({ whatsapp_number: '9871170638', country_short_name: 'India', client_swa: DEV_CLIENT_SWA, timestamp: ts() }), 'BAD_CONTACT', 'whatsapp'],
    ['a resend with an unknown token', () => otpBody({ email, token: uuid(), client_swa: DEV_CLIENT_SWA, timestamp: ts() }), 'BAD_OTP_TOKEN'],
  ];
  for (const [name, make, reason, channel = 'email'] of cases) {
    test(`refused: ${name}`, async () => {
      assertRestRefused(await rest(gw, 'POST', `authenticate/${channel}`, { body: await make() }), reason, 422);
    });
  }

  async function otpLogin(g, email, { timestamp = ts } = {}) {
    const token = (await rest(g, 'POST', 'authenticate/email', { body: await otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: timestamp() }) })).json.data.token;
    const v = await rest(g, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: timestamp() }) });
    return v.json.data.auth_token;
  }

  test('refused: an auth_token used with another client', async () => {
    const other = privateKeyToAccount(OTHER_KEY);
    const clientB = getAddress('0x2222222222222222222222222222222222222222');
    const g = await startGateway({ clients: [{ clientSWA: DEV_CLIENT_SWA, signerAddress: DEV_SIGNER }, { clientSWA: clientB, signerAddress: other.address }] });
    try {
      const at = await otpLogin(g, 'c@example.com');
      const { payload } = await authPayload({ provider: 'okto', idToken: at, clientSWA: clientB, clientKey: OTHER_KEY });
      assertRpcRefused(await rpc(g, 'authenticate', [payload]), 'ID_TOKEN_CLIENT_MISMATCH');
    } finally {
      await g.close();
    }
  });

  test('refused: an expired auth_token, and an expired OTP', async () => {
    const g = await startGateway();
    try {
      const at = await otpLogin(g, 'd@example.com');
      const skew = 25 * HOUR;
      await call(g, 'POST', '/__admin/clock', { body: { skewSecs: skew } });
      const { payload } = await authPayload({ provider: 'okto', idToken: at, pmd: undefined });
      // paymaster validUntil must be in the (skewed) future
      payload.sessionData.paymasterData = await paymasterData({ nonce: payload.sessionData.nonce, validUntil: now() + skew + HOUR });
      assertRpcRefused(await rpc(g, 'authenticate', [payload]), 'ID_TOKEN_EXPIRED');

      await call(g, 'POST', '/__admin/clock', { body: { skewSecs: 0 } });
      const email = 'e@example.com';
      const token = (await rest(g, 'POST', 'authenticate/email', { body: await otpBody({ email, client_swa: DEV_CLIENT_SWA, timestamp: ts() }) })).json.data.token;
      await call(g, 'POST', '/__admin/clock', { body: { skewSecs: 11 * 60 } });
      const late = await rest(g, 'POST', 'authenticate/email/verify', { body: await otpBody({ email, token, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: ts() + 11 * 60 * 1000 }) });
      assertRestRefused(late, 'OTP_EXPIRED', 422);
    } finally {
      await g.close();
    }
  });

  test('refused: verify with a token issued for another email', async () => {
    const token = (await rest(gw, 'POST', 'authenticate/email', { body: await otpBody({ email: 'a@example.com', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) })).json.data.token;
    const r = await rest(gw, 'POST', 'authenticate/email/verify', { body: await otpBody({ email: 'b@example.com', token, otp: '123456', client_swa: DEV_CLIENT_SWA, timestamp: ts() }) });
    assertRestRefused(r, 'BAD_OTP_TOKEN', 422);
  });
});

describe('user keys and sign message', () => {
  test('getUserKeys (RPC) equals user-keys (REST) and is stable per user', async () => {
    const sub = `google-${uuid()}`;
    const u = await login(gw, { idToken: jwt({ sub }) });
    const a = (await rpc(gw, 'getUserKeys', [], { token: await u.token() })).json.result;
    const b = (await rest(gw, 'GET', 'user-keys', { token: await u.token() })).json.data;
    assert.deepEqual(a, b);
    assert.equal(a.userSWA, u.userSWA);
    assert.match(a.ecdsaPublicKey, /^0x04[0-9a-f]{128}$/);
    assert.match(a.eddsaPublicKey, /^0x[0-9a-f]{64}$/);
    assert.match(a.ecdsaKeyId, /^[0-9a-f-]{36}$/);
    const v = await login(gw, { idToken: jwt({ sub }) });
    assert.deepEqual((await rpc(gw, 'getUserKeys', [], { token: await v.token() })).json.result, a);
  });

  test('EIP191 over RPC and EIP712 over REST give signatures by the user MPC key', async () => {
    const u = await login(gw);
    const keys = (await rpc(gw, 'getUserKeys', [], { token: await u.token() })).json.result;
    const mpc = publicKeyToAddress(keys.ecdsaPublicKey);

    const body = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'hello okto' });
    const r = await rpc(gw, 'signMessage', [body], { token: await u.token() });
    const [res] = r.json.result;
    assert.equal(res.transactionId, body.data.transactions[0].transactionId);
    assert.match(res.signature, /^[0-9a-f]{130}$/);
    assert.equal(await recoverMessageAddress({ message: 'hello okto', signature: `0x${res.signature}` }), mpc);

    const typed = {
      types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }], Test: [{ name: 'message', type: 'string' }] },
      primaryType: 'Test',
      domain: { name: 'OktoTest', chainId: 1 },
      message: { message: 'Test message' },
    };
    const tb = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: JSON.stringify(typed), method: 'EIP712' });
    const t = await rest(gw, 'POST', 'signMessage', { body: tb, token: await u.token() });
    assert.equal(t.status, 200, t.text);
    assert.equal(await recoverTypedDataAddress({ ...typed, signature: `0x${t.json.data[0].signature}` }), mpc);
    // The data-level object (without the {data} wrapper) is accepted over RPC too.
    const db = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'x' });
    assert.ok((await rpc(gw, 'signMessage', [db.data], { token: await u.token() })).json.result, 'data-level params');
  });

  const cases = [
    ['one flipped byte in userSessionSignature', async (u, keys) => {
      const b = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm' });
      b.data.transactions[0].userSessionSignature = flip(b.data.transactions[0].userSessionSignature);
      return b;
    }, 'SESSION_SIGNATURE_INVALID'],
    ['signed with the staging threshold (t = 3)', (u, keys) => signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', threshold: 3 }), 'SESSION_SIGNATURE_INVALID'],
    ['signed for the eddsa key id', (u, keys) => signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', keyId: keys.eddsaKeyId }), 'SESSION_SIGNATURE_INVALID'],
    ['signed by another key', (u, keys) => signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', key: OTHER_KEY }), 'SESSION_SIGNATURE_INVALID'],
    ['another user SWA', (u, keys) => signMessageBody({ session: u.session, userSWA: RECIPIENT, keys, message: 'm' }), 'WRONG_USER'],
    ['another session key', (u, keys) => signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', sessionPk: newSession().publicKey }), 'WRONG_SESSION_KEY'],
    ['an unknown method', (u, keys) => signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', method: 'EIP999' }), 'BAD_METHOD'],
    ['EIP712 whose message is not JSON', (u, keys) => signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'not json', method: 'EIP712' }), 'BAD_TYPED_DATA'],
    ['a jobId that is not a UUID', (u, keys) => signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', jobId: 'job' }), 'BAD_UUID'],
  ];
  for (const [name, make, reason] of cases) {
    test(`refused: ${name}`, async () => {
      const u = await login(gw);
      const keys = (await rpc(gw, 'getUserKeys', [], { token: await u.token() })).json.result;
      const body = await make(u, keys);
      assertRpcRefused(await rpc(gw, 'signMessage', [body], { token: await u.token() }), reason);
      assertRestRefused(await rest(gw, 'POST', 'signMessage', { body, token: await u.token() }), reason);
    });
  }

  test('refused: a reused transactionId', async () => {
    const u = await login(gw);
    const keys = (await rpc(gw, 'getUserKeys', [], { token: await u.token() })).json.result;
    const tid = uuid();
    const a = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', tid });
    assert.ok((await rpc(gw, 'signMessage', [a], { token: await u.token() })).json.result);
    const b = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', tid });
    assertRpcRefused(await rpc(gw, 'signMessage', [b], { token: await u.token() }), 'NONCE_REUSED');
  });

  test('refused: a reused jobId', async () => {
    const u = await login(gw);
    const keys = (await rpc(gw, 'getUserKeys', [], { token: await u.token() })).json.result;
    const jobId = uuid();
    const a = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', jobId });
    assert.ok((await rpc(gw, 'signMessage', [a], { token: await u.token() })).json.result);
    const b = await signMessageBody({ session: u.session, userSWA: u.userSWA, keys, message: 'm', jobId });
    assertRpcRefused(await rpc(gw, 'signMessage', [b], { token: await u.token() }), 'NONCE_REUSED');
  });
});

describe('explorer', () => {
  test('supported/networks lists POLYGON, BASE, ARBITRUM and a non-EVM chain', async () => {
    const u = await login(gw);
    const d = (await rest(gw, 'GET', 'supported/networks', { token: await u.token() })).json.data;
    assert.equal(d.count, d.network.length);
    const by = Object.fromEntries(d.network.map((n) => [n.caip_id, n]));
    for (const [caip, name, chainId] of [['eip155:137', 'POLYGON', '137'], ['eip155:8453', 'BASE', '8453'], ['eip155:42161', 'ARBITRUM', '42161']]) {
      const n = by[caip];
      assert.ok(n, caip);
      assert.equal(n.network_name, name);
      assert.equal(n.chain_id, chainId);
      assert.equal(n.type, 'EVM');
      assert.equal(typeof n.sponsorship_enabled, 'boolean');
      assert.equal(typeof n.gsn_enabled, 'boolean');
      assert.match(n.network_id, /^[0-9a-f-]{36}$/);
      assert.deepEqual({ gsnEnabled: n.gsn_enabled, sponsorshipEnabled: n.sponsorship_enabled }, POLICY[caip]);
    }
    assert.equal(by['aptos:testnet'].type, 'APT');
  });

  test('wallets, tokens, portfolio, activity, NFTs and gas values have the OpenAPI fields', async () => {
    const u = await login(gw);
    const token = await u.token();
    const get = async (p) => {
      const r = await rest(gw, 'GET', p, { token });
      assert.equal(r.status, 200, `${p}: ${r.text}`);
      assert.equal(r.json.status, 'success');
      return r.json.data;
    };
    const wallets = await get('wallets');
    const poly = wallets.find((w) => w.caip_id === 'eip155:137');
    assert.equal(poly.address, u.userSWA);
    for (const k of ['caip_id', 'network_name', 'address', 'network_id', 'network_symbol']) assert.ok(k in poly, k);
    const tokens = await get('supported/tokens');
    assert.equal(tokens.count, tokens.tokens.length);
    for (const k of ['address', 'caip_id', 'symbol', 'image', 'name', 'short_name', 'id', 'group_id', 'is_primary', 'network_id', 'network_name', 'onramp_enabled', 'whitelisted', 'decimals', 'precision'])
      assert.ok(k in tokens.tokens[0], k);
    const pf = await get('aggregated-portfolio');
    for (const k of ['holdings_count', 'holdings_price_inr', 'holdings_price_usdt', 'total_holding_price_inr', 'total_holding_price_usdt'])
      assert.equal(typeof pf.aggregated_data[k], 'string', k);
    assert.ok(pf.group_tokens.length > 0 && Array.isArray(pf.group_tokens[0].tokens));
    assert.deepEqual(await get('aggregated-portfolio'), pf);
    const act = await get('portfolio/activity');
    assert.equal(act.count, act.activity.length);
    for (const k of ['order_type', 'transfer_type', 'tx_hash', 'caip_id', 'network_name', 'timestamp']) assert.ok(k in act.activity[0], k);
    const nft = await get('portfolio/nft');
    assert.equal(nft.count, nft.details.length);
    for (const k of ['caip_id', 'network_name', 'entity_type', 'collection_address', 'collection_name', 'nft_id', 'quantity', 'token_uri'])
      assert.ok(k in nft.details[0], k);
    const gas = await get('gas-values');
    assert.match(gas.maxFeePerGas, /^0x[0-9a-f]+$/);
    assert.match(gas.maxPriorityFeePerGas, /^0x[0-9a-f]+$/);
    assert.deepEqual((await rpc(gw, 'getUserOperationGasPrice', [], { token })).json.result, gas);
  });

  test('readContractData answers for a supported chain and refuses others', async () => {
    const u = await login(gw);
    const token = await u.token();
    const body = {
      caip2id: 'eip155:8453',
      data: {
        contractAddress: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
        abi: { inputs: [{ internalType: 'address', name: 'account', type: 'address' }], name: 'balanceOf', outputs: [{ internalType: 'uint256', name: '', type: 'uint256' }], stateMutability: 'view', type: 'function' },
        args: { account: '0xB7B8F759E8Bd293b91632100f53a45859832f463' },
      },
    };
    const r = await rest(gw, 'POST', 'readContractData', { body, token });
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.data[0], /^[0-9]+$/);
    const bad = await rest(gw, 'POST', 'readContractData', { body: { ...body, caip2id: 'eip155:1' }, token });
    assertRestRefused(bad, 'UNSUPPORTED_CHAIN');
    assert.equal(bad.json.error.errorCode, 'ER-TECH-0004');
    const payable = structuredClone(body);
    payable.data.abi.stateMutability = 'nonpayable';
    assertRestRefused(await rest(gw, 'POST', 'readContractData', { body: payable, token }), 'BAD_ABI');
    const noArg = structuredClone(body);
    noArg.data.args = {};
    assertRestRefused(await rest(gw, 'POST', 'readContractData', { body: noArg, token }), 'BAD_ARGS');
    const apt = { caip2id: 'aptos:testnet', data: { function: '0x1::coin::balance', typeArguments: ['0x1::aptos_coin::AptosCoin'], functionArguments: ['0x9ed7'] } };
    assert.equal((await rest(gw, 'POST', 'readContractData/', { body: apt, token })).status, 200);
  });

  test('unknown routes are 404, wrong methods 405, bad JSON 400', async () => {
    const u = await login(gw);
    assertRestRefused(await rest(gw, 'GET', 'nope', { token: await u.token() }), 'NOT_FOUND', 404);
    assertRestRefused(await rest(gw, 'GET', 'execute', { token: await u.token() }), 'METHOD_NOT_ALLOWED', 405);
    assertRestRefused(await call(gw, 'POST', '/api/oc/v1/authenticate', { raw: '{oops' }), 'BAD_JSON', 400);
  });
});

describe('dev client signer', () => {
  test('POST /dev/client-sign signs raw bytes with the dev client key', async () => {
    const digest = keccak256(stringToBytes('anything'));
    const r = await call(gw, 'POST', '/dev/client-sign', { body: { digest } });
    assert.equal(r.status, 200, r.text);
    assert.equal(await recoverMessageAddress({ message: { raw: digest }, signature: r.json.signature }), DEV_SIGNER);
    assert.equal(r.json.signature, await signMessage({ message: { raw: digest }, privateKey: DEV_CLIENT_PRIVATE_KEY }));
    assertRestRefused(await call(gw, 'POST', '/dev/client-sign', { body: { digest: 'xyz' } }), 'BAD_HEX');
  });
});

describe('admin hooks', () => {
  let g;
  before(async () => {
    g = await startGateway({ timeoutCapMs: 5000 });
  });
  after(async () => {
    await g.close();
  });
  const misbehave = (body) => call(g, 'POST', '/__admin/misbehave', { body });

  test('http500 for a counted number of requests', async () => {
    assert.equal((await misbehave({ mode: 'http500', count: 1 })).status, 200);
    const r = await rest(g, 'GET', 'wallets');
    assert.equal(r.status, 500);
    assert.equal(r.json.status, 'error');
    assert.equal(r.json.error.code, 500);
    assert.equal(typeof r.json.error.errorCode, 'string');
    assertRestRefused(await rest(g, 'GET', 'wallets'), 'MISSING_AUTHORIZATION', 401);
  });

  test('timeout holds the request until the client gives up', async () => {
    await misbehave({ mode: 'timeout', routes: ['/rpc'] });
    const ac = new AbortController();
    const t = setTimeout(() => ac.abort(), 300);
    const started = Date.now();
    await assert.rejects(
      fetch(`${g.url}/rpc`, { method: 'POST', body: JSON.stringify({ method: 'getUserKeys', jsonrpc: '2.0', id: uuid(), params: [] }), signal: ac.signal }),
      { name: 'AbortError' },
    );
    clearTimeout(t);
    assert.ok(Date.now() - started >= 250);
    // Other routes are untouched by the routes filter.
    assert.equal((await rest(g, 'GET', 'wallets')).status, 401);
    await misbehave({ mode: 'off' });
    assert.equal((await rpc(g, 'getUserKeys', [])).json.error.code, -32001);
  });

  test('malformed replies 200 with invalid JSON', async () => {
    await misbehave({ mode: 'malformed', count: 2 });
    let r = await rest(g, 'GET', 'supported/networks');
    assert.equal(r.status, 200);
    assert.equal(r.json, undefined);
    r = await rpc(g, 'getUserKeys', []);
    assert.equal(r.status, 200);
    assert.equal(r.json, undefined);
    assert.equal((await rest(g, 'GET', 'wallets')).status, 401);
  });

  test('rpc-error gives a JSON-RPC error on /rpc and status:error on REST', async () => {
    await misbehave({ mode: 'rpc-error', count: 2 });
    const id = uuid();
    const r = await rpc(g, 'getUserKeys', [], { id });
    assert.equal(r.json.id, id);
    assert.equal(r.json.error.code, -32000);
    const s = await rest(g, 'GET', 'wallets');
    assert.equal(s.json.status, 'error');
    assert.equal(typeof s.json.error.errorCode, 'string');
    assert.equal((await rest(g, 'GET', 'wallets')).status, 401);
  });

  test('rpcMethods narrows misbehaviour to one JSON-RPC method', async () => {
    await misbehave({ mode: 'http500', rpcMethods: ['execute'] });
    assert.equal((await rpc(g, 'getUserKeys', [])).json.error.code, -32001);
    assert.equal((await rpc(g, 'execute', [{}])).status, 500);
    await misbehave({ mode: 'off' });
    assert.equal((await rpc(g, 'execute', [{}])).json.error.code, -32001);
  });

  test('bad misbehave requests are refused', async () => {
    assert.equal((await misbehave({ mode: 'explode' })).status, 400);
    assert.equal((await misbehave({ mode: 'http500', count: 0 })).status, 400);
    assert.equal((await misbehave({ mode: 'http500', routes: '/rpc' })).status, 400);
  });

  test('stats count requests, RPC methods and signatures; reset clears sessions and the OTP', async () => {
    await call(g, 'POST', '/__admin/reset');
    const u = await login(g);
    await rest(g, 'GET', 'wallets', { token: await u.token() });
    const s = (await call(g, 'GET', '/__admin/stats')).json;
    assert.equal(s.rpc.authenticate, 1);
    assert.equal(s.requests['POST /rpc'], 1);
    assert.equal(s.requests['GET /api/oc/v1/wallets'], 1);
    assert.equal(s.signaturesVerified, 4); // client, user, paymaster, bearer token
    assert.equal(s.sessions, 1);
    g.state.otp = '111111';
    await call(g, 'POST', '/__admin/reset');
    assert.equal(g.state.otp, '123456');
    assertRestRefused(await rest(g, 'GET', 'wallets', { token: await u.token() }), 'SESSION_NOT_FOUND', 401);
    assert.equal((await call(g, 'GET', '/__admin/stats')).json.signaturesVerified, 1);
  });
});

describe('CORS', () => {
  test('preflight and replies allow any origin with Authorization and Content-Type', async () => {
    for (const path of ['/rpc', '/api/oc/v1/execute', '/__admin/stats']) {
      const r = await fetch(gw.url + path, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      assert.equal(r.status, 204);
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      const allowed = r.headers.get('access-control-allow-headers').toLowerCase();
      assert.ok(allowed.includes('authorization') && allowed.includes('content-type'));
      assert.ok(r.headers.get('access-control-allow-methods').includes('POST'));
    }
    const e = await rest(gw, 'GET', 'wallets');
    assert.equal(e.status, 401);
    assert.equal(e.headers.get('access-control-allow-origin'), '*');
    assert.equal((await rpc(gw, 'getUserKeys', [])).headers.get('access-control-allow-origin'), '*');
  });
});

describe('CLI', () => {
  test('prints one line with the URL and serves', async () => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./server.mjs', import.meta.url)), '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
        setTimeout(() => reject(new Error('no output')), 10000);
      });
      const m = /^okto dev gateway listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      assert.ok(m, line);
      const r = await fetch(`${m[1]}/__admin/health`);
      assert.equal((await r.json()).ok, true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('official SDK oracle', () => {
  test('@okto_web3/core-js-sdk 1.1.0 logs in, transfers, signs and reads orders against the gateway', async (t) => {
    let sdk;
    try {
      sdk = await import('@okto_web3/core-js-sdk');
    } catch {
      t.skip('@okto_web3/core-js-sdk is not installed');
      return;
    }
    let userop;
    try {
      userop = await import('@okto_web3/core-js-sdk/userop');
    } catch {
      t.skip('@okto_web3/core-js-sdk/userop is not available');
      return;
    }
    const oc = new sdk.OktoClient({ environment: 'sandbox', clientPrivateKey: DEV_CLIENT_PRIVATE_KEY, clientSWA: DEV_CLIENT_SWA });
    const env = oc.env;
    const saved = { gatewayBaseUrl: env.gatewayBaseUrl, bffBaseUrl: env.bffBaseUrl };
    const quiet = { log: console.log, info: console.info, error: console.error };
    env.gatewayBaseUrl = gw.url;
    env.bffBaseUrl = gw.url;
    // The SDK logs every request and the user keys; keep the test output readable.
    console.log = console.info = console.error = () => {};
    try {
      const userSWA = await oc.loginUsingOAuth({ idToken: jwt({ sub: `sdk-${uuid()}` }), provider: 'google' });
      assert.match(String(userSWA), /^0x[0-9a-fA-F]{40}$/);
      assert.equal(await oc.verifyLogin(), true);
      const op = await userop.tokenTransfer(oc, { caip2Id: 'eip155:42161', recipient: RECIPIENT, token: '', amount: 1000n });
      const jobId = await oc.executeUserOp(await oc.signUserOp(op));
      assert.match(jobId, /^[0-9a-f-]{36}$/);
      const orders = (await rest(gw, 'GET', `orders?intent_id=${jobId}`, { token: await oc.getAuthorizationToken() })).json.data;
      assert.equal(orders.items[0].intent_type, 'TOKEN_TRANSFER');
      const sig = await oc.signMessage('hello from the official SDK');
      const keys = (await rest(gw, 'GET', 'user-keys', { token: await oc.getAuthorizationToken() })).json.data;
      assert.equal(await recoverMessageAddress({ message: 'hello from the official SDK', signature: sig }), publicKeyToAddress(keys.ecdsaPublicKey));
      oc.sessionClear();

      // Email OTP through the SDK.
      const email = `sdk-${uuid()}@example.com`;
      const sent = await oc.sendOTP(email, 'email');
      const who = await oc.loginUsingEmail(email, '123456', sent.token);
      assert.match(String(who), /^0x[0-9a-fA-F]{40}$/);
    } finally {
      Object.assign(console, quiet);
      Object.assign(env, saved);
    }
  });
});
