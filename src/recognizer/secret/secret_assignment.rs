//! Secrets assigned to a key that names them (`api_key = "..."`, `client_secret: ...`,
//! `Authorization: Bearer ...`).

use crate::recognizer::checksum::shannon_entropy;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `SECRET`: a random-looking value (16+ characters) assigned to a key whose name says secret,
/// token, API key, access key, private key or auth; and bearer tokens in headers. The patterns
/// are weak (the key name is always a context word, so they reach 0.65): a provider's own format
/// (0.85) wins the same span and names the provider.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.secret_assignment",
    entity: "SECRET",
    patterns: &[
        PatternDef {
            name: "assignment",
            regex: r#"(?i)(?:^|[^a-z0-9])[a-z0-9_.-]{0,30}(?:secret|token|api_?key|apikey|access_?key|private_?key|auth_?key|signing_?key|credentials?)["']?\s{0,3}(?::|=|:=|=>)\s{0,3}["']?(?P<v>[A-Za-z0-9_+/=.~-]{16,256})"#,
            strength: Strength::Weak,
        },
        PatternDef {
            name: "bearer",
            regex: r"(?i)(?-u:\b)bearer\s{1,3}(?P<v>[A-Za-z0-9._~+/-]{20,}=*)",
            strength: Strength::Weak,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Random enough to be a secret: letters and digits mixed, entropy of at least 3 bits per
/// character, and not a placeholder or a dotted code path.
pub fn validate(value: &str) -> Validation {
    if super::not_placeholder(value) == Validation::Invalid {
        return Validation::Invalid;
    }
    let has_digit = value.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = value.bytes().any(|b| b.is_ascii_alphabetic());
    let code_path = value.split('.').count() > 1
        && value.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'));
    if !has_digit || !has_alpha || code_path || shannon_entropy(value) < 3.0 {
        return Validation::Invalid;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_values_only() {
        assert_eq!(validate("q8Jf2LmZ0xWv7TnB4cRk"), Validation::Plausible);
        assert_eq!(validate("settings.secret_token_value"), Validation::Invalid, "code path");
        assert_eq!(validate("abcdefghijklmnopqrst"), Validation::Invalid, "no digit");
        assert_eq!(validate("1111111111111111aaaa"), Validation::Invalid, "low entropy");
        assert_eq!(validate("your_api_key_here_123"), Validation::Invalid, "placeholder");
    }
}
