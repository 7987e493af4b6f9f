//! `ClientCore`: the binding for [`crate::core::client::Client`]. The package's
//! `index.js` wraps it in the public `OktoClient` class and does the one
//! thing wasm does not: `fetch`, with timeouts and retries (sans-IO, as
//! matrix-sdk-crypto-wasm hands requests to its host). Each method here only
//! converts values.

use super::args;
use super::error::{IntoJs, JsResult};
use super::session::SessionKey;
use crate::core::auth::AuthData;
use crate::core::client::{AuthTransport, Client, ClientSigner, Config, Outcome, Route};
use crate::core::env::Environment;
use crate::core::error::{Error, Result};
use crate::core::hex;
use crate::core::key::{EthKey, Signature65};
use crate::core::nonce::Nonce;
use crate::core::otp::{Channel, OtpRequest};
use crate::core::redact::redact_json;
use crate::core::session::Session;
use crate::core::wire;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Reflect::set on a plain object we own cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn url_option(obj: &Object, key: &'static str) -> Result<Option<String>> {
    let Some(url) = args::opt_string(obj, key, key)? else {
        return Ok(None);
    };
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(Error::invalid_argument(
            key,
            "must start with http:// or https://",
        ));
    }
    Ok(Some(url.trim_end_matches('/').to_owned()))
}

fn int_option(obj: &Object, key: &'static str, default: u32, min: u32, max: u32) -> Result<u32> {
    match args::get(obj, key) {
        None => Ok(default),
        Some(v) => match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (f64::from(min)..=f64::from(max)).contains(&n) => {
                Ok(n as u32)
            }
            _ => Err(Error::invalid_argument(
                key,
                format!("must be an integer from {min} to {max}"),
            )),
        },
    }
}

/// The state and logic of one `OktoClient`; see the package's `index.js`.
#[wasm_bindgen(skip_typescript)]
pub struct ClientCore {
    pub(super) inner: Client,
    timeout_ms: u32,
    retries: u32,
}

impl ClientCore {
    fn from_options(v: &JsValue) -> Result<Self> {
        let obj = args::object("options", v)?;
        let env = match args::opt_string(&obj, "environment", "environment")? {
            Some(e) => Environment::parse("environment", &e)?,
            None => Environment::default(),
        };
        let client_swa = args::string(&obj, "clientSWA", "clientSWA")?;
        let client_swa_addr = hex::parse_address("clientSWA", &client_swa)?;
        let key =
            args::opt_string(&obj, "clientPrivateKey", "clientPrivateKey")?.map(Zeroizing::new);
        let callback = args::get(&obj, "clientSigner");
        let signer = match (key, callback) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid_argument(
                    "clientSigner",
                    "give clientPrivateKey or clientSigner, not both",
                ))
            }
            (Some(k), None) => {
                ClientSigner::Key(Box::new(EthKey::from_hex("clientPrivateKey", &k)?))
            }
            (None, Some(f)) => {
                if !f.is_function() {
                    return Err(Error::invalid_argument(
                        "clientSigner",
                        "must be a function",
                    ));
                }
                let address = args::opt_string(&obj, "clientSignerAddress", "clientSignerAddress")?
                    .map(|a| hex::parse_address("clientSignerAddress", &a))
                    .transpose()?;
                ClientSigner::Callback { address }
            }
            (None, None) => ClientSigner::None,
        };
        let auth_transport =
            match args::opt_string(&obj, "authTransport", "authTransport")?.as_deref() {
                None | Some("rpc") => AuthTransport::Rpc,
                Some("rest") => AuthTransport::Rest,
                Some(_) => {
                    return Err(Error::invalid_argument(
                        "authTransport",
                        "must be \"rpc\" or \"rest\"",
                    ))
                }
            };
        if let Some(d) = args::get(&obj, "debug") {
            if d.as_bool().is_none() && !d.is_function() {
                return Err(Error::invalid_argument(
                    "debug",
                    "must be a boolean or a function",
                ));
            }
        }
        Ok(Self {
            timeout_ms: int_option(&obj, "timeoutMs", 30_000, 1, 600_000)?,
            retries: int_option(&obj, "retries", 2, 0, 5)?,
            inner: Client::new(Config {
                env,
                gateway: url_option(&obj, "gatewayUrl")?
                    .unwrap_or_else(|| env.gateway_url().into()),
                bff: url_option(&obj, "bffUrl")?.unwrap_or_else(|| env.bff_url().into()),
                client_swa,
                client_swa_addr,
                signer,
                auth_transport,
            }),
        })
    }
}

