//! The exported `OktoClient`: login, tokens and the REST explorer over `fetch`.
//! Each method is a thin async shell: it builds a request with `core::wire`,
//! sends it with `transport`, and converts the reply.

use super::args;
use super::error::{to_js, IntoJs, JsResult};
use super::session::SessionKey;
use super::transport::Transport;
use crate::core::auth::{session_digest, AuthData, AuthParts, AUTH_VALIDITY_SECS};
use crate::core::camel::camel_keys;
use crate::core::env::Environment;
use crate::core::error::{Error, Result};
use crate::core::hex;
use crate::core::json::Json;
use crate::core::key::{recover_message_signer, EthKey, Signature65};
use crate::core::nonce::Nonce;
use crate::core::otp::{self, Channel, OtpRequest};
use crate::core::paymaster::{encode_paymaster_data, paymaster_hash};
use crate::core::session::Session;
use crate::core::wire::{self, Method};
use alloy_primitives::Address;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use zeroize::Zeroizing;

/// How `authenticate` (and later `execute`) travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthTransport {
    Rpc,
    Rest,
}

/// Who signs for the app: a key held in wasm, or a callback (a back end).
enum ClientSigner {
    Key(EthKey),
    Callback {
        f: js_sys::Function,
        address: Option<Address>,
    },
    None,
}

pub(crate) struct Inner {
    env: Environment,
    client_swa: String,
    client_swa_addr: Address,
    signer: ClientSigner,
    gateway: String,
    bff: String,
    auth_transport: AuthTransport,
    net: Transport,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    session: Option<Session>,
    chains: Option<Json>,
    user_keys: Option<Json>,
}

fn now_secs() -> u64 {
    // Date.now() is finite and positive in every JS host; `as` saturates anyway.
    (js_sys::Date::now() / 1000.0).round() as u64
}

/// The value to hand back to JS: camelCase keys, as a plain object.
fn to_js_value(v: &Json) -> JsValue {
    js_sys::JSON::parse(&v.to_json()).unwrap_or(JsValue::NULL)
}

