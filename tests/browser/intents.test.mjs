// Intents in headless Chromium against the strict dev gateway: tokenTransfer,
// nftTransfer and evmRawTransaction built, estimated, signed, executed and
// waited for over both transports, with the gateway's signature counters
// checked window by window; tampered and replayed user ops refused with the
// gateway's reason; MPC signMessage / signTypedData recovered with viem; input
// errors by code; waitForOrder abort and timeout; and console hygiene.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { decodeAbiParameters, hexToString, parseAbiParameters, recoverMessageAddress, recoverTypedDataAddress, encodeFunctionData, parseAbi } from "viem";
import { privateKeyToAccount, publicKeyToAddress } from "viem/accounts";
import { setup, clientOptions } from "./harness.mjs";
import { startGateway } from "../gateway/server.mjs";
import { SANDBOX, bytes32ToUuid, decodeCallData, userOpHash } from "../gateway/okto.mjs";
import * as data from "../gateway/data.mjs";

const DEAD = "0x000000000000000000000000000000000000dEaD";
const OTHER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // Anvil #1's address: just a recipient
const USDC_BASE = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
const USDC_ARB = "0xaf88d065e77c8cC2239327C5EDb3A432268e5831";
const TRANSFER_DATA = encodeFunctionData({ abi: parseAbi(["function transfer(address to, uint256 amount)"]), functionName: "transfer", args: [DEAD, 1234567n] });
const TRANSFER_DATA_UPPER = "0x" + TRANSFER_DATA.slice(2).toUpperCase();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let h; // default gateway: orders settle after 2 reads
let slow; // a second gateway whose orders stay IN_PROGRESS
let page;
const consoleLog = []; // {type, text, url} for every console message and page error

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Opens page.html and waits for init(); pkg/ may be mid-rebuild, so retry after 30 s. */
async function openPage() {
  for (let attempt = 1; ; attempt++) {
    const mark = consoleLog.length;
    const p = await h.browser.newPage();
    p.on("console", (m) => consoleLog.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? "" }));
    p.on("pageerror", (e) => consoleLog.push({ type: "pageerror", text: String(e?.message ?? e), url: "" }));
    try {
      await p.goto(h.site.url + "/tests/browser/page.html");
      await p.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
      return p;
    } catch (e) {
      await p.close().catch(() => {});
      consoleLog.length = mark; // the failed load's messages do not count
      if (attempt >= 3) throw e;
      await sleep(30000);
    }
  }
}

before(async () => {
  h = await setup();
  slow = await startGateway({ port: 0, orderSettleMs: 1e9, orderSettleReads: 1e9 });
  page = await openPage();
  // Page-side helpers, kept on window.T across evaluate calls.
  await page.evaluate(() => {
    const T = (window.T = { clients: {} });
    T.err = (e) => ({
      isError: e instanceof Error, name: e?.name, code: e?.code, status: e?.status, rpcCode: e?.rpcCode, data: e?.data,
      errorCode: e?.errorCode, traceId: e?.traceId, details: e?.details, message: String(e?.message),
    });
    T.stats = async (url) => (await fetch(url + "/__admin/stats")).json();
    /** One logged-in client per gateway and transport (debug lines go to the console). */
    T.client = async (opts) => {
      const key = `${opts.gatewayUrl}|${opts.authTransport}`;
      if (!T.clients[key]) {
        const c = new window.okto.OktoClient(opts);
        await c.loginUsingOAuth({ idToken: fakeJwt(`intents-${opts.authTransport}-${Object.keys(T.clients).length}@example.com`), provider: "google" });
        T.clients[key] = c;
      }
      return T.clients[key];
    };
    T.sessionPk = async (c) => JSON.parse(atob(await c.getAuthorizationToken())).data.session_pub_key;
    T.json = (v) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
  });
});
after(async () => {
  await h?.close();
  await slow?.close();
});

/** Runs `fn(okto, arg)` in the page; a throw comes back as `{err}` (a plain object). */
async function run(fn, arg) {
  return page.evaluate(
    async ({ src, arg }) => {
      const f = new Function("return " + src)();
      try {
        return { ok: await f(window.okto, arg) };
      } catch (e) {
        return { err: window.T.err(e) };
      }
    },
    { src: fn.toString(), arg },
  );
}

const opts = (authTransport, gatewayUrl = h.gateway.url) => clientOptions(gatewayUrl, { authTransport, debug: true });

/** What changed in /__admin/stats between two snapshots (admin requests left out). */
function diff(a, b) {
  const delta = (x = {}, y = {}, skip = () => false) => {
    const out = {};
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const d = (y[k] ?? 0) - (x[k] ?? 0);
      if (d && !skip(k)) out[k] = d;
    }
    return out;
  };
  const req = delta(a.requests, b.requests, (k) => k.includes("/__admin/"));
  const rpc = delta(a.rpc, b.rpc);
  const refusals = delta(a.refusals, b.refusals);
  // Every request but authenticate carries a bearer token, whose signature the gateway verifies.
  const unauthed = (rpc.authenticate ?? 0) + (req["POST /api/oc/v1/authenticate"] ?? 0);
  const authed = Object.values(req).reduce((s, v) => s + v, 0) - unauthed;
  return { req, rpc, refusals, authed, verified: b.signaturesVerified - a.signaturesVerified, rejected: b.signaturesRejected - a.signaturesRejected };
}

const lower = (x) => String(x).toLowerCase();
const orderedKeys = (o) => Object.keys(o).join(",");

// ---------------------------------------------------------------- 1. build → estimate → sign → execute → wait

/**
 * One intent per row. `params` is page-side source (so BigInt literals survive), evaluated
 * with `swa` and `nfts` (the user's getPortfolioNFT()) in scope; `expect(swa, nfts)` is what
 * the gateway must find in the job parameters.
 */
