//! Indian Aadhaar numbers.

use crate::recognizer::checksum::{digits, verdict, verhoeff};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `IN_AADHAAR`: twelve digits, the first 2-9, written 4-4-4, the last a Verhoeff check digit.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.in.aadhaar",
    entity: "IN_AADHAAR",
    patterns: &[
        PatternDef {
            name: "grouped",
            regex: r"(?-u:\b)[2-9][0-9]{3}[ -][0-9]{4}[ -][0-9]{4}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[2-9][0-9]{11}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Verhoeff, and not a palindrome (UIDAI's own rule against test numbers); grouped confirms.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    let palindrome = d.iter().eq(d.iter().rev());
    verdict(d.len() == 12 && !palindrome && verhoeff(&d), value.contains([' ', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verhoeff_check() {
        assert_eq!(validate("2341 2341 2346"), Validation::Checksum);
        assert_eq!(validate("234123412346"), Validation::Plausible);
        assert_eq!(validate("2341 2341 2347"), Validation::Invalid);
    }
}
