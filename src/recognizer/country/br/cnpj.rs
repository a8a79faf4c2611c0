//! Brazilian company registry numbers (CNPJ).

use crate::recognizer::checksum::{digits, verdict, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `BR_CNPJ`: eight-digit root, four-digit branch, two mod-11 check digits, written
/// `11.222.333/0001-81`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.br.cnpj",
    entity: "BR_CNPJ",
    patterns: &[
        PatternDef {
            name: "formatted",
            regex: r"(?-u:\b)[0-9]{2}\.[0-9]{3}\.[0-9]{3}/[0-9]{4}-[0-9]{2}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{14}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

fn dv(d: &[u8], w: &[u32]) -> u8 {
    let r = weighted_sum(d, w) % 11;
    if r < 2 {
        0
    } else {
        (11 - r) as u8
    }
}

/// Both check digits; formatted confirms.
pub fn validate(value: &str) -> Validation {
    const W1: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const W2: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let d = digits(value);
    let ok = d.len() == 14 && d.iter().any(|&x| x != d[0]) && dv(&d[..12], &W1) == d[12] && dv(&d[..13], &W2) == d[13];
    verdict(ok, value.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert_eq!(validate("11.222.333/0001-81"), Validation::Checksum);
        assert_eq!(validate("11222333000181"), Validation::Plausible);
        assert_eq!(validate("11.222.333/0001-82"), Validation::Invalid);
    }
}
