//! UK passport numbers.

use crate::recognizer::checksum::not_one_digit_repeated;
use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `UK_PASSPORT`: nine digits (or, on older books, two letters and seven digits), named by a
/// context word that says British ("UK passport", "HM Passport Office"): a US passport has the
/// same nine-digit shape, and `country.us.passport` takes plain "passport".
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.uk.passport",
    entity: "UK_PASSPORT",
    patterns: &[
        PatternDef { name: "letters digits", regex: r"(?-u:\b)[A-Z]{2}[0-9]{7}(?-u:\b)", strength: Strength::Medium },
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
        assert_eq!(not_one_digit_repeated("925076473"), Validation::Plausible);
        assert_eq!(not_one_digit_repeated("111111111"), Validation::Invalid);
    }
}
