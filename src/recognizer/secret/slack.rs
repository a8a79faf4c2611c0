//! Slack tokens and webhooks.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `SLACK_TOKEN`: bot, user, app and refresh tokens, and incoming-webhook URLs.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.slack",
    entity: "SLACK_TOKEN",
    patterns: &[
        PatternDef {
            name: "token",
            regex: r"(?-u:\b)xox[abposr]-(?:[0-9]{6,}-){1,3}[A-Za-z0-9-]{10,}(?-u:\b)",
            strength: Strength::Strong,
        },
        PatternDef {
            name: "app token",
            regex: r"(?-u:\b)xapp-[0-9]-[A-Z0-9]{6,}-[0-9]{6,}-[a-f0-9]{32,}(?-u:\b)",
            strength: Strength::Strong,
        },
        PatternDef {
            name: "webhook",
            regex: r"https://hooks\.slack\.com/(?:services|workflows)/T[A-Z0-9]{6,}/[A-Z0-9]{6,}/[A-Za-z0-9]{16,}",
            strength: Strength::Strong,
        },
    ],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
