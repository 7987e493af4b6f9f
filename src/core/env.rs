//! Okto's environments and their fixed addresses (PROTOCOL.md §1).

use super::error::{Error, Result};
use alloy_primitives::{address, Address};

/// One of Okto's deployments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Environment {
    /// The default: Okto's sandbox.
    #[default]
    Sandbox,
    /// Okto's staging deployment.
    Staging,
    /// Production.
    Production,
}

impl Environment {
    /// Parses `"sandbox"`, `"staging"` or `"production"`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `field` for any other text.
    pub fn parse(field: &'static str, s: &str) -> Result<Self> {
        match s {
            "sandbox" => Ok(Self::Sandbox),
            "staging" => Ok(Self::Staging),
            "production" => Ok(Self::Production),
            _ => Err(Error::invalid_argument(
                field,
                "must be \"sandbox\", \"staging\" or \"production\"",
            )),
        }
    }

    /// The environment's name as written in options.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sandbox => "sandbox",
            Self::Staging => "staging",
            Self::Production => "production",
        }
    }

    /// The paymaster contract (PROTOCOL.md §1).
    pub fn paymaster(self) -> Address {
        match self {
            Self::Sandbox => address!("74324fA6Fa67b833dfdea4C1b3A9898574d076e3"),
            Self::Staging => address!("c2D31Cdc6EFd02F85Ab943c4587f8D60E6E15F9c"),
            Self::Production => address!("B0E2BD2EFb99F982F8cCB8e6737A572B3B0eCE11"),
        }
    }

    /// The job manager contract that intents call (PROTOCOL.md §1).
    pub fn job_manager(self) -> Address {
        match self {
            Self::Sandbox => address!("0543aD80b41C5f5956d34503668CDb965deCB617"),
            Self::Staging => address!("57820589F31a9e4a34A0299Ea4aDe7c536139682"),
            Self::Production => address!("7F1E1e98Dde775Fae0d340D3E5D28004Db58A0d3"),
        }
    }

    /// The ERC-4337 entry point in user-op hashes (PROTOCOL.md §1).
    pub fn entry_point(self) -> Address {
        match self {
            Self::Sandbox => address!("Ca5b1b0d3893b5152014fD5B519FF50f7C40f9da"),
            Self::Staging => address!("322eF240AD89d19a50Ca092CF70De9603bf6778E"),
            Self::Production => address!("0b643Bcd21a72b10075F1938Ebebba6E077A1742"),
        }
    }

    /// Okto's own chain id in user-op hashes (PROTOCOL.md §1).
    pub fn chain_id(self) -> u64 {
        match self {
            Self::Sandbox => 1_802_466_136,
            Self::Staging => 124_736_089,
            Self::Production => 8088,
        }
    }

    /// The sign-message MPC threshold `t` (PROTOCOL.md §1, §11).
    pub fn mpc_threshold(self) -> u64 {
        match self {
            Self::Staging => 3,
            Self::Sandbox | Self::Production => 2,
        }
    }

    /// The JSON-RPC gateway's base URL.
    pub fn gateway_url(self) -> &'static str {
        match self {
            Self::Sandbox => "https://sandbox-okto-gateway.oktostage.com",
            Self::Staging => "https://okto-gateway.oktostage.com",
            Self::Production => "https://okto-gateway.okto.tech",
        }
    }

    /// The REST BFF's base URL.
    pub fn bff_url(self) -> &'static str {
        match self {
            Self::Sandbox => "https://sandbox-api.okto.tech",
            Self::Staging => "https://3p-bff.oktostage.com",
            Self::Production => "https://apigw.okto.tech",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paymasters_match_protocol_table() {
        assert_eq!(
            Environment::Sandbox.paymaster().to_checksum(None),
            "0x74324fA6Fa67b833dfdea4C1b3A9898574d076e3"
        );
        assert_eq!(
            Environment::Staging.paymaster().to_checksum(None),
            "0xc2D31Cdc6EFd02F85Ab943c4587f8D60E6E15F9c"
        );
        assert_eq!(
            Environment::Production.paymaster().to_checksum(None),
            "0xB0E2BD2EFb99F982F8cCB8e6737A572B3B0eCE11"
        );
        assert_eq!(
            Environment::parse("e", "staging").unwrap(),
            Environment::Staging
        );
        assert_eq!(
            Environment::parse("e", "Sandbox").unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }
}
