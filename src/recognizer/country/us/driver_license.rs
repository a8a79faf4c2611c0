//! US driver's licence numbers.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `US_DRIVER_LICENSE`: each state has its own format (a letter and 7-13 digits, Florida's
/// `A123-456-78-901-0`, 7-9 bare digits...). Too many things look like that, so a context word
/// ("driver's license", "DL", "Führerschein", "permis de conduire") is required.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.driver_license",
    entity: "US_DRIVER_LICENSE",
    patterns: &[
        PatternDef {
            name: "florida",
            regex: r"(?-u:\b)[A-Z][0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{3}-[0-9](?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "letters digits", regex: r"(?-u:\b)[A-Z]{1,2}[0-9]{5,13}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "digits", regex: r"(?-u:\b)[0-9]{7,9}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: true,
};

/// Not one digit repeated.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.iter().all(|&x| x == d[0]) {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_licences() {
        assert_eq!(validate("D1234567"), Validation::Plausible);
        assert_eq!(validate("D0000000"), Validation::Invalid);
    }
}
