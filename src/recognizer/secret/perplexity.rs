//! Perplexity API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `PERPLEXITY_API_KEY`: `pplx-` and 48 letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.perplexity",
    entity: "PERPLEXITY_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)pplx-[A-Za-z0-9]{48}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
