//! The pure core: everything that computes, with no wasm or JS imports, so that
//! plain `cargo test` covers it natively.

pub mod auth;
pub mod camel;
pub mod client;
pub mod env;
pub mod error;
pub mod hex;
pub mod json;
pub mod key;
pub mod mpc;
pub mod nonce;
pub mod otp;
pub mod params;
pub mod paymaster;
pub mod redact;
pub mod session;
pub mod token;
pub mod userop;
pub mod wire;
