//! UK postcodes.

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `UK_POSTCODE`: outward code (area, district) and inward code (sector digit, two unit letters),
/// e.g. `SW1A 1AA`, `M1 1AE`, `EC1A 1BB`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.uk.postcode",
    entity: "UK_POSTCODE",
    patterns: &[PatternDef {
        name: "postcode",
        regex: r"(?-u:\b)[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// Royal Mail's letter rules: no Q, V, X first; no I, J, Z second; unit letters never C, I, K,
/// M, O, V. A postcode without its space is doubtful (product codes look like that).
pub fn validate(value: &str) -> Validation {
    let b = value.as_bytes();
    let n = b.len();
    if n < 5 || !value.is_ascii() {
        return Validation::Invalid;
    }
    if matches!(b[0], b'Q' | b'V' | b'X') || (b[1].is_ascii_alphabetic() && matches!(b[1], b'I' | b'J' | b'Z')) {
        return Validation::Invalid;
    }
    if b[n - 2..].iter().any(|c| b"CIKMOV".contains(c)) {
        return Validation::Invalid;
    }
    if value.contains(' ') {
        Validation::Plausible
    } else {
        Validation::Doubtful
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn royal_mail_letter_rules() {
        assert_eq!(validate("SW1A 1AA"), Validation::Plausible);
        assert_eq!(validate("M1 1AE"), Validation::Plausible);
        assert_eq!(validate("QA1 1AA"), Validation::Invalid, "Q never first");
        assert_eq!(validate("SW1A 1AC"), Validation::Invalid, "C never a unit letter");
        assert_eq!(validate("SW1A1AA"), Validation::Doubtful);
    }
}
