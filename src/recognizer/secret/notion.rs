//! Notion integration tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `NOTION_TOKEN`: `ntn_` tokens and legacy `secret_` integration secrets (43 characters).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.notion",
    entity: "NOTION_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?-u:\b)(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
