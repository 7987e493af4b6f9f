// Offline stubs shared by diff/intents.test.mjs: one fake Okto BFF answering
// both the official SDK (through axios) and okto-wasm (through fetch), and
// "armed" randomness so that both sides draw the same UUIDs.
//
// Import this module before anything that loads the official SDK: the `uuid`
// package it uses copies `crypto.randomUUID` when it loads, so the stub must
// be in place by then.
import nodeCrypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import axios from "axios";

// ---------------------------------------------------------------------------
// Armed randomness
// ---------------------------------------------------------------------------
//
// The official SDK takes UUIDs from node's crypto.randomUUID (uuid v11's v4).
// okto-wasm draws 16 bytes through getrandom, which calls
// globalThis.crypto.getRandomValues (node's randomFillSync is stubbed too, in
// case a build ever takes that path). A UUID v4's 16 bytes drawn as a nonce
// give that same UUID back. Each queue serves only its own kind of draw;
// anything not armed gets real randomness.

const uuidQueue = [];
const bytesQueue = [];
const served = { uuid: 0, bytes: 0 };

const uuidBytes = (u) => Buffer.from(u.replaceAll("-", ""), "hex");

/** The next `randomUUID()` calls (the official SDK) return these, in order. */
export function armUUIDs(uuids) {
  uuidQueue.push(...uuids);
}

/** The next 16-byte draws (okto-wasm) return these UUIDs' bytes, in order. */
export function armBytes(uuids) {
  bytesQueue.push(...uuids.map(uuidBytes));
}

/** How many armed values are still waiting, per kind. */
export function pending() {
  return { uuid: uuidQueue.length, bytes: bytesQueue.length };
}

/** Drops whatever is still armed; returns how many were served so far. */
export function disarm() {
  uuidQueue.length = 0;
  bytesQueue.length = 0;
  return { ...served };
}

const realRandomUUID = nodeCrypto.randomUUID;
nodeCrypto.randomUUID = function randomUUID(options) {
  if (uuidQueue.length > 0) {
    served.uuid++;
    return uuidQueue.shift();
  }
  return realRandomUUID.call(nodeCrypto, options);
};
syncBuiltinESMExports();

function fillArmed(view) {
  if (view.byteLength === 16 && bytesQueue.length > 0) {
    served.bytes++;
    new Uint8Array(view.buffer, view.byteOffset, 16).set(bytesQueue.shift());
    return true;
  }
  return false;
}

const webcrypto = globalThis.crypto;
const realGetRandomValues = webcrypto.getRandomValues.bind(webcrypto);
webcrypto.getRandomValues = function getRandomValues(view) {
  if (fillArmed(view)) return view;
  return realGetRandomValues(view);
};
const realRandomFillSync = nodeCrypto.randomFillSync;
nodeCrypto.randomFillSync = function randomFillSync(buf, offset, size) {
  if (offset === undefined && size === undefined && ArrayBuffer.isView(buf) && fillArmed(buf)) return buf;
  return realRandomFillSync.call(nodeCrypto, buf, offset, size);
};
syncBuiltinESMExports();

// ---------------------------------------------------------------------------
// Clock
// ---------------------------------------------------------------------------

const realNow = Date.now;

/** Runs `f` with Date.now() fixed at `ms` (both sides read Date.now). */
export async function atTime(ms, f) {
  Date.now = () => ms;
  try {
    return await f();
  } finally {
    Date.now = realNow;
  }
}

// ---------------------------------------------------------------------------
// The fake BFF
// ---------------------------------------------------------------------------

/**
 * What the fake BFF answers. Replies are written as the BFF writes them
 * (snake_case); both clients camelCase them.
 *  - networks: [{caip_id, network_name, chain_id, sponsorship_enabled, gsn_enabled, type, network_id}]
 *  - gas: {maxFeePerGas, maxPriorityFeePerGas}
 *  - userKeys: {user_id, user_swa, ecdsa_public_key, eddsa_public_key, ecdsa_key_id, eddsa_key_id}
 *  - signature: 130 hex chars that the MPC "signers" return
 */
export const bff = {
  networks: [],
  gas: { maxFeePerGas: "0xba43b7400", maxPriorityFeePerGas: "0xba43b7400" },
  userKeys: null,
  signature: "00".repeat(65),
  /** Every POST body to /api/oc/v1/signMessage, tagged with who sent it (the test empties it). */
  signBodies: [],
};

function reply(side, method, path, body) {
  if (method === "GET" && path === "/api/oc/v1/supported/networks") {
    return { status: "success", data: { count: bff.networks.length, network: bff.networks } };
  }
  if (method === "GET" && path === "/api/oc/v1/gas-values") {
    return { status: "success", data: { ...bff.gas } };
  }
  if (method === "GET" && path === "/api/oc/v1/user-keys") {
    return { status: "success", data: { ...bff.userKeys } };
  }
  if (method === "POST" && path === "/api/oc/v1/signMessage") {
    bff.signBodies.push({ side, body });
    const tid = JSON.parse(body).data.transactions[0].transactionId;
    return { status: "success", data: [{ transactionId: tid, signature: bff.signature }] };
  }
  throw new Error(`fake BFF: no route for ${side} ${method} ${path}`);
}

// The official SDK: axios.create() per request, merged from axios.defaults.
axios.defaults.adapter = async (config) => {
  const path = new URL(config.url, "http://base.invalid").pathname;
  const data = reply("official", config.method.toUpperCase(), path, config.data);
  return { data, status: 200, statusText: "OK", headers: {}, config, request: {} };
};

// okto-wasm: the global fetch. Nothing leaves the process.
globalThis.fetch = async (url, init = {}) => {
  const path = new URL(String(url)).pathname;
  const data = reply("ours", (init.method ?? "GET").toUpperCase(), path, init.body);
  return new Response(JSON.stringify(data), { status: 200, headers: { "Content-Type": "application/json" } });
};

/** Runs `f` with the official SDK's request logs (bearer tokens included) silenced. */
export async function quietly(f) {
  const { info, error, log } = console;
  console.info = console.error = console.log = () => {};
  try {
    return await f();
  } finally {
    Object.assign(console, { info, error, log });
  }
}
