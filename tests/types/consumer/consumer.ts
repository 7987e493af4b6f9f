// A TypeScript app that uses the built package (pkg/okto_wasm.d.ts, with the
// merged result types) the way the README shows. `tsc --noEmit --strict`
// must pass: every method has a real type, no `any`.
import init, { OktoClient, SessionKey, buildAuthPayload, generatePaymasterData, mintAuthToken } from "../../../pkg/index.js";
import type { Network, OktoError, UserKeys, Wallet, AuthenticatePayload, Order, UserOp, OrderEstimateResponse } from "../../../pkg/index.js";

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
  // Intents and MPC signing, as the npm README shows them.
  const params = { caip2Id: "eip155:137", recipient: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", token: "", amount: 10n ** 15n };
  const fee: OrderEstimateResponse = await client.estimate("TOKEN_TRANSFER", params);
  const op: UserOp = await client.tokenTransfer(params);
  const signed: UserOp & { signature: string } = await client.signUserOp(op);
  const jobId: string = await client.executeUserOp(signed);
  const order: Order = await client.waitForOrder(jobId, { timeoutMs: 60_000, signal: new AbortController().signal });
  const nft: UserOp = await client.nftTransfer({ caip2Id: "eip155:8453", collectionAddress: "0x8617E340B3D01FA5F11F306F4090FD50E238070D", nftId: "1", recipientWalletAddress: params.recipient, amount: 1, nftType: "ERC721" });
  const raw: UserOp = await client.evmRawTransaction({ caip2Id: "eip155:1", transaction: { from: swa, to: params.recipient, value: "1" } }, "0x0000000000000000000000000000000000000000");
  const sig: string = (await client.signMessage("hello")) + (await client.signTypedData({ types: {}, primaryType: "M", message: {} }));
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
  return [swa, wallets.length, sponsored, keys.ecdsaKeyId, orders.length, token, ok, user, pm, t, fee.details, order.status, nft.callData, raw.callData, sig].join();
}
