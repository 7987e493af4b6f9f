//! The UUID nonce and its `bytes32` form (PROTOCOL.md §4).

use super::error::{random_error, Error, Result};
use alloy_primitives::B256;
use std::fmt;

/// A UUID nonce, as the official SDK's `uuid` package accepts it: the
/// hyphenated 8-4-4-4-12 form with a version digit 1-8 and an RFC 4122
/// variant, or the nil and max UUIDs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Nonce([u8; 16]);

impl Nonce {
    /// A fresh random version-4 UUID from the platform CSPRNG.
    ///
    /// # Errors
    /// [`Error::Random`] when the platform has no working CSPRNG.
    pub fn random() -> Result<Self> {
        let mut bytes = [0u8; 16];
        getrandom::getrandom(&mut bytes).map_err(random_error)?;
        bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
        Ok(Self(bytes))
    }

    /// Parses a nonce given as text.
    ///
    /// # Errors
    /// [`Error::InvalidUuid`] naming `field`.
    pub fn parse(field: &'static str, s: &str) -> Result<Self> {
        let bad = |reason: &'static str| Error::InvalidUuid {
            field: field.into(),
            reason: reason.into(),
        };
        let b = s.as_bytes();
        if b.len() != 36 {
            return Err(bad("expected 36 characters in the 8-4-4-4-12 form"));
        }
        if [8, 13, 18, 23].iter().any(|&i| b.get(i) != Some(&b'-')) {
            return Err(bad("expected hyphens at positions 9, 14, 19 and 24"));
        }
        let digits: Vec<u8> = b.iter().copied().filter(|c| *c != b'-').collect();
        let bytes: [u8; 16] = alloy_primitives::hex::decode_to_array(&digits)
            .map_err(|_| bad("not hex between the hyphens"))?;
        let special = bytes == [0; 16] || bytes == [0xff; 16];
        let version = bytes[6] >> 4;
        let variant = bytes[8] >> 6;
        if !(special || ((1..=8).contains(&version) && variant == 0b10)) {
            return Err(bad("version must be 1-8 and the variant RFC 4122"));
        }
        Ok(Self(bytes))
    }

    /// The 16 bytes of the UUID.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The UUID as a big-endian integer, left-padded to 32 bytes.
    pub fn to_bytes32(&self) -> B256 {
        let mut out = [0u8; 32];
        out[16..].copy_from_slice(&self.0);
        B256::from(out)
    }
}

impl fmt::Display for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = |range: std::ops::Range<usize>| {
            alloy_primitives::hex::encode(self.0.get(range).unwrap_or_default())
        };
        write!(
            f,
            "{}-{}-{}-{}-{}",
            h(0..4),
            h(4..6),
            h(6..8),
            h(8..10),
            h(10..16)
        )
    }
}

impl fmt::Debug for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nonce({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PROTOCOL.md §4's example.
    #[test]
    fn protocol_example() {
        let n = Nonce::parse("nonce", "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b").unwrap();
        assert_eq!(
            n.to_bytes32().to_string(),
            "0x00000000000000000000000000000000598b94ab5fcb4cd8a5b3da2f35f0f61b"
        );
        assert_eq!(n.to_string(), "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b");
        let upper = Nonce::parse("nonce", "598B94AB-5FCB-4CD8-A5B3-DA2F35F0F61B").unwrap();
        assert_eq!(upper, n);
    }

    #[test]
    fn random_is_v4() {
        let n = Nonce::random().unwrap();
        assert_eq!(n.as_bytes()[6] >> 4, 4);
        assert_eq!(n.as_bytes()[8] >> 6, 0b10);
        assert_eq!(Nonce::parse("n", &n.to_string()).unwrap(), n);
        assert_ne!(Nonce::random().unwrap(), n);
    }

    #[test]
    fn refuses_what_the_uuid_package_refuses() {
        for bad in [
            "",
            "598b94ab5fcb4cd8a5b3da2f35f0f61b",
            "{598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b}",
            "598b94ab-5fcb-0cd8-a5b3-da2f35f0f61b", // version 0
            "598b94ab-5fcb-4cd8-c5b3-da2f35f0f61b", // variant 110
            "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61g",
            "598b94ab+5fcb-4cd8-a5b3-da2f35f0f61b",
            "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b ",
            "598b94ab-5fcb-4cd8-a5b3-da2f35f0f6é",
        ] {
            assert_eq!(
                Nonce::parse("nonce", bad).unwrap_err().code(),
                "INVALID_UUID",
                "{bad}"
            );
        }
        assert!(Nonce::parse("n", "00000000-0000-0000-0000-000000000000").is_ok());
        assert!(Nonce::parse("n", "ffffffff-ffff-ffff-ffff-ffffffffffff").is_ok());
    }
}
