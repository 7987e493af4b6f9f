//! Paymaster data (PROTOCOL.md §5).

use super::error::{Error, Result};
use super::key::{EthKey, Signature65};
use super::nonce::Nonce;
use alloy_primitives::{aliases::U48, keccak256, Address, Bytes, B256};
use alloy_sol_types::SolValue;

/// The largest value a `uint48` holds.
pub const UINT48_MAX: u64 = (1 << 48) - 1;

/// Checks that `value` fits a `uint48`.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `field`.
pub fn check_uint48(field: &'static str, value: u64) -> Result<u64> {
    if value > UINT48_MAX {
        return Err(Error::invalid_argument(
            field,
            format!("must fit in a uint48 (at most {UINT48_MAX})"),
        ));
    }
    Ok(value)
}

/// `keccak(encodePacked(bytes32 nonce, address clientSWA, uint48 validUntil, uint48 validAfter))`:
/// the digest the client key signs (as raw bytes, PROTOCOL.md §3).
///
/// # Errors
/// [`Error::InvalidArgument`] when a time does not fit a `uint48`.
pub fn paymaster_hash(
    client_swa: Address,
    nonce: &Nonce,
    valid_until: u64,
    valid_after: u64,
) -> Result<B256> {
    let valid_until = check_uint48("validUntil", valid_until)?;
    let valid_after = check_uint48("validAfter", valid_after)?;
    let mut packed = [0u8; 32 + 20 + 6 + 6];
    packed[..32].copy_from_slice(nonce.to_bytes32().as_slice());
    packed[32..52].copy_from_slice(client_swa.as_slice());
    packed[52..58].copy_from_slice(&valid_until.to_be_bytes()[2..]);
    packed[58..].copy_from_slice(&valid_after.to_be_bytes()[2..]);
    Ok(keccak256(packed))
}

/// `abi.encode(address clientSWA, uint48 validUntil, uint48 validAfter, bytes sig)`.
/// The times must already have passed [`check_uint48`] (they have, when they
/// went through [`paymaster_hash`]); larger values are truncated to 48 bits.
pub fn encode_paymaster_data(
    client_swa: Address,
    valid_until: u64,
    valid_after: u64,
    sig: &Signature65,
) -> Vec<u8> {
    (
        client_swa,
        U48::saturating_from(valid_until),
        U48::saturating_from(valid_after),
        Bytes::copy_from_slice(sig),
    )
        .abi_encode_params()
}

/// Paymaster data signed by a local client key: [`paymaster_hash`], signed,
/// then [`encode_paymaster_data`] (PROTOCOL.md §5).
///
/// # Errors
/// [`Error::InvalidArgument`] when a time does not fit a `uint48`.
pub fn paymaster_data(
    client_swa: Address,
    client_key: &EthKey,
    nonce: &Nonce,
    valid_until: u64,
    valid_after: u64,
) -> Result<Vec<u8>> {
    let hash = paymaster_hash(client_swa, nonce, valid_until, valid_after)?;
    let sig = client_key.sign_message(hash.as_slice());
    Ok(encode_paymaster_data(
        client_swa,
        valid_until,
        valid_after,
        &sig,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hex;
    use hex_literal::hex;

    /// Computed by `@okto_web3/core-js-sdk@1.1.0`'s `OktoClient.paymasterData`
    /// (tests/diff/vectors.mjs) for the Anvil key 0xac09…ff80 as client key, client
    /// SWA 0x5aAe…BeAed (EIP-55's example), the nonce of PROTOCOL.md §4,
    /// validUntil 1735689600 and validAfter 0.
    #[test]
    fn official_sdk_vector() {
        let key = EthKey::from_bytes(
            "k",
            &hex!("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
        )
        .unwrap();
        let swa = hex::parse_address("s", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unwrap();
        let nonce = Nonce::parse("n", "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b").unwrap();
        let data = paymaster_data(swa, &key, &nonce, 1_735_689_600, 0).unwrap();
        assert_eq!(data.len(), 256);
        // One 32-byte word per line: address, validUntil, validAfter, offset,
        // length, then the 65-byte signature in three words.
        let words: Vec<String> = data.chunks(32).map(alloy_primitives::hex::encode).collect();
        assert_eq!(
            words,
            [
                "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
                "0000000000000000000000000000000000000000000000000000000067748580",
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "0000000000000000000000000000000000000000000000000000000000000041",
                PAYMASTER_SIG_WORDS[0],
                PAYMASTER_SIG_WORDS[1],
                PAYMASTER_SIG_WORDS[2],
            ]
        );
    }

    const PAYMASTER_SIG_WORDS: [&str; 3] = [
        "acf40b680d139ca68b53f778b6939917578f76820205331b192e6d2e2442d24a",
        "0d10c9f52b16b9df5b7d24950e288fa455f7e7a37e9491ba339658867c8967f0",
        "1b00000000000000000000000000000000000000000000000000000000000000",
    ];

    #[test]
    fn times_must_fit_uint48() {
        let key = EthKey::generate().unwrap();
        let nonce = Nonce::random().unwrap();
        let e = paymaster_data(Address::ZERO, &key, &nonce, UINT48_MAX + 1, 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "validUntil: must fit in a uint48 (at most 281474976710655)"
        );
        let e = paymaster_data(Address::ZERO, &key, &nonce, 1, UINT48_MAX + 1).unwrap_err();
        assert_eq!(e.code(), "INVALID_ARGUMENT");
        assert!(paymaster_data(Address::ZERO, &key, &nonce, UINT48_MAX, UINT48_MAX).is_ok());
    }
}
