//! IPv4 and IPv6 addresses.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `IP_ADDRESS`: dotted-quad IPv4 and colon-hex IPv6 (full or `::`-compressed).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.ip_address",
    entity: "IP_ADDRESS",
    patterns: &[
        PatternDef {
            name: "ipv4",
            regex: r"(?-u:\b)(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "ipv6",
            regex: r"(?i)(?:^|[^0-9a-z:])(?P<v>(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?|::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6}))(?:$|[^0-9a-z:])",
            strength: Strength::Strong,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Parses the address. IPv4 addresses whose octets are all single digits ("1.2.3.4") read like
/// version numbers and are doubtful without context.
pub fn validate(value: &str) -> Validation {
    if value.contains(':') {
        return match value.parse::<Ipv6Addr>() {
            // `aead::`, `dead::beef`, `f32::`: a path in code whose words happen to be hex.
            Ok(_) if !value.bytes().any(|b| b.is_ascii_digit()) || value.split(':').filter(|g| !g.is_empty()).count() < 2 => {
                Validation::Doubtful
            }
            Ok(_) if value.matches(':').count() >= 2 => Validation::Plausible,
            _ => Validation::Invalid,
        };
    }
    match value.parse::<Ipv4Addr>() {
        Ok(_) if value.split('.').all(|o| o.len() == 1) => Validation::Doubtful,
        Ok(_) => Validation::Plausible,
        Err(_) => Validation::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_v6_and_version_lookalikes() {
        assert_eq!(validate("192.168.1.20"), Validation::Plausible);
        assert_eq!(validate("1.2.3.4"), Validation::Doubtful);
        assert_eq!(validate("2001:db8::ff00:42:8329"), Validation::Plausible);
        assert_eq!(validate("fe80::1"), Validation::Plausible);
        assert_eq!(validate("12:30:45"), Validation::Invalid);
        assert_eq!(validate("aead::"), Validation::Doubtful, "a Rust path");
        assert_eq!(validate("f32::"), Validation::Doubtful, "a Rust path");
    }
}
