/** An Okto deployment; it picks the gateway, BFF, paymaster and chain ids (PROTOCOL.md §1). */
export type Environment = "sandbox" | "staging" | "production";

/** How `authenticate` and `execute` travel: JSON-RPC to the gateway, or REST to the BFF (PROTOCOL.md §6). */
export type AuthTransport = "rpc" | "rest";

/** Options of the `OktoClient` constructor. */
export interface OktoClientOptions {
  /** The Okto deployment to talk to; default "sandbox". */
  environment?: Environment;
  /** The client's (your app's) smart wallet address, from the Okto dashboard. */
  clientSWA: string;
  /** The client's 32-byte private key as hex. Give this or `clientSigner`, not both. */
  clientPrivateKey?: string;
  /**
   * Signs for the client when its key stays elsewhere (e.g. your back end). Receives the
   * bytes to sign as `0x…` hex (a 32-byte digest, or the UTF-8 JSON of an OTP request) and
   * resolves to `sign(clientKey, bytes)` (PROTOCOL.md §3, EIP-191 over the raw bytes), 65-byte hex.
   */
  clientSigner?: (digest: string) => Promise<string>;
  /** The address that `clientSigner`'s signatures must recover to; others are rejected. */
  clientSignerAddress?: string;
  /** Overrides the environment's gateway origin (JSON-RPC at `{gatewayUrl}/rpc`). */
  gatewayUrl?: string;
  /** Overrides the environment's BFF (REST) origin. */
  bffUrl?: string;
  /** How `authenticate` and `execute` travel; default "rpc". */
  authTransport?: AuthTransport;
  /** Per-request timeout in milliseconds; default 30000. */
  timeoutMs?: number;
  /** How many times an idempotent GET is retried; default 2. */
  retries?: number;
  /**
   * Logs each request and reply, with bearer tokens and signatures redacted:
   * `true` logs to the console, a function receives each line.
   */
  debug?: boolean | ((line: string) => void);
}

/** The stable `code` of an {@link OktoError}, for callers to branch on. */
export type OktoErrorCode =
  | "INVALID_HEX"
  | "INVALID_ADDRESS"
  | "INVALID_PRIVATE_KEY"
  | "INVALID_UUID"
  | "INVALID_ARGUMENT"
  | "NOT_INITIALIZED"
  | "NOT_LOGGED_IN"
  | "SESSION_FREED"
  | "SESSION_EXPIRED"
  | "SESSION_MISMATCH"
  | "SESSION_TAMPERED"
  | "UNSUPPORTED_CHAIN"
  | "SELF_TRANSFER"
  | "NETWORK"
  | "HTTP"
  | "RPC"
  | "API"
  | "BAD_RESPONSE"
  | "RANDOM_UNAVAILABLE";

/** Every value this package throws or rejects with. */
export interface OktoError extends Error {
  /** Always "OktoError". */
  name: "OktoError";
  /** What went wrong, as a stable string. */
  code: OktoErrorCode;
  /** The HTTP status of the reply, when there was one. */
  status?: number;
  /** The JSON-RPC error code, for `RPC` errors. */
  rpcCode?: number;
  /** Extra error data from the server, e.g. the JSON-RPC error's `data`. */
  data?: unknown;
  /** The BFF's `errorCode`, e.g. "ER-TECH-0004". */
  errorCode?: string;
  /** The BFF's `trace_id`, for Okto support. */
  traceId?: string;
}

/** A status an order (intent job) can be in. */
export type OrderStatus =
  | "NOT_EXISTS"
  | "INITIATED"
  | "IN_PROGRESS"
  | "SUCCESSFUL"
  | "FAILED"
  | "EXPIRED"
  | "PENDING"
  | "BUNDLER_DISCARDED"
  | "FAILED_ON_CHAIN";

/** An intent type, as in an order's `intentType`. */
export type IntentType = "RAW_TRANSACTION" | "NFT_MINT" | "TOKEN_TRANSFER" | "NFT_TRANSFER";

