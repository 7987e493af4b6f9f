// A seeded PRNG so that a failing random case can be replayed: every suite
// prints its seed, and DIFF_SEED=<seed> repeats the run.
import { getAddress, toHex } from "viem";

export function makeRng(label) {
  const seed = Number(process.env.DIFF_SEED ?? Math.floor(Math.random() * 2 ** 32));
  console.log(`# ${label}: DIFF_SEED=${seed}`);
  let s = seed >>> 0 || 1;
  const u32 = () => {
    // xorshift32
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
  const int = (n) => u32() % n;
  const bytes = (n) => Uint8Array.from({ length: n }, () => u32() & 0xff);
  const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  return {
    seed,
    int,
    bool: () => (u32() & 1) === 1,
    bytes,
    pick: (xs) => xs[int(xs.length)],
    /** A valid secp256k1 private key as 0x hex, in a random letter case and sometimes without 0x. */
    privateKey() {
      for (;;) {
        const k = BigInt(toHex(bytes(32)));
        if (k > 0n && k < N) return toHex(k, { size: 32 });
      }
    },
    /** A random address, written lower-case, upper-case or EIP-55. */
    address() {
      const a = toHex(bytes(20));
      const form = int(3);
      if (form === 0) return a;
      if (form === 1) return "0x" + a.slice(2).toUpperCase();
      return getAddress(a);
    },
    uuidV4() {
      const b = bytes(16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Buffer.from(b).toString("hex");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    /** Text with ASCII, multi-byte UTF-8, emoji and JSON-special characters. */
    text() {
      const alphabet = ["a", "Z", "0", " ", '"', "\\", "\n", "é", "ß", "中", "😀", "{", "}", "\u0000", "\u2028"];
      return Array.from({ length: int(64) }, () => alphabet[int(alphabet.length)]).join("");
    },
    uint48: () => int(2 ** 24) * 2 ** 24 + int(2 ** 24),
  };
}
