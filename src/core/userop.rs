//! Intents as ERC-4337 user operations (PROTOCOL.md §9): call data, the
//! official SDK's v0.7 packing and hash, and the session key's signature.
//!
//! Pure and tested natively against vectors from the official SDK; the
//! client (`client.rs`) adds the chain list, gas prices and signatures.

use super::error::{Error, Result};
use super::hex;
use super::json::Json;
use super::key::{EthKey, Signature65};
use super::nonce::Nonce;
use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{sol, SolCall, SolValue};

sol! {
    /// The job manager's entry point for intents.
    function initiateJob(
        uint256 _jobId,
        address _clientSWA,
        address _userSWA,
        address _feePayerAddress,
        bytes _policyInfo,
        bytes _gsnData,
        bytes _jobParameters,
        string _intentType
    );
}

/// `executeUserOp(…)`'s selector, the first word of every intent's call data.
pub const EXECUTE_USEROP_SELECTOR: [u8; 4] = [0x8d, 0xd7, 0x71, 0x2f];

/// Fixed gas limits (PROTOCOL.md §9).
pub const CALL_GAS_LIMIT: u64 = 600_000;
/// Fixed gas limits (PROTOCOL.md §9).
pub const VERIFICATION_GAS_LIMIT: u64 = 400_000;
/// Fixed gas limits (PROTOCOL.md §9).
pub const PRE_VERIFICATION_GAS: u64 = 100_000;
/// Fixed gas limits (PROTOCOL.md §9).
pub const PAYMASTER_GAS_LIMIT: u64 = 200_000;

/// A chain's entry in `supported/networks`, as far as intents need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainPolicy {
    /// `eip155:137`, …
    pub caip2_id: String,
    /// `gsn_enabled`.
    pub gsn_enabled: bool,
    /// `sponsorship_enabled`.
    pub sponsorship_enabled: bool,
}

impl ChainPolicy {
    /// The entry for `caip2_id` in `supported/networks` (camelCased `network`
    /// list), compared without case as the official SDK does.
    ///
    /// # Errors
    /// `UNSUPPORTED_CHAIN` when the list has no such chain.
    pub fn find(networks: &Json, caip2_id: &str) -> Result<Self> {
        let list = match networks {
            Json::Array(items) => items.as_slice(),
            _ => &[],
        };
        let flag = |n: &Json, k: &str| matches!(n.get(k), Some(Json::Bool(true)));
        list.iter()
            .find(|n| {
                n.get("caipId")
                    .and_then(Json::as_str)
                    .is_some_and(|c| c.eq_ignore_ascii_case(caip2_id))
            })
            .map(|n| ChainPolicy {
                caip2_id: caip2_id.to_owned(),
                gsn_enabled: flag(n, "gsnEnabled"),
                sponsorship_enabled: flag(n, "sponsorshipEnabled"),
            })
            .ok_or_else(|| Error::UnsupportedChain(caip2_id.to_owned()))
    }

    /// Whether this is an EVM chain (`eip155:`).
    pub fn is_evm(&self) -> bool {
        self.caip2_id
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("eip155:"))
    }
}

/// One EVM transaction of a raw-transaction intent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTransaction {
    /// The sender, as given.
    pub from: String,
    /// The target, as given.
    pub to: String,
    /// Call data as hex; `0x` when absent.
    pub data: Option<String>,
    /// Wei; 0 when absent.
    pub value: U256,
}

/// What the user wants done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// `TOKEN_TRANSFER`; `token` is `""` for the native token.
    Token {
        /// Chain.
        caip2_id: String,
        /// Recipient address, as given.
        recipient: String,
        /// Token contract, or `""`.
        token: String,
        /// Base units.
        amount: U256,
    },
    /// `NFT_TRANSFER`.
    Nft {
        /// Chain.
        caip2_id: String,
        /// Token id, as given.
        nft_id: String,
        /// Recipient address, as given.
        recipient: String,
        /// Collection contract, as given.
        collection: String,
        /// `ERC721`, `ERC1155`, …
        nft_type: String,
        /// How many.
        amount: U256,
    },
    /// `RAW_TRANSACTION` (EVM chains only).
    Raw {
        /// Chain.
        caip2_id: String,
        /// The transactions.
        transactions: Vec<RawTransaction>,
    },
}

