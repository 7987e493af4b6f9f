// Okto wire-format checks for the dev gateway (PROTOCOL.md §2-§11), built on viem.
// Every check throws a `Refusal` with a stable `reason` code, so tests (and clients)
// can tell exactly which rule refused a request.

import { createHash } from 'node:crypto';
import {
  concat,
  decodeAbiParameters,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionData,
  encodePacked,
  getAddress,
  hexToBigInt,
  isAddress,
  keccak256,
  pad,
  parseAbiParameters,
  recoverMessageAddress,
} from 'viem';
import { publicKeyToAddress } from 'viem/accounts';

/** Sandbox environment (PROTOCOL §1). */
export const SANDBOX = Object.freeze({
  paymaster: '0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3',
  jobManager: '0x0543aD80b41C5f5956d34503668CDb965deCB617',
  entryPoint: '0xCa5b1b0d3893b5152014fD5B519FF50f7C40f9da',
  chainId: 1802466136,
  mpcThreshold: 2,
});

/** The gas constant the API template puts in auth payloads (§6). */
export const AUTH_GAS_CONSTANT = '0xBA43B7400';
export const EXECUTE_USEROP_SELECTOR = '0x8dd7712f';
export const PROVIDERS = ['google', 'okto', 'client_jwt', 'apple', 'twitter'];

export const INTENT_ABI = [
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

/** Job parameter tuples (§9). */
export const JOB_PARAMETER_TYPES = Object.freeze({
  TOKEN_TRANSFER: '(string caip2Id, string recipientWalletAddress, string tokenAddress, uint amount)',
  NFT_TRANSFER:
    '(string caip2Id, string nftId, string recipientWalletAddress, string collectionAddress, string nftType, uint amount)',
  RAW_TRANSACTION: '(string caip2Id, bytes[] transactions)',
});
const POLICY_TYPE = '(bool gsnEnabled, bool sponsorshipEnabled)';
const gsnType = (intent) =>
  `(bool isRequired, string[] requiredNetworks, ${JOB_PARAMETER_TYPES[intent]}[] tokens)`;

/** A request the gateway refuses. `http`/`rpc` pick the status and JSON-RPC code. */
export class Refusal extends Error {
  constructor(reason, message, { http = 400, rpc = -32602, errorCode } = {}) {
    super(message);
    this.name = 'Refusal';
    this.reason = reason;
    this.http = http;
    this.rpc = rpc;
    this.errorCode = errorCode ?? (http === 401 ? 'ER-AUTH-0001' : http === 404 ? 'ER-TECH-0004' : 'ER-TECH-0005');
  }
}

export const refuse = (reason, message, opts) => new Refusal(reason, message, opts);
export const unauthorized = (reason, message) => new Refusal(reason, message, { http: 401, rpc: -32001 });

// ---------------------------------------------------------------- shapes

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const HEX_RE = /^0x(?:[0-9a-fA-F]{2})*$/;
// A JSON-RPC style quantity as go-ethereum's hexutil accepts it: no leading zeros.
const QUANTITY_RE = /^0x(?:0|[1-9a-fA-F][0-9a-fA-F]*)$/;

export const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);

export function requireObject(x, field) {
  if (!isObject(x)) throw refuse('BAD_FIELD', `${field} must be an object`);
  return x;
}

export function requireString(x, field, { nonEmpty = true } = {}) {
  if (typeof x !== 'string' || (nonEmpty && x.length === 0))
    throw refuse('BAD_FIELD', `${field} must be a${nonEmpty ? ' non-empty' : ''} string`);
  return x;
}

export function requireHexBytes(x, field) {
  if (typeof x !== 'string' || !HEX_RE.test(x)) throw refuse('BAD_HEX', `${field} must be 0x-prefixed hex bytes`);
  return x;
}

