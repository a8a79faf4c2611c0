//! GitLab tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `GITLAB_TOKEN`: personal, deploy, runner, CI-build, feed, incoming-mail and service-account tokens (`glpat-`, `gldt-`, `glrt-`...), and pipeline trigger tokens (`glptt-`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.gitlab",
    entity: "GITLAB_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>(?:glpat|gldt|glrt|glcbt|glft|glimt|glsoat)-[0-9A-Za-z_-]{20,64}|glptt-[0-9a-f]{40})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
