//! Australian Business Numbers.

use crate::recognizer::checksum::{digits, verdict};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `AU_ABN`: eleven digits, written 2-3-3-3; subtract 1 from the first, weight, mod 89.
/// A sole trader's ABN identifies a person.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.au.abn",
    entity: "AU_ABN",
    patterns: &[
        PatternDef {
            name: "grouped",
            regex: r"(?-u:\b)[1-9][0-9] [0-9]{3} [0-9]{3} [0-9]{3}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[1-9][0-9]{10}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// The ATO's mod-89 check; grouped confirms.
pub fn validate(value: &str) -> Validation {
    const W: [u32; 11] = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
    let d = digits(value);
    let ok = d.len() == 11
        && d[0] > 0
        && d.iter().enumerate().map(|(i, &x)| (u32::from(x) - u32::from(i == 0)) * W[i]).sum::<u32>() % 89 == 0;
    verdict(ok, value.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod_89() {
        assert_eq!(validate("51 824 753 556"), Validation::Checksum);
        assert_eq!(validate("51824753556"), Validation::Plausible);
        assert_eq!(validate("51 824 753 557"), Validation::Invalid);
    }
}
