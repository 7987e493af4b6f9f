//! The Okto auth token (PROTOCOL.md §7).

use super::error::{Error, Result};
use super::hex;
use super::key::EthKey;

/// How long a token lives by default: 90 minutes, as the official SDK mints them.
pub const TOKEN_LIFETIME_SECS: u64 = 60 * 90;

/// JavaScript's `Number.MAX_SAFE_INTEGER`: beyond it `JSON.stringify` would not
/// print the same integer.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// `data`'s JSON exactly as `JSON.stringify` writes it.
fn data_json(expire_at: u64, session_pub_key: &str) -> String {
    format!(r#"{{"expire_at":{expire_at},"session_pub_key":"{session_pub_key}"}}"#)
}

/// Mints `base64({"type":"ecdsa_uncompressed","data":data,"data_signature":sig})`,
/// where `data = {"expire_at", "session_pub_key"}` and `sig` is the session key's
/// EIP-191 signature of `data`'s JSON text.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `expireAt` when it exceeds `2^53 - 1`.
pub fn auth_token(session: &EthKey, expire_at: u64) -> Result<String> {
    if expire_at > MAX_SAFE_INTEGER {
        return Err(Error::invalid_argument(
            "expireAt",
            "must be at most 2^53 - 1 (Number.MAX_SAFE_INTEGER)",
        ));
    }
    let data = data_json(expire_at, &session.public_key_hex());
    let signature = hex::encode_prefixed(session.sign_message(data.as_bytes()));
    let json =
        format!(r#"{{"type":"ecdsa_uncompressed","data":{data},"data_signature":"{signature}"}}"#);
    Ok(base64(json.as_bytes()))
}

/// Standard base64 with padding, as `btoa` writes it (RFC 4648 §4). Written
/// out rather than taken from the base64 crate, which costs ~3 KB of wasm for
/// this one 20-line use.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The official SDK's default expiry: `round(now_ms / 1000) + 5400`.
pub fn default_expiry(now_ms: f64) -> u64 {
    // `as` saturates (NaN and negatives become 0); `now_ms` comes from Date.now().
    (now_ms / 1000.0).round() as u64 + TOKEN_LIFETIME_SECS
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// Computed by `@okto_web3/core-js-sdk@1.1.0`'s `getAuthorizationToken()` with
    /// the session key 0xac09…ff80 (Anvil account 0) and `Date.now` stubbed to
    /// 1_700_000_000_000, so `expire_at` = 1_700_005_400 (tests/diff/vectors.mjs).
    #[test]
    fn official_sdk_vector() {
        let k = EthKey::from_bytes(
            "k",
            &hex!("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
        )
        .unwrap();
        assert_eq!(default_expiry(1_700_000_000_000.0), 1_700_005_400);
        assert_eq!(auth_token(&k, 1_700_005_400).unwrap(), OFFICIAL_TOKEN);
    }

    const OFFICIAL_TOKEN: &str = "eyJ0eXBlIjoiZWNkc2FfdW5jb21wcmVzc2VkIiwiZGF0YSI6eyJleHBpcmVfYXQiOjE3MDAwMDU0MDAsInNlc3Npb25fcHViX2tleSI6IjB4MDQ4MzE4NTM1YjU0MTA1ZDRhN2FhZTYwYzA4ZmM0NWY5Njg3MTgxYjRmZGZjNjI1YmQxYTc1M2ZhNzM5N2ZlZDc1MzU0N2YxMWNhODY5NjY0NmYyZjNhY2IwOGUzMTAxNmFmYWMyM2U2MzBjNWQxMWY1OWY2MWZlZjU3YjBkMmFhNSJ9LCJkYXRhX3NpZ25hdHVyZSI6IjB4OTc5YmRjN2JjYzM2NjAwMzhhYmM0ZjY2OGJkNzhkYjZkNzRlZDU0YWNhMjQyZDVjZGI1NDFiNjgyYzg1OGFhYzQzOTU0OTE5YmFkMGFhZjljYjhkNGI4ZWU5ZjAxNThlOWNkMGY2NzMyNjNmMWIxZjdjZDhiOGFiMmMwYzBjNjYxYyJ9";

    /// RFC 4648 §10's test vectors.
    #[test]
    fn base64_rfc4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd, 0x00]), "//79AA==");
    }

    #[test]
    fn rounding_matches_math_round() {
        assert_eq!(default_expiry(1_499.0), 1 + TOKEN_LIFETIME_SECS);
        assert_eq!(default_expiry(1_500.0), 2 + TOKEN_LIFETIME_SECS);
        assert_eq!(default_expiry(f64::NAN), TOKEN_LIFETIME_SECS);
    }

    #[test]
    fn huge_expiry_is_refused() {
        let k = EthKey::generate().unwrap();
        assert!(auth_token(&k, MAX_SAFE_INTEGER).is_ok());
        assert_eq!(
            auth_token(&k, MAX_SAFE_INTEGER + 1).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }
}
