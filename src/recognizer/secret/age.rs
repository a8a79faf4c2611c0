//! age encryption secret keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `AGE_SECRET_KEY`: `AGE-SECRET-KEY-1` and 58 bech32 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.age",
    entity: "AGE_SECRET_KEY",
    patterns: &[PatternDef {
        name: "key",
        regex: r#"(?-u:\b)AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