fn url_option(obj: &js_sys::Object, key: &'static str) -> Result<Option<String>> {
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

impl Inner {
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
            (Some(k), None) => ClientSigner::Key(EthKey::from_hex("clientPrivateKey", &k)?),
            (None, Some(f)) => {
                let f = f
                    .dyn_into::<js_sys::Function>()
                    .map_err(|_| Error::invalid_argument("clientSigner", "must be a function"))?;
                let address = args::opt_string(&obj, "clientSignerAddress", "clientSignerAddress")?
                    .map(|a| hex::parse_address("clientSignerAddress", &a))
                    .transpose()?;
                ClientSigner::Callback { f, address }
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
        let timeout_ms = match args::get(&obj, "timeoutMs") {
            None => 30_000,
            Some(t) => match t.as_f64() {
                Some(n) if n.fract() == 0.0 && (1.0..=600_000.0).contains(&n) => n as u32,
                _ => {
                    return Err(Error::invalid_argument(
                        "timeoutMs",
                        "must be an integer from 1 to 600000",
                    ))
                }
            },
        };
        let retries = match args::get(&obj, "retries") {
            None => 2,
            Some(t) => match t.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=5.0).contains(&n) => n as u32,
                _ => {
                    return Err(Error::invalid_argument(
                        "retries",
                        "must be an integer from 0 to 5",
                    ))
                }
            },
        };
        let log = match args::get(&obj, "debug") {
            None => None,
            Some(d) if d.as_bool() == Some(false) => None,
            Some(d) if d.as_bool() == Some(true) => {
                let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).ok();
                console
                    .and_then(|c| js_sys::Reflect::get(&c, &"debug".into()).ok())
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            }
            Some(d) => Some(d.dyn_into::<js_sys::Function>().map_err(|_| {
                Error::invalid_argument("debug", "must be a boolean or a function")
            })?),
        };
        Ok(Self {
            env,
            gateway: url_option(&obj, "gatewayUrl")?.unwrap_or_else(|| env.gateway_url().into()),
            bff: url_option(&obj, "bffUrl")?.unwrap_or_else(|| env.bff_url().into()),
            client_swa,
            client_swa_addr,
            signer,
            auth_transport,
            net: Transport {
                timeout_ms,
                retries,
                log,
            },
            state: RefCell::default(),
        })
    }

    /// Signs `bytes` (EIP-191, raw) for the app, locally or through the callback.
    async fn client_sign(&self, field: &'static str, bytes: &[u8]) -> Result<Signature65> {
        match &self.signer {
            ClientSigner::Key(k) => Ok(k.sign_message(bytes)),
            ClientSigner::Callback { f, address } => {
                let bad = |reason: String| Error::invalid_argument("clientSigner", reason);
                let ret = f
                    .call1(
                        &JsValue::NULL,
                        &JsValue::from_str(&hex::encode_prefixed(bytes)),
                    )
                    .map_err(|e| bad(format!("threw: {}", js_message(&e))))?;
                let value = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&ret))
                    .await
                    .map_err(|e| bad(format!("rejected: {}", js_message(&e))))?;
                let text = value
                    .as_string()
                    .ok_or_else(|| bad("must resolve to a hex string".into()))?;
                let sig = hex::decode_fixed::<65>("clientSigner", &text)
                    .map_err(|_| bad("must resolve to a 65-byte signature as hex".into()))?;
                let who = recover_message_signer("clientSigner", bytes, &sig)?;
                if let Some(expected) = address {
                    if who != *expected {
                        return Err(bad(format!(
                            "signature for {field} recovers to {}, not clientSignerAddress {}",
                            who.to_checksum(None),
                            expected.to_checksum(None)
                        )));
                    }
                }
                Ok(sig)
            }
            ClientSigner::None => Err(Error::invalid_argument(
                "clientPrivateKey",
                "this call needs clientPrivateKey or clientSigner in the OktoClient options",
            )),
        }
    }

    fn bearer(&self) -> Result<String> {
        let mut state = self.state.borrow_mut();
        let session = state
            .session
            .as_mut()
            .ok_or_else(|| Error::NotLoggedIn("log in or call setSession() first".into()))?;
        session.bearer(now_secs())
    }

    async fn get(&self, path: &str) -> Result<Json> {
        let req = wire::rest(Method::Get, &self.bff, path, Some(self.bearer()?), None);
        self.net.send(&req).await.map(camel_keys)
    }

    async fn post(&self, path: &str, body: String, authed: bool) -> Result<Json> {
        let bearer = if authed { Some(self.bearer()?) } else { None };
        let req = wire::rest(Method::Post, &self.bff, path, bearer, Some(body));
        self.net.send(&req).await.map(camel_keys)
    }

    /// `GET path`, then `data[key]`, which must be a list.
    async fn get_list(&self, path: &str, key: &str) -> Result<Json> {
        let what = format!("GET {path}");
        let data = self.get(path).await?;
        wire::array(&what, wire::field(&what, data, key)?)
    }

    async fn login(&self, auth_data: AuthData) -> Result<String> {
        let key = EthKey::generate()?;
        let nonce = Nonce::random()?;
        let valid_until = now_secs() + AUTH_VALIDITY_SECS;
        let pm_hash = paymaster_hash(self.client_swa_addr, &nonce, valid_until, 0)?;
        let pm_sig = self
            .client_sign("paymasterData", pm_hash.as_slice())
            .await?;
        let digest = session_digest(key.address());
        let client_signature = self
            .client_sign("sessionPkClientSignature", digest.as_slice())
            .await?;
        let payload = AuthParts {
            auth_data,
            nonce,
            client_swa: self.client_swa.clone(),
            session_pk: *key.public_key(),
            paymaster: self.env.paymaster(),
            paymaster_data: encode_paymaster_data(self.client_swa_addr, valid_until, 0, &pm_sig),
            client_signature,
            user_signature: key.sign_message(digest.as_slice()),
            gas_fields: true,
        }
        .assemble();
        // Serialised from the struct, so the keys keep PROTOCOL.md §6's order.
        let payload = payload.to_json();
        let req = match self.auth_transport {
            AuthTransport::Rpc => wire::rpc(
                &self.gateway,
                "authenticate",
                &format!("[{payload}]"),
                Nonce::random()?.to_string(),
                None,
            ),
            AuthTransport::Rest => wire::rest(
                Method::Post,
                &self.bff,
                "/api/oc/v1/authenticate",
                None,
                Some(payload),
            ),
        };
        let result = self.net.send(&req).await?;
        let bad = |reason: &'static str| Error::BadResponse {
            what: req.what.clone(),
            reason: reason.into(),
        };
        let user_swa = result
            .get("userSWA")
            .and_then(Json::as_str)
            .ok_or_else(|| bad("no userSWA in the authenticate result"))?;
        hex::parse_address("userSWA", user_swa).map_err(|_| bad("userSWA is not an address"))?;
        let expiry = result.get("sessionExpiry").and_then(Json::as_u64);
        let mut state = self.state.borrow_mut();
        state.session = Some(Session::new(key, user_swa.to_owned(), expiry));
        state.user_keys = None;
        Ok(user_swa.to_owned())
    }

    async fn otp(
        &self,
        channel: Channel,
        contact: &str,
        country: &str,
        token: Option<&str>,
        code: Option<&str>,
    ) -> Result<Json> {
        channel.check_contact(contact)?;
        let req = OtpRequest {
            channel,
            contact,
            country,
            token,
            otp: code,
            client_swa: &self.client_swa,
            timestamp_ms: js_sys::Date::now() as u64,
        };
        let data = req.data_json();
        let sig = self
            .client_sign("client_signature", data.as_bytes())
            .await?;
        self.post(channel.path(code.is_some()), otp::body(&data, &sig), false)
            .await
    }

    async fn login_otp(
        &self,
        channel: Channel,
        contact: &str,
        code: &str,
        token: &str,
        country: &str,
    ) -> Result<String> {
        if code.is_empty() {
            return Err(Error::invalid_argument("otp", "must not be empty"));
        }
        if token.is_empty() {
            return Err(Error::invalid_argument("token", "must not be empty"));
        }
        let verified = self
            .otp(channel, contact, country, Some(token), Some(code))
            .await?;
        let auth_token = verified
            .get("authToken")
            .and_then(Json::as_str)
            .ok_or_else(|| Error::BadResponse {
                what: format!("POST {}", channel.path(true)),
                reason: "no auth_token in the verify reply".into(),
            })?
            .to_owned();
        self.login(AuthData::new(auth_token, "okto".into())?).await
    }
}

