//! Grafana service-account and cloud tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `GRAFANA_TOKEN`: service-account tokens (`glsa_`) and Grafana Cloud tokens (`glc_`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.grafana",
    entity: "GRAFANA_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
