//! Intent parameters, in the official SDK's names, checked as its schemas
//! check them (and a little more) and turned into [`Intent`]s. They arrive as
//! the JSON text of the caller's object, BigInts already written as decimal
//! strings by the package's `index.js`.

use super::error::{Error, Result};
use super::hex;
use super::json::Json;
use super::userop::{parse_amount, Intent, RawTransaction};
use alloy_primitives::U256;

/// Which builder the parameters are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntentKind {
    /// `tokenTransfer`.
    Token,
    /// `nftTransfer`.
    Nft,
    /// `evmRawTransaction`.
    Raw,
}

impl IntentKind {
    /// Reads an intent type as Okto names it (`TOKEN_TRANSFER`, …).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` naming `intentType` for any other text.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "TOKEN_TRANSFER" => Ok(Self::Token),
            "NFT_TRANSFER" => Ok(Self::Nft),
            "RAW_TRANSACTION" => Ok(Self::Raw),
            _ => Err(Error::invalid_argument(
                "intentType",
                "must be \"TOKEN_TRANSFER\", \"NFT_TRANSFER\" or \"RAW_TRANSACTION\"",
            )),
        }
    }
}

/// Refuses keys the official SDK's strict schemas refuse: a typo such as
/// `recipientWalletAddress` in a token transfer would otherwise be ignored.
fn only_keys(obj: &Json, what: &str, allowed: &[&str]) -> Result<()> {
    if let Json::Object(fields) = obj {
        if let Some((key, _)) = fields.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            let mut field = String::from(what);
            field.push('.');
            field.push_str(key);
            return Err(Error::invalid_argument(field, "is not a parameter here"));
        }
    }
    Ok(())
}

fn object<'a>(field: &'static str, v: Option<&'a Json>) -> Result<&'a Json> {
    v.filter(|v| v.is_object())
        .ok_or_else(|| Error::invalid_argument(field, "must be an object"))
}

/// `obj[key]` when present and not null.
fn get<'a>(obj: &'a Json, key: &str) -> Option<&'a Json> {
    obj.get(key).filter(|v| !matches!(v, Json::Null))
}

fn opt_string<'a>(obj: &'a Json, key: &str, field: &'static str) -> Result<Option<&'a str>> {
    match get(obj, key) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .map(Some)
            .ok_or_else(|| Error::invalid_argument(field, "must be a string")),
    }
}

fn string<'a>(obj: &'a Json, key: &str, field: &'static str) -> Result<&'a str> {
    opt_string(obj, key, field)?.ok_or_else(|| Error::invalid_argument(field, "is required"))
}

/// A `caip2Id`: not blank, no leading or trailing spaces (as the official SDK).
fn caip2_id(obj: &Json) -> Result<String> {
    let id = string(obj, "caip2Id", "caip2Id")?;
    if id.is_empty() || id.trim() != id {
        return Err(Error::invalid_argument(
            "caip2Id",
            "must not be blank or have leading or trailing spaces",
        ));
    }
    Ok(id.to_owned())
}

/// `0x` and 1 to 64 hex digits: the official SDK's check for recipients and
/// collections on any chain (on EVM chains the client checks full addresses).
fn hex_address(obj: &Json, key: &str, field: &'static str) -> Result<String> {
    let s = string(obj, key, field)?;
    let digits = s.strip_prefix("0x").unwrap_or("");
    if digits.is_empty() || digits.len() > 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::InvalidAddress {
            field: field.into(),
            reason: "must be 0x followed by hex digits".into(),
        });
    }
    Ok(s.to_owned())
}

