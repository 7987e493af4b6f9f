// A back end acting for a user (Node 20): it was handed the user's session key
// and SWA (for instance by the app, over a secure channel, after login), and
// its own client key never leaves it: the login below signs through a
// `clientSigner` callback that stands for a signing service.
//
// Run against the local dev gateway:
//   node tests/gateway/server.mjs --port 8787 &
//   node tests/examples/delegated.mjs http://127.0.0.1:8787
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { OktoClient, SessionKey, buildAuthPayload } = require("../../pkg-node/index.js");

export async function delegatedDemo(gateway) {
  const clientSWA = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
  // The signing service: here the dev gateway's /dev/client-sign stands in for it.
  const clientSigner = async (hex) => {
    const res = await fetch(`${gateway}/dev/client-sign`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ digest: hex }) });
    return (await res.json()).signature;
  };

  // 1. The app logs the user in (any way; here with a dev id token) through the signer.
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const idToken = `${b64({ alg: "RS256" })}.${b64({ sub: "delegate@example.com" })}.c2ln`;
  const app = new OktoClient({ clientSWA, clientSigner, clientSignerAddress: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", gatewayUrl: gateway, bffUrl: gateway });
  const userSWA = await app.loginUsingOAuth({ idToken, provider: "google" });

  // 2. A session the back end holds the key of: made with the pure builders.
  const session = SessionKey.generate();
  const devClientKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"; // dev only
  const payload = buildAuthPayload({ authData: { idToken, provider: "google" }, session, clientSWA, clientPrivateKey: devClientKey });
  const auth = await (await fetch(`${gateway}/api/oc/v1/authenticate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) })).json();

  // 3. The back end adopts it and calls the explorer for the user.
  const backend = new OktoClient({ clientSWA, gatewayUrl: gateway, bffUrl: gateway });
  backend.setSession(SessionKey.fromPrivateKey(session.exportPrivateKey()), auth.data.userSWA, auth.data.sessionExpiry);
  session.free();
  const wallets = await backend.getAccount();
  const verified = await backend.verifyLogin();
  backend.sessionClear();
  return { userSWA, delegatedSWA: auth.data.userSWA, wallets: wallets.length, verified };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await delegatedDemo(process.argv[2] ?? "http://127.0.0.1:8787"));
}
