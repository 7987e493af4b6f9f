//! Reading options objects from JS with errors that name the field.

use crate::core::error::{Error, Result};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Checks that `v` is a plain object (not null, not an array).
pub fn object(field: &'static str, v: &JsValue) -> Result<Object> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(Error::invalid_argument(field, "must be an object"));
    }
    Ok(v.clone().unchecked_into())
}

/// `obj[key]`, with `undefined` and `null` read as absent.
pub fn get(obj: &Object, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !absent(v))
}

/// A required string.
pub fn string(obj: &Object, key: &str, field: &'static str) -> Result<String> {
    opt_string(obj, key, field)?.ok_or_else(|| Error::invalid_argument(field, "is required"))
}

/// An optional string.
pub fn opt_string(obj: &Object, key: &str, field: &'static str) -> Result<Option<String>> {
    get(obj, key).map(|v| as_string(field, &v)).transpose()
}

/// A JS value that must be a string.
pub fn as_string(field: &'static str, v: &JsValue) -> Result<String> {
    v.as_string().ok_or_else(|| {
        Error::invalid_argument(field, format!("must be a string, got {}", type_name(v)))
    })
}

/// An optional unix time in seconds: a non-negative safe integer (a number or a
/// BigInt).
pub fn opt_time(obj: &Object, key: &str, field: &'static str) -> Result<Option<u64>> {
    get(obj, key).map(|v| time(field, &v)).transpose()
}

/// Unix seconds now, floored: the official SDK's `Math.floor(date.getTime() / 1000)`
/// for paymaster `validUntil`.
pub fn now_floor() -> u64 {
    // Date.now() is finite and positive in every JS host; `as` saturates anyway.
    (js_sys::Date::now() / 1000.0).floor() as u64
}

/// Unix seconds now, rounded: the official SDK's `Math.round(Date.now() / 1000)`
/// for token expiry.
pub fn now_round() -> u64 {
    (js_sys::Date::now() / 1000.0).round() as u64
}

/// Whether an optional argument was left out (`undefined` or `null`).
pub fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// An optional time argument: absent, or a [`time`].
pub fn opt_time_arg(field: &'static str, v: &JsValue) -> Result<Option<u64>> {
    if absent(v) {
        Ok(None)
    } else {
        time(field, v).map(Some)
    }
}

/// A non-negative integer no larger than `Number.MAX_SAFE_INTEGER`.
pub fn time(field: &'static str, v: &JsValue) -> Result<u64> {
    const MAX: f64 = 9_007_199_254_740_991.0;
    let n = if let Some(n) = v.as_f64() {
        n
    } else if v.is_bigint() {
        let s = js_sys::BigInt::unchecked_from_js_ref(v)
            .to_string(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        return s
            .parse::<u64>()
            .ok()
            .filter(|n| *n as f64 <= MAX)
            .ok_or_else(|| Error::invalid_argument(field, "must be a non-negative safe integer"));
    } else {
        return Err(Error::invalid_argument(
            field,
            format!("must be a number (unix seconds), got {}", type_name(v)),
        ));
    };
    if !(n.is_finite() && n.fract() == 0.0 && (0.0..=MAX).contains(&n)) {
        return Err(Error::invalid_argument(
            field,
            "must be a non-negative integer no larger than Number.MAX_SAFE_INTEGER",
        ));
    }
    Ok(n as u64)
}

/// An optional boolean.
pub fn opt_bool(obj: &Object, key: &str, field: &'static str) -> Result<Option<bool>> {
    get(obj, key)
        .map(|v| {
            v.as_bool().ok_or_else(|| {
                Error::invalid_argument(field, format!("must be a boolean, got {}", type_name(&v)))
            })
        })
        .transpose()
}

/// `typeof`-like name for error messages (never the value itself).
pub fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof()
            .as_string()
            .unwrap_or_else(|| "an unknown type".into())
    }
}