/** A quantity that fits `maxBytes` (hex, minimal: `0x0`, `0x927c0`). */
export function requireQuantity(x, field, maxBytes = 16) {
  if (typeof x !== 'string' || !/^0x[0-9a-fA-F]+$/.test(x))
    throw refuse('BAD_HEX', `${field} must be a 0x-prefixed hex quantity`);
  if (!QUANTITY_RE.test(x)) throw refuse('NON_MINIMAL_HEX', `${field} has leading zero digits (${x})`);
  if (x.length - 2 > maxBytes * 2) throw refuse('BAD_HEX', `${field} does not fit in ${maxBytes} bytes`);
  return x;
}

export function requireAddress(x, field, reason = 'BAD_ADDRESS') {
  // isAddress checks the EIP-55 checksum when the letters are mixed case.
  if (typeof x !== 'string' || !isAddress(x)) throw refuse(reason, `${field} is not a valid address (${String(x)})`);
  return getAddress(x);
}

export function requireUuid(x, field, { v4 = true } = {}) {
  if (typeof x !== 'string' || !(v4 ? UUID_V4_RE : UUID_RE).test(x))
    throw refuse('BAD_UUID', `${field} must be a${v4 ? ' v4' : ''} UUID string`);
  return x.toLowerCase();
}

export const sameAddress = (a, b) =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/** UUID → bytes32 (§4). */
export function uuidToBytes32(uuid) {
  return `0x${'0'.repeat(32)}${uuid.replace(/-/g, '').toLowerCase()}`;
}

