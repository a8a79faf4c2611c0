//! Stripe webhook signing secrets.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `STRIPE_WEBHOOK_SECRET`: `whsec_` and at least 32 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.stripe_webhook",
    entity: "STRIPE_WEBHOOK_SECRET",
    patterns: &[PatternDef { name: "secret", regex: r#"(?-u:\b)whsec_[A-Za-z0-9+/]{32,}"#, strength: Strength::Strong }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
