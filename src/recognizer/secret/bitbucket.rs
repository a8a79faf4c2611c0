//! Bitbucket app passwords.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `BITBUCKET_TOKEN`: `ATBB` and 32 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.bitbucket",
    entity: "BITBUCKET_TOKEN",
    patterns: &[PatternDef { name: "app password", regex: r#"(?-u:\b)ATBB[A-Za-z0-9]{32}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
