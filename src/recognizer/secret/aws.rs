//! AWS access key ids.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `AWS_ACCESS_KEY`: the 20-character key id (`AKIA` long-term, `ASIA` temporary, ...).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.aws_access_key",
    entity: "AWS_ACCESS_KEY",
    patterns: &[PatternDef {
        name: "key id",
        regex: r"(?-u:\b)(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[0-9A-Z]{16}(?-u:\b)",
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
