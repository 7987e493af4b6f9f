//! Redaction for debug logs: bearer tokens, signatures, id tokens and OTPs
//! never reach a log line.

use super::json::Json;

const SECRET_KEYS: [&str; 7] = [
    "signature",
    "token",
    "otp",
    "private",
    "authorization",
    "secret",
    // Paymaster data embeds the client's signature.
    "paymasterdata",
];

/// Whether `hay` contains `needle`: a plain window scan (`str::contains`
/// brings a Two-Way searcher, ~3 KB of wasm, for these few short keys).
fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    SECRET_KEYS.iter().any(|s| has(k.as_bytes(), s.as_bytes()))
}

/// Public keys are 130 hex digits too, but not secret.
fn public_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.ends_with("pk") || has(k.as_bytes(), b"pub")
}

fn looks_like_signature(s: &str) -> bool {
    let digits = s.strip_prefix("0x").unwrap_or(s);
    digits.len() >= 128 && digits.len() <= 132 && digits.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Replaces every value under a secret-looking key, and every string that looks
/// like a 64/65-byte signature, with `"[redacted]"`.
pub fn redact_value(v: &mut Json) {
    match v {
        Json::Object(fields) => {
            for (k, val) in fields.iter_mut() {
                if secret_key(k) && *val != Json::Null {
                    *val = Json::String("[redacted]".into());
                } else if !public_key(k) {
                    redact_value(val);
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(redact_value),
        Json::String(s) if looks_like_signature(s) => *s = "[redacted]".into(),
        _ => {}
    }
}

/// Redacts a JSON text; text that is not JSON is replaced whole.
pub fn redact_json(text: &str) -> String {
    match Json::parse(text) {
        Some(mut v) => {
            redact_value(&mut v);
            v.to_json()
        }
        None if text.is_empty() => String::new(),
        None => format!("[{} bytes, not JSON]", text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_tokens_signatures_and_otps() {
        let sig = format!("0x{}", "ab".repeat(65));
        let text = format!(
            r#"{{"authData":{{"idToken":"eyJ.x.y","provider":"google"}},"sessionPkClientSignature":"{sig}","params":["{sig}"],"data":{{"otp":"123456","auth_token":"t","email":"a@b.co"}},"userSWA":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}}"#
        );
        let out = redact_json(&text);
        for secret in ["eyJ.x.y", "abab", "123456", "\"t\""] {
            assert!(!out.contains(secret), "{out}");
        }
        assert!(
            out.contains("a@b.co") && out.contains("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        );
        let pk = format!("0x04{}", "cd".repeat(64));
        let text = format!(
            r#"{{"sessionPk":"{pk}","paymasterData":"0x{}"}}"#,
            "ef".repeat(256)
        );
        let out = redact_json(&text);
        assert!(out.contains(&pk) && !out.contains("efef"), "{out}");
        assert_eq!(redact_json("<html>"), "[6 bytes, not JSON]");
    }
}
