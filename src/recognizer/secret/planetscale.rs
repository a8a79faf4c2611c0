//! PlanetScale tokens and passwords.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `PLANETSCALE_TOKEN`: service tokens (`pscale_tkn_`), database passwords (`pscale_pw_`), OAuth tokens.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.planetscale",
    entity: "PLANETSCALE_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
