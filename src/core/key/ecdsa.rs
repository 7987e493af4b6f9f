//! ECDSA signing over secp256k1 with a fixed-base table for `k·G`.
//!
//! k256 (without its `precomputed-tables` feature, which costs ~4.8 KB gzip)
//! computes `k·G` with a generic 4-bit window: 256 doublings and 64 additions.
//! Here `k·G` takes 64 additions and no doubling, from a table of
//! `j·16^i·G` (`i < 64`, `1 <= j <= 8`) that is built in the heap on first use
//! (60 KB), not shipped in the binary.
//!
//! Everything that touches a secret runs in constant time: the digits of the
//! scalar are recoded without branches, and every lookup reads all eight
//! entries of its row with `ConditionallySelectable`.
//!
//! The signature is the one k256's `SigningKey::sign_prehash_recoverable` makes
//! (the same RFC 6979 nonce as `rfc6979::generate_k`, low-s, recovery id from
//! R.y's parity and whether R.x was reduced); the tests check that byte for
//! byte. The scalar inversion is in `safegcd.rs`.

use k256::elliptic_curve::group::Group;
use k256::elliptic_curve::ops::LinearCombination;
use k256::elliptic_curve::ops::Reduce;
use k256::elliptic_curve::point::AffineCoordinates;
use k256::elliptic_curve::point::DecompressPoint;
use k256::elliptic_curve::scalar::IsHigh;
use k256::elliptic_curve::subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use k256::elliptic_curve::PrimeField;
use k256::sha2::{Digest, Sha256};
use k256::{AffinePoint, FieldBytes, ProjectivePoint, Scalar, U256};
use std::sync::OnceLock;

/// Rows of the table: one per 4-bit digit of a 256-bit scalar.
const ROWS: usize = 64;
/// Entries per row: the multiples 1..=8 (signed digits cover -8..=8).
const ROW: usize = 8;

/// The curve order n, big-endian (RFC 6979's `q`).
pub(super) const ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// `table[ROW * i + j - 1] = j·16^i·G`. The entries stay projective: full
/// additions cost one field multiplication more than mixed ones, but affine
/// entries would need k256's batch normalisation (~3 KB of wasm).
fn table() -> &'static [ProjectivePoint] {
    static TABLE: OnceLock<Vec<ProjectivePoint>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut points = Vec::with_capacity(ROWS * ROW);
        let mut base = ProjectivePoint::GENERATOR;
        for _ in 0..ROWS {
            let mut p = base;
            for _ in 0..ROW {
                points.push(p);
                p += base;
            }
            // 16·base = 8·base + 8·base (a complete addition, so no separate
            // doubling code is needed).
            let eight = points[points.len() - 1];
            base = eight + eight;
        }
        points
    })
}

/// `k·G` in constant time.
pub(super) fn mul_generator(k: &Scalar) -> ProjectivePoint {
    let table = table();
    // Work with whichever of k and n - k is below n/2, so that the top digit
    // stays in range after recoding, and negate the result back.
    let negate = k.is_high();
    let k = Scalar::conditional_select(k, &-k, negate);
    let bytes = k.to_bytes();
    let mut acc = ProjectivePoint::IDENTITY;
    let mut carry = 0i8;
    for i in 0..ROWS {
        let nibble = (bytes[31 - i / 2] >> (4 * (i % 2))) & 15;
        let mut digit = nibble as i8 + carry;
        if i + 1 < ROWS {
            // Recode 0..=16 into -8..=7 with a carry into the next digit.
            carry = (digit + 8) >> 4;
            digit -= carry << 4;
        }
        // |digit| and its sign without branches.
        let sign = digit >> 7;
        let magnitude = ((digit ^ sign) - sign) as u8;
        let mut point = ProjectivePoint::IDENTITY;
        for (j, entry) in table[ROW * i..ROW * (i + 1)].iter().enumerate() {
            point.conditional_assign(entry, magnitude.ct_eq(&(j as u8 + 1)));
        }
        point.conditional_assign(&-point, Choice::from((sign & 1) as u8));
        acc += point;
    }
    ProjectivePoint::conditional_select(&acc, &-acc, negate)
}

/// HMAC-SHA-256 under one key, kept as the hash states after the key's inner
/// and outer pads: each MAC under the same key then costs two blocks fewer.
struct Hmac(Sha256, Sha256);

impl Hmac {
    fn new(key: &[u8; 32]) -> Self {
        let mut pad = [0x36u8; 64];
        for (p, k) in pad.iter_mut().zip(key) {
            *p ^= k;
        }
        let inner = Sha256::new_with_prefix(pad);
        for p in &mut pad {
            *p ^= 0x36 ^ 0x5c;
        }
        Self(inner, Sha256::new_with_prefix(pad))
    }

    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = self.0.clone();
        for part in parts {
            inner.update(part);
        }
        let mut outer = self.1.clone();
        outer.update(inner.finalize());
        outer.finalize().into()
    }
}