/// An amount: a decimal string (BigInts arrive so), or a JSON number that is
/// a whole number no larger than 2^53 - 1 (beyond that a JS number has
/// already lost digits).
pub fn amount(field: &'static str, v: &Json) -> Result<U256> {
    match v {
        Json::String(s) => parse_amount(field, s),
        Json::Number(n) if n.starts_with('-') => {
            Err(Error::invalid_argument(field, "must not be negative"))
        }
        Json::Number(n) if n.contains('.') && !n.contains(['e', 'E']) => Err(
            Error::invalid_argument(field, "must be a whole number in base units"),
        ),
        Json::Number(n) => match parse_amount(field, n) {
            Ok(v) if v <= U256::from(9_007_199_254_740_991u64) => Ok(v),
            _ => Err(Error::invalid_argument(
                field,
                "numbers above 2^53 - 1 lose precision: pass a string or a BigInt",
            )),
        },
        _ => Err(Error::invalid_argument(
            field,
            "must be a decimal string, a number or a BigInt",
        )),
    }
}

fn positive(field: &'static str, v: Option<&Json>, default: Option<u64>) -> Result<U256> {
    let value = match (v, default) {
        (Some(v), _) => amount(field, v)?,
        (None, Some(d)) => U256::from(d),
        (None, None) => return Err(Error::invalid_argument(field, "is required")),
    };
    if value.is_zero() {
        return Err(Error::invalid_argument(field, "must be greater than 0"));
    }
    Ok(value)
}

/// The intent that `params` (the builder's first argument) describes.
///
/// # Errors
/// `INVALID_ARGUMENT`, `INVALID_ADDRESS` or `INVALID_HEX`, naming the field.
pub fn parse_intent(kind: IntentKind, params: Option<&Json>) -> Result<Intent> {
    let obj = object("params", params)?;
    match kind {
        IntentKind::Token => {
            only_keys(obj, "params", &["caip2Id", "recipient", "token", "amount"])?;
            Ok(Intent::Token {
                caip2_id: caip2_id(obj)?,
                recipient: hex_address(obj, "recipient", "recipient")?,
                token: opt_string(obj, "token", "token")?
                    .unwrap_or_default()
                    .to_owned(),
                amount: positive("amount", get(obj, "amount"), None)?,
            })
        }
        IntentKind::Nft => nft(obj),
        IntentKind::Raw => raw(obj),
    }
}

fn nft(obj: &Json) -> Result<Intent> {
    only_keys(
        obj,
        "params",
        &[
            "caip2Id",
            "collectionAddress",
            "nftId",
            "recipientWalletAddress",
            "amount",
            "nftType",
        ],
    )?;
    let nft_id = string(obj, "nftId", "nftId")?;
    let digits = nft_id.strip_prefix("0x").unwrap_or(nft_id);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::invalid_argument(
            "nftId",
            "must be a decimal or hexadecimal token id",
        ));
    }
    let amount = positive("amount", get(obj, "amount"), Some(1))?;
    let nft_type = string(obj, "nftType", "nftType")?;
    match nft_type {
        "ERC1155" => {}
        "ERC721" if amount == U256::from(1) => {}
        "ERC721" => {
            return Err(Error::invalid_argument(
                "amount",
                "ERC721 transfers must have amount 1",
            ))
        }
        _ => {
            return Err(Error::invalid_argument(
                "nftType",
                "must be \"ERC721\" or \"ERC1155\"",
            ))
        }
    }
    Ok(Intent::Nft {
        caip2_id: caip2_id(obj)?,
        recipient: hex_address(obj, "recipientWalletAddress", "recipientWalletAddress")?,
        collection: hex_address(obj, "collectionAddress", "collectionAddress")?,
        nft_id: nft_id.to_owned(),
        nft_type: nft_type.to_owned(),
        amount,
    })
}

