//! The `authenticate` payload (PROTOCOL.md §6).

use super::error::{Error, Result};
use super::hex;
use super::json::write_str;
use super::key::{EthKey, Signature65};
use super::nonce::Nonce;
use super::paymaster::paymaster_data;
use alloy_primitives::{keccak256, Address};
use alloy_sol_types::SolValue;

/// The gas price the API template sends for both fee fields ("constant on Okto chain").
pub const AUTH_GAS_PRICE: &str = "0xBA43B7400";

/// How long the paymaster data of an auth payload stays valid: 6 hours.
pub const AUTH_VALIDITY_SECS: u64 = 6 * 60 * 60;

/// The identity providers Okto's `authenticate` accepts.
pub const PROVIDERS: [&str; 5] = ["google", "okto", "client_jwt", "apple", "twitter"];

/// `authData`: who the user is, as proven by an identity provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthData {
    /// The OAuth id token, Okto OTP token or client JWT.
    pub id_token: String,
    /// One of [`PROVIDERS`].
    pub provider: String,
}

impl AuthData {
    /// Checks the provider and that the token is not empty.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `authData.idToken` or `authData.provider`.
    pub fn new(id_token: String, provider: String) -> Result<Self> {
        if id_token.is_empty() {
            return Err(Error::invalid_argument(
                "authData.idToken",
                "must not be empty",
            ));
        }
        if !PROVIDERS.contains(&provider.as_str()) {
            return Err(Error::invalid_argument(
                "authData.provider",
                "must be one of google, okto, client_jwt, apple, twitter",
            ));
        }
        Ok(Self { id_token, provider })
    }
}

/// `sessionData`, in the key order Okto's API template sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionData {
    /// The UUID nonce.
    pub nonce: String,
    /// The client SWA as given.
    pub client_swa: String,
    /// The session public key, `0x04…`.
    pub session_pk: String,
    /// `0xBA43B7400` unless the gas fields are left out.
    pub max_priority_fee_per_gas: Option<&'static str>,
    /// `0xBA43B7400` unless the gas fields are left out.
    pub max_fee_per_gas: Option<&'static str>,
    /// The environment's paymaster, EIP-55.
    pub paymaster: String,
    /// PROTOCOL.md §5 for the same nonce.
    pub paymaster_data: String,
}

/// The whole payload, in PROTOCOL.md §6's key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthenticatePayload {
    /// Who the user is.
    pub auth_data: AuthData,
    /// The session being registered.
    pub session_data: SessionData,
    /// The client key's signature of `keccak(abi.encode(address sessionAddress))`.
    pub session_pk_client_signature: String,
    /// The session key's signature of the same digest.
    pub session_data_user_signature: String,
}

impl AuthenticatePayload {
    /// The payload as `JSON.stringify` would write it, keys in PROTOCOL.md §6's
    /// order (the gas fields only when present).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(1024);
        let field = |out: &mut String, key: &str, value: &str, last: bool| {
            write_str(out, key);
            out.push(':');
            write_str(out, value);
            if !last {
                out.push(',');
            }
        };
        let sd = &self.session_data;
        out.push_str("{\"authData\":{");
        field(&mut out, "idToken", &self.auth_data.id_token, false);
        field(&mut out, "provider", &self.auth_data.provider, true);
        out.push_str("},\"sessionData\":{");
        field(&mut out, "nonce", &sd.nonce, false);
        field(&mut out, "clientSWA", &sd.client_swa, false);
        field(&mut out, "sessionPk", &sd.session_pk, false);
        if let (Some(prio), Some(max)) = (sd.max_priority_fee_per_gas, sd.max_fee_per_gas) {
            field(&mut out, "maxPriorityFeePerGas", prio, false);
            field(&mut out, "maxFeePerGas", max, false);
        }
        field(&mut out, "paymaster", &sd.paymaster, false);
        field(&mut out, "paymasterData", &sd.paymaster_data, true);
        out.push_str("},");
        field(
            &mut out,
            "sessionPkClientSignature",
            &self.session_pk_client_signature,
            false,
        );
        field(
            &mut out,
            "sessionDataUserSignature",
            &self.session_data_user_signature,
            true,
        );
        out.push('}');
        out
    }
}

