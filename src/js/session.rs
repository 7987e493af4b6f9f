//! The exported `SessionKey` class: a handle onto a key that lives only in wasm memory.

use super::args;
use super::error::{IntoJs, JsResult};
use crate::core::error::{Error, Result};
use crate::core::key::EthKey;
use crate::core::{hex, token};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

thread_local! {
    /// Every live key, by handle id. A key leaves this list (and is zeroized by
    /// k256's `Drop`) on `free()`, or when the JS object is garbage-collected.
    /// A plain list: an app holds a handful of keys, and a map would add ~15 KB
    /// of B-tree code to the wasm.
    static KEYS: RefCell<Vec<(u32, EthKey)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// A secp256k1 session key whose private half never leaves wasm memory
/// (PROTOCOL.md §2), except through the explicitly dangerous
/// `exportPrivateKey()`. `free()` zeroizes it; later calls throw `SESSION_FREED`.
#[wasm_bindgen]
pub struct SessionKey {
    id: u32,
}

impl SessionKey {
    /// Registers `key` and returns its handle.
    pub(crate) fn insert(key: EthKey) -> Self {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1).max(1));
            id
        });
        KEYS.with(|k| k.borrow_mut().push((id, key)));
        Self { id }
    }

    /// Runs `f` with the key, or fails with `SESSION_FREED`.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&EthKey) -> R) -> Result<R> {
        with_id(self.id, f)
    }

    /// The handle id of a `SessionKey` passed inside an options object.
    pub(crate) fn id_of(field: &'static str, v: &JsValue) -> Result<u32> {
        let bad = || Error::invalid_argument(field, "must be a SessionKey");
        if !v.is_object() {
            return Err(bad());
        }
        js_sys::Reflect::get(v, &JsValue::from_str("__oktoKeyId"))
            .ok()
            .and_then(|id| id.as_f64())
            .filter(|id| id.fract() == 0.0 && *id >= 1.0 && *id <= f64::from(u32::MAX))
            .map(|id| id as u32)
            .ok_or_else(bad)
    }
}

/// Runs `f` with the key behind handle `id`, or fails with `SESSION_FREED`.
pub(crate) fn with_id<R>(id: u32, f: impl FnOnce(&EthKey) -> R) -> Result<R> {
    KEYS.with(|k| {
        k.borrow()
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, key)| f(key))
    })
    .ok_or(Error::SessionFreed)
}

/// Drops (and so zeroizes) the key behind handle `id`, if it is still there.
fn remove(id: u32) {
    KEYS.with(|k| k.borrow_mut().retain(|(i, _)| *i != id));
}

impl Drop for SessionKey {
    fn drop(&mut self) {
        remove(self.id);
    }
}

#[wasm_bindgen]
impl SessionKey {
    /// A new random key from `crypto.getRandomValues`.
    ///
    /// # Errors
    /// Throws `RANDOM_UNAVAILABLE` when the platform has no CSPRNG.
    pub fn generate() -> JsResult<SessionKey> {
        EthKey::generate().map(Self::insert).js()
    }

    /// Imports a 32-byte private key written as hex (with or without `0x`).
    ///
    /// # Errors
    /// Throws `INVALID_PRIVATE_KEY` for a wrong length, non-hex text, zero, or a
    /// value not below the curve order; `INVALID_ARGUMENT` for a non-string.
    #[wasm_bindgen(js_name = fromPrivateKey)]
    pub fn from_private_key(
        #[wasm_bindgen(unchecked_param_type = "string")] private_key: JsValue,
    ) -> JsResult<SessionKey> {
        let text = zeroize::Zeroizing::new(args::as_string("privateKey", &private_key).js()?);
        EthKey::from_hex("privateKey", &text).map(Self::insert).js()
    }

