//! Stripe secret and restricted keys.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `STRIPE_API_KEY`: `sk_live_`, `sk_test_`, `rk_live_`, `rk_test_` (publishable `pk_` keys are
/// public by design and not reported).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.stripe",
    entity: "STRIPE_API_KEY",
    patterns: &[PatternDef {
        name: "secret key",
        regex: r"(?-u:\b)[rs]k_(?:live|test)_[0-9A-Za-z]{20,247}(?-u:\b)",
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
