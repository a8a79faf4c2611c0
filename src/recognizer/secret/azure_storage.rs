//! Azure storage account keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `AZURE_STORAGE_KEY`: the 88-character base64 `AccountKey` of a storage connection string.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.azure_storage_key",
    entity: "AZURE_STORAGE_KEY",
    patterns: &[PatternDef {
        name: "account key",
        regex: r#"AccountKey=(?P<v>[A-Za-z0-9+/]{86}==)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