    /// The uncompressed public key, `0x04…` (65 bytes, 132 hex digits).
    ///
    /// # Errors
    /// Throws `SESSION_FREED` after `free()`.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> JsResult<String> {
        self.with(EthKey::public_key_hex).js()
    }

    /// The session address, EIP-55 checksummed.
    ///
    /// # Errors
    /// Throws `SESSION_FREED` after `free()`.
    #[wasm_bindgen(getter)]
    pub fn address(&self) -> JsResult<String> {
        self.with(|k| k.address().to_checksum(None)).js()
    }

    /// The Okto auth token (PROTOCOL.md §7) expiring at `expireAt` (unix
    /// seconds; default now + 5400, as the official SDK).
    ///
    /// # Errors
    /// Throws `INVALID_ARGUMENT` for a negative, fractional or unsafe `expireAt`,
    /// `SESSION_FREED` after `free()`.
    #[wasm_bindgen(js_name = authToken)]
    pub fn auth_token(
        &self,
        #[wasm_bindgen(js_name = expireAt, unchecked_optional_param_type = "number")]
        expire_at: JsValue,
    ) -> JsResult<String> {
        mint(self.id, &expire_at).js()
    }

    /// EIP-191 `personal_sign` (PROTOCOL.md §3). A string is signed as its
    /// UTF-8 bytes; a `Uint8Array` (e.g. a 32-byte hash) as raw bytes.
    /// Returns the 65-byte `r || s || v` signature as hex.
    ///
    /// # Errors
    /// Throws `INVALID_ARGUMENT` for any other type, `SESSION_FREED` after `free()`.
    #[wasm_bindgen(js_name = signMessage)]
    pub fn sign_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] message: JsValue,
    ) -> JsResult<String> {
        let bytes = message_bytes(&message).js()?;
        self.with(|k| hex::encode_prefixed(k.sign_message(&bytes)))
            .js()
    }

    /// **Dangerous.** Returns the private key as hex, the one way it ever leaves
    /// wasm memory. Anything that reads it can act as the user until the
    /// session expires; prefer keeping the `SessionKey` object instead.
    ///
    /// # Errors
    /// Throws `SESSION_FREED` after `free()`.
    #[wasm_bindgen(js_name = exportPrivateKey)]
    pub fn export_private_key(&self) -> JsResult<String> {
        // The JS string cannot be wiped; the Rust copy is, on drop.
        self.with(|k| k.export_hex().as_str().to_owned()).js()
    }

    /// Zeroizes the key. Every later call on this object throws `SESSION_FREED`.
    /// Safe to call twice.
    #[wasm_bindgen(js_name = free)]
    pub fn zeroize(&self) {
        remove(self.id);
    }

    /// The handle that options objects carry (`buildAuthPayload({session})`).
    #[wasm_bindgen(getter = __oktoKeyId, skip_typescript)]
    pub fn handle_id(&self) -> u32 {
        self.id
    }

    /// Never the key: `SessionKey(0xAddress)` or `SessionKey(freed)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_display(&self) -> String {
        match self.with(|k| k.address().to_checksum(None)) {
            Ok(a) => format!("SessionKey({a})"),
            Err(_) => "SessionKey(freed)".into(),
        }
    }

    /// `JSON.stringify` shows the public half only.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ publicKey: string; address: string } | { freed: true }")]
    pub fn to_json(&self) -> JsValue {
        let obj = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), &v);
        };
        match self.with(|k| (k.public_key_hex(), k.address().to_checksum(None))) {
            Ok((p, a)) => {
                set("publicKey", p.into());
                set("address", a.into());
            }
            Err(_) => set("freed", true.into()),
        }
        obj.into()
    }
}

/// Mints a token for handle `id`, reading `expireAt` from JS (`undefined` = default).
pub(crate) fn mint(id: u32, expire_at: &JsValue) -> Result<String> {
    let expire_at = match args::opt_time_arg("expireAt", expire_at)? {
        Some(t) => t,
        None => token::default_expiry(js_sys::Date::now()),
    };
    with_id(id, |k| token::auth_token(k, expire_at))?
}

fn message_bytes(message: &JsValue) -> Result<Vec<u8>> {
    if let Some(s) = message.as_string() {
        return Ok(s.into_bytes());
    }
    if message.is_instance_of::<js_sys::Uint8Array>() {
        return Ok(js_sys::Uint8Array::unchecked_from_js_ref(message).to_vec());
    }
    Err(Error::invalid_argument(
        "message",
        format!(
            "must be a string or a Uint8Array, got {}",
            args::type_name(message)
        ),
    ))
}
