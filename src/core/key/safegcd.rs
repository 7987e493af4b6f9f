//! Constant-time inversion modulo the secp256k1 group order, by Bernstein and
//! Yang's "safegcd" divsteps (<https://eprint.iacr.org/2019/266>), batched 30
//! at a time on signed 30-bit limbs, the variant that libsecp256k1 documents
//! in `doc/safegcd_implementation.md`.
//!
//! k256 0.13 inverts scalars with a Fermat addition chain: ~290 modular
//! multiplications on 32-bit limbs, a quarter of a signature's time in wasm.
//! This takes 20 rounds of 30 branch-free divsteps and two 9-limb matrix
//! updates each, with no secret-dependent branch or memory access.

/// A number as nine signed 30-bit limbs, little-endian (the top limb holds
/// the sign and whatever exceeds 2^240).
type Limbs = [i32; 9];

const M30: i32 = (1 << 30) - 1;

/// Unsigned big-endian bytes to limbs.
const fn to_limbs(bytes: &[u8; 32]) -> Limbs {
    let mut out = [0i32; 9];
    let mut i = 0;
    while i < 32 {
        // Byte i from the end lands at bit 8i: in one limb, or across two.
        let (byte, at) = (bytes[31 - i] as i32, 8 * i);
        out[at / 30] |= (byte << (at % 30)) & M30;
        if at % 30 > 22 {
            out[at / 30 + 1] |= byte >> (30 - at % 30);
        }
        i += 1;
    }
    out
}

/// Normalised limbs (each in [0, 2^30), value below 2^256) to big-endian bytes.
fn to_bytes(limbs: &Limbs) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut acc = 0u64;
    let mut bits = 0;
    let mut at = 32;
    for &limb in limbs {
        acc |= (limb as u64) << bits;
        bits += 30;
        while bits >= 8 && at > 0 {
            at -= 1;
            out[at] = acc as u8;
            acc >>= 8;
            bits -= 8;
        }
    }
    out
}

/// The order n as limbs.
const N: Limbs = to_limbs(&super::ecdsa::ORDER);

/// n^-1 mod 2^30, by Newton's iteration (each step doubles the correct bits).
const N_INV: u32 = {
    let n0 = N[0] as u32;
    let mut inv = n0; // correct to 3 bits, as n0 is odd
    let mut i = 0;
    while i < 4 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(n0.wrapping_mul(inv)));
        i += 1;
    }
    inv & M30 as u32
};

/// 30 divsteps on the low limbs of f (odd) and g: the new zeta and the
/// transition matrix `[u, v, q, r]`, scaled by 2^30.
fn divsteps(mut zeta: i32, mut f: u32, mut g: u32) -> (i32, [i32; 4]) {
    let (mut u, mut v, mut q, mut r) = (1u32, 0u32, 0u32, 1u32);
    for _ in 0..30 {
        // All-ones masks for "zeta < 0" and "g is odd".
        let neg = (zeta >> 31) as u32;
        let odd = (g & 1).wrapping_neg();
        // g += ±f (and the matrix rows alike) when g is odd: -f when zeta < 0.
        g = g.wrapping_add((f ^ neg).wrapping_sub(neg) & odd);
        q = q.wrapping_add((u ^ neg).wrapping_sub(neg) & odd);
        r = r.wrapping_add((v ^ neg).wrapping_sub(neg) & odd);
        // When both held, f takes the old g (f + (g - f)) and zeta becomes -zeta - 2.
        let swap = neg & odd;
        zeta = (zeta ^ swap as i32).wrapping_sub(1);
        f = f.wrapping_add(g & swap);
        u = u.wrapping_add(q & swap);
        v = v.wrapping_add(r & swap);
        g >>= 1;
        u <<= 1;
        v <<= 1;
    }
    (zeta, [u as i32, v as i32, q as i32, r as i32])
}