/// The RFC 6979 nonce (HMAC_DRBG with SHA-256, §3.2) for secret `x` and digest
/// `h`, exactly as `rfc6979::generate_k` makes it for k256 (`h` as given, not
/// reduced mod n), with about 40% fewer SHA-256 blocks: it reuses each key's
/// pad states and skips the DRBG update after the accepted output.
fn nonce(x: &[u8; 32], h: &[u8; 32]) -> Scalar {
    let mut v = [1u8; 32];
    let mut k = Hmac::new(&[0; 32]);
    for i in 0..2u8 {
        k = Hmac::new(&k.mac(&[&v, &[i], x, h]));
        v = k.mac(&[&v]);
    }
    loop {
        v = k.mac(&[&v]);
        let candidate = Scalar::from_repr(v.into());
        // Below n and not zero: all but a 2^-127 fraction of outputs.
        if bool::from(candidate.is_some() & !candidate.unwrap_or(Scalar::ZERO).is_zero()) {
            return candidate.unwrap_or(Scalar::ONE);
        }
        k = Hmac::new(&k.mac(&[&v, &[0]]));
        v = k.mac(&[&v]);
    }
}

/// Signs a 32-byte digest with the secret scalar `d` (non-zero): RFC 6979
/// nonce, low-s, `r || s || 27 + recovery id`. `None` only for a zero `r` or
/// `s`, which needs a hash collision to reach.
pub(super) fn sign_prehash(d: &Scalar, digest: &[u8; 32]) -> Option<[u8; 65]> {
    let z = FieldBytes::from(*digest);
    let k = nonce(&d.to_bytes().into(), digest);
    let big_r = mul_generator(&k).to_affine();
    let x = big_r.x();
    let r = <Scalar as Reduce<U256>>::reduce_bytes(&x);
    // Public values from here on: r is part of the signature.
    let x_reduced = r.to_bytes() != x;
    let z = <Scalar as Reduce<U256>>::reduce_bytes(&z);
    let k_inv = Option::<Scalar>::from(Scalar::from_repr(
        super::safegcd::invert(&k.to_bytes().into()).into(),
    ))?;
    let s = k_inv * (z + r * d);
    if bool::from(r.is_zero() | s.is_zero()) {
        return None;
    }
    let high = s.is_high();
    let s = Scalar::conditional_select(&s, &-s, high);
    let mut out = [0u8; 65];
    out[..32].copy_from_slice(&r.to_bytes());
    out[32..64].copy_from_slice(&s.to_bytes());
    out[64] = 27 + (big_r.y_is_odd() ^ high).unwrap_u8() + 2 * u8::from(x_reduced);
    Some(out)
}

/// The public key behind a signature (r, s, v) of a 32-byte digest, where
/// `v` is the recovery id (0..=3): `Q = r^-1·(s·R - z·G)` (SEC 1 §4.1.6).
/// `None` wherever k256's `VerifyingKey::recover_from_prehash` fails: r or s
/// zero or not below n, a high s (which k256's check of the recovered key
/// refuses), no point R, or Q at infinity. That check itself is left out: it
/// holds for every Q computed this way.
pub(super) fn recover_prehash(
    digest: &[u8; 32],
    r_bytes: [u8; 32],
    s_bytes: [u8; 32],
    v: u8,
) -> Option<AffinePoint> {
    let scalar = |b: [u8; 32]| Option::<Scalar>::from(Scalar::from_repr(b.into()));
    let (r, s) = (scalar(r_bytes)?, scalar(s_bytes)?);
    if v > 3 || bool::from(r.is_zero() | s.is_zero() | s.is_high()) {
        return None;
    }
    // R.x is r, or r + n when the id says that x was reduced (it must fit).
    let mut x = FieldBytes::from(r_bytes);
    if v & 2 != 0 {
        let mut carry = 0u16;
        for (b, n) in x.iter_mut().zip(ORDER).rev() {
            carry += u16::from(*b) + u16::from(n);
            *b = carry as u8;
            carry >>= 8;
        }
        if carry != 0 {
            return None;
        }
    }
    let big_r = Option::<AffinePoint>::from(AffinePoint::decompress(&x, Choice::from(v & 1)))?;
    let r_inv = Option::<Scalar>::from(Scalar::from_repr(
        super::safegcd::invert(&r.to_bytes().into()).into(),
    ))?;
    let z = <Scalar as Reduce<U256>>::reduce_bytes(&FieldBytes::from(*digest));
    let q = ProjectivePoint::lincomb(
        &ProjectivePoint::GENERATOR,
        &-(r_inv * z),
        &ProjectivePoint::from(big_r),
        &(r_inv * s),
    );
    if bool::from(q.is_identity()) {
        return None;
    }
    Some(q.to_affine())
}

#[cfg(test)]
mod tests {
    use super::*;
    use k256::ecdsa::SigningKey;
    use k256::elliptic_curve::sec1::ToEncodedPoint;

