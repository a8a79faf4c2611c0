//! US Individual Taxpayer Identification Numbers.

use crate::recognizer::checksum::{digits, number};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `US_ITIN`: `9XX-XX-XXXX` whose group (digits 4-5) is one the IRS issues.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.itin",
    entity: "US_ITIN",
    patterns: &[
        PatternDef { name: "grouped", regex: r"(?-u:\b)9[0-9]{2}[- ][5-9][0-9][- ][0-9]{4}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)9[0-9]{2}[5-9][0-9]{5}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Groups 50-65, 70-88, 90-92 and 94-99 (IRS Publication 1915).
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.len() != 9 {
        return Validation::Invalid;
    }
    let group = number(&d[3..5]);
    if matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99) {
        Validation::Plausible
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_must_be_issued() {
        assert_eq!(validate("912-70-1234"), Validation::Plausible);
        assert_eq!(validate("912-93-1234"), Validation::Invalid, "93 is not issued");
        assert_eq!(validate("912-66-1234"), Validation::Invalid);
    }
}
