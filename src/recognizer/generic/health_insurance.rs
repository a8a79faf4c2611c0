//! Health insurance member numbers, found by the words around them.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `HEALTH_INSURANCE_NUMBER`: insurers' member ids (letters and digits, 8-14 characters, at least
/// six digits) next to an insurance word ("member id", "Versichertennummer", "assurance maladie",
/// "póliza").
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.health_insurance",
    entity: "HEALTH_INSURANCE_NUMBER",
    patterns: &[PatternDef {
        name: "member id",
        regex: r"(?-u:\b)[A-Z]{0,3}[0-9]{6,12}[A-Z0-9]{0,2}(?-u:\b)",
        strength: Strength::Weak,
    }],
    validate: Some(validate),
    needs_context: true,
};

/// At least eight characters and not one repeated digit.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if value.len() < 8 || d.iter().all(|&x| x == d[0]) {
        return Validation::Invalid;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_repeated_values_are_rejected() {
        assert_eq!(validate("XEH123456789"), Validation::Plausible);
        assert_eq!(validate("1234567"), Validation::Invalid, "too short");
        assert_eq!(validate("99999999"), Validation::Invalid);
    }
}