/// The pieces of a payload whose signatures were made elsewhere (a client
/// signer callback, say). [`AuthParts::assemble`] only arranges them.
pub struct AuthParts {
    /// Who the user is.
    pub auth_data: AuthData,
    /// The nonce shared by the payload and its paymaster data.
    pub nonce: Nonce,
    /// The client SWA as given by the caller.
    pub client_swa: String,
    /// The session public key.
    pub session_pk: [u8; 65],
    /// The paymaster to name.
    pub paymaster: Address,
    /// PROTOCOL.md §5 bytes for `nonce`.
    pub paymaster_data: Vec<u8>,
    /// The client key's signature of [`session_digest`].
    pub client_signature: Signature65,
    /// The session key's signature of [`session_digest`].
    pub user_signature: Signature65,
    /// Whether to send the two constant gas fields.
    pub gas_fields: bool,
}

impl AuthParts {
    /// The payload in PROTOCOL.md §6's shape and key order.
    pub fn assemble(self) -> AuthenticatePayload {
        let gas = self.gas_fields.then_some(AUTH_GAS_PRICE);
        AuthenticatePayload {
            auth_data: self.auth_data,
            session_data: SessionData {
                nonce: self.nonce.to_string(),
                client_swa: with_prefix(&self.client_swa),
                session_pk: hex::encode_prefixed(self.session_pk),
                max_priority_fee_per_gas: gas,
                max_fee_per_gas: gas,
                paymaster: self.paymaster.to_checksum(None),
                paymaster_data: hex::encode_prefixed(self.paymaster_data),
            },
            session_pk_client_signature: hex::encode_prefixed(self.client_signature),
            session_data_user_signature: hex::encode_prefixed(self.user_signature),
        }
    }
}

/// Everything [`build_auth_payload`] needs.
pub struct AuthPayloadInput<'a> {
    /// Who the user is.
    pub auth_data: AuthData,
    /// The new session key.
    pub session: &'a EthKey,
    /// The client SWA, as given by the caller.
    pub client_swa: &'a str,
    /// The client key that signs for the app.
    pub client_key: &'a EthKey,
    /// The paymaster to name.
    pub paymaster: Address,
    /// The nonce shared by the payload and its paymaster data.
    pub nonce: Nonce,
    /// Unix seconds until which the paymaster data is valid.
    pub valid_until: u64,
    /// Whether to send the two constant gas fields (the API template does; the
    /// official SDK 1.1.0 does not).
    pub gas_fields: bool,
}

/// Builds and signs the payload with a local client key.
///
/// # Errors
/// [`Error::InvalidAddress`] for a bad client SWA, [`Error::InvalidArgument`] for a
/// `validUntil` beyond `uint48`.
pub fn build_auth_payload(input: AuthPayloadInput<'_>) -> Result<AuthenticatePayload> {
    let client_swa = hex::parse_address("clientSWA", input.client_swa)?;
    let paymaster_data = paymaster_data(
        client_swa,
        input.client_key,
        &input.nonce,
        input.valid_until,
        0,
    )?;
    let digest = session_digest(input.session.address());
    Ok(AuthParts {
        auth_data: input.auth_data,
        nonce: input.nonce,
        client_swa: input.client_swa.to_owned(),
        session_pk: *input.session.public_key(),
        paymaster: input.paymaster,
        paymaster_data,
        client_signature: input.client_key.sign_message(digest.as_slice()),
        user_signature: input.session.sign_message(digest.as_slice()),
        gas_fields: input.gas_fields,
    }
    .assemble())
}

/// `keccak(abi.encode(address sessionAddress))`: what both payload signatures sign.
pub fn session_digest(session_address: Address) -> alloy_primitives::B256 {
    keccak256(session_address.abi_encode())
}

