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

/// The CSPRNG for `getrandom`: the global `crypto.getRandomValues` (browsers,
/// workers, Node >= 20, the package's `engines`). getrandom's "js" backend
/// also carries a Node `require("crypto")` path and a global-object lookup
/// (eleven more imports in the glue) that no supported runtime needs.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod random {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
        fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;
    }

    /// Fills `dest`; `getRandomValues` takes at most 65,536 bytes per call.
    /// The error codes are the "js" backend's: no `crypto` global (a
    /// ReferenceError) is `WEB_CRYPTO`, a failing call `WEB_GET_RANDOM_VALUES`.
    pub fn fill(dest: &mut [u8]) -> Result<(), getrandom::Error> {
        for chunk in dest.chunks_mut(65_536) {
            get_random_values(chunk).map_err(|e| {
                if e.is_instance_of::<js_sys::ReferenceError>() {
                    getrandom::Error::WEB_CRYPTO
                } else {
                    getrandom::Error::WEB_GET_RANDOM_VALUES
                }
            })?;
        }
        Ok(())
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
getrandom::register_custom_getrandom!(random::fill);
