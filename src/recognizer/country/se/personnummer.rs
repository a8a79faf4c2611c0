//! Swedish personal identity numbers (personnummer, samordningsnummer).

use crate::recognizer::checksum::{digits, luhn, number, valid_date, verdict};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `SE_PERSONNUMMER`: (YY)YYMMDD, `-` (or `+` past 100 years), three digits, a Luhn check digit;
/// coordination numbers add 60 to the day.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.se.personnummer",
    entity: "SE_PERSONNUMMER",
    patterns: &[
        PatternDef { name: "dashed", regex: r"(?-u:\b)(?:19|20)?[0-9]{6}[-+][0-9]{4}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)(?:19|20)[0-9]{10}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Date (day − 60 for coordination numbers) and Luhn over the last ten digits.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if !matches!(d.len(), 10 | 12) {
        return Validation::Invalid;
    }
    let t = &d[d.len() - 10..];
    let year = if d.len() == 12 { number(&d[..4]) } else { 1900 + number(&t[..2]) };
    let day = number(&t[4..6]);
    let day = if day > 60 { day - 60 } else { day };
    verdict(valid_date(year, number(&t[2..4]), day) && luhn(t), value.contains(['-', '+']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_luhn() {
        assert_eq!(validate("811218-9876"), Validation::Checksum);
        assert_eq!(validate("19811218-9876"), Validation::Checksum);
        assert_eq!(validate("198112189876"), Validation::Plausible);
        assert_eq!(validate("811218-9877"), Validation::Invalid, "Luhn");
        assert_eq!(validate("811318-9876"), Validation::Invalid, "month 13");
    }
}
