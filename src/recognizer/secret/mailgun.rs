//! Mailgun API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `MAILGUN_API_KEY`: `key-` and 32 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.mailgun",
    entity: "MAILGUN_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)key-[0-9a-f]{32}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
