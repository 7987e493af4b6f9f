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
mod js;
pub use js::{
    build_auth_payload, generate_paymaster_data, mint_auth_token, OktoClient, SessionKey,
};

pub use crate::core::error::{Error, Result};
