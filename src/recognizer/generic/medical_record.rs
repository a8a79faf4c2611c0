//! Medical record numbers, found by the words around them.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `MEDICAL_RECORD_NUMBER`: hospitals number records in their own formats (digits, an optional
/// letter prefix), so only a context word ("MRN", "medical record", "Patientennummer", "dossier
/// médical", "historia clínica") makes a number one.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.medical_record",
    entity: "MEDICAL_RECORD_NUMBER",
    patterns: &[PatternDef {
        name: "record id",
        regex: r"(?-u:\b)(?:[A-Z]{1,3}-)?[0-9]{6,10}(?-u:\b)",
        strength: Strength::Weak,
    }],
    validate: Some(validate),
    needs_context: true,
};

/// Not a run of one digit, not a year-like 6-digit date.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.iter().all(|&x| x == d[0]) {
        return Validation::Invalid;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_digits_are_placeholders() {
        assert_eq!(validate("MRN-00482913"), Validation::Plausible);
        assert_eq!(validate("0000000"), Validation::Invalid);
    }
}
