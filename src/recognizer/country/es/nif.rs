//! Spanish national identity numbers (DNI / NIF of residents).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `ES_NIF`: eight digits and a check letter.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.es.nif",
    entity: "ES_NIF",
    patterns: &[PatternDef { name: "dni", regex: r"(?-u:\b)[0-9]{8}[ -]?[A-Z](?-u:\b)", strength: Strength::Medium }],
    validate: Some(validate),
    needs_context: false,
};

/// The letters of the mod-23 check, in remainder order.
pub const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Whether `number`'s check letter is `letter`.
pub fn check(number: u32, letter: u8) -> bool {
    LETTERS[(number % 23) as usize] == letter
}

/// The check letter.
pub fn validate(value: &str) -> Validation {
    if !(9..=10).contains(&value.len()) || !value.is_ascii() {
        return Validation::Invalid;
    }
    let number: u32 = value[..8].parse().unwrap_or(0);
    if number != 0 && check(number, value.as_bytes()[value.len() - 1]) {
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
        assert_eq!(validate("12345678Z"), Validation::Checksum);
        assert_eq!(validate("12345678-Z"), Validation::Checksum);
        assert_eq!(validate("12345678A"), Validation::Invalid);
    }
}
