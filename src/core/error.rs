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