const SPECS = [
  {
    name: "tokenTransfer (native POL on Polygon, amount as a decimal string)",
    method: "tokenTransfer", intentType: "TOKEN_TRANSFER", caip2Id: "eip155:137",
    params: `({ caip2Id: "eip155:137", recipient: "${DEAD}", token: "", amount: "1000000000000000" })`,
    expect: () => ({ caip2Id: "eip155:137", recipientWalletAddress: DEAD, tokenAddress: "", amount: 10n ** 15n }),
  },
  {
    name: "tokenTransfer (USDC on Arbitrum: gsn on, sponsorship off; BigInt amount; lower-case recipient)",
    method: "tokenTransfer", intentType: "TOKEN_TRANSFER", caip2Id: "eip155:42161",
    params: `({ caip2Id: "eip155:42161", recipient: "${OTHER.toLowerCase()}", token: "${USDC_ARB}", amount: 10n ** 18n })`,
    expect: () => ({ caip2Id: "eip155:42161", recipientWalletAddress: OTHER, tokenAddress: USDC_ARB, amount: 10n ** 18n }),
  },
  {
    name: "nftTransfer (the user's ERC721 badge on Base, from getPortfolioNFT)",
    method: "nftTransfer", intentType: "NFT_TRANSFER", caip2Id: "eip155:8453",
    params: `(() => { const n = nfts.find((x) => x.entityType === "ERC721"); return { caip2Id: n.caipId, collectionAddress: n.collectionAddress, nftId: n.nftId, recipientWalletAddress: "${OTHER}", amount: 1, nftType: "ERC721" }; })()`,
    expect: (swa, nfts) => {
      const n = nfts.find((x) => x.entityType === "ERC721");
      return { caip2Id: "eip155:8453", nftId: n.nftId, recipientWalletAddress: OTHER, collectionAddress: n.collectionAddress, nftType: "ERC721", amount: 1n };
    },
  },
  {
    name: "nftTransfer (ERC1155 on Polygon, amount 2 as a string)",
    method: "nftTransfer", intentType: "NFT_TRANSFER", caip2Id: "eip155:137",
    params: `({ caip2Id: "eip155:137", collectionAddress: "0x127e47aba094a9a87d084a3a93732909ff031419", nftId: "0", recipientWalletAddress: "${DEAD}", amount: "2", nftType: "ERC1155" })`,
    expect: () => ({ caip2Id: "eip155:137", nftId: "0", recipientWalletAddress: DEAD, collectionAddress: "0x127e47aba094a9a87d084a3a93732909ff031419", nftType: "ERC1155", amount: 2n }),
  },
  {
    name: "evmRawTransaction (an ERC-20 transfer call on Base, value 0)",
    method: "evmRawTransaction", intentType: "RAW_TRANSACTION", caip2Id: "eip155:8453",
    // Upper-case data: carried verbatim, as the official SDK does (it JSON-encodes the transaction as given).
    params: `({ caip2Id: "eip155:8453", transaction: { from: swa, to: "${USDC_BASE}", data: "${TRANSFER_DATA_UPPER}", value: 0 } })`,
    expect: (swa) => ({ caip2Id: "eip155:8453", tx: { from: swa, to: USDC_BASE, data: TRANSFER_DATA_UPPER, value: "0x0" } }),
  },
  {
    name: "evmRawTransaction (plain value on Base Sepolia, no data, BigInt value)",
    method: "evmRawTransaction", intentType: "RAW_TRANSACTION", caip2Id: "eip155:84532",
    params: `({ caip2Id: "eip155:84532", transaction: { from: swa.toLowerCase(), to: "${OTHER}", value: 10n ** 15n } })`,
    expect: (swa) => ({ caip2Id: "eip155:84532", tx: { from: swa.toLowerCase(), to: OTHER, data: "0x", value: "0x38d7ea4c68000" } }),
  },
];

const flowCounts = { flows: 0, executeVerified: 0 };

