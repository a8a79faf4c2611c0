//! Airtable personal access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `AIRTABLE_TOKEN`: `pat`, 14 characters, `.`, 64 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.airtable",
    entity: "AIRTABLE_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?-u:\b)pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
