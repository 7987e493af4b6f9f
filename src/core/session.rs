//! A logged-in session: its key, the user's SWA, and the cached bearer token
//! (PROTOCOL.md §7). Unlike the official SDK, which signs a new token for every
//! request, a token is reused until less than five minutes of it remain.

use super::error::{Error, Result};
use super::key::EthKey;
use super::token;

/// Re-mint when less than this many seconds of the cached token remain.
pub const REMINT_MARGIN_SECS: u64 = 5 * 60;

/// A session: the key that signs for it and whom it signs for.
pub struct Session {
    key: EthKey,
    user_swa: String,
    expires_at: Option<u64>,
    token: Option<(String, u64)>,
    mints: u64,
}

impl Session {
    /// A session for `user_swa` signed by `key`, ending at `expires_at` (unix
    /// seconds) when the server said so.
    pub fn new(key: EthKey, user_swa: String, expires_at: Option<u64>) -> Self {
        Self {
            key,
            user_swa,
            expires_at,
            token: None,
            mints: 0,
        }
    }

    /// The session key.
    pub fn key(&self) -> &EthKey {
        &self.key
    }

    /// The user's smart wallet address.
    pub fn user_swa(&self) -> &str {
        &self.user_swa
    }

    /// When the server said the session ends.
    pub fn expires_at(&self) -> Option<u64> {
        self.expires_at
    }

    /// How many tokens this session has signed.
    pub fn mints(&self) -> u64 {
        self.mints
    }

    /// The bearer token at `now` (unix seconds): the cached one while at least
    /// five minutes of it remain, else a fresh one valid for 90 minutes.
    ///
    /// # Errors
    /// `SESSION_EXPIRED` once the session's own expiry has passed.
    pub fn bearer(&mut self, now: u64) -> Result<String> {
        if let Some(expired_at) = self.expires_at.filter(|e| now >= *e) {
            return Err(Error::SessionExpired { expired_at });
        }
        if let Some((t, exp)) = &self.token {
            if *exp >= now.saturating_add(REMINT_MARGIN_SECS) {
                return Ok(t.clone());
            }
        }
        let exp = now.saturating_add(token::TOKEN_LIFETIME_SECS);
        let t = token::auth_token(&self.key, exp)?;
        self.token = Some((t.clone(), exp));
        self.mints += 1;
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_until_five_minutes_remain() {
        let mut s = Session::new(EthKey::generate().unwrap(), "0xabc".into(), None);
        let t0 = s.bearer(1_000).unwrap();
        assert_eq!(s.bearer(1_000 + 60).unwrap(), t0);
        // 90 min lifetime: at +85 min exactly 5 minutes remain, still reused.
        assert_eq!(s.bearer(1_000 + 85 * 60).unwrap(), t0);
        assert_eq!(s.mints(), 1);
        let t1 = s.bearer(1_000 + 85 * 60 + 1).unwrap();
        assert_ne!(t1, t0);
        assert_eq!(s.mints(), 2);
    }

    #[test]
    fn expired_session_is_refused() {
        let mut s = Session::new(EthKey::generate().unwrap(), "0xabc".into(), Some(2_000));
        assert!(s.bearer(1_999).is_ok());
        assert_eq!(s.bearer(2_000).unwrap_err().code(), "SESSION_EXPIRED");
    }
}
