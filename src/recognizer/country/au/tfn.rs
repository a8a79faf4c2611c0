//! Australian tax file numbers.

use crate::recognizer::checksum::{digits, verdict, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `AU_TFN`: nine digits, written 3-3-3, whose weighted sum is a multiple of 11. One 3-3-3 number
/// in eleven passes, so a context word ("TFN", "tax file number") is needed.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.au.tfn",
    entity: "AU_TFN",
    patterns: &[
        PatternDef { name: "grouped", regex: r"(?-u:\b)[0-9]{3} [0-9]{3} [0-9]{3}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{9}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// Weights 1, 4, 3, 7, 5, 8, 6, 9, 10; grouped confirms.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    let ok = d.len() == 9 && d.iter().any(|&x| x != d[0]) && weighted_sum(&d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]).is_multiple_of(11);
    verdict(ok, value.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_mod_11() {
        assert_eq!(validate("123 456 782"), Validation::Checksum);
        assert_eq!(validate("123456782"), Validation::Plausible);
        assert_eq!(validate("123 456 783"), Validation::Invalid);
    }
}
