//! National Provider Identifiers (US health care providers, 45 CFR 162.406).

use crate::recognizer::checksum::{digits, luhn};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `US_NPI`: ten digits starting with 1 or 2, the last a Luhn check digit computed over the
/// number prefixed with `80840` (the ISO card-issuer prefix of US health). One ten-digit number in
/// ten passes that check by chance (an epoch timestamp, an order number), so a context word
/// ("NPI", "provider") is needed; the labelled field `NPI:` reports it too (config `[fields]`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.npi",
    entity: "US_NPI",
    patterns: &[PatternDef { name: "npi", regex: r"(?-u:\b)[12][0-9]{9}(?-u:\b)", strength: Strength::Weak }],
    validate: Some(validate),
    needs_context: true,
};

/// Whether ten digits (separators ignored) starting with 1 or 2 pass Luhn over `80840` + digits.
pub fn check(value: &str) -> bool {
    let d = digits(value);
    if d.len() != 10 || !matches!(d[0], 1 | 2) || d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let mut prefixed = vec![8, 0, 8, 4, 0];
    prefixed.extend_from_slice(&d);
    luhn(&prefixed)
}

/// The check digit: a pass is a checksum confirmation, a failure is not an NPI.
pub fn validate(value: &str) -> Validation {
    if check(value) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_over_the_80840_prefix() {
        // CMS's worked example (NPI check digit standard): 123456789 → 3.
        assert_eq!(validate("1234567893"), Validation::Checksum);
        assert_eq!(validate("1245319599"), Validation::Checksum);
        assert_eq!(validate("1234567890"), Validation::Invalid, "check digit");
        assert_eq!(validate("3234567893"), Validation::Invalid, "an NPI starts with 1 or 2");
        assert_eq!(validate("123456789"), Validation::Invalid, "nine digits");
        assert_eq!(validate("1111111111"), Validation::Invalid);
    }
}
