//! Linear API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `LINEAR_API_KEY`: `lin_api_` and 40 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.linear",
    entity: "LINEAR_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)lin_api_[A-Za-z0-9]{40}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