impl Intent {
    /// The chain the intent runs on.
    pub fn caip2_id(&self) -> &str {
        match self {
            Intent::Token { caip2_id, .. }
            | Intent::Nft { caip2_id, .. }
            | Intent::Raw { caip2_id, .. } => caip2_id,
        }
    }

    /// The `intentType` string.
    pub fn kind(&self) -> &'static str {
        match self {
            Intent::Token { .. } => "TOKEN_TRANSFER",
            Intent::Nft { .. } => "NFT_TRANSFER",
            Intent::Raw { .. } => "RAW_TRANSACTION",
        }
    }

    /// `abi.encode(P)`: the parameter tuple as one (dynamic) parameter.
    pub fn job_parameters(&self) -> Vec<u8> {
        match self {
            Intent::Token {
                caip2_id,
                recipient,
                token,
                amount,
            } => {
                ((caip2_id.clone(), recipient.clone(), token.clone(), *amount),).abi_encode_params()
            }
            Intent::Nft {
                caip2_id,
                nft_id,
                recipient,
                collection,
                nft_type,
                amount,
            } => ((
                caip2_id.clone(),
                nft_id.clone(),
                recipient.clone(),
                collection.clone(),
                nft_type.clone(),
                *amount,
            ),)
                .abi_encode_params(),
            Intent::Raw {
                caip2_id,
                transactions,
            } => {
                let txs: Vec<Bytes> = transactions
                    .iter()
                    .map(|t| Bytes::from(raw_json(t).into_bytes()))
                    .collect();
                ((caip2_id.clone(), txs),).abi_encode_params()
            }
        }
    }
}

/// `JSON.stringify({from, to, data, value})` with `data` defaulting to `0x` and
/// `value` as minimal hex.
pub fn raw_json(t: &RawTransaction) -> String {
    let mut out = String::from("{\"from\":");
    super::json::write_str(&mut out, &t.from);
    out.push_str(",\"to\":");
    super::json::write_str(&mut out, &t.to);
    out.push_str(",\"data\":");
    super::json::write_str(&mut out, t.data.as_deref().unwrap_or("0x"));
    out.push_str(",\"value\":");
    super::json::write_str(&mut out, &quantity_hex(&t.value));
    out.push('}');
    out
}

impl Intent {
    /// The address the intent sends to, if it has one.
    pub fn recipient(&self) -> Option<&str> {
        match self {
            Intent::Token { recipient, .. } | Intent::Nft { recipient, .. } => Some(recipient),
            Intent::Raw { .. } => None,
        }
    }

