//! Doppler tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `DOPPLER_TOKEN`: personal, service, CLI, service-account, SCIM and audit tokens (`dp.pt.`, `dp.st.`...).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.doppler",
    entity: "DOPPLER_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?-u:\b)dp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44}(?-u:\b)"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
