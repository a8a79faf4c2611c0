//! Supabase access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `SUPABASE_TOKEN`: personal access tokens `sbp_` and 40 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.supabase",
    entity: "SUPABASE_TOKEN",
    patterns: &[PatternDef { name: "token", regex: r#"(?-u:\b)sbp_[a-f0-9]{40}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
