//! Core errors become JS `Error`s with `name === "OktoError"` and a stable `code`.

use crate::core::error::Error;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// Builds the thrown value for `err`.
pub fn to_js(err: &Error) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    e.set_name("OktoError");
    // Reflect::set on a fresh Error object cannot fail; ignore the Result.
    let _ = Reflect::set(&e, &"code".into(), &err.code().into());
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
