// Prints the vectors pinned by src/core/userop.rs: call data built exactly as
// the official SDK 1.1.0's tokenTransfer builds it (viem, same nonce and chain
// flags), and the official signUserOp's signature of a fixed user op.
// Run: cd tests && node diff/userop-vectors.mjs
import { OktoClient } from "@okto_web3/core-js-sdk";
import { encodeAbiParameters, encodeFunctionData, keccak256, parseAbiParameters, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

console.info = () => {};
console.log = ((log) => (...a) => (typeof a[0] === "string" && a[0].startsWith("VEC") ? log(...a) : undefined))(console.log);
const INTENT_ABI = [{ inputs: [
  { name: "_jobId", type: "uint256" }, { name: "_clientSWA", type: "address" }, { name: "_userSWA", type: "address" },
  { name: "_feePayerAddress", type: "address" }, { name: "_policyInfo", type: "bytes" }, { name: "_gsnData", type: "bytes" },
  { name: "_jobParameters", type: "bytes" }, { name: "_intentType", type: "string" }], name: "initiateJob", outputs: [], stateMutability: "nonpayable", type: "function" }];

const nonceHex = "0x" + "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b".replaceAll("-", "").padStart(64, "0");
const jobType = "(string caip2Id, string recipientWalletAddress, string tokenAddress, uint amount)";
const callData = encodeAbiParameters(parseAbiParameters("bytes4, address,uint256, bytes"), [
  "0x8dd7712f", "0x0543aD80b41C5f5956d34503668CDb965deCB617", 0n,
  encodeFunctionData({ abi: INTENT_ABI, functionName: "initiateJob", args: [
    nonceHex, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x0000000000000000000000000000000000000000",
    encodeAbiParameters(parseAbiParameters("(bool gsnEnabled, bool sponsorshipEnabled)"), [{ gsnEnabled: false, sponsorshipEnabled: true }]),
    encodeAbiParameters(parseAbiParameters(`(bool isRequired, string[] requiredNetworks, ${jobType}[] tokens)`), [{ isRequired: false, requiredNetworks: [], tokens: [] }]),
    encodeAbiParameters(parseAbiParameters(jobType), [{ amount: 1000000n, caip2Id: "eip155:137", recipientWalletAddress: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", tokenAddress: "" }]),
    "TOKEN_TRANSFER"] }),
]);
console.log("VEC tokenCallDataKeccak", keccak256(callData));

// signUserOp: the official SDK's packing, hash and signature for a fixed op.
const sessionKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const acct = privateKeyToAccount(sessionKey);
const client = new OktoClient({ environment: "sandbox", clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", clientSWA: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" });
client.setSessionConfig({ sessionPrivKey: sessionKey, sessionPubKey: acct.publicKey, userSWA: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });
const op = {
  sender: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", nonce: nonceHex, paymaster: "0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3",
  callGasLimit: toHex(600000n), verificationGasLimit: toHex(400000n), preVerificationGas: toHex(100000n),
  maxFeePerGas: "0xba43b7400", maxPriorityFeePerGas: "0xba43b7400",
  paymasterPostOpGasLimit: toHex(200000n), paymasterVerificationGasLimit: toHex(200000n),
  callData, paymasterData: "0x1234",
};
const signed = await client.signUserOp({ ...op });
console.log("VEC userOpSignature", signed.signature);

// NFT and raw-transaction call data, as nftTransfer / evmRawTransaction build them.
function callDataFor(jobType, params, intentType, policy) {
  return encodeAbiParameters(parseAbiParameters("bytes4, address,uint256, bytes"), [
    "0x8dd7712f", "0x0543aD80b41C5f5956d34503668CDb965deCB617", 0n,
    encodeFunctionData({ abi: INTENT_ABI, functionName: "initiateJob", args: [
      nonceHex, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x0000000000000000000000000000000000000000",
      encodeAbiParameters(parseAbiParameters("(bool gsnEnabled, bool sponsorshipEnabled)"), [policy]),
      encodeAbiParameters(parseAbiParameters(`(bool isRequired, string[] requiredNetworks, ${jobType}[] tokens)`), [{ isRequired: false, requiredNetworks: [], tokens: [] }]),
      encodeAbiParameters(parseAbiParameters(jobType), [params]),
      intentType] }),
  ]);
}
const nftType = "(string caip2Id, string nftId, string recipientWalletAddress, string collectionAddress, string nftType, uint amount)";
console.log("VEC nftCallDataKeccak", keccak256(callDataFor(nftType, { caip2Id: "eip155:8453", nftId: "42", recipientWalletAddress: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", collectionAddress: "0x8617E340B3D01FA5F11F306F4090FD50E238070D", nftType: "ERC1155", amount: 3n }, "NFT_TRANSFER", { gsnEnabled: true, sponsorshipEnabled: false })));
const { stringToBytes } = await import("viem");
const tx = { from: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", to: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", data: "0x", value: toHex(10n ** 18n) };
console.log("VEC rawCallDataKeccak", keccak256(callDataFor("(string caip2Id, bytes[] transactions)", { caip2Id: "eip155:42161", transactions: [toHex(stringToBytes(JSON.stringify(tx)))] }, "RAW_TRANSACTION", { gsnEnabled: true, sponsorshipEnabled: true })));

// The MPC sign-message challenge and session signature, computed as the
// official SDK's generateSignMessagePayload computes them (json-canonicalize,
// @noble/hashes' sha256, viem's signMessage over the raw JCS bytes).
const { canonicalize } = await import("json-canonicalize");
const { sha256 } = await import("@noble/hashes/sha256");
const tid = "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b";
const setup = { t: 2, key_id: "key-1", message: canonicalize({ [tid]: { requestType: "EIP191", signingMessage: "hello okto" } }), signAlg: "secp256k1" };
const challenge = Buffer.from(sha256(sha256(canonicalize(setup)))).toString("hex");
console.log("VEC mpcChallenge", challenge);
const { signMessage: viemSign } = await import("viem/accounts");
console.log("VEC mpcSessionSignature", await viemSign({ message: { raw: new TextEncoder().encode(canonicalize({ setup, challenge })) }, privateKey: sessionKey }));
