// Injected into the official SDK's browser bundle: it calls Node's Buffer.
import { Buffer } from "buffer";
globalThis.Buffer = globalThis.Buffer ?? Buffer;
export { Buffer };
