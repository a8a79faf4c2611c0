//! Ethereum addresses.

use crate::recognizer::checksum::eip55;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `CRYPTO`: `0x` and 40 hex digits. Mixed case carries the EIP-55 checksum, which must hold;
/// single-case addresses have none.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.crypto_ethereum",
    entity: "CRYPTO",
    patterns: &[PatternDef { name: "address", regex: r"(?-u:\b)0x[0-9a-fA-F]{40}(?-u:\b)", strength: Strength::Medium }],
    validate: Some(validate),
    needs_context: false,
};

/// EIP-55 when the case is mixed; plausible otherwise, unless it is all zeros (the burn address
/// identifies nobody).
pub fn validate(value: &str) -> Validation {
    let Some(hex) = value.strip_prefix("0x").filter(|h| h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit())) else {
        return Validation::Invalid;
    };
    if hex.bytes().all(|b| b == b'0') {
        return Validation::Invalid;
    }
    let upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    let lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    match (upper && lower, eip55(hex)) {
        (true, true) => Validation::Checksum,
        (true, false) => Validation::Invalid,
        _ => Validation::Plausible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eip55_holds_when_case_is_mixed() {
        assert_eq!(validate("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), Validation::Checksum);
        assert_eq!(validate("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), Validation::Invalid);
        assert_eq!(validate("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), Validation::Plausible);
        assert_eq!(validate("0x0000000000000000000000000000000000000000"), Validation::Invalid);
    }
}
