// A strict local stand-in for Okto's sandbox gateway (JSON-RPC at /rpc) and BFF (REST at
// /api/oc/v1/...), for tests and local development without network access.
//
// It checks every request the way PROTOCOL.md says Okto does (signatures, nonces,
// paymaster data, user-op hash, call data, bearer tokens) and refuses what Okto would
// refuse, with a stable reason code. State lives in memory. Listens on 127.0.0.1 only.
//
//   node tests/gateway/server.mjs --port 8787
//   import { startGateway } from './tests/gateway/server.mjs'
//
// Only node's `http` module and viem are used. See README.md beside this file.

import http from 'node:http';
import { createHmac, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getAddress, keccak256, stringToBytes, toHex } from 'viem';
import { privateKeyToAccount, signMessage, signTypedData } from 'viem/accounts';

import * as data from './data.mjs';
import {
  AUTH_GAS_CONSTANT,
  JOB_PARAMETER_TYPES,
  PROVIDERS,
  Refusal,
  SANDBOX,
  UUID_RE,
  bytes32ToUuid,
  checkIntent,
  checkRawTransaction,
  checkUserOpShape,
  decodeCallData,
  encodeCallData,
  isObject,
  parseSessionPublicKey,
  refuse,
  requireAddress,
  requireHexBytes,
  requireObject,
  requireQuantity,
  requireString,
  requireUuid,
  sameAddress,
  sessionAddressDigest,
  signMessageChallengeText,
  unauthorized,
  userOpHash,
  uuidToBytes32,
  verifyEip191,
  verifyPaymasterData,
} from './okto.mjs';

/** Anvil's published account #0 key: the dev client's signer. Public knowledge, dev only. */
export const DEV_CLIENT_PRIVATE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const DEV_CLIENT_SIGNER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const DEV_CLIENT_SWA = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
export const DEFAULT_OTP = '123456';
export const DEFAULT_GAS_PRICE = Object.freeze({ maxFeePerGas: '0xba43b7400', maxPriorityFeePerGas: '0xba43b7400' });
export { SANDBOX };

const MAX_BODY_BYTES = 1 << 20;
const CAP = { sessions: 10_000, orders: 10_000, nonces: 50_000, otp: 10_000, authTokens: 10_000, userKeys: 10_000, statKeys: 500 };
const MISBEHAVE_MODES = ['off', 'http500', 'timeout', 'malformed', 'rpc-error'];
const OTP_TTL_SECS = 600;
const OTP_MAX_ATTEMPTS = 5;
const OTP_CLOCK_SKEW_MS = 5 * 60 * 1000;
const AUTH_TOKEN_TTL_SECS = 24 * 3600;
const BEARER_MAX_AHEAD_SECS = 24 * 3600;
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

function boundedSet(map, key, value, cap) {
  if (!map.has(key) && map.size >= cap) map.delete(map.keys().next().value);
  map.set(key, value);
}

function newStats() {
  return {
    startedAt: new Date().toISOString(),
    requests: {},
    rpc: {},
    responses: {},
    refusals: {},
    signaturesVerified: 0,
    signaturesRejected: 0,
  };
}

function bump(obj, key) {
  if (!(key in obj) && Object.keys(obj).length >= CAP.statKeys) key = '(other)';
  obj[key] = (obj[key] ?? 0) + 1;
}

const traceId = () => randomBytes(16).toString('hex');

/**
 * Start the gateway.
 * @param {object} [opts]
 * @param {number} [opts.port=0] 0 picks a free port.
 * @param {{clientSWA: string, signerAddress: string}[]} [opts.clients] registered clients; default: the dev client.
 * @param {number} [opts.sessionTtlSecs=864000] session lifetime (10 days).
 * @param {(line: string) => void | {info: Function} | {log: Function}} [opts.logger] one line per request; never secrets.
 * @param {number} [opts.orderSettleMs=2000] an order turns SUCCESSFUL after this long…
 * @param {number} [opts.orderSettleReads=2] …or after it has been read this many times.
 * @param {number} [opts.timeoutCapMs=60000] how long the "timeout" misbehaviour holds a request.
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>, state: object}>}
 */
