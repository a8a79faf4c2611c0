//! South Korean resident registration numbers (주민등록번호).

use crate::recognizer::checksum::{digits, number, valid_date, verdict, weighted_sum};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `KR_RRN`: birth date YYMMDD, `-`, a sex/century digit and six more. Numbers issued before
/// October 2020 end in a check digit; later ones are random, so only the date is checked for
/// people born from 2020.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.kr.rrn",
    entity: "KR_RRN",
    patterns: &[
        PatternDef { name: "dashed", regex: r"(?-u:\b)[0-9]{6}-[1-8][0-9]{6}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{6}[1-8][0-9]{6}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Date (century from the seventh digit), then the check digit for numbers that carry one.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.len() != 13 {
        return Validation::Invalid;
    }
    let century = if matches!(d[6], 3 | 4 | 7 | 8) { 2000 } else { 1900 };
    let year = century + number(&d[..2]);
    if !valid_date(year, number(&d[2..4]), number(&d[4..6])) {
        return Validation::Invalid;
    }
    let check = (11 - weighted_sum(&d[..12], &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11) % 10;
    if check == u32::from(d[12]) {
        verdict(true, value.contains('-'))
    } else if year >= 2020 {
        Validation::Plausible
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_check_digit() {
        assert_eq!(validate("900101-1234568"), Validation::Checksum);
        assert_eq!(validate("900101-1234567"), Validation::Invalid, "check digit");
        assert_eq!(validate("901301-1234568"), Validation::Invalid, "month 13");
        assert_eq!(validate("210101-3234567"), Validation::Plausible, "random tail since 2020");
    }
}
