//! secp256k1 keys that sign the EIP-191 way (PROTOCOL.md §2, §3).

use super::error::{random_error, Error, Result};
use super::hex;
use alloy_primitives::{eip191_hash_message, keccak256, Address, B256};
use k256::elliptic_curve::sec1::ToEncodedPoint;
use k256::elliptic_curve::PrimeField;
use k256::NonZeroScalar;
use std::fmt;
use zeroize::Zeroizing;

mod ecdsa;
mod safegcd;

/// A 65-byte `r || s || v` signature with `v = 27 + recovery id` (PROTOCOL.md §3).
pub type Signature65 = [u8; 65];

/// A secp256k1 private key with its cached public key and address.
///
/// Used for session keys and for the client key. The scalar is wiped on drop
/// (`Zeroizing`, as k256's `SigningKey` does). There is deliberately no `Clone`,
/// `PartialEq` or derived `Debug`: the hand-written `Debug` shows the address.
pub struct EthKey {
    secret: Zeroizing<NonZeroScalar>,
    public: [u8; 65],
    address: Address,
}

impl EthKey {
    /// A fresh key from the platform CSPRNG (`crypto.getRandomValues` in wasm).
    ///
    /// # Errors
    /// [`Error::Random`] when the platform has no working CSPRNG.
    pub fn generate() -> Result<Self> {
        loop {
            let mut bytes = Zeroizing::new([0u8; 32]);
            getrandom::getrandom(bytes.as_mut()).map_err(random_error)?;
            // A uniformly random 32-byte string is a valid scalar with
            // probability 1 - 2^-128; retrying keeps the distribution uniform.
            if let Ok(key) = Self::from_bytes("privateKey", bytes.as_ref()) {
                return Ok(key);
            }
        }
    }

    /// Imports a raw 32-byte scalar.
    ///
    /// # Errors
    /// [`Error::InvalidPrivateKey`] for a wrong length, zero, or a value not below the
    /// curve order. The message gives lengths only, never the bytes.
    pub fn from_bytes(field: &'static str, bytes: &[u8]) -> Result<Self> {
        if bytes.len() != 32 {
            return Err(Error::InvalidPrivateKey {
                field: field.into(),
                reason: format!("expected 32 bytes, got {}", bytes.len()).into(),
            });
        }
        let invalid = || Error::InvalidPrivateKey {
            field: field.into(),
            reason: "not a valid secp256k1 scalar (zero or not below the curve order)".into(),
        };
        let repr = Zeroizing::new(<[u8; 32]>::try_from(bytes).map_err(|_| invalid())?);
        let secret = Option::<NonZeroScalar>::from(NonZeroScalar::from_repr((*repr).into()))
            .map(Zeroizing::new)
            .ok_or_else(invalid)?;
        // The public key from our fixed-base table (src/core/key/ecdsa.rs).
        let point = ecdsa::mul_generator(&secret)
            .to_affine()
            .to_encoded_point(false);
        let mut public = [0u8; 65];
        public.copy_from_slice(point.as_bytes());
        let address = address_of_public(&public);
        Ok(Self {
            secret,
            public,
            address,
        })
    }

    /// Imports a 32-byte key written in hex (with or without `0x`, any case).
    ///
    /// # Errors
    /// [`Error::InvalidPrivateKey`] for anything that is not 64 hex digits of a valid
    /// scalar. Bad text is reported as a bad key, not as bad hex, so that callers
    /// see one code for one argument.
    pub fn from_hex(field: &'static str, s: &str) -> Result<Self> {
        let bytes = Zeroizing::new(hex::decode(field, s).map_err(|e| match e {
            Error::InvalidHex { field, reason } => Error::InvalidPrivateKey { field, reason },
            other => other,
        })?);
        Self::from_bytes(field, &bytes)
    }

    /// A second, independent copy of this key (for a client that adopts a
    /// session: each copy zeroizes itself on drop). Deliberately not `Clone`.
    pub fn duplicate(&self) -> Self {
        Self {
            secret: Zeroizing::new(*self.secret),
            public: self.public,
            address: self.address,
        }
    }

    /// The uncompressed public key, `0x04 || x || y` (65 bytes).
    pub fn public_key(&self) -> &[u8; 65] {
        &self.public
    }

    /// The public key as `0x04…` lower-case hex (132 characters).
    pub fn public_key_hex(&self) -> String {
        hex::encode_prefixed(self.public)
    }

    /// The Ethereum address: the last 20 bytes of `keccak(x || y)`.
    pub fn address(&self) -> Address {
        self.address
    }

    /// Signs a 32-byte digest: RFC 6979 nonce, low-s, `v = 27 + recid`.
    pub fn sign_digest(&self, digest: &B256) -> Signature65 {
        // `None` only for a zero r or s, which needs a hash collision to reach;
        // a zero signature would be refused by any verifier.
        ecdsa::sign_prehash(&self.secret, &digest.0).unwrap_or([0u8; 65])
    }

    /// EIP-191 `personal_sign` of `message` (PROTOCOL.md §3). A 32-byte hash is
    /// passed here as its raw bytes, never as hex text.
    pub fn sign_message(&self, message: &[u8]) -> Signature65 {
        self.sign_digest(&eip191_hash_message(message))
    }

