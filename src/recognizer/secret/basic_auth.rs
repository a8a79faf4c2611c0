//! Credentials embedded in URLs (`https://user:password@host`).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `URL_CREDENTIALS`: the `user:password` part of a web, FTP, SSH, Git or mail URL; the rest of
/// the URL stays readable.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.basic_auth",
    entity: "URL_CREDENTIALS",
    patterns: &[PatternDef {
        name: "userinfo",
        regex: r#"(?i)(?-u:\b)(?:https?|ftps?|sftp|ssh|git|smtps?|imaps?|wss?)://(?P<v>[^\s:/@"'<>]{1,128}:[^\s/@"'<>]{1,256})@[a-z0-9.-]+"#,
        strength: Strength::Strong,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// The password must be a value, not a placeholder.
pub fn validate(value: &str) -> Validation {
    super::password_value(value.split_once(':').map_or("", |(_, p)| p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_passwords_are_not_secrets() {
        assert_eq!(validate("deploy:Tr0ub4dor&3"), Validation::Plausible);
        assert_eq!(validate("user:password"), Validation::Invalid);
        assert_eq!(validate("user:$TOKEN"), Validation::Invalid);
    }
}
