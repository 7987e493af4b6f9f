// Prints the fixed vectors that src/core's native tests pin, computed by the
// official SDK (@okto_web3/core-js-sdk@1.1.0) and viem. Run: node tests/diff/vectors.mjs
import { OktoClient } from "@okto_web3/core-js-sdk";
import { encodeAbiParameters, keccak256 } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const ANVIL0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const ANVIL1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const SWA = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
const NONCE = "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b";
console.info = () => {};

const account = privateKeyToAccount(ANVIL0);
const client = new OktoClient({ environment: "sandbox", clientPrivateKey: ANVIL0, clientSWA: SWA });
client.setSessionConfig({ sessionPrivKey: ANVIL0, sessionPubKey: account.publicKey, userSWA: SWA });

const pm = await client.paymasterData({ nonce: NONCE, validUntil: 1735689600 });
console.log("paymasterData", pm);

const realNow = Date.now;
Date.now = () => 1_700_000_000_000;
console.log("authToken", await client.getAuthorizationToken());
Date.now = realNow;

const anvil1 = privateKeyToAccount(ANVIL1).address;
console.log("sessionDigest(anvil1)", anvil1, keccak256(encodeAbiParameters([{ type: "address" }], [anvil1])));