/** One of the user's wallets (`getAccount`). */
export interface Wallet {
  /** CAIP-2 id of the network, e.g. "eip155:137". */
  caipId: string;
  /** Okto's name for the network, e.g. "POLYGON". */
  networkName: string;
  /** The wallet address on that network (EIP-55 on EVM chains). */
  address: string;
  /** The network's symbol, e.g. "POL". */
  networkSymbol: string;
  /** Okto's id (UUID) for the network. */
  networkId?: string;
  /** CAIP-2 id of the network (in the official SDK's type only). */
  caip2Id?: string;
}

/** A network enabled for the client (`getChains`). */
export interface Network {
  /** CAIP-2 id, e.g. "eip155:8453". */
  caipId: string;
  /** Okto's name for the network, e.g. "BASE". */
  networkName: string;
  /** The chain id as a decimal string, e.g. "8453". */
  chainId: string;
  /** A logo name or URL. */
  logo?: string;
  /** Whether Okto's paymaster sponsors gas on this network. */
  sponsorshipEnabled: boolean;
  /** Whether gas can be paid in other tokens (GSN) on this network. */
  gsnEnabled: boolean;
  /** The chain family. */
  type: "EVM" | "SVM" | "APT" | (string & {});
  /** Okto's id (UUID) for the network. */
  networkId: string;
  /** Whether fiat on-ramp is enabled. */
  onrampEnabled?: boolean;
  /** Whether the network is whitelisted for the client. */
  whitelisted?: boolean;
}

/** A token enabled for the client (`getTokens`). */
export interface Token {
  /** The token contract address; "" for the native token. */
  address: string;
  /** CAIP-2 id of the token's network. */
  caipId: string;
  /** Ticker, e.g. "USDT". */
  symbol: string;
  /** Logo URL. */
  image: string;
  /** Display name (may be ""). */
  name: string;
  /** Short display name, e.g. "Tether USD". */
  shortName: string;
  /** Okto's id (UUID) for the token. */
  id: string;
  /** Id (UUID) of the group of the same asset across networks. */
  groupId: string;
  /** Whether this is the group's primary token. */
  isPrimary: boolean;
  /** Okto's name for the network. */
  networkName: string;
  /** Okto's id (UUID) for the network. */
  networkId?: string;
  /** Whether fiat on-ramp is enabled. */
  onrampEnabled?: boolean;
  /** Whether the token is whitelisted for the client. */
  whitelisted?: boolean;
  /** On-chain decimals as a decimal string, e.g. "6". */
  decimals?: string;
  /** Display precision as a decimal string. */
  precision?: string;
  /** CAIP-2 id of the network (in the official SDK's type only). */
  caip2Id?: string;
  /** Whether fiat on-ramp is enabled (the official SDK's name for `onrampEnabled`). */
  isOnrampEnabled?: boolean;
}

/** One token holding inside a {@link UserPortfolioGroupToken}. */
export interface UserPortfolioToken {
  /** Okto's id (UUID) for the token. */
  id: string;
  /** Display name. */
  name: string;
  /** Ticker. */
  symbol: string;
  /** Short display name. */
  shortName: string;
  /** Logo URL. */
  tokenImage: string;
  /** The token contract address; "" for the native token. */
  tokenAddress: string;
  /** Display precision as a decimal string. */
  precision: string;
  /** Okto's name for the network. */
  networkName: string;
  /** Whether this is the group's primary token. */
  isPrimary: boolean;
  /** Balance in whole units, as a decimal string. */
  balance: string;
  /** Value in USDT, as a decimal string. */
  holdingsPriceUsdt: string;
  /** Value in INR, as a decimal string. */
  holdingsPriceInr: string;
  /** Okto's id (UUID) for the network. */
  networkId?: string;
  /** CAIP-2 id of the network (in the official SDK's type only). */
  caip2Id?: string;
}

