//! The JS-facing exports in a real Chromium (`wasm-pack test --headless --chrome`):
//! CSPRNG randomness through `crypto.getRandomValues`, errors thrown as `OktoError`
//! with stable codes, and `free()` turning later calls into `SESSION_FREED`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use js_sys::{Object, Reflect};
use okto_wasm::{build_auth_payload, generate_paymaster_data, mint_auth_token, SessionKey};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const SWA: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

fn code_of(err: JsValue) -> String {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "thrown value is an Error"
    );
    assert_eq!(get(&err, "name").as_string().unwrap(), "OktoError");
    get(&err, "code").as_string().unwrap()
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn generated_keys_are_random_and_well_formed() {
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..64 {
        let k = SessionKey::generate().unwrap();
        let public = k.public_key().unwrap();
        assert_eq!(public.len(), 132);
        assert!(public.starts_with("0x04"));
        assert!(k.address().unwrap().starts_with("0x"));
        assert!(seen.insert(public), "two generated keys were equal");
    }
}

#[wasm_bindgen_test]
fn random_nonces_differ() {
    let k = SessionKey::generate().unwrap();
    let args = || {
        obj(&[
            (
                "authData",
                obj(&[("idToken", "a.b.c".into()), ("provider", "google".into())]),
            ),
            (
                "session",
                JsValue::from(SessionKey::from_private_key(KEY.into()).unwrap()),
            ),
            ("clientSWA", SWA.into()),
            ("clientPrivateKey", KEY.into()),
        ])
    };
    let a = build_auth_payload(args()).unwrap();
    let b = build_auth_payload(args()).unwrap();
    let nonce = |p: &JsValue| get(&get(p, "sessionData"), "nonce").as_string().unwrap();
    assert_ne!(nonce(&a), nonce(&b));
    assert_eq!(nonce(&a).len(), 36);
    let keys: Vec<String> = Object::keys(get(&a, "sessionData").unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "nonce",
            "clientSWA",
            "sessionPk",
            "maxPriorityFeePerGas",
            "maxFeePerGas",
            "paymaster",
            "paymasterData"
        ]
    );
    drop(k);
}

#[wasm_bindgen_test]
fn errors_are_okto_errors_with_codes() {
    let err = |r: Result<SessionKey, JsValue>| code_of(r.err().expect("should fail"));
    assert_eq!(
        err(SessionKey::from_private_key("0x".into())),
        "INVALID_PRIVATE_KEY"
    );
    assert_eq!(
        err(SessionKey::from_private_key(JsValue::from(42))),
        "INVALID_ARGUMENT"
    );
    let k = SessionKey::from_private_key(KEY.into()).unwrap();
    assert_eq!(
        code_of(k.auth_token(JsValue::from(-1)).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        code_of(k.sign_message(JsValue::NULL).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    let pm = |nonce: &str, until: JsValue| {
        generate_paymaster_data(obj(&[
            ("clientSWA", SWA.into()),
            ("clientPrivateKey", KEY.into()),
            ("nonce", nonce.into()),
            ("validUntil", until),
        ]))
    };
    assert_eq!(code_of(pm("nope", 1.into()).unwrap_err()), "INVALID_UUID");
    assert_eq!(
        code_of(
            pm(
                "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b",
                JsValue::from(2f64.powi(48))
            )
            .unwrap_err()
        ),
        "INVALID_ARGUMENT"
    );
    let msg = get(&pm("nope", 1.into()).unwrap_err(), "message")
        .as_string()
        .unwrap();
    assert!(msg.starts_with("nonce:"), "{msg}");
    assert!(pm("598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b", 1.into()).is_ok());
}

#[wasm_bindgen_test]
fn free_makes_later_calls_fail_with_session_freed() {
    let k = SessionKey::from_private_key(KEY.into()).unwrap();
    let token = k.auth_token(JsValue::UNDEFINED).unwrap();
    assert!(token.starts_with("eyJ0eXBlIjoiZWNkc2FfdW5jb21wcmVzc2VkIi"));
    let handle = JsValue::from(SessionKey::from_private_key(KEY.into()).unwrap());
    assert!(mint_auth_token(handle.clone(), 1.into()).is_ok());
    // free() on the JS object: the generated class method, as a user calls it.
    let free = js_sys::Function::from(get(&handle, "free"));
    free.call0(&handle).unwrap();
    assert_eq!(
        code_of(mint_auth_token(handle.clone(), 1.into()).unwrap_err()),
        "SESSION_FREED"
    );
    let sign = js_sys::Function::from(get(&handle, "signMessage"));
    assert_eq!(
        code_of(sign.call1(&handle, &"x".into()).unwrap_err()),
        "SESSION_FREED"
    );
    let address = Reflect::get(&handle, &"address".into());
    assert_eq!(code_of(address.unwrap_err()), "SESSION_FREED");
    k.zeroize();
    assert_eq!(code_of(k.public_key().unwrap_err()), "SESSION_FREED");
    assert_eq!(
        code_of(k.export_private_key().unwrap_err()),
        "SESSION_FREED"
    );
}