    /// A small deterministic generator (xorshift) so that failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn bytes(&mut self) -> [u8; 32] {
            let mut out = [0u8; 32];
            for chunk in out.chunks_mut(8) {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                chunk.copy_from_slice(&self.0.to_le_bytes());
            }
            out
        }
    }

    fn reference(key: &SigningKey, digest: &[u8; 32]) -> [u8; 65] {
        let (sig, recid) = key.sign_prehash_recoverable(digest).unwrap();
        let mut out = [0u8; 65];
        out[..64].copy_from_slice(&sig.to_bytes());
        out[64] = 27 + recid.to_byte();
        out
    }

    #[test]
    fn generator_multiples_match_k256() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let n_minus = |v: u64| -Scalar::from(v);
        let mut scalars = vec![
            Scalar::ONE,
            Scalar::from(2u64),
            Scalar::from(8u64),
            Scalar::from(9u64),
            Scalar::from(16u64),
            Scalar::from(0x8888_8888u64),
            n_minus(1),
            n_minus(8),
            n_minus(9),
            Scalar::ZERO,
        ];
        // (n-1)/2 and its neighbours: where the negation switches over.
        let half = Scalar::from_repr(FieldBytes::from([
            0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46,
            0x68, 0x1b, 0x20, 0xa0,
        ]))
        .unwrap();
        scalars.extend([half, half + Scalar::ONE, half - Scalar::ONE]);
        // Scalars made of 8s and 0s exercise every carry.
        scalars.push(Scalar::from_repr(FieldBytes::from([0x88; 32])).unwrap());
        scalars.push(Scalar::from_repr(FieldBytes::from([0x78; 32])).unwrap());
        for _ in 0..500 {
            if let Some(s) = Option::<Scalar>::from(Scalar::from_repr(rng.bytes().into())) {
                scalars.push(s);
            }
        }
        for s in scalars {
            assert_eq!(
                mul_generator(&s).to_affine(),
                (ProjectivePoint::GENERATOR * s).to_affine()
            );
        }
    }

    #[test]
    fn signatures_match_k256_byte_for_byte() {
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        let mut one = [0u8; 32];
        one[31] = 1;
        let mut keys = vec![one, (-Scalar::ONE).to_bytes().into()];
        for _ in 0..3000 {
            keys.push(rng.bytes());
        }
        let mut digests = vec![[0u8; 32], [0xff; 32], ORDER];
        for (i, bytes) in keys.iter().enumerate() {
            let Ok(key) = SigningKey::from_slice(bytes) else {
                continue;
            };
            let d: &Scalar = key.as_nonzero_scalar();
            let digest = digests.get(i).copied().unwrap_or_else(|| rng.bytes());
            digests.push(digest);
            assert_eq!(
                sign_prehash(d, &digest).unwrap(),
                reference(&key, &digest),
                "key {i}"
            );
        }
    }

    /// Our recovery against k256's, for valid signatures (all four ids, so
    /// that wrong ids and high-s twins are covered) and for mangled ones.
    #[test]
    fn recovery_matches_k256() {
        use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};
        let mut rng = Rng(0xdead_beef_cafe_f00d);
        let theirs = |digest: &[u8; 32], sig: &[u8; 64], v: u8| {
            let sig = Signature::from_slice(sig).ok()?;
            let id = RecoveryId::from_byte(v)?;
            let key = VerifyingKey::recover_from_prehash(digest, &sig, id).ok()?;
            Some(key.to_encoded_point(false))
        };
        let ours = |digest: &[u8; 32], sig: &[u8; 64], v: u8| {
            let (r, s) = (sig[..32].try_into().unwrap(), sig[32..].try_into().unwrap());
            recover_prehash(digest, r, s, v).map(|p| p.to_encoded_point(false))
        };
        let mut cases = 0;
        for i in 0..600 {
            let Ok(key) = SigningKey::from_slice(&rng.bytes()) else {
                continue;
            };
            let digest = rng.bytes();
            let good = reference(&key, &digest);
            let mut sig: [u8; 64] = good[..64].try_into().unwrap();
            match i % 6 {
                0 => {}
                // The high-s twin of a valid signature.
                1 => {
                    let high: [u8; 32] = sig[32..].try_into().unwrap();
                    let s = -Scalar::from_repr(high.into()).unwrap();
                    sig[32..].copy_from_slice(&s.to_bytes());
                }
                2 => sig[..32].copy_from_slice(&rng.bytes()),
                3 => sig[32..].copy_from_slice(&rng.bytes()),
                4 => sig[..32].fill(0),
                // A small r: x = r + n is a valid field element.
                _ => {
                    sig[..32].fill(0);
                    sig[31] = (i % 251) as u8 + 1;
                }
            }
            for v in 0..5 {
                let expected = theirs(&digest, &sig, v);
                assert_eq!(ours(&digest, &sig, v), expected, "case {i}, v {v}");
                cases += usize::from(expected.is_some());
            }
            if i % 6 == 0 {
                assert_eq!(
                    theirs(&digest, &sig, good[64] - 27),
                    Some(key.verifying_key().to_encoded_point(false))
                );
            }
        }
        assert!(cases > 300, "{cases}");
    }
}
