//! Replicate API tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `REPLICATE_API_TOKEN`: `r8_` and 37 letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.replicate",
    entity: "REPLICATE_API_TOKEN",
    patterns: &[PatternDef { name: "token", regex: r#"(?-u:\b)r8_[A-Za-z0-9]{37}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
