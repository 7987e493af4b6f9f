// A minimal app as a user would write it from the npm README.
import init, { OktoClient, getVersions } from "okto-wasm";

const gateway = new URLSearchParams(location.search).get("gateway");
const status = document.querySelector("#status");

const b64 = (o) => btoa(JSON.stringify(o)).replaceAll("=", "").replaceAll("+", "-").replaceAll("/", "_");
const devIdToken = `${b64({ alg: "RS256" })}.${b64({ sub: "vite-user@example.com" })}.c2ln`;

await init();
status.textContent = `ready ${getVersions().version}`;

document.querySelector("#login").addEventListener("click", async () => {
  try {
    const okto = new OktoClient({
      environment: "sandbox",
      clientSWA: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
      clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
      gatewayUrl: gateway,
      bffUrl: gateway,
    });
    const swa = await okto.loginUsingOAuth({ idToken: devIdToken, provider: "google" });
    const wallets = await okto.getAccount();
    status.textContent = `logged in ${swa} with ${wallets.length} wallets`;
  } catch (e) {
    status.textContent = `error ${e.code}: ${e.message}`;
  }
});