/** bytes32 (low 16 bytes) → UUID string. */
export function bytes32ToUuid(hex) {
  const s = hex.slice(-32).toLowerCase();
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

// ---------------------------------------------------------------- keys and signatures

const SECP_P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const SECP_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * Parse an uncompressed secp256k1 public key (`0x04` + X + Y) and check that the point
 * is on the curve (y² = x³ + 7 mod p). Returns `{ publicKey, address }`.
 */
export function parseSessionPublicKey(pk, field = 'sessionPk', refusal = refuse) {
  if (typeof pk !== 'string' || !/^0x04[0-9a-fA-F]{128}$/.test(pk))
    throw refusal('BAD_SESSION_PUBLIC_KEY', `${field} must be an uncompressed public key: 0x04 followed by 64 bytes`);
  const x = BigInt(`0x${pk.slice(4, 68)}`);
  const y = BigInt(`0x${pk.slice(68)}`);
  const onCurve = x < SECP_P && y < SECP_P && (y * y) % SECP_P === (((x * x) % SECP_P) * x + 7n) % SECP_P;
  if (!onCurve) throw refusal('BAD_SESSION_PUBLIC_KEY', `${field} is not a point on secp256k1`);
  const publicKey = pk.toLowerCase();
  return { publicKey, address: publicKeyToAddress(publicKey) };
}

/**
 * Check the byte layout of a §3 signature: 65 bytes, r and s in range, low s, v 27/28.
 */
export function checkSignatureShape(sig, field, refusal = refuse) {
  if (typeof sig !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(sig))
    throw refusal('BAD_SIGNATURE_FORMAT', `${field} must be a 65-byte hex signature (r || s || v)`);
  const r = BigInt(`0x${sig.slice(2, 66)}`);
  const s = BigInt(`0x${sig.slice(66, 130)}`);
  const v = parseInt(sig.slice(130), 16);
  if (r === 0n || r >= SECP_N || s === 0n || s >= SECP_N)
    throw refusal('BAD_SIGNATURE_FORMAT', `${field}: r or s out of range`);
  if (s > SECP_N / 2n) throw refusal('BAD_SIGNATURE_FORMAT', `${field}: s is not low (EIP-2)`);
  if (v !== 27 && v !== 28) throw refusal('BAD_SIGNATURE_FORMAT', `${field}: v must be 27 or 28, got ${v}`);
  return sig;
}

/**
 * Verify an EIP-191 signature over `message` (a string is signed as UTF-8, `{raw}` as bytes)
 * and that it recovers to `expected`. `stats` (optional) counts verified/rejected.
 */
export async function verifyEip191({ message, signature, expected, field, reason, stats, refusal = refuse }) {
  try {
    checkSignatureShape(signature, field, refusal);
  } catch (e) {
    if (stats) stats.signaturesRejected++;
    throw e;
  }
  let recovered = null;
  try {
    recovered = await recoverMessageAddress({ message, signature });
  } catch {
    recovered = null;
  }
  if (!recovered || !sameAddress(recovered, expected)) {
    if (stats) stats.signaturesRejected++;
    throw refusal(reason, `${field} does not recover to the expected signer`);
  }
  if (stats) stats.signaturesVerified++;
  return recovered;
}

/** keccak(abi.encode(address)) as raw bytes: the message of both §6 payload signatures. */
export function sessionAddressDigest(address) {
  return keccak256(encodeAbiParameters(parseAbiParameters('address'), [address]));
}

// ---------------------------------------------------------------- paymaster data (§5)

const PAYMASTER_DATA_TYPE = parseAbiParameters('address, uint48, uint48, bytes');

/**
 * Decode and verify §5 paymaster data: canonical ABI layout, the client SWA, the client
 * signer's signature over keccak(encodePacked(nonce, clientSWA, validUntil, validAfter)),
 * validUntil in the future and validAfter not.
 */
export async function verifyPaymasterData({ paymasterData, nonceBytes32, clientSWA, clientSigner, nowSecs, stats }) {
  requireHexBytes(paymasterData, 'paymasterData');
  let decoded;
  try {
    decoded = decodeAbiParameters(PAYMASTER_DATA_TYPE, paymasterData);
  } catch {
    throw refuse('BAD_PAYMASTER_DATA', 'paymasterData does not ABI-decode as (address, uint48, uint48, bytes)');
  }
  if (encodeAbiParameters(PAYMASTER_DATA_TYPE, decoded).toLowerCase() !== paymasterData.toLowerCase())
    throw refuse('BAD_PAYMASTER_DATA', 'paymasterData is not the canonical ABI encoding (256 bytes)');
  const [address, validUntil, validAfter, signature] = decoded;
  if (!sameAddress(address, clientSWA))
    throw refuse('PAYMASTER_CLIENT_MISMATCH', `paymasterData names ${address}, not the client SWA ${clientSWA}`);
  const hash = keccak256(
    encodePacked(['bytes32', 'address', 'uint48', 'uint48'], [nonceBytes32, address, validUntil, validAfter]),
  );
  await verifyEip191({
    message: { raw: hash },
    signature,
    expected: clientSigner,
    field: 'paymasterData signature',
    reason: 'PAYMASTER_SIGNATURE_INVALID',
    stats,
  });
  if (validUntil <= nowSecs) throw refuse('PAYMASTER_EXPIRED', `paymasterData validUntil ${validUntil} is in the past`);
  if (validAfter > nowSecs) throw refuse('PAYMASTER_NOT_YET_VALID', `paymasterData validAfter ${validAfter} is in the future`);
  return { validUntil, validAfter };
}

// ---------------------------------------------------------------- user operations (§9)

export const USEROP_QUANTITY_FIELDS = [
  'callGasLimit',
  'verificationGasLimit',
  'preVerificationGas',
  'maxFeePerGas',
  'maxPriorityFeePerGas',
  'paymasterPostOpGasLimit',
  'paymasterVerificationGasLimit',
];

/** Shape checks for a signed user operation. */
export function checkUserOpShape(op) {
  requireObject(op, 'userOp');
  const required = ['sender', 'nonce', 'paymaster', ...USEROP_QUANTITY_FIELDS, 'callData', 'paymasterData', 'signature'];
  for (const f of required) if (!(f in op)) throw refuse('MISSING_FIELD', `userOp.${f} is missing`);
  requireAddress(op.sender, 'userOp.sender');
  requireAddress(op.paymaster, 'userOp.paymaster');
  if (typeof op.nonce !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(op.nonce))
    throw refuse('BAD_NONCE', 'userOp.nonce must be 32 bytes of hex');
  if (!/^0x0{32}/.test(op.nonce)) throw refuse('BAD_NONCE', 'userOp.nonce must be a UUID: its high 16 bytes must be zero');
  for (const f of USEROP_QUANTITY_FIELDS) requireQuantity(op[f], `userOp.${f}`);
  requireHexBytes(op.callData, 'userOp.callData');
  requireHexBytes(op.paymasterData, 'userOp.paymasterData');
  requireHexBytes(op.signature, 'userOp.signature');
}

/** userOpHash exactly as the official SDK computes it (§9). */
export function userOpHash(op, env = SANDBOX) {
  const p16 = (x) => pad(x, { size: 16 });
  const accountGasLimits = concat([p16(op.verificationGasLimit), p16(op.callGasLimit)]);
  const gasFees = concat([p16(op.maxFeePerGas), p16(op.maxPriorityFeePerGas)]);
  const paymasterAndData = concat([
    op.paymaster,
    p16(op.paymasterVerificationGasLimit),
    p16(op.paymasterPostOpGasLimit),
    op.paymasterData,
  ]);
  const packed = encodeAbiParameters(
    parseAbiParameters('address, bytes32, bytes32, bytes32, bytes32, uint256, bytes32, bytes32'),
    [
      getAddress(op.sender),
      pad(op.nonce, { size: 32 }),
      keccak256('0x'),
      keccak256(op.callData),
      accountGasLimits,
      hexToBigInt(op.preVerificationGas),
      gasFees,
      keccak256(paymasterAndData),
    ],
  );
  return keccak256(
    encodeAbiParameters(parseAbiParameters('bytes32, address, uint256'), [
      keccak256(packed),
      env.entryPoint,
      BigInt(env.chainId),
    ]),
  );
}

const OUTER_CALL_TYPE = parseAbiParameters('bytes4, address, uint256, bytes');

function decodeCanonical(types, data, field) {
  const t = typeof types === 'string' ? parseAbiParameters(types) : types;
  let decoded;
  try {
    decoded = decodeAbiParameters(t, data);
  } catch {
    throw refuse('BAD_CALLDATA', `${field} does not ABI-decode`);
  }
  let again;
  try {
    again = encodeAbiParameters(t, decoded);
  } catch {
    throw refuse('BAD_CALLDATA', `${field} holds values that do not re-encode`);
  }
  if (again.toLowerCase() !== data.toLowerCase()) throw refuse('BAD_CALLDATA', `${field} is not canonically encoded`);
  return decoded;
}

/**
 * Decode §9 callData into `{ jobId, clientSWA, userSWA, feePayer, policy, gsn, intentType, params }`.
 * Only layout is checked here; `checkIntent` checks the meaning.
 */
export function decodeCallData(callData, env = SANDBOX) {
  const [selector, jobManager, value, inner] = decodeCanonical(OUTER_CALL_TYPE, callData, 'callData');
  if (selector.toLowerCase() !== EXECUTE_USEROP_SELECTOR)
    throw refuse('BAD_CALLDATA', `callData selector is ${selector}, expected ${EXECUTE_USEROP_SELECTOR}`);
  if (!sameAddress(jobManager, env.jobManager))
    throw refuse('BAD_JOB_MANAGER', `callData targets ${jobManager}, not the job manager ${env.jobManager}`);
  if (value !== 0n) throw refuse('BAD_CALLDATA', 'callData value must be 0');
  let fn;
  try {
    fn = decodeFunctionData({ abi: INTENT_ABI, data: inner });
  } catch {
    throw refuse('BAD_CALLDATA', 'callData inner call is not initiateJob(uint256,address,address,address,bytes,bytes,bytes,string)');
  }
  if (encodeFunctionData({ abi: INTENT_ABI, functionName: 'initiateJob', args: fn.args }).toLowerCase() !== inner.toLowerCase())
    throw refuse('BAD_CALLDATA', 'initiateJob call is not canonically encoded');
  const [jobId, clientSWA, userSWA, feePayer, policyInfo, gsnData, jobParameters, intentType] = fn.args;
  if (!(intentType in JOB_PARAMETER_TYPES))
    throw refuse('UNSUPPORTED_INTENT', `intent type ${JSON.stringify(intentType)} is not supported by the dev gateway`);
  const [policy] = decodeCanonical(POLICY_TYPE, policyInfo, 'policyInfo');
  const [gsn] = decodeCanonical(gsnType(intentType), gsnData, 'gsnData');
  const [params] = decodeCanonical(JOB_PARAMETER_TYPES[intentType], jobParameters, 'jobParameters');
  return { jobId, clientSWA, userSWA, feePayer, policy, gsn, intentType, params };
}

/**
 * Meaning checks shared by execute and estimate: chain supported, addresses valid, no
 * self-transfer, NFT rules, raw transactions well formed and sent from the user's wallet.
 * `params` uses the §9 field names; amounts are bigint.
 */
export function checkIntent({ intentType, params, userSWA, findNetwork }) {
  const chain = findNetwork(params.caip2Id);
  if (!chain) throw refuse('UNSUPPORTED_CHAIN', `chain ${JSON.stringify(params.caip2Id)} is not in supported/networks`);
  const evm = chain.type === 'EVM';
  const checkRecipient = (x, field) => {
    if (evm) requireAddress(x, field, 'BAD_RECIPIENT');
    else if (typeof x !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(x))
      throw refuse('BAD_RECIPIENT', `${field} is not a valid ${chain.type} address`);
    if (sameAddress(x, userSWA)) throw refuse('SELF_TRANSFER', `${field} is the user's own wallet`);
  };
  if (intentType === 'TOKEN_TRANSFER') {
    checkRecipient(params.recipientWalletAddress, 'recipientWalletAddress');
    if (params.tokenAddress !== '') {
      if (evm) requireAddress(params.tokenAddress, 'tokenAddress', 'BAD_TOKEN');
      else if (!/^0x[0-9a-fA-F]{1,64}(::.+)?$/.test(params.tokenAddress))
        throw refuse('BAD_TOKEN', 'tokenAddress is not valid');
    }
    if (params.amount <= 0n) throw refuse('BAD_AMOUNT', 'amount must be greater than 0');
  } else if (intentType === 'NFT_TRANSFER') {
    if (!evm) throw refuse('UNSUPPORTED_CHAIN', 'NFT_TRANSFER is only supported on EVM chains by the dev gateway');
    checkRecipient(params.recipientWalletAddress, 'recipientWalletAddress');
    requireAddress(params.collectionAddress, 'collectionAddress', 'BAD_COLLECTION');
    if (typeof params.nftId !== 'string' || params.nftId === '') throw refuse('BAD_FIELD', 'nftId must be a non-empty string');
    if (params.nftType !== 'ERC721' && params.nftType !== 'ERC1155')
      throw refuse('BAD_NFT_TYPE', `nftType must be ERC721 or ERC1155, got ${JSON.stringify(params.nftType)}`);
    if (params.amount <= 0n) throw refuse('BAD_AMOUNT', 'amount must be greater than 0');
    if (params.nftType === 'ERC721' && params.amount !== 1n) throw refuse('BAD_AMOUNT', 'ERC721 transfers must have amount 1');
  } else if (intentType === 'RAW_TRANSACTION') {
    if (!chain.caip_id.startsWith('eip155:'))
      throw refuse('UNSUPPORTED_CHAIN', 'RAW_TRANSACTION is only for EVM chains (eip155:)');
    if (!Array.isArray(params.transactions) || params.transactions.length === 0)
      throw refuse('BAD_TRANSACTIONS', 'transactions must be a non-empty list');
    params.transactions.forEach((tx, i) => checkRawTransaction(tx, `transactions[${i}]`, userSWA));
  }
  return chain;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A raw transaction: hex bytes of UTF-8 JSON `{from, to, data, value}` (§9), or the object itself. */
export function checkRawTransaction(tx, field, userSWA) {
  let obj = tx;
  if (typeof tx === 'string') {
    requireHexBytes(tx, field);
    try {
      obj = JSON.parse(utf8.decode(Buffer.from(tx.slice(2), 'hex')));
    } catch {
      throw refuse('BAD_TRANSACTIONS', `${field} is not UTF-8 JSON`);
    }
  }
  if (!isObject(obj)) throw refuse('BAD_TRANSACTIONS', `${field} must be a JSON object`);
  for (const k of Object.keys(obj))
    if (!['from', 'to', 'data', 'value'].includes(k)) throw refuse('BAD_TRANSACTIONS', `${field} has unknown key ${k}`);
  requireAddress(obj.from, `${field}.from`, 'BAD_TRANSACTIONS');
  requireAddress(obj.to, `${field}.to`, 'BAD_TRANSACTIONS');
  if (!sameAddress(obj.from, userSWA)) throw refuse('BAD_TRANSACTIONS', `${field}.from is not the user's wallet`);
  if (typeof obj.data !== 'string' || !HEX_RE.test(obj.data)) throw refuse('BAD_TRANSACTIONS', `${field}.data must be hex bytes ("0x" when empty)`);
  if (typeof obj.value !== 'string' || !QUANTITY_RE.test(obj.value))
    throw refuse('BAD_TRANSACTIONS', `${field}.value must be a minimal hex quantity ("0x0")`);
  return obj;
}

/** Encode §9 callData (used by estimate to show the user operation it would build). */
export function encodeCallData({ jobIdUuid, clientSWA, userSWA, feePayer, chain, intentType, params, env = SANDBOX }) {
  const inner = encodeFunctionData({
    abi: INTENT_ABI,
    functionName: 'initiateJob',
    args: [
      BigInt(uuidToBytes32(jobIdUuid)),
      clientSWA,
      userSWA,
      feePayer,
      encodeAbiParameters(parseAbiParameters(POLICY_TYPE), [
        { gsnEnabled: chain.gsn_enabled, sponsorshipEnabled: chain.sponsorship_enabled },
      ]),
      encodeAbiParameters(parseAbiParameters(gsnType(intentType)), [{ isRequired: false, requiredNetworks: [], tokens: [] }]),
      encodeAbiParameters(parseAbiParameters(JOB_PARAMETER_TYPES[intentType]), [params]),
      intentType,
    ],
  });
  return encodeAbiParameters(OUTER_CALL_TYPE, [EXECUTE_USEROP_SELECTOR, env.jobManager, 0n, inner]);
}

// ---------------------------------------------------------------- canonical JSON and sign-message (§11)

/** RFC 8785 JSON canonicalization, enough for JSON data (strings, numbers, bools, null, arrays, objects). */
export function jcs(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => jcs(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    // RFC 8785 sorts by UTF-16 code units, which is what JS string comparison does.
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`).join(',')}}`;
  }
  throw new TypeError(`JCS: unsupported type ${typeof value}`);
}

/** The exact text a session key signs for one sign-message transaction (§11 steps 2-5). */
export function signMessageChallengeText({ transactionId, method, signingMessage, ecdsaKeyId, threshold }) {
  const msg = jcs({ [transactionId]: { requestType: method, signingMessage } });
  const setup = { t: threshold, key_id: ecdsaKeyId, message: msg, signAlg: 'secp256k1' };
  const first = createHash('sha256').update(jcs(setup), 'utf8').digest();
  const challenge = createHash('sha256').update(first).digest('hex');
  return jcs({ setup, challenge });
}


