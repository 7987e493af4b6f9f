// okto-wasm's public API: the generated declarations (okto_wasm.d.ts, with
// the result types) plus the OktoClient class, which index.js defines.
import type {
  AuthData, IntentType, NFTTransferIntentParams, Network, OktoClientOptions, Order, OrderEstimateResponse,
  OrderFilterRequest, OtpSendResponse, OtpVerifyResponse, RawTransactionIntentParams, ReadContractPayload,
  ReadContractResponse, SessionKey, Token, TokenTransferIntentParams, UserKeys, UserNFTBalance, UserOp,
  UserPortfolioActivity, UserPortfolioData, Wallet, WaitForOrderOptions,
} from "./okto_wasm.js";

export * from "./okto_wasm.js";
export { default, initSync } from "./okto_wasm.js";

/** The package version and the git commit it was built from. */
export declare function getVersions(): { version: string; commit: string };

/**
 * Talks to Okto for one app (client) and at most one logged-in user.
 * Keys stay in wasm memory: the session key is made at login and never leaves;
 * the client key is held in wasm, or signing is delegated to `clientSigner`.
 * Every method that talks to the network rejects with an `OktoError`.
 */
export declare class OktoClient {
  /** Throws `OktoError` (`INVALID_ARGUMENT`, `INVALID_ADDRESS`, `INVALID_PRIVATE_KEY`, `NOT_INITIALIZED`) naming the bad option. */
  constructor(options: OktoClientOptions);
  /** New session key, signed auth payload, `authenticate`; resolves to the user's SWA. */
  loginUsingOAuth(data: AuthData): Promise<string>;
  /** The same with provider `client_jwt` (a JWT from the app's own back end). */
  loginUsingJWTAuthentication(jwt: string): Promise<string>;
  /** Sends a one-time password (PROTOCOL.md §10). `countryShortName` defaults to "IN" for WhatsApp. */
  sendOTP(contact: string, method: "email" | "whatsapp", countryShortName?: string): Promise<OtpSendResponse>;
  /** Sends the OTP again with the `token` from `sendOTP`. */
  resendOTP(contact: string, token: string, method: "email" | "whatsapp", countryShortName?: string): Promise<OtpSendResponse>;
  /** Verifies an email OTP and logs in (provider `okto`); resolves to the user's SWA. */
  loginUsingEmail(email: string, otp: string, token: string): Promise<string>;
  /** Verifies a WhatsApp OTP and logs in (provider `okto`); resolves to the user's SWA. */
  loginUsingWhatsApp(phone: string, otp: string, token: string, countryShortName?: string): Promise<string>;
  /** The logged-in user's smart wallet address. */
  readonly userSWA: string | undefined;
  /** The app's smart wallet address, as configured. */
  readonly clientSWA: string;
  /** When the session ends (unix seconds), as the server said at login. */
  readonly sessionExpiry: number | undefined;
  /** Whether a session is set (`verifyLogin()` asks the server). */
  isLoggedIn(): boolean;
  /** The bearer token (PROTOCOL.md §7), minted in wasm and reused until less than 5 minutes remain. */
  getAuthorizationToken(): Promise<string>;
  /** Whether the server accepts the session; `false`, and the session cleared, when it refuses. Rejects on network errors and 5xx. */
  verifyLogin(): Promise<boolean>;
  /** The user's wallets. */
  getAccount(): Promise<Wallet[]>;
  /** Supported networks (cached for the client's lifetime). */
  getChains(): Promise<Network[]>;
  /** Supported tokens. */
  getTokens(): Promise<Token[]>;
  /** The aggregated portfolio. */
  getPortfolio(): Promise<UserPortfolioData>;
  /** Portfolio activity. */
  getPortfolioActivity(): Promise<UserPortfolioActivity[]>;
  /** The user's NFTs. */
  getPortfolioNFT(): Promise<UserNFTBalance[]>;
  /** Orders, optionally filtered by `intentId`, `status`, `intentType`. */
  getOrdersHistory(filters?: OrderFilterRequest): Promise<Order[]>;
  /** A contract read through Okto (`POST readContractData`). */
  readContractData(payload: ReadContractPayload): Promise<ReadContractResponse>;
  /** The user's MPC keys (cached after the first call). */
  getUserKeys(): Promise<UserKeys>;
  /**
   * A token transfer as an unsigned user op (PROTOCOL.md §9), byte for byte what the official
   * SDK builds. Rejects with `UNSUPPORTED_CHAIN`, `SELF_TRANSFER`, `INVALID_ARGUMENT` (amount
   * negative, fractional, zero or over uint256; unknown parameter), `INVALID_ADDRESS`, `NOT_LOGGED_IN`.
   * `feePayerAddress` defaults to the zero address.
   */
  tokenTransfer(params: TokenTransferIntentParams, feePayerAddress?: string): Promise<UserOp>;
  /** An NFT transfer (ERC721 with amount 1, or ERC1155) as an unsigned user op; errors as `tokenTransfer`. */
  nftTransfer(params: NFTTransferIntentParams, feePayerAddress?: string): Promise<UserOp>;
  /** A raw transaction from the user's wallet as an unsigned user op; EVM (`eip155:`) chains only, else `INVALID_ARGUMENT`. */
  evmRawTransaction(params: RawTransactionIntentParams, feePayerAddress?: string): Promise<UserOp>;
  /** Signs a user op with the session key (ERC-4337 v0.7 packing as the official SDK); resolves to a copy with `signature`. */
  signUserOp(userOp: UserOp): Promise<UserOp & { signature: string }>;
  /** Sends a signed user op (`execute`, per `authTransport`); resolves to the job id, which is also the order's `intentId`. */
  executeUserOp(userOp: UserOp): Promise<string>;
  /** Asks Okto what an intent would cost (`POST estimate`) without signing or sending it. */
  estimate(
    intentType: Extract<IntentType, "TOKEN_TRANSFER" | "NFT_TRANSFER" | "RAW_TRANSACTION">,
    params: TokenTransferIntentParams | NFTTransferIntentParams | RawTransactionIntentParams,
    feePayerAddress?: string,
  ): Promise<OrderEstimateResponse>;
  /**
   * Polls `orders?intent_id=` until the order reaches a final status (SUCCESSFUL, FAILED, EXPIRED, …)
   * and resolves to it: check `status`. Rejects with `NETWORK` on timeout (default 120 s) or abort.
   */
  waitForOrder(jobId: string, options?: WaitForOrderOptions): Promise<Order>;
  /** Signs a text message with the user's MPC key (EIP-191, PROTOCOL.md §11); resolves to the `0x` signature. */
  signMessage(message: string): Promise<string>;
  /** Signs EIP-712 typed data (an object, or its JSON text) with the user's MPC key; resolves to the `0x` signature. */
  signTypedData(data: string | object): Promise<string>;
  /** Adopts a restored or delegated session; the client keeps its own copy of the key. */
  setSession(session: SessionKey, userSWA: string, sessionExpiry?: number): void;
  /**
   * Saves the session for later page loads (browsers): the key is encrypted with AES-GCM under a
   * non-extractable WebCrypto key kept in IndexedDB; only ciphertext is stored.
   */
  saveSession(name?: string): Promise<void>;
  /**
   * Restores a saved session: `false` when there is none. Rejects with `SESSION_EXPIRED`,
   * `SESSION_MISMATCH` (another client or environment) or `SESSION_TAMPERED`, deleting the record.
   */
  loadSession(name?: string): Promise<boolean>;
  /** Deletes a saved session. */
  forgetSession(name?: string): Promise<void>;
  /** Logs out: forgets the session and zeroizes its key. */
  sessionClear(): void;
  /** Frees the client's wasm memory; it cannot be used afterwards. */
  free(): void;
}

/** Unused re-export guard: keeps these types visible to editors. */
export type { OtpVerifyResponse };
