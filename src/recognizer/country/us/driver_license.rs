//! US driver's licence numbers.

use crate::recognizer::checksum::not_one_digit_repeated;
use crate::recognizer::{PatternDef, RecognizerDef, Strength};

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
    validate: Some(not_one_digit_repeated),
    needs_context: true,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognizer::Validation;

    #[test]
    fn placeholders_are_not_licences() {
        assert_eq!(not_one_digit_repeated("D1234567"), Validation::Plausible);
        assert_eq!(not_one_digit_repeated("D0000000"), Validation::Invalid);
    }
}
