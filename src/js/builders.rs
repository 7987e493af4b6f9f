//! The pure builders: `generatePaymasterData`, `buildAuthPayload`, `mintAuthToken`.

use super::args;
use super::error::{IntoJs, JsResult};
use super::session::{self, SessionKey};
use crate::core::auth::{self, AuthData, AuthPayloadInput};
use crate::core::env::Environment;
use crate::core::error::{Error, Result};
use crate::core::hex;
use crate::core::key::EthKey;
use crate::core::nonce::Nonce;
use crate::core::paymaster;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Arguments of {@link generatePaymasterData} (PROTOCOL.md §5). */
export interface PaymasterDataArgs {
  /** The client's smart wallet address. */
  clientSWA: string;
  /** The client's 32-byte private key as hex. */
  clientPrivateKey: string;
  /** A UUID, e.g. from `crypto.randomUUID()`. */
  nonce: string;
  /** Unix seconds (uint48). */
  validUntil: number;
  /** Unix seconds (uint48); default 0. */
  validAfter?: number;
}

/** Who the user is, as proven by an identity provider. */
export interface AuthData {
  /** OAuth id token, Okto OTP `auth_token`, or the app's own JWT. */
  idToken: string;
  provider: "google" | "okto" | "client_jwt" | "apple" | "twitter";
}

/** Arguments of {@link buildAuthPayload} (PROTOCOL.md §6). */
export interface BuildAuthPayloadArgs {
  authData: AuthData;
  /** The new session key; it signs `sessionDataUserSignature`. */
  session: SessionKey;
  clientSWA: string;
  clientPrivateKey: string;
  /** Picks the paymaster; default "sandbox". */
  environment?: "sandbox" | "staging" | "production";
  /** Overrides the environment's paymaster. */
  paymasterAddress?: string;
  /** UUID; default a random v4. */
  nonce?: string;
  /** Unix seconds; default now + 6 h. */
  validUntil?: number;
  /** Send the two constant gas fields, as Okto's API template does (default true).
   *  `false` gives the official SDK 1.1.0's shape. */
  gasFields?: boolean;
}

/** The `authenticate` payload, in PROTOCOL.md §6's key order. */
export interface AuthenticatePayload {
  authData: AuthData;
  sessionData: {
    nonce: string;
    clientSWA: string;
    sessionPk: string;
    maxPriorityFeePerGas?: string;
    maxFeePerGas?: string;
    paymaster: string;
    paymasterData: string;
  };
  sessionPkClientSignature: string;
  sessionDataUserSignature: string;
}
"#;

fn client_key(obj: &js_sys::Object) -> Result<EthKey> {
    let text = Zeroizing::new(args::string(obj, "clientPrivateKey", "clientPrivateKey")?);
    EthKey::from_hex("clientPrivateKey", &text)
}

fn opt_nonce(obj: &js_sys::Object) -> Result<Nonce> {
    match args::opt_string(obj, "nonce", "nonce")? {
        Some(s) => Nonce::parse("nonce", &s),
        None => Nonce::random(),
    }
}

/// Paymaster data for an intent or auth payload (PROTOCOL.md §5): 256 bytes of
/// ABI as `0x…` hex, byte-identical to the official SDK's `paymasterData`.
///
/// # Errors
/// Throws `INVALID_ADDRESS`, `INVALID_PRIVATE_KEY`, `INVALID_UUID`, or
/// `INVALID_ARGUMENT` (a time beyond uint48, a missing field), naming the field.
#[wasm_bindgen(js_name = generatePaymasterData)]
pub fn generate_paymaster_data(
    #[wasm_bindgen(unchecked_param_type = "PaymasterDataArgs")] args: JsValue,
) -> JsResult<String> {
    paymaster_data(&args).js()
}