/** One asset of the portfolio, summed over its networks. */
export interface UserPortfolioGroupToken extends UserPortfolioToken {
  /** Id (UUID) of the group. */
  groupId: string;
  /** How the group was formed, e.g. "group". */
  aggregationType: string;
  /** The holdings of this asset, one per network. */
  tokens: UserPortfolioToken[];
}

/** The user's aggregated portfolio (`getPortfolio`). */
export interface UserPortfolioData {
  /** Totals over all holdings. */
  aggregatedData: {
    /** Number of holdings, as a decimal string. */
    holdingsCount: string;
    /** Value of the holdings in INR, as a decimal string. */
    holdingsPriceInr: string;
    /** Value of the holdings in USDT, as a decimal string. */
    holdingsPriceUsdt: string;
    /** Total value in INR, as a decimal string. */
    totalHoldingPriceInr: string;
    /** Total value in USDT, as a decimal string. */
    totalHoldingPriceUsdt: string;
  };
  /** The holdings, grouped by asset. */
  groupTokens: UserPortfolioGroupToken[];
}

/** One entry of the user's activity (`getPortfolioActivity`). */
export interface UserPortfolioActivity {
  /** Ticker (may be ""). */
  symbol: string;
  /** Logo URL (may be ""). */
  image: string;
  /** Display name. */
  name: string;
  /** Short display name. */
  shortName: string;
  /** Okto's id for the token. */
  id: string;
  /** Id of the token's group. */
  groupId: string;
  /** What happened, e.g. "NFT Deposit". */
  description: string;
  /** Quantity moved, as a decimal string. */
  quantity: string;
  /** The order type, e.g. "EXTERNAL_TRANSFER". */
  orderType: string;
  /** The direction, e.g. "DEPOSIT". */
  transferType: string;
  /** The outcome: a boolean in Okto's OpenAPI example, a string in the official SDK's type. */
  status: string | boolean;
  /** Unix seconds. */
  timestamp: number;
  /** The transaction hash. */
  txHash: string;
  /** Okto's name for the network. */
  networkName: string;
  /** The network's block explorer URL. */
  networkExplorerUrl: string;
  /** The network's symbol. */
  networkSymbol: string;
  /** CAIP-2 id of the network. */
  caipId: string;
  /** Amount, as a decimal string (may be ""). */
  amount?: string;
  /** Unix seconds. */
  createdAt?: number;
  /** Unix seconds. */
  updatedAt?: number;
  /** Okto's id (UUID) for the network. */
  networkId?: string;
  /** CAIP-2 id of the network (in the official SDK's type only). */
  caip2Id?: string;
}

/** An NFT the user holds (`getPortfolioNFT`). */
export interface UserNFTBalance {
  /** CAIP-2 id of the network. */
  caipId: string;
  /** Okto's name for the network. */
  networkName: string;
  /** The NFT standard, e.g. "ERC721", "ERC1155". */
  entityType: string;
  /** The collection's contract address. */
  collectionAddress: string;
  /** The collection's name. */
  collectionName: string;
  /** The token id, as a string. */
  nftId: string;
  /** Image URL (may be ""). */
  image: string;
  /** Quantity held, as a decimal string. */
  quantity: string;
  /** The token URI. */
  tokenUri: string;
  /** Description (may be ""). */
  description: string;
  /** The NFT's name (may be ""). */
  nftName: string;
  /** Block explorer URL of the collection contract. */
  explorerSmartContractUrl: string;
  /** The collection's image URL (may be ""). */
  collectionImage: string;
}

/** The parameters an order was made with; which fields appear depends on its intent type. */
export interface OrderDetails {
  /** CAIP-2 id of the network. */
  caip2Id?: string;
  /** Amount in the smallest unit, as a decimal string (token and NFT transfers). */
  amount?: string;
  /** The recipient (token and NFT transfers). */
  recipientWalletAddress?: string;
  /** The token contract; "" for the native token (token transfers). */
  tokenAddress?: string;
  /** The NFT collection contract (NFT transfers). */
  collectionAddress?: string;
  /** The NFT's token id (NFT transfers). */
  nftId?: string;
  /** The NFT standard (NFT transfers). */
  nftType?: string;
  /** The transactions, in the server's encoding (raw transactions). */
  transactions?: unknown[];
  /** Fields for other intent types. */
  [key: string]: unknown;
}

