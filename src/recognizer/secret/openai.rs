//! OpenAI API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `OPENAI_API_KEY`: legacy `sk-...T3BlbkFJ...` keys (the marker is base64 of "OpenAI") and
/// project, service-account and admin keys.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.openai",
    entity: "OPENAI_API_KEY",
    patterns: &[
        PatternDef {
            name: "marked",
            regex: r"(?-u:\b)sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}(?-u:\b)",
            strength: Strength::Strong,
        },
        PatternDef {
            name: "project",
            regex: r"(?-u:\b)sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}(?-u:\b)",
            strength: Strength::Strong,
        },
    ],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
