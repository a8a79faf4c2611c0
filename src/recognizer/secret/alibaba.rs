//! Alibaba Cloud access key ids.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `ALIBABA_ACCESS_KEY`: `LTAI` and 20 letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.alibaba",
    entity: "ALIBABA_ACCESS_KEY",
    patterns: &[PatternDef { name: "key id", regex: r#"(?-u:\b)LTAI[A-Za-z0-9]{20}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
