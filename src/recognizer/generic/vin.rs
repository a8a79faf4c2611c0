//! Vehicle identification numbers (ISO 3779).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `VEHICLE_IDENTIFICATION_NUMBER`: 17 characters without I, O, Q. North American VINs carry a
/// check digit in position 9 (confirmed); others (many European ones) do not, so without it the
/// value needs a context word ("VIN", "chassis", "Fahrgestellnummer").
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.vin",
    entity: "VEHICLE_IDENTIFICATION_NUMBER",
    patterns: &[PatternDef { name: "vin", regex: r"(?-u:\b)[A-HJ-NPR-Z0-9]{17}(?-u:\b)", strength: Strength::Medium }],
    validate: Some(validate),
    needs_context: false,
};

/// The transliteration of letters to numbers of 49 CFR 565.
fn value_of(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => 0,
    }
}

/// The check digit (`0`-`9` or `X`) a VIN's position 9 must hold.
pub fn check_digit(vin: &[u8]) -> u8 {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let sum: u32 = vin.iter().zip(WEIGHTS).map(|(&c, w)| value_of(c) * w).sum();
    match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    }
}

/// Letters and digits both (a manufacturer code has letters, a serial has digits); a correct
/// check digit confirms it, a wrong one leaves a doubtful European-style VIN.
pub fn validate(value: &str) -> Validation {
    let b = value.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_alphanumeric) {
        return Validation::Invalid;
    }
    let letters = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    if letters == 0 || letters == b.len() || !b[13..].iter().all(u8::is_ascii_digit) {
        return Validation::Invalid;
    }
    if check_digit(b) == b[8] {
        Validation::Checksum
    } else {
        Validation::Doubtful
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_and_shape() {
        assert_eq!(validate("1M8GDM9AXKP042788"), Validation::Checksum);
        assert_eq!(validate("1M8GDM9A1KP042788"), Validation::Doubtful, "wrong check digit");
        assert_eq!(validate("12345678901234567"), Validation::Invalid, "no letters");
        assert_eq!(validate("ABCDEFGHJKLMNPRST"), Validation::Invalid, "no digits");
    }
}
