//! Fuzzing every parser that sees outside input, with a fixed seed so CI is
//! repeatable: hex, addresses, private keys, UUIDs, JSON, REST and JSON-RPC
//! replies, and the client state machine fed random replies. Each target runs
//! `FUZZ_ITERS` inputs (default 1,000,000) and must never panic; the counts of
//! accepted and refused inputs are printed.
//!
//! CI: `cargo test --release --test fuzz -- --nocapture`.
//! Longer local run: `FUZZ_ITERS=20000000 FUZZ_SEED=7 cargo test --release --test fuzz -- --nocapture`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use okto_wasm::core::auth::AuthData;
use okto_wasm::core::client::{AuthTransport, Client, ClientSigner, Config, Route};
use okto_wasm::core::env::Environment;
use okto_wasm::core::hex;
use okto_wasm::core::json::Json;
use okto_wasm::core::key::EthKey;
use okto_wasm::core::nonce::Nonce;
use okto_wasm::core::params::{parse_intent, IntentKind};
use okto_wasm::core::session::Session;
use okto_wasm::core::userop::UserOp;
use okto_wasm::core::wire::{self, Method};

fn iters() -> u64 {
    std::env::var("FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

/// xorshift64*: fast, seedable, good enough to drive a fuzzer.
struct Rng(u64);

impl Rng {
    fn new(salt: u64) -> Self {
        let seed: u64 = std::env::var("FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x0c70_2026);
        Rng((seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A random string: mutations of `seeds` (flip, insert, delete, truncate,
/// splice) or fresh text from an alphabet rich in the parser's own syntax.
fn input(r: &mut Rng, seeds: &[&str], alphabet: &[u8]) -> String {
    let mut s: Vec<u8> = if r.below(4) == 0 {
        (0..r.below(80)).map(|_| *r.pick(alphabet)).collect()
    } else {
        r.pick(seeds).as_bytes().to_vec()
    };
    for _ in 0..=r.below(4) {
        let at = if s.is_empty() { 0 } else { r.below(s.len()) };
        match r.below(6) {
            0 if !s.is_empty() => s[at] = *r.pick(alphabet),
            1 => s.insert(at, *r.pick(alphabet)),
            2 if !s.is_empty() => {
                s.remove(at);
            }
            3 => s.truncate(at),
            4 => {
                let other = r.pick(seeds).as_bytes();
                let from = r.below(other.len() + 1);
                s.splice(at..at, other[from..].iter().copied().take(r.below(16)));
            }
            _ => {
                let b = r.next() as u8;
                s.insert(at, b);
            }
        }
    }
    String::from_utf8_lossy(&s).into_owned()
}

fn run(name: &str, salt: u64, seeds: &[&str], alphabet: &[u8], mut f: impl FnMut(&str) -> bool) {
    let mut r = Rng::new(salt);
    let (mut ok, mut refused) = (0u64, 0u64);
    let n = iters();
    for _ in 0..n {
        if f(&input(&mut r, seeds, alphabet)) {
            ok += 1;
        } else {
            refused += 1;
        }
    }
    println!("fuzz {name}: {n} inputs, {ok} accepted, {refused} refused, no panic");
    assert_eq!(ok + refused, n);
}

const HEXISH: &[u8] = b"0123456789abcdefABCDEFxX -_gz\0\xff";

#[test]
fn hex_and_addresses() {
    let seeds = [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        "0x",
        "",
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    ];
    run("hex::decode", 1, &seeds, HEXISH, |s| {
        hex::decode("x", s).is_ok()
    });
    run("hex::parse_address", 2, &seeds, HEXISH, |s| {
        hex::parse_address("x", s).is_ok()
    });
}

#[test]
fn private_keys() {
    let seeds = [
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        "0x0000000000000000000000000000000000000000000000000000000000000000",
    ];
    run("EthKey::from_hex", 3, &seeds, HEXISH, |s| {
        EthKey::from_hex("privateKey", s).is_ok()
    });
}

#[test]
fn uuids() {
    let seeds = [
        "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ];
    run(
        "Nonce::parse",
        4,
        &seeds,
        b"0123456789abcdefABCDEF-{}g ",
        |s| Nonce::parse("nonce", s).is_ok(),
    );
}

const JSONISH: &[u8] = b"{}[]\":,0123456789.-+eEtrufalsn \\u\n\tabcdef_";

#[test]
fn json_documents() {
    let seeds = [
        r#"{"status":"success","data":{"count":1,"network":[{"caip_id":"eip155:137","chain_id":"137"}]}}"#,
        r#"{"jsonrpc":"2.0","id":"1","result":{"userSWA":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}}"#,
        r#"[1,-2.5e3,true,null,"x\"\\\n\u00e9\ud83d\ude00",{"a":[]}]"#,
        r#"{"status":"error","error":{"code":401,"errorCode":"E","message":"m","trace_id":"t"}}"#,
    ];
    run("Json::parse", 5, &seeds, JSONISH, |s| {
        match Json::parse(s) {
            Some(v) => {
                // Whatever parses must write back to text that parses to the same value.
                assert_eq!(Json::parse(&v.to_json()), Some(v));
                true
            }
            None => false,
        }
    });
}

#[test]
fn rest_and_rpc_replies() {
    let seeds = [
        r#"{"status":"success","data":{"count":1,"network":[{"caip_id":"eip155:137"}]}}"#,
        r#"{"status":"error","error":{"code":401,"errorCode":"E","message":"m","trace_id":"t"}}"#,
        r#"{"jsonrpc":"2.0","id":"id-1","result":{"userSWA":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","sessionExpiry":99}}"#,
        r#"{"jsonrpc":"2.0","id":"id-1","error":{"code":-32602,"message":"bad","data":{"x":1}}}"#,
    ];
    let rest = wire::rest(Method::Get, "http://x", "/api/oc/v1/wallets", None, None);
    let rpc = wire::rpc("http://x", "authenticate", "[]", "id-1".into(), None);
    let mut r = Rng::new(6);
    let statuses = [200u16, 201, 204, 400, 401, 404, 500, 502, 0, 999];
    run("wire::parse_reply", 7, &seeds, JSONISH, |s| {
        let req = if r.below(2) == 0 { &rest } else { &rpc };
        let status = *r.pick(&statuses);
        match wire::parse_reply(req, status, s) {
            Ok(_) => true,
            Err(e) => {
                assert!(!e.code().is_empty());
                false
            }
        }
    });
}

/// The whole client fed random replies for every kind of call.
#[test]
fn client_state_machine() {
    let key = EthKey::from_hex(
        "k",
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    )
    .unwrap();
    let swa = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    let mut c = Client::new(Config {
        env: Environment::Sandbox,
        client_swa: swa.into(),
        client_swa_addr: hex::parse_address("s", swa).unwrap(),
        signer: ClientSigner::Key(Box::new(key)),
        gateway: "http://gw".into(),
        bff: "http://bff".into(),
        auth_transport: AuthTransport::Rest,
    });
    let seeds = [
        r#"{"status":"success","data":{"userSWA":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","sessionExpiry":4000000000}}"#,
        r#"{"status":"success","data":{"count":1,"network":[{"caip_id":"eip155:137"}],"tokens":[],"activity":[],"details":[],"items":[]}}"#,
        r#"{"status":"success","data":[{"caip_id":"eip155:137","address":"0x"}]}"#,
        r#"{"status":"success","data":{"user_swa":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","client_swa":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}}"#,
        r#"{"status":"error","error":{"message":"no"}}"#,
        r#"{"status":"success","data":{"maxFeePerGas":"0xBA43B7400","maxPriorityFeePerGas":"0x1","jobId":"j"}}"#,
        r#"{"status":"success","data":[{"transactionId":"598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b","signature":"0xabab"}]}"#,
    ];
    let routes = [
        Route::Wallets,
        Route::Networks,
        Route::Tokens,
        Route::Portfolio,
        Route::Activity,
        Route::Nft,
        Route::UserKeys,
        Route::VerifySession,
        Route::GasValues,
        Route::Estimate("{}".into()),
        Route::Execute("{}".into()),
        Route::SignMessage {
            body: "{}".into(),
            tid: "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b".into(),
        },
    ];
    let mut r = Rng::new(8);
    let mut n = 0u64;
    run("Client::finish", 9, &seeds, JSONISH, |body| {
        n += 1;
        // A login now and then (it signs, so not every time); otherwise a route.
        let prepared = if c.session().is_none() || n % 5_000 == 0 {
            if n % 5_000 != 0 && c.session().is_none() {
                c.set_session(Session::new(EthKey::generate().unwrap(), swa.into(), None));
            }
            if n % 5_000 == 0 {
                c.prepare_login(AuthData::new("a.b.c".into(), "google".into()).unwrap(), 1)
                    .unwrap()
            } else {
                c.prepare_route(r.pick(&routes).clone()).unwrap()
            }
        } else {
            c.prepare_route(r.pick(&routes).clone()).unwrap()
        };
        c.request(prepared.id, &[], 1, Nonce::random().unwrap())
            .unwrap();
        let status = *r.pick(&[200u16, 200, 200, 401, 500]);
        c.finish(prepared.id, status, body).is_ok()
    });
}

#[test]
fn intent_parameters_and_user_ops() {
    let seeds = [
        r#"{"caip2Id":"eip155:137","recipient":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","token":"","amount":"1000000"}"#,
        r#"{"caip2Id":"eip155:8453","collectionAddress":"0x8617E340B3D01FA5F11F306F4090FD50E238070D","nftId":"0x2a","recipientWalletAddress":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","amount":1,"nftType":"ERC721"}"#,
        r#"{"caip2Id":"eip155:1","transaction":{"from":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","data":"0xabcd","value":9007199254740991}}"#,
    ];
    let mut r = Rng::new(10);
    run("parse_intent", 11, &seeds, JSONISH, |text| {
        let kind = *r.pick(&[IntentKind::Token, IntentKind::Nft, IntentKind::Raw]);
        parse_intent(kind, Json::parse(text).as_ref()).is_ok()
    });
    let ops = [
        r#"{"sender":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","nonce":"0x00000000000000000000000000000000598b94ab5fcb4cd8a5b3da2f35f0f61b","paymaster":"0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3","callGasLimit":"0x927c0","verificationGasLimit":"0x61a80","preVerificationGas":"0x186a0","maxFeePerGas":"0xBA43B7400","maxPriorityFeePerGas":"0xba43b7400","paymasterPostOpGasLimit":"0x30d40","paymasterVerificationGasLimit":"0x30d40","callData":"0x8dd7712f","paymasterData":"0x1234"}"#,
    ];
    run("UserOp::from_json", 12, &ops, JSONISH, |text| {
        Json::parse(text)
            .map(|j| UserOp::from_json(&j).is_ok())
            .unwrap_or(false)
    });
}
