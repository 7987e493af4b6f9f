export { OktoClient } from "@okto_web3/core-js-sdk";