fn raw(obj: &Json) -> Result<Intent> {
    only_keys(obj, "params", &["caip2Id", "transaction"])?;
    let caip2_id = caip2_id(obj)?;
    let tx = object("transaction", get(obj, "transaction"))?;
    only_keys(tx, "transaction", &["from", "to", "data", "value"])?;
    let from = string(tx, "from", "transaction.from")?;
    hex::parse_address("transaction.from", from)?;
    let to = string(tx, "to", "transaction.to")?;
    hex::parse_address("transaction.to", to)?;
    let data = opt_string(tx, "data", "transaction.data")?;
    if let Some(d) = data {
        if !d.starts_with("0x") {
            return Err(Error::InvalidHex {
                field: "transaction.data".into(),
                reason: "must start with 0x".into(),
            });
        }
        hex::decode("transaction.data", d)?;
    }
    let value = get(tx, "value");
    if data.is_none() && value.is_none() {
        return Err(Error::invalid_argument(
            "transaction",
            "must include data or value",
        ));
    }
    Ok(Intent::Raw {
        caip2_id,
        transactions: vec![RawTransaction {
            from: from.to_owned(),
            to: to.to_owned(),
            data: data.map(str::to_owned),
            value: match value {
                Some(v) => amount("transaction.value", v)?,
                None => U256::ZERO,
            },
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(kind: IntentKind, text: &str) -> Result<Intent> {
        parse_intent(kind, Json::parse(text).as_ref())
    }

    fn code(kind: IntentKind, text: &str) -> (&'static str, String) {
        let e = parse(kind, text).unwrap_err();
        (e.code(), e.to_string())
    }

    const TO: &str = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    #[test]
    fn token_amounts_in_every_form() {
        for (amount, want) in [
            (r#""1000000""#, U256::from(1_000_000u64)),
            ("1000000", U256::from(1_000_000u64)),
            ("9007199254740991", U256::from(9_007_199_254_740_991u64)),
            (
                r#""115792089237316195423570985008687907853269984665640564039457584007913129639935""#,
                U256::MAX,
            ),
        ] {
            let text = format!(
                r#"{{"caip2Id":"eip155:137","recipient":"{TO}","token":"","amount":{amount}}}"#
            );
            let Intent::Token { amount: got, .. } = parse(IntentKind::Token, &text).unwrap() else {
                panic!("not a token intent")
            };
            assert_eq!(got, want, "{amount}");
        }
    }

    #[test]
    fn bad_token_amounts_name_the_field() {
        for (amount, reason) in [
            ("-1", "must not be negative"),
            (r#""-1""#, "digits only"),
            ("1.5", "whole number"),
            ("1e+21", "lose precision"),
            ("9007199254740992", "lose precision"),
            ("0", "greater than 0"),
            (r#""0""#, "greater than 0"),
            (r#""1.5""#, "digits only"),
            (
                r#""115792089237316195423570985008687907853269984665640564039457584007913129639936""#,
                "exceeds uint256",
            ),
            ("true", "decimal string"),
        ] {
            let text = format!(
                r#"{{"caip2Id":"eip155:137","recipient":"{TO}","token":"","amount":{amount}}}"#
            );
            let (c, msg) = code(IntentKind::Token, &text);
            assert_eq!(c, "INVALID_ARGUMENT", "{amount}");
            assert!(
                msg.starts_with("amount: ") && msg.contains(reason),
                "{amount}: {msg}"
            );
        }
        let (c, msg) = code(
            IntentKind::Token,
            r#"{"caip2Id":"eip155:137","recipient":"0x1","token":""}"#,
        );
        assert_eq!(
            (c, msg.as_str()),
            ("INVALID_ARGUMENT", "amount: is required")
        );
    }

    #[test]
    fn unknown_and_malformed_fields_are_refused() {
        let cases = [
            (
                IntentKind::Token,
                r#"[]"#,
                "INVALID_ARGUMENT",
                "params: must be an object",
            ),
            (
                IntentKind::Token,
                r#"{"caip2Id":"eip155:1","recipientWalletAddress":"0x1","amount":1}"#,
                "INVALID_ARGUMENT",
                "params.recipientWalletAddress: is not a parameter here",
            ),
            (
                IntentKind::Token,
                r#"{"caip2Id":" eip155:1","recipient":"0x1","amount":1}"#,
                "INVALID_ARGUMENT",
                "caip2Id: must not be blank or have leading or trailing spaces",
            ),
            (
                IntentKind::Token,
                r#"{"caip2Id":"eip155:1","recipient":"bob","amount":1}"#,
                "INVALID_ADDRESS",
                "recipient: invalid address: must be 0x followed by hex digits",
            ),
            (
                IntentKind::Nft,
                r#"{"caip2Id":"eip155:1","collectionAddress":"0x1","nftId":"x1","recipientWalletAddress":"0x2","nftType":"ERC721"}"#,
                "INVALID_ARGUMENT",
                "nftId: must be a decimal or hexadecimal token id",
            ),
            (
                IntentKind::Nft,
                r#"{"caip2Id":"eip155:1","collectionAddress":"0x1","nftId":"1","recipientWalletAddress":"0x2","nftType":"ERC721","amount":2}"#,
                "INVALID_ARGUMENT",
                "amount: ERC721 transfers must have amount 1",
            ),
            (
                IntentKind::Nft,
                r#"{"caip2Id":"eip155:1","collectionAddress":"0x1","nftId":"1","recipientWalletAddress":"0x2","nftType":"erc20"}"#,
                "INVALID_ARGUMENT",
                "nftType: must be \"ERC721\" or \"ERC1155\"",
            ),
            (
                IntentKind::Raw,
                r#"{"caip2Id":"eip155:1","transaction":{"from":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"}}"#,
                "INVALID_ARGUMENT",
                "transaction: must include data or value",
            ),
            (
                IntentKind::Raw,
                r#"{"caip2Id":"eip155:1","transaction":{"from":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","data":"0xabc"}}"#,
                "INVALID_HEX",
                "transaction.data: invalid hex: odd number of hex digits (3)",
            ),
            (
                IntentKind::Raw,
                r#"{"caip2Id":"eip155:1","transaction":{"from":"0x1","to":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","value":1}}"#,
                "INVALID_ADDRESS",
                "transaction.from: invalid address",
            ),
            (
                IntentKind::Raw,
                r#"{"caip2Id":"eip155:1","transaction":{"from":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","value":1,"gas":1}}"#,
                "INVALID_ARGUMENT",
                "transaction.gas: is not a parameter here",
            ),
        ];
        for (kind, text, want_code, want_msg) in cases {
            let (c, msg) = code(kind, text);
            assert_eq!(c, want_code, "{text}");
            assert!(msg.starts_with(want_msg), "{text}: {msg}");
        }
        assert_eq!(
            parse_intent(IntentKind::Raw, None).unwrap_err().to_string(),
            "params: must be an object"
        );
    }

    #[test]
    fn intent_types_are_okto_names() {
        assert_eq!(IntentKind::parse("NFT_TRANSFER").unwrap(), IntentKind::Nft);
        let e = IntentKind::parse("token").unwrap_err();
        assert!(e.to_string().starts_with("intentType: must be"));
    }

    #[test]
    fn nft_amount_defaults_to_one_and_raw_value_to_zero() {
        let nft = parse(
            IntentKind::Nft,
            r#"{"caip2Id":"eip155:8453","collectionAddress":"0x8617E340B3D01FA5F11F306F4090FD50E238070D","nftId":"0x2a","recipientWalletAddress":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","nftType":"ERC721"}"#,
        )
        .unwrap();
        assert!(matches!(nft, Intent::Nft { amount, .. } if amount == U256::from(1)));
        let raw = parse(
            IntentKind::Raw,
            r#"{"caip2Id":"eip155:1","transaction":{"from":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC","data":"0x"}}"#,
        )
        .unwrap();
        let Intent::Raw { transactions, .. } = raw else {
            panic!("not raw")
        };
        assert_eq!(transactions[0].value, U256::ZERO);
        assert_eq!(transactions[0].data.as_deref(), Some("0x"));
    }
}
