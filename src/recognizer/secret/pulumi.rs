//! Pulumi access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `PULUMI_TOKEN`: `pul-` and 40 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.pulumi",
    entity: "PULUMI_TOKEN",
    patterns: &[PatternDef { name: "token", regex: r#"(?-u:\b)pul-[a-f0-9]{40}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
