//! okto-wasm: log users in to Okto and act for them from the browser.
//!
//! The [`core`] computes every byte Okto expects (PROTOCOL.md) with no JS imports;
//! `js` is the thin wasm-bindgen layer that converts types at the boundary.
#![warn(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod core;

/// Talc instead of the default dlmalloc: ~3 KB less gzip in a package whose
/// size is budgeted against the official SDK (tests/size), and faster.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
mod js;
pub use js::{
    build_auth_payload, generate_paymaster_data, mint_auth_token, ClientCore, SessionKey,
};

pub use crate::core::error::{Error, Result};