/// One (non-generic) bridge from a boxed future to a Promise, so that the
/// executor glue is compiled once rather than once per method.
fn promise(fut: std::pin::Pin<Box<dyn Future<Output = Result<JsValue>>>>) -> js_sys::Promise {
    future_to_promise(async move { fut.await.map_err(|e| to_js(&e)) })
}

fn js_message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Talks to Okto for one app (client) and at most one logged-in user.
///
/// Keys stay in wasm memory: the session key is generated here at login and
/// the client key is held here (or signing is delegated to `clientSigner`).
/// Every method that talks to the network returns a Promise that rejects with
/// an `OktoError`.
#[wasm_bindgen]
pub struct OktoClient {
    inner: Rc<Inner>,
}

impl OktoClient {
    fn spawn<F, Fut>(&self, f: F) -> js_sys::Promise
    where
        F: FnOnce(Rc<Inner>) -> Fut,
        Fut: Future<Output = Result<JsValue>> + 'static,
    {
        promise(Box::pin(f(self.inner.clone())))
    }
}

#[wasm_bindgen]
impl OktoClient {
    /// Creates a client. Needs `clientSWA` and either `clientPrivateKey` or
    /// `clientSigner`; see `OktoClientOptions`.
    ///
    /// # Errors
    /// Throws `INVALID_ARGUMENT`, `INVALID_ADDRESS` or `INVALID_PRIVATE_KEY`
    /// naming the bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "OktoClientOptions")] options: JsValue,
    ) -> JsResult<OktoClient> {
        Inner::from_options(&options)
            .map(|inner| Self {
                inner: Rc::new(inner),
            })
            .js()
    }

    /// Logs in with an OAuth id token (or any provider's token): makes a new
    /// session key, signs the auth payload and calls `authenticate`. Resolves
    /// to the user's smart wallet address. A previous session is replaced and
    /// its key zeroized.
    #[wasm_bindgen(js_name = loginUsingOAuth, unchecked_return_type = "Promise<string>")]
    pub fn login_using_oauth(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AuthData")] data: JsValue,
    ) -> js_sys::Promise {
        let auth = args::object("data", &data).and_then(|o| {
            AuthData::new(
                args::string(&o, "idToken", "authData.idToken")?,
                args::string(&o, "provider", "authData.provider")?,
            )
        });
        self.spawn(|inner| async move { inner.login(auth?).await.map(JsValue::from) })
    }

    /// Logs in with a JWT issued by the app's own back end (provider `client_jwt`).
    #[wasm_bindgen(js_name = loginUsingJWTAuthentication, unchecked_return_type = "Promise<string>")]
    pub fn login_using_jwt(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] jwt: JsValue,
    ) -> js_sys::Promise {
        let auth = args::as_string("jwt", &jwt).and_then(|t| AuthData::new(t, "client_jwt".into()));
        self.spawn(|inner| async move { inner.login(auth?).await.map(JsValue::from) })
    }

    /// Sends a one-time password by email or WhatsApp (PROTOCOL.md §10).
    /// Resolves to the server's reply, whose `token` the verify step needs.
    #[wasm_bindgen(js_name = sendOTP, unchecked_return_type = "Promise<OtpSendResponse>")]
    pub fn send_otp(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] contact: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"email\" | \"whatsapp\"")] method: JsValue,
        #[wasm_bindgen(js_name = countryShortName, unchecked_optional_param_type = "string")]
        country: JsValue,
    ) -> js_sys::Promise {
        let parsed = otp_args(&contact, &method, &country);
        self.spawn(|inner| async move {
            let (channel, contact, country) = parsed?;
            inner
                .otp(channel, &contact, &country, None, None)
                .await
                .map(|v| to_js_value(&v))
        })
    }

    /// Sends the one-time password again, with the `token` from `sendOTP`.
    #[wasm_bindgen(js_name = resendOTP, unchecked_return_type = "Promise<OtpSendResponse>")]
    pub fn resend_otp(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] contact: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"email\" | \"whatsapp\"")] method: JsValue,
        #[wasm_bindgen(js_name = countryShortName, unchecked_optional_param_type = "string")]
        country: JsValue,
    ) -> js_sys::Promise {
        let parsed = otp_args(&contact, &method, &country)
            .and_then(|a| Ok((a, args::as_string("token", &token)?)));
        self.spawn(|inner| async move {
            let ((channel, contact, country), token) = parsed?;
            inner
                .otp(channel, &contact, &country, Some(&token), None)
                .await
                .map(|v| to_js_value(&v))
        })
    }

    /// Verifies an email OTP and logs in with the resulting Okto token
    /// (provider `okto`). Resolves to the user's SWA.
    #[wasm_bindgen(js_name = loginUsingEmail, unchecked_return_type = "Promise<string>")]
    pub fn login_using_email(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] otp: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    ) -> js_sys::Promise {
        let parsed = (|| {
            Ok((
                args::as_string("email", &email)?,
                args::as_string("otp", &otp)?,
                args::as_string("token", &token)?,
            ))
        })();
        self.spawn(|inner| async move {
            let (email, otp, token) = parsed?;
            inner
                .login_otp(Channel::Email, &email, &otp, &token, "IN")
                .await
                .map(JsValue::from)
        })
    }

    /// Verifies a WhatsApp OTP and logs in (provider `okto`). Resolves to the
    /// user's SWA. `countryShortName` defaults to `"IN"`, as in the official SDK.
    #[wasm_bindgen(js_name = loginUsingWhatsApp, unchecked_return_type = "Promise<string>")]
    pub fn login_using_whatsapp(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] otp: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(js_name = countryShortName, unchecked_optional_param_type = "string")]
        country: JsValue,
    ) -> js_sys::Promise {
        let parsed = (|| {
            Ok((
                args::as_string("phone", &phone)?,
                args::as_string("otp", &otp)?,
                args::as_string("token", &token)?,
                country_arg(&country)?,
            ))
        })();
        self.spawn(|inner| async move {
            let (phone, otp, token, country) = parsed?;
            inner
                .login_otp(Channel::WhatsApp, &phone, &otp, &token, &country)
                .await
                .map(JsValue::from)
        })
    }

    /// The logged-in user's smart wallet address, or `undefined`.
    #[wasm_bindgen(getter, js_name = userSWA)]
    pub fn user_swa(&self) -> Option<String> {
        self.inner
            .state
            .borrow()
            .session
            .as_ref()
            .map(|s| s.user_swa().to_owned())
    }

    /// The app's smart wallet address, as configured.
    #[wasm_bindgen(getter, js_name = clientSWA)]
    pub fn client_swa(&self) -> String {
        self.inner.client_swa.clone()
    }

    /// When the session ends (unix seconds), as the server said at login.
    #[wasm_bindgen(getter, js_name = sessionExpiry)]
    pub fn session_expiry(&self) -> Option<f64> {
        self.inner
            .state
            .borrow()
            .session
            .as_ref()
            .and_then(Session::expires_at)
            .map(|e| e as f64)
    }

    /// Whether a session is set (it may still have been revoked server-side;
    /// `verifyLogin()` asks the server).
    #[wasm_bindgen(js_name = isLoggedIn)]
    pub fn is_logged_in(&self) -> bool {
        self.inner.state.borrow().session.is_some()
    }

    /// The bearer token for the session (PROTOCOL.md §7), minted in wasm and
    /// reused until less than five minutes of it remain.
    #[wasm_bindgen(js_name = getAuthorizationToken, unchecked_return_type = "Promise<string>")]
    pub fn get_authorization_token(&self) -> js_sys::Promise {
        self.spawn(|inner| async move { inner.bearer().map(JsValue::from) })
    }

    /// Asks the server whether the session is valid for this client and user.
    /// Resolves `false` (and forgets the session) when the server refuses it;
    /// rejects on network errors and 5xx, which say nothing about the session.
    #[wasm_bindgen(js_name = verifyLogin, unchecked_return_type = "Promise<boolean>")]
    pub fn verify_login(&self) -> js_sys::Promise {
        self.spawn(|inner| async move {
            let Some(user) = inner
                .state
                .borrow()
                .session
                .as_ref()
                .map(|s| s.user_swa().to_ascii_lowercase())
            else {
                return Ok(false.into());
            };
            match inner.get("/api/oc/v1/verify-session").await {
                Ok(data) => {
                    let field = |keys: &[&str]| {
                        keys.iter()
                            .find_map(|k| data.get(*k).and_then(Json::as_str))
                            .map(str::to_ascii_lowercase)
                    };
                    let same_user =
                        field(&["userSwa", "userSWA"]).as_deref() == Some(user.as_str());
                    let client = field(&["clientSwa", "clientSWA", "vendorSwa"]);
                    let same_client =
                        client.as_deref() == Some(inner.client_swa.to_ascii_lowercase().as_str());
                    Ok((same_user && same_client).into())
                }
                Err(e @ (Error::Network { .. } | Error::BadResponse { .. })) => Err(e),
                Err(Error::Http { status, .. }) if status >= 500 => Err(Error::Http {
                    what: "GET /api/oc/v1/verify-session".into(),
                    status,
                    message: "the server failed to verify the session".into(),
                    error_code: None,
                    trace_id: None,
                }),
                Err(_) => {
                    inner.state.borrow_mut().session = None;
                    Ok(false.into())
                }
            }
        })
    }

    /// The user's wallets, one per network (`GET /api/oc/v1/wallets`).
    #[wasm_bindgen(js_name = getAccount, unchecked_return_type = "Promise<Wallet[]>")]
    pub fn get_account(&self) -> js_sys::Promise {
        self.spawn(|inner| async move {
            let what = "GET /api/oc/v1/wallets";
            wire::array(what, inner.get("/api/oc/v1/wallets").await?).map(|v| to_js_value(&v))
        })
    }

    /// The networks Okto supports for this app (cached for the client's lifetime).
    #[wasm_bindgen(js_name = getChains, unchecked_return_type = "Promise<Network[]>")]
    pub fn get_chains(&self) -> js_sys::Promise {
        self.spawn(|inner| async move { inner.chains().await.map(|v| to_js_value(&v)) })
    }

    /// The tokens Okto supports (`GET /api/oc/v1/supported/tokens`).
    #[wasm_bindgen(js_name = getTokens, unchecked_return_type = "Promise<Token[]>")]
    pub fn get_tokens(&self) -> js_sys::Promise {
        self.spawn(|inner| async move {
            inner
                .get_list("/api/oc/v1/supported/tokens", "tokens")
                .await
                .map(|v| to_js_value(&v))
        })
    }

    /// The user's aggregated portfolio (`GET /api/oc/v1/aggregated-portfolio`).
    #[wasm_bindgen(js_name = getPortfolio, unchecked_return_type = "Promise<UserPortfolioData>")]
    pub fn get_portfolio(&self) -> js_sys::Promise {
        self.spawn(|inner| async move {
            let data = inner.get("/api/oc/v1/aggregated-portfolio").await?;
            if !data.is_object() {
                return Err(Error::BadResponse {
                    what: "GET /api/oc/v1/aggregated-portfolio".into(),
                    reason: "data is not an object".into(),
                });
            }
            Ok(to_js_value(&data))
        })
    }

    /// The user's portfolio activity (`GET /api/oc/v1/portfolio/activity`).
    #[wasm_bindgen(js_name = getPortfolioActivity, unchecked_return_type = "Promise<UserPortfolioActivity[]>")]
    pub fn get_portfolio_activity(&self) -> js_sys::Promise {
        self.spawn(|inner| async move {
            inner
                .get_list("/api/oc/v1/portfolio/activity", "activity")
                .await
                .map(|v| to_js_value(&v))
        })
    }

    /// The user's NFTs (`GET /api/oc/v1/portfolio/nft`).
    #[wasm_bindgen(js_name = getPortfolioNFT, unchecked_return_type = "Promise<UserNFTBalance[]>")]
    pub fn get_portfolio_nft(&self) -> js_sys::Promise {
        self.spawn(|inner| async move {
            inner
                .get_list("/api/oc/v1/portfolio/nft", "details")
                .await
                .map(|v| to_js_value(&v))
        })
    }

    /// The user's orders, optionally filtered by `intentId`, `status` and
    /// `intentType` (`GET /api/oc/v1/orders`).
    #[wasm_bindgen(js_name = getOrdersHistory, unchecked_return_type = "Promise<Order[]>")]
    pub fn get_orders_history(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "OrderFilterRequest")] filters: JsValue,
    ) -> js_sys::Promise {
        let path = orders_path(&filters);
        self.spawn(|inner| async move {
            inner
                .get_list(&path?, "items")
                .await
                .map(|v| to_js_value(&v))
        })
    }

    /// Reads a contract through Okto (`POST /api/oc/v1/readContractData`);
    /// `payload` is sent as given (see okto-openapi/openapi-explorer.json).
    #[wasm_bindgen(js_name = readContractData, unchecked_return_type = "Promise<ReadContractResponse>")]
    pub fn read_contract_data(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReadContractPayload")] payload: JsValue,
    ) -> js_sys::Promise {
        let body = args::object("payload", &payload).and_then(|o| {
            js_sys::JSON::stringify(&o)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| Error::invalid_argument("payload", "must be JSON-serialisable"))
        });
        self.spawn(|inner| async move {
            inner
                .post("/api/oc/v1/readContractData", body?, true)
                .await
                .map(|v| to_js_value(&v))
        })
    }

    /// The user's MPC key ids and public keys (`GET /api/oc/v1/user-keys`),
    /// cached after the first call.
    #[wasm_bindgen(js_name = getUserKeys, unchecked_return_type = "Promise<UserKeys>")]
    pub fn get_user_keys(&self) -> js_sys::Promise {
        self.spawn(|inner| async move { inner.user_keys().await.map(|v| to_js_value(&v)) })
    }

    /// Adopts a session made elsewhere (restored, or delegated to a back end).
    /// The client keeps its own copy of the key: freeing `session` later does
    /// not log the client out, and `sessionClear()` does not free `session`.
    ///
    /// # Errors
    /// Throws `INVALID_ADDRESS` for a bad `userSWA`, `SESSION_FREED` for a freed key,
    /// `INVALID_ARGUMENT` for a bad `sessionExpiry`.
    #[wasm_bindgen(js_name = setSession)]
    pub fn set_session(
        &self,
        session: &SessionKey,
        #[wasm_bindgen(js_name = userSWA, unchecked_param_type = "string")] user_swa: JsValue,
        #[wasm_bindgen(js_name = sessionExpiry, unchecked_optional_param_type = "number")]
        session_expiry: JsValue,
    ) -> JsResult<()> {
        let adopt = || -> Result<()> {
            let swa = args::as_string("userSWA", &user_swa)?;
            hex::parse_address("userSWA", &swa)?;
            let expiry = if session_expiry.is_undefined() || session_expiry.is_null() {
                None
            } else {
                Some(args::time("sessionExpiry", &session_expiry)?)
            };
            let key = session.with(EthKey::duplicate)?;
            let mut state = self.inner.state.borrow_mut();
            state.session = Some(Session::new(key, swa, expiry));
            state.user_keys = None;
            Ok(())
        };
        adopt().js()
    }

    /// Logs out: forgets the session and zeroizes its key.
    #[wasm_bindgen(js_name = sessionClear)]
    pub fn session_clear(&self) {
        let mut state = self.inner.state.borrow_mut();
        state.session = None;
        state.user_keys = None;
    }
}

