//! The one error type of the core, with the stable codes that cross into JS.

use std::borrow::Cow;

/// Everything that can go wrong in okto-wasm.
///
/// Messages are lower-case, name the offending field, and never contain key
/// material: a bad private key is described by its length, never its bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Text that should be hex is not.
    #[error("{field}: invalid hex: {reason}")]
    InvalidHex {
        /// The argument or field at fault, e.g. `clientSWA`.
        field: Cow<'static, str>,
        /// What is wrong with it.
        reason: Cow<'static, str>,
    },
    /// An address that is not 20 bytes, or whose mixed-case checksum is wrong.
    #[error("{field}: invalid address: {reason}")]
    InvalidAddress {
        /// The argument or field at fault.
        field: Cow<'static, str>,
        /// What is wrong with it.
        reason: Cow<'static, str>,
    },
    /// A private key that is not 32 bytes or not a valid secp256k1 scalar.
    #[error("{field}: invalid private key: {reason}")]
    InvalidPrivateKey {
        /// The argument or field at fault.
        field: Cow<'static, str>,
        /// What is wrong with it (lengths only, never the bytes).
        reason: Cow<'static, str>,
    },
    /// A nonce that is not a UUID in the 8-4-4-4-12 form.
    #[error("{field}: invalid UUID: {reason}")]
    InvalidUuid {
        /// The argument or field at fault.
        field: Cow<'static, str>,
        /// What is wrong with it.
        reason: Cow<'static, str>,
    },
    /// Any other argument that is missing, of the wrong type or out of range.
    #[error("{field}: {reason}")]
    InvalidArgument {
        /// The argument or field at fault.
        field: Cow<'static, str>,
        /// What is wrong with it.
        reason: Cow<'static, str>,
    },
    /// The session key was freed (`free()`), so it can no longer sign.
    #[error("the session key has been freed")]
    SessionFreed,
    /// The platform's CSPRNG failed.
    #[error("the platform random number generator failed: {0}")]
    Random(Cow<'static, str>),
    /// A call that needs a session was made before login (or after logout).
    #[error("not logged in: {0}")]
    NotLoggedIn(Cow<'static, str>),
    /// A stored session belongs to another client or environment.
    #[error("the stored session belongs to {what}, not to this client")]
    SessionMismatch {
        /// Whose it is (client SWA and environment; nothing secret).
        what: String,
    },
    /// A stored session failed authentication (AES-GCM): it was changed.
    #[error("the stored session was tampered with or is corrupt")]
    SessionTampered,
    /// The session's expiry (`sessionExpiry`) has passed.
    #[error("the session expired at {expired_at} (unix seconds)")]
    SessionExpired {
        /// When it expired.
        expired_at: u64,
    },
    /// An intent on a chain that is not in `supported/networks`.
    #[error("chain {0} is not supported for this client (not in supported/networks)")]
    UnsupportedChain(String),
    /// An intent that sends to the user's own wallet.
    #[error("{field}: is the user's own wallet; sending to yourself is refused")]
    SelfTransfer {
        /// The recipient field.
        field: Cow<'static, str>,
    },
    /// `fetch` failed, or the request was aborted or timed out.
    #[error("network error on {what}: {reason}")]
    Network {
        /// The request, as `METHOD /path` (no query, no secrets).
        what: String,
        /// What happened.
        reason: Cow<'static, str>,
    },
    /// A non-2xx reply.
    #[error("HTTP {status} on {what}: {message}")]
    Http {
        /// The request, as `METHOD /path`.
        what: String,
        /// The HTTP status.
        status: u16,
        /// The server's message, or the status text.
        message: String,
        /// The server's `errorCode`, when its body had one.
        error_code: Option<String>,
        /// The server's `trace_id`, when its body had one.
        trace_id: Option<String>,
    },
    /// A JSON-RPC error object.
    #[error("JSON-RPC error {code} on {what}: {message}")]
    Rpc {
        /// The request, as `rpc METHOD`.
        what: String,
        /// The JSON-RPC error code.
        code: i64,
        /// The server's message.
        message: String,
        /// The error's `data`, as JSON text.
        data: Option<String>,
        /// The HTTP status the error came with.
        status: u16,
    },
    /// `{"status":"error"}` from the BFF.
    #[error("API error on {what}: {message}")]
    Api {
        /// The request, as `METHOD /path`.
        what: String,
        /// The server's message.
        message: String,
        /// The server's `errorCode`.
        error_code: Option<String>,
        /// The server's `trace_id`.
        trace_id: Option<String>,
        /// The HTTP status the error came with.
        status: u16,
    },
    /// A reply that is not the documented shape.
    #[error("unexpected reply to {what}: {reason}")]
    BadResponse {
        /// The request, as `METHOD /path` or `rpc METHOD`.
        what: String,
        /// What was wrong with it.
        reason: Cow<'static, str>,
    },
}

impl Error {
    /// The stable code JS callers branch on (shared/API.md, "Error codes").
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidHex { .. } => "INVALID_HEX",
            Self::InvalidAddress { .. } => "INVALID_ADDRESS",
            Self::InvalidPrivateKey { .. } => "INVALID_PRIVATE_KEY",
            Self::InvalidUuid { .. } => "INVALID_UUID",
            Self::InvalidArgument { .. } => "INVALID_ARGUMENT",
            Self::SessionFreed => "SESSION_FREED",
            Self::Random(_) => "RANDOM_UNAVAILABLE",
            Self::NotLoggedIn(_) => "NOT_LOGGED_IN",
            Self::SessionExpired { .. } => "SESSION_EXPIRED",
            Self::SessionMismatch { .. } => "SESSION_MISMATCH",
            Self::SessionTampered => "SESSION_TAMPERED",
            Self::UnsupportedChain(_) => "UNSUPPORTED_CHAIN",
            Self::SelfTransfer { .. } => "SELF_TRANSFER",
            Self::Network { .. } => "NETWORK",
            Self::Http { .. } => "HTTP",
            Self::Rpc { .. } => "RPC",
            Self::Api { .. } => "API",
            Self::BadResponse { .. } => "BAD_RESPONSE",
        }
    }

    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid_argument(
        field: impl Into<Cow<'static, str>>,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::InvalidArgument {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl Error {
    /// The HTTP status a network error came with, if any.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http { status, .. } | Self::Rpc { status, .. } | Self::Api { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// Whether an idempotent request may be retried after this error: network
    /// failures and 5xx replies only.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network { .. } => true,
            Self::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

/// Maps a CSPRNG failure without pulling `std::io`'s error texts into the binary.
pub fn random_error(e: getrandom::Error) -> Error {
    Error::Random(format!("getrandom error code {}", e.code()).into())
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_api_table() {
        let e = Error::invalid_argument("validUntil", "must be an integer");
        assert_eq!(e.code(), "INVALID_ARGUMENT");
        assert_eq!(e.to_string(), "validUntil: must be an integer");
        assert_eq!(Error::SessionFreed.code(), "SESSION_FREED");
    }
}
