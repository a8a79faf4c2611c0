//! Mexican population registry keys (CURP).

use crate::recognizer::checksum::{number, valid_date};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `MX_CURP`: name letters, birth date, sex, state, internal consonants, a homonym character and
/// a check digit.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.mx.curp",
    entity: "MX_CURP",
    patterns: &[PatternDef {
        name: "curp",
        regex: r"(?-u:\b)[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[HMX](?:AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z][0-9](?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// The value of a CURP character in the check-digit sum (`0`-`9`, then `A`-`N`, `Ñ`, `O`-`Z`).
fn value_of(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'N' => u32::from(c - b'A') + 10,
        _ => u32::from(c - b'A') + 11,
    }
}

/// A real birth date (the homonym character is a digit before 2000, a letter after) and the
/// check digit.
pub fn validate(value: &str) -> Validation {
    let b = value.as_bytes();
    if b.len() != 18
        || !b.iter().all(u8::is_ascii_alphanumeric)
        || !b[4..10].iter().all(u8::is_ascii_digit)
        || !b[17].is_ascii_digit()
    {
        return Validation::Invalid;
    }
    let d: Vec<u8> = b[4..10].iter().map(|c| c - b'0').collect();
    let year = number(&d[..2]) + if b[16].is_ascii_digit() { 1900 } else { 2000 };
    if !valid_date(year, number(&d[2..4]), number(&d[4..6])) {
        return Validation::Invalid;
    }
    let sum: u32 = b[..17].iter().enumerate().map(|(i, &c)| value_of(c) * (18 - i as u32)).sum();
    if (10 - sum % 10) % 10 == u32::from(b[17] - b'0') {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_check_digit() {
        assert_eq!(validate("HEGG560427MVZRRL04"), Validation::Checksum);
        assert_eq!(validate("HEGG560427MVZRRL05"), Validation::Invalid);
        assert_eq!(validate("HEGG560231MVZRRL04"), Validation::Invalid, "31 February");
    }
}
