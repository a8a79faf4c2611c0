//! Groq API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `GROQ_API_KEY`: `gsk_` and 52 letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.groq",
    entity: "GROQ_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)gsk_[A-Za-z0-9]{52}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
