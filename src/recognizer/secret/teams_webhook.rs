//! Microsoft Teams incoming-webhook URLs.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `MICROSOFT_TEAMS_WEBHOOK`: anyone holding the URL can post to the channel.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.teams_webhook",
    entity: "MICROSOFT_TEAMS_WEBHOOK",
    patterns: &[PatternDef {
        name: "webhook",
        regex: r#"https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9@/_-]{50,}"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
