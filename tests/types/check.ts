// Type-checks src/js/types.d.ts (the typescript_custom_section fragment) by using every
// type the way an app would. Run: cd tests && npx tsc --noEmit -p types
//
// The explorer results are checked against Okto's own examples: the snake_case `data`
// objects below are copied from /work/shared/okto-openapi/*.json, and `camelize` applies,
// at the type level, the exact key conversion the client performs at run time
// (`key.replace(/_([a-z])/g, g => g[1].toUpperCase())`, recursively). A field whose
// camelCase name or type is wrong in types.d.ts therefore fails here.

import type {
  AuthenticateResult,
  AuthTransport,
  EstimateGasDetails,
  EstimateOrderPayload,
  Environment,
  IntentType,
  Network,
  NFTTransferIntentParams,
  OktoClientOptions,
  OktoError,
  OktoErrorCode,
  Order,
  OrderDetails,
  OrderEstimateResponse,
  OrderFilterRequest,
  OrderStatus,
  OtpSendResponse,
  OtpVerifyResponse,
  RawTransactionIntentParams,
  ReadContractPayload,
  ReadContractResponse,
  Token,
  TokenTransferIntentParams,
  UserKeys,
  UserNFTBalance,
  UserOp,
  UserPortfolioActivity,
  UserPortfolioData,
  UserPortfolioGroupToken,
  UserPortfolioToken,
  UserSession,
  Wallet,
  WaitForOrderOptions,
} from "../../src/js/types.js";

// ---------------------------------------------------------------------------
// The client's snake_case -> camelCase conversion, as a type.

type LowerLetter =
  | "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m"
  | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z";

/** `key.replace(/_([a-z])/g, g => g[1].toUpperCase())` */
type CamelKey<S extends string> = S extends `${infer Head}_${infer C}${infer Rest}`
  ? C extends LowerLetter
    ? `${Head}${Uppercase<C>}${CamelKey<Rest>}`
    : `${Head}_${CamelKey<`${C}${Rest}`>}`
  : S;

type Camelize<T> = T extends readonly (infer U)[]
  ? Camelize<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? CamelKey<K> : K]: Camelize<T[K]> }
    : T;

declare function camelize<T>(data: T): Camelize<T>;

// The conversion itself, pinned down on the keys named in the brief and some edge cases.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertTrue<T extends true>(): T | undefined {
  return undefined;
}
assertTrue<Equal<CamelKey<"network_name">, "networkName">>();
assertTrue<Equal<CamelKey<"caip_id">, "caipId">>();
assertTrue<Equal<CamelKey<"is_session_added">, "isSessionAdded">>();
assertTrue<Equal<CamelKey<"caip2_id">, "caip2Id">>();
assertTrue<Equal<CamelKey<"chain_1">, "chain_1">>(); // only a lower-case letter after "_" is taken
assertTrue<Equal<CamelKey<"x_Y">, "x_Y">>();
assertTrue<Equal<CamelKey<"_private">, "Private">>();
assertTrue<Equal<CamelKey<"trailing_">, "trailing_">>();
assertTrue<Equal<CamelKey<"a__b">, "a_B">>();
assertTrue<Equal<CamelKey<"approxTransactionFeesInUSDT">, "approxTransactionFeesInUSDT">>();

// ---------------------------------------------------------------------------
// The client surface from API.md, typed with the fragment's types.

interface ClientLike {
  readonly userSWA: string | undefined;
  readonly clientSWA: string;
  isLoggedIn(): boolean;
  loginUsingOAuth(authData: { idToken: string; provider: string }): Promise<string>;
  sendOTP(contact: string, method: "email" | "whatsapp"): Promise<OtpSendResponse>;
  resendOTP(contact: string, token: string, method: "email" | "whatsapp"): Promise<OtpSendResponse>;
  loginUsingEmail(email: string, otp: string, token: string): Promise<string>;
  verifyLogin(): Promise<boolean>;
  getAccount(): Promise<Wallet[]>;
  getChains(): Promise<Network[]>;
  getTokens(): Promise<Token[]>;
  getPortfolio(): Promise<UserPortfolioData>;
  getPortfolioActivity(): Promise<UserPortfolioActivity[]>;
  getPortfolioNFT(): Promise<UserNFTBalance[]>;
  getOrdersHistory(filters?: OrderFilterRequest): Promise<Order[]>;
  readContractData(payload: ReadContractPayload): Promise<ReadContractResponse>;
  getUserKeys(): Promise<UserKeys>;
  tokenTransfer(params: TokenTransferIntentParams, feePayer?: string): Promise<UserOp>;
  nftTransfer(params: NFTTransferIntentParams, feePayer?: string): Promise<UserOp>;
  evmRawTransaction(params: RawTransactionIntentParams, feePayer?: string): Promise<UserOp>;
  estimate(payload: EstimateOrderPayload): Promise<OrderEstimateResponse>;
  signUserOp(userOp: UserOp): Promise<UserOp>;
  executeUserOp(userOp: UserOp): Promise<string>;
  waitForOrder(jobId: string, options?: WaitForOrderOptions): Promise<Order>;
}

