//! UUIDs (off by default: most UUIDs in prompts are request or object ids, not personal data).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `UUID`: RFC 9562 version 1-8, variant 10xx. Switched on in `config/recognizers.toml` by those
/// whose UUIDs identify people (customer ids, device ids).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.uuid",
    entity: "UUID",
    patterns: &[PatternDef {
        name: "uuid",
        regex: r"(?-u:\b)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}(?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// One case throughout (a UUID is printed in one case).
pub fn validate(value: &str) -> Validation {
    let upper = value.bytes().any(|b| b.is_ascii_uppercase());
    let lower = value.bytes().any(|b| b.is_ascii_lowercase());
    if upper && lower {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_case() {
        assert_eq!(validate("123e4567-e89b-42d3-a456-426614174000"), Validation::Plausible);
        assert_eq!(validate("123E4567-e89b-42d3-a456-426614174000"), Validation::Invalid);
    }
}
