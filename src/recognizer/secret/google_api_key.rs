//! Google API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `GOOGLE_API_KEY`: `AIza` and exactly 35 URL-safe characters (the group `v` is the key; the
/// character after it, if any, must not continue it: `-` and `_` are key characters, so `\b`
/// cannot say that).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.google_api_key",
    entity: "GOOGLE_API_KEY",
    patterns: &[PatternDef {
        name: "key",
        regex: r"(?:^|[^0-9A-Za-z_-])(?P<v>AIza[0-9A-Za-z_-]{35})(?:$|[^0-9A-Za-z_-])",
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
