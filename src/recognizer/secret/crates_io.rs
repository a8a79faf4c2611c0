//! crates.io API tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `CRATES_IO_TOKEN`: `cio` and 32 letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.crates_io",
    entity: "CRATES_IO_TOKEN",
    patterns: &[PatternDef { name: "token", regex: r#"(?-u:\b)cio[A-Za-z0-9]{32}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
