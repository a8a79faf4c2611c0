//! French social security numbers (NIR, "numéro de sécurité sociale").

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `FR_NIR`: sex, year, month, department (`2A`/`2B` for Corsica), commune, order, and the
/// two-digit key 97 − (number mod 97); spaces between the parts are optional.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.fr.nir",
    entity: "FR_NIR",
    patterns: &[PatternDef {
        name: "nir",
        regex: r"(?-u:\b)[12] ?[0-9]{2} ?(?:0[1-9]|1[0-2]|[2-9][0-9]) ?(?:[0-9]{2}|2[ABab]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}(?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// The key. Corsica's 2A and 2B count as 19 and 18.
pub fn validate(value: &str) -> Validation {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if compact.len() != 15 || !compact.is_ascii() {
        return Validation::Invalid;
    }
    let body = match &compact[5..7] {
        "2A" => format!("{}19{}", &compact[..5], &compact[7..13]),
        "2B" => format!("{}18{}", &compact[..5], &compact[7..13]),
        _ => compact[..13].to_string(),
    };
    let (Ok(n), Ok(key)) = (body.parse::<u64>(), compact[13..].parse::<u64>()) else { return Validation::Invalid };
    if 97 - n % 97 == key {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key() {
        assert_eq!(validate("1 84 12 76 451 089 46"), Validation::Checksum);
        assert_eq!(validate("184127645108946"), Validation::Checksum);
        assert_eq!(validate("1 84 12 76 451 089 47"), Validation::Invalid);
    }
}
