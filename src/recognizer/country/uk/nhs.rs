//! NHS numbers (England, Wales, Isle of Man).

use crate::recognizer::checksum::{digits, verdict, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `UK_NHS`: ten digits, written 3-3-4, the last a mod-11 check digit.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.uk.nhs",
    entity: "UK_NHS",
    patterns: &[
        PatternDef { name: "grouped", regex: r"(?-u:\b)[0-9]{3}[ -][0-9]{3}[ -][0-9]{4}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{10}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Whether ten digits carry a correct NHS check digit (weights 10..2; 11 - sum mod 11; 11 → 0,
/// 10 is never issued).
pub fn check(d: &[u8]) -> bool {
    if d.len() != 10 || d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let c = 11 - weighted_sum(&d[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    let c = if c == 11 { 0 } else { c };
    c != 10 && c == u32::from(d[9])
}

/// The check digit; a 3-3-4 grouping confirms it, bare digits stay plausible (a phone number in
/// eleven passes too), and so need a context word.
pub fn validate(value: &str) -> Validation {
    verdict(check(&digits(value)), value.contains([' ', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod_11() {
        assert_eq!(validate("943 476 5919"), Validation::Checksum);
        assert_eq!(validate("9434765919"), Validation::Plausible);
        assert_eq!(validate("943 476 5918"), Validation::Invalid);
        assert_eq!(validate("000 000 0000"), Validation::Invalid);
    }
}
