//! Australian Medicare card numbers.

use crate::recognizer::checksum::{digits, verdict, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `AU_MEDICARE`: ten digits (first 2-6, ninth a check digit, tenth the issue number), written
/// 4-5-1, optionally followed by the holder's position on the card.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.au.medicare",
    entity: "AU_MEDICARE",
    patterns: &[
        PatternDef {
            name: "grouped",
            regex: r"(?-u:\b)[2-6][0-9]{3} [0-9]{5} [0-9](?:[-/ ][1-9])?(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[2-6][0-9]{9}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Weights 1, 3, 7, 9, 1, 3, 7, 9 over the first eight digits, mod 10, is the ninth.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    let ok = matches!(d.len(), 10 | 11) && weighted_sum(&d[..8], &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == u32::from(d[8]);
    verdict(ok, value.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit() {
        assert_eq!(validate("2123 45670 1"), Validation::Checksum);
        assert_eq!(validate("2123456701"), Validation::Plausible);
        assert_eq!(validate("2123 45671 1"), Validation::Invalid);
    }
}