    /// The `details` object of an estimate request (okto-openapi/intents-*.json).
    pub fn estimate_details(&self) -> Json {
        let s = |v: &str| Json::String(v.to_owned());
        let fields = match self {
            Intent::Token {
                caip2_id,
                recipient,
                token,
                amount,
            } => vec![
                ("recipientWalletAddress", s(recipient)),
                ("caip2Id", s(caip2_id)),
                ("tokenAddress", s(token)),
                ("amount", Json::String(decimal(amount))),
            ],
            Intent::Nft {
                caip2_id,
                nft_id,
                recipient,
                collection,
                nft_type,
                amount,
            } => vec![
                ("caip2Id", s(caip2_id)),
                ("nftId", s(nft_id)),
                ("recipientWalletAddress", s(recipient)),
                ("collectionAddress", s(collection)),
                ("nftType", s(nft_type)),
                ("amount", Json::String(decimal(amount))),
            ],
            Intent::Raw {
                caip2_id,
                transactions,
            } => vec![
                ("caip2Id", s(caip2_id)),
                (
                    "transactions",
                    Json::Array(
                        transactions
                            .iter()
                            .filter_map(|t| Json::parse(&raw_json(t)))
                            .collect(),
                    ),
                ),
            ],
        };
        Json::Object(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// Parses a hex quantity (`0x` optional, at least one digit) of at most
/// `max_bytes` bytes, as viem's `pad(…, {size})` accepts it.
///
/// # Errors
/// `INVALID_HEX` naming `field` for bad digits, `INVALID_ARGUMENT` when too large.
pub fn parse_quantity(field: &'static str, s: &str, max_bytes: usize) -> Result<U256> {
    let digits = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::InvalidHex {
            field: field.into(),
            reason: "must be a hex quantity such as 0x927c0".into(),
        });
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > max_bytes * 2 {
        return Err(Error::invalid_argument(field, "is too large for its slot"));
    }
    let mut padded = "0".repeat(64 - trimmed.len());
    padded.push_str(trimmed);
    hex::decode_fixed::<32>(field, &padded).map(U256::from_be_bytes)
}

/// `v` as minimal hex (`0x0`, `0x927c0`), as viem's `toHex`/`numberToHex` write it.
pub fn quantity_hex(v: &U256) -> String {
    let full = hex::encode_prefixed(v.to_be_bytes::<32>());
    let digits = full
        .strip_prefix("0x")
        .unwrap_or(&full)
        .trim_start_matches('0');
    let mut out = String::from("0x");
    out.push_str(if digits.is_empty() { "0" } else { digits });
    out
}

/// 256-bit words as eight 32-bit limbs, least significant first: decimal
/// conversion then needs only 64-bit arithmetic (no u128 helpers in the wasm).
fn limbs(v: &U256) -> [u32; 8] {
    let mut out = [0u32; 8];
    for (l, chunk) in out.iter_mut().zip(v.to_be_bytes::<32>().rchunks_exact(4)) {
        *l = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    }
    out
}

/// `v` in decimal.
pub fn decimal(v: &U256) -> String {
    let mut limbs = limbs(v);
    let mut digits = Vec::new();
    loop {
        let mut rem = 0u64;
        for l in limbs.iter_mut().rev() {
            let cur = (rem << 32) | u64::from(*l);
            *l = (cur / 10) as u32;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
        if limbs.iter().all(|&l| l == 0) {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Gas prices from `gas-values`, kept as the server wrote them: the official
/// SDK copies them into the user op verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GasPrice {
    /// `maxFeePerGas`.
    pub max_fee_per_gas: String,
    /// `maxPriorityFeePerGas`.
    pub max_priority_fee_per_gas: String,
}

impl GasPrice {
    /// Reads `{maxFeePerGas, maxPriorityFeePerGas}` (hex quantities of at most 16 bytes).
    ///
    /// # Errors
    /// `BAD_RESPONSE` naming `what` for a missing or malformed price.
    pub fn from_reply(what: &str, data: &Json) -> Result<Self> {
        let [max_fee_per_gas, max_priority_fee_per_gas] = ["maxFeePerGas", "maxPriorityFeePerGas"]
            .map(|k| {
                data.get(k)
                    .and_then(Json::as_str)
                    .filter(|v| v.starts_with("0x") && parse_quantity(k, v, 16).is_ok())
                    .map(str::to_owned)
            });
        match (max_fee_per_gas, max_priority_fee_per_gas) {
            (Some(max_fee_per_gas), Some(max_priority_fee_per_gas)) => Ok(Self {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            }),
            _ => Err(Error::BadResponse {
                what: what.to_owned(),
                reason: "gas prices are not hex quantities of at most 16 bytes".into(),
            }),
        }
    }
}

/// Parses an amount in base units: a decimal integer string, exact up to
/// uint256 (numbers and BigInts arrive here as their decimal text).
///
/// # Errors
/// `INVALID_ARGUMENT` naming `field` for a sign, a fraction, an exponent,
/// other characters, or a value above 2^256 - 1.
pub fn parse_amount(field: &'static str, s: &str) -> Result<U256> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_argument(
            field,
            "must be a non-negative whole number in base units (digits only)",
        ));
    }
    let mut limbs = [0u32; 8];
    for b in s.bytes() {
        let mut carry = u64::from(b - b'0');
        for l in limbs.iter_mut() {
            let v = u64::from(*l) * 10 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            return Err(Error::invalid_argument(field, "exceeds uint256"));
        }
    }
    let mut be = [0u8; 32];
    for (chunk, l) in be.rchunks_exact_mut(4).zip(limbs) {
        chunk.copy_from_slice(&l.to_be_bytes());
    }
    Ok(U256::from_be_bytes(be))
}

/// Everything an intent's user op needs besides the intent itself.
pub struct OpContext<'a> {
    /// The environment's job manager.
    pub job_manager: Address,
    /// The client SWA.
    pub client_swa: Address,
    /// The user SWA (the op's sender).
    pub user_swa: Address,
    /// Who pays the fee; the zero address by default.
    pub fee_payer: Address,
    /// The chain's flags from `supported/networks`.
    pub chain: &'a ChainPolicy,
    /// The op's nonce, also the job id.
    pub nonce: Nonce,
}

/// `abi.encode(bytes4 0x8dd7712f, address jobManager, uint256 0, bytes initiateJob(…))`.
pub fn call_data(ctx: &OpContext<'_>, intent: &Intent) -> Vec<u8> {
    let policy = ((ctx.chain.gsn_enabled, ctx.chain.sponsorship_enabled),).abi_encode_params();
    // `(bool, string[], P[])` with both lists empty: an empty P[] encodes as an
    // empty string[] does (a length word of zero), whatever P is.
    let gsn = ((false, Vec::<String>::new(), Vec::<String>::new()),).abi_encode_params();
    let inner = initiateJobCall {
        _jobId: U256::from_be_bytes(ctx.nonce.to_bytes32().0),
        _clientSWA: ctx.client_swa,
        _userSWA: ctx.user_swa,
        _feePayerAddress: ctx.fee_payer,
        _policyInfo: policy.into(),
        _gsnData: gsn.into(),
        _jobParameters: intent.job_parameters().into(),
        _intentType: intent.kind().into(),
    }
    .abi_encode();
    let mut selector = [0u8; 32];
    selector[..4].copy_from_slice(&EXECUTE_USEROP_SELECTOR);
    (
        B256::from(selector),
        ctx.job_manager,
        U256::ZERO,
        Bytes::from(inner),
    )
        .abi_encode_params()
}

/// The user op of an intent as the official SDK returns it: JSON with hex
/// fields in its key order (PROTOCOL.md §9), not yet signed.
pub fn user_op_json(
    ctx: &OpContext<'_>,
    intent: &Intent,
    sender: &str,
    paymaster: Address,
    gas: &GasPrice,
    paymaster_data: &[u8],
) -> Json {
    let s = Json::String;
    let q = |v: u64| Json::String(quantity_hex(&U256::from(v)));
    Json::Object(
        [
            ("sender", s(sender.to_owned())),
            ("nonce", s(hex::encode_prefixed(ctx.nonce.to_bytes32()))),
            ("paymaster", s(paymaster.to_checksum(None))),
            ("callGasLimit", q(CALL_GAS_LIMIT)),
            ("verificationGasLimit", q(VERIFICATION_GAS_LIMIT)),
            ("preVerificationGas", q(PRE_VERIFICATION_GAS)),
            ("maxFeePerGas", s(gas.max_fee_per_gas.clone())),
            (
                "maxPriorityFeePerGas",
                s(gas.max_priority_fee_per_gas.clone()),
            ),
            ("paymasterPostOpGasLimit", q(PAYMASTER_GAS_LIMIT)),
            ("paymasterVerificationGasLimit", q(PAYMASTER_GAS_LIMIT)),
            ("callData", s(hex::encode_prefixed(call_data(ctx, intent)))),
            ("paymasterData", s(hex::encode_prefixed(paymaster_data))),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    )
}

/// A user operation with byte fields (PROTOCOL.md §9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserOp {
    /// The user SWA.
    pub sender: Address,
    /// The nonce's bytes32 form.
    pub nonce: B256,
    /// The paymaster contract.
    pub paymaster: Address,
    /// Gas limit for the call.
    pub call_gas_limit: U256,
    /// Gas limit for verification.
    pub verification_gas_limit: U256,
    /// Gas paid up front.
    pub pre_verification_gas: U256,
    /// From `gas-values`.
    pub max_fee_per_gas: U256,
    /// From `gas-values`.
    pub max_priority_fee_per_gas: U256,
    /// Paymaster post-op limit.
    pub paymaster_post_op_gas_limit: U256,
    /// Paymaster verification limit.
    pub paymaster_verification_gas_limit: U256,
    /// From [`call_data`].
    pub call_data: Vec<u8>,
    /// PROTOCOL.md §5 for the op's nonce.
    pub paymaster_data: Vec<u8>,
}

fn pad16(v: U256) -> [u8; 16] {
    let be = v.to_be_bytes::<32>();
    let mut out = [0u8; 16];
    out.copy_from_slice(&be[16..]);
    out
}

impl UserOp {
    /// `keccak(abi.encode(keccak(pack), entryPoint, chainId))` with the official
    /// SDK's packing, whose `gasFees` puts `maxFeePerGas` first.
    pub fn hash(&self, entry_point: Address, chain_id: u64) -> B256 {
        let mut account_gas_limits = [0u8; 32];
        account_gas_limits[..16].copy_from_slice(&pad16(self.verification_gas_limit));
        account_gas_limits[16..].copy_from_slice(&pad16(self.call_gas_limit));
        let mut gas_fees = [0u8; 32];
        gas_fees[..16].copy_from_slice(&pad16(self.max_fee_per_gas));
        gas_fees[16..].copy_from_slice(&pad16(self.max_priority_fee_per_gas));
        let mut paymaster_and_data = Vec::with_capacity(20 + 32 + self.paymaster_data.len());
        paymaster_and_data.extend_from_slice(self.paymaster.as_slice());
        paymaster_and_data.extend_from_slice(&pad16(self.paymaster_verification_gas_limit));
        paymaster_and_data.extend_from_slice(&pad16(self.paymaster_post_op_gas_limit));
        paymaster_and_data.extend_from_slice(&self.paymaster_data);
        let pack = (
            self.sender,
            self.nonce,
            keccak256([]),
            keccak256(&self.call_data),
            B256::from(account_gas_limits),
            self.pre_verification_gas,
            B256::from(gas_fees),
            keccak256(&paymaster_and_data),
        )
            .abi_encode_params();
        keccak256((keccak256(pack), entry_point, U256::from(chain_id)).abi_encode_params())
    }