declare function newClient(options: OktoClientOptions): ClientLike;

// ---------------------------------------------------------------------------
// Options.

const environment: Environment = "production";
const transport: AuthTransport = "rest";

const withKey: OktoClientOptions = {
  environment,
  clientSWA: "0xe8201E368557508bF183D4e2DcE1b1A1E0bd20FA",
  clientPrivateKey: "0x" + "11".repeat(32),
  authTransport: transport,
  timeoutMs: 10_000,
  retries: 0,
  debug: true,
};

const lines: string[] = [];
const withSigner: OktoClientOptions = {
  clientSWA: "0xe8201E368557508bF183D4e2DcE1b1A1E0bd20FA",
  clientSigner: async (digest: string) => {
    const res = await fetch("/api/okto/sign-digest", { method: "POST", body: digest });
    return res.text();
  },
  clientSignerAddress: "0x3a3E9f4Fd9E8D1F5b3c5E2D2b6f5C8c1B1a9A1B2",
  gatewayUrl: "http://127.0.0.1:8787",
  bffUrl: "http://127.0.0.1:8787",
  debug: (line) => lines.push(line),
};

// @ts-expect-error clientSWA is required
const noSwa: OktoClientOptions = { environment: "sandbox" };
// @ts-expect-error not an environment
const badEnv: OktoClientOptions = { clientSWA: "0x00", environment: "mainnet" };
// @ts-expect-error not a transport
const badTransport: OktoClientOptions = { clientSWA: "0x00", authTransport: "grpc" };
// @ts-expect-error the signer resolves to a string, not a Uint8Array
const badSigner: OktoClientOptions = { clientSWA: "0x00", clientSigner: async (_d: string) => new Uint8Array(65) };
void [noSwa, badEnv, badTransport, badSigner];

const client = newClient(Math.random() > 0.5 ? withKey : withSigner);

// ---------------------------------------------------------------------------
// Errors.

function isOktoError(e: unknown): e is OktoError {
  return e instanceof Error && e.name === "OktoError";
}

