//! Message signing through Okto's MPC signers (PROTOCOL.md §11): the session
//! key signs a challenge over the request, and Okto's signers sign the message.
//!
//! Canonical JSON (RFC 8785) is written here rather than taken from a crate:
//! every document involved has a fixed shape of string values (and one small
//! integer), so JCS reduces to writing the keys in sorted order with
//! `JSON.stringify`'s string escaping, which [`json::write_str`] already does.
//! `serde_jcs`, the maintained crate, would bring serde and serde_json into a
//! package whose size budget has no room for them. The differential suite
//! checks these bytes against `json-canonicalize`, the official SDK's choice.

use super::error::{Error, Result};
use super::hex;
use super::json::{self, Json};
use super::key::EthKey;
use super::nonce::Nonce;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// What is being signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignKind {
    /// A text message, signed as EIP-191 by Okto's signers.
    Eip191,
    /// EIP-712 typed data, as JSON text.
    Eip712,
}

impl SignKind {
    /// `requestType` and `method` on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Eip191 => "EIP191",
            Self::Eip712 => "EIP712",
        }
    }
}

/// Everything one sign request needs.
pub struct SignRequest<'a> {
    /// The kind of message.
    pub kind: SignKind,
    /// The message (typed data as JSON text).
    pub message: &'a str,
    /// The user's MPC key id (`ecdsaKeyId` from `user-keys`).
    pub key_id: &'a str,
    /// The environment's threshold `t`.
    pub threshold: u64,
    /// The transaction id `tid`.
    pub tid: Nonce,
    /// The request's job id.
    pub job_id: Nonce,
    /// The user SWA as the server gave it.
    pub user_swa: &'a str,
}

/// Checks a message before it is sent: not empty, and EIP-712 data is a JSON
/// object with `types`, `primaryType` and `message`, as Okto's signers need.
///
/// # Errors
/// `INVALID_ARGUMENT` naming `message` or `data`.
pub fn check_message(kind: SignKind, message: &str) -> Result<()> {
    let bad = |field, reason| Err(Error::invalid_argument(field, reason));
    match kind {
        SignKind::Eip191 if message.is_empty() => bad("message", "must not be empty"),
        SignKind::Eip191 => Ok(()),
        SignKind::Eip712 => {
            let typed = Json::parse(message).filter(Json::is_object);
            let Some(typed) = typed else {
                return bad("data", "must be EIP-712 typed data: a JSON object");
            };
            let ok = typed.get("types").is_some_and(Json::is_object)
                && typed.get("primaryType").and_then(Json::as_str).is_some()
                && typed.get("message").is_some_and(Json::is_object);
            if ok {
                Ok(())
            } else {
                bad("data", "must have types, primaryType and message")
            }
        }
    }
}

/// `JCS({"t", "key_id", "message", "signAlg"})`, keys in code-unit order.
fn setup_jcs(req: &SignRequest<'_>) -> String {
    let mut msg = String::from("{");
    json::write_str(&mut msg, &req.tid.to_string());
    msg.push_str(":{\"requestType\":");
    json::write_str(&mut msg, req.kind.as_str());
    msg.push_str(",\"signingMessage\":");
    json::write_str(&mut msg, req.message);
    msg.push_str("}}");

    let mut out = String::from("{\"key_id\":");
    json::write_str(&mut out, req.key_id);
    out.push_str(",\"message\":");
    json::write_str(&mut out, &msg);
    let _ = write!(out, ",\"signAlg\":\"secp256k1\",\"t\":{}}}", req.threshold);
    out
}

/// `hex(sha256(sha256(JCS(setup))))`, without `0x`.
pub fn challenge(req: &SignRequest<'_>) -> String {
    let once = Sha256::digest(setup_jcs(req).as_bytes());
    let prefixed = hex::encode_prefixed(Sha256::digest(once));
    prefixed.strip_prefix("0x").unwrap_or(&prefixed).to_owned()
}

/// The bytes the session key signs: `JCS({"challenge", "setup"})`.
pub fn session_message(req: &SignRequest<'_>) -> String {
    let mut out = String::from("{\"challenge\":\"");
    out.push_str(&challenge(req));
    out.push_str("\",\"setup\":");
    out.push_str(&setup_jcs(req));
    out.push('}');
    out
}