    /// Reads a user op given as JSON (`signUserOp`'s argument), naming the bad field.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for a missing or non-string field, `INVALID_ADDRESS`,
    /// `INVALID_HEX`, or a quantity too large for its packed slot.
    pub fn from_json(op: &Json) -> Result<Self> {
        if !op.is_object() {
            return Err(Error::invalid_argument("userOp", "must be an object"));
        }
        // Fields as `userOp.<key>`, and the byte size of each quantity's slot.
        const QUANTITIES: [(&str, usize); 8] = [
            ("userOp.nonce", 32),
            ("userOp.callGasLimit", 16),
            ("userOp.verificationGasLimit", 16),
            ("userOp.preVerificationGas", 32),
            ("userOp.maxFeePerGas", 16),
            ("userOp.maxPriorityFeePerGas", 16),
            ("userOp.paymasterPostOpGasLimit", 16),
            ("userOp.paymasterVerificationGasLimit", 16),
        ];
        let text = |field: &'static str| {
            op.get(field.strip_prefix("userOp.").unwrap_or(field))
                .and_then(Json::as_str)
                .ok_or_else(|| Error::invalid_argument(field, "must be a hex string"))
        };
        let mut q = [U256::ZERO; 8];
        for (slot, (field, bytes)) in q.iter_mut().zip(QUANTITIES) {
            *slot = parse_quantity(field, text(field)?, bytes)?;
        }
        let address = |field| text(field).and_then(|t| hex::parse_address(field, t));
        let bytes = |field| text(field).and_then(|t| hex::decode(field, t));
        Ok(Self {
            sender: address("userOp.sender")?,
            nonce: B256::from(q[0].to_be_bytes::<32>()),
            paymaster: address("userOp.paymaster")?,
            call_gas_limit: q[1],
            verification_gas_limit: q[2],
            pre_verification_gas: q[3],
            max_fee_per_gas: q[4],
            max_priority_fee_per_gas: q[5],
            paymaster_post_op_gas_limit: q[6],
            paymaster_verification_gas_limit: q[7],
            call_data: bytes("userOp.callData")?,
            paymaster_data: bytes("userOp.paymasterData")?,
        })
    }

