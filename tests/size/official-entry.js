// The official SDK's browser bundle for the same features okto-wasm ships:
// the client (login, OTP, auth token, signUserOp, executeUserOp, signMessage,
// signTypedData, getUserKeys), the explorer reads, and the three intent
// builders okto-wasm offers (token, NFT and EVM raw transfers). Until the
// intents landed, okto-wasm was compared with the client alone (86,700 B gzip),
// which left the explorer out of theirs although ours had it.
export { OktoClient } from "@okto_web3/core-js-sdk";
export { getAccount, getChains, getTokens, getPortfolio, getPortfolioActivity, getPortfolioNFT, getOrdersHistory, rawRead } from "@okto_web3/core-js-sdk/explorer";
export { tokenTransfer, nftTransfer, evmRawTransaction } from "@okto_web3/core-js-sdk/userop";
