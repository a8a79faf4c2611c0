//! Hardware (MAC) addresses.

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `MAC_ADDRESS`: six hex octets separated by `:` or `-`, or Cisco's three dotted groups.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.mac_address",
    entity: "MAC_ADDRESS",
    patterns: &[
        PatternDef {
            name: "octets",
            regex: r"(?-u:\b)[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "cisco", regex: r"(?-u:\b)[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}(?-u:\b)", strength: Strength::Medium },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// One separator throughout; the broadcast and all-zero addresses identify no device.
pub fn validate(value: &str) -> Validation {
    let seps: Vec<char> = value.chars().filter(|c| !c.is_ascii_hexdigit()).collect();
    if seps.windows(2).any(|w| w[0] != w[1]) {
        return Validation::Invalid;
    }
    let hex: String = value.chars().filter(char::is_ascii_hexdigit).collect::<String>().to_ascii_lowercase();
    if hex.chars().all(|c| c == '0') || hex.chars().all(|c| c == 'f') {
        return Validation::Invalid;
    }
    if !hex.chars().any(|c| c.is_ascii_alphabetic()) && seps.first() == Some(&'.') {
        // 1234.5678.9012 is a number with dots more often than a Cisco-style MAC.
        return Validation::Doubtful;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_reserved_addresses() {
        assert_eq!(validate("00:1A:2b:3C:4d:5E"), Validation::Plausible);
        assert_eq!(validate("00-1a-2b-3c-4d-5e"), Validation::Plausible);
        assert_eq!(validate("0011.22aa.bbcc"), Validation::Plausible);
        assert_eq!(validate("00:1a-2b:3c:4d:5e"), Validation::Invalid, "mixed separators");
        assert_eq!(validate("ff:ff:ff:ff:ff:ff"), Validation::Invalid, "broadcast");
        assert_eq!(validate("00:00:00:00:00:00"), Validation::Invalid);
        assert_eq!(validate("1234.5678.9012"), Validation::Doubtful);
    }
}
