//! Google OAuth client secrets and access tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `GOOGLE_OAUTH_SECRET`: client secrets (`GOCSPX-`) and short-lived access tokens (`ya29.`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.google_oauth",
    entity: "GOOGLE_OAUTH_SECRET",
    patterns: &[
        PatternDef {
            name: "client secret",
            regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>GOCSPX-[A-Za-z0-9_-]{28})(?:$|[^0-9A-Za-z_-])"#,
            strength: Strength::Strong,
        },
        PatternDef { name: "access token", regex: r#"(?-u:\b)ya29\.[0-9A-Za-z_-]{30,}"#, strength: Strength::Strong },
    ],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
