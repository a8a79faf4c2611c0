//! JSON Web Tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `JWT`: three base64url parts; the first must decode to a JSON header naming an `alg`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.jwt",
    entity: "JWT",
    patterns: &[PatternDef {
        name: "token",
        regex: r"(?-u:\b)eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        strength: Strength::Strong,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// The header decodes to a JSON object with an `alg` member.
pub fn validate(value: &str) -> Validation {
    let header = value.split('.').next().and_then(crate::text::decode_base64);
    match header.as_deref().map(serde_json::from_slice::<serde_json::Value>) {
        Some(Ok(v)) if v.get("alg").is_some() => Validation::Structure,
        _ => Validation::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_must_name_an_algorithm() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert_eq!(validate(jwt), Validation::Structure);
        assert_eq!(validate("eyJub3RoaW5nIjoxfQ.eyJzdWIiOiIxIn0.abcdefghij"), Validation::Invalid);
    }
}
