//! Sentry auth tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `SENTRY_TOKEN`: user tokens (`sntryu_`) and organisation tokens (`sntrys_`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.sentry",
    entity: "SENTRY_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_-]{60,})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
