//! snake_case → camelCase for REST replies, exactly as the official SDK's
//! `convertKeysToCamelCase` does it: every `_` followed by `a`-`z` becomes the
//! upper-case letter, recursively through objects and arrays (PROTOCOL.md §8).

use super::json::Json;

/// `key.replace(/_([a-z])/g, g => g[1].toUpperCase())`.
pub fn camel_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('_', Some(&n)) if n.is_ascii_lowercase() => {
                out.push(n.to_ascii_uppercase());
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Converts every object key below `value`. A later key that maps to the same
/// camelCase name overwrites an earlier one, as in the official SDK.
pub fn camel_keys(value: Json) -> Json {
    match value {
        Json::Object(fields) => Json::Object(
            fields
                .into_iter()
                .map(|(k, v)| (camel_key(&k), camel_keys(v)))
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.into_iter().map(camel_keys).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_official_regex() {
        for (from, to) in [
            ("network_name", "networkName"),
            ("caip_id", "caipId"),
            ("is_session_added", "isSessionAdded"),
            ("a__b", "a_B"),
            ("_private", "Private"),
            ("x_1", "x_1"),
            ("trailing_", "trailing_"),
            ("user_SWA", "user_SWA"),
            ("already", "already"),
            ("é_a", "éA"),
        ] {
            assert_eq!(camel_key(from), to);
        }
    }

    #[test]
    fn recurses_through_arrays_and_keeps_values() {
        let v = Json::parse(
            r#"{"group_tokens": [{"token_address": "0x_a", "n": [1, {"inner_key": null}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            camel_keys(v),
            Json::parse(r#"{"groupTokens":[{"tokenAddress":"0x_a","n":[1,{"innerKey":null}]}]}"#)
                .unwrap()
        );
    }
}
