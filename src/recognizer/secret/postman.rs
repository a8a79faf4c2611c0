//! Postman API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `POSTMAN_API_KEY`: `PMAK-`, 24 hex digits, `-`, 34 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.postman",
    entity: "POSTMAN_API_KEY",
    patterns: &[PatternDef {
        name: "key",
        regex: r#"(?-u:\b)PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
