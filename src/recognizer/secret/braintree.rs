//! Braintree (PayPal) production access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `BRAINTREE_TOKEN`: `access_token$production$` merchant id `$` 32 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.braintree",
    entity: "BRAINTREE_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
