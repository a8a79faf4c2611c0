//! Discord bot tokens and webhooks.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `DISCORD_TOKEN`: bot tokens (base64 user id, timestamp, HMAC) and webhook URLs.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.discord",
    entity: "DISCORD_TOKEN",
    patterns: &[
        PatternDef {
            name: "bot token",
            regex: r#"(?:^|[^0-9A-Za-z_-])(?P<v>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?:$|[^0-9A-Za-z_-])"#,
            strength: Strength::Medium,
        },
        PatternDef {
            name: "webhook",
            regex: r#"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}"#,
            strength: Strength::Strong,
        },
    ],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
