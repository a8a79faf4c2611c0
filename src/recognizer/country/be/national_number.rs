//! Belgian national register numbers (rijksregisternummer / numéro de registre national).

use crate::recognizer::checksum::{digits, number, verdict};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `BE_NATIONAL_NUMBER`: birth date YY.MM.DD, a 3-digit sequence (odd for men), and the check
/// 97 − (first nine digits mod 97), with a 2 prefixed for people born from 2000.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.be.national_number",
    entity: "BE_NATIONAL_NUMBER",
    patterns: &[
        PatternDef {
            name: "formatted",
            regex: r"(?-u:\b)[0-9]{2}\.[0-9]{2}\.[0-9]{2}[- ][0-9]{3}\.[0-9]{2}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{11}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Month 0-12 and day 0-31 (0 when unknown), then the check; formatted confirms.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.len() != 11 || number(&d[2..4]) > 12 || number(&d[4..6]) > 31 {
        return Validation::Invalid;
    }
    let n = u64::from(number(&d[..9]));
    let check = u64::from(number(&d[9..]));
    let ok = 97 - n % 97 == check || 97 - (2_000_000_000 + n) % 97 == check;
    verdict(ok, value.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_for_both_centuries() {
        assert_eq!(validate("85.07.30-033.28"), Validation::Checksum);
        assert_eq!(validate("85073003328"), Validation::Plausible);
        assert_eq!(validate("85.07.30-033.29"), Validation::Invalid);
        assert_eq!(validate("85.13.30-033.28"), Validation::Invalid, "month 13");
    }
}