impl ClientCore {
    /// Sets `key` as the session for `userSWA` (checked), expiring at `expiry`.
    fn adopt(&mut self, key: EthKey, user_swa: &JsValue, expiry: &JsValue) -> Result<()> {
        let swa = args::as_string("userSWA", user_swa)?;
        hex::parse_address("userSWA", &swa)?;
        let expiry = args::opt_time_arg("sessionExpiry", expiry)?;
        self.inner.set_session(Session::new(key, swa, expiry));
        Ok(())
    }
}

pub(super) fn prepared(p: crate::core::client::Prepared) -> JsValue {
    let obj = Object::new();
    set(&obj, "id", &p.id.into());
    let list = js_sys::Array::new();
    for bytes in p.to_sign {
        list.push(&hex::encode_prefixed(bytes).into());
    }
    set(&obj, "toSign", &list);
    obj.into()
}

pub(super) fn json_to_js(v: &crate::core::json::Json) -> JsValue {
    js_sys::JSON::parse(&v.to_json()).unwrap_or(JsValue::NULL)
}

/// The `clientSigner`'s signatures, as the host hands them over.
pub(super) fn signatures(sigs: &JsValue) -> Result<Vec<Signature65>> {
    let mut parsed: Vec<Signature65> = Vec::new();
    if args::absent(sigs) {
        return Ok(parsed);
    }
    let list: &js_sys::Array = sigs
        .dyn_ref()
        .ok_or_else(|| Error::invalid_argument("clientSigner", "signatures must be a list"))?;
    for s in list.iter() {
        let text = s.as_string().ok_or_else(|| {
            Error::invalid_argument("clientSigner", "must resolve to a hex string")
        })?;
        parsed.push(hex::decode_fixed::<65>("clientSigner", &text).map_err(|_| {
            Error::invalid_argument("clientSigner", "must resolve to a 65-byte signature as hex")
        })?);
    }
    Ok(parsed)
}

fn route_of(name: &str, arg: &JsValue) -> Result<Route> {
    Ok(match name {
        "wallets" => Route::Wallets,
        "networks" => Route::Networks,
        "tokens" => Route::Tokens,
        "portfolio" => Route::Portfolio,
        "activity" => Route::Activity,
        "nft" => Route::Nft,
        "userKeys" => Route::UserKeys,
        "verify" => Route::VerifySession,
        "gasValues" => Route::GasValues,
        "orders" => Route::Orders(orders_query(arg)?),
        "readContract" => {
            let obj = args::object("payload", arg)?;
            let body = js_sys::JSON::stringify(&obj)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| Error::invalid_argument("payload", "must be JSON-serialisable"))?;
            Route::ReadContract(body)
        }
        _ => return Err(Error::invalid_argument("route", "unknown explorer route")),
    })
}

fn orders_query(filters: &JsValue) -> Result<String> {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !args::absent(filters) {
        let obj = args::object("filters", filters)?;
        for (key, query, field) in [
            ("intentId", "intent_id", "filters.intentId"),
            ("status", "status", "filters.status"),
            ("intentType", "intent_type", "filters.intentType"),
        ] {
            if let Some(v) = args::opt_string(&obj, key, field)? {
                pairs.push((query, v));
            }
        }
    }
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(wire::encode_query(&refs))
}

fn country_arg(country: &JsValue) -> Result<String> {
    if args::absent(country) {
        return Ok("IN".into());
    }
    let c = args::as_string("countryShortName", country)?;
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(Error::invalid_argument(
            "countryShortName",
            "must be two upper-case letters, e.g. \"IN\"",
        ))
    }
}

fn opt_arg(field: &'static str, v: &JsValue) -> Result<Option<String>> {
    if args::absent(v) {
        return Ok(None);
    }
    let s = args::as_string(field, v)?;
    if s.is_empty() {
        return Err(Error::invalid_argument(field, "must not be empty"));
    }
    Ok(Some(s))
}

