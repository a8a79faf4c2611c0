//! US passport numbers.

use crate::recognizer::checksum::not_one_digit_repeated;
use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `US_PASSPORT`: nine digits (books before 2021) or a letter and eight digits (next-generation
/// books). Neither shape says "passport", so a context word must.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.passport",
    entity: "US_PASSPORT",
    patterns: &[
        PatternDef { name: "next generation", regex: r"(?-u:\b)[A-Z][0-9]{8}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "nine digits", regex: r"(?-u:\b)[0-9]{9}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(not_one_digit_repeated),
    needs_context: true,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognizer::Validation;

    #[test]
    fn placeholders_are_not_passports() {
        assert_eq!(not_one_digit_repeated("A12345678"), Validation::Plausible);
        assert_eq!(not_one_digit_repeated("000000000"), Validation::Invalid);
    }
}
