//! International Bank Account Numbers.

use crate::recognizer::checksum::mod97;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `IBAN_CODE`: country code, two check digits, the BBAN; the length must be the country's and
/// the whole must pass ISO 7064 mod 97-10.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.iban",
    entity: "IBAN_CODE",
    patterns: &[
        PatternDef {
            name: "grouped",
            regex: r"(?-u:\b)[A-Z]{2}[0-9]{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "compact", regex: r"(?-u:\b)[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}(?-u:\b)", strength: Strength::Medium },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// IBAN lengths by country (SWIFT's IBAN registry).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// The registered IBAN length of a country, if it issues IBANs.
pub fn country_length(country: &str) -> Option<usize> {
    LENGTHS.iter().find(|(c, _)| *c == country).map(|&(_, n)| n)
}

/// Length for the country, then mod 97 == 1 over the rearranged string.
pub fn validate(value: &str) -> Validation {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let Some(expected) = compact.get(..2).and_then(country_length) else { return Validation::Invalid };
    if compact.len() != expected {
        return Validation::Invalid;
    }
    let rearranged = format!("{}{}", &compact[4..], &compact[..4]);
    if mod97(&rearranged) == Some(1) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_and_country_lengths() {
        assert_eq!(validate("GB82 WEST 1234 5698 7654 32"), Validation::Checksum);
        assert_eq!(validate("DE89370400440532013000"), Validation::Checksum);
        assert_eq!(validate("DE89370400440532013001"), Validation::Invalid, "bad check");
        assert_eq!(validate("DE8937040044053201300"), Validation::Invalid, "too short for DE");
        assert_eq!(validate("ZZ89370400440532013000"), Validation::Invalid, "no such country");
    }
}
