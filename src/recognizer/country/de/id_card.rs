//! German identity card numbers (Personalausweis).

use crate::recognizer::checksum::icao_731;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `DE_ID_CARD`: the nine-character serial (letters from a restricted alphabet without vowels
/// and digits) and its 7-3-1 check digit, as printed on cards issued since November 2010.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.de.id_card",
    entity: "DE_ID_CARD",
    patterns: &[PatternDef {
        name: "serial",
        regex: r"(?-u:\b)[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9](?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// The check digit over the serial, and at least one digit in the serial.
pub fn validate(value: &str) -> Validation {
    if value.len() != 10 || !value.is_ascii() {
        return Validation::Invalid;
    }
    let serial = &value[..9];
    let ok = serial.bytes().any(|b| b.is_ascii_digit()) && icao_731(serial) == value[9..].parse().ok();
    if ok {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit() {
        assert_eq!(validate("T220001293"), Validation::Checksum);
        assert_eq!(validate("T220001294"), Validation::Invalid);
    }
}