for (const authTransport of ["rpc", "rest"]) {
  for (const spec of SPECS) {
    test(`${authTransport}: ${spec.name}: build, estimate, sign, execute, wait until SUCCESSFUL`, async () => {
      const r = await run(async (okto, { opts, spec }) => {
        const T = window.T;
        const c = await T.client(opts);
        const swa = c.userSWA;
        const nfts = await c.getPortfolioNFT();
        const params = new Function("swa", "nfts", `return (${spec.params});`)(swa, nfts);
        const snaps = [await T.stats(opts.gatewayUrl)];
        const op = await c[spec.method](params);
        snaps.push(await T.stats(opts.gatewayUrl));
        const est = await c.estimate(spec.intentType, params);
        snaps.push(await T.stats(opts.gatewayUrl));
        const signed = await c.signUserOp(op);
        snaps.push(await T.stats(opts.gatewayUrl));
        const jobId = await c.executeUserOp(signed);
        snaps.push(await T.stats(opts.gatewayUrl));
        const order = await c.waitForOrder(jobId, { intervalMs: 100 });
        snaps.push(await T.stats(opts.gatewayUrl));
        return { swa, nfts, op, est, signed, jobId, order, snaps, sessionPk: await T.sessionPk(c), now: Math.floor(Date.now() / 1000) };
      }, { opts: opts(authTransport), spec: { method: spec.method, intentType: spec.intentType, params: spec.params } });
      assert.ok(r.ok, JSON.stringify(r.err));
      const { swa, nfts, op, est, signed, jobId, order, snaps, sessionPk, now } = r.ok;
      const want = spec.expect(swa, nfts);
      const chain = data.findNetwork(spec.caip2Id);

      // The unsigned op: §9 shape, fixed values, lower-case hex, EIP-55 addresses.
      assert.equal(orderedKeys(op), "sender,nonce,paymaster,callGasLimit,verificationGasLimit,preVerificationGas,maxFeePerGas,maxPriorityFeePerGas,paymasterPostOpGasLimit,paymasterVerificationGasLimit,callData,paymasterData");
      assert.equal(op.sender, swa);
      assert.equal(op.paymaster, SANDBOX.paymaster);
      assert.deepEqual(
        [op.callGasLimit, op.verificationGasLimit, op.preVerificationGas, op.paymasterPostOpGasLimit, op.paymasterVerificationGasLimit, op.maxFeePerGas, op.maxPriorityFeePerGas],
        ["0x927c0", "0x61a80", "0x186a0", "0x30d40", "0x30d40", "0xba43b7400", "0xba43b7400"],
      );
      assert.match(op.nonce, /^0x0{32}[0-9a-f]{32}$/);
      assert.match(op.callData, /^0x(?:[0-9a-f]{2})+$/);
      assert.match(op.paymasterData, /^0x[0-9a-f]{512}$/);
      const [pmClient, validUntil, validAfter] = decodeAbiParameters(parseAbiParameters("address, uint48, uint48, bytes"), op.paymasterData);
      assert.equal(lower(pmClient), lower(h.gateway.state.clients.keys().next().value));
      assert.ok(Math.abs(validUntil - (now + 6 * 3600)) <= 120, `validUntil ${validUntil} is not now + 6 h`);
      assert.equal(validAfter, 0);

      // The call data says what was asked for (decoded with the gateway's own decoder).
      const call = decodeCallData(op.callData);
      assert.equal(call.intentType, spec.intentType);
      assert.equal(call.jobId, BigInt(op.nonce));
      assert.equal(lower(call.userSWA), lower(swa));
      assert.equal(call.feePayer, "0x0000000000000000000000000000000000000000");
      assert.deepEqual({ ...call.policy }, { gsnEnabled: chain.gsn_enabled, sponsorshipEnabled: chain.sponsorship_enabled });
      if (spec.intentType === "RAW_TRANSACTION") {
        assert.equal(call.params.caip2Id, want.caip2Id);
        assert.equal(call.params.transactions.length, 1);
        const tx = JSON.parse(hexToString(call.params.transactions[0]));
        assert.equal(orderedKeys(tx), "from,to,data,value");
        assert.deepEqual(tx, want.tx); // from, to and data as given; value as minimal hex
      } else {
        const got = { ...call.params };
        for (const k of ["recipientWalletAddress", "tokenAddress", "collectionAddress"]) if (k in got) { got[k] = lower(got[k]); want[k] = lower(want[k]); }
        assert.deepEqual(got, want);
      }

      // The estimate: same intent, chain policy, amount; its user op has the same fixed fields.
      assert.equal(est.callData.intentType, spec.intentType);
      assert.match(est.callData.jobId, UUID_V4);
      assert.notEqual(est.callData.jobId, bytes32ToUuid(op.nonce), "the estimate reused the op's job id");
      assert.deepEqual(est.callData.policies, { gsnEnabled: chain.gsn_enabled, sponsorshipEnabled: chain.sponsorship_enabled });
      assert.equal(lower(est.callData.userSWA), lower(swa));
      if ("amount" in want) assert.equal(est.details.estimation.amount, want.amount.toString());
      assert.ok(spec.caip2Id in est.details.fees.transactionFees, JSON.stringify(est.details.fees));
      for (const k of ["callGasLimit", "verificationGasLimit", "preVerificationGas", "maxFeePerGas", "maxPriorityFeePerGas", "paymasterPostOpGasLimit", "paymasterVerificationGasLimit"])
        assert.equal(est.userOps[k], op[k], k);
      assert.equal(lower(est.userOps.sender), lower(swa));

      // signUserOp: a copy with the signature; nothing else changed; the session key signed the §9 hash.
      const { signature, ...rest } = signed;
      assert.deepEqual(rest, op);
      assert.match(signature, /^0x[0-9a-f]{130}$/);
      const signer = await recoverMessageAddress({ message: { raw: userOpHash(op) }, signature });
      assert.equal(signer, publicKeyToAddress(sessionPk));

      // executeUserOp → job id = the nonce's UUID; waitForOrder → SUCCESSFUL, same job.
      assert.equal(jobId, bytes32ToUuid(op.nonce));
      assert.equal(order.status, "SUCCESSFUL");
      assert.equal(order.intentId, jobId);
      assert.equal(order.intentType, spec.intentType);
      if (spec.intentType === "RAW_TRANSACTION") assert.equal(lower(order.details.transactions[0].to), lower(want.tx.to));
      else assert.equal(lower(order.details.recipientWalletAddress), lower(want.recipientWalletAddress));

      // The gateway verified every signature, window by window (each bearer token is one signature too).
      const [build, estimate, sign, execute, wait] = [0, 1, 2, 3, 4].map((i) => diff(snaps[i], snaps[i + 1]));
      const all = diff(snaps[0], snaps[5]);
      assert.equal(all.rejected, 0, JSON.stringify(all));
      assert.deepEqual(all.refusals, {});
      assert.equal(build.verified, build.authed, `build: ${JSON.stringify(build)}`);
      assert.ok(!build.req["POST /api/oc/v1/estimate"] && !build.req["POST /api/oc/v1/execute"] && !build.rpc.execute);
      assert.equal(estimate.req["POST /api/oc/v1/estimate"], 1);
      assert.equal(estimate.verified, estimate.authed + 1, `estimate: bearer + paymasterData: ${JSON.stringify(estimate)}`);
      assert.deepEqual([sign.authed, sign.verified], [0, 0], "signUserOp talked to the gateway");
      assert.equal(execute.authed, 1, JSON.stringify(execute));
      assert.equal(execute.verified, 3, `execute: bearer + userOp signature + paymasterData: ${JSON.stringify(execute)}`);
      if (authTransport === "rpc") assert.deepEqual([execute.rpc.execute, execute.req["POST /rpc"], execute.req["POST /api/oc/v1/execute"]], [1, 1, undefined]);
      else assert.deepEqual([execute.req["POST /api/oc/v1/execute"], execute.req["POST /rpc"]], [1, undefined]);
      const polls = wait.req["GET /api/oc/v1/orders"];
      assert.ok(polls >= 1 && polls <= 5, `polled ${polls} times`);
      assert.equal(wait.verified, wait.authed);
      flowCounts.flows++;
      flowCounts.executeVerified += execute.verified;
    });
  }
}

// ---------------------------------------------------------------- 2. tampered and replayed ops

