//! Shopify app and admin tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `SHOPIFY_TOKEN`: `shpat_`, `shpca_`, `shppa_` and `shpss_` with 32 hex digits.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.shopify",
    entity: "SHOPIFY_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?-u:\b)shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