/// `[a, b] = t·[a, b] / 2^30`. With `modular` (all ones), a multiple of n is
/// added first so that the division is exact, keeping a, b in (-2n, n) (the
/// d, e update); with 0 the division is exact by construction (f, g).
fn update(a: &mut Limbs, b: &mut Limbs, t: [i32; 4], modular: i32) {
    let [u, v, q, r] = t.map(i64::from);
    let (sa, sb) = (a[8] >> 31, b[8] >> 31);
    // Add n·[ma, mb]: first the right multiple for negative inputs...
    let mut ma = ((t[0] & sa) + (t[1] & sb)) & modular;
    let mut mb = ((t[2] & sa) + (t[3] & sb)) & modular;
    let mut ca = u * i64::from(a[0]) + v * i64::from(b[0]);
    let mut cb = q * i64::from(a[0]) + r * i64::from(b[0]);
    // ...then whatever clears the low 30 bits.
    ma -= (N_INV.wrapping_mul(ca as u32).wrapping_add(ma as u32) & M30 as u32) as i32 & modular;
    mb -= (N_INV.wrapping_mul(cb as u32).wrapping_add(mb as u32) & M30 as u32) as i32 & modular;
    let (ma, mb) = (i64::from(ma), i64::from(mb));
    ca = (ca + i64::from(N[0]) * ma) >> 30;
    cb = (cb + i64::from(N[0]) * mb) >> 30;
    for i in 1..9 {
        ca += u * i64::from(a[i]) + v * i64::from(b[i]) + i64::from(N[i]) * ma;
        cb += q * i64::from(a[i]) + r * i64::from(b[i]) + i64::from(N[i]) * mb;
        a[i - 1] = ca as i32 & M30;
        b[i - 1] = cb as i32 & M30;
        ca >>= 30;
        cb >>= 30;
    }
    a[8] = ca as i32;
    b[8] = cb as i32;
}

/// `x^-1 mod n` for big-endian `x` below n (0 gives 0), in constant time.
pub(super) fn invert(x: &[u8; 32]) -> [u8; 32] {
    let (mut d, mut e) = ([0i32; 9], [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    let (mut f, mut g) = (N, to_limbs(x));
    let mut zeta = -1;
    // 20 × 30 = 600 divsteps; 590 suffice for 256-bit inputs.
    for _ in 0..20 {
        let (z, t) = divsteps(zeta, f[0] as u32, g[0] as u32);
        zeta = z;
        update(&mut d, &mut e, t, -1);
        update(&mut f, &mut g, t, 0);
    }
    // Now g = 0, f = ±1 and d = ±x^-1 in (-2n, n): bring d to [0, n), negated
    // when f is -1. Two rounds: add n if negative (and negate), then add n if
    // still negative, each followed by carrying the limbs back to 30 bits.
    let negate = f[8] >> 31;
    for round in 0..2 {
        let add = d[8] >> 31;
        for (limb, n) in d.iter_mut().zip(N) {
            *limb += n & add;
            if round == 0 {
                *limb = (*limb ^ negate) - negate;
            }
        }
        for i in 0..8 {
            d[i + 1] += d[i] >> 30;
            d[i] &= M30;
        }
    }
    to_bytes(&d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k256::elliptic_curve::PrimeField;
    use k256::{FieldBytes, Scalar};

    #[test]
    fn constants() {
        assert_eq!(to_bytes(&N), super::super::ecdsa::ORDER);
        assert_eq!(N[0].wrapping_mul(N_INV as i32) & M30, 1);
    }

    #[test]
    fn matches_k256_inversion() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut values = vec![
            Scalar::ONE,
            Scalar::from(2u64),
            -Scalar::ONE,
            -Scalar::from(2u64),
            Scalar::from(u64::MAX),
        ];
        for _ in 0..20_000 {
            let mut bytes = [0u8; 32];
            for chunk in bytes.chunks_mut(8) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                chunk.copy_from_slice(&state.to_le_bytes());
            }
            // Short values and values near n too.
            match state % 4 {
                0 => bytes[..16].fill(0),
                1 => bytes[..15].fill(0xff),
                _ => {}
            }
            if let Some(s) = Option::<Scalar>::from(Scalar::from_repr(bytes.into())) {
                values.push(s);
            }
        }
        for s in values {
            let inv = invert(&s.to_bytes().into());
            let expected: FieldBytes = s.invert().unwrap().to_bytes();
            assert_eq!(inv[..], expected[..], "{s:?}");
        }
        assert_eq!(invert(&[0u8; 32]), [0u8; 32]);
    }
}
