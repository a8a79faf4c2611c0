//! AWS secret access keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `AWS_SECRET_KEY`: the 40-character secret, found by the name it is assigned to (`aws_secret_access_key = ...`); alone it is just base64.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.aws_secret_key",
    entity: "AWS_SECRET_KEY",
    patterns: &[PatternDef {
        name: "assigned",
        regex: r#"(?i:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)[\"']?\s*(?::|=|=>)\s*[\"']?(?P<v>[A-Za-z0-9/+]{40})(?:$|[^A-Za-z0-9/+])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
