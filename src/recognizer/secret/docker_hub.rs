//! Docker Hub personal access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `DOCKER_HUB_TOKEN`: `dckr_pat_` and 27 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.docker_hub",
    entity: "DOCKER_HUB_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>dckr_pat_[A-Za-z0-9_-]{27})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
