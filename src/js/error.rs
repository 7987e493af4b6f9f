//! Core errors become JS `Error`s with `name === "OktoError"`, a stable `code`,
//! and, for network errors, `status`, `rpcCode`, `data`, `errorCode`, `traceId`.

use crate::core::error::Error;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// Builds the thrown value for `err`.
pub fn to_js(err: &Error) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    e.set_name("OktoError");
    // Reflect::set on a fresh Error object cannot fail; the Results are ignored.
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&e, &JsValue::from_str(k), &v);
    };
    set("code", err.code().into());
    if let Some(status) = err.status() {
        set("status", status.into());
    }
    match err {
        Error::Rpc { code, data, .. } => {
            set("rpcCode", JsValue::from_f64(*code as f64));
            if let Some(d) = data {
                set(
                    "data",
                    js_sys::JSON::parse(d).unwrap_or_else(|_| d.as_str().into()),
                );
            }
        }
        Error::Http {
            error_code,
            trace_id,
            ..
        }
        | Error::Api {
            error_code,
            trace_id,
            ..
        } => {
            if let Some(c) = error_code {
                set("errorCode", c.as_str().into());
            }
            if let Some(t) = trace_id {
                set("traceId", t.as_str().into());
            }
        }
        _ => {}
    }
    e.into()
}

/// `Result` whose error is already a thrown JS value.
pub type JsResult<T> = Result<T, JsValue>;

/// Converts a core result for the boundary.
pub trait IntoJs<T> {
    /// Maps the error through [`to_js`].
    fn js(self) -> JsResult<T>;
}

impl<T> IntoJs<T> for crate::core::error::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(|e| to_js(&e))
    }
}