function describe(code: OktoErrorCode): string {
  switch (code) {
    case "INVALID_HEX":
    case "INVALID_ADDRESS":
    case "INVALID_PRIVATE_KEY":
    case "INVALID_UUID":
    case "INVALID_ARGUMENT":
      return "bad input";
    case "NOT_INITIALIZED":
      return "call init() first";
    case "NOT_LOGGED_IN":
    case "SESSION_FREED":
    case "SESSION_EXPIRED":
    case "SESSION_MISMATCH":
    case "SESSION_TAMPERED":
      return "log in again";
    case "UNSUPPORTED_CHAIN":
    case "SELF_TRANSFER":
      return "intent refused";
    case "NETWORK":
      return "offline or timed out";
    case "HTTP":
    case "RPC":
    case "API":
    case "BAD_RESPONSE":
      return "server said no";
    case "RANDOM_UNAVAILABLE":
      return "no CSPRNG";
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

function report(e: unknown): string {
  if (!isOktoError(e)) return String(e);
  const name: "OktoError" = e.name;
  const parts = [name, e.code, describe(e.code), e.message];
  if (e.status !== undefined) parts.push(`status ${e.status.toFixed(0)}`);
  if (e.rpcCode !== undefined) parts.push(`rpc ${e.rpcCode.toFixed(0)}`);
  if (e.errorCode !== undefined) parts.push(e.errorCode.toUpperCase());
  if (e.traceId !== undefined) parts.push(`trace ${e.traceId}`);
  if (typeof e.data === "string") parts.push(e.data);
  return parts.join(" ");
}

const apiError: OktoError = Object.assign(new Error("Something went wrong. Please try again"), {
  name: "OktoError" as const,
  code: "API" as const,
  status: 400,
  errorCode: "ER-TECH-0004",
  traceId: "16d13cc33b8fdb4bb991be15b454144e",
  data: { details: "Network Details not found" },
});
report(apiError);
// @ts-expect-error not an error code
const badCode: OktoErrorCode = "TIMEOUT";
// @ts-expect-error the name is fixed
const badName: OktoError = { name: "Error", message: "x", code: "HTTP" };
void [badCode, badName];

// ---------------------------------------------------------------------------
// Explorer results, from Okto's OpenAPI examples (snake_case `data`, then camelized).

const walletsData = [
  {
    caip_id: "eip155:10",
    network_name: "OPTIMISM",
    address: "0x6698c56f99EaF4662cD70f974Cf787926e47781b",
    network_id: "f0620691-ce05-3d5c-94c7-1f2cf275c781",
    network_symbol: "OP",
  },
];
const wallets: Wallet[] = camelize(walletsData);

const networksData = {
  network: [
    {
      caip_id: "eip155:56",
      network_name: "BSC",
      chain_id: "56",
      logo: "BSC",
      sponsorship_enabled: true,
      gsn_enabled: false,
      type: "EVM",
      network_id: "9a26afcf-ed62-43d8-91ea-42dc7cd55890",
      onramp_enabled: false,
      whitelisted: true,
    },
  ],
};
const chains: Network[] = camelize(networksData).network;

const tokensData = {
  count: 1,
  tokens: [
    {
      address: "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2",
      caip_id: "eip155:8453",
      symbol: "USDT",
      image: "https://images.okto.tech/token_logos/USDT.png",
      name: "",
      short_name: "Tether USD",
      id: "a060dd71-4ab2-3865-9530-5c4288f40506",
      group_id: "83e77d34-88e9-3e59-a678-231fbf336b08",
      is_primary: false,
      network_id: "9400de12-efc6-3e69-ab02-0eaf5aaf21e5",
      network_name: "BASE",
      onramp_enabled: false,
      whitelisted: true,
      decimals: "6",
      precision: "6",
    },
  ],
};
const tokens: Token[] = camelize(tokensData).tokens;

const polToken = {
  id: "a9e192bb-bd18-3a47-ab07-5ecff29776e3",
  name: "Polygon Ecosystem Token",
  symbol: "POL",
  short_name: "POL",
  token_image: "https://www.dextools.io/resources/tokens/logos/3/ether/0x455e53cbb86018ac2b8092fdcd39d8444affc3f6.png",
  token_address: "",
  network_id: "ae506585-0ba7-32f3-8b92-120ddf940198",
  precision: "4",
  network_name: "POLYGON",
  is_primary: true,
  balance: "3.7258",
  holdings_price_usdt: "1.14661",
  holdings_price_inr: "77.28166",
};
const portfolioData = {
  aggregated_data: {
    holdings_count: "6",
    holdings_price_inr: "594.5431000000001",
    holdings_price_usdt: "8.821019999999999",
    total_holding_price_inr: "594.5431000000001",
    total_holding_price_usdt: "8.821019999999999",
  },
  group_tokens: [
    { ...polToken, is_primary: false, group_id: "c885bfd2-abff-30d5-a0ba-aed6573a836d", aggregation_type: "group", tokens: [polToken] },
  ],
};
const portfolio: UserPortfolioData = camelize(portfolioData);

const activityData = {
  count: 1,
  activity: [
    {
      symbol: "",
      image: "",
      name: "",
      short_name: "",
      id: "",
      group_id: "",
      description: "NFT Deposit",
      quantity: "1.000000000000000000",
      amount: "",
      order_type: "EXTERNAL_TRANSFER",
      transfer_type: "DEPOSIT",
      status: true,
      created_at: 1739176632,
      updated_at: 1739176632,
      timestamp: 1739176632,
      tx_hash: "0x4e20af759a50080e548cc40f2504e569935ce0f3255bed9c9121e3fdaebc36d1",
      network_id: "ae506585-0ba7-32f3-8b92-120ddf940198",
      network_name: "POLYGON",
      network_explorer_url: "https://polygonscan.com/",
      network_symbol: "POLYGON",
      caip_id: "eip155:137",
    },
  ],
};
const activity: UserPortfolioActivity[] = camelize(activityData).activity;

const nftData = {
  count: 1,
  details: [
    {
      caip_id: "eip155:137",
      network_name: "POLYGON",
      entity_type: "ERC1155",
      collection_address: "0x127e47aba094a9a87d084a3a93732909ff031419",
      collection_name: "Genius Token & NFT Collections",
      nft_id: "0",
      image: "",
      quantity: "2.000000000000000000",
      token_uri: "https://nft.gnus.ai/{id}",
      description: "",
      nft_name: "",
      explorer_smart_contract_url: "https://polygonscan.com/search?f=0&q=0x127e47aba094a9a87d084a3a93732909ff031419",
      collection_image: "",
    },
  ],
};
const nfts: UserNFTBalance[] = camelize(nftData).details;

const ordersData = {
  count: 1,
  items: [
    {
      downstream_transaction_hash: ["0xb30aacea6ee3883939255195172a62110b02aeb03dc590e0cd4d878995bc958b"],
      transaction_hash: ["0x1378f79faffa6ff1242c5d4ebdbc8fffc4bdbc44723cb63041d54fc67c671f97"],
      status: "SUCCESSFUL",
      intent_id: "21260b29-2e72-4337-b494-c69d62dd3c92",
      intent_type: "TOKEN_TRANSFER",
      network_name: "OKTO_DEVNET",
      caip_id: "eip155:24879",
      details: {
        amount: "164060000",
        caip2Id: "eip155:137",
        recipientWalletAddress: "0x08a51013e6db8CE4594e0F9c0D13c96772d24336",
        tokenAddress: "",
      },
      reason: "",
      block_timestamp: 1738761051000,
    },
  ],
};
const orders: Order[] = camelize(ordersData).items;

const sessionData = {
  user_id: "27782328-083b-49d7-8c79-f98298bb85fa",
  vendor_id: "b48ec48b-b42d-4058-89ca-9831a39508bd",
  user_swa: "0xE14A85291F6A8DE60dC06b2dD373DfFDa779AF8D",
  vendor_swa: "0x6b6Fad2600Bc57075ee560A6fdF362FfefB9dC3C",
  is_session_added: true,
  sign_auth_relayer_user_ops: "",
};
const session: UserSession = camelize(sessionData);
// The official SDK's field names for the same route.
const sdkSession: UserSession = camelize({
  user_id: "27782328-083b-49d7-8c79-f98298bb85fa",
  client_id: "b48ec48b-b42d-4058-89ca-9831a39508bd",
  user_swa: "0xE14A85291F6A8DE60dC06b2dD373DfFDa779AF8D",
  client_swa: "0x6b6Fad2600Bc57075ee560A6fdF362FfefB9dC3C",
  is_session_added: false,
});

const userKeys: UserKeys = {
  userId: "27782328-083b-49d7-8c79-f98298bb85fa",
  userSWA: "0xE14A85291F6A8DE60dC06b2dD373DfFDa779AF8D",
  ecdsaPublicKey: "0x02aa",
  eddsaPublicKey: "0xbb",
  ecdsaKeyId: "ecdsa-key-id",
  eddsaKeyId: "eddsa-key-id",
};

const authResult: AuthenticateResult = {
  userSWA: "0x8B20023FC47D8F8BDB7418722dBB0e3e9964a906",
  nonce: "0x00000000000000000000000000000000f9d4db5746824690b2efeae9f9945858",
  clientSWA: "0xe8201E368557508bF183D4e2DcE1b1A1E0bd20FA",
  sessionExpiry: 1747481250,
};

const otpSent: OtpSendResponse = camelize({
  status: "success",
  message: "email otp sent",
  code: 200,
  token: "a25cd3c7-fefe-58cd-96ab-a4897e13c829",
  trace_id: "a71fd63da0cb92a19e613a67c888b1f3",
});
const otpVerified: OtpVerifyResponse = camelize({
  auth_token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig",
  message: "success",
  refresh_auth_token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig2",
  device_token: "a7702605cdb6f17adc83d3e2ebca20a98a2698fa130d18c6d2e2e1ae4a89594b",
});
const otpMinimal: OtpSendResponse = { token: "c67931f6-a8b1-511c-91d5-9fc88231d541" };

// Reading fields the way an app does.
function summarize(): string[] {
  const out: string[] = [];
  for (const w of wallets) out.push(`${w.networkName} ${w.caipId} ${w.address} ${w.networkSymbol}`);
  for (const n of chains) {
    const gas = n.sponsorshipEnabled ? "sponsored" : n.gsnEnabled ? "gsn" : "paid";
    out.push(`${n.networkName} #${Number(n.chainId).toFixed(0)} ${n.type} ${gas} ${n.logo ?? "-"} ${n.whitelisted === true}`);
  }
  for (const t of tokens) {
    const decimals = t.decimals === undefined ? 18 : Number(t.decimals);
    out.push(`${t.symbol}@${t.caipId} ${t.address === "" ? "native" : t.address} ${decimals.toFixed(0)} ${t.isPrimary}`);
  }
  const total = Number(portfolio.aggregatedData.totalHoldingPriceUsdt);
  out.push(`total ${total.toFixed(2)} USDT in ${portfolio.aggregatedData.holdingsCount} holdings`);
  for (const g of portfolio.groupTokens) {
    out.push(`${g.symbol} ${g.balance} (${g.aggregationType})`);
    for (const t of g.tokens) out.push(`  ${t.networkName} ${t.balance} ${t.holdingsPriceInr} INR ${t.tokenImage}`);
  }
  for (const a of activity) {
    const ok = typeof a.status === "boolean" ? a.status : a.status === "SUCCESSFUL";
    out.push(`${new Date(a.timestamp * 1000).toISOString()} ${a.transferType} ${a.quantity} ${a.txHash} ${ok}`);
  }
  for (const n of nfts) out.push(`${n.collectionName} #${n.nftId} x${n.quantity} (${n.entityType}) ${n.tokenUri}`);
  for (const o of orders) {
    const done = o.status === "SUCCESSFUL" || o.status === "FAILED" || o.status === "FAILED_ON_CHAIN";
    const to = typeof o.details.recipientWalletAddress === "string" ? o.details.recipientWalletAddress : "?";
    const extra: unknown = o.details["somethingNew"];
    out.push(`${o.intentId} ${o.intentType} ${o.status} ${done} ${to} ${o.transactionHash.join(",")} ${String(extra)}`);
    if (o.blockTimestamp !== undefined) out.push(new Date(o.blockTimestamp).toISOString());
  }
  const clientOf = (s: UserSession) => s.clientSwa ?? s.vendorSwa ?? "unknown";
  out.push(`${session.userId} ${session.isSessionAdded} ${clientOf(session)} ${clientOf(sdkSession)}`);
  out.push(`${userKeys.ecdsaKeyId} ${userKeys.userSWA}`);
  out.push(`${authResult.userSWA} until ${new Date(authResult.sessionExpiry * 1000).toISOString()}`);
  out.push(`${otpSent.token} ${otpSent.traceId ?? ""} ${otpSent.code ?? 0} ${otpMinimal.token}`);
  out.push(`${otpVerified.authToken.length} ${otpVerified.refreshAuthToken ?? ""}`);
  return out;
}

// The helper types, as an app names them.
const finalStatuses: readonly OrderStatus[] = ["SUCCESSFUL", "FAILED", "FAILED_ON_CHAIN", "EXPIRED", "BUNDLER_DISCARDED"];
const transferTypes: readonly IntentType[] = ["TOKEN_TRANSFER", "NFT_TRANSFER"];
const isFinal = (o: Order): boolean => (finalStatuses as readonly string[]).includes(o.status);
const recipientOf = (d: OrderDetails): string | undefined => d.recipientWalletAddress;
const biggest = (g: UserPortfolioGroupToken): UserPortfolioToken | undefined =>
  [...g.tokens].sort((a, b) => Number(b.holdingsPriceUsdt) - Number(a.holdingsPriceUsdt))[0];
const gas: EstimateGasDetails = { maxFeePerGas: "0xba43b7400", maxPriorityFeePerGas: "0xba43b7400" };
const evmChains = chains.filter((n) => n.type === "EVM");
// @ts-expect-error not a status
const badStatus: OrderStatus = "DONE";
void [transferTypes, isFinal, recipientOf, biggest, gas, evmChains, badStatus];

// @ts-expect-error a required field missing from a result shape
const badWallet: Wallet = { caipId: "eip155:1", networkName: "ETHEREUM", address: "0x00" };
// @ts-expect-error sponsorshipEnabled is a boolean
const badNetwork: Network = { ...chains[0]!, sponsorshipEnabled: "true" };
// @ts-expect-error snake_case keys are not part of the result types
const snakeSession: UserSession = { user_id: "u", is_session_added: true };
void [badWallet, badNetwork, snakeSession];

// ---------------------------------------------------------------------------
// Filters and contract reads.

const filters: OrderFilterRequest[] = [
  {},
  { intentId: "21260b29-2e72-4337-b494-c69d62dd3c92" },
  { status: "SUCCESSFUL", intentType: "NFT_TRANSFER" },
  { status: "SOME_FUTURE_STATUS" },
];

const evmRead: ReadContractPayload = {
  caip2Id: "eip155:8453",
  data: {
    contractAddress: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
    abi: {
      inputs: [{ internalType: "address", name: "account", type: "address" }],
      name: "balanceOf",
      outputs: [{ internalType: "uint256", name: "", type: "uint256" }],
      stateMutability: "view",
      type: "function",
    },
    args: { account: "0xB7B8F759E8Bd293b91632100f53a45859832f463" },
  },
};
// An ABI entry from a viem-style `as const` ABI is accepted as is.
const erc20Abi = [
  {
    type: "function",
    name: "decimals",
    stateMutability: "view",
    inputs: [],
    outputs: [{ name: "", type: "uint8" }],
  },
] as const;
const viemStyleRead: ReadContractPayload = {
  caip2Id: "eip155:137",
  data: { contractAddress: "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", abi: erc20Abi[0], args: {} },
};
const aptosRead: ReadContractPayload = {
  caip2Id: "aptos:testnet",
  data: {
    function: "0x1::coin::balance",
    typeArguments: ["0x1::aptos_coin::AptosCoin"],
    functionArguments: ["0x9ed7f8c95c5e2c3cb06dfbb48681b87401fabeb88b7d710db3720f7a2ca3fffc"],
  },
};
// @ts-expect-error an EVM read needs the contract address
const badRead: ReadContractPayload = { caip2Id: "eip155:1", data: { abi: { name: "x" }, args: {} } };
void badRead;
const readResult: ReadContractResponse = ["17568736448"];

// ---------------------------------------------------------------------------
// Intents.

const transfer: TokenTransferIntentParams = {
  caip2Id: "eip155:84532",
  recipient: "0x88beE8eb691FFAFB192BAC4D1E7042e1b44c3eF2",
  token: "",
  amount: 10_000_000_000_000n,
};
const transferDecimal: TokenTransferIntentParams = { ...transfer, token: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", amount: "1000000" };
const nft: NFTTransferIntentParams = {
  caip2Id: "eip155:137",
  collectionAddress: "0x68ee2dddcbb1c03df5fc4b6235d993b8b4d1d0e5",
  nftId: "7",
  recipientWalletAddress: "0x6ABcD0428e3129a6110CC5dCcb4C1BfdA1b4D3C4",
  amount: 1,
  nftType: "ERC721",
};
const nftOther: NFTTransferIntentParams = { ...nft, nftType: "nft", amount: "1" };
const raw: RawTransactionIntentParams = {
  caip2Id: "eip155:84532",
  transaction: {
    from: "0xA1B9eBBf597F3B8a18C543d3bE3253C73524D564",
    to: "0x88beE8eb691FFAFB192BAC4D1E7042e1b44c3eF2",
    value: 0n,
  },
};
const rawWithData: RawTransactionIntentParams = {
  caip2Id: "eip155:8453",
  transaction: { ...raw.transaction, data: "0xa9059cbb", value: "0x10000" },
};
// @ts-expect-error amounts are numbers, bigints or decimal strings, not booleans
const badTransfer: TokenTransferIntentParams = { ...transfer, amount: true };
// @ts-expect-error the transaction needs a destination
const badRaw: RawTransactionIntentParams = { caip2Id: "eip155:1", transaction: { from: "0x00" } };
void [badTransfer, badRaw];

const unsigned: UserOp = {
  sender: "0xfBb05b5Bf0192458E0Ca5946d7B82a61Eba98025",
  nonce: "0x00000000000000000000000000000000cfcb83f026674a128790839a86e944d7",
  paymaster: "0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3",
  callGasLimit: "0x927c0",
  verificationGasLimit: "0x61a80",
  preVerificationGas: "0x186a0",
  maxFeePerGas: "0xba43b7400",
  maxPriorityFeePerGas: "0xba43b7400",
  paymasterPostOpGasLimit: "0x30d40",
  paymasterVerificationGasLimit: "0x30d40",
  callData: "0x8dd7712f",
  paymasterData: "0x",
};
const signed: UserOp = { ...unsigned, signature: "0x90d255c3" };
// A UserOp round-trips through JSON (e.g. to a back end that executes it).
const restored: UserOp = JSON.parse(JSON.stringify(signed)) as UserOp;
// @ts-expect-error every field of a user operation is a hex string
const badOp: UserOp = { ...unsigned, callGasLimit: 600000 };
void badOp;

const estimatePayloads: EstimateOrderPayload[] = [
  {
    type: "TOKEN_TRANSFER",
    jobId: "e4fb7f8b-d19d-4785-94af-4b911469a3b0",
    gasDetails: { maxFeePerGas: "0x2255100", maxPriorityFeePerGas: "0x2255100" },
    paymasterData: "0x000000000000000000000000e8201e368557508bf183d4e2dce1b1a1e0bd20fa",
    details: {
      recipientWalletAddress: "0x88beE8eb691FFAFB192BAC4D1E7042e1b44c3eF2",
      caip2Id: "eip155:84532",
      tokenAddress: "",
      amount: "10000000000000",
    },
  },
  {
    type: "NFT_TRANSFER",
    jobId: "b9e16100-446f-4050-84ed-a846d2bae528",
    details: {
      caip2Id: "eip155:137",
      nftId: "b9e16100-446f-4050-84ed-a846d2bae528",
      recipientWalletAddress: "0x6ABcD0428e3129a6110CC5dCcb4C1BfdA1b4D3C4",
      collectionAddress: "0x68ee2dddcbb1c03df5fc4b6235d993b8b4d1d0e5",
      amount: "1",
      nftType: "ERC721",
    },
  },
  {
    type: "RAW_TRANSACTION",
    jobId: "e4fb7f8b-d19d-4785-94af-4b911469a3b0",
    details: {
      caip2Id: "eip155:84532",
      transactions: [
        {
          data: "0x",
          from: "0xA1B9eBBf597F3B8a18C543d3bE3253C73524D564",
          to: "0x88beE8eb691FFAFB192BAC4D1E7042e1b44c3eF2",
          value: "0x0",
        },
      ],
    },
  },
];
// @ts-expect-error a token transfer's details are not a raw transaction's
const badEstimate: EstimateOrderPayload = { type: "TOKEN_TRANSFER", jobId: "x", details: { caip2Id: "eip155:1", transactions: [] } };
void badEstimate;

function describeEstimatePayload(p: EstimateOrderPayload): string {
  switch (p.type) {
    case "TOKEN_TRANSFER":
      return `${p.details.amount} of ${p.details.tokenAddress || "native"} to ${p.details.recipientWalletAddress}`;
    case "NFT_TRANSFER":
      return `${p.details.nftType} ${p.details.collectionAddress}#${p.details.nftId}`;
    case "RAW_TRANSACTION":
      return p.details.transactions.map((t) => `${t.from}->${t.to} ${t.value}`).join("; ");
  }
}

// From okto-openapi/intents-tokenTransfer.json (the estimate's `data`; hex shortened).
const estimateData = {
  callData: {
    clientSWA: "0xe8201E368557508bF183D4e2DcE1b1A1E0bd20FA",
    feePayerAddress: "",
    gsn: { isPossible: false, isRequired: false, requiredNetworks: [], tokens: [] },
    intentType: "TOKEN_TRANSFER",
    jobId: "e4fb7f8b-d19d-4785-94af-4b911469a3b0",
    payload: {
      amount: "10000000000000",
      caip2Id: "eip155:84532",
      recipientWalletAddress: "0x88beE8eb691FFAFB192BAC4D1E7042e1b44c3eF2",
      tokenAddress: "",
    },
    policies: { gsnEnabled: false, sponsorshipEnabled: false },
    userSWA: "0x8B20023FC47D8F8BDB7418722dBB0e3e9964a906",
  },
  details: {
    estimation: { amount: "10000000000000", crossChainFee: "", outputAmount: "", routeId: "" },
    fees: { approxTransactionFeesInUSDT: "", transactionFees: { "eip155:84532": "121830572068" } },
    swapFees: { gasFeesInInputToken: "", totalFeesInInputToken: "" },
  },
  userOps: {
    callData: "0x8dd7712f",
    callGasLimit: "0x552e4",
    maxFeePerGas: "0x2255100",
    maxPriorityFeePerGas: "0x2255100",
    nonce: "0x00000000000000000000000000000000e4fb7f8bd19d478594af4b911469a3b0",
    paymaster: "0x74324fa6fa67b833dfdea4c1b3a9898574d076e3",
    paymasterData: "0x000000000000000000000000e8201e368557508bf183d4e2dce1b1a1e0bd20fa",
    paymasterPostOpGasLimit: "0x1",
    paymasterVerificationGasLimit: "0x139a2",
    preVerificationGas: "0x15324",
    sender: "0x8b20023fc47d8f8bdb7418722dbb0e3e9964a906",
    verificationGasLimit: "0x28428",
  },
};
const estimated: OrderEstimateResponse = camelize(estimateData);

// ---------------------------------------------------------------------------
// A whole flow.

async function sendAndWait(): Promise<string[]> {
  const log = summarize();
  try {
    if (!client.isLoggedIn() || !(await client.verifyLogin())) {
      const sent = await client.sendOTP("user@example.com", "email");
      const again = await client.resendOTP("user@example.com", sent.token, "email");
      await client.loginUsingEmail("user@example.com", "072336", again.token);
    }
    const [accounts, networks] = await Promise.all([client.getAccount(), client.getChains()]);
    const base = networks.find((n) => n.caipId === transfer.caip2Id);
    if (base === undefined || accounts.length === 0) return log;

    const est = await client.estimate(estimatePayloads[0]!);
    const fee = est.details.fees.transactionFees[base.caipId] ?? "0";
    log.push(`fee ${BigInt(fee).toString()} ${est.callData.intentType} ${estimated.userOps?.callGasLimit ?? "-"}`);
    log.push(...estimatePayloads.map(describeEstimatePayload));

    const ops = await Promise.all([
      client.tokenTransfer(transfer),
      client.tokenTransfer(transferDecimal, "0x0000000000000000000000000000000000000000"),
      client.nftTransfer(nft),
      client.nftTransfer(nftOther),
      client.evmRawTransaction(raw),
      client.evmRawTransaction(rawWithData),
    ]);
    for (const op of ops) {
      const s = await client.signUserOp(op);
      if (s.signature === undefined) throw new Error("unsigned");
      const jobId = await client.executeUserOp(s);
      const ctl = new AbortController();
      const opts: WaitForOrderOptions = { timeoutMs: 120_000, intervalMs: 2_000, signal: ctl.signal };
      const order = await client.waitForOrder(jobId, opts);
      log.push(`${order.intentId} ${order.status} ${order.downstreamTransactionHash[0] ?? ""}`);
    }
    await client.executeUserOp(restored);

    for (const f of filters) log.push(`${(await client.getOrdersHistory(f)).length}`);
    for (const p of [evmRead, viemStyleRead, aptosRead]) {
      const values: ReadContractResponse = await client.readContractData(p);
      log.push(values.map((v) => BigInt(v).toString()).join(","));
    }
    log.push(readResult[0] ?? "");
    const keys = await client.getUserKeys();
    log.push(keys.ecdsaPublicKey);
  } catch (e) {
    log.push(report(e));
  }
  return log;
}

void sendAndWait;
void lines;
