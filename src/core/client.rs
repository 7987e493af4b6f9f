//! The client as a sans-IO state machine (the shape matrix-sdk-crypto-wasm
//! uses): every call is *prepared* here (what the client key must sign),
//! turned into a [`Request`] once signed, and *finished* here from the
//! reply's status and text. The host (the package's `index.js`) only calls
//! `fetch`, waits, and calls back. All logic is here and tested natively.

use super::auth::{session_digest, AuthData, AuthParts, AUTH_VALIDITY_SECS};
use super::camel::camel_keys;
use super::env::Environment;
use super::error::{Error, Result};
use super::hex;
use super::json::Json;
use super::key::{recover_message_signer, EthKey, Signature65};
use super::mpc::{self, SignKind, SignRequest};
use super::nonce::Nonce;
use super::otp::{self, Channel, OtpRequest};
use super::paymaster::{encode_paymaster_data, paymaster_hash};
use super::session::Session;
use super::userop::{self, ChainPolicy, GasPrice, Intent, OpContext, UserOp};
use super::wire::{self, Method, Request};
use alloy_primitives::Address;

/// A user op's `paymasterData` is valid for 6 hours (PROTOCOL.md §9).
pub const USEROP_VALIDITY_SECS: u64 = 6 * 3600;

/// How `authenticate` travels (PROTOCOL.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthTransport {
    /// JSON-RPC to `{gateway}/rpc` (the default, as the API overview).
    Rpc,
    /// REST to `{bff}/api/oc/v1/authenticate`.
    Rest,
}

/// Who signs for the app.
pub enum ClientSigner {
    /// A key held in wasm memory.
    Key(Box<EthKey>),
    /// A callback in the host; its signatures must recover to `address` when given.
    Callback {
        /// The address the callback's signatures must recover to.
        address: Option<Address>,
    },
    /// None: calls that need the client's signature fail.
    None,
}

/// The client's fixed settings.
pub struct Config {
    /// Picks the paymaster and default hosts.
    pub env: Environment,
    /// The client SWA as given.
    pub client_swa: String,
    /// The client SWA, parsed.
    pub client_swa_addr: Address,
    /// Who signs for the app.
    pub signer: ClientSigner,
    /// The JSON-RPC gateway's base URL.
    pub gateway: String,
    /// The REST BFF's base URL.
    pub bff: String,
    /// How `authenticate` travels.
    pub auth_transport: AuthTransport,
}

/// A REST read (or contract read) the explorer offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `GET wallets` → list.
    Wallets,
    /// `GET supported/networks` → `network` list (cached).
    Networks,
    /// `GET supported/tokens` → `tokens` list.
    Tokens,
    /// `GET aggregated-portfolio` → object.
    Portfolio,
    /// `GET portfolio/activity` → `activity` list.
    Activity,
    /// `GET portfolio/nft` → `details` list.
    Nft,
    /// `GET orders?…` → `items` list; the query string.
    Orders(String),
    /// `GET user-keys` → object (cached).
    UserKeys,
    /// `GET verify-session` → whether the session is this client's and user's.
    VerifySession,
    /// `POST readContractData` with this JSON body.
    ReadContract(String),
    /// `GET gas-values` → `{maxFeePerGas, maxPriorityFeePerGas}`.
    GasValues,
    /// `POST estimate` with this JSON body → object.
    Estimate(String),
    /// `execute` (JSON-RPC or REST, per `authTransport`) of this signed user op → job id.
    Execute(String),
    /// `signMessage` (JSON-RPC or REST) of this payload → `0x` signature for `tid`.
    SignMessage {
        /// The payload's JSON text.
        body: String,
        /// The transaction id whose signature the caller gets.
        tid: String,
    },
}

impl Route {
    fn path(&self) -> String {
        let p = match self {
            Route::Wallets => "wallets",
            Route::Networks => "supported/networks",
            Route::Tokens => "supported/tokens",
            Route::Portfolio => "aggregated-portfolio",
            Route::Activity => "portfolio/activity",
            Route::Nft => "portfolio/nft",
            Route::Orders(q) => return format!("/api/oc/v1/orders{q}"),
            Route::UserKeys => "user-keys",
            Route::VerifySession => "verify-session",
            Route::ReadContract(_) => "readContractData",
            Route::GasValues => "gas-values",
            Route::Estimate(_) => "estimate",
            Route::Execute(_) => "execute",
            Route::SignMessage { .. } => "signMessage",
        };
        format!("/api/oc/v1/{p}")
    }

    /// The list inside `data` that the caller gets, if any.
    fn list_key(&self) -> Option<&'static str> {
        match self {
            Route::Networks => Some("network"),
            Route::Tokens => Some("tokens"),
            Route::Activity => Some("activity"),
            Route::Nft => Some("details"),
            Route::Orders(_) => Some("items"),
            _ => None,
        }
    }
}

enum Op {
    Login {
        key: EthKey,
        nonce: Nonce,
        valid_until: u64,
        auth_data: AuthData,
        digests: [[u8; 32]; 2],
    },
    LoginSent {
        key: EthKey,
        what: String,
        envelope: wire::Envelope,
    },
    Otp {
        channel: Channel,
        verify: bool,
        data_json: String,
    },
    Route(Route),
    RouteSent {
        route: Route,
        probe: Request,
    },
    Intent {
        intent: Intent,
        fee_payer: Address,
        nonce: Nonce,
        valid_until: u64,
        digest: [u8; 32],
        estimate: bool,
    },
}

/// What a prepared call needs before it can be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The handle for [`Client::request`] and [`Client::finish`].
    pub id: u32,
    /// Bytes the host's `clientSigner` must sign (EIP-191, raw), in order.
    /// Empty when the client key is local or nothing needs the client.
    pub to_sign: Vec<Vec<u8>>,
}

/// What a finished call gives the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The user's SWA, after a login.
    UserSwa(String),
    /// Reply data, camelCased.
    Data(Json),
    /// `verifyLogin`'s answer.
    Bool(bool),
    /// A job id or a signature.
    Text(String),
}

/// One app's client and at most one logged-in user.
pub struct Client {
    /// The fixed settings.
    pub config: Config,
    session: Option<Session>,
    chains: Option<Json>,
    user_keys: Option<Json>,
    gas: Option<GasPrice>,
    ops: Vec<(u32, Op)>,
    next_id: u32,
}

