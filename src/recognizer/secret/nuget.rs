//! NuGet API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `NUGET_API_KEY`: `oy2` and 43 lower-case letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.nuget",
    entity: "NUGET_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)oy2[a-z0-9]{43}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
