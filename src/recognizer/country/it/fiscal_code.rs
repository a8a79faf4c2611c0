//! Italian fiscal codes (codice fiscale).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `IT_FISCAL_CODE`: surname and name consonants, birth year, month letter, day (+40 for women),
/// municipality code, check letter. Digits may be replaced by letters (omocodia).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.it.fiscal_code",
    entity: "IT_FISCAL_CODE",
    patterns: &[PatternDef {
        name: "codice fiscale",
        regex: r"(?i)(?-u:\b)[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// Values of characters in odd positions (1st, 3rd...), indexed by digit or letter.
const ODD: [u32; 26] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/// The check letter over the first fifteen characters.
pub fn validate(value: &str) -> Validation {
    let v = value.to_ascii_uppercase();
    let b = v.as_bytes();
    if b.len() != 16 || !b.iter().all(u8::is_ascii_alphanumeric) {
        return Validation::Invalid;
    }
    let index = |c: u8| if c.is_ascii_digit() { usize::from(c - b'0') } else { usize::from(c - b'A') };
    let sum: u32 = b[..15].iter().enumerate().map(|(i, &c)| if i % 2 == 0 { ODD[index(c)] } else { index(c) as u32 }).sum();
    if b[15] == b'A' + (sum % 26) as u8 {
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
        assert_eq!(validate("RSSMRA85T10A562S"), Validation::Checksum);
        assert_eq!(validate("rssmra85t10a562s"), Validation::Checksum);
        assert_eq!(validate("RSSMRA85T10A562T"), Validation::Invalid);
    }
}