for (const [authTransport, code] of [["rpc", "RPC"], ["rest", "HTTP"]]) {
  test(`${authTransport}: one changed hex digit in a signed op is refused with the gateway's reason (${code}); a replay is refused`, async () => {
    const r = await run(async (okto, { opts, dead }) => {
      const T = window.T;
      const c = await T.client(opts);
      const flip = (hex, i) => hex.slice(0, i) + ((parseInt(hex[i], 16) + 1) % 16).toString(16) + hex.slice(i + 1);
      const op = await c.tokenTransfer({ caip2Id: "eip155:8453", recipient: dead, token: "", amount: "12345" });
      const signed = await c.signUserOp(op);
      const attempt = async (userOp) => {
        try {
          return { jobId: await c.executeUserOp(userOp) };
        } catch (e) {
          return { err: T.err(e) };
        }
      };
      const pmSigDigit = 2 + 64 * 5 + 10; // inside the client's signature within paymasterData
      const s0 = await T.stats(opts.gatewayUrl);
      const out = {
        callData: await attempt({ ...signed, callData: flip(signed.callData, signed.callData.length - 100) }),
        signature: await attempt({ ...signed, signature: flip(signed.signature, 20) }),
        paymasterData: await attempt({ ...signed, paymasterData: flip(signed.paymasterData, pmSigDigit) }),
        maxFeePerGas: await attempt({ ...signed, maxFeePerGas: "0xba43b7401" }),
        // Re-signed by the session after the change: the user-op signature holds, the client's does not.
        resignedPaymasterData: await attempt(await c.signUserOp({ ...op, paymasterData: flip(op.paymasterData, pmSigDigit) })),
        original: await attempt(signed),
        replay: await attempt(signed),
      };
      return { out, s0, s1: await T.stats(opts.gatewayUrl), nonce: op.nonce };
    }, { opts: opts(authTransport), dead: DEAD });
    assert.ok(r.ok, JSON.stringify(r.err));
    const { out, s0, s1, nonce } = r.ok;
    const jobId = bytes32ToUuid(nonce);
    const expectations = {
      callData: ["USEROP_SIGNATURE_INVALID", "userOp.signature does not recover to the expected signer"],
      signature: ["USEROP_SIGNATURE_INVALID", "userOp.signature does not recover to the expected signer"],
      paymasterData: ["USEROP_SIGNATURE_INVALID", "userOp.signature does not recover to the expected signer"],
      maxFeePerGas: ["USEROP_SIGNATURE_INVALID", "userOp.signature does not recover to the expected signer"],
      resignedPaymasterData: ["PAYMASTER_SIGNATURE_INVALID", "paymasterData signature does not recover to the expected signer"],
      replay: ["NONCE_REUSED", `nonce ${jobId} has already been used`],
    };
    for (const [what, [reason, text]] of Object.entries(expectations)) {
      const e = out[what].err;
      assert.ok(e, `${what}: was accepted (${JSON.stringify(out[what])})`);
      assert.equal(e.isError, true, what);
      assert.equal(e.name, "OktoError", what);
      assert.equal(e.code, code, `${what}: ${JSON.stringify(e)}`);
      assert.ok(e.message.includes(text), `${what}: message ${JSON.stringify(e.message)} lacks the gateway's reason ${JSON.stringify(text)}`);
      if (code === "RPC") {
        assert.equal(e.rpcCode, -32602, what);
        assert.equal(e.data, reason, what);
      } else {
        assert.equal(e.status, 400, what);
        assert.equal(e.errorCode, "ER-TECH-0005", what);
        assert.match(e.traceId ?? "", /^[0-9a-f]{32}$/, what);
      }
    }
    // Refusals did not burn the nonce: the untouched op went through once.
    assert.equal(out.original.jobId, jobId, JSON.stringify(out.original));
    const d = diff(s0, s1);
    assert.deepEqual(d.refusals, { USEROP_SIGNATURE_INVALID: 4, PAYMASTER_SIGNATURE_INVALID: 1, NONCE_REUSED: 1 });
    assert.equal(d.rejected, 5, JSON.stringify(d));
    assert.equal(s1.orders - s0.orders, 1);
  });
}

test("a REST refusal keeps the gateway's reason code (error.details) in the OktoError's message", async () => {
  const r = await run(async (okto, { opts, dead }) => {
    const c = await window.T.client(opts);
    const signed = await c.signUserOp(await c.tokenTransfer({ caip2Id: "eip155:137", recipient: dead, token: "", amount: "1" }));
    try {
      await c.executeUserOp({ ...signed, signature: signed.signature.slice(0, 20) + (signed.signature[20] === "a" ? "b" : "a") + signed.signature.slice(21) });
      return null;
    } catch (e) {
      return window.T.err(e);
    }
  }, { opts: opts("rest"), dead: DEAD });
  assert.equal(r.ok?.code, "HTTP");
  assert.ok(r.ok.message.endsWith("(USEROP_SIGNATURE_INVALID)"), `the reason code is not on the error: ${JSON.stringify(r.ok)}`);
});

// ---------------------------------------------------------------- 3. MPC signMessage / signTypedData