/** An order: one executed intent and its status (`getOrdersHistory`). */
export interface Order {
  /** Hashes of the transactions on the target chain. */
  downstreamTransactionHash: string[];
  /** Hashes of the transactions on the Okto chain. */
  transactionHash: string[];
  /** The order's status, e.g. "SUCCESSFUL". */
  status: OrderStatus | (string & {});
  /** The order's id: the job id that `executeUserOp` returned. */
  intentId: string;
  /** The intent type, e.g. "TOKEN_TRANSFER". */
  intentType: IntentType | (string & {});
  /** Okto's name for the network. */
  networkName: string;
  /** CAIP-2 id of the network. */
  caipId: string;
  /** The intent's parameters. */
  details: OrderDetails;
  /** Why the order failed (may be ""). */
  reason?: string;
  /** Time of the block that included it (milliseconds in Okto's OpenAPI example). */
  blockTimestamp?: number;
}

/** Filters for `getOrdersHistory`; sent as `intent_id`, `status` and `intent_type`. */
export interface OrderFilterRequest {
  /** Only the order with this id (a job id). */
  intentId?: string;
  /** Only orders in this status. */
  status?: OrderStatus | (string & {});
  /** Only orders of this intent type. */
  intentType?: IntentType | (string & {});
}

/** What `readContractData` reads: an EVM view call, or an Aptos view function. */
export type ReadContractPayload =
  | {
      /** CAIP-2 id of an EVM network, e.g. "eip155:8453". */
      caip2Id: string;
      /** The call. */
      data: {
        /** The contract to call. */
        contractAddress: string;
        /** The ABI entry of the function to call. */
        abi: {
          /** The function's name, e.g. "balanceOf". */
          name: string;
          /** The entry type, "function". */
          type?: string;
          /** e.g. "view" or "pure". */
          stateMutability?: string;
          /** The function's parameters. */
          inputs?: ReadonlyArray<{
            /** The parameter's name; keys of `args`. */
            name?: string;
            /** The Solidity type, e.g. "address". */
            type: string;
            /** The compiler's internal type. */
            internalType?: string;
          }>;
          /** The function's return values. */
          outputs?: ReadonlyArray<{
            /** The return value's name (may be ""). */
            name?: string;
            /** The Solidity type, e.g. "uint256". */
            type: string;
            /** The compiler's internal type. */
            internalType?: string;
          }>;
        };
        /** The arguments, by parameter name, e.g. `{ account: "0x…" }`. */
        args: Record<string, unknown>;
      };
    }
  | {
      /** CAIP-2 id of an Aptos network, e.g. "aptos:testnet". */
      caip2Id: string;
      /** The view function call. */
      data: {
        /** The function, e.g. "0x1::coin::balance". */
        function: string;
        /** Its type arguments, e.g. `["0x1::aptos_coin::AptosCoin"]`. */
        typeArguments: readonly string[];
        /** Its arguments. */
        functionArguments: readonly string[];
      };
    };

/** The values a contract read returned, in order, as the BFF formats them (decimal strings for integers). */
export type ReadContractResponse = string[];

/** The user's MPC key ids and public keys (`getUserKeys`, PROTOCOL.md §11). */
export interface UserKeys {
  /** Okto's id (UUID) for the user. */
  userId: string;
  /** The user's smart wallet address. */
  userSWA: string;
  /** The user's ECDSA (secp256k1) public key. */
  ecdsaPublicKey: string;
  /** The user's EdDSA public key. */
  eddsaPublicKey: string;
  /** Id of the ECDSA key, for signing. */
  ecdsaKeyId: string;
  /** Id of the EdDSA key, for signing. */
  eddsaKeyId: string;
}

