//! New Relic user and insert keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `NEW_RELIC_KEY`: user API keys (`NRAK-`) and insights insert keys (`NRII-`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.new_relic",
    entity: "NEW_RELIC_KEY",
    patterns: &[PatternDef {
        name: "key",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