const TYPED = {
  types: {
    EIP712Domain: [
      { name: "name", type: "string" }, { name: "version", type: "string" },
      { name: "chainId", type: "uint256" }, { name: "verifyingContract", type: "address" },
    ],
    Person: [{ name: "name", type: "string" }, { name: "wallet", type: "address" }],
    Mail: [{ name: "from", type: "Person" }, { name: "to", type: "Person" }, { name: "contents", type: "string" }, { name: "value", type: "uint256" }],
  },
  primaryType: "Mail",
  domain: { name: "Ether Mail", version: "1", chainId: 8453, verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
  message: {
    from: { name: "Cow", wallet: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
    to: { name: "Bob", wallet: "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
    contents: "Hello, Bob! ✓",
    value: "123456789012345678901234567890",
  },
};

for (const authTransport of ["rpc", "rest"]) {
  test(`${authTransport}: signMessage and signTypedData recover (viem) to the user's MPC key`, async () => {
    const messages = [`hello from okto-wasm over ${authTransport} ✓`, "0xdeadbeef"];
    const r = await run(async (okto, { opts, messages, typed }) => {
      const T = window.T;
      const c = await T.client(opts);
      const keys = await c.getUserKeys();
      const s0 = await T.stats(opts.gatewayUrl);
      const sigs = [];
      for (const m of messages) sigs.push(await c.signMessage(m));
      const typedSig = await c.signTypedData(typed);
      const typedTextSig = await c.signTypedData(JSON.stringify(typed));
      const s1 = await T.stats(opts.gatewayUrl);
      return { keys, sigs, typedSig, typedTextSig, s0, s1, swa: c.userSWA, sessionPk: await T.sessionPk(c) };
    }, { opts: opts(authTransport), messages, typed: TYPED });
    assert.ok(r.ok, JSON.stringify(r.err));
    const { keys, sigs, typedSig, typedTextSig, s0, s1, swa, sessionPk } = r.ok;
    // The gateway's "MPC" key for this user is what getUserKeys reports.
    const gwKeys = h.gateway.state.userKeys.get(swa.toLowerCase());
    assert.ok(gwKeys, "the gateway made no MPC key for this user");
    assert.equal(keys.ecdsaPublicKey, gwKeys.public.ecdsaPublicKey);
    const mpc = publicKeyToAddress(keys.ecdsaPublicKey);
    assert.equal(mpc, privateKeyToAccount(gwKeys.mpcPrivateKey).address);
    assert.notEqual(mpc, publicKeyToAddress(sessionPk));
    assert.notEqual(lower(mpc), lower(swa));
    for (const [i, m] of messages.entries()) {
      assert.match(sigs[i], /^0x[0-9a-f]{130}$/);
      assert.equal(await recoverMessageAddress({ message: m, signature: sigs[i] }), mpc, `message ${JSON.stringify(m)}`);
    }
    assert.match(typedSig, /^0x[0-9a-f]{130}$/);
    assert.equal(await recoverTypedDataAddress({ ...TYPED, message: { ...TYPED.message, value: BigInt(TYPED.message.value) }, signature: typedSig }), mpc);
    assert.equal(typedTextSig, typedSig, "the object and its JSON text were signed differently");
    // Each request: a bearer token and one session signature over the §11 challenge, all verified.
    const d = diff(s0, s1);
    const sends = authTransport === "rpc" ? d.rpc.signMessage : d.req["POST /api/oc/v1/signMessage"];
    assert.equal(sends, messages.length + 2, JSON.stringify(d));
    assert.equal(d.verified, d.authed + sends, JSON.stringify(d));
    assert.equal(d.rejected, 0);
  });
}

// ---------------------------------------------------------------- 4. input errors

test("input errors reject by code before anything is sent", async () => {
  const BAD_AMOUNTS = [`"-1"`, `"1.5"`, `1.5`, `-1`, `0`, `"0"`, `(2n ** 256n).toString()`, `2 ** 256`, `2n ** 256n`, `2 ** 53`, `-1n`];
  const cases = [
    // [label, page-side expression (c, swa, op in scope), code, message test]
    ["tokenTransfer on eip155:1", `c.tokenTransfer({ ...TT, caip2Id: "eip155:1" })`, "UNSUPPORTED_CHAIN", /^caip2Id:|eip155:1/],
    ["nftTransfer on eip155:10", `c.nftTransfer({ ...NT, caip2Id: "eip155:10" })`, "UNSUPPORTED_CHAIN", /eip155:10/],
    ["evmRawTransaction on eip155:56", `c.evmRawTransaction({ caip2Id: "eip155:56", transaction: { from: swa, to: DEAD, value: 1 } })`, "UNSUPPORTED_CHAIN", /eip155:56/],
    ["estimate on solana:mainnet", `c.estimate("TOKEN_TRANSFER", { ...TT, caip2Id: "solana:mainnet" })`, "UNSUPPORTED_CHAIN", /solana:mainnet/],
    ["tokenTransfer to own SWA (EIP-55)", `c.tokenTransfer({ ...TT, recipient: swa })`, "SELF_TRANSFER", /^recipient:/],
    ["tokenTransfer to own SWA (lower case)", `c.tokenTransfer({ ...TT, recipient: swa.toLowerCase() })`, "SELF_TRANSFER", /^recipient:/],
    ["tokenTransfer to own SWA (upper case)", `c.tokenTransfer({ ...TT, recipient: "0x" + swa.slice(2).toUpperCase() })`, "SELF_TRANSFER", /^recipient:/],
    ["nftTransfer to own SWA (lower case)", `c.nftTransfer({ ...NT, recipientWalletAddress: swa.toLowerCase() })`, "SELF_TRANSFER", /^recipientWalletAddress:/],
    ["estimate TOKEN_TRANSFER to own SWA", `c.estimate("TOKEN_TRANSFER", { ...TT, recipient: swa })`, "SELF_TRANSFER", /^recipient:/],
    ["evmRawTransaction on aptos:testnet", `c.evmRawTransaction({ caip2Id: "aptos:testnet", transaction: { from: swa, to: DEAD, value: 1 } })`, "INVALID_ARGUMENT", /^caip2Id:/],
    ["estimate RAW_TRANSACTION on aptos:testnet", `c.estimate("RAW_TRANSACTION", { caip2Id: "aptos:testnet", transaction: { from: swa, to: DEAD, value: 1 } })`, "INVALID_ARGUMENT", /^caip2Id:/],
    ...BAD_AMOUNTS.map((a) => [`tokenTransfer amount ${a}`, `c.tokenTransfer({ ...TT, amount: ${a} })`, "INVALID_ARGUMENT", /^amount:/]),
    ...[`"-1"`, `1.5`, `0`, `(2n ** 256n).toString()`, `2 ** 53`].map((a) => [`nftTransfer amount ${a}`, `c.nftTransfer({ ...NT, amount: ${a} })`, "INVALID_ARGUMENT", /^amount:/]),
    ...[`"1.5"`, `-1`, `"0"`, `2 ** 53`].map((a) => [`estimate amount ${a}`, `c.estimate("TOKEN_TRANSFER", { ...TT, amount: ${a} })`, "INVALID_ARGUMENT", /^amount:/]),
    ["tokenTransfer with recipientWalletAddress (an unknown parameter)", `c.tokenTransfer({ ...TT, recipientWalletAddress: DEAD })`, "INVALID_ARGUMENT", /recipientWalletAddress/],
    ["nftTransfer with recipient (an unknown parameter)", `c.nftTransfer({ ...NT, recipient: DEAD })`, "INVALID_ARGUMENT", /recipient\b/],
    ["evmRawTransaction with transaction.gas (an unknown parameter)", `c.evmRawTransaction({ caip2Id: "eip155:8453", transaction: { from: swa, to: DEAD, value: 1, gas: "0x5208" } })`, "INVALID_ARGUMENT", /gas/],
    ["estimate with an unknown intent type", `c.estimate("SWAP", TT)`, "INVALID_ARGUMENT", /^intentType:/],
    ["executeUserOp of an unsigned op", `c.executeUserOp(op)`, "INVALID_ARGUMENT", /userOp\.signature/],
    ["executeUserOp with signature undefined", `c.executeUserOp({ ...op, signature: undefined })`, "INVALID_ARGUMENT", /userOp\.signature/],
  ];
  const r = await run(async (okto, { opts, cases, dead }) => {
    const T = window.T;
    const c = await T.client(opts);
    const swa = c.userSWA;
    const op = await c.tokenTransfer({ caip2Id: "eip155:137", recipient: dead, token: "", amount: "1" });
    const s0 = await T.stats(opts.gatewayUrl);
    const out = [];
    for (const [label, src] of cases) {
      const f = new Function("c", "swa", "op", "DEAD", "TT", "NT", `return ${src};`);
      const TT = { caip2Id: "eip155:137", recipient: dead, token: "", amount: "1" };
      const NT = { caip2Id: "eip155:137", collectionAddress: "0x127e47aba094a9a87d084a3a93732909ff031419", nftId: "0", recipientWalletAddress: dead, amount: "1", nftType: "ERC1155" };
      try {
        const v = await f(c, swa, op, dead, TT, NT);
        out.push({ label, resolved: T.json(v).slice(0, 120) });
      } catch (e) {
        out.push({ label, err: T.err(e) });
      }
    }
    return { out, s0, s1: await T.stats(opts.gatewayUrl) };
  }, { opts: opts("rpc"), cases: cases.map(([l, s]) => [l, s]), dead: DEAD });
  assert.ok(r.ok, JSON.stringify(r.err));
  const failures = [];
  for (const [i, [label, , code, re]] of cases.entries()) {
    const got = r.ok.out[i];
    assert.equal(got.label, label);
    if (!got.err) failures.push(`${label}: resolved ${got.resolved}`);
    else if (got.err.name !== "OktoError" || !got.err.isError || got.err.code !== code || !re.test(got.err.message))
      failures.push(`${label}: want ${code} ${re}, got ${got.err.name} ${got.err.code}: ${got.err.message}`);
  }
  assert.deepEqual(failures, []);
  // All refused in the package: nothing was estimated, executed or refused by the gateway.
  const d = diff(r.ok.s0, r.ok.s1);
  assert.deepEqual(d.refusals, {}, JSON.stringify(d));
  assert.ok(!d.req["POST /api/oc/v1/estimate"] && !d.req["POST /api/oc/v1/execute"] && !d.rpc.execute, JSON.stringify(d.req));
  assert.equal(d.rejected, 0);
  console.log(`# input errors: ${cases.length} cases`);
});

test("BigInt and large exact amounts are encoded exactly", async () => {
  const r = await run(async (okto, { opts, dead, other }) => {
    const c = await window.T.client(opts);
    const swa = c.userSWA;
    const T = { caip2Id: "eip155:137", recipient: dead, token: "", amount: 10n ** 18n };
    return {
      token: (await c.tokenTransfer(T)).callData,
      max: (await c.tokenTransfer({ ...T, amount: 2n ** 256n - 1n })).callData,
      maxText: (await c.tokenTransfer({ ...T, amount: (2n ** 256n - 1n).toString() })).callData,
      safe: (await c.tokenTransfer({ ...T, amount: 2 ** 53 - 1 })).callData,
      nft: (await c.nftTransfer({ caip2Id: "eip155:137", collectionAddress: "0x127e47aba094a9a87d084a3a93732909ff031419", nftId: "0", recipientWalletAddress: other, amount: 2n, nftType: "ERC1155" })).callData,
      raw: (await c.evmRawTransaction({ caip2Id: "eip155:8453", transaction: { from: swa, to: other, value: 10n ** 18n } })).callData,
      estimate: (await c.estimate("TOKEN_TRANSFER", T)).details.estimation.amount,
    };
  }, { opts: opts("rpc"), dead: DEAD, other: OTHER });
  assert.ok(r.ok, JSON.stringify(r.err));
  const { token, max, maxText, safe, nft, raw, estimate } = r.ok;
  assert.equal(decodeCallData(token).params.amount, 10n ** 18n);
  assert.equal(decodeCallData(max).params.amount, 2n ** 256n - 1n);
  assert.equal(decodeCallData(maxText).params.amount, 2n ** 256n - 1n);
  assert.equal(decodeCallData(safe).params.amount, 2n ** 53n - 1n);
  assert.equal(decodeCallData(nft).params.amount, 2n);
  assert.equal(JSON.parse(hexToString(decodeCallData(raw).params.transactions[0])).value, "0xde0b6b3a7640000");
  assert.equal(estimate, "1000000000000000000");
});

test("before login every intent and signing method rejects with NOT_LOGGED_IN, and nothing is sent", async () => {
  const r = await run(async (okto, { opts, dead }) => {
    const T = window.T;
    const c = new okto.OktoClient(opts);
    const TT = { caip2Id: "eip155:137", recipient: dead, token: "", amount: "1" };
    const op = {
      sender: dead, nonce: "0x" + "0".repeat(32) + "598b94ab5fcb4cd8a5b3da2f35f0f61b", paymaster: "0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3",
      callGasLimit: "0x927c0", verificationGasLimit: "0x61a80", preVerificationGas: "0x186a0", maxFeePerGas: "0xba43b7400", maxPriorityFeePerGas: "0xba43b7400",
      paymasterPostOpGasLimit: "0x30d40", paymasterVerificationGasLimit: "0x30d40", callData: "0x", paymasterData: "0x",
    };
    const calls = {
      tokenTransfer: () => c.tokenTransfer(TT),
      nftTransfer: () => c.nftTransfer({ caip2Id: "eip155:137", collectionAddress: dead, nftId: "1", recipientWalletAddress: dead, amount: 1, nftType: "ERC721" }),
      evmRawTransaction: () => c.evmRawTransaction({ caip2Id: "eip155:8453", transaction: { from: dead, to: dead, value: 1 } }),
      estimate: () => c.estimate("TOKEN_TRANSFER", TT),
      signUserOp: () => c.signUserOp(op),
      executeUserOp: () => c.executeUserOp({ ...op, signature: "0x" + "11".repeat(64) + "1b" }),
      waitForOrder: () => c.waitForOrder("598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b", { intervalMs: 100, timeoutMs: 500 }),
      signMessage: () => c.signMessage("hi"),
      signTypedData: () => c.signTypedData({ types: {}, primaryType: "X", domain: {}, message: {} }),
      getUserKeys: () => c.getUserKeys(),
    };
    const s0 = await T.stats(opts.gatewayUrl);
    const out = {};
    for (const [name, f] of Object.entries(calls)) {
      try {
        await f();
        out[name] = "resolved";
      } catch (e) {
        out[name] = `${e instanceof Error && e.name}:${e.code}`;
      }
    }
    return { out, s0, s1: await T.stats(opts.gatewayUrl) };
  }, { opts: opts("rpc"), dead: DEAD });
  assert.ok(r.ok, JSON.stringify(r.err));
  for (const [name, got] of Object.entries(r.ok.out)) assert.equal(got, "OktoError:NOT_LOGGED_IN", name);
  assert.deepEqual(diff(r.ok.s0, r.ok.s1).req, {}, "a request was sent before login");
});

// ---------------------------------------------------------------- 5. waitForOrder: abort and timeout

/** Logs in to the slow gateway (orders never settle) and executes one op; returns the job id. */
async function pendingJob() {
  const r = await run(async (okto, { opts, dead }) => {
    const c = await window.T.client(opts);
    const jobId = await c.executeUserOp(await c.signUserOp(await c.tokenTransfer({ caip2Id: "eip155:137", recipient: dead, token: "", amount: "7" })));
    return jobId;
  }, { opts: opts("rpc", slow.url), dead: DEAD });
  assert.ok(r.ok, JSON.stringify(r.err));
  return r.ok;
}

test("waitForOrder: an AbortSignal rejects promptly with NETWORK \"aborted\"; a short timeoutMs with NETWORK", async () => {
  const jobId = await pendingJob();
  const r = await run(async (okto, { opts, jobId }) => {
    const T = window.T;
    const c = await T.client(opts);
    const timed = async (f) => {
      const t0 = performance.now();
      try {
        const v = await f();
        return { resolved: v?.status ?? v, ms: performance.now() - t0 };
      } catch (e) {
        return { err: T.err(e), ms: performance.now() - t0 };
      }
    };
    const s0 = await T.stats(opts.gatewayUrl);
    const out = {};
    // Aborted while waiting between polls (interval 5 s, abort after 250 ms).
    out.abortWhileWaiting = await timed(() => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 250);
      return c.waitForOrder(jobId, { intervalMs: 5000, signal: ac.signal });
    });
    const s1 = await T.stats(opts.gatewayUrl);
    // Already aborted: no poll at all.
    out.alreadyAborted = await timed(() => c.waitForOrder(jobId, { intervalMs: 100, signal: AbortSignal.abort() }));
    const s2 = await T.stats(opts.gatewayUrl);
    // AbortSignal.timeout, the common way to bound a wait.
    out.signalTimeout = await timed(() => c.waitForOrder(jobId, { intervalMs: 100, signal: AbortSignal.timeout(300) }));
    out.tinyTimeout = await timed(() => c.waitForOrder(jobId, { intervalMs: 100, timeoutMs: 1 }));
    const s3 = await T.stats(opts.gatewayUrl);
    out.shortTimeout = await timed(() => c.waitForOrder(jobId, { intervalMs: 100, timeoutMs: 450 }));
    const s4 = await T.stats(opts.gatewayUrl);
    out.still = (await c.getOrdersHistory({ intentId: jobId }))[0]?.status;
    return { out, s: [s0, s1, s2, s3, s4] };
  }, { opts: opts("rpc", slow.url), jobId });
  assert.ok(r.ok, JSON.stringify(r.err));
  const { out, s } = r.ok;
  const polls = (a, b) => diff(a, b).req["GET /api/oc/v1/orders"] ?? 0;
  for (const k of ["abortWhileWaiting", "alreadyAborted", "signalTimeout"]) {
    assert.equal(out[k].err?.name, "OktoError", `${k}: ${JSON.stringify(out[k])}`);
    assert.equal(out[k].err.code, "NETWORK", k);
    assert.match(out[k].err.message, /aborted/, k);
  }
  assert.ok(out.abortWhileWaiting.ms >= 240 && out.abortWhileWaiting.ms < 1500, `abort took ${out.abortWhileWaiting.ms} ms`);
  assert.equal(polls(s[0], s[1]), 1);
  assert.ok(out.alreadyAborted.ms < 500, `took ${out.alreadyAborted.ms} ms`);
  assert.equal(polls(s[1], s[2]), 0, "polled with an aborted signal");
  assert.ok(out.signalTimeout.ms >= 290 && out.signalTimeout.ms < 1500, `AbortSignal.timeout(300) took ${out.signalTimeout.ms} ms`);
  for (const k of ["tinyTimeout", "shortTimeout"]) {
    assert.equal(out[k].err?.code, "NETWORK", `${k}: ${JSON.stringify(out[k])}`);
    assert.equal(out[k].err.name, "OktoError");
    assert.match(out[k].err.message, new RegExp(jobId));
  }
  assert.ok(out.tinyTimeout.ms < 1000, `timeoutMs 1 took ${out.tinyTimeout.ms} ms`);
  assert.ok(out.shortTimeout.ms >= 440 && out.shortTimeout.ms < 2500, `timeoutMs 450 took ${out.shortTimeout.ms} ms`);
  assert.ok(polls(s[3], s[4]) >= 2, `only ${polls(s[3], s[4])} polls in 450 ms at 100 ms`);
  assert.equal(out.still, "IN_PROGRESS");
});

test(
  "waitForOrder rejects promptly when aborted while a poll is in flight",
  async () => {
    const jobId = await pendingJob();
    const pattern = `${slow.url}/api/oc/v1/orders**`;
    // A slow network: every orders poll takes 800 ms.
    await page.route(pattern, async (route) => {
      await sleep(800);
      await route.continue().catch(() => {});
    });
    try {
      const r = await run(async (okto, { opts, jobId }) => {
        const c = await window.T.client(opts);
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 150); // during the first poll
        const t0 = performance.now();
        const waiting = c.waitForOrder(jobId, { intervalMs: 5000, signal: ac.signal }).then(
          () => ({ resolved: true, ms: performance.now() - t0 }),
          (e) => ({ code: e.code, message: e.message, ms: performance.now() - t0 }),
        );
        return Promise.race([waiting, new Promise((ok) => setTimeout(() => ok({ pending: true, ms: performance.now() - t0 }), 2500))]);
      }, { opts: opts("rpc", slow.url), jobId });
      assert.ok(r.ok, JSON.stringify(r.err));
      assert.equal(r.ok.code, "NETWORK", `aborted at 150 ms, still ${JSON.stringify(r.ok)}`);
      assert.ok(r.ok.ms < 1000, `rejected after ${r.ok.ms} ms`);
    } finally {
      await page.unroute(pattern);
    }
  },
);