impl Inner {
    async fn chains(&self) -> Result<Json> {
        if let Some(c) = self.state.borrow().chains.clone() {
            return Ok(c);
        }
        let chains = self
            .get_list("/api/oc/v1/supported/networks", "network")
            .await?;
        self.state.borrow_mut().chains = Some(chains.clone());
        Ok(chains)
    }

    async fn user_keys(&self) -> Result<Json> {
        if let Some(k) = self.state.borrow().user_keys.clone() {
            return Ok(k);
        }
        let keys = self.get("/api/oc/v1/user-keys").await?;
        if !keys.is_object() {
            return Err(Error::BadResponse {
                what: "GET /api/oc/v1/user-keys".into(),
                reason: "data is not an object".into(),
            });
        }
        self.state.borrow_mut().user_keys = Some(keys.clone());
        Ok(keys)
    }
}

fn country_arg(country: &JsValue) -> Result<String> {
    if country.is_undefined() || country.is_null() {
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

fn otp_args(
    contact: &JsValue,
    method: &JsValue,
    country: &JsValue,
) -> Result<(Channel, String, String)> {
    let contact = args::as_string("contact", contact)?;
    let channel = Channel::parse(&args::as_string("method", method)?)?;
    Ok((channel, contact, country_arg(country)?))
}

fn orders_path(filters: &JsValue) -> Result<String> {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !(filters.is_undefined() || filters.is_null()) {
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
    Ok(format!("/api/oc/v1/orders{}", wire::encode_query(&refs)))
}
