//! Polish personal identity numbers (PESEL).

use crate::recognizer::checksum::{digits, number, valid_date, verdict, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `PL_PESEL`: birth date YYMMDD (the month carries the century: +20 for the 2000s, +80 for the
/// 1800s), four digits, a check digit. Always written bare, so a context word is needed.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.pl.pesel",
    entity: "PL_PESEL",
    patterns: &[PatternDef { name: "pesel", regex: r"(?-u:\b)[0-9]{2}[0-9]{2}[0-3][0-9]{6}(?-u:\b)", strength: Strength::Weak }],
    validate: Some(validate),
    needs_context: false,
};

/// The encoded birth date must exist and the weighted check digit must match.
pub fn check(d: &[u8]) -> bool {
    if d.len() != 11 {
        return false;
    }
    let (yy, mm, dd) = (number(&d[..2]), number(&d[2..4]), number(&d[4..6]));
    let (century, month) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        81..=92 => (1800, mm - 80),
        _ => return false,
    };
    let c = (10 - weighted_sum(&d[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10;
    valid_date(century + yy, month, dd) && c == u32::from(d[10])
}

/// Date and check digit; bare digits stay plausible.
pub fn validate(value: &str) -> Validation {
    verdict(check(&digits(value)), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_check_digit() {
        assert_eq!(validate("44051401359"), Validation::Plausible);
        assert_eq!(validate("02070803628"), Validation::Plausible);
        assert_eq!(validate("44051401358"), Validation::Invalid, "check digit");
        assert_eq!(validate("44133101357"), Validation::Invalid, "month 13");
    }
}