export async function startGateway(opts = {}) {
  const {
    port = 0,
    clients: clientList = [{ clientSWA: DEV_CLIENT_SWA, signerAddress: DEV_CLIENT_SIGNER }],
    sessionTtlSecs = 864_000,
    logger,
    orderSettleMs = 2000,
    orderSettleReads = 2,
    timeoutCapMs = 60_000,
  } = opts;

  const clients = new Map();
  for (const c of clientList) {
    const clientSWA = getAddress(c.clientSWA);
    clients.set(clientSWA.toLowerCase(), { clientSWA, signerAddress: getAddress(c.signerAddress) });
  }

  const log =
    typeof logger === 'function'
      ? logger
      : logger && typeof logger.info === 'function'
        ? (l) => logger.info(l)
        : logger && typeof logger.log === 'function'
          ? (l) => logger.log(l)
          : () => {};

  const jwtSecret = randomBytes(32);

  const state = {
    otp: DEFAULT_OTP,
    gasPrice: { ...DEFAULT_GAS_PRICE },
    clockSkewMs: 0,
    clients,
    sessions: new Map(), // lower-case session address -> session
    orders: new Map(), // jobId -> order
    usedNonces: new Map(), // uuid -> what used it
    otpRequests: new Map(), // token -> pending OTP
    authTokens: new Map(), // auth_token -> identity
    userKeys: new Map(), // lower-case userSWA -> keys
    misbehave: { mode: 'off', remaining: null, routes: null, rpcMethods: null },
    stats: newStats(),
    reset() {
      for (const m of [this.sessions, this.orders, this.usedNonces, this.otpRequests, this.authTokens, this.userKeys]) m.clear();
      this.otp = DEFAULT_OTP;
      this.gasPrice = { ...DEFAULT_GAS_PRICE };
      this.clockSkewMs = 0;
      this.misbehave = { mode: 'off', remaining: null, routes: null, rpcMethods: null };
      this.stats = newStats();
    },
  };

  const nowMs = () => Date.now() + state.clockSkewMs;
  const nowSecs = () => Math.floor(nowMs() / 1000);

  const clientFor = (clientSWA) => clients.get(String(clientSWA).toLowerCase());

  // ------------------------------------------------------------ identity

  function deriveUserSWA(provider, sub, clientSWA) {
    const h = keccak256(stringToBytes(`${provider}:${sub}:${clientSWA}`));
    return getAddress(`0x${h.slice(-40)}`);
  }

  function parseJwt(token) {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p)))
      throw refuse('BAD_ID_TOKEN', 'idToken is not a JWT (three base64url parts)');
    let header;
    let payload;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw refuse('BAD_ID_TOKEN', 'idToken header or payload is not base64url JSON');
    }
    if (!isObject(header) || !isObject(payload)) throw refuse('BAD_ID_TOKEN', 'idToken header and payload must be JSON objects');
    if (typeof payload.sub !== 'string' || payload.sub === '') throw refuse('BAD_ID_TOKEN', 'idToken has no "sub" claim');
    if (payload.exp !== undefined && (typeof payload.exp !== 'number' || payload.exp <= nowSecs()))
      throw refuse('ID_TOKEN_EXPIRED', 'idToken "exp" is in the past');
    return payload;
  }

  /** Who the idToken names; `consume` marks a one-time token used. Nothing is consumed here. */
  function identify(provider, idToken, clientSWA) {
    if (provider === 'okto') {
      const rec = state.authTokens.get(idToken);
      if (!rec) throw refuse('BAD_ID_TOKEN', 'idToken is not an auth_token issued by this gateway (email/WhatsApp OTP verify)');
      if (rec.used) throw refuse('ID_TOKEN_USED', 'this auth_token has already been used to log in');
      if (rec.exp <= nowSecs()) throw refuse('ID_TOKEN_EXPIRED', 'this auth_token has expired');
      if (!sameAddress(rec.clientSWA, clientSWA))
        throw refuse('ID_TOKEN_CLIENT_MISMATCH', 'this auth_token was issued to a different client');
      return { sub: rec.sub, email: rec.email, consume: () => (rec.used = true) };
    }
    // google / apple / twitter / client_jwt: JWT-shaped, JWS NOT verified (dev only).
    const claims = parseJwt(idToken);
    return { sub: claims.sub, email: typeof claims.email === 'string' ? claims.email : undefined, consume: () => {} };
  }

  function mintOktoAuthToken(identity) {
    const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const iat = nowSecs();
    const body = {
      user_id: data.uuidFrom(`okto-user:${identity.sub}`),
      login_medium: identity.channel === 'email' ? 'EMAIL_OTP' : 'WHATSAPP_OTP',
      jti: toHex(randomBytes(16)).slice(2),
      iat,
      exp: iat + AUTH_TOKEN_TTL_SECS,
    };
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(body)}`;
    const token = `${head}.${createHmac('sha256', jwtSecret).update(head).digest('base64url')}`;
    boundedSet(
      state.authTokens,
      token,
      { sub: identity.sub, email: identity.email, clientSWA: identity.clientSWA, exp: body.exp, used: false },
      CAP.authTokens,
    );
    return token;
  }

  // ------------------------------------------------------------ authenticate (§6)

  async function authenticate(payload) {
    requireObject(payload, 'authenticate payload');
    const authData = requireObject(payload.authData, 'authData');
    const sd = requireObject(payload.sessionData, 'sessionData');
    if (!PROVIDERS.includes(authData.provider))
      throw refuse('BAD_PROVIDER', `authData.provider must be one of ${PROVIDERS.join(', ')}`);
    requireString(authData.idToken, 'authData.idToken');
    const nonce = requireUuid(sd.nonce, 'sessionData.nonce');
    const clientSWA = requireAddress(sd.clientSWA, 'sessionData.clientSWA');
    const client = clientFor(clientSWA);
    if (!client) throw refuse('UNKNOWN_CLIENT', `client SWA ${clientSWA} is not registered with this gateway`);
    const session = parseSessionPublicKey(sd.sessionPk, 'sessionData.sessionPk');
    for (const f of ['maxFeePerGas', 'maxPriorityFeePerGas'])
      if (f in sd && sd[f] !== AUTH_GAS_CONSTANT)
        throw refuse('BAD_GAS_FIELD', `sessionData.${f} must be "${AUTH_GAS_CONSTANT}" when present`);
    requireAddress(sd.paymaster, 'sessionData.paymaster');
    if (!sameAddress(sd.paymaster, SANDBOX.paymaster))
      throw refuse('WRONG_PAYMASTER', `sessionData.paymaster must be the sandbox paymaster ${SANDBOX.paymaster}`);

    const digest = sessionAddressDigest(session.address);
    const stats = state.stats;
    await verifyEip191({
      message: { raw: digest },
      signature: payload.sessionPkClientSignature,
      expected: client.signerAddress,
      field: 'sessionPkClientSignature',
      reason: 'CLIENT_SIGNATURE_INVALID',
      stats,
    });
    await verifyEip191({
      message: { raw: digest },
      signature: payload.sessionDataUserSignature,
      expected: session.address,
      field: 'sessionDataUserSignature',
      reason: 'USER_SIGNATURE_INVALID',
      stats,
    });
    await verifyPaymasterData({
      paymasterData: sd.paymasterData,
      nonceBytes32: uuidToBytes32(nonce),
      clientSWA: client.clientSWA,
      clientSigner: client.signerAddress,
      nowSecs: nowSecs(),
      stats,
    });
    if (state.usedNonces.has(nonce)) throw refuse('NONCE_REUSED', `nonce ${nonce} has already been used`);
    const who = identify(authData.provider, authData.idToken, client.clientSWA);

    // Accepted: from here on nothing can fail.
    who.consume();
    boundedSet(state.usedNonces, nonce, 'authenticate', CAP.nonces);
    const userSWA = deriveUserSWA(authData.provider, who.sub, client.clientSWA);
    const sessionExpiry = nowSecs() + sessionTtlSecs;
    boundedSet(
      state.sessions,
      session.address.toLowerCase(),
      {
        address: session.address,
        sessionPk: session.publicKey,
        userSWA,
        clientSWA: client.clientSWA,
        userId: data.uuidFrom(`user:${userSWA.toLowerCase()}`),
        provider: authData.provider,
        email: who.email,
        expiry: sessionExpiry,
        createdAt: nowSecs(),
      },
      CAP.sessions,
    );
    return { userSWA, nonce: uuidToBytes32(nonce), clientSWA: client.clientSWA, sessionExpiry };
  }

  // ------------------------------------------------------------ bearer token (§7)

  async function verifyBearer(req) {
    const h = req.headers.authorization;
    if (h === undefined) throw unauthorized('MISSING_AUTHORIZATION', 'Authorization header is missing');
    const m = /^Bearer ([^\s]+)$/i.exec(h);
    if (!m) throw unauthorized('BAD_AUTHORIZATION', 'Authorization must be "Bearer <token>"');
    const token = m[1];
    // Node's decoder is lenient; re-encoding catches url-safe letters, missing padding and junk.
    const raw = Buffer.from(token, 'base64');
    if (raw.toString('base64') !== token) throw unauthorized('TOKEN_NOT_BASE64', 'token is not standard (padded) base64');
    let t;
    try {
      t = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      throw unauthorized('TOKEN_NOT_JSON', 'token does not decode to JSON');
    }
    if (!isObject(t) || t.type !== 'ecdsa_uncompressed')
      throw unauthorized('TOKEN_BAD_SHAPE', 'token type must be "ecdsa_uncompressed"');
    const d = t.data;
    if (!isObject(d) || Object.keys(d).join(',') !== 'expire_at,session_pub_key')
      throw unauthorized('TOKEN_BAD_SHAPE', 'token data must be {"expire_at","session_pub_key"} in that order');
    if (!Number.isSafeInteger(d.expire_at) || d.expire_at <= 0)
      throw unauthorized('TOKEN_BAD_SHAPE', 'token expire_at must be an integer (unix seconds)');
    const key = parseSessionPublicKey(d.session_pub_key, 'token session_pub_key', unauthorized);
    // Okto re-serializes the struct: the signed text is exactly this.
    const text = JSON.stringify({ expire_at: d.expire_at, session_pub_key: d.session_pub_key });
    await verifyEip191({
      message: text,
      signature: t.data_signature,
      expected: key.address,
      field: 'token data_signature',
      reason: 'TOKEN_SIGNATURE_INVALID',
      stats: state.stats,
      refusal: unauthorized,
    });
    const now = nowSecs();
    if (d.expire_at <= now) throw unauthorized('TOKEN_EXPIRED', 'token expire_at is in the past');
    if (d.expire_at > now + BEARER_MAX_AHEAD_SECS)
      throw unauthorized('TOKEN_EXPIRY_TOO_FAR', 'token expire_at is more than 24 hours ahead');
    const session = state.sessions.get(key.address.toLowerCase());
    if (!session) throw unauthorized('SESSION_NOT_FOUND', 'no session is registered for this session key');
    if (session.expiry <= now) throw unauthorized('SESSION_EXPIRED', 'the session has expired; log in again');
    return session;
  }

  // ------------------------------------------------------------ user keys and MPC stand-in

  function userKeys(session) {
    const k = session.userSWA.toLowerCase();
    let keys = state.userKeys.get(k);
    if (!keys) {
      const mpcPrivateKey = keccak256(stringToBytes(`okto-dev-gateway:mpc-ecdsa:${k}`));
      const seed = Buffer.from(keccak256(stringToBytes(`okto-dev-gateway:mpc-eddsa:${k}`)).slice(2), 'hex');
      const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
      const jwk = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
      keys = {
        mpcPrivateKey,
        public: {
          userId: session.userId,
          userSWA: session.userSWA,
          ecdsaPublicKey: privateKeyToAccount(mpcPrivateKey).publicKey,
          eddsaPublicKey: `0x${Buffer.from(jwk.x, 'base64url').toString('hex')}`,
          ecdsaKeyId: data.uuidFrom(`ecdsa-key:${k}`),
          eddsaKeyId: data.uuidFrom(`eddsa-key:${k}`),
        },
      };
      boundedSet(state.userKeys, k, keys, CAP.userKeys);
    }
    return keys;
  }

  // ------------------------------------------------------------ execute (§9)

  function findNetwork(caip2Id) {
    return data.findNetwork(caip2Id);
  }

  function orderDetails(intentType, p) {
    if (intentType === 'TOKEN_TRANSFER')
      return {
        amount: p.amount.toString(),
        caip2Id: p.caip2Id,
        recipientWalletAddress: p.recipientWalletAddress,
        tokenAddress: p.tokenAddress,
      };
    if (intentType === 'NFT_TRANSFER')
      return {
        caip2Id: p.caip2Id,
        nftId: p.nftId,
        recipientWalletAddress: p.recipientWalletAddress,
        collectionAddress: p.collectionAddress,
        nftType: p.nftType,
        amount: p.amount.toString(),
      };
    throw new Error(`no order details for ${intentType}`);
  }

  async function execute(session, op) {
    checkUserOpShape(op);
    if (!sameAddress(op.sender, session.userSWA))
      throw refuse('WRONG_SENDER', `userOp.sender ${op.sender} is not this session's user SWA ${session.userSWA}`);
    if (!sameAddress(op.paymaster, SANDBOX.paymaster))
      throw refuse('WRONG_PAYMASTER', `userOp.paymaster must be the sandbox paymaster ${SANDBOX.paymaster}`);
    const client = clientFor(session.clientSWA);
    if (!client) throw refuse('UNKNOWN_CLIENT', `client ${session.clientSWA} is no longer registered`);
    await verifyEip191({
      message: { raw: userOpHash(op, SANDBOX) },
      signature: op.signature,
      expected: session.address,
      field: 'userOp.signature',
      reason: 'USEROP_SIGNATURE_INVALID',
      stats: state.stats,
    });
    const jobId = requireUuid(bytes32ToUuid(op.nonce), 'userOp.nonce (as a UUID)');
    await verifyPaymasterData({
      paymasterData: op.paymasterData,
      nonceBytes32: op.nonce,
      clientSWA: client.clientSWA,
      clientSigner: client.signerAddress,
      nowSecs: nowSecs(),
      stats: state.stats,
    });
    if (state.usedNonces.has(jobId)) throw refuse('NONCE_REUSED', `nonce ${jobId} has already been used`);
    const call = decodeCallData(op.callData, SANDBOX);
    if (call.jobId !== BigInt(op.nonce)) throw refuse('JOB_ID_MISMATCH', 'initiateJob jobId is not the userOp nonce');
    if (!sameAddress(call.clientSWA, client.clientSWA))
      throw refuse('CLIENT_MISMATCH', 'initiateJob clientSWA is not the session client');
    if (!sameAddress(call.userSWA, session.userSWA)) throw refuse('USER_MISMATCH', 'initiateJob userSWA is not the session user');
    const chain = checkIntent({ intentType: call.intentType, params: call.params, userSWA: session.userSWA, findNetwork });
    if (call.policy.gsnEnabled !== chain.gsn_enabled || call.policy.sponsorshipEnabled !== chain.sponsorship_enabled)
      throw refuse(
        'POLICY_MISMATCH',
        `policyInfo (gsnEnabled=${call.policy.gsnEnabled}, sponsorshipEnabled=${call.policy.sponsorshipEnabled}) does not match ${chain.caip_id} in supported/networks`,
      );
    if (call.gsn.isRequired !== false || call.gsn.requiredNetworks.length !== 0 || call.gsn.tokens.length !== 0)
      throw refuse('BAD_GSN_DATA', 'gsnData must be (false, [], [])');

    boundedSet(state.usedNonces, jobId, 'execute', CAP.nonces);
    const details =
      call.intentType === 'RAW_TRANSACTION'
        ? {
            caip2Id: call.params.caip2Id,
            transactions: call.params.transactions.map((t, i) => checkRawTransaction(t, `transactions[${i}]`, session.userSWA)),
          }
        : orderDetails(call.intentType, call.params);
    boundedSet(
      state.orders,
      jobId,
      {
        intentId: jobId,
        intentType: call.intentType,
        userSWA: session.userSWA,
        caip2Id: chain.caip_id,
        details,
        createdAtMs: nowMs(),
        reads: 0,
      },
      CAP.orders,
    );
    return { jobId };
  }

  function orderView(o, now) {
    const done = o.reads >= orderSettleReads || now - o.createdAtMs >= orderSettleMs;
    return {
      downstream_transaction_hash: done ? [keccak256(stringToBytes(`downstream:${o.intentId}`))] : [],
      transaction_hash: done ? [keccak256(stringToBytes(`tx:${o.intentId}`))] : [],
      status: done ? 'SUCCESSFUL' : 'IN_PROGRESS',
      intent_id: o.intentId,
      intent_type: o.intentType,
      network_name: 'OKTO_SANDBOX',
      caip_id: `eip155:${SANDBOX.chainId}`,
      details: o.details,
      reason: '',
      block_timestamp: done ? o.createdAtMs + 1000 : 0,
    };
  }

  // ------------------------------------------------------------ estimate

  function amountParam(x, field) {
    if (typeof x === 'string' && /^[0-9]+$/.test(x)) return BigInt(x);
    if (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) return BigInt(x);
    throw refuse('BAD_AMOUNT', `${field} must be a non-negative integer (decimal string)`);
  }

  function estimateParams(type, d) {
    const str = (k, opts) => requireString(d[k], `details.${k}`, opts);
    if (type === 'TOKEN_TRANSFER')
      return {
        caip2Id: str('caip2Id'),
        recipientWalletAddress: str('recipientWalletAddress'),
        tokenAddress: str('tokenAddress', { nonEmpty: false }),
        amount: amountParam(d.amount, 'details.amount'),
      };
    if (type === 'NFT_TRANSFER')
      return {
        caip2Id: str('caip2Id'),
        nftId: str('nftId'),
        recipientWalletAddress: str('recipientWalletAddress'),
        collectionAddress: str('collectionAddress'),
        nftType: str('nftType'),
        amount: amountParam(d.amount, 'details.amount'),
      };
    if (!Array.isArray(d.transactions)) throw refuse('BAD_TRANSACTIONS', 'details.transactions must be a list');
    return { caip2Id: str('caip2Id'), transactions: d.transactions };
  }

  async function estimate(session, body) {
    requireObject(body, 'estimate body');
    if (!(body.type in JOB_PARAMETER_TYPES))
      throw refuse('UNSUPPORTED_INTENT', `type must be one of ${Object.keys(JOB_PARAMETER_TYPES).join(', ')}`);
    const jobId = requireUuid(body.jobId, 'jobId');
    const gas = requireObject(body.gasDetails, 'gasDetails');
    requireQuantity(gas.maxFeePerGas, 'gasDetails.maxFeePerGas');
    requireQuantity(gas.maxPriorityFeePerGas, 'gasDetails.maxPriorityFeePerGas');
    const client = clientFor(session.clientSWA);
    if (!client) throw refuse('UNKNOWN_CLIENT', `client ${session.clientSWA} is no longer registered`);
    await verifyPaymasterData({
      paymasterData: body.paymasterData,
      nonceBytes32: uuidToBytes32(jobId),
      clientSWA: client.clientSWA,
      clientSigner: client.signerAddress,
      nowSecs: nowSecs(),
      stats: state.stats,
    });
    if (state.usedNonces.has(jobId)) throw refuse('NONCE_REUSED', `jobId ${jobId} has already been executed`);
    const details = requireObject(body.details, 'details');
    const params = estimateParams(body.type, details);
    const feePayer = body.feePayerAddress ? requireAddress(body.feePayerAddress, 'feePayerAddress') : ZERO_ADDRESS;
    const chain = checkIntent({ intentType: body.type, params, userSWA: session.userSWA, findNetwork });
    const encParams =
      body.type === 'RAW_TRANSACTION'
        ? {
            caip2Id: params.caip2Id,
            transactions: params.transactions.map((t, i) => {
              const tx = checkRawTransaction(t, `details.transactions[${i}]`, session.userSWA);
              return toHex(stringToBytes(JSON.stringify({ from: tx.from, to: tx.to, data: tx.data, value: tx.value })));
            }),
          }
        : params;
    const callData = encodeCallData({
      jobIdUuid: jobId,
      clientSWA: client.clientSWA,
      userSWA: session.userSWA,
      feePayer,
      chain,
      intentType: body.type,
      params: encParams,
    });
    const fee = (350_000n * BigInt(gas.maxFeePerGas)).toString();
    const empty = {
      gasFeesInInputToken: '',
      integratorFeesInInputToken: '',
      platformBaseFeesInInputToken: '',
      totalFeesInInputToken: '',
    };
    return {
      callData: {
        clientSWA: client.clientSWA,
        feePayerAddress: feePayer === ZERO_ADDRESS ? '' : feePayer,
        gsn: { isPossible: false, isRequired: false, requiredNetworks: [], tokens: [] },
        intentType: body.type,
        jobId,
        payload: details,
        policies: { gsnEnabled: chain.gsn_enabled, sponsorshipEnabled: chain.sponsorship_enabled },
        userSWA: session.userSWA,
      },
      details: {
        estimation: {
          amount: 'amount' in params ? params.amount.toString() : '',
          crossChainFee: '',
          crossChainFeeCollector: '',
          ...empty,
          outputAmount: '',
          recommendedSlippage: '',
          routeId: '',
          routeValidUntil: '',
          sameChainFee: '',
          sameChainFeeCollector: '',
          slippageUsed: '',
        },
        fees: {
          approxTransactionFeesInUSDT: chain.sponsorship_enabled ? '0' : '0.0021',
          transactionFees: { [chain.caip_id]: chain.sponsorship_enabled ? '0' : fee },
        },
        swapFees: { ...empty },
      },
      userOps: {
        sender: session.userSWA.toLowerCase(),
        nonce: uuidToBytes32(jobId),
        paymaster: SANDBOX.paymaster.toLowerCase(),
        callGasLimit: '0x927c0',
        verificationGasLimit: '0x61a80',
        preVerificationGas: '0x186a0',
        maxFeePerGas: gas.maxFeePerGas,
        maxPriorityFeePerGas: gas.maxPriorityFeePerGas,
        paymasterPostOpGasLimit: '0x30d40',
        paymasterVerificationGasLimit: '0x30d40',
        callData,
        paymasterData: body.paymasterData,
      },
    };
  }

  // ------------------------------------------------------------ sign message (§11)

  async function signMessageOp(session, body) {
    requireObject(body, 'signMessage body');
    const d = isObject(body.data) ? body.data : body;
    const ud = requireObject(d.userData, 'data.userData');
    requireAddress(ud.userSWA, 'userData.userSWA');
    if (!sameAddress(ud.userSWA, session.userSWA)) throw refuse('WRONG_USER', 'userData.userSWA is not the session user');
    const jobId = requireUuid(ud.jobId, 'userData.jobId');
    if (typeof ud.sessionPk !== 'string' || ud.sessionPk.toLowerCase() !== session.sessionPk)
      throw refuse('WRONG_SESSION_KEY', 'userData.sessionPk is not this session key');
    if (!Array.isArray(d.transactions) || d.transactions.length === 0 || d.transactions.length > 16)
      throw refuse('BAD_TRANSACTIONS', 'data.transactions must be a list of 1 to 16 items');
    if (state.usedNonces.has(jobId)) throw refuse('NONCE_REUSED', `jobId ${jobId} has already been used`);
    const keys = userKeys(session);
    const seen = new Set();
    const checked = [];
    for (const [i, tx] of d.transactions.entries()) {
      const f = `transactions[${i}]`;
      requireObject(tx, f);
      const tid = requireUuid(tx.transactionId, `${f}.transactionId`);
      if (seen.has(tid) || state.usedNonces.has(tid)) throw refuse('NONCE_REUSED', `${f}.transactionId has already been used`);
      seen.add(tid);
      if (tx.method !== 'EIP191' && tx.method !== 'EIP712') throw refuse('BAD_METHOD', `${f}.method must be EIP191 or EIP712`);
      requireString(tx.signingMessage, `${f}.signingMessage`);
      let typed;
      if (tx.method === 'EIP712') {
        try {
          typed = JSON.parse(tx.signingMessage);
        } catch {
          throw refuse('BAD_TYPED_DATA', `${f}.signingMessage is not JSON typed data`);
        }
        if (!isObject(typed) || !isObject(typed.types) || typeof typed.primaryType !== 'string' || !isObject(typed.message))
          throw refuse('BAD_TYPED_DATA', `${f}.signingMessage must have types, primaryType, domain and message`);
      }
      const text = signMessageChallengeText({
        transactionId: tx.transactionId,
        method: tx.method,
        signingMessage: tx.signingMessage,
        ecdsaKeyId: keys.public.ecdsaKeyId,
        threshold: SANDBOX.mpcThreshold,
      });
      await verifyEip191({
        message: text,
        signature: tx.userSessionSignature,
        expected: session.address,
        field: `${f}.userSessionSignature`,
        reason: 'SESSION_SIGNATURE_INVALID',
        stats: state.stats,
      });
      checked.push({ tx, typed });
    }
    const out = [];
    for (const { tx, typed } of checked) {
      let sig;
      if (typed) {
        try {
          sig = await signTypedData({
            domain: typed.domain ?? {},
            types: typed.types,
            primaryType: typed.primaryType,
            message: typed.message,
            privateKey: keys.mpcPrivateKey,
          });
        } catch (e) {
          throw refuse('BAD_TYPED_DATA', `signingMessage is not valid EIP-712 typed data: ${e.shortMessage ?? e.message}`);
        }
      } else {
        sig = await signMessage({ message: tx.signingMessage, privateKey: keys.mpcPrivateKey });
      }
      out.push({ transactionId: tx.transactionId, signature: sig.slice(2) });
    }
    boundedSet(state.usedNonces, jobId, 'signMessage', CAP.nonces);
    for (const { tx } of checked) boundedSet(state.usedNonces, tx.transactionId.toLowerCase(), 'signMessage', CAP.nonces);
    return out;
  }

  // ------------------------------------------------------------ OTP (§10)

  const OTP_SHAPES = {
    'email:send': ['email', 'client_swa', 'timestamp'],
    'email:resend': ['email', 'token', 'client_swa', 'timestamp'],
    'email:verify': ['email', 'token', 'otp', 'client_swa', 'timestamp'],
    'whatsapp:send': ['whatsapp_number', 'country_short_name', 'client_swa', 'timestamp'],
    'whatsapp:resend': ['whatsapp_number', 'country_short_name', 'token', 'client_swa', 'timestamp'],
    'whatsapp:verify': ['whatsapp_number', 'country_short_name', 'token', 'otp', 'client_swa', 'timestamp'],
  };

  async function otpCheck(body, channel, verify) {
    requireObject(body, 'body');
    if (body.type !== 'ethsign') throw refuse('BAD_FIELD', 'type must be "ethsign"');
    const d = requireObject(body.data, 'data');
    const kind = verify ? 'verify' : 'token' in d ? 'resend' : 'send';
    const shape = OTP_SHAPES[`${channel}:${kind}`];
    if (Object.keys(d).join(',') !== shape.join(','))
      throw refuse('BAD_KEY_ORDER', `data keys must be exactly ${shape.join(', ')} in that order`);
    let contact;
    if (channel === 'email') {
      requireString(d.email, 'data.email');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email)) throw refuse('BAD_CONTACT', 'data.email is not an email address');
      contact = d.email.toLowerCase();
    } else {
      if (typeof d.whatsapp_number !== 'string' || !/^[0-9]{6,15}$/.test(d.whatsapp_number))
        throw refuse('BAD_CONTACT', 'data.whatsapp_number must be 6 to 15 digits');
      if (typeof d.country_short_name !== 'string' || !/^[A-Z]{2}$/.test(d.country_short_name))
        throw refuse('BAD_CONTACT', 'data.country_short_name must be a two-letter country code (e.g. "IN")');
      contact = `${d.country_short_name}:${d.whatsapp_number}`;
    }
    const clientSWA = requireAddress(d.client_swa, 'data.client_swa');
    const client = clientFor(clientSWA);
    if (!client) throw refuse('UNKNOWN_CLIENT', `client SWA ${clientSWA} is not registered with this gateway`);
    if (!Number.isSafeInteger(d.timestamp)) throw refuse('BAD_TIMESTAMP', 'data.timestamp must be an integer (unix ms)');
    await verifyEip191({
      message: JSON.stringify(d),
      signature: body.client_signature,
      expected: client.signerAddress,
      field: 'client_signature',
      reason: 'CLIENT_SIGNATURE_INVALID',
      stats: state.stats,
    });
    if (Math.abs(d.timestamp - nowMs()) > OTP_CLOCK_SKEW_MS)
      throw refuse('SIGNATURE_EXPIRED', 'data.timestamp is more than 5 minutes from now (Signature Expired)');
    return { d, kind, contact, client };
  }

  function pendingOtp(d, contact, channel, client) {
    const rec = state.otpRequests.get(typeof d.token === 'string' ? d.token : '');
    if (!rec) throw refuse('BAD_OTP_TOKEN', 'token is not a pending OTP request');
    if (rec.channel !== channel || rec.contact !== contact || !sameAddress(rec.clientSWA, client.clientSWA))
      throw refuse('BAD_OTP_TOKEN', 'token was issued for a different contact or client');
    if (rec.createdAt + OTP_TTL_SECS <= nowSecs()) {
      state.otpRequests.delete(d.token);
      throw refuse('OTP_EXPIRED', 'the OTP has expired; send a new one');
    }
    return rec;
  }

  async function otpSend(body, channel) {
    const { d, kind, contact, client } = await otpCheck(body, channel, false);
    let token;
    if (kind === 'resend') {
      const rec = pendingOtp(d, contact, channel, client);
      rec.createdAt = nowSecs();
      rec.attempts = 0;
      token = d.token;
    } else {
      token = data.uuidFrom(`otp:${randomBytes(16).toString('hex')}`);
      boundedSet(
        state.otpRequests,
        token,
        { channel, contact, clientSWA: client.clientSWA, createdAt: nowSecs(), attempts: 0 },
        CAP.otp,
      );
    }
    return {
      status: 'success',
      message: channel === 'email' ? 'email otp sent' : 'phone otp sent',
      code: 200,
      token,
      trace_id: traceId(),
    };
  }

  async function otpVerify(body, channel) {
    const { d, contact, client } = await otpCheck(body, channel, true);
    const rec = pendingOtp(d, contact, channel, client);
    if (typeof d.otp !== 'string' || d.otp !== String(state.otp)) {
      rec.attempts++;
      if (rec.attempts >= OTP_MAX_ATTEMPTS) state.otpRequests.delete(d.token);
      throw refuse('WRONG_OTP', 'the OTP is not correct');
    }
    state.otpRequests.delete(d.token);
    const auth_token = mintOktoAuthToken({
      sub: `${channel}:${contact}`,
      email: channel === 'email' ? contact : undefined,
      channel,
      clientSWA: client.clientSWA,
    });
    return {
      auth_token,
      message: 'success',
      refresh_auth_token: `${auth_token.split('.').slice(0, 2).join('.')}.${randomBytes(16).toString('base64url')}`,
      device_token: randomBytes(32).toString('hex'),
    };
  }

  // ------------------------------------------------------------ explorer

  function paging(url) {
    const get = (k, dflt, max) => {
      const v = url.searchParams.get(k);
      if (v === null || v === '') return dflt;
      if (!/^[0-9]+$/.test(v) || Number(v) < 1 || Number(v) > max)
        throw refuse('BAD_QUERY', `${k} must be an integer from 1 to ${max}`);
      return Number(v);
    };
    const page = get('page', 1, 1_000_000);
    const size = get('size', 10, 100);
    return (list) => list.slice((page - 1) * size, page * size);
  }

  function listOrders(session, url) {
    const intentId = url.searchParams.get('intent_id');
    const status = url.searchParams.get('status');
    const intentType = url.searchParams.get('intent_type');
    if (intentId && !UUID_RE.test(intentId)) throw refuse('BAD_QUERY', 'intent_id must be a UUID');
    const page = paging(url);
    const now = nowMs();
    const mine = [...state.orders.values()]
      .filter((o) => sameAddress(o.userSWA, session.userSWA))
      .filter((o) => !intentId || o.intentId === intentId.toLowerCase())
      .filter((o) => !intentType || o.intentType === intentType)
      .map((o) => ({ o, view: orderView(o, now) }))
      .filter(({ view }) => !status || view.status === status)
      .reverse();
    const shown = page(mine);
    for (const { o } of shown) o.reads++;
    return { count: mine.length, items: shown.map(({ view }) => view) };
  }

  function activity(session, url) {
    const page = paging(url);
    const net = (caip) => data.findNetwork(caip);
    const mine = [...state.orders.values()]
      .filter((o) => sameAddress(o.userSWA, session.userSWA))
      .map((o) => {
        const n = net(o.caip2Id);
        const t = Math.floor(o.createdAtMs / 1000);
        return {
          symbol: '',
          image: '',
          name: '',
          short_name: '',
          id: o.intentId,
          group_id: '',
          description: o.intentType === 'NFT_TRANSFER' ? 'NFT Transfer' : o.intentType === 'TOKEN_TRANSFER' ? 'Transfer' : 'Transaction',
          quantity: o.details.amount ?? '',
          amount: o.details.amount ?? '',
          order_type: o.intentType,
          transfer_type: 'WITHDRAWAL',
          status: true,
          created_at: t,
          updated_at: t,
          timestamp: t,
          tx_hash: keccak256(stringToBytes(`tx:${o.intentId}`)),
          network_id: n.network_id,
          network_name: n.network_name,
          network_explorer_url: n.explorer,
          network_symbol: n.symbol,
          caip_id: n.caip_id,
        };
      })
      .reverse();
    const all = [...mine, ...data.baseActivity(session.userSWA)];
    return { count: all.length, activity: page(all) };
  }

  function readContractData(body) {
    requireObject(body, 'body');
    const chain = data.findNetwork(body.caip2id);
    if (!chain)
      throw new Refusal('UNSUPPORTED_CHAIN', 'Network Details not found (caip2id is not in supported/networks)', {
        errorCode: 'ER-TECH-0004',
      });
    const d = requireObject(body.data, 'data');
    if (chain.type === 'EVM') {
      requireAddress(d.contractAddress, 'data.contractAddress');
      const abi = requireObject(d.abi, 'data.abi');
      if (abi.type !== 'function' || typeof abi.name !== 'string' || !Array.isArray(abi.inputs) || !Array.isArray(abi.outputs))
        throw refuse('BAD_ABI', 'data.abi must be one function item with name, inputs and outputs');
      if (abi.stateMutability !== 'view' && abi.stateMutability !== 'pure')
        throw refuse('BAD_ABI', 'data.abi must be a view or pure function');
      const args = d.args === undefined ? {} : requireObject(d.args, 'data.args');
      for (const inp of abi.inputs)
        if (!(inp?.name in args)) throw refuse('BAD_ARGS', `data.args is missing ${JSON.stringify(inp?.name)}`);
    } else {
      if (typeof d.function !== 'string' || !/^0x[0-9a-fA-F]+::\w+::\w+$/.test(d.function))
        throw refuse('BAD_FIELD', 'data.function must look like 0x1::coin::balance');
      if (d.typeArguments !== undefined && !Array.isArray(d.typeArguments))
        throw refuse('BAD_FIELD', 'data.typeArguments must be a list');
      if (d.functionArguments !== undefined && !Array.isArray(d.functionArguments))
        throw refuse('BAD_FIELD', 'data.functionArguments must be a list');
    }
    return data.readResult(chain.caip_id, d);
  }

  // ------------------------------------------------------------ routing

  const bearer = (fn) => ({ auth: true, fn });
  const open = (fn) => ({ auth: false, fn });
  const otp = (fn) => ({ auth: false, otp: true, fn });
  const V1 = '/api/oc/v1';
  const REST = {
    [`POST ${V1}/authenticate`]: open((c) => authenticate(c.json)),
    [`POST ${V1}/authenticate/email`]: otp((c) => otpSend(c.json, 'email')),
    [`POST ${V1}/authenticate/email/verify`]: otp((c) => otpVerify(c.json, 'email')),
    [`POST ${V1}/authenticate/whatsapp`]: otp((c) => otpSend(c.json, 'whatsapp')),
    [`POST ${V1}/authenticate/whatsapp/verify`]: otp((c) => otpVerify(c.json, 'whatsapp')),
    [`GET ${V1}/verify-session`]: bearer(({ session: s }) => ({
      user_id: s.userId,
      client_id: data.uuidFrom(`client:${s.clientSWA.toLowerCase()}`),
      vendor_id: data.uuidFrom(`client:${s.clientSWA.toLowerCase()}`),
      user_swa: s.userSWA,
      client_swa: s.clientSWA,
      vendor_swa: s.clientSWA,
      is_session_added: true,
      sign_auth_relayer_user_ops: '',
      session_expiry: s.expiry,
    })),
    [`GET ${V1}/wallets`]: bearer(({ session }) => data.wallets(session.userSWA)),
    [`GET ${V1}/supported/networks`]: bearer(() => ({
      count: data.NETWORKS.length,
      network: data.NETWORKS.map(data.publicNetwork),
    })),
    [`GET ${V1}/supported/tokens`]: bearer(() => ({ count: data.TOKENS.length, tokens: data.TOKENS })),
    [`GET ${V1}/aggregated-portfolio`]: bearer(({ session }) => data.portfolio(session.userSWA)),
    [`GET ${V1}/portfolio/activity`]: bearer(({ session, url }) => activity(session, url)),
    [`GET ${V1}/portfolio/nft`]: bearer(({ session, url }) => {
      const all = data.nfts(session.userSWA);
      return { count: all.length, details: paging(url)(all) };
    }),
    [`GET ${V1}/orders`]: bearer(({ session, url }) => listOrders(session, url)),
    [`GET ${V1}/gas-values`]: bearer(() => ({ ...state.gasPrice })),
    [`GET ${V1}/user-keys`]: bearer(({ session }) => userKeys(session).public),
    [`POST ${V1}/readContractData`]: bearer((c) => readContractData(c.json)),
    [`POST ${V1}/execute`]: bearer((c) => execute(c.session, c.json)),
    [`POST ${V1}/estimate`]: bearer((c) => estimate(c.session, c.json)),
    // The official SDK 1.1.0 sends estimate as a GET with a JSON body.
    [`GET ${V1}/estimate`]: bearer((c) => estimate(c.session, c.json)),
    [`POST ${V1}/signMessage`]: bearer((c) => signMessageOp(c.session, c.json)),
  };
  const KNOWN_PATHS = new Set(Object.keys(REST).map((k) => k.split(' ')[1]));

  const RPC = {
    authenticate: { auth: false, arity: 1, fn: (c) => authenticate(c.params[0]) },
    execute: { auth: true, arity: 1, fn: (c) => execute(c.session, c.params[0]) },
    getUserOperationGasPrice: { auth: true, arity: 0, fn: () => ({ ...state.gasPrice }) },
    getUserKeys: { auth: true, arity: 0, fn: (c) => userKeys(c.session).public },
    signMessage: { auth: true, arity: 1, fn: (c) => signMessageOp(c.session, c.params[0]) },
  };

  // ------------------------------------------------------------ responses

  function send(res, status, body, headers = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  function noteRefusal(res, e) {
    res.oktoReason = e.reason;
    bump(state.stats.refusals, e.reason);
  }

  function restError(res, e) {
    if (!(e instanceof Refusal)) {
      res.oktoReason = 'INTERNAL';
      return send(res, 500, {
        status: 'error',
        error: { code: 500, errorCode: 'ER-TECH-0001', message: 'internal error in the dev gateway', trace_id: traceId(), details: String(e?.message ?? e) },
      });
    }
    noteRefusal(res, e);
    send(res, e.http, {
      status: 'error',
      error: { code: e.http, errorCode: e.errorCode, message: e.message, trace_id: traceId(), details: e.reason },
    });
  }

  function rpcReply(res, id, payload) {
    send(res, 200, { jsonrpc: '2.0', id, ...payload });
  }

  function rpcError(res, id, code, message, reason) {
    res.oktoReason = reason;
    if (reason) bump(state.stats.refusals, reason);
    rpcReply(res, id, { error: { code, message, data: reason } });
  }

  // ------------------------------------------------------------ misbehaviour

  function misbehaviourFor(path, rpcMethod) {
    const m = state.misbehave;
    if (m.mode === 'off') return null;
    if (m.routes && !m.routes.some((r) => (r.endsWith('*') ? path.startsWith(r.slice(0, -1)) : path === r.replace(/(.)\/$/, '$1'))))
      return null;
    if (m.rpcMethods && (path !== '/rpc' || !m.rpcMethods.includes(rpcMethod))) return null;
    const mode = m.mode;
    if (m.remaining !== null) {
      m.remaining--;
      if (m.remaining <= 0) state.misbehave = { mode: 'off', remaining: null, routes: null, rpcMethods: null };
    }
    return mode;
  }

  const held = new Set();

  function misbehave(mode, res, path, rpcId) {
    res.oktoReason = `MISBEHAVE:${mode}`;
    if (mode === 'http500') {
      return send(res, 500, {
        status: 'error',
        error: { code: 500, errorCode: 'ER-TECH-0001', message: 'Internal Server Error', trace_id: traceId(), details: 'injected by /__admin/misbehave' },
      });
    }
    if (mode === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      return res.end('{"status":"success","data":{"oops"');
    }
    if (mode === 'rpc-error') {
      if (path === '/rpc')
        return rpcReply(res, rpcId, { error: { code: -32000, message: 'injected server error', data: 'INJECTED' } });
      return send(res, 200, {
        status: 'error',
        error: { code: 500, errorCode: 'ER-TECH-0001', message: 'Something went wrong. Please try again', trace_id: traceId(), details: 'INJECTED' },
      });
    }
    // timeout: hold the request until the client gives up (or the cap passes).
    const timer = setTimeout(() => {
      held.delete(timer);
      res.socket?.destroy();
    }, timeoutCapMs);
    held.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      held.delete(timer);
    });
  }

  // ------------------------------------------------------------ admin

  async function admin(req, res, path, body) {
    const json = () => {
      if (!body.length) return {};
      try {
        return JSON.parse(body.toString('utf8'));
      } catch {
        return undefined;
      }
    };
    const bad = (msg) => send(res, 400, { ok: false, error: msg });
    const key = `${req.method} ${path}`;
    switch (key) {
      case 'GET /__admin/health':
        return send(res, 200, { ok: true });
      case 'POST /__admin/misbehave': {
        const b = json();
        if (!isObject(b) || !MISBEHAVE_MODES.includes(b.mode)) return bad(`mode must be one of ${MISBEHAVE_MODES.join(', ')}`);
        if (b.count !== undefined && b.count !== null && !(Number.isSafeInteger(b.count) && b.count > 0))
          return bad('count must be a positive integer');
        for (const f of ['routes', 'rpcMethods'])
          if (b[f] !== undefined && b[f] !== null && !(Array.isArray(b[f]) && b[f].every((r) => typeof r === 'string')))
            return bad(`${f} must be a list of strings`);
        state.misbehave =
          b.mode === 'off'
            ? { mode: 'off', remaining: null, routes: null, rpcMethods: null }
            : { mode: b.mode, remaining: b.count ?? null, routes: b.routes ?? null, rpcMethods: b.rpcMethods ?? null };
        return send(res, 200, { ok: true, misbehave: state.misbehave });
      }
      case 'GET /__admin/misbehave':
        return send(res, 200, { ok: true, misbehave: state.misbehave });
      case 'POST /__admin/forget-sessions': {
        const forgotten = state.sessions.size;
        state.sessions.clear();
        return send(res, 200, { ok: true, forgotten });
      }
      case 'GET /__admin/sessions':
        return send(res, 200, {
          ok: true,
          sessions: [...state.sessions.values()].map((s) => ({
            address: s.address,
            userSWA: s.userSWA,
            clientSWA: s.clientSWA,
            provider: s.provider,
            expiry: s.expiry,
          })),
        });
      case 'GET /__admin/stats':
        return send(res, 200, {
          ...state.stats,
          sessions: state.sessions.size,
          orders: state.orders.size,
          usedNonces: state.usedNonces.size,
          misbehave: state.misbehave,
        });
      case 'POST /__admin/reset':
        state.reset();
        return send(res, 200, { ok: true });
      case 'GET /__admin/otp':
        return send(res, 200, {
          ok: true,
          otp: String(state.otp),
          pending: [...state.otpRequests.entries()].map(([token, r]) => ({
            token,
            channel: r.channel,
            contact: r.contact,
            clientSWA: r.clientSWA,
            createdAt: r.createdAt,
          })),
        });
      case 'POST /__admin/otp': {
        const b = json();
        if (!isObject(b) || typeof b.otp !== 'string' || !/^[0-9]{4,8}$/.test(b.otp)) return bad('otp must be 4 to 8 digits');
        state.otp = b.otp;
        return send(res, 200, { ok: true, otp: state.otp });
      }
      case 'GET /__admin/clock':
        return send(res, 200, { ok: true, now: nowSecs(), skewSecs: state.clockSkewMs / 1000 });
      case 'POST /__admin/clock': {
        const b = json();
        if (!isObject(b) || typeof b.skewSecs !== 'number' || !Number.isFinite(b.skewSecs)) return bad('skewSecs must be a number');
        state.clockSkewMs = Math.round(b.skewSecs * 1000);
        return send(res, 200, { ok: true, now: nowSecs(), skewSecs: state.clockSkewMs / 1000 });
      }
      default:
        return send(res, 404, { ok: false, error: `no admin route ${key}` });
    }
  }

  // ------------------------------------------------------------ dev client signer

  async function clientSign(res, body) {
    let b;
    try {
      b = JSON.parse(body.toString('utf8'));
    } catch {
      b = undefined;
    }
    try {
      requireObject(b, 'body');
      requireHexBytes(b.digest, 'digest');
      if (b.digest.length === 2) throw refuse('BAD_HEX', 'digest must not be empty');
    } catch (e) {
      return restError(res, e);
    }
    const signature = await signMessage({ message: { raw: b.digest }, privateKey: DEV_CLIENT_PRIVATE_KEY });
    send(res, 200, { signature });
  }

  // ------------------------------------------------------------ request pipeline

  function readBody(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          reject(Object.assign(new Error('body too large'), { tooLarge: true }));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = url.pathname;
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Skip-Authorization');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Max-Age', '600');
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    bump(state.stats.requests, `${req.method} ${KNOWN_PATHS.has(path) || path === '/rpc' || path.startsWith('/__admin/') || path === '/dev/client-sign' ? path : '(unknown)'}`);
    let body;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e.tooLarge) return send(res, 413, { status: 'error', error: { code: 413, errorCode: 'ER-TECH-0005', message: 'request body too large', trace_id: traceId(), details: 'BODY_TOO_LARGE' } });
      throw e;
    }
    if (path.startsWith('/__admin/')) return admin(req, res, path, body);

    // JSON-RPC gateway
    if (path === '/rpc') {
      let msg;
      try {
        msg = JSON.parse(body.toString('utf8'));
      } catch {
        msg = undefined;
      }
      const rpcMethod = isObject(msg) && typeof msg.method === 'string' ? msg.method : undefined;
      res.oktoRpcMethod = rpcMethod;
      const replyId = isObject(msg) && (typeof msg.id === 'string' || typeof msg.id === 'number') ? msg.id : null;
      const mode = misbehaviourFor(path, rpcMethod);
      if (mode) return misbehave(mode, res, path, replyId);
      if (req.method !== 'POST') return rpcError(res, null, -32600, 'JSON-RPC requests must be POSTed', 'METHOD_NOT_ALLOWED');
      if (msg === undefined) return rpcError(res, null, -32700, 'Parse error: body is not JSON', 'BAD_JSON');
      if (Array.isArray(msg)) return rpcError(res, null, -32600, 'batch requests are not supported', 'BAD_ENVELOPE');
      if (!isObject(msg)) return rpcError(res, null, -32600, 'request must be a JSON object', 'BAD_ENVELOPE');
      if (msg.jsonrpc !== '2.0') return rpcError(res, replyId, -32600, 'jsonrpc must be "2.0"', 'BAD_ENVELOPE');
      if (typeof msg.method !== 'string') return rpcError(res, replyId, -32600, 'method must be a string', 'BAD_ENVELOPE');
      if (typeof msg.id !== 'string' || !UUID_RE.test(msg.id))
        return rpcError(res, replyId, -32600, 'id must be a UUID string', 'BAD_ENVELOPE');
      if (!Array.isArray(msg.params)) return rpcError(res, replyId, -32600, 'params must be an array', 'BAD_ENVELOPE');
      bump(state.stats.rpc, msg.method);
      const m = Object.hasOwn(RPC, msg.method) ? RPC[msg.method] : undefined;
      if (!m) return rpcError(res, msg.id, -32601, `method ${JSON.stringify(msg.method)} not found`, 'METHOD_NOT_FOUND');
      if (msg.params.length !== m.arity)
        return rpcError(res, msg.id, -32602, `${msg.method} takes ${m.arity} parameter(s)`, 'BAD_PARAMS');
      try {
        const session = m.auth ? await verifyBearer(req) : undefined;
        const result = await m.fn({ params: msg.params, session, req });
        return rpcReply(res, msg.id, { result });
      } catch (e) {
        if (e instanceof Refusal) return rpcError(res, msg.id, e.rpc, e.message, e.reason);
        return rpcError(res, msg.id, -32603, `internal error: ${e?.message ?? e}`, 'INTERNAL');
      }
    }

    const mode = path === '/dev/client-sign' || KNOWN_PATHS.has(path) ? misbehaviourFor(path) : null;
    if (mode) return misbehave(mode, res, path, null);

    if (path === '/dev/client-sign') {
      if (req.method !== 'POST') return restError(res, refuse('METHOD_NOT_ALLOWED', 'use POST', { http: 405 }));
      return clientSign(res, body);
    }

    const route = REST[`${req.method} ${path}`];
    if (!route) {
      if (KNOWN_PATHS.has(path)) return restError(res, refuse('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`, { http: 405 }));
      return restError(res, refuse('NOT_FOUND', `no route ${req.method} ${path}`, { http: 404 }));
    }
    try {
      let json;
      if (req.method === 'POST' || body.length > 0) {
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          throw refuse('BAD_JSON', 'error in reading request: body is not JSON');
        }
      }
      const session = route.auth ? await verifyBearer(req) : undefined;
      let result;
      try {
        result = await route.fn({ json, session, url, req });
      } catch (e) {
        // The OTP routes answer 422, as Okto's do.
        if (route.otp && e instanceof Refusal && e.http === 400) e.http = 422;
        throw e;
      }
      send(res, 200, { status: 'success', data: result });
    } catch (e) {
      restError(res, e);
    }
  }

  const server = http.createServer((req, res) => {
    const t0 = Date.now();
    res.on('finish', () => {
      bump(state.stats.responses, String(res.statusCode));
      const rpc = res.oktoRpcMethod ? ` [${res.oktoRpcMethod}]` : '';
      const why = res.oktoReason ? ` ${res.oktoReason}` : '';
      // Path only (no query, headers or body): tokens and keys never reach the log.
      log(`${req.method} ${req.url.split('?')[0]}${rpc} -> ${res.statusCode}${why} ${Date.now() - t0}ms`);
    });
    handle(req, res).catch((e) => {
      if (!res.headersSent) restError(res, e);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    state,
    close() {
      for (const t of held) clearTimeout(t);
      held.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// ---------------------------------------------------------------- CLI

function parseArgs(argv) {
  const out = { port: 8787, clients: [], quiet: false, sessionTtlSecs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--port') out.port = Number(next());
    else if (a === '--session-ttl') out.sessionTtlSecs = Number(next());
    else if (a === '--client') {
      const [clientSWA, signerAddress] = next().split(':');
      out.clients.push({ clientSWA, signerAddress });
    } else if (a === '--quiet') out.quiet = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error('--port must be 0..65535');
  return out;
}

function isMain() {
  try {
    return Boolean(process.argv[1]) && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(
      'usage: node tests/gateway/server.mjs [--port 8787] [--session-ttl SECS] [--client CLIENT_SWA:SIGNER_ADDRESS]... [--quiet]',
    );
    process.exit(0);
  }
  const gw = await startGateway({
    port: args.port,
    sessionTtlSecs: args.sessionTtlSecs,
    clients: [{ clientSWA: DEV_CLIENT_SWA, signerAddress: DEV_CLIENT_SIGNER }, ...args.clients],
    logger: args.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  console.log(`okto dev gateway listening on ${gw.url}`);
  const stop = () => gw.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