test(
  "waitForOrder refuses timeoutMs/intervalMs that are not positive numbers",
  async () => {
    const jobId = await pendingJob();
    const r = await run(async (okto, { opts, jobId }) => {
      const c = await window.T.client(opts);
      const out = {};
      for (const [k, o] of Object.entries({ "timeoutMs NaN": { timeoutMs: NaN, intervalMs: 100 }, 'timeoutMs "300"': { timeoutMs: "300", intervalMs: 100 }, "intervalMs 0": { timeoutMs: 60000, intervalMs: 0 } })) {
        const ac = new AbortController();
        const waiting = c.waitForOrder(jobId, { ...o, signal: ac.signal }).then(() => "resolved", (e) => e.code);
        out[k] = await Promise.race([waiting, new Promise((ok) => setTimeout(() => ok("still polling"), 300))]);
        ac.abort();
        await waiting;
      }
      return out;
    }, { opts: opts("rpc", slow.url), jobId });
    assert.ok(r.ok, JSON.stringify(r.err));
    assert.deepEqual(r.ok, { "timeoutMs NaN": "INVALID_ARGUMENT", 'timeoutMs "300"': "INVALID_ARGUMENT", "intervalMs 0": "INVALID_ARGUMENT" });
  },
);

// ---------------------------------------------------------------- 6. console hygiene