/// The `signMessage` body `{"data": {"userData", "transactions"}}`, signed by `session`.
pub fn payload(req: &SignRequest<'_>, session: &EthKey) -> Json {
    let signature = session.sign_message(session_message(req).as_bytes());
    let s = |v: &str| Json::String(v.to_owned());
    let user_data = Json::Object(vec![
        ("userSWA".into(), s(req.user_swa)),
        ("jobId".into(), s(&req.job_id.to_string())),
        ("sessionPk".into(), s(&session.public_key_hex())),
    ]);
    let tx = Json::Object(vec![
        ("transactionId".into(), s(&req.tid.to_string())),
        ("method".into(), s(req.kind.as_str())),
        ("signingMessage".into(), s(req.message)),
        (
            "userSessionSignature".into(),
            s(&hex::encode_prefixed(signature)),
        ),
    ]);
    Json::Object(vec![(
        "data".into(),
        Json::Object(vec![
            ("userData".into(), user_data),
            ("transactions".into(), Json::Array(vec![tx])),
        ]),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(message: &str) -> SignRequest<'_> {
        SignRequest {
            kind: SignKind::Eip191,
            message,
            key_id: "key-1",
            threshold: 2,
            tid: Nonce::parse("t", "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b").unwrap(),
            job_id: Nonce::parse("j", "0d1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3").unwrap(),
            user_swa: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        }
    }

    #[test]
    fn messages_are_checked_before_sending() {
        assert!(check_message(SignKind::Eip191, "hi").is_ok());
        let e = check_message(SignKind::Eip191, "").unwrap_err();
        assert_eq!(e.to_string(), "message: must not be empty");
        for bad in [
            "",
            "{not json",
            "[]",
            r#"{"types":{},"primaryType":"Mail"}"#,
        ] {
            let e = check_message(SignKind::Eip712, bad).unwrap_err();
            assert!(e.to_string().starts_with("data: "), "{bad}");
        }
        assert!(check_message(
            SignKind::Eip712,
            r#"{"types":{},"primaryType":"Mail","domain":{},"message":{}}"#
        )
        .is_ok());
    }

    #[test]
    fn setup_is_canonical_json() {
        assert_eq!(
            setup_jcs(&req("hi \"you\"\n")),
            concat!(
                r#"{"key_id":"key-1","message":"{\"598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b\":"#,
                r#"{\"requestType\":\"EIP191\",\"signingMessage\":\"hi \\\"you\\\"\\n\"}}","#,
                r#""signAlg":"secp256k1","t":2}"#
            )
        );
    }

    /// The official SDK 1.1.0's generateSignMessagePayload steps (json-canonicalize,
    /// @noble/hashes' sha256, viem's signMessage) for the same tid, key id,
    /// message and session key (tests/diff/userop-vectors.mjs prints them).
    #[test]
    fn challenge_and_session_signature_match_the_official_sdk() {
        let r = req("hello okto");
        assert_eq!(
            challenge(&r),
            "f47ae455ef245b6502a59f6a201cb5ee2b77b7401830543d5a9ccfef15594b5c"
        );
        let key = EthKey::from_hex(
            "k",
            "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        )
        .unwrap();
        assert_eq!(
            hex::encode_prefixed(key.sign_message(session_message(&r).as_bytes())),
            "0x9fdae868013255a4091d6dfada6a26b4296503e90a83506c7225c9755bff6f0e1b5afb27ab66b9b29624f6bfee10a2eb8069bda710b8af1098ca819b37c479c71c"
        );
    }

    #[test]
    fn payload_has_the_documented_shape() {
        let key = EthKey::from_hex(
            "k",
            "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        )
        .unwrap();
        let p = payload(&req("m"), &key).to_json();
        assert!(p.starts_with(r#"{"data":{"userData":{"userSWA":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","jobId":"0d1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3","sessionPk":"0x04"#));
        assert!(p.contains(r#""transactions":[{"transactionId":"598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b","method":"EIP191","signingMessage":"m","userSessionSignature":"0x"#));
    }
}
