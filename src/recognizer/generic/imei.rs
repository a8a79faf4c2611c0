//! Mobile device identities (IMEI).

use crate::recognizer::checksum::{digits, luhn};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `IMEI`: 15 digits (TAC 8, serial 6, Luhn check 1), bare or as `AA-BBBBBB-CCCCCC-D`. One
/// random 15-digit number in ten passes Luhn, so a context word ("IMEI", "device") is needed.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.imei",
    entity: "IMEI",
    patterns: &[PatternDef {
        name: "imei",
        regex: r"(?-u:\b)[0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{6}[ -]?[0-9](?-u:\b)",
        strength: Strength::Weak,
    }],
    validate: Some(validate),
    needs_context: true,
};

/// Luhn over the 15 digits.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.len() == 15 && luhn(&d) && !d.iter().all(|&x| x == d[0]) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_decides() {
        assert_eq!(validate("490154203237518"), Validation::Checksum);
        assert_eq!(validate("49-015420-323751-8"), Validation::Checksum);
        assert_eq!(validate("490154203237519"), Validation::Invalid);
    }
}
