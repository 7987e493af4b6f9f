//! Sans-IO HTTP: request descriptions and reply parsing (PROTOCOL.md §6, §8).
//! The one transport module (`js::transport`) sends what is built here and
//! hands the status and body text back; everything else is pure and tested.

use super::error::{Error, Result};
use super::json::{quote, Json};

/// GET or POST: all Okto needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Idempotent reads; retried on network errors and 5xx.
    Get,
    /// Never retried.
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
        }
    }
}

/// How a reply is unwrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Envelope {
    /// `{"status":"success","data":…}` from the BFF.
    Rest,
    /// `{"jsonrpc":"2.0","id":…,"result":…}` from the gateway.
    Rpc {
        /// The request id the reply must echo.
        id: String,
    },
}

/// Everything `fetch` needs, and how to read the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// GET or POST.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// `Authorization: Bearer …`, when the call is authenticated.
    pub bearer: Option<String>,
    /// The JSON body of a POST.
    pub body: Option<String>,
    /// How to unwrap the reply.
    pub envelope: Envelope,
    /// A short, secret-free label for errors and logs: `GET /api/oc/v1/wallets`
    /// or `rpc authenticate`.
    pub what: String,
}

impl Request {
    /// Whether the request may be retried (idempotent GETs only).
    pub fn retryable(&self) -> bool {
        self.method == Method::Get
    }
}

