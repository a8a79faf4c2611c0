//! Credentials embedded in URLs (`https://user:password@host`).

use super::confirmed;
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

/// The password must be a value, not a placeholder; then the `scheme://user:password@host`
/// structure confirms it (and it wins over the e-mail address `password@host` seems to be).
pub fn validate(value: &str) -> Validation {
    confirmed(super::password_value(value.split_once(':').map_or("", |(_, p)| p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_passwords_are_not_secrets() {
        assert_eq!(validate("deploy:Tr0ub4dor&3"), Validation::Structure);
        assert_eq!(validate("user:password"), Validation::Invalid);
        assert_eq!(validate("user:$TOKEN"), Validation::Invalid);
    }
}