fn with_prefix(s: &str) -> String {
    if s.starts_with("0x") {
        s.to_owned()
    } else {
        // strip_prefix, not trim_start_matches: a &str pattern there links
        // a Two-Way searcher (~2.5 KB of wasm).
        format!("0x{}", s.strip_prefix("0X").unwrap_or(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    fn anvil(i: usize) -> EthKey {
        // Anvil/Hardhat's published default accounts 0 and 1.
        let keys = [
            hex!("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
            hex!("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
        ];
        EthKey::from_bytes("k", &keys[i]).unwrap()
    }

    fn input<'a>(session: &'a EthKey, client: &'a EthKey, gas: bool) -> AuthPayloadInput<'a> {
        AuthPayloadInput {
            auth_data: AuthData::new("id.token.here".into(), "google".into()).unwrap(),
            session,
            client_swa: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            client_key: client,
            paymaster: crate::core::env::Environment::Sandbox.paymaster(),
            nonce: Nonce::parse("n", "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b").unwrap(),
            valid_until: 1_735_689_600,
            gas_fields: gas,
        }
    }

    #[test]
    fn key_order_and_fields() {
        let (s, c) = (anvil(1), anvil(0));
        let json = build_auth_payload(input(&s, &c, true)).unwrap().to_json();
        let keys: Vec<&str> = [
            "\"authData\"",
            "\"idToken\"",
            "\"provider\"",
            "\"sessionData\"",
            "\"nonce\"",
            "\"clientSWA\"",
            "\"sessionPk\"",
            "\"maxPriorityFeePerGas\"",
            "\"maxFeePerGas\"",
            "\"paymaster\"",
            "\"paymasterData\"",
            "\"sessionPkClientSignature\"",
            "\"sessionDataUserSignature\"",
        ]
        .into_iter()
        .collect();
        let positions: Vec<usize> = keys.iter().map(|k| json.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert!(json.contains("\"maxFeePerGas\":\"0xBA43B7400\""));
        assert!(json.contains("\"paymaster\":\"0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3\""));
        let without = build_auth_payload(input(&s, &c, false)).unwrap().to_json();
        assert!(!without.contains("FeePerGas"));
    }

    /// The session digest for Anvil account 1 (0x7099…79C8), computed with viem:
    /// `keccak256(encodeAbiParameters([{type:'address'}], [addr]))`.
    #[test]
    fn signatures_recover_to_their_keys() {
        let (s, c) = (anvil(1), anvil(0));
        let p = build_auth_payload(input(&s, &c, true)).unwrap();
        let digest = session_digest(s.address());
        assert_eq!(digest, alloy_primitives::B256::from(SESSION_DIGEST_ANVIL1));
        for (sig, key) in [
            (&p.session_pk_client_signature, &c),
            (&p.session_data_user_signature, &s),
        ] {
            let bytes = crate::core::hex::decode_fixed::<65>("sig", sig).unwrap();
            let who =
                crate::core::key::recover_message_signer("sig", digest.as_slice(), &bytes).unwrap();
            assert_eq!(who, key.address());
        }
    }

    const SESSION_DIGEST_ANVIL1: [u8; 32] =
        hex!("7ceb58780fb137bb02223b79c88bc6404f736f8bb4d1f0895d9884122804fb73");

    #[test]
    fn bad_inputs_name_their_field() {
        let e = AuthData::new(String::new(), "google".into()).unwrap_err();
        assert_eq!(e.to_string(), "authData.idToken: must not be empty");
        let e = AuthData::new("t".into(), "github".into()).unwrap_err();
        assert!(e.to_string().starts_with("authData.provider:"));
        let (s, c) = (anvil(1), anvil(0));
        let mut i = input(&s, &c, true);
        i.client_swa = "0x1234";
        assert_eq!(build_auth_payload(i).unwrap_err().code(), "INVALID_ADDRESS");
    }
}
