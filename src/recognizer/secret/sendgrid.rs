//! SendGrid API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `SENDGRID_API_KEY`: `SG.`, a 22-character id, `.`, a 43-character secret.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.sendgrid",
    entity: "SENDGRID_API_KEY",
    patterns: &[PatternDef {
        name: "key",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
