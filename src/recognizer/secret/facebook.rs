//! Facebook (Meta Graph API) access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `FACEBOOK_ACCESS_TOKEN`: `EAA` and a long run of letters and digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.facebook",
    entity: "FACEBOOK_ACCESS_TOKEN",
    patterns: &[PatternDef { name: "token", regex: r#"(?-u:\b)EAA[A-Za-z0-9]{90,255}(?-u:\b)"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
