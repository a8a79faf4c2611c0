//! DigitalOcean tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `DIGITALOCEAN_TOKEN`: personal (`dop_v1_`), OAuth (`doo_v1_`) and refresh (`dor_v1_`) tokens.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.digitalocean",
    entity: "DIGITALOCEAN_TOKEN",
    patterns: &[PatternDef { name: "token", regex: r#"(?-u:\b)do[por]_v1_[a-f0-9]{64}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