fn paymaster_data(v: &JsValue) -> Result<String> {
    let obj = args::object("args", v)?;
    let swa = hex::parse_address("clientSWA", &args::string(&obj, "clientSWA", "clientSWA")?)?;
    let key = client_key(&obj)?;
    let nonce = Nonce::parse("nonce", &args::string(&obj, "nonce", "nonce")?)?;
    let until = args::opt_time(&obj, "validUntil", "validUntil")?
        .ok_or_else(|| Error::invalid_argument("validUntil", "is required"))?;
    let after = args::opt_time(&obj, "validAfter", "validAfter")?.unwrap_or(0);
    paymaster::paymaster_data(swa, &key, &nonce, until, after).map(hex::encode_prefixed)
}

/// Builds and signs the `authenticate` payload (PROTOCOL.md §6) as a plain
/// object whose keys are in the order Okto expects.
///
/// # Errors
/// Throws `INVALID_ARGUMENT`, `INVALID_ADDRESS`, `INVALID_PRIVATE_KEY` or
/// `INVALID_UUID` naming the bad field; `SESSION_FREED` for a freed session.
#[wasm_bindgen(js_name = buildAuthPayload, unchecked_return_type = "AuthenticatePayload")]
pub fn build_auth_payload(
    #[wasm_bindgen(unchecked_param_type = "BuildAuthPayloadArgs")] args: JsValue,
) -> JsResult<JsValue> {
    let json = auth_payload_json(&args).js()?;
    js_sys::JSON::parse(&json)
}

fn auth_payload_json(v: &JsValue) -> Result<String> {
    let obj = args::object("args", v)?;
    let auth = args::get(&obj, "authData")
        .ok_or_else(|| Error::invalid_argument("authData", "is required"))?;
    let auth = args::object("authData", &auth)?;
    let auth_data = AuthData::new(
        args::string(&auth, "idToken", "authData.idToken")?,
        args::string(&auth, "provider", "authData.provider")?,
    )?;
    let session_id = SessionKey::id_of(
        "session",
        &args::get(&obj, "session")
            .ok_or_else(|| Error::invalid_argument("session", "is required"))?,
    )?;
    let client_swa = args::string(&obj, "clientSWA", "clientSWA")?;
    let key = client_key(&obj)?;
    let environment = match args::opt_string(&obj, "environment", "environment")? {
        Some(e) => Environment::parse("environment", &e)?,
        None => Environment::default(),
    };
    let paymaster = match args::opt_string(&obj, "paymasterAddress", "paymasterAddress")? {
        Some(a) => hex::parse_address("paymasterAddress", &a)?,
        None => environment.paymaster(),
    };
    let nonce = opt_nonce(&obj)?;
    let valid_until = match args::opt_time(&obj, "validUntil", "validUntil")? {
        Some(t) => t,
        None => args::now_floor() + auth::AUTH_VALIDITY_SECS,
    };
    let gas_fields = args::opt_bool(&obj, "gasFields", "gasFields")?.unwrap_or(true);
    let payload = session::with_id(session_id, |session| {
        auth::build_auth_payload(AuthPayloadInput {
            auth_data,
            session,
            client_swa: &client_swa,
            client_key: &key,
            paymaster,
            nonce,
            valid_until,
            gas_fields,
        })
    })??;
    Ok(payload.to_json())
}

/// The Okto auth token for `session` (PROTOCOL.md §7); the same as
/// `session.authToken(expireAt)`.
///
/// # Errors
/// Throws `INVALID_ARGUMENT` for a bad `expireAt` or a non-`SessionKey`,
/// `SESSION_FREED` for a freed session.
#[wasm_bindgen(js_name = mintAuthToken)]
pub fn mint_auth_token(
    #[wasm_bindgen(unchecked_param_type = "SessionKey")] session: JsValue,
    #[wasm_bindgen(js_name = expireAt, unchecked_optional_param_type = "number")]
    expire_at: JsValue,
) -> JsResult<String> {
    SessionKey::id_of("session", &session)
        .and_then(|id| session::mint(id, &expire_at))
        .js()
}
