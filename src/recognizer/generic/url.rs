//! URLs.

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `URL`: `scheme://...` and `www.` links. Trailing sentence punctuation is not part of the URL.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.url",
    entity: "URL",
    patterns: &[
        PatternDef {
            name: "scheme",
            regex: r#"(?i)(?-u:\b)(?:https?|ftp|wss?)://[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]"#,
            strength: Strength::Medium,
        },
        PatternDef {
            name: "www",
            regex: r#"(?i)(?-u:\b)www\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?:[/?#][^\s<>"'`]*[^\s<>"'`.,;:!?)\]}])?"#,
            strength: Strength::Medium,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// A URL needs a host after the scheme.
pub fn validate(value: &str) -> Validation {
    let rest = value.split_once("://").map_or(value, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if host.is_empty() {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}
