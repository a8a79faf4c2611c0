//! Anthropic API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `ANTHROPIC_API_KEY`: `sk-ant-api03-`, `sk-ant-admin01-` and OAuth `sk-ant-oat01-` keys.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.anthropic",
    entity: "ANTHROPIC_API_KEY",
    patterns: &[PatternDef {
        name: "key",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>sk-ant-(?:api03|admin01|oat01)-[A-Za-z0-9_-]{80,100})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
