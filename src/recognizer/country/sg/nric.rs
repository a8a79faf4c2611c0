//! Singapore NRIC and FIN numbers.

use crate::recognizer::checksum::{digits, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `SG_NRIC_FIN`: S/T (citizens, residents), F/G/M (foreigners), seven digits, a check letter.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.sg.nric",
    entity: "SG_NRIC_FIN",
    patterns: &[PatternDef { name: "nric", regex: r"(?-u:\b)[STFGM][0-9]{7}[A-Z](?-u:\b)", strength: Strength::Medium }],
    validate: Some(validate),
    needs_context: false,
};

/// Weights 2, 7, 6, 5, 4, 3, 2 (+4 for T and G, +3 for M), mod 11, looked up in the prefix's
/// letter table.
pub fn validate(value: &str) -> Validation {
    let b = value.as_bytes();
    if b.len() != 9 || !b[1..8].iter().all(u8::is_ascii_digit) {
        return Validation::Invalid;
    }
    let d = digits(&value[1..8]);
    let (offset, table): (u32, &[u8; 11]) = match b[0] {
        b'S' => (0, b"JZIHGFEDCBA"),
        b'T' => (4, b"JZIHGFEDCBA"),
        b'F' => (0, b"XWUTRQPNMLK"),
        b'G' => (4, b"XWUTRQPNMLK"),
        _ => (3, b"KLJNPQRTUWX"),
    };
    let r = (weighted_sum(&d, &[2, 7, 6, 5, 4, 3, 2]) + offset) % 11;
    let expected = if b[0] == b'M' { table[10 - r as usize] } else { table[r as usize] };
    if expected == b[8] {
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
        assert_eq!(validate("S1234567D"), Validation::Checksum);
        assert_eq!(validate("T1234567J"), Validation::Checksum);
        assert_eq!(validate("S1234567A"), Validation::Invalid);
    }
}
