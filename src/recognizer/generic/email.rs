//! E-mail addresses.

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `EMAIL_ADDRESS`: local part, `@`, a dotted domain with an alphabetic top-level label.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.email",
    entity: "EMAIL_ADDRESS",
    patterns: &[PatternDef {
        name: "address",
        regex: r"(?i)(?-u:\b)[a-z0-9](?:[a-z0-9._%+'-]{0,63})@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}(?-u:\b)",
        strength: Strength::Strong,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// Rejects what RFC 5321 forbids and the regex cannot express without look-around: consecutive
/// or trailing dots in the local part.
pub fn validate(value: &str) -> Validation {
    let Some((local, _domain)) = value.rsplit_once('@') else { return Validation::Invalid };
    if local.contains("..") || local.ends_with('.') {
        return Validation::Invalid;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_in_the_wrong_place_are_rejected() {
        assert_eq!(validate("jane.doe@example.com"), Validation::Plausible);
        assert_eq!(validate("jane..doe@example.com"), Validation::Invalid);
        assert_eq!(validate("jane.@example.com"), Validation::Invalid);
    }
}
