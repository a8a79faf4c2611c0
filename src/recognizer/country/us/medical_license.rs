//! DEA registration numbers (US prescriber licences).

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `MEDICAL_LICENSE`: registrant type letter, the first letter of the registrant's surname (or 9),
/// seven digits whose last is a check digit.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.medical_license",
    entity: "MEDICAL_LICENSE",
    patterns: &[PatternDef {
        name: "dea",
        regex: r"(?-u:\b)[ABCDEFGHJKLMPRSTUX][A-Z9][0-9]{7}(?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// A registrant type letter, a letter or 9, then seven digits where (d1 + d3 + d5) + 2·(d2 + d4 +
/// d6) ends in d7. The letters are checked here too, not only by the pattern: the labelled field
/// `DEA:` hands its value over as written.
pub fn validate(value: &str) -> Validation {
    let b = value.as_bytes();
    if b.len() != 9 || !b"ABCDEFGHJKLMPRSTUX".contains(&b[0]) || !(b[1].is_ascii_uppercase() || b[1] == b'9') {
        return Validation::Invalid;
    }
    let Some(d) = value.get(2..).map(digits).filter(|d| d.len() == 7) else { return Validation::Invalid };
    let sum = u32::from(d[0] + d[2] + d[4]) + 2 * u32::from(d[1] + d[3] + d[5]);
    if sum % 10 == u32::from(d[6]) && d[..6].iter().any(|&x| x != 0) {
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
        assert_eq!(validate("AB1234563"), Validation::Checksum);
        assert_eq!(validate("AB1234564"), Validation::Invalid);
        assert_eq!(validate("AB0000000"), Validation::Invalid);
        assert_eq!(validate("IB1234563"), Validation::Invalid, "no registrant type I");
        assert_eq!(validate("ab1234563"), Validation::Invalid, "lower case");
        assert_eq!(validate("AB12345630"), Validation::Invalid, "eight digits");
    }
}