/** What `verify-session` says about the current session. */
export interface UserSession {
  /** Okto's id (UUID) for the user. */
  userId: string;
  /** Whether the session key is registered for this user. */
  isSessionAdded: boolean;
  /** The client's id (the official SDK's name; the OpenAPI file says `vendorId`). */
  clientId?: string;
  /** The user's smart wallet address. */
  userSwa?: string;
  /** The client's smart wallet address (the official SDK's name; the OpenAPI file says `vendorSwa`). */
  clientSwa?: string;
  /** The client's id (the OpenAPI file's name). */
  vendorId?: string;
  /** The client's smart wallet address (the OpenAPI file's name). */
  vendorSwa?: string;
  /** Relayer user operations flag, as the server sends it (may be ""). */
  signAuthRelayerUserOps?: string;
}

/** The result of `authenticate` (PROTOCOL.md §6). */
export interface AuthenticateResult {
  /** The user's smart wallet address. */
  userSWA: string;
  /** The session nonce, as the server echoes it. */
  nonce: string;
  /** The client's smart wallet address. */
  clientSWA: string;
  /** When the session ends, in unix seconds. */
  sessionExpiry: number;
}

/** What sending or resending an email or WhatsApp OTP returns (PROTOCOL.md §10). */
export interface OtpSendResponse {
  /** The OTP session token; pass it to resend and to verify. */
  token: string;
  /** The server's status, e.g. "success". */
  status?: string;
  /** The server's message, e.g. "email otp sent". */
  message?: string;
  /** The server's status code, e.g. 200. */
  code?: number;
  /** The server's trace id, for Okto support. */
  traceId?: string;
}

/** What verifying an email or WhatsApp OTP returns (PROTOCOL.md §10). */
export interface OtpVerifyResponse {
  /** The Okto auth token; logs in with provider "okto". */
  authToken: string;
  /** The server's message, e.g. "success". */
  message?: string;
  /** A refresh token for the auth token. */
  refreshAuthToken?: string;
  /** A device token. */
  deviceToken?: string;
  /** The server's trace id, for Okto support. */
  traceId?: string;
}

/** An ERC-4337 v0.7 user operation as Okto carries it: every field is `0x…` hex (PROTOCOL.md §9). */
export interface UserOp {
  /** The user's smart wallet address. */
  sender: string;
  /** The job's UUID as bytes32 (PROTOCOL.md §4). */
  nonce: string;
  /** The paymaster's address. */
  paymaster: string;
  /** Gas for the main call, e.g. "0x927c0". */
  callGasLimit: string;
  /** Gas for verification. */
  verificationGasLimit: string;
  /** Gas paid to the bundler up front. */
  preVerificationGas: string;
  /** Maximum fee per gas, in wei. */
  maxFeePerGas: string;
  /** Maximum priority fee per gas, in wei. */
  maxPriorityFeePerGas: string;
  /** Gas for the paymaster's post-operation call. */
  paymasterPostOpGasLimit: string;
  /** Gas for the paymaster's verification. */
  paymasterVerificationGasLimit: string;
  /** The call into the user's wallet (PROTOCOL.md §9). */
  callData: string;
  /** The paymaster data (PROTOCOL.md §5). */
  paymasterData: string;
  /** The session key's signature; set by `signUserOp`. */
  signature?: string;
}

/** Parameters of `tokenTransfer`. */
export interface TokenTransferIntentParams {
  /** CAIP-2 id of the network, e.g. "eip155:137". */
  caip2Id: string;
  /** The recipient's address; it must not be the user's own wallet. */
  recipient: string;
  /** The token contract address; "" for the native token. */
  token: string;
  /** Amount in the token's smallest unit (e.g. wei); a string is read as a decimal integer. */
  amount: string | number | bigint;
}

