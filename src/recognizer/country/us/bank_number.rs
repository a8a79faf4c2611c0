//! US bank account numbers, found by the words around them.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `US_BANK_NUMBER`: 8 to 17 digits with no check digit; only "account number", "checking",
/// "Kontonummer", "numéro de compte", "número de cuenta" nearby make them one.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.bank_number",
    entity: "US_BANK_NUMBER",
    patterns: &[PatternDef { name: "digits", regex: r"(?-u:\b)[0-9]{8,17}(?-u:\b)", strength: Strength::Weak }],
    validate: Some(validate),
    needs_context: true,
};

/// 8 to 17 digits (spaces and hyphens between them aside; the pattern's matches have none, a
/// labelled value may), not one digit repeated, not an ascending run (placeholders). A value with
/// letters is no US account number: `field.bank_account` checks with this, so a labelled IBAN
/// stays the IBAN recognizer's.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if !value.bytes().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-')) || !(8..=17).contains(&d.len()) {
        return Validation::Invalid;
    }
    if d.iter().all(|&x| x == d[0]) || d.windows(2).all(|w| w[1] == (w[0] + 1) % 10) {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_accounts() {
        assert_eq!(validate("000123456789"), Validation::Plausible);
        assert_eq!(validate("11111111"), Validation::Invalid);
        assert_eq!(validate("123456789012"), Validation::Invalid);
        assert_eq!(validate("5887-2869-72"), Validation::Plausible, "a labelled value may be grouped");
        assert_eq!(validate("DE89370400440532013000"), Validation::Invalid, "letters: an IBAN");
        assert_eq!(validate("1234567"), Validation::Invalid, "too short");
    }
}
