//! Atlassian (Jira, Confluence) API tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `ATLASSIAN_API_TOKEN`: `ATATT3` and 186 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.atlassian",
    entity: "ATLASSIAN_API_TOKEN",
    patterns: &[PatternDef {
        name: "api token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>ATATT3[A-Za-z0-9_=-]{180,200})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