/** Parameters of `nftTransfer`. */
export interface NFTTransferIntentParams {
  /** CAIP-2 id of the network. */
  caip2Id: string;
  /** The NFT collection's contract address. */
  collectionAddress: string;
  /** The NFT's token id. */
  nftId: string;
  /** The recipient's address; it must not be the user's own wallet. */
  recipientWalletAddress: string;
  /** How many to send; typically 1. */
  amount: string | number | bigint;
  /** The NFT standard. */
  nftType: "ERC721" | "ERC1155" | (string & {});
}

/** Parameters of `evmRawTransaction` (EVM networks only). */
export interface RawTransactionIntentParams {
  /** CAIP-2 id of an EVM network, e.g. "eip155:8453". */
  caip2Id: string;
  /** The transaction the user's wallet sends. */
  transaction: {
    /** The sender: the user's wallet address. */
    from: string;
    /** The destination address. */
    to: string;
    /** Call data as hex; default "0x". */
    data?: string;
    /** Value in wei; default 0. */
    value?: string | number | bigint;
  };
}

/** Gas prices sent with an estimate, as hex wei. */
export interface EstimateGasDetails {
  /** Maximum fee per gas, as hex. */
  maxFeePerGas: string;
  /** Maximum priority fee per gas, as hex. */
  maxPriorityFeePerGas: string;
}

/** The body of `POST /api/oc/v1/estimate`, one shape per intent type (okto-openapi/intents-*.json). */
export type EstimateOrderPayload =
  | {
      /** The intent type. */
      type: "TOKEN_TRANSFER";
      /** A fresh UUID; it becomes the job id. */
      jobId: string;
      /** Gas prices; the OpenAPI file requires them, the official SDK's type does not. */
      gasDetails?: EstimateGasDetails;
      /** Paymaster data for `jobId` (PROTOCOL.md §5); the OpenAPI file requires it. */
      paymasterData?: string;
      /** The transfer. */
      details: {
        /** The recipient's address. */
        recipientWalletAddress: string;
        /** CAIP-2 id of the network. */
        caip2Id: string;
        /** The token contract; "" for the native token. */
        tokenAddress: string;
        /** Amount in the smallest unit, as a decimal string. */
        amount: string;
      };
    }
  | {
      /** The intent type. */
      type: "NFT_TRANSFER";
      /** A fresh UUID; it becomes the job id. */
      jobId: string;
      /** Gas prices; the OpenAPI file requires them. */
      gasDetails?: EstimateGasDetails;
      /** Paymaster data for `jobId` (PROTOCOL.md §5); the OpenAPI file requires it. */
      paymasterData?: string;
      /** The transfer. */
      details: {
        /** CAIP-2 id of the network. */
        caip2Id: string;
        /** The NFT's token id. */
        nftId: string;
        /** The recipient's address. */
        recipientWalletAddress: string;
        /** The collection's contract address. */
        collectionAddress: string;
        /** How many, as a decimal string. */
        amount: string;
        /** The NFT standard, e.g. "ERC721". */
        nftType: string;
      };
    }
  | {
      /** The intent type. */
      type: "RAW_TRANSACTION";
      /** A fresh UUID; it becomes the job id. */
      jobId: string;
      /** Gas prices; the OpenAPI file requires them. */
      gasDetails?: EstimateGasDetails;
      /** Paymaster data for `jobId` (PROTOCOL.md §5); the OpenAPI file requires it. */
      paymasterData?: string;
      /** The transactions. */
      details: {
        /** CAIP-2 id of the network. */
        caip2Id: string;
        /** The transactions, with hex `data` and `value`. */
        transactions: Array<{
          /** The sender: the user's wallet address. */
          from: string;
          /** The destination address. */
          to: string;
          /** Call data as hex, "0x" for none. */
          data: string;
          /** Value in wei as minimal hex, e.g. "0x0". */
          value: string;
        }>;
      };
    };

