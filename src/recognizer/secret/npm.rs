//! npm access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `NPM_TOKEN`: `npm_` and 36 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.npm",
    entity: "NPM_TOKEN",
    patterns: &[PatternDef { name: "token", regex: r#"(?-u:\b)npm_[A-Za-z0-9]{36}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
