//! Spanish foreigner identity numbers (NIE).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `ES_NIE`: X, Y or Z, seven digits, a check letter (X, Y, Z count as 0, 1, 2 in front).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.es.nie",
    entity: "ES_NIE",
    patterns: &[PatternDef { name: "nie", regex: r"(?-u:\b)[XYZ][ -]?[0-9]{7}[ -]?[A-Z](?-u:\b)", strength: Strength::Medium }],
    validate: Some(validate),
    needs_context: false,
};

/// The DNI check letter over the prefixed number.
pub fn validate(value: &str) -> Validation {
    let b = value.as_bytes();
    if b.len() < 3 || !matches!(b[0], b'X' | b'Y' | b'Z') || !value.is_ascii() {
        return Validation::Invalid;
    }
    let prefix = u32::from(b[0] - b'X');
    let digits: String = value[1..].chars().filter(char::is_ascii_digit).collect();
    let number = prefix * 10_000_000 + digits.parse::<u32>().unwrap_or(0);
    if super::nif::check(number, b[b.len() - 1]) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_letter() {
        assert_eq!(validate("X1234567L"), Validation::Checksum);
        assert_eq!(validate("Y-1234567-X"), Validation::Checksum);
        assert_eq!(validate("X1234567A"), Validation::Invalid);
    }
}
