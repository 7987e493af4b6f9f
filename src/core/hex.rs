//! Hex and address parsing for values that come from outside (shared/API.md:
//! "Hex input is accepted with or without `0x` and in any letter case").

use super::error::{Error, Result};
use alloy_primitives::Address;
use std::borrow::Cow;

/// Lower-case hex with a `0x` prefix.
pub fn encode_prefixed(bytes: impl AsRef<[u8]>) -> String {
    alloy_primitives::hex::encode_prefixed(bytes)
}

fn strip_prefix(s: &str) -> &str {
    s.strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s)
}

/// Decodes hex of any length (an empty string or `0x` alone gives no bytes).
///
/// # Errors
/// [`Error::InvalidHex`] naming `field` for an odd length or a non-hex character.
pub fn decode(field: &'static str, s: &str) -> Result<Vec<u8>> {
    let digits = strip_prefix(s);
    if digits.len() % 2 != 0 {
        return Err(Error::InvalidHex {
            field: field.into(),
            reason: format!("odd number of hex digits ({})", digits.len()).into(),
        });
    }
    alloy_primitives::hex::decode(digits).map_err(|_| Error::InvalidHex {
        field: field.into(),
        reason: "contains a character that is not a hex digit".into(),
    })
}

/// Decodes exactly `N` bytes of hex.
///
/// # Errors
/// [`Error::InvalidHex`] for bad digits or a wrong length (the lengths are named).
pub fn decode_fixed<const N: usize>(field: &'static str, s: &str) -> Result<[u8; N]> {
    let bytes = decode(field, s)?;
    <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| Error::InvalidHex {
        field: field.into(),
        reason: format!("expected {N} bytes, got {}", bytes.len()).into(),
    })
}

/// Parses a 20-byte address. All-lower or all-upper hex is taken as is; mixed
/// case must carry a valid EIP-55 checksum, as viem insists.
///
/// # Errors
/// [`Error::InvalidAddress`] naming `field`.
pub fn parse_address(field: &'static str, s: &str) -> Result<Address> {
    let bad = |reason: Cow<'static, str>| Error::InvalidAddress {
        field: field.into(),
        reason,
    };
    let digits = strip_prefix(s);
    if digits.len() != 40 {
        return Err(bad(
            format!("expected 40 hex digits, got {}", digits.len()).into()
        ));
    }
    let bytes: [u8; 20] = alloy_primitives::hex::decode_to_array(digits)
        .map_err(|_| bad("contains a character that is not a hex digit".into()))?;
    let address = Address::from(bytes);
    let has_lower = digits.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = digits.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower
        && has_upper
        && address.to_checksum(None).as_bytes().get(2..) != Some(digits.as_bytes())
    {
        return Err(bad("mixed-case address with a wrong EIP-55 checksum".into()));
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_prefix_and_case() {
        assert_eq!(decode("x", "0xABcd").unwrap(), vec![0xab, 0xcd]);
        assert_eq!(decode("x", "abcd").unwrap(), vec![0xab, 0xcd]);
        assert_eq!(decode("x", "0X01").unwrap(), vec![1]);
        assert_eq!(decode("x", "0x").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn decode_refuses_odd_and_non_hex() {
        assert_eq!(decode("x", "0x123").unwrap_err().code(), "INVALID_HEX");
        assert_eq!(decode("x", "0xzz").unwrap_err().code(), "INVALID_HEX");
        let e = decode_fixed::<32>("privateKey", "0x00").unwrap_err();
        assert_eq!(
            e.to_string(),
            "privateKey: invalid hex: expected 32 bytes, got 1"
        );
    }

    // EIP-55's own test vectors (eips.ethereum.org/EIPS/eip-55, "Test Cases").
    const EIP55: [&str; 8] = [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ];

    #[test]
    fn eip55_vectors_round_trip() {
        for s in EIP55 {
            let a = parse_address("a", s).unwrap();
            assert_eq!(a.to_checksum(None), s);
        }
    }

    #[test]
    fn wrong_checksum_is_refused_but_single_case_is_not() {
        let bad = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        assert_eq!(
            parse_address("a", bad).unwrap_err().code(),
            "INVALID_ADDRESS"
        );
        assert!(parse_address("a", &bad.to_lowercase()).is_ok());
        assert!(parse_address("a", &bad[2..].to_uppercase()).is_ok());
        assert!(parse_address("a", "0x1234").is_err());
        assert!(parse_address("a", "").is_err());
        assert!(parse_address("a", "0x").is_err());
    }
}
