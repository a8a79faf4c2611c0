//! Dates of birth: a date with a birth word near it.

use crate::recognizer::checksum::{digits, number, valid_date};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `DATE_OF_BIRTH`: numeric (`12/03/1985`, `1985-03-12`, `12.03.1985`) and written-out dates
/// (`12 March 1985`, `March 12, 1985`, `12. März 1985`, `12 mars 1985`, `12 de marzo de 1985`).
/// Any date is a date; only a context word ("born", "DOB", "geboren", "né le", "nacido") makes
/// it a birth date, so the recognizer needs one.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.date_of_birth",
    entity: "DATE_OF_BIRTH",
    patterns: &[
        PatternDef {
            name: "numeric",
            regex: r"(?-u:\b)(?:[0-9]{1,2}[./-][0-9]{1,2}[./-](?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2})(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "written",
            regex: r"(?i)(?-u:\b)(?:[0-9]{1,2}(?:st|nd|rd|th|\.)? (?:de )?(?P<m1>jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[ée]vr(?:ier)?|m[äa]r(?:ch|z|s)?|apr(?:il)?|avr(?:il)?|may|mai|jun(?:e|i)?|juin|jul(?:y|i)?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t|tember|tembre)?|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre)?|de[cz](?:ember|embre)?|d[ée]c(?:embre)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre),? (?:de )?(?:19|20)[0-9]{2}|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?) [0-9]{1,2}(?:st|nd|rd|th)?,? (?:19|20)[0-9]{2})(?-u:\b)",
            strength: Strength::Medium,
        },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// The year a birth date can be at most (scrim's release year: a later date is not a birth date).
const LATEST_YEAR: u32 = 2026;

/// Numeric dates must be real calendar dates in the past 125 years, read day-first or
/// month-first (either reading may hold); written dates are checked for a plausible day and year.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    let numeric = value.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'/' | b'-'));
    let plausible_year = |y: u32| (LATEST_YEAR - 125..=LATEST_YEAR).contains(&y);
    if numeric {
        let parts: Vec<u32> = value.split(['.', '/', '-']).map(|p| p.parse().unwrap_or(0)).collect();
        if parts.len() != 3 {
            return Validation::Invalid;
        }
        let ok = if parts[0] >= 1000 {
            plausible_year(parts[0]) && valid_date(parts[0], parts[1], parts[2])
        } else {
            plausible_year(parts[2]) && (valid_date(parts[2], parts[1], parts[0]) || valid_date(parts[2], parts[0], parts[1]))
        };
        return if ok { Validation::Plausible } else { Validation::Invalid };
    }
    let year = number(&d[d.len().saturating_sub(4)..]);
    let day = number(&d[..d.len().saturating_sub(4)]);
    if plausible_year(year) && (1..=31).contains(&day) {
        Validation::Plausible
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_and_future_dates_are_rejected() {
        assert_eq!(validate("12/03/1985"), Validation::Plausible);
        assert_eq!(validate("1985-03-12"), Validation::Plausible);
        assert_eq!(validate("03/25/1985"), Validation::Plausible, "month-first");
        assert_eq!(validate("31.02.1985"), Validation::Invalid, "no 31 February");
        assert_eq!(validate("12/03/2031"), Validation::Invalid, "in the future");
        assert_eq!(validate("12 March 1985"), Validation::Plausible);
        assert_eq!(validate("45 March 1985"), Validation::Invalid);
    }
}