/// At most this many calls may be in flight on one client.
pub const MAX_PENDING: usize = 64;

impl Client {
    /// A client with no session.
    pub fn new(config: Config) -> Self {
        Self {
            config,
            session: None,
            chains: None,
            user_keys: None,
            gas: None,
            ops: Vec::new(),
            next_id: 1,
        }
    }

    fn push(&mut self, op: Op, to_sign: Vec<Vec<u8>>) -> Result<Prepared> {
        if self.ops.len() >= MAX_PENDING {
            return Err(Error::invalid_argument(
                "client",
                "too many calls in flight",
            ));
        }
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1).max(1);
        self.ops.push((id, op));
        let to_sign = match self.config.signer {
            ClientSigner::Callback { .. } => to_sign,
            _ => Vec::new(),
        };
        Ok(Prepared { id, to_sign })
    }

    fn take(&mut self, id: u32) -> Result<Op> {
        let i = self
            .ops
            .iter()
            .position(|(i, _)| *i == id)
            .ok_or_else(|| Error::invalid_argument("id", "no such call in flight"))?;
        Ok(self.ops.swap_remove(i).1)
    }

    /// Drops a prepared call that will not be sent (its session key, if any, is zeroized).
    pub fn cancel(&mut self, id: u32) {
        self.ops.retain(|(i, _)| *i != id);
    }

    /// Whether a session is set.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Adopts a session (its key is the caller's copy).
    pub fn set_session(&mut self, session: Session) {
        self.session = Some(session);
        self.user_keys = None;
    }

    /// Logs out: the session key is dropped and so zeroized.
    pub fn clear_session(&mut self) {
        self.session = None;
        self.user_keys = None;
    }

    /// Checks a stored session's metadata before its key is decrypted: it must
    /// be this client's and environment's, and not expired at `now`.
    ///
    /// # Errors
    /// `SESSION_MISMATCH`, `SESSION_EXPIRED`.
    pub fn check_stored(
        &self,
        client_swa: &str,
        environment: &str,
        expires_at: Option<u64>,
        now: u64,
    ) -> Result<()> {
        let ours =
            hex::parse_address("clientSWA", client_swa).ok() == Some(self.config.client_swa_addr);
        if !ours || environment != self.config.env.as_str() {
            return Err(Error::SessionMismatch {
                what: format!("client {client_swa} on {environment}"),
            });
        }
        match expires_at {
            Some(expired_at) if now >= expired_at => Err(Error::SessionExpired { expired_at }),
            _ => Ok(()),
        }
    }

    /// The cached chain list, if fetched already.
    pub fn cached(&self, route: &Route) -> Option<&Json> {
        match route {
            Route::Networks => self.chains.as_ref(),
            Route::UserKeys => self.user_keys.as_ref(),
            _ => None,
        }
    }

    /// The bearer token at `now` (PROTOCOL.md §7), reused while 5 minutes remain.
    ///
    /// # Errors
    /// `NOT_LOGGED_IN`, `SESSION_EXPIRED`.
    pub fn bearer(&mut self, now: u64) -> Result<String> {
        self.session
            .as_mut()
            .ok_or_else(|| Error::NotLoggedIn("log in or call setSession() first".into()))?
            .bearer(now)
    }

    fn sign(
        &self,
        field: &'static str,
        bytes: &[u8],
        given: Option<&Signature65>,
    ) -> Result<Signature65> {
        match (&self.config.signer, given) {
            (ClientSigner::Key(k), _) => Ok(k.sign_message(bytes)),
            (ClientSigner::Callback { address }, Some(sig)) => {
                let who = recover_message_signer("clientSigner", bytes, sig)?;
                match address {
                    Some(want) if *want != who => Err(Error::invalid_argument(
                        "clientSigner",
                        format!(
                            "the signature for {field} recovers to {}, not clientSignerAddress {}",
                            who.to_checksum(None),
                            want.to_checksum(None)
                        ),
                    )),
                    _ => Ok(*sig),
                }
            }
            (ClientSigner::Callback { .. }, None) => Err(Error::invalid_argument(
                "clientSigner",
                format!("no signature was given for {field}"),
            )),
            (ClientSigner::None, _) => Err(Error::invalid_argument(
                "clientPrivateKey",
                "this call needs clientPrivateKey or clientSigner in the OktoClient options",
            )),
        }
    }

    /// Starts a login: a new session key, a nonce, and the two digests the
    /// client key signs (paymaster data, then the session address).
    ///
    /// # Errors
    /// `RANDOM_UNAVAILABLE`; `INVALID_ARGUMENT` when no client signer is configured.
    pub fn prepare_login(&mut self, auth_data: AuthData, now: u64) -> Result<Prepared> {
        if matches!(self.config.signer, ClientSigner::None) {
            return Err(Error::invalid_argument(
                "clientPrivateKey",
                "login needs clientPrivateKey or clientSigner in the OktoClient options",
            ));
        }
        let key = EthKey::generate()?;
        let nonce = Nonce::random()?;
        let valid_until = now + AUTH_VALIDITY_SECS;
        let pm = paymaster_hash(self.config.client_swa_addr, &nonce, valid_until, 0)?;
        let sd = session_digest(key.address());
        let digests = [pm.0, sd.0];
        self.push(
            Op::Login {
                key,
                nonce,
                valid_until,
                auth_data,
                digests,
            },
            digests.iter().map(|d| d.to_vec()).collect(),
        )
    }

    /// Starts an OTP send, resend (with `token`) or verify (with `token` and `code`).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for a bad contact or no client signer.
    pub fn prepare_otp(&mut self, req: &OtpRequest<'_>) -> Result<Prepared> {
        req.channel.check_contact(req.contact)?;
        if matches!(self.config.signer, ClientSigner::None) {
            return Err(Error::invalid_argument(
                "clientPrivateKey",
                "OTP needs clientPrivateKey or clientSigner in the OktoClient options",
            ));
        }
        let data_json = req.data_json();
        let to_sign = vec![data_json.clone().into_bytes()];
        self.push(
            Op::Otp {
                channel: req.channel,
                verify: req.otp.is_some(),
                data_json,
            },
            to_sign,
        )
    }

    /// Starts an explorer call.
    ///
    /// # Errors
    /// `NOT_LOGGED_IN` without a session.
    pub fn prepare_route(&mut self, route: Route) -> Result<Prepared> {
        if self.session.is_none() {
            return Err(Error::NotLoggedIn(
                "log in or call setSession() first".into(),
            ));
        }
        self.push(Op::Route(route), Vec::new())
    }

    fn logged_in(&self) -> Result<&Session> {
        self.session
            .as_ref()
            .ok_or_else(|| Error::NotLoggedIn("log in or call setSession() first".into()))
    }

    /// Starts an intent (PROTOCOL.md §9): checks the session and the recipient,
    /// draws the nonce, and asks for the paymaster signature. The host then
    /// makes sure `supported/networks` is cached and fetches `gas-values`, and
    /// calls [`Client::user_op`] (or [`Client::request`] for an estimate).
    ///
    /// # Errors
    /// `NOT_LOGGED_IN`, `SELF_TRANSFER`, `RANDOM_UNAVAILABLE`; `INVALID_ARGUMENT`
    /// without a client signer.
    pub fn prepare_intent(
        &mut self,
        intent: Intent,
        fee_payer: Address,
        nonce: Option<Nonce>,
        now: u64,
        estimate: bool,
    ) -> Result<Prepared> {
        let user = self.logged_in()?.user_swa();
        if let Intent::Raw { transactions, .. } = &intent {
            if transactions
                .iter()
                .any(|t| !t.from.eq_ignore_ascii_case(user))
            {
                return Err(Error::invalid_argument(
                    "transaction.from",
                    "must be the logged-in user's smart wallet address (userSWA)",
                ));
            }
        }
        if let Some(to) = intent.recipient() {
            if to.eq_ignore_ascii_case(user) {
                let field = match intent {
                    Intent::Token { .. } => "recipient",
                    _ => "recipientWalletAddress",
                };
                return Err(Error::SelfTransfer {
                    field: field.into(),
                });
            }
        }
        if matches!(self.config.signer, ClientSigner::None) {
            return Err(Error::invalid_argument(
                "clientPrivateKey",
                "intents need clientPrivateKey or clientSigner in the OktoClient options (for paymasterData)",
            ));
        }
        let nonce = match nonce {
            Some(n) => n,
            None => Nonce::random()?,
        };
        let valid_until = now + USEROP_VALIDITY_SECS;
        let digest = paymaster_hash(self.config.client_swa_addr, &nonce, valid_until, 0)?.0;
        self.push(
            Op::Intent {
                intent,
                fee_payer,
                nonce,
                valid_until,
                digest,
                estimate,
            },
            vec![digest.to_vec()],
        )
    }

    /// The chain of an intent from the cached `supported/networks`.
    fn intent_chain(&self, intent: &Intent) -> Result<ChainPolicy> {
        let networks = self.chains.as_ref().ok_or_else(|| {
            Error::invalid_argument("id", "supported/networks must be fetched first")
        })?;
        let chain = ChainPolicy::find(networks, intent.caip2_id())?;
        match intent {
            Intent::Raw { .. } if !chain.is_evm() => {
                return Err(Error::invalid_argument(
                    "caip2Id",
                    format!(
                        "{} is not an EVM chain: raw transactions need an eip155: chain",
                        intent.caip2_id()
                    ),
                ))
            }
            // On EVM chains, addresses are 20 bytes (and checksummed when mixed-case).
            Intent::Token {
                recipient, token, ..
            } if chain.is_evm() => {
                hex::parse_address("recipient", recipient)?;
                if !token.is_empty() {
                    hex::parse_address("token", token)?;
                }
            }
            Intent::Nft {
                recipient,
                collection,
                ..
            } if chain.is_evm() => {
                hex::parse_address("recipientWalletAddress", recipient)?;
                hex::parse_address("collectionAddress", collection)?;
            }
            _ => {}
        }
        Ok(chain)
    }

    /// What a built or estimated intent needs from the fetched inputs: its
    /// chain (checked), the gas prices, and `paymasterData` (PROTOCOL.md §5)
    /// signed over the digest made at prepare time.
    fn intent_inputs(
        &self,
        intent: &Intent,
        valid_until: u64,
        digest: &[u8; 32],
        given: Option<&Signature65>,
    ) -> Result<(ChainPolicy, GasPrice, Vec<u8>)> {
        let chain = self.intent_chain(intent)?;
        let gas = self
            .gas
            .clone()
            .ok_or_else(|| Error::invalid_argument("id", "gas-values must be fetched first"))?;
        let sig = self.sign("paymasterData", digest, given)?;
        let paymaster_data =
            encode_paymaster_data(self.config.client_swa_addr, valid_until, 0, &sig);
        Ok((chain, gas, paymaster_data))
    }

    /// Finishes an intent into its unsigned user op (the official SDK's JSON).
    ///
    /// # Errors
    /// `UNSUPPORTED_CHAIN`; `INVALID_ARGUMENT` for a raw transaction on a
    /// non-EVM chain or a missing or wrong `clientSigner` signature.
    pub fn user_op(&mut self, id: u32, sigs: &[Signature65]) -> Result<Json> {
        let Op::Intent {
            intent,
            fee_payer,
            nonce,
            valid_until,
            digest,
            estimate: false,
        } = self.take(id)?
        else {
            return Err(Error::invalid_argument("id", "not an intent being built"));
        };
        let (chain, gas, paymaster_data) =
            self.intent_inputs(&intent, valid_until, &digest, sigs.first())?;
        let session = self.logged_in()?;
        let user_swa = hex::parse_address("userSWA", session.user_swa())?;
        let ctx = OpContext {
            job_manager: self.config.env.job_manager(),
            client_swa: self.config.client_swa_addr,
            user_swa,
            fee_payer,
            chain: &chain,
            nonce,
        };
        Ok(userop::user_op_json(
            &ctx,
            &intent,
            session.user_swa(),
            self.config.env.paymaster(),
            &gas,
            &paymaster_data,
        ))
    }

    /// The session key's signature of a user op (PROTOCOL.md §9), as `0x` hex.
    ///
    /// # Errors
    /// `NOT_LOGGED_IN`, or the bad field of `op`.
    pub fn sign_user_op(&self, op: &Json) -> Result<String> {
        let session = self.logged_in()?;
        let op = UserOp::from_json(op)?;
        let env = self.config.env;
        Ok(hex::encode_prefixed(op.sign(
            session.key(),
            env.entry_point(),
            env.chain_id(),
        )))
    }

    /// Starts `execute` for a signed user op.
    ///
    /// # Errors
    /// `NOT_LOGGED_IN`; the bad field of the op, including a missing signature.
    pub fn prepare_execute(&mut self, op: &Json) -> Result<Prepared> {
        self.logged_in()?;
        UserOp::from_json(op)?;
        match op.get("signature").and_then(Json::as_str) {
            Some(sig) => {
                hex::decode_fixed::<65>("userOp.signature", sig)?;
            }
            None => {
                return Err(Error::invalid_argument(
                    "userOp.signature",
                    "is missing: sign the op with signUserOp() first",
                ))
            }
        }
        self.push(Op::Route(Route::Execute(op.to_json())), Vec::new())
    }

    /// Starts an MPC `signMessage` (PROTOCOL.md §11); `getUserKeys` must have run.
    ///
    /// # Errors
    /// `NOT_LOGGED_IN`, `RANDOM_UNAVAILABLE`; `INVALID_ARGUMENT` for an empty
    /// message, typed data that is not EIP-712's shape, or user keys not cached.
    pub fn prepare_sign(&mut self, kind: SignKind, message: &str) -> Result<Prepared> {
        let session = self.logged_in()?;
        mpc::check_message(kind, message)?;
        let key_id = self
            .user_keys
            .as_ref()
            .and_then(|k| k.get("ecdsaKeyId"))
            .and_then(Json::as_str)
            .ok_or_else(|| Error::invalid_argument("id", "user-keys must be fetched first"))?;
        let tid = Nonce::random()?;
        let req = SignRequest {
            kind,
            message,
            key_id,
            threshold: self.config.env.mpc_threshold(),
            tid,
            job_id: Nonce::random()?,
            user_swa: session.user_swa(),
        };
        let body = mpc::payload(&req, session.key()).to_json();
        let route = Route::SignMessage {
            body,
            tid: tid.to_string(),
        };
        self.push(Op::Route(route), Vec::new())
    }

    /// The request for a prepared call, signed with the local key or with
    /// `sigs` from the host's `clientSigner` (in `to_sign`'s order).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for a missing or wrong signature (the call is dropped),
    /// `NOT_LOGGED_IN`/`SESSION_EXPIRED` for an explorer call.
    pub fn request(
        &mut self,
        id: u32,
        sigs: &[Signature65],
        now: u64,
        rpc_id: Nonce,
    ) -> Result<Request> {
        let op = self.take(id)?;
        match op {
            Op::Login {
                key,
                nonce,
                valid_until,
                auth_data,
                digests,
            } => {
                let pm_sig = self.sign("paymasterData", &digests[0], sigs.first())?;
                let client_signature =
                    self.sign("sessionPkClientSignature", &digests[1], sigs.get(1))?;
                let payload = AuthParts {
                    auth_data,
                    nonce,
                    client_swa: self.config.client_swa.clone(),
                    session_pk: *key.public_key(),
                    paymaster: self.config.env.paymaster(),
                    paymaster_data: encode_paymaster_data(
                        self.config.client_swa_addr,
                        valid_until,
                        0,
                        &pm_sig,
                    ),
                    client_signature,
                    user_signature: key.sign_message(&digests[1]),
                    gas_fields: true,
                }
                .assemble()
                .to_json();
                let req = match self.config.auth_transport {
                    AuthTransport::Rpc => wire::rpc(
                        &self.config.gateway,
                        "authenticate",
                        &format!("[{payload}]"),
                        rpc_id.to_string(),
                        None,
                    ),
                    AuthTransport::Rest => wire::rest(
                        Method::Post,
                        &self.config.bff,
                        "/api/oc/v1/authenticate",
                        None,
                        Some(payload),
                    ),
                };
                self.ops.push((
                    id,
                    Op::LoginSent {
                        key,
                        what: req.what.clone(),
                        envelope: req.envelope.clone(),
                    },
                ));
                Ok(req)
            }
            Op::Otp {
                channel,
                verify,
                data_json,
            } => {
                let sig = self.sign("client_signature", data_json.as_bytes(), sigs.first())?;
                let req = wire::rest(
                    Method::Post,
                    &self.config.bff,
                    channel.path(verify),
                    None,
                    Some(otp::body(&data_json, &sig)),
                );
                self.ops.push((
                    id,
                    Op::Otp {
                        channel,
                        verify,
                        data_json,
                    },
                ));
                Ok(req)
            }
            Op::Route(route) => self.send_route(id, route, now, rpc_id),
            Op::Intent {
                intent,
                fee_payer,
                nonce,
                valid_until,
                digest,
                estimate: true,
            } => {
                let (_, gas, pm) =
                    self.intent_inputs(&intent, valid_until, &digest, sigs.first())?;
                let gas_details = Json::Object(vec![
                    ("maxFeePerGas".into(), Json::String(gas.max_fee_per_gas)),
                    (
                        "maxPriorityFeePerGas".into(),
                        Json::String(gas.max_priority_fee_per_gas),
                    ),
                ]);
                let mut body = vec![
                    ("type".into(), Json::String(intent.kind().into())),
                    ("jobId".into(), Json::String(nonce.to_string())),
                    ("gasDetails".into(), gas_details),
                    (
                        "paymasterData".into(),
                        Json::String(hex::encode_prefixed(pm)),
                    ),
                    ("details".into(), intent.estimate_details()),
                ];
                if fee_payer != Address::ZERO {
                    body.push((
                        "feePayerAddress".into(),
                        Json::String(fee_payer.to_checksum(None)),
                    ));
                }
                let route = Route::Estimate(Json::Object(body).to_json());
                self.send_route(id, route, now, rpc_id)
            }
            Op::LoginSent { .. } | Op::RouteSent { .. } | Op::Intent { .. } => Err(
                Error::invalid_argument("id", "this call was sent already or sends nothing"),
            ),
        }
    }

    fn send_route(&mut self, id: u32, route: Route, now: u64, rpc_id: Nonce) -> Result<Request> {
        let bearer = Some(self.bearer(now)?);
        let (bff, gateway) = (&self.config.bff, &self.config.gateway);
        let path = route.path();
        let rpc = self.config.auth_transport == AuthTransport::Rpc;
        let req = match &route {
            Route::Execute(body) if rpc => wire::rpc(
                gateway,
                "execute",
                &format!("[{body}]"),
                rpc_id.to_string(),
                bearer,
            ),
            Route::SignMessage { body, .. } if rpc => wire::rpc(
                gateway,
                "signMessage",
                &format!("[{body}]"),
                rpc_id.to_string(),
                bearer,
            ),
            Route::ReadContract(body)
            | Route::Estimate(body)
            | Route::Execute(body)
            | Route::SignMessage { body, .. } => {
                wire::rest(Method::Post, bff, &path, bearer, Some(body.clone()))
            }
            _ => wire::rest(Method::Get, bff, &path, bearer, None),
        };
        let probe = Request {
            url: String::new(),
            bearer: None,
            body: None,
            ..req.clone()
        };
        self.ops.push((id, Op::RouteSent { route, probe }));
        Ok(req)
    }

    /// Finishes a sent call from the reply's HTTP status and body text.
    ///
    /// # Errors
    /// `HTTP`, `RPC`, `API` or `BAD_RESPONSE` (see [`wire::parse_reply`]);
    /// `verifyLogin` turns a refusal into `Outcome::Bool(false)` and clears the session.
    pub fn finish(&mut self, id: u32, status: u16, body: &str) -> Result<Outcome> {
        let op = self.take(id)?;
        match op {
            Op::LoginSent {
                key,
                what,
                envelope,
            } => {
                let probe = Request {
                    method: Method::Post,
                    url: String::new(),
                    bearer: None,
                    body: None,
                    envelope,
                    what: what.clone(),
                };
                let result = wire::parse_reply(&probe, status, body)?;
                let bad = |reason: &'static str| Error::BadResponse {
                    what: what.clone(),
                    reason: reason.into(),
                };
                let user_swa = result
                    .get("userSWA")
                    .and_then(Json::as_str)
                    .ok_or_else(|| bad("no userSWA in the authenticate result"))?;
                hex::parse_address("userSWA", user_swa)
                    .map_err(|_| bad("userSWA is not an address"))?;
                let expiry = result.get("sessionExpiry").and_then(Json::as_u64);
                self.set_session(Session::new(key, user_swa.to_owned(), expiry));
                Ok(Outcome::UserSwa(user_swa.to_owned()))
            }
            Op::Otp {
                channel, verify, ..
            } => {
                let req = wire::rest(Method::Post, "", channel.path(verify), None, None);
                let data = camel_keys(wire::parse_reply(&req, status, body)?);
                let need = if verify { "authToken" } else { "token" };
                if data.get(need).and_then(Json::as_str).is_none() {
                    return Err(Error::BadResponse {
                        what: req.what,
                        reason: format!("no {need} in the reply").into(),
                    });
                }
                Ok(Outcome::Data(data))
            }
            Op::RouteSent { route, probe } => self.finish_route(route, &probe, status, body),
            Op::Login { .. } | Op::Route(_) | Op::Intent { .. } => {
                Err(Error::invalid_argument("id", "this call was not sent yet"))
            }
        }
    }

    fn finish_route(
        &mut self,
        route: Route,
        probe: &Request,
        status: u16,
        body: &str,
    ) -> Result<Outcome> {
        let what = probe.what.clone();
        let parsed = wire::parse_reply(probe, status, body);
        if route == Route::VerifySession {
            return self.finish_verify(parsed);
        }
        let bad = |reason: &'static str| Error::BadResponse {
            what: what.clone(),
            reason: reason.into(),
        };
        match &route {
            Route::Execute(_) => {
                let data = parsed?;
                let job = data.get("jobId").and_then(Json::as_str);
                return job
                    .map(|j| Outcome::Text(j.to_owned()))
                    .ok_or_else(|| bad("no jobId in the execute result"));
            }
            Route::SignMessage { tid, .. } => {
                let data = parsed?;
                let list = match &data {
                    Json::Array(items) => items.as_slice(),
                    _ => &[],
                };
                let sig = list
                    .iter()
                    .find(|t| t.get("transactionId").and_then(Json::as_str) == Some(tid))
                    .and_then(|t| t.get("signature"))
                    .and_then(Json::as_str)
                    .map(|s| s.strip_prefix("0x").unwrap_or(s))
                    .filter(|s| hex::decode("signature", s).is_ok_and(|b| b.len() == 65))
                    .ok_or_else(|| bad("no 65-byte signature for this transactionId"))?;
                return Ok(Outcome::Text(format!("0x{}", sig.to_ascii_lowercase())));
            }
            _ => {}
        }
        let data = camel_keys(parsed?);
        let value = match route.list_key() {
            Some(key) => wire::array(&what, wire::field(&what, data, key)?)?,
            None => {
                let ok = match route {
                    Route::Wallets => data.is_array(),
                    Route::Portfolio | Route::UserKeys | Route::Estimate(_) => data.is_object(),
                    Route::GasValues => {
                        self.gas = Some(GasPrice::from_reply(&what, &data)?);
                        true
                    }
                    _ => true,
                };
                if !ok {
                    return Err(Error::BadResponse {
                        what,
                        reason: "the reply's data has the wrong shape".into(),
                    });
                }
                data
            }
        };
        match route {
            Route::Networks => self.chains = Some(value.clone()),
            Route::UserKeys => self.user_keys = Some(value.clone()),
            _ => {}
        }
        Ok(Outcome::Data(value))
    }

    fn finish_verify(&mut self, parsed: Result<Json>) -> Result<Outcome> {
        match parsed {
            Ok(data) => {
                let data = camel_keys(data);
                let field = |keys: &[&str]| {
                    keys.iter()
                        .find_map(|k| data.get(k).and_then(Json::as_str))
                        .map(str::to_ascii_lowercase)
                };
                let user = self
                    .session
                    .as_ref()
                    .map(|s| s.user_swa().to_ascii_lowercase());
                let same_user = user.is_some() && field(&["userSwa", "userSWA"]) == user;
                let same_client = field(&["clientSwa", "clientSWA", "vendorSwa"])
                    == Some(self.config.client_swa.to_ascii_lowercase());
                Ok(Outcome::Bool(same_user && same_client))
            }
            // Say nothing about the session when the network or server failed.
            Err(e @ (Error::Network { .. } | Error::BadResponse { .. })) => Err(e),
            Err(e @ Error::Http { status, .. }) if status >= 500 => Err(e),
            Err(_) => {
                self.clear_session();
                Ok(Outcome::Bool(false))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(signer: ClientSigner, transport: AuthTransport) -> Client {
        Client::new(Config {
            env: Environment::Sandbox,
            client_swa: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".into(),
            client_swa_addr: hex::parse_address("s", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
                .unwrap(),
            signer,
            gateway: "http://gw".into(),
            bff: "http://bff".into(),
            auth_transport: transport,
        })
    }

    fn anvil0() -> EthKey {
        EthKey::from_hex(
            "k",
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        )
        .unwrap()
    }

    fn google() -> AuthData {
        AuthData::new("a.b.c".into(), "google".into()).unwrap()
    }

    const SWA: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    /// An explorer call from prepare to finish, answered with `status` and `body`.
    fn round_trip(c: &mut Client, route: Route, status: u16, body: &str) -> Result<Outcome> {
        let p = c.prepare_route(route)?;
        c.request(p.id, &[], 1, Nonce::random().unwrap())?;
        c.finish(p.id, status, body)
    }

    #[test]
    fn login_over_rpc_then_explorer() {
        let mut c = client(ClientSigner::Key(Box::new(anvil0())), AuthTransport::Rpc);
        let p = c.prepare_login(google(), 1_000).unwrap();
        assert!(p.to_sign.is_empty(), "a local key signs by itself");
        let req = c
            .request(p.id, &[], 1_000, Nonce::random().unwrap())
            .unwrap();
        assert_eq!(req.url, "http://gw/rpc");
        assert!(req.bearer.is_none());
        let body = Json::parse(req.body.as_deref().unwrap()).unwrap();
        let id = body.get("id").and_then(Json::as_str).unwrap().to_owned();
        let payload = match body.get("params") {
            Some(Json::Array(items)) => items[0].clone(),
            _ => panic!("no params"),
        };
        assert_eq!(
            payload
                .get("sessionData")
                .unwrap()
                .get("maxFeePerGas")
                .unwrap()
                .as_str(),
            Some("0xBA43B7400")
        );
        let reply = format!(
            r#"{{"jsonrpc":"2.0","id":"{id}","result":{{"userSWA":"{SWA}","sessionExpiry":5000}}}}"#
        );
        assert_eq!(
            c.finish(p.id, 200, &reply).unwrap(),
            Outcome::UserSwa(SWA.into())
        );
        assert_eq!(c.session().unwrap().expires_at(), Some(5000));

        let w = c.prepare_route(Route::Networks).unwrap();
        let req = c
            .request(w.id, &[], 1_001, Nonce::random().unwrap())
            .unwrap();
        assert_eq!(req.url, "http://bff/api/oc/v1/supported/networks");
        let token = req.bearer.clone().unwrap();
        let out = c
            .finish(
                w.id,
                200,
                r#"{"status":"success","data":{"count":1,"network":[{"caip_id":"eip155:137"}]}}"#,
            )
            .unwrap();
        assert_eq!(
            out,
            Outcome::Data(Json::parse(r#"[{"caipId":"eip155:137"}]"#).unwrap())
        );
        assert!(c.cached(&Route::Networks).is_some());
        // The token is reused by the next call.
        let t = c.prepare_route(Route::Wallets).unwrap();
        assert_eq!(
            c.request(t.id, &[], 1_002, Nonce::random().unwrap())
                .unwrap()
                .bearer,
            Some(token)
        );
        assert_eq!(c.session().unwrap().mints(), 1);
    }

    #[test]
    fn login_over_rest_with_a_callback_signer() {
        let key = anvil0();
        let mut c = client(
            ClientSigner::Callback {
                address: Some(key.address()),
            },
            AuthTransport::Rest,
        );
        let p = c.prepare_login(google(), 1_000).unwrap();
        assert_eq!(p.to_sign.len(), 2);
        let sigs: Vec<Signature65> = p.to_sign.iter().map(|b| key.sign_message(b)).collect();
        let req = c
            .request(p.id, &sigs, 1_000, Nonce::random().unwrap())
            .unwrap();
        assert_eq!(req.url, "http://bff/api/oc/v1/authenticate");
        let reply = format!(r#"{{"status":"success","data":{{"userSWA":"{SWA}"}}}}"#);
        assert_eq!(
            c.finish(p.id, 200, &reply).unwrap(),
            Outcome::UserSwa(SWA.into())
        );
    }

    #[test]
    fn a_signature_by_the_wrong_key_is_refused_before_sending() {
        let key = anvil0();
        let mut c = client(
            ClientSigner::Callback {
                address: Some(key.address()),
            },
            AuthTransport::Rpc,
        );
        let p = c.prepare_login(google(), 1_000).unwrap();
        let other = EthKey::generate().unwrap();
        let sigs: Vec<Signature65> = p.to_sign.iter().map(|b| other.sign_message(b)).collect();
        let e = c
            .request(p.id, &sigs, 1_000, Nonce::random().unwrap())
            .unwrap_err();
        assert_eq!(e.code(), "INVALID_ARGUMENT");
        assert!(e.to_string().contains("recovers to"), "{e}");
        assert!(c.ops.is_empty(), "the refused call is dropped");
        let p = c.prepare_login(google(), 1_000).unwrap();
        assert_eq!(
            c.request(p.id, &[], 1_000, Nonce::random().unwrap())
                .unwrap_err()
                .code(),
            "INVALID_ARGUMENT"
        );
    }

    #[test]
    fn verify_login_refusal_clears_the_session_but_a_5xx_does_not() {
        let mut c = client(ClientSigner::Key(Box::new(anvil0())), AuthTransport::Rpc);
        c.set_session(Session::new(EthKey::generate().unwrap(), SWA.into(), None));
        let ok = format!(
            r#"{{"status":"success","data":{{"user_swa":"{}","client_swa":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}}}}"#,
            SWA.to_lowercase()
        );
        assert_eq!(
            round_trip(&mut c, Route::VerifySession, 200, &ok).unwrap(),
            Outcome::Bool(true)
        );
        assert_eq!(
            round_trip(&mut c, Route::VerifySession, 503, "")
                .unwrap_err()
                .code(),
            "HTTP"
        );
        assert!(c.session().is_some());
        assert_eq!(
            round_trip(&mut c, Route::VerifySession, 401, r#"{"status":"error"}"#).unwrap(),
            Outcome::Bool(false)
        );
        assert!(c.session().is_none());
        assert_eq!(
            c.prepare_route(Route::Wallets).unwrap_err().code(),
            "NOT_LOGGED_IN"
        );
    }

    #[test]
    fn stored_sessions_are_checked_before_decryption() {
        let c = client(ClientSigner::None, AuthTransport::Rpc);
        let swa = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
        assert!(c.check_stored(swa, "sandbox", Some(100), 99).is_ok());
        assert!(c.check_stored(swa, "sandbox", None, 99).is_ok());
        assert_eq!(
            c.check_stored(swa, "sandbox", Some(100), 100)
                .unwrap_err()
                .code(),
            "SESSION_EXPIRED"
        );
        assert_eq!(
            c.check_stored(swa, "production", None, 1)
                .unwrap_err()
                .code(),
            "SESSION_MISMATCH"
        );
        assert_eq!(
            c.check_stored(SWA, "sandbox", None, 1).unwrap_err().code(),
            "SESSION_MISMATCH"
        );
        assert_eq!(
            c.check_stored("junk", "sandbox", None, 1)
                .unwrap_err()
                .code(),
            "SESSION_MISMATCH"
        );
    }

    #[test]
    fn wrong_shapes_are_bad_responses() {
        let mut c = client(ClientSigner::Key(Box::new(anvil0())), AuthTransport::Rpc);
        c.set_session(Session::new(EthKey::generate().unwrap(), SWA.into(), None));
        for (route, body) in [
            (Route::Wallets, r#"{"status":"success","data":{}}"#),
            (
                Route::Tokens,
                r#"{"status":"success","data":{"tokens":{}}}"#,
            ),
            (Route::Activity, r#"{"status":"success","data":[]}"#),
            (Route::UserKeys, r#"{"status":"success","data":[]}"#),
        ] {
            assert_eq!(
                round_trip(&mut c, route, 200, body).unwrap_err().code(),
                "BAD_RESPONSE",
                "{body}"
            );
        }
        let p = c.prepare_login(google(), 1).unwrap();
        c.request(p.id, &[], 1, Nonce::random().unwrap()).unwrap();
        let e = c
            .finish(
                p.id,
                200,
                r#"{"status":"success","data":{"userSWA":"nope"}}"#,
            )
            .unwrap_err();
        assert_eq!(e.code(), "BAD_RESPONSE");
    }

    #[test]
    fn otp_requests_are_signed_by_the_client() {
        let key = anvil0();
        let mut c = client(ClientSigner::Key(Box::new(anvil0())), AuthTransport::Rpc);
        let r = OtpRequest {
            channel: Channel::Email,
            contact: "a@b.co",
            country: "IN",
            token: None,
            otp: None,
            client_swa: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            timestamp_ms: 1,
        };
        let p = c.prepare_otp(&r).unwrap();
        let req = c.request(p.id, &[], 1, Nonce::random().unwrap()).unwrap();
        let body = Json::parse(req.body.as_deref().unwrap()).unwrap();
        let data = body.get("data").unwrap().to_json();
        let sig =
            hex::decode_fixed::<65>("s", body.get("client_signature").unwrap().as_str().unwrap())
                .unwrap();
        assert_eq!(
            recover_message_signer("s", data.as_bytes(), &sig).unwrap(),
            key.address()
        );
        let out = c
            .finish(
                p.id,
                200,
                r#"{"status":"success","data":{"token":"t1","trace_id":"x"}}"#,
            )
            .unwrap();
        assert_eq!(
            out,
            Outcome::Data(Json::parse(r#"{"token":"t1","traceId":"x"}"#).unwrap())
        );
        let mut bad = r;
        bad.contact = "nope";
        assert_eq!(c.prepare_otp(&bad).unwrap_err().code(), "INVALID_ARGUMENT");
    }

    /// A logged-in client whose chain list and gas prices are already fetched.
    fn ready(transport: AuthTransport) -> Client {
        let mut c = client(ClientSigner::Key(Box::new(anvil0())), transport);
        c.set_session(Session::new(EthKey::generate().unwrap(), SWA.into(), None));
        for (route, reply) in [
            (
                Route::Networks,
                r#"{"status":"success","data":{"count":2,"network":[
                    {"caip_id":"eip155:137","gsn_enabled":false,"sponsorship_enabled":true},
                    {"caip_id":"aptos:testnet","gsn_enabled":false,"sponsorship_enabled":false}]}}"#,
            ),
            (
                Route::GasValues,
                r#"{"status":"success","data":{"maxFeePerGas":"0xBA43B7400","maxPriorityFeePerGas":"0x1"}}"#,
            ),
        ] {
            round_trip(&mut c, route, 200, reply).unwrap();
        }
        c
    }

    fn token(to: &str, chain: &str) -> Intent {
        Intent::Token {
            caip2_id: chain.into(),
            recipient: to.into(),
            token: String::new(),
            amount: alloy_primitives::U256::from(5),
        }
    }

    const TO: &str = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    #[test]
    fn an_intent_becomes_a_user_op_that_signs_and_executes() {
        for transport in [AuthTransport::Rpc, AuthTransport::Rest] {
            let mut c = ready(transport);
            let p = c
                .prepare_intent(token(TO, "eip155:137"), Address::ZERO, None, 1_000, false)
                .unwrap();
            let op = c.user_op(p.id, &[]).unwrap();
            assert_eq!(op.get("sender").and_then(Json::as_str), Some(SWA));
            // The server's fee strings are kept as written, like the official SDK.
            assert_eq!(
                op.get("maxFeePerGas").and_then(Json::as_str),
                Some("0xBA43B7400")
            );
            assert_eq!(
                op.get("callGasLimit").and_then(Json::as_str),
                Some("0x927c0")
            );
            let sig = c.sign_user_op(&op).unwrap();
            let want = UserOp::from_json(&op)
                .unwrap()
                .hash(Environment::Sandbox.entry_point(), 1_802_466_136);
            let who = recover_message_signer(
                "s",
                want.as_slice(),
                &hex::decode_fixed::<65>("s", &sig).unwrap(),
            )
            .unwrap();
            assert_eq!(who, c.session().unwrap().key().address());

            let unsigned = c.prepare_execute(&op).unwrap_err();
            assert_eq!(
                (
                    unsigned.code(),
                    unsigned.to_string().starts_with("userOp.signature")
                ),
                ("INVALID_ARGUMENT", true)
            );
            let Json::Object(mut fields) = op else {
                panic!("not an object")
            };
            fields.push(("signature".into(), Json::String(sig)));
            let e = c.prepare_execute(&Json::Object(fields)).unwrap();
            let req = c
                .request(e.id, &[], 1_001, Nonce::random().unwrap())
                .unwrap();
            let reply = match transport {
                AuthTransport::Rpc => {
                    assert_eq!(req.url, "http://gw/rpc");
                    let body = Json::parse(req.body.as_deref().unwrap()).unwrap();
                    let id = body.get("id").and_then(Json::as_str).unwrap().to_owned();
                    format!(r#"{{"jsonrpc":"2.0","id":"{id}","result":{{"jobId":"j-1"}}}}"#)
                }
                AuthTransport::Rest => {
                    assert_eq!(req.url, "http://bff/api/oc/v1/execute");
                    r#"{"status":"success","data":{"jobId":"j-1"}}"#.into()
                }
            };
            assert!(req.bearer.is_some());
            assert_eq!(
                c.finish(e.id, 200, &reply).unwrap(),
                Outcome::Text("j-1".into())
            );
        }
    }

    #[test]
    fn intents_are_checked_against_the_user_and_the_chain_list() {
        let mut c = ready(AuthTransport::Rpc);
        let own = SWA.to_ascii_lowercase();
        let e = c
            .prepare_intent(token(&own, "eip155:137"), Address::ZERO, None, 1, false)
            .unwrap_err();
        assert_eq!(
            (e.code(), e.to_string().starts_with("recipient:")),
            ("SELF_TRANSFER", true)
        );

        let p = c
            .prepare_intent(token(TO, "eip155:1"), Address::ZERO, None, 1, false)
            .unwrap();
        assert_eq!(
            c.user_op(p.id, &[]).unwrap_err().code(),
            "UNSUPPORTED_CHAIN"
        );

        let p = c
            .prepare_intent(token("0x1234", "EIP155:137"), Address::ZERO, None, 1, false)
            .unwrap();
        assert_eq!(c.user_op(p.id, &[]).unwrap_err().code(), "INVALID_ADDRESS");

        let raw = Intent::Raw {
            caip2_id: "aptos:testnet".into(),
            transactions: vec![userop::RawTransaction {
                from: SWA.into(),
                to: TO.into(),
                data: None,
                value: alloy_primitives::U256::from(1),
            }],
        };
        let p = c
            .prepare_intent(raw.clone(), Address::ZERO, None, 1, false)
            .unwrap();
        let e = c.user_op(p.id, &[]).unwrap_err();
        assert_eq!(
            (e.code(), e.to_string().starts_with("caip2Id:")),
            ("INVALID_ARGUMENT", true)
        );

        let Intent::Raw {
            mut transactions, ..
        } = raw
        else {
            panic!()
        };
        transactions[0].from = TO.into();
        let e = c
            .prepare_intent(
                Intent::Raw {
                    caip2_id: "eip155:137".into(),
                    transactions,
                },
                Address::ZERO,
                None,
                1,
                false,
            )
            .unwrap_err();
        assert!(e.to_string().starts_with("transaction.from:"));

        c.clear_session();
        assert_eq!(
            c.prepare_intent(token(TO, "eip155:137"), Address::ZERO, None, 1, false)
                .unwrap_err()
                .code(),
            "NOT_LOGGED_IN"
        );
    }

    #[test]
    fn an_estimate_posts_the_documented_body() {
        let mut c = ready(AuthTransport::Rpc);
        let payer = hex::parse_address("p", TO).unwrap();
        let p = c
            .prepare_intent(token(TO, "eip155:137"), payer, None, 1_000, true)
            .unwrap();
        let req = c
            .request(p.id, &[], 1_000, Nonce::random().unwrap())
            .unwrap();
        assert_eq!(req.url, "http://bff/api/oc/v1/estimate");
        let body = Json::parse(req.body.as_deref().unwrap()).unwrap();
        let keys: Vec<&str> = match &body {
            Json::Object(f) => f.iter().map(|(k, _)| k.as_str()).collect(),
            _ => vec![],
        };
        assert_eq!(
            keys,
            [
                "type",
                "jobId",
                "gasDetails",
                "paymasterData",
                "details",
                "feePayerAddress"
            ]
        );
        assert_eq!(
            body.get("details").unwrap().to_json(),
            format!(
                r#"{{"recipientWalletAddress":"{TO}","caip2Id":"eip155:137","tokenAddress":"","amount":"5"}}"#
            )
        );
        let out = c
            .finish(p.id, 200, r#"{"status":"success","data":{"user_ops":{}}}"#)
            .unwrap();
        assert_eq!(
            out,
            Outcome::Data(Json::parse(r#"{"userOps":{}}"#).unwrap())
        );
    }

    #[test]
    fn sign_message_needs_the_user_keys_and_reads_its_signature() {
        let mut c = ready(AuthTransport::Rest);
        assert_eq!(
            c.prepare_sign(SignKind::Eip191, "hi").unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
        round_trip(
            &mut c,
            Route::UserKeys,
            200,
            r#"{"status":"success","data":{"userSWA":"x","ecdsaKeyId":"key-1"}}"#,
        )
        .unwrap();
        let p = c.prepare_sign(SignKind::Eip191, "hi").unwrap();
        let req = c.request(p.id, &[], 1, Nonce::random().unwrap()).unwrap();
        assert_eq!(req.url, "http://bff/api/oc/v1/signMessage");
        let body = Json::parse(req.body.as_deref().unwrap()).unwrap();
        let tx = match body.get("data").and_then(|d| d.get("transactions")) {
            Some(Json::Array(t)) => t[0].clone(),
            _ => panic!("no transactions"),
        };
        let tid = tx.get("transactionId").and_then(Json::as_str).unwrap();
        let sig = "ab".repeat(65);
        let reply = format!(
            r#"{{"status":"success","data":[{{"transactionId":"{tid}","signature":"{sig}"}}]}}"#
        );
        assert_eq!(
            c.finish(p.id, 200, &reply).unwrap(),
            Outcome::Text(format!("0x{sig}"))
        );
        // A reply without this transaction's signature is refused.
        let typed = r#"{"types":{},"primaryType":"M","message":{}}"#;
        let p = c.prepare_sign(SignKind::Eip712, typed).unwrap();
        c.request(p.id, &[], 1, Nonce::random().unwrap()).unwrap();
        let e = c
            .finish(p.id, 200, r#"{"status":"success","data":[]}"#)
            .unwrap_err();
        assert_eq!(e.code(), "BAD_RESPONSE");
    }
}
