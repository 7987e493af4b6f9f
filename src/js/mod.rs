//! The binding layer: converts JS values to core types and back, and nothing
//! else. Everything here is a thin shell over `crate::core`.

mod args;
mod builders;
mod client;
mod error;
mod intents;
mod session;

pub use builders::{build_auth_payload, generate_paymaster_data, mint_auth_token};
pub use client::ClientCore;
pub use session::SessionKey;

use wasm_bindgen::prelude::*;

/// The result and option types of the client (src/js/types.d.ts, checked by
/// `tsc` in tests/types), merged into the generated `.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT_TYPES: &'static str = include_str!("types.d.ts");

/// Runs once when the module is instantiated: a Rust panic (a bug) then shows
/// its message in the console instead of "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
