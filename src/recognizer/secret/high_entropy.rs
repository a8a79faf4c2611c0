//! Random-looking strings next to a word that calls them a key or token.

use crate::recognizer::checksum::shannon_entropy;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `SECRET`: the generic detector for credentials of providers without a known format. A long
/// run of base64/url-safe characters is reported only with a context word ("key", "token",
/// "secret", "Schlüssel", "clé", "clave") nearby, and only if it is random in a way hashes and
/// ids are not: upper and lower case and digits mixed, entropy ≥ 4 bits per character. A hex
/// digest, a UUID or a version string in prose is never flagged.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.high_entropy",
    entity: "SECRET",
    patterns: &[PatternDef {
        name: "random string",
        regex: r"(?:^|[^A-Za-z0-9+/_=-])(?P<v>[A-Za-z0-9+/_=-]{24,200})(?:$|[^A-Za-z0-9+/_=-])",
        strength: Strength::Weak,
    }],
    validate: Some(validate),
    needs_context: true,
};

/// Mixed case and digits, entropy ≥ 4.0, not a placeholder.
pub fn validate(value: &str) -> Validation {
    let v = value.trim_end_matches('=');
    let upper = v.bytes().filter(u8::is_ascii_uppercase).count();
    let lower = v.bytes().filter(u8::is_ascii_lowercase).count();
    let digit = v.bytes().filter(u8::is_ascii_digit).count();
    if upper < 2 || lower < 2 || digit < 2 || super::not_placeholder(v) == Validation::Invalid {
        return Validation::Invalid;
    }
    if shannon_entropy(v) >= 4.0 {
        Validation::Plausible
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_ids_and_words_are_not_secrets() {
        assert_eq!(validate("x7Kp2QmZ9vLw4TnB8cRd1YhG"), Validation::Plausible);
        assert_eq!(
            validate("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            Validation::Invalid,
            "hex digest"
        );
        assert_eq!(validate("AbAb12AbAb12AbAb12AbAb12"), Validation::Invalid, "low entropy");
        assert_eq!(validate("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), Validation::Invalid);
    }
}
