//! Canadian Social Insurance Numbers.

use crate::recognizer::checksum::{digits, luhn, verdict};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `CA_SIN`: nine digits, written 3-3-3, Luhn-checked; never starting with 0 or 8. One 3-3-3
/// number in ten passes Luhn (French SIRENs all do), so a context word ("SIN", "NAS") is needed.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.ca.sin",
    entity: "CA_SIN",
    patterns: &[
        PatternDef {
            name: "grouped",
            regex: r"(?-u:\b)[1-79][0-9]{2}[ -][0-9]{3}[ -][0-9]{3}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[1-79][0-9]{8}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// Luhn; grouped confirms, bare stays plausible (needs a context word).
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    verdict(d.len() == 9 && luhn(&d) && d.iter().any(|&x| x != d[0]), value.contains([' ', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert_eq!(validate("046 454 286"), Validation::Checksum);
        assert_eq!(validate("046454286"), Validation::Plausible);
        assert_eq!(validate("046 454 287"), Validation::Invalid);
    }
}
