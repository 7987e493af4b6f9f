//! `ClientCore`'s intent and message-signing methods. Parameters arrive as
//! JSON text (the package's `index.js` writes BigInts as decimal strings);
//! checking, building, packing and signing are all in `crate::core`.

use super::args;
use super::client::{json_to_js, prepared, signatures, ClientCore};
use super::error::{IntoJs, JsResult};
use crate::core::error::{Error, Result};
use crate::core::hex;
use crate::core::json::Json;
use crate::core::mpc::SignKind;
use crate::core::params::{parse_intent, IntentKind};
use alloy_primitives::Address;
use wasm_bindgen::prelude::*;

/// A JSON object given as text.
fn object(field: &'static str, text: Option<String>) -> Result<Json> {
    text.as_deref()
        .and_then(Json::parse)
        .filter(Json::is_object)
        .ok_or_else(|| Error::invalid_argument(field, "must be an object"))
}

#[wasm_bindgen]
impl ClientCore {
    /// Starts an intent: `intent_type` is `TOKEN_TRANSFER`, `NFT_TRANSFER` or
    /// `RAW_TRANSACTION`, `params` the JSON text of the builder's parameters;
    /// `estimate` makes it an estimate request. Returns `{id, toSign}`.
    #[wasm_bindgen(js_name = prepareIntent)]
    pub fn prepare_intent(
        &mut self,
        intent_type: JsValue,
        params: Option<String>,
        fee_payer: JsValue,
        estimate: bool,
    ) -> JsResult<JsValue> {
        let mut run = || -> Result<JsValue> {
            let kind = IntentKind::parse(&args::as_string("intentType", &intent_type)?)?;
            let intent = parse_intent(kind, params.as_deref().and_then(Json::parse).as_ref())?;
            // Absent or "" means the default, as in the official SDK.
            let payer = match fee_payer.as_string().as_deref() {
                _ if args::absent(&fee_payer) => Address::ZERO,
                Some("") => Address::ZERO,
                Some(text) => hex::parse_address("feePayerAddress", text)?,
                None => {
                    return Err(Error::invalid_argument(
                        "feePayerAddress",
                        "must be a string",
                    ))
                }
            };
            self.inner
                .prepare_intent(intent, payer, None, args::now_floor(), estimate)
                .map(prepared)
        };
        run().js()
    }

    /// The unsigned user op of a prepared intent, once the chain list and gas
    /// prices are fetched; `sigs` as for `request`.
    #[wasm_bindgen(js_name = userOp)]
    pub fn user_op(&mut self, id: u32, sigs: JsValue) -> JsResult<JsValue> {
        let op = signatures(&sigs).and_then(|s| self.inner.user_op(id, &s));
        if op.is_err() {
            self.inner.cancel(id);
        }
        op.map(|j| json_to_js(&j)).js()
    }

    /// The session key's signature of a user op (its JSON text), as `0x` hex.
    #[wasm_bindgen(js_name = signUserOp)]
    pub fn sign_user_op(&self, op: Option<String>) -> JsResult<String> {
        object("userOp", op)
            .and_then(|j| self.inner.sign_user_op(&j))
            .js()
    }

    /// Starts `execute` for a signed user op (its JSON text).
    #[wasm_bindgen(js_name = prepareExecute)]
    pub fn prepare_execute(&mut self, op: Option<String>) -> JsResult<JsValue> {
        let run = || -> Result<JsValue> {
            let op = object("userOp", op)?;
            self.inner.prepare_execute(&op).map(prepared)
        };
        run().js()
    }

    /// Starts an MPC signature of `message`: EIP-712 typed data (as JSON
    /// text) when `typed`, else an EIP-191 text message.
    #[wasm_bindgen(js_name = prepareSign)]
    pub fn prepare_sign(&mut self, typed: bool, message: JsValue) -> JsResult<JsValue> {
        let (kind, field) = if typed {
            (SignKind::Eip712, "data")
        } else {
            (SignKind::Eip191, "message")
        };
        let text = args::as_string(field, &message).js()?;
        self.inner.prepare_sign(kind, &text).map(prepared).js()
    }
}
