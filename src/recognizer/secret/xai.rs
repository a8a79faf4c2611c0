//! xAI (Grok) API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `XAI_API_KEY`: `xai-` and 80 letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.xai",
    entity: "XAI_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)xai-[A-Za-z0-9]{80}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
