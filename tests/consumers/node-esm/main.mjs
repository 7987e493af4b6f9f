// Node 20 ESM: the pure builders from the Node build, imported by package name.
import init, { SessionKey, buildAuthPayload, generatePaymasterData, mintAuthToken, getVersions } from "okto-wasm";

await init(); // harmless under Node: the Node build instantiates itself
const key = SessionKey.fromPrivateKey("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const payload = buildAuthPayload({
  authData: { idToken: "a.b.c", provider: "google" },
  session: key,
  clientSWA: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
  clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  nonce: "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b",
  validUntil: 1735689600,
});
const paymasterData = generatePaymasterData({
  clientSWA: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
  clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  nonce: "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b",
  validUntil: 1735689600,
});
console.log(JSON.stringify({
  address: key.address,
  token: mintAuthToken(key, 1700005400),
  paymasterSame: payload.sessionData.paymasterData === paymasterData,
  versions: getVersions(),
}));
