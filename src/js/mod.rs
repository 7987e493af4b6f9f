//! The binding layer: converts JS values to core types and back, and nothing
//! else. Everything here is a thin shell over `crate::core`.

mod args;
mod builders;
mod error;
mod session;

pub use builders::{build_auth_payload, generate_paymaster_data, mint_auth_token};
pub use session::SessionKey;

use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: a Rust panic (a bug) then shows
/// its message in the console instead of "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
