//! Dutch citizen service numbers (burgerservicenummer).

use crate::recognizer::checksum::{digits, verdict, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `NL_BSN`: nine digits passing the "11-proof", bare or written `1234.56.782`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.nl.bsn",
    entity: "NL_BSN",
    patterns: &[
        PatternDef { name: "dotted", regex: r"(?-u:\b)[0-9]{4}\.[0-9]{2}\.[0-9]{3}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{9}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// 9·d1 + 8·d2 + ... + 2·d8 − d9 ≡ 0 (mod 11); dotted confirms, bare stays plausible.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    let ok = d.len() == 9 && d.iter().any(|&x| x != 0) && {
        let s = weighted_sum(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) as i64 - i64::from(d[8]);
        s % 11 == 0
    };
    verdict(ok, value.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_proof() {
        assert_eq!(validate("1112.22.333"), Validation::Checksum);
        assert_eq!(validate("111222333"), Validation::Plausible);
        assert_eq!(validate("111222334"), Validation::Invalid);
        assert_eq!(validate("000000000"), Validation::Invalid);
    }
}