    /// The raw 32-byte scalar, in a buffer that wipes itself on drop: for
    /// encryption at rest only.
    pub fn to_secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        let bytes = self.secret.to_repr();
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&bytes);
        out
    }

    /// The private key as `0x…` hex, in a buffer that wipes itself on drop.
    /// The one way a key leaves the core; callers must treat it as a secret.
    pub fn export_hex(&self) -> Zeroizing<String> {
        let bytes = Zeroizing::new(self.secret.to_repr());
        Zeroizing::new(hex::encode_prefixed(&bytes[..]))
    }
}

impl fmt::Debug for EthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EthKey")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// Recovers the address that made an EIP-191 signature of `message`.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `field` when `v` is not 27/28 (or 0/1) or
/// the signature does not recover to a point.
pub fn recover_message_signer(
    field: &'static str,
    message: &[u8],
    sig: &Signature65,
) -> Result<Address> {
    let bad = || Error::invalid_argument(field, "not a valid recoverable secp256k1 signature");
    let v = sig[64];
    let half = |at: usize| <[u8; 32]>::try_from(&sig[at..at + 32]).map_err(|_| bad());
    let point = ecdsa::recover_prehash(
        &eip191_hash_message(message).0,
        half(0)?,
        half(32)?,
        if v >= 27 { v - 27 } else { v },
    )
    .ok_or_else(bad)?;
    let encoded = point.to_encoded_point(false);
    let public: [u8; 65] = encoded.as_bytes().try_into().map_err(|_| bad())?;
    Ok(address_of_public(&public))
}

/// The address of an uncompressed public key (PROTOCOL.md §2).
pub fn address_of_public(public: &[u8; 65]) -> Address {
    Address::from_slice(&keccak256(&public[1..])[12..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// Hardhat/Anvil's first default account, published in their docs:
    /// private key 0xac09…ff80 controls 0xf39F…2266.
    const HARDHAT0: [u8; 32] =
        hex!("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    #[test]
    fn published_key_to_address() {
        let k = EthKey::from_bytes("k", &HARDHAT0).unwrap();
        assert_eq!(
            k.address().to_checksum(None),
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
        );
        assert_eq!(
            k.public_key_hex(),
            "0x048318535b54105d4a7aae60c08fc45f9687181b4fdfc625bd1a753fa7397fed753547f11ca8696646f2f3acb08e31016afac23e630c5d11f59f61fef57b0d2aa5"
        );
    }

    /// Private key 1: the generator G, whose address is well known.
    #[test]
    fn key_one_is_the_generator() {
        let mut one = [0u8; 32];
        one[31] = 1;
        let k = EthKey::from_bytes("k", &one).unwrap();
        assert_eq!(
            k.address().to_checksum(None),
            "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
        );
    }

    /// EIP-191 `personal_sign` vector from viem's test suite (signMessage.test.ts,
    /// "hello world" with the Anvil account above).
    #[test]
    fn eip191_hello_world() {
        let k = EthKey::from_bytes("k", &HARDHAT0).unwrap();
        let sig = k.sign_message(b"hello world");
        assert_eq!(
            hex::encode_prefixed(sig),
            "0xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b"
        );
    }

    /// EIP-191's digest for "hello world" (as in ethers' and viem's hashMessage tests).
    #[test]
    fn eip191_digest() {
        assert_eq!(
            eip191_hash_message(b"hello world"),
            B256::from(hex!(
                "d9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68"
            ))
        );
    }

    #[test]
    fn bad_keys_are_refused_without_echoing_them() {
        let zero = [0u8; 32];
        let order = hex!("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
        for bad in [&zero[..], &order[..], &HARDHAT0[..31], &[]] {
            let e = EthKey::from_bytes("privateKey", bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_PRIVATE_KEY");
        }
        let e = EthKey::from_hex(
            "privateKey",
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ffzz",
        )
        .unwrap_err();
        assert_eq!(e.code(), "INVALID_PRIVATE_KEY");
        assert!(!e.to_string().contains("ac0974"));
        assert!(!format!("{:?}", EthKey::from_bytes("k", &HARDHAT0).unwrap()).contains("ac0974"));
    }

    #[test]
    fn signatures_are_low_s_and_recover() {
        let k = EthKey::generate().unwrap();
        for i in 0..64u8 {
            let sig = k.sign_message(&[i; 7]);
            let s = k256::ecdsa::Signature::from_slice(&sig[..64]).unwrap();
            assert!(s.normalize_s().is_none(), "high s");
            let recid = k256::ecdsa::RecoveryId::from_byte(sig[64] - 27).unwrap();
            let vk = k256::ecdsa::VerifyingKey::recover_from_prehash(
                eip191_hash_message([i; 7]).as_slice(),
                &s,
                recid,
            )
            .unwrap();
            assert_eq!(vk.to_encoded_point(false).as_bytes(), k.public_key());
        }
    }

    #[test]
    fn export_round_trips() {
        let k = EthKey::from_bytes("k", &HARDHAT0).unwrap();
        let again = EthKey::from_hex("k", &k.export_hex()).unwrap();
        assert_eq!(again.address(), k.address());
    }
}
