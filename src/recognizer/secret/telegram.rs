//! Telegram bot tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `TELEGRAM_BOT_TOKEN`: the bot's numeric id, `:AA`, and 33 characters.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.telegram",
    entity: "TELEGRAM_BOT_TOKEN",
    patterns: &[PatternDef {
        name: "token",
        regex: r#"(?:^|[^0-9])(?P<v>[0-9]{8,10}:AA[0-9A-Za-z_-]{33})(?:$|[^0-9A-Za-z_-])"#,
        strength: Strength::Strong,
    }],
    validate: Some(super::not_placeholder),
    needs_context: false,
};
