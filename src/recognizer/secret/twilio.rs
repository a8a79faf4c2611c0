//! Twilio API key sids.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `TWILIO_API_KEY`: `SK` and 32 hex digits (the key's secret is found by `secret.secret_assignment`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.twilio",
    entity: "TWILIO_API_KEY",
    patterns: &[PatternDef { name: "api key", regex: r#"(?-u:\b)SK[0-9a-fA-F]{32}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
