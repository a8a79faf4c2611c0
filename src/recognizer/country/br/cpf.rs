//! Brazilian individual taxpayer numbers (CPF).

use crate::recognizer::checksum::{digits, verdict};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `BR_CPF`: nine digits and two mod-11 check digits, written `123.456.789-09`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.br.cpf",
    entity: "BR_CPF",
    patterns: &[
        PatternDef {
            name: "formatted",
            regex: r"(?-u:\b)[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{11}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// One mod-11 check digit over `d` with weights counting down from `d.len() + 1`.
pub fn mod11_digit(d: &[u8]) -> u8 {
    let n = d.len() as u32 + 1;
    let s: u32 = d.iter().enumerate().map(|(i, &x)| u32::from(x) * (n - i as u32)).sum();
    ((s * 10 % 11) % 10) as u8
}

/// Both check digits; all-same-digit numbers pass them but are never issued.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    let ok = d.len() == 11 && d.iter().any(|&x| x != d[0]) && mod11_digit(&d[..9]) == d[9] && mod11_digit(&d[..10]) == d[10];
    verdict(ok, value.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert_eq!(validate("529.982.247-25"), Validation::Checksum);
        assert_eq!(validate("52998224725"), Validation::Plausible);
        assert_eq!(validate("529.982.247-26"), Validation::Invalid);
        assert_eq!(validate("111.111.111-11"), Validation::Invalid);
    }
}
