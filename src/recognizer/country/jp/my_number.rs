//! Japanese Individual Numbers (My Number, 個人番号).

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `JP_MY_NUMBER`: eleven digits and a check digit, written 4-4-4. The shape is shared with
/// Aadhaar numbers and card fragments, so a context word ("My Number", "マイナンバー", "個人番号")
/// is required.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.jp.my_number",
    entity: "JP_MY_NUMBER",
    patterns: &[
        PatternDef { name: "grouped", regex: r"(?-u:\b)[0-9]{4}[ -][0-9]{4}[ -][0-9]{4}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{12}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// Weights n+1 (n ≤ 6) and n−5 (n ≥ 7) counted from the right of the first eleven digits;
/// 11 − sum mod 11, or 0 when the remainder is 0 or 1.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.len() != 12 || d.iter().all(|&x| x == d[0]) {
        return Validation::Invalid;
    }
    let sum: u32 = (1..=11u32).map(|n| u32::from(d[11 - n as usize]) * if n <= 6 { n + 1 } else { n - 5 }).sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    if check == u32::from(d[11]) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit() {
        assert_eq!(validate("1234 5678 9018"), Validation::Checksum);
        assert_eq!(validate("1234 5678 9019"), Validation::Invalid);
    }
}
