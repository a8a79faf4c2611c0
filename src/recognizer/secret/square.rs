//! Square access tokens and OAuth secrets.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `SQUARE_TOKEN`: `sq0atp-` access tokens and `sq0csp-` application secrets.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.square",
    entity: "SQUARE_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
