//! Native benchmarks of the core (not part of CI): the same operations that
//! tests/bench/run.mjs times in Chromium, so the wasm-vs-native ratio can be read off.
//!
//!   cargo bench --bench core
//!   cargo bench --bench core --config 'profile.bench.package.k256.opt-level=3'
//!
//! The `bench` profile inherits `release`, so k256 and friends are at opt-level
//! "z" as in the shipped wasm unless overridden as above. docs/BENCHMARKS-perf.md
//! has the figures.

// criterion is a native-only dev-dependency; clippy --all-targets also checks
// this file for wasm32, where it is an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use alloy_primitives::eip191_hash_message;
    use criterion::{criterion_group, Criterion};
    use okto_wasm::core::auth::{build_auth_payload, AuthData, AuthPayloadInput};
    use okto_wasm::core::env::Environment;
    use okto_wasm::core::key::EthKey;
    use okto_wasm::core::nonce::Nonce;
    use okto_wasm::core::token::{auth_token, base64};
    use std::hint::black_box;
    use std::time::Duration;

    /// The same keys as tests/bench: a fixed session key and the dev gateway's client.
    const SESSION_HEX: &str = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    const CLIENT_HEX: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const CLIENT_SWA: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const NONCE: &str = "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b";
    const EXPIRE_AT: u64 = 1_700_005_400;
    const VALID_UNTIL: u64 = 1_700_021_600;

    fn key(hex: &str) -> EthKey {
        match EthKey::from_hex("key", hex) {
            Ok(k) => k,
            Err(e) => unreachable!("bench key: {e}"),
        }
    }

    /// What one `SessionKey.authToken(t)` does, and its parts.
    fn token(c: &mut Criterion) {
        let session = key(SESSION_HEX);
        let mut g = c.benchmark_group("token");
        g.bench_function("auth_token", |b| {
            b.iter(|| auth_token(black_box(&session), black_box(EXPIRE_AT)))
        });
        // The parts, for the profile in docs/BENCHMARKS-perf.md.
        let data = format!(
            r#"{{"expire_at":{EXPIRE_AT},"session_pub_key":"{}"}}"#,
            session.public_key_hex()
        );
        let digest = eip191_hash_message(data.as_bytes());
        g.bench_function("part/eip191_keccak", |b| {
            b.iter(|| eip191_hash_message(black_box(data.as_bytes())))
        });
        g.bench_function("part/ecdsa_sign_digest", |b| {
            b.iter(|| session.sign_digest(black_box(&digest)))
        });
        g.bench_function("part/public_key_hex", |b| {
            b.iter(|| black_box(&session).public_key_hex())
        });
        let json = [0x61u8; 336]; // the token JSON's length
        g.bench_function("part/base64_336", |b| b.iter(|| base64(black_box(&json))));
        g.finish();
    }

    /// What one `buildAuthPayload(...)` does: parse the client key, paymaster
    /// data (one signature), two payload signatures, JSON.
    fn auth_payload(c: &mut Criterion) {
        let session = key(SESSION_HEX);
        let mut g = c.benchmark_group("auth_payload");
        g.bench_function("build_auth_payload", |b| {
            b.iter(|| {
                let client = key(black_box(CLIENT_HEX));
                let nonce = match Nonce::parse("nonce", NONCE) {
                    Ok(n) => n,
                    Err(e) => unreachable!("bench nonce: {e}"),
                };
                let auth_data = AuthData {
                    id_token: "header.payload.sig".to_owned(),
                    provider: "google".to_owned(),
                };
                build_auth_payload(AuthPayloadInput {
                    auth_data,
                    session: &session,
                    client_swa: CLIENT_SWA,
                    client_key: &client,
                    paymaster: Environment::Sandbox.paymaster(),
                    nonce,
                    valid_until: VALID_UNTIL,
                    gas_fields: false,
                })
                .map(|p| p.to_json())
            })
        });
        g.bench_function("part/key_from_hex", |b| {
            b.iter(|| EthKey::from_hex("key", black_box(CLIENT_HEX)).is_ok())
        });
        g.finish();
    }

    fn config() -> Criterion {
        Criterion::default()
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sample_size(50)
    }

    criterion_group! {
        name = benches;
        config = config();
        targets = token, auth_payload
    }
}
