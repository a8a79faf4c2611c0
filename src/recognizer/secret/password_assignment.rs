//! Passwords assigned in configuration, code or prose (`password=...`, `"pwd": "..."`,
//! `my password is ...`).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `PASSWORD`: the value after a password key (any case, `_password` suffixes, German, French,
/// Spanish words) and `:`, `=`, `:=` or `=>`, quoted or not; or after "password is". Weak
/// patterns: the key is itself a context word (0.65), and a provider's format (0.85) assigned to
/// a password key wins the span and names the provider.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.password_assignment",
    entity: "PASSWORD",
    patterns: &[
        PatternDef {
            name: "assignment",
            regex: r#"(?i)(?:^|[^a-z0-9])(?:[a-z0-9]{1,20}_)?(?:password|passwd|passwort|kennwort|pwd|passphrase|mot_de_passe|motdepasse|contrase(?:ña|na))["']?\s{0,3}(?::|=|:=|=>)\s{0,3}["']?(?P<v>[^\s"'`,;]{4,128})"#,
            strength: Strength::Weak,
        },
        PatternDef {
            name: "prose",
            regex: r#"(?i)(?:password|passwort|kennwort|mot de passe|contrase(?:ña|na)) (?:is|ist|est|es|lautet)\s{0,3}:?\s{0,3}["']?(?P<v>[^\s"'`,;]{4,64})"#,
            strength: Strength::Weak,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// The value must look like a password, not code or a placeholder (see `password_value`), nor
/// a prose word ("password is required").
pub fn validate(value: &str) -> Validation {
    let v = value.trim_end_matches(['.', ')', ']', '}']);
    if super::password_value(v) == Validation::Invalid {
        return Validation::Invalid;
    }
    // A plain lower-case word after "password is" is prose ("password is required").
    if v.bytes().all(|b| b.is_ascii_lowercase()) && v.len() < 12 {
        return Validation::Doubtful;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_placeholders_are_not_passwords() {
        assert_eq!(validate("Hunter2!x"), Validation::Plausible);
        assert_eq!(validate("${DB_PASS}"), Validation::Invalid);
        assert_eq!(validate("os.environ.get"), Validation::Invalid);
        assert_eq!(validate("getpass()"), Validation::Invalid);
        assert_eq!(validate("missing"), Validation::Doubtful, "a prose word");
        assert_eq!(validate("********"), Validation::Invalid);
    }
}
