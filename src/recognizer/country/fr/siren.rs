//! French business register numbers (INSEE's SIREN and SIRET).

use crate::recognizer::checksum::{digits, luhn};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `FR_SIREN`: a company's 9-digit SIREN or an establishment's 14-digit SIRET (SIREN + NIC),
/// Luhn-checked. Sole traders' SIRENs identify a person. Nine Luhn-valid digits are common, so a
/// context word ("SIREN", "SIRET", "RCS", "INSEE") is required.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.fr.siren",
    entity: "FR_SIREN",
    patterns: &[PatternDef {
        name: "siren or siret",
        regex: r"(?-u:\b)[0-9]{3} ?[0-9]{3} ?[0-9]{3}(?: ?[0-9]{5})?(?-u:\b)",
        strength: Strength::Weak,
    }],
    validate: Some(validate),
    needs_context: true,
};

/// Luhn over 9 or 14 digits (La Poste's establishments use another rule and are not found).
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if matches!(d.len(), 9 | 14) && luhn(&d) && d.iter().any(|&x| x != 0) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_over_siren_and_siret() {
        assert_eq!(validate("732 829 320"), Validation::Checksum);
        assert_eq!(validate("73282932000074"), Validation::Checksum);
        assert_eq!(validate("732 829 321"), Validation::Invalid);
    }
}