test("a delegated session (setSession) executes an intent; its private key never reaches the console", async () => {
  const r = await run(async (okto, { opts, dead }) => {
    const key = okto.SessionKey.generate();
    const hex = key.exportPrivateKey();
    const payload = okto.buildAuthPayload({ authData: { idToken: fakeJwt("delegated-intents"), provider: "google" }, session: key, clientSWA: opts.clientSWA, clientPrivateKey: opts.clientPrivateKey });
    const res = await fetch(opts.gatewayUrl + "/api/oc/v1/authenticate", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) }).then((x) => x.json());
    const c = new okto.OktoClient(opts);
    c.setSession(key, res.data.userSWA, res.data.sessionExpiry);
    key.free();
    const op = await c.signUserOp(await c.tokenTransfer({ caip2Id: "eip155:8453", recipient: dead, token: "", amount: 5n }));
    await c.estimate("TOKEN_TRANSFER", { caip2Id: "eip155:8453", recipient: dead, token: "", amount: 5n });
    const order = await c.waitForOrder(await c.executeUserOp(op), { intervalMs: 100 });
    const sig = await c.signMessage("delegated");
    window.T.clients.delegated = c;
    return { hex, status: order.status, sig };
  }, { opts: opts("rest"), dead: DEAD });
  assert.ok(r.ok, JSON.stringify(r.err));
  assert.equal(r.ok.status, "SUCCESSFUL");
  assert.match(r.ok.sig, /^0x[0-9a-f]{130}$/);
  const needle = r.ok.hex.slice(2).toLowerCase();
  assert.equal(needle.length, 64);
  const hits = consoleLog.filter((l) => l.text.toLowerCase().includes(needle));
  assert.deepEqual(hits, [], "the session private key reached the console");
});

