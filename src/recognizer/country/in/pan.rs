//! Indian Permanent Account Numbers (income tax).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `IN_PAN`: five letters (the fourth says the holder's type: P person, C company, H HUF...),
/// four digits, a letter.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.in.pan",
    entity: "IN_PAN",
    patterns: &[PatternDef {
        name: "pan",
        regex: r"(?-u:\b)[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z](?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// Serial 0000 is never issued.
pub fn validate(value: &str) -> Validation {
    if value.len() != 10 || value.get(5..9).is_none_or(|d| d == "0000") {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_serial() {
        assert_eq!(validate("ABCPE1234F"), Validation::Plausible);
        assert_eq!(validate("ABCPE0000F"), Validation::Invalid);
    }
}
