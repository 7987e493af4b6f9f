//! Email and WhatsApp OTP requests, signed by the client (PROTOCOL.md §10).

use super::error::{Error, Result};
use super::hex;
use super::key::Signature65;
use super::wire::json_str;

/// Where the one-time password goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// `/api/oc/v1/authenticate/email`.
    Email,
    /// `/api/oc/v1/authenticate/whatsapp`.
    WhatsApp,
}

impl Channel {
    /// Parses `"email"` or `"whatsapp"`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `method`.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "email" => Ok(Self::Email),
            "whatsapp" => Ok(Self::WhatsApp),
            _ => Err(Error::invalid_argument(
                "method",
                "must be \"email\" or \"whatsapp\"",
            )),
        }
    }

    /// The route: send and resend share one, verify has its own.
    pub fn path(self, verify: bool) -> &'static str {
        match (self, verify) {
            (Self::Email, false) => "/api/oc/v1/authenticate/email",
            (Self::Email, true) => "/api/oc/v1/authenticate/email/verify",
            (Self::WhatsApp, false) => "/api/oc/v1/authenticate/whatsapp",
            (Self::WhatsApp, true) => "/api/oc/v1/authenticate/whatsapp/verify",
        }
    }

    /// Checks the contact: an email address, or a phone number of 6 to 15
    /// digits with an optional leading `+`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `contact`.
    pub fn check_contact(self, contact: &str) -> Result<()> {
        let ok = match self {
            Self::Email => {
                let mut parts = contact.split('@');
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(local), Some(domain), None) => {
                        !local.is_empty()
                            && domain.contains('.')
                            && !domain.starts_with('.')
                            && !domain.ends_with('.')
                            && !contact.chars().any(char::is_whitespace)
                            && contact.len() <= 254
                    }
                    _ => false,
                }
            }
            Self::WhatsApp => {
                let digits = contact.strip_prefix('+').unwrap_or(contact);
                (6..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
            }
        };
        if ok {
            Ok(())
        } else {
            Err(Error::invalid_argument(
                "contact",
                match self {
                    Self::Email => "not an email address",
                    Self::WhatsApp => "not a phone number (6 to 15 digits, optional leading +)",
                },
            ))
        }
    }
}

/// One OTP request's `data`, before signing.
pub struct OtpRequest<'a> {
    /// Email or WhatsApp.
    pub channel: Channel,
    /// The email address or phone number.
    pub contact: &'a str,
    /// WhatsApp's `country_short_name`, e.g. `IN`.
    pub country: &'a str,
    /// The token from the send step, when resending or verifying.
    pub token: Option<&'a str>,
    /// The code the user typed, when verifying.
    pub otp: Option<&'a str>,
    /// The client SWA as configured.
    pub client_swa: &'a str,
    /// `Date.now()`, in milliseconds.
    pub timestamp_ms: u64,
}

impl OtpRequest<'_> {
    /// `data` as `JSON.stringify` writes it, keys in the order of PROTOCOL.md §10:
    /// the contact, then `token`, `otp`, `client_swa`, `timestamp`.
    pub fn data_json(&self) -> String {
        let mut fields: Vec<(&str, &str)> = Vec::with_capacity(5);
        match self.channel {
            Channel::Email => fields.push(("email", self.contact)),
            Channel::WhatsApp => {
                fields.push(("whatsapp_number", self.contact));
                fields.push(("country_short_name", self.country));
            }
        }
        if let Some(t) = self.token.filter(|t| !t.is_empty()) {
            fields.push(("token", t));
        }
        if let Some(o) = self.otp.filter(|o| !o.is_empty()) {
            fields.push(("otp", o));
        }
        fields.push(("client_swa", self.client_swa));
        let mut out = String::from("{");
        for (k, v) in fields {
            out.push_str(&format!("\"{k}\":{},", json_str(v)));
        }
        out.push_str(&format!("\"timestamp\":{}}}", self.timestamp_ms));
        out
    }
}

/// `{"data": data, "client_signature": sig, "type": "ethsign"}`.
pub fn body(data_json: &str, client_signature: &Signature65) -> String {
    format!(
        r#"{{"data":{data_json},"client_signature":"{}","type":"ethsign"}}"#,
        hex::encode_prefixed(client_signature)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(
        channel: Channel,
        token: Option<&'static str>,
        otp: Option<&'static str>,
    ) -> OtpRequest<'static> {
        OtpRequest {
            channel,
            contact: if channel == Channel::Email {
                "a@b.co"
            } else {
                "9876543210"
            },
            country: "IN",
            token,
            otp,
            client_swa: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            timestamp_ms: 1_700_000_000_123,
        }
    }

    /// Key order and text as the official SDK's `_generateBasePayload` builds
    /// them (src/authentication/email.ts and whatsapp.ts in 1.1.0).
    #[test]
    fn data_in_protocol_order() {
        assert_eq!(
            req(Channel::Email, None, None).data_json(),
            r#"{"email":"a@b.co","client_swa":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","timestamp":1700000000123}"#
        );
        assert_eq!(
            req(Channel::WhatsApp, Some("tok"), Some("123456")).data_json(),
            r#"{"whatsapp_number":"9876543210","country_short_name":"IN","token":"tok","otp":"123456","client_swa":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","timestamp":1700000000123}"#
        );
        assert_eq!(
            Channel::WhatsApp.path(true),
            "/api/oc/v1/authenticate/whatsapp/verify"
        );
    }

    /// JSON.stringify's escaping for the user-typed values.
    #[test]
    fn values_are_escaped() {
        let mut r = req(Channel::Email, Some("a\"b\\c\n"), None);
        r.contact = "é@x.co";
        assert_eq!(
            r.data_json(),
            r#"{"email":"é@x.co","token":"a\"b\\c\n","client_swa":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","timestamp":1700000000123}"#
        );
    }

    #[test]
    fn contacts_are_checked() {
        for good in ["a@b.co", "first.last+tag@sub.example.org"] {
            assert!(Channel::Email.check_contact(good).is_ok(), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@@b.co", "a b@c.de", "a@.co", "a@co.",
        ] {
            assert_eq!(
                Channel::Email.check_contact(bad).unwrap_err().code(),
                "INVALID_ARGUMENT",
                "{bad}"
            );
        }
        assert!(Channel::WhatsApp.check_contact("+919876543210").is_ok());
        for bad in ["", "12345", "98765-43210", "+", "1234567890123456"] {
            assert!(Channel::WhatsApp.check_contact(bad).is_err(), "{bad}");
        }
        assert!(Channel::parse("sms").is_err());
    }
}
