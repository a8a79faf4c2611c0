//! Mapbox secret tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `MAPBOX_TOKEN`: secret `sk.eyJ...` tokens (public `pk.` tokens are meant to be shipped and are not reported).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.mapbox",
    entity: "MAPBOX_TOKEN",
    patterns: &[PatternDef {
        name: "secret token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
