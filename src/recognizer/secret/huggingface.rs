//! Hugging Face access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `HUGGINGFACE_TOKEN`: user tokens `hf_` and 34 letters; organisation tokens `api_org_`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.huggingface",
    entity: "HUGGINGFACE_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?-u:\b)(?:hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
