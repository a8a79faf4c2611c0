//! Mailchimp API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `MAILCHIMP_API_KEY`: 32 hex digits, `-us` and the data centre number.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.mailchimp",
    entity: "MAILCHIMP_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)[0-9a-f]{32}-us[0-9]{1,2}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
