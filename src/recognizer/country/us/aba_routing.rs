//! ABA routing transit numbers of US banks.

use crate::recognizer::checksum::{digits, number, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `ABA_ROUTING_NUMBER`: nine digits, a Federal Reserve prefix and the 3-7-1 checksum. One
/// nine-digit number in ten passes that, so a context word ("routing", "ABA", "RTN") is needed.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.aba_routing",
    entity: "ABA_ROUTING_NUMBER",
    patterns: &[
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{9}(?-u:\b)", strength: Strength::Weak },
        PatternDef { name: "dashed", regex: r"(?-u:\b)[0-9]{4}-[0-9]{4}-[0-9](?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// Prefix 00-12, 21-32, 61-72 or 80, and 3·d1 + 7·d2 + d3 + ... ≡ 0 (mod 10).
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.len() != 9 || d.iter().all(|&x| x == d[0]) || !matches!(number(&d[..2]), 0..=12 | 21..=32 | 61..=72 | 80) {
        return Validation::Invalid;
    }
    if weighted_sum(&d, &[3, 7, 1, 3, 7, 1, 3, 7, 1]).is_multiple_of(10) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_checksum() {
        assert_eq!(validate("021000021"), Validation::Checksum);
        assert_eq!(validate("011000015"), Validation::Checksum);
        assert_eq!(validate("021000022"), Validation::Invalid, "checksum");
        assert_eq!(validate("501000019"), Validation::Invalid, "prefix 50");
    }
}