/// Joins a base URL and a path without doubling or dropping the slash.
pub fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass).
pub fn encode_query(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(k);
        out.push('=');
        for b in v.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A REST call to the BFF.
pub fn rest(
    method: Method,
    base: &str,
    path: &str,
    bearer: Option<String>,
    body: Option<String>,
) -> Request {
    let bare_path = path.split('?').next().unwrap_or(path);
    Request {
        method,
        url: join(base, path),
        bearer,
        body,
        envelope: Envelope::Rest,
        what: format!("{} {}", method.as_str(), bare_path),
    }
}

/// A JSON string literal, escaped as `JSON.stringify` escapes it.
pub fn json_str(s: &str) -> String {
    quote(s)
}

/// A JSON-RPC 2.0 call to `{gateway}/rpc` with a UUID id. `params_json` is the
/// params array as JSON text, so that the payloads inside keep their key order.
pub fn rpc(
    gateway: &str,
    method: &str,
    params_json: &str,
    id: String,
    bearer: Option<String>,
) -> Request {
    let body = format!(
        r#"{{"method":{},"jsonrpc":"2.0","id":{},"params":{params_json}}}"#,
        json_str(method),
        json_str(&id)
    );
    Request {
        method: Method::Post,
        url: join(gateway, "rpc"),
        bearer,
        body: Some(body),
        envelope: Envelope::Rpc { id },
        what: format!("rpc {method}"),
    }
}

fn str_at<'a>(v: &'a Json, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

fn owned(v: &Json, paths: &[&[&str]]) -> Option<String> {
    paths.iter().find_map(|p| str_at(v, p)).map(str::to_owned)
}

/// The BFF's error message, followed by its `details` (e.g. the reason code) when it sent them.
fn with_details(v: &Json, message: String) -> String {
    match str_at(v, &["error", "details"]) {
        Some(d) if !d.is_empty() => format!("{message} ({d})"),
        _ => message,
    }
}

/// Unwraps a reply: the `data` of a REST reply or the `result` of a JSON-RPC one.
///
/// # Errors
/// `RPC` for a JSON-RPC error object, `HTTP` for any other non-2xx status, `API`
/// for `{"status":"error"}`, and `BAD_RESPONSE` for anything else off the
/// documented shape.
pub fn parse_reply(req: &Request, status: u16, body: &str) -> Result<Json> {
    let what = || req.what.clone();
    let parsed: Option<Json> = Json::parse(body);
    let ok = (200..300).contains(&status);

    if let (Envelope::Rpc { .. }, Some(err)) =
        (&req.envelope, parsed.as_ref().and_then(|v| v.get("error")))
    {
        if let Some(code) = err.get("code").and_then(Json::as_i64) {
            return Err(Error::Rpc {
                what: what(),
                code,
                message: err
                    .get("message")
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_owned(),
                data: err
                    .get("data")
                    .filter(|d| **d != Json::Null)
                    .map(Json::to_json),
                status,
            });
        }
    }
    if !ok {
        let v = parsed.unwrap_or(Json::Null);
        return Err(Error::Http {
            what: what(),
            status,
            message: with_details(
                &v,
                owned(&v, &[&["error", "message"], &["message"]])
                    .unwrap_or_else(|| format!("status {status}")),
            ),
            error_code: owned(&v, &[&["error", "errorCode"], &["error", "error_code"]]),
            trace_id: owned(&v, &[&["error", "trace_id"], &["error", "traceId"]]),
        });
    }
    let Some(v) = parsed else {
        return Err(Error::BadResponse {
            what: what(),
            reason: "the body is not JSON".into(),
        });
    };
    match &req.envelope {
        Envelope::Rest => match v.get("status").and_then(Json::as_str) {
            Some("success") => match v.get("data") {
                Some(data) => Ok(data.clone()),
                None => Err(Error::BadResponse {
                    what: what(),
                    reason: "no \"data\" in a success reply".into(),
                }),
            },
            Some("error") => Err(Error::Api {
                what: what(),
                message: with_details(
                    &v,
                    owned(&v, &[&["error", "message"]])
                        .unwrap_or_else(|| "the server refused the request".into()),
                ),
                error_code: owned(&v, &[&["error", "errorCode"], &["error", "error_code"]]),
                trace_id: owned(&v, &[&["error", "trace_id"], &["error", "traceId"]]),
                status,
            }),
            _ => Err(Error::BadResponse {
                what: what(),
                reason: "\"status\" is neither \"success\" nor \"error\"".into(),
            }),
        },
        Envelope::Rpc { id } => {
            if v.get("jsonrpc").and_then(Json::as_str) != Some("2.0") {
                return Err(Error::BadResponse {
                    what: what(),
                    reason: "not a JSON-RPC 2.0 reply".into(),
                });
            }
            if v.get("id").and_then(Json::as_str) != Some(id.as_str()) {
                return Err(Error::BadResponse {
                    what: what(),
                    reason: "the reply's id is not the request's".into(),
                });
            }
            v.get("result").cloned().ok_or_else(|| Error::BadResponse {
                what: what(),
                reason: "neither \"result\" nor \"error\"".into(),
            })
        }
    }
}

/// The delay before retry number `attempt` (0-based): 250 ms, 500 ms, 1 s, …,
/// capped at 4 s.
pub fn backoff_ms(attempt: u32) -> u32 {
    250u32.saturating_mul(1 << attempt.min(4))
}

/// Picks a field of `data`, or fails with `BAD_RESPONSE` naming it.
///
/// # Errors
/// `BAD_RESPONSE` when the field is missing.
pub fn field(req_what: &str, data: Json, key: &str) -> Result<Json> {
    match data {
        data @ Json::Object(_) => data.take(key).ok_or_else(|| Error::BadResponse {
            what: req_what.to_owned(),
            reason: format!("no \"{key}\" in the reply's data").into(),
        }),
        _ => Err(Error::BadResponse {
            what: req_what.to_owned(),
            reason: "the reply's data is not an object".into(),
        }),
    }
}

/// Checks that `v` is an array.
///
/// # Errors
/// `BAD_RESPONSE` otherwise.
pub fn array(req_what: &str, v: Json) -> Result<Json> {
    if v.is_array() {
        Ok(v)
    } else {
        Err(Error::BadResponse {
            what: req_what.to_owned(),
            reason: "expected a list".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn json(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    fn get() -> Request {
        rest(
            Method::Get,
            "http://x/",
            "/api/oc/v1/wallets",
            Some("t".into()),
            None,
        )
    }

    fn call() -> Request {
        rpc("http://x", "authenticate", "[{}]", "id-1".into(), None)
    }

    #[test]
    fn builds_urls_and_bodies() {
        assert_eq!(get().url, "http://x/api/oc/v1/wallets");
        assert_eq!(get().what, "GET /api/oc/v1/wallets");
        assert!(get().retryable());
        let r = call();
        assert_eq!(r.url, "http://x/rpc");
        assert_eq!(
            r.body.as_deref(),
            Some(r#"{"method":"authenticate","jsonrpc":"2.0","id":"id-1","params":[{}]}"#)
        );
        assert!(!r.retryable());
        assert_eq!(
            encode_query(&[("intent_id", "a b&c"), ("status", "OK")]),
            "?intent_id=a%20b%26c&status=OK"
        );
        let q = rest(
            Method::Get,
            "http://x",
            "/api/oc/v1/orders?intent_id=1",
            None,
            None,
        );
        assert_eq!(q.what, "GET /api/oc/v1/orders");
    }

    #[test]
    fn rest_success_and_errors() {
        assert_eq!(
            parse_reply(&get(), 200, r#"{"status":"success","data":[1]}"#).unwrap(),
            json("[1]")
        );
        let api = parse_reply(
            &get(),
            200,
            r#"{"status":"error","error":{"code":400,"errorCode":"ER-TECH-0001","message":"nope","trace_id":"t1"}}"#,
        )
        .unwrap_err();
        assert_eq!(api.code(), "API");
        assert!(
            matches!(api, Error::Api { ref error_code, ref trace_id, .. } if error_code.as_deref() == Some("ER-TECH-0001") && trace_id.as_deref() == Some("t1"))
        );
        let http = parse_reply(
            &get(),
            401,
            r#"{"status":"error","error":{"message":"bad token","errorCode":"E1"}}"#,
        )
        .unwrap_err();
        assert_eq!(http.code(), "HTTP");
        assert_eq!(http.status(), Some(401));
        assert!(http.to_string().contains("bad token"));
        // The reason code in `details` is kept (the gateway's and Okto's error shape).
        let detailed = parse_reply(
            &get(),
            400,
            r#"{"status":"error","error":{"message":"refused","details":"USEROP_SIGNATURE_INVALID"}}"#,
        )
        .unwrap_err();
        assert!(detailed
            .to_string()
            .ends_with(": refused (USEROP_SIGNATURE_INVALID)"));
        assert_eq!(
            parse_reply(&get(), 502, "<html>").unwrap_err().code(),
            "HTTP"
        );
        assert!(parse_reply(&get(), 502, "").unwrap_err().is_transient());
        assert!(!parse_reply(&get(), 404, "").unwrap_err().is_transient());
        for bad in [
            "{",
            "[]",
            r#"{"status":"success"}"#,
            r#"{"status":"maybe","data":1}"#,
            "null",
        ] {
            assert_eq!(
                parse_reply(&get(), 200, bad).unwrap_err().code(),
                "BAD_RESPONSE",
                "{bad}"
            );
        }
    }

    #[test]
    fn rpc_result_and_errors() {
        let r = call();
        assert_eq!(
            parse_reply(&r, 200, r#"{"jsonrpc":"2.0","id":"id-1","result":{"a":1}}"#).unwrap(),
            json(r#"{"a":1}"#)
        );
        let e = parse_reply(&r, 200, r#"{"jsonrpc":"2.0","id":"id-1","error":{"code":-32602,"message":"bad sig","data":{"f":"x"}}}"#).unwrap_err();
        assert!(
            matches!(e, Error::Rpc { code: -32602, ref data, .. } if data.as_deref() == Some(r#"{"f":"x"}"#))
        );
        let e = parse_reply(
            &r,
            400,
            r#"{"jsonrpc":"2.0","id":"id-1","error":{"code":-32600,"message":"m"}}"#,
        )
        .unwrap_err();
        assert_eq!((e.code(), e.status()), ("RPC", Some(400)));
        for bad in [
            r#"{"jsonrpc":"2.0","id":"other","result":1}"#,
            r#"{"jsonrpc":"1.0","id":"id-1","result":1}"#,
            r#"{"jsonrpc":"2.0","id":"id-1"}"#,
            "not json",
        ] {
            assert_eq!(
                parse_reply(&r, 200, bad).unwrap_err().code(),
                "BAD_RESPONSE",
                "{bad}"
            );
        }
    }

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(
            [0, 1, 2, 3, 4, 10].map(backoff_ms),
            [250, 500, 1000, 2000, 4000, 4000]
        );
    }
}
