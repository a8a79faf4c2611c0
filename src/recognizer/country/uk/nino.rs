//! UK National Insurance numbers.

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `UK_NINO`: two prefix letters, six digits (often paired by spaces), a suffix A-D.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.uk.nino",
    entity: "UK_NINO",
    patterns: &[PatternDef {
        name: "nino",
        regex: r"(?-u:\b)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// HMRC never allocates the prefixes BG, GB, KN, NK, NT, TN and ZZ. A NINO has no check digit, so
/// an allocated prefix leaves the value plausible, not confirmed.
pub fn validate(value: &str) -> Validation {
    if matches!(value.get(..2), Some("BG" | "GB" | "KN" | "NK" | "NT" | "TN" | "ZZ")) {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unallocated_prefixes() {
        assert_eq!(validate("AB 12 34 56 C"), Validation::Plausible);
        assert_eq!(validate("GB123456A"), Validation::Invalid);
        assert_eq!(validate("TN123456A"), Validation::Invalid);
    }
}
