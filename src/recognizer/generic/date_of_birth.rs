//! Dates of birth: a date with a birth word near it.

use super::date_time::{readings, NUMERIC, WRITTEN};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `DATE_OF_BIRTH`: the dates of [`super::date_time`] that carry a year, numeric (`12/03/1985`,
/// `1985-03-12`, `12.03.1985`) and written (`12 March 1985`, `March 12, 1985`, `12. März 1985`,
/// `12 mars 1985`, `12 de marzo de 1985`). Any date is a `DATE_TIME`; only a context word
/// ("born", "DOB", "geboren", "né le", "fecha de nacimiento") makes it a birth date, so this
/// recognizer needs one, and its boosted score wins the overlap with the plain date.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.date_of_birth",
    entity: "DATE_OF_BIRTH",
    patterns: &[
        PatternDef { name: "numeric", regex: NUMERIC, strength: Strength::Medium },
        PatternDef { name: "written", regex: WRITTEN, strength: Strength::Medium },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// The year a birth date can be at most (scrim's release year: a later date is not a birth date).
const LATEST_YEAR: u32 = 2026;

/// A real calendar date (either reading of a numeric one) with a year in the past 125 years.
pub fn validate(value: &str) -> Validation {
    let plausible_year = |y: u32| (LATEST_YEAR - 125..=LATEST_YEAR).contains(&y);
    if readings(value).iter().any(|&(y, _, _)| y.is_some_and(plausible_year)) {
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
