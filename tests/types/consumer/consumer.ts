// A TypeScript app that uses the built package (pkg/okto_wasm.d.ts, with the
// merged result types) the way the README shows. `tsc --noEmit --strict`
// must pass: every method has a real type, no `any`.
import init, { OktoClient, SessionKey, buildAuthPayload, generatePaymasterData, mintAuthToken } from "../../../pkg/index.js";
import type { Network, OktoError, UserKeys, Wallet, AuthenticatePayload, Order } from "../../../pkg/index.js";

export async function main(idToken: string): Promise<string> {
  await init();
  const client = new OktoClient({
    environment: "sandbox",
    clientSWA: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    gatewayUrl: "http://127.0.0.1:8787",
    bffUrl: "http://127.0.0.1:8787",
    authTransport: "rpc",
    timeoutMs: 10_000,
  });
  const swa: string = await client.loginUsingOAuth({ idToken, provider: "google" });
  const wallets: Wallet[] = await client.getAccount();
  const chains: Network[] = await client.getChains();
  const polygon = chains.find((c) => c.caipId === "eip155:137");
  const sponsored: boolean | undefined = polygon?.sponsorshipEnabled;
  const keys: UserKeys = await client.getUserKeys();
  const orders: Order[] = await client.getOrdersHistory({ intentType: "TOKEN_TRANSFER" });
  const token: string = await client.getAuthorizationToken();
  const ok: boolean = await client.verifyLogin();
  const user: string | undefined = client.userSWA;
  client.sessionClear();

  const key = SessionKey.generate();
  const payload: AuthenticatePayload = buildAuthPayload({
    authData: { idToken, provider: "google" },
    session: key,
    clientSWA: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  });
  const pm: string = generatePaymasterData({
    clientSWA: payload.sessionData.clientSWA,
    clientPrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    nonce: payload.sessionData.nonce,
    validUntil: 1_900_000_000,
  });
  const t: string = mintAuthToken(key, 1_900_000_000) + key.authToken() + key.signMessage(new Uint8Array(32));
  key.free();
  try {
    await client.getAccount();
  } catch (e) {
    const err = e as OktoError;
    if (err.code === "NOT_LOGGED_IN") return "logged out";
  }
  return [swa, wallets.length, sponsored, keys.ecdsaKeyId, orders.length, token, ok, user, pm, t].join();
}
