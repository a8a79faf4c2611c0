//! US passport numbers.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `US_PASSPORT`: nine digits (books before 2021) or a letter and eight digits (next-generation
/// books). Neither shape says "passport", so a context word must.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.passport",
    entity: "US_PASSPORT",
    patterns: &[
        PatternDef { name: "next generation", regex: r"(?-u:\b)[A-Z][0-9]{8}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "nine digits", regex: r"(?-u:\b)[0-9]{9}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// Not one digit repeated (a placeholder).
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.iter().all(|&x| x == d[0]) {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_passports() {
        assert_eq!(validate("A12345678"), Validation::Plausible);
        assert_eq!(validate("000000000"), Validation::Invalid);
    }
}
