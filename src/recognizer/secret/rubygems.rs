//! RubyGems API keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `RUBYGEMS_API_KEY`: `rubygems_` and 48 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.rubygems",
    entity: "RUBYGEMS_API_KEY",
    patterns: &[PatternDef { name: "key", regex: r#"(?-u:\b)rubygems_[a-f0-9]{48}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