#[wasm_bindgen]
impl ClientCore {
    /// Validates the options (see `OktoClientOptions`).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<ClientCore> {
        Self::from_options(&options).js()
    }

    /// Everything the host reads, in one crossing: `{userSWA, clientSWA,
    /// sessionExpiry, environment, timeoutMs, retries}` (`userSWA` and
    /// `sessionExpiry` undefined without a session).
    pub fn state(&self) -> JsValue {
        let obj = Object::new();
        if let Some(session) = self.inner.session() {
            set(&obj, "userSWA", &session.user_swa().into());
            if let Some(e) = session.expires_at() {
                set(&obj, "sessionExpiry", &JsValue::from_f64(e as f64));
            }
        }
        set(
            &obj,
            "clientSWA",
            &self.inner.config.client_swa.as_str().into(),
        );
        set(&obj, "environment", &self.inner.config.env.as_str().into());
        set(&obj, "timeoutMs", &self.timeout_ms.into());
        set(&obj, "retries", &self.retries.into());
        obj.into()
    }

    /// Starts a login; returns `{id, toSign}`.
    #[wasm_bindgen(js_name = prepareLogin)]
    pub fn prepare_login(&mut self, data: JsValue) -> JsResult<JsValue> {
        let auth = args::object("authData", &data)
            .and_then(|o| {
                AuthData::new(
                    args::string(&o, "idToken", "authData.idToken")?,
                    args::string(&o, "provider", "authData.provider")?,
                )
            })
            .js()?;
        self.inner
            .prepare_login(auth, args::now_round())
            .map(prepared)
            .js()
    }

    /// Starts an OTP send (`token`, `otp` absent), resend (`token`) or verify.
    #[wasm_bindgen(js_name = prepareOtp)]
    pub fn prepare_otp(
        &mut self,
        method: JsValue,
        contact: JsValue,
        country: JsValue,
        token: JsValue,
        otp: JsValue,
    ) -> JsResult<JsValue> {
        let mut run = || -> Result<JsValue> {
            let channel = Channel::parse(&args::as_string("method", &method)?)?;
            let contact = args::as_string("contact", &contact)?;
            let country = country_arg(&country)?;
            let token = opt_arg("token", &token)?;
            let otp = opt_arg("otp", &otp)?;
            let client_swa = self.inner.config.client_swa.clone();
            let req = OtpRequest {
                channel,
                contact: &contact,
                country: &country,
                token: token.as_deref(),
                otp: otp.as_deref(),
                client_swa: &client_swa,
                timestamp_ms: js_sys::Date::now() as u64,
            };
            self.inner.prepare_otp(&req).map(prepared)
        };
        run().js()
    }

    /// Starts an explorer call: `wallets`, `networks`, `tokens`, `portfolio`,
    /// `activity`, `nft`, `orders` (arg: filters), `userKeys`, `verify`,
    /// `readContract` (arg: payload).
    #[wasm_bindgen(js_name = prepareRoute)]
    pub fn prepare_route(&mut self, name: &str, arg: JsValue) -> JsResult<JsValue> {
        let route = route_of(name, &arg).js()?;
        self.inner.prepare_route(route).map(prepared).js()
    }

    /// The cached result of `networks` or `userKeys`, else `undefined`.
    pub fn cached(&self, name: &str) -> JsValue {
        route_of(name, &JsValue::UNDEFINED)
            .ok()
            .and_then(|r| self.inner.cached(&r).map(json_to_js))
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// The request for a prepared call: `{method, url, headers, body, retryable, what}`.
    /// `sigs` are the `clientSigner`'s signatures of `toSign`, in order.
    pub fn request(&mut self, id: u32, sigs: JsValue) -> JsResult<JsValue> {
        let mut run = || -> Result<JsValue> {
            let parsed = signatures(&sigs)?;
            let req = match self
                .inner
                .request(id, &parsed, args::now_round(), Nonce::random()?)
            {
                Ok(r) => r,
                Err(e) => {
                    self.inner.cancel(id);
                    return Err(e);
                }
            };
            let obj = Object::new();
            let headers = Object::new();
            if req.body.is_some() {
                set(&headers, "Content-Type", &"application/json".into());
            }
            if let Some(t) = &req.bearer {
                set(&headers, "Authorization", &format!("Bearer {t}").into());
            }
            set(&obj, "method", &req.method.as_str().into());
            set(&obj, "url", &req.url.as_str().into());
            set(&obj, "headers", &headers);
            if let Some(b) = &req.body {
                set(&obj, "body", &b.as_str().into());
            }
            set(&obj, "retryable", &req.retryable().into());
            set(&obj, "what", &req.what.as_str().into());
            Ok(obj.into())
        };
        run().js()
    }

    /// Finishes a call from the reply's status and text.
    pub fn finish(&mut self, id: u32, status: u16, text: &str) -> JsResult<JsValue> {
        match self.inner.finish(id, status, text).js()? {
            Outcome::UserSwa(s) => Ok(s.into()),
            Outcome::Data(d) => Ok(json_to_js(&d)),
            Outcome::Bool(b) => Ok(b.into()),
            Outcome::Text(t) => Ok(t.into()),
        }
    }

    /// Drops a prepared call that will not complete.
    pub fn cancel(&mut self, id: u32) {
        self.inner.cancel(id);
    }

    /// A JSON text with tokens, signatures and OTPs redacted, for debug logs.
    pub fn redact(&self, text: &str) -> String {
        redact_json(text)
    }

    /// The bearer token, minted in wasm and reused until 5 minutes remain.
    pub fn bearer(&mut self) -> JsResult<String> {
        self.inner.bearer(args::now_round()).js()
    }

    /// Adopts a copy of `session`'s key for `userSWA`.
    #[wasm_bindgen(js_name = setSession)]
    pub fn set_session(
        &mut self,
        session: JsValue,
        user_swa: JsValue,
        expiry: JsValue,
    ) -> JsResult<()> {
        let mut run = || -> Result<()> {
            let id = SessionKey::id_of("session", &session)?;
            let key = super::session::with_id(id, EthKey::duplicate)?;
            self.adopt(key, &user_swa, &expiry)
        };
        run().js()
    }

    /// The session key's 32 raw bytes, for `saveSession` to encrypt with
    /// WebCrypto; the caller wipes the array as soon as it is encrypted.
    #[wasm_bindgen(js_name = sessionKeyBytes)]
    pub fn session_key_bytes(&self) -> JsResult<js_sys::Uint8Array> {
        let session = self
            .inner
            .session()
            .ok_or_else(|| Error::NotLoggedIn("no session to save".into()))
            .js()?;
        Ok(js_sys::Uint8Array::from(
            &session.key().to_secret_bytes()[..],
        ))
    }

    /// Checks a stored session's metadata (`SESSION_MISMATCH`, `SESSION_EXPIRED`).
    #[wasm_bindgen(js_name = checkStored)]
    pub fn check_stored(
        &self,
        client_swa: JsValue,
        environment: JsValue,
        expiry: JsValue,
    ) -> JsResult<()> {
        let run = || -> Result<()> {
            let swa = args::as_string("record.clientSWA", &client_swa)?;
            let env = args::as_string("record.environment", &environment)?;
            let expiry = args::opt_time_arg("record.sessionExpiry", &expiry)?;
            self.inner
                .check_stored(&swa, &env, expiry, args::now_round())
        };
        run().js()
    }

    /// Restores a decrypted session: the bytes are copied into wasm and the
    /// JS array is wiped before this returns.
    #[wasm_bindgen(js_name = restoreSession)]
    pub fn restore_session(
        &mut self,
        bytes: js_sys::Uint8Array,
        user_swa: JsValue,
        expiry: JsValue,
    ) -> JsResult<()> {
        let mut raw = Zeroizing::new([0u8; 32]);
        let ok = bytes.length() == 32;
        if ok {
            bytes.copy_to(&mut raw[..]);
        }
        bytes.fill(0, 0, bytes.length());
        let mut run = || -> Result<()> {
            if !ok {
                return Err(Error::SessionTampered);
            }
            let key = EthKey::from_bytes("session", &raw[..])?;
            self.adopt(key, &user_swa, &expiry)
        };
        run().js()
    }

    /// Logs out and zeroizes the session key.
    #[wasm_bindgen(js_name = sessionClear)]
    pub fn session_clear(&mut self) {
        self.inner.clear_session();
    }
}
