//! Telephone numbers: international (E.164 with `+`), North American, and national trunk formats.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `PHONE_NUMBER`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.phone",
    entity: "PHONE_NUMBER",
    patterns: &[
        PatternDef {
            name: "international",
            regex: r"(?:^|[^0-9A-Za-z+])(?P<v>\+[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,5}\)?){2,6})(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "nanp",
            regex: r"(?:^|[^0-9A-Za-z+])(?P<v>(?:1[ .-]?)?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4})(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "national",
            regex: r"(?:^|[^0-9A-Za-z+])(?P<v>0[1-9][0-9]{0,4}(?:[ .-]?[0-9]{2,4}){2,4})(?-u:\b)",
            strength: Strength::Weak,
        },
        PatternDef { name: "bare ten digits", regex: r"(?-u:\b)[2-9][0-9]{2}[2-9][0-9]{6}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// E.164 allows at most 15 digits; fewer than 7 is not a dialable number anywhere; a North
/// American number (`+1`) has exactly 11 and neither its area code nor exchange starts with 0 or 1.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if !(7..=15).contains(&d.len()) || d.iter().all(|&x| x == d[0]) {
        return Validation::Invalid;
    }
    let nanp = if value.starts_with("+1") || (d.len() == 11 && d[0] == 1) {
        Some(&d[1..])
    } else if d.len() == 10 && !value.starts_with('+') && !value.starts_with('0') {
        Some(&d[..])
    } else {
        None
    };
    if let Some(n) = nanp {
        if n.len() != 10 || n[0] < 2 || n[3] < 2 {
            return Validation::Invalid;
        }
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_nanp_rules() {
        assert_eq!(validate("+1 (415) 555-2671"), Validation::Plausible);
        assert_eq!(validate("+44 20 7946 0958"), Validation::Plausible);
        assert_eq!(validate("+1 (015) 555-2671"), Validation::Invalid, "area code cannot start with 0");
        assert_eq!(validate("+49 30 1234 5678 9012 34"), Validation::Invalid, "over 15 digits");
        assert_eq!(validate("123-4567"), Validation::Plausible);
        assert_eq!(validate("12-345"), Validation::Invalid);
    }
}