test("no console errors; no bearer token or session private key in any console line", async () => {
  const r = await run(async () => {
    const out = [];
    for (const c of Object.values(window.T.clients)) if (c.isLoggedIn()) out.push(await c.getAuthorizationToken());
    return out;
  });
  assert.ok(r.ok, JSON.stringify(r.err));
  const tokens = r.ok;
  assert.ok(tokens.length >= 3, `only ${tokens.length} logged-in clients`);

  // Errors: only the browser's own network lines for the refusals the tests provoked (REST execute 400s) and a favicon.
  const allowed = (l) =>
    (l.text.startsWith("Failed to load resource: the server responded with a status of 400") && l.url === h.gateway.url + "/api/oc/v1/execute") ||
    (l.text.startsWith("Failed to load resource: the server responded with a status of 404") && l.url === h.site.url + "/favicon.ico");
  const errors = consoleLog.filter((l) => (l.type === "error" || l.type === "pageerror") && !allowed(l));
  assert.deepEqual(errors, [], "console errors");
  const lines = consoleLog.map((l) => l.text);
  assert.ok(lines.length > 50, `debug logging produced only ${lines.length} lines`);

  // Bearer tokens: neither whole nor their signature part.
  const sessionPubs = new Set();
  for (const t of tokens) {
    const decoded = JSON.parse(Buffer.from(t, "base64").toString("utf8"));
    sessionPubs.add(decoded.data.session_pub_key);
    const sig = decoded.data_signature.slice(2);
    for (const l of lines) {
      assert.ok(!l.includes(t), "a full bearer token in a console line");
      assert.ok(!l.includes(t.slice(-48)), "the tail of a bearer token in a console line");
      assert.ok(!l.toLowerCase().includes(sig), "a bearer token's signature in a console line");
    }
  }
  // Session keys seen on the wire (sessionPk in login bodies) count too.
  for (const l of lines) for (const m of l.matchAll(/0x04[0-9a-f]{128}/g)) sessionPubs.add(m[0]);

  // Any 64-hex-digit window that is a session private key? (Runs of 8+ zeros cannot be a random key.)
  const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const seen = new Set();
  for (const l of lines) {
    for (const m of l.matchAll(/[0-9a-fA-F]{64,}/g)) {
      const run = m[0].toLowerCase();
      for (let i = 0; i + 64 <= run.length; i++) {
        const w = run.slice(i, i + 64);
        if (w.includes("00000000") || seen.has(w)) continue;
        seen.add(w);
        const k = BigInt("0x" + w);
        if (k === 0n || k >= N) continue;
        assert.ok(!sessionPubs.has(privateKeyToAccount("0x" + w).publicKey), `a session private key in a console line: …${run.slice(Math.max(0, i - 16), i + 8)}…`);
      }
    }
  }
  console.log(`# hygiene: ${lines.length} console lines, ${tokens.length} bearer tokens, ${sessionPubs.size} session keys, ${seen.size} 64-hex windows tried; ${flowCounts.flows} flows, ${flowCounts.executeVerified} signatures verified on execute`);
});