    /// The session key's signature of [`UserOp::hash`] (EIP-191 over the raw 32 bytes).
    pub fn sign(&self, session: &EthKey, entry_point: Address, chain_id: u64) -> Signature65 {
        session.sign_message(self.hash(entry_point, chain_id).as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hex;

    #[test]
    fn amounts_are_exact_and_refuse_the_rest() {
        assert_eq!(parse_amount("amount", "0").unwrap(), U256::ZERO);
        let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        assert_eq!(parse_amount("amount", max).unwrap(), U256::MAX);
        for bad in [
            "",
            "-1",
            "1.5",
            "1e18",
            " 1",
            "0x10",
            "115792089237316195423570985008687907853269984665640564039457584007913129639936",
        ] {
            assert_eq!(
                parse_amount("amount", bad).unwrap_err().code(),
                "INVALID_ARGUMENT",
                "{bad}"
            );
        }
    }

    #[test]
    fn raw_transaction_json_matches_json_stringify() {
        let t = RawTransaction {
            from: "0xA".into(),
            to: "0xB".into(),
            data: None,
            value: U256::ZERO,
        };
        assert_eq!(
            raw_json(&t),
            r#"{"from":"0xA","to":"0xB","data":"0x","value":"0x0"}"#
        );
        let t = RawTransaction {
            data: Some("0xabcd".into()),
            value: U256::from(1_000_000_000_000_000_000u64),
            ..t
        };
        assert_eq!(
            raw_json(&t),
            r#"{"from":"0xA","to":"0xB","data":"0xabcd","value":"0xde0b6b3a7640000"}"#
        );
    }

    fn ctx(chain: &ChainPolicy) -> OpContext<'_> {
        OpContext {
            job_manager: hex::parse_address("j", "0x0543aD80b41C5f5956d34503668CDb965deCB617")
                .unwrap(),
            client_swa: hex::parse_address("c", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
                .unwrap(),
            user_swa: hex::parse_address("u", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
                .unwrap(),
            fee_payer: Address::ZERO,
            chain,
            nonce: Nonce::parse("n", "598b94ab-5fcb-4cd8-a5b3-da2f35f0f61b").unwrap(),
        }
    }

    /// Call data for a token transfer, from the official SDK 1.1.0's
    /// `tokenTransfer` with the same nonce and chain flags (tests/diff/userop-vectors.mjs).
    #[test]
    fn token_transfer_call_data_matches_the_official_sdk() {
        let chain = ChainPolicy {
            caip2_id: "eip155:137".into(),
            gsn_enabled: false,
            sponsorship_enabled: true,
        };
        let intent = Intent::Token {
            caip2_id: "eip155:137".into(),
            recipient: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC".into(),
            token: String::new(),
            amount: U256::from(1_000_000u64),
        };
        let data = call_data(&ctx(&chain), &intent);
        assert_eq!(keccak256(&data), B256::from(TOKEN_CALL_DATA_HASH));
    }

    const TOKEN_CALL_DATA_HASH: [u8; 32] =
        hex_literal::hex!("af0c1fe4ca4cb1c2d2486b8ddc2a877ea15704ab87812f9b0c034c58fab71c3d");

    /// NFT and raw-transaction call data as nftTransfer / evmRawTransaction build
    /// them (tests/diff/userop-vectors.mjs).
    #[test]
    fn nft_and_raw_call_data_match_the_official_sdk() {
        let nft_chain = ChainPolicy {
            caip2_id: "eip155:8453".into(),
            gsn_enabled: true,
            sponsorship_enabled: false,
        };
        let nft = Intent::Nft {
            caip2_id: "eip155:8453".into(),
            nft_id: "42".into(),
            recipient: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC".into(),
            collection: "0x8617E340B3D01FA5F11F306F4090FD50E238070D".into(),
            nft_type: "ERC1155".into(),
            amount: U256::from(3u64),
        };
        assert_eq!(
            keccak256(call_data(&ctx(&nft_chain), &nft)),
            B256::from(hex_literal::hex!(
                "6fb78820a54a414b4b9e4c3904450d69d3e750eb89e3cf41d13d650a6b0b3679"
            ))
        );
        let raw_chain = ChainPolicy {
            caip2_id: "eip155:42161".into(),
            gsn_enabled: true,
            sponsorship_enabled: true,
        };
        let raw = Intent::Raw {
            caip2_id: "eip155:42161".into(),
            transactions: vec![RawTransaction {
                from: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8".into(),
                to: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC".into(),
                data: None,
                value: U256::from(1_000_000_000_000_000_000u64),
            }],
        };
        assert_eq!(
            keccak256(call_data(&ctx(&raw_chain), &raw)),
            B256::from(hex_literal::hex!(
                "238a4ea6b7672df946f0ff5c516bf8620dc9c902387f15b574c0226dcdfe5eb5"
            ))
        );
    }

    /// The official SDK 1.1.0's `signUserOp` for the same op (tests/diff/userop-vectors.mjs):
    /// session key Anvil #1, sandbox entry point and chain id, paymasterData 0x1234.
    #[test]
    fn sign_user_op_matches_the_official_sdk() {
        let chain = ChainPolicy {
            caip2_id: "eip155:137".into(),
            gsn_enabled: false,
            sponsorship_enabled: true,
        };
        let intent = Intent::Token {
            caip2_id: "eip155:137".into(),
            recipient: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC".into(),
            token: String::new(),
            amount: U256::from(1_000_000u64),
        };
        let c = ctx(&chain);
        let gas = U256::from(0xba43b7400u64);
        let op = UserOp {
            sender: c.user_swa,
            nonce: c.nonce.to_bytes32(),
            paymaster: crate::core::env::Environment::Sandbox.paymaster(),
            call_gas_limit: U256::from(CALL_GAS_LIMIT),
            verification_gas_limit: U256::from(VERIFICATION_GAS_LIMIT),
            pre_verification_gas: U256::from(PRE_VERIFICATION_GAS),
            max_fee_per_gas: gas,
            max_priority_fee_per_gas: gas,
            paymaster_post_op_gas_limit: U256::from(PAYMASTER_GAS_LIMIT),
            paymaster_verification_gas_limit: U256::from(PAYMASTER_GAS_LIMIT),
            call_data: call_data(&c, &intent),
            paymaster_data: vec![0x12, 0x34],
        };
        let key = EthKey::from_hex(
            "k",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        )
        .unwrap();
        let entry_point =
            hex::parse_address("e", "0xCa5b1b0d3893b5152014fD5B519FF50f7C40f9da").unwrap();
        assert_eq!(
            hex::encode_prefixed(op.sign(&key, entry_point, 1_802_466_136)),
            "0x529dbc43ccce1a721580f21f66f5ff15d6fb6ff0e5a85e20fab2883b94c02ca27d0d767ac8be1f1f4ca442f3eab5c405c13b8215187d56b66ef97e6b5017dd9d1c"
        );
    }
}
