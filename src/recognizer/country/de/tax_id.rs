//! German tax identification numbers (Steuerliche Identifikationsnummer).

use crate::recognizer::checksum::{digits, iso7064_mod11_10, verdict};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `DE_TAX_ID`: eleven digits, the first not 0, written bare or `12 345 678 901`; the last is an
/// ISO 7064 MOD 11,10 check digit.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.de.tax_id",
    entity: "DE_TAX_ID",
    patterns: &[
        PatternDef {
            name: "grouped",
            regex: r"(?-u:\b)[1-9][0-9] [0-9]{3} [0-9]{3} [0-9]{3}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[1-9][0-9]{10}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// In the first ten digits exactly one digit occurs two or three times and all others at most
/// once; then the check digit.
pub fn check(d: &[u8]) -> bool {
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[usize::from(x)] += 1;
    }
    let repeated: Vec<u8> = counts.iter().copied().filter(|&c| c > 1).collect();
    repeated.len() == 1 && matches!(repeated[0], 2 | 3) && iso7064_mod11_10(&d[..10]) == d[10]
}

/// The structure and check digit; grouped confirms, bare stays plausible.
pub fn validate(value: &str) -> Validation {
    verdict(check(&digits(value)), value.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_and_check_digit() {
        assert_eq!(validate("86 095 742 719"), Validation::Checksum);
        assert_eq!(validate("86095742719"), Validation::Plausible);
        assert_eq!(validate("86095742718"), Validation::Invalid, "check digit");
        assert_eq!(validate("12345678903"), Validation::Invalid, "no repeated digit");
    }
}
