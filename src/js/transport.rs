//! The one module that calls `fetch`. It uses the global `fetch`, `setTimeout`
//! and `AbortController`, so it works in windows, Web Workers and Node 20.

use crate::core::error::{Error, Result};
use crate::core::json::Json;
use crate::core::redact::redact_json;
use crate::core::wire::{self, Request};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(
        url: &str,
        init: &web_sys::RequestInit,
    ) -> std::result::Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    let p = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    let _ = JsFuture::from(p).await;
}

/// How requests go out: per-request timeout, retries for idempotent GETs, and
/// an optional redacting debug logger.
pub struct Transport {
    /// Per attempt, in milliseconds.
    pub timeout_ms: u32,
    /// Extra attempts for idempotent GETs after a network error or a 5xx.
    pub retries: u32,
    /// Called with one line per request and reply, secrets redacted.
    pub log: Option<js_sys::Function>,
}

impl Transport {
    fn log(&self, line: impl FnOnce() -> String) {
        if let Some(f) = &self.log {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&line()));
        }
    }

    /// Sends `req` and unwraps the reply, retrying idempotent GETs on network
    /// errors and 5xx with exponential backoff.
    ///
    /// # Errors
    /// `NETWORK`, `HTTP`, `RPC`, `API` or `BAD_RESPONSE` (see `wire::parse_reply`).
    pub async fn send(&self, req: &Request) -> Result<Json> {
        let mut attempt = 0;
        loop {
            match self.once(req).await {
                Err(e) if req.retryable() && e.is_transient() && attempt < self.retries => {
                    let delay = wire::backoff_ms(attempt);
                    self.log(|| format!("okto: retrying {} in {delay} ms after: {e}", req.what));
                    sleep(delay).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn once(&self, req: &Request) -> Result<Json> {
        let network = |reason: String| Error::Network {
            what: req.what.clone(),
            reason: reason.into(),
        };
        self.log(|| {
            let auth = if req.bearer.is_some() {
                " (Authorization: Bearer [redacted])"
            } else {
                ""
            };
            let body = req.body.as_deref().map(redact_json).unwrap_or_default();
            format!("okto: → {} {}{auth} {body}", req.method.as_str(), req.url)
        });
        let controller = web_sys::AbortController::new()
            .map_err(|_| network("AbortController is not available".into()))?;
        let headers =
            web_sys::Headers::new().map_err(|_| network("Headers is not available".into()))?;
        let init = web_sys::RequestInit::new();
        init.set_method(req.method.as_str());
        if req.body.is_some() {
            let _ = headers.set("Content-Type", "application/json");
        }
        if let Some(token) = &req.bearer {
            let _ = headers.set("Authorization", &format!("Bearer {token}"));
        }
        init.set_headers(&headers);
        if let Some(body) = &req.body {
            init.set_body(&JsValue::from_str(body));
        }
        init.set_signal(Some(&controller.signal()));

        let timed_out = Rc::new(Cell::new(false));
        let flag = timed_out.clone();
        let on_timeout = Closure::once(move || {
            flag.set(true);
            controller.abort();
        });
        let timer = set_timeout(
            on_timeout.as_ref().unchecked_ref(),
            i32::try_from(self.timeout_ms).unwrap_or(i32::MAX),
        );
        let started = js_sys::Date::now();
        let reply = async {
            let promise = global_fetch(&req.url, &init)?;
            let response: web_sys::Response = JsFuture::from(promise).await?.dyn_into()?;
            let status = response.status();
            let text = JsFuture::from(response.text()?).await?;
            Ok::<_, JsValue>((status, text.as_string().unwrap_or_default()))
        }
        .await;
        clear_timeout(&timer);
        drop(on_timeout);
        // Whole milliseconds: integer formatting keeps float printing out of the binary.
        let elapsed = (js_sys::Date::now() - started) as u64;
        match reply {
            Ok((status, text)) => {
                self.log(|| {
                    format!(
                        "okto: ← {status} {} ({elapsed} ms) {}",
                        req.what,
                        redact_json(&text)
                    )
                });
                wire::parse_reply(req, status, &text)
            }
            Err(e) => {
                let reason = if timed_out.get() {
                    format!("timed out after {} ms", self.timeout_ms)
                } else {
                    let detail = js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_else(|| "fetch failed".into());
                    format!("fetch failed ({detail})")
                };
                self.log(|| format!("okto: ✗ {} ({elapsed} ms): {reason}", req.what));
                Err(network(reason))
            }
        }
    }
}
