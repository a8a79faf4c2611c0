//! Databricks personal access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `DATABRICKS_TOKEN`: `dapi` and 32 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.databricks",
    entity: "DATABRICKS_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?-u:\b)dapi[a-f0-9]{32}(?:-[0-9])?(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