/** What `estimate` returns: fees, the decoded job and the user operation to sign. */
export interface OrderEstimateResponse {
  /** The estimate. */
  details: {
    /** The estimated amounts. */
    estimation: {
      /** The amount that moves, as a decimal string. */
      amount: string;
      /** Swap and bridge fields (often ""), by name. */
      [key: string]: unknown;
    };
    /** The fees. */
    fees: {
      /** Fee in the smallest native unit, by CAIP-2 id, e.g. `{"eip155:84532": "121830572068"}`. */
      transactionFees: Record<string, string>;
      /** Approximate fee in USDT, as a decimal string (Okto's OpenAPI name). */
      approxTransactionFeesInUSDT?: string;
      /** Approximate fee in USDT (the official SDK's name). */
      approxTransactionFeesInUsdt?: string;
    };
    /** Swap fee fields (often ""), by name. */
    swapFees?: Record<string, string>;
  };
  /** The job the user operation starts. */
  callData: {
    /** The intent type, e.g. "TOKEN_TRANSFER". */
    intentType: IntentType | (string & {});
    /** The job id (the estimate's `jobId`). */
    jobId: string;
    /** The client's smart wallet address. */
    clientSWA?: string;
    /** The user's smart wallet address. */
    userSWA?: string;
    /** Who pays the fee; "" for the default. */
    feePayerAddress?: string;
    /** The client (older field name). */
    clientId?: string;
    /** The client (OpenAPI explorer file's name). */
    vendorId?: string;
    /** The user (older field name). */
    creatorId?: string;
    /** The network's gas policies. */
    policies?: {
      /** Whether GSN is enabled. */
      gsnEnabled?: boolean;
      /** Whether gas is sponsored. */
      sponsorshipEnabled?: boolean;
      /** Whether GSN is enabled (OpenAPI explorer file's name). */
      isGsnEnabled?: boolean;
      /** Whether gas is sponsored (OpenAPI explorer file's name). */
      isSponsorshipEnabled?: boolean;
    };
    /** Gas-in-other-tokens (GSN) data. */
    gsn?: {
      /** Whether paying gas in other tokens is possible. */
      isPossible?: boolean;
      /** Whether paying gas in other tokens is required. */
      isRequired?: boolean;
      /** Networks GSN needs. */
      requiredNetworks?: string[];
      /** Tokens GSN would use. */
      tokens?: unknown[];
      /** The official SDK's nesting of `requiredNetworks` and `tokens`. */
      details?: {
        /** Networks GSN needs. */
        requiredNetworks?: string[];
        /** Tokens GSN would use. */
        tokens?: unknown[];
      };
    };
    /** The intent's parameters, echoed (as in the estimate's `details`). */
    payload?: Record<string, unknown>;
  };
  /** The unsigned user operation, with the server's gas limits. */
  userOps?: UserOp;
  /** Encoded call data (in the official SDK's type only). */
  encodedCallData?: string;
  /** Encoded paymaster data (in the official SDK's type only). */
  encodedPaymaster?: string;
  /** Gas limits (in the official SDK's type only). */
  gasData?: {
    /** Gas for the main call. */
    callGasLimit?: string;
    /** Gas for verification. */
    verificationGasLimit?: string;
    /** Gas paid to the bundler up front. */
    preVerificationGas?: string;
    /** Gas for the paymaster's verification. */
    paymasterVerificationGasLimit?: string;
    /** Gas for the paymaster's post-operation call. */
    paymasterPostOpGasLimit?: string;
  };
  /** Paymaster fields (in the official SDK's type only). */
  paymasterData?: {
    /** The paymaster's id. */
    paymasterId?: string;
    /** Unix seconds, as a string. */
    validUntil?: string;
    /** Unix seconds, as a string. */
    validAfter?: string;
  };
}

/** Options for waiting until an order reaches a final status. */
export interface WaitForOrderOptions {
  /** Stop waiting after this many milliseconds. */
  timeoutMs?: number;
  /** Milliseconds between polls of `orders?intent_id=`. */
  intervalMs?: number;
  /** Stops waiting when aborted. */
  signal?: AbortSignal;
}
