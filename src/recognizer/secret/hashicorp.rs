//! HashiCorp Vault and Terraform Cloud tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `HASHICORP_TOKEN`: Vault service and batch tokens (`hvs.`, `hvb.`) and Terraform Cloud API tokens (`.atlasv1.`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.hashicorp",
    entity: "HASHICORP_TOKEN",
    patterns: &[
        PatternDef {
            name: "vault",
            regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>hv[sb]\.[A-Za-z0-9_-]{24,})(?:$|[^0-9A-Za-z_-])"#,
            strength: Strength::Strong,
        },
        PatternDef {
            name: "terraform",
            regex: r#"(?-u:\b)[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}"#,
            strength: Strength::Strong,
        },
    ],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
