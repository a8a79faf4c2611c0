//! Host names of private networks (`db-01.corp.internal`, `nas.local`, `build7.lan`).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `PRIVATE_HOSTNAME`: a dotted name under a suffix reserved or conventional for private networks
/// (RFC 6762 `.local`, RFC 8375 `home.arpa`, ICANN's `.internal`, and `.corp`, `.lan`,
/// `.intranet`, `.localdomain`). They reveal an organisation's internal layout.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.private_hostname",
    entity: "PRIVATE_HOSTNAME",
    patterns: &[PatternDef {
        name: "private suffix",
        regex: r"(?i)(?:^|[^A-Za-z0-9._-])(?P<v>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}(?:internal|intranet|corp|local|lan|localdomain|home\.arpa))(?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// Names that are member access in code (`self.local`, `this.internal`), not hosts.
const CODE_RECEIVERS: &[&str] =
    &["self", "this", "obj", "cls", "ctx", "super", "os", "thread", "threading", "std", "config", "settings"];

/// A single plain label before `.local` is often code; a digit, a hyphen or a second label makes
/// a host name likely.
pub fn validate(value: &str) -> Validation {
    let lower = value.to_ascii_lowercase();
    let labels: Vec<&str> = lower.split('.').collect();
    if CODE_RECEIVERS.contains(&labels[0]) {
        return Validation::Invalid;
    }
    let host_like = labels.len() >= 3 || labels[0].bytes().any(|b| b.is_ascii_digit() || b == b'-');
    if host_like {
        Validation::Plausible
    } else {
        Validation::Doubtful
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_member_access_is_not_a_host() {
        assert_eq!(validate("db-01.corp.internal"), Validation::Plausible);
        assert_eq!(validate("nas01.local"), Validation::Plausible);
        assert_eq!(validate("printer.local"), Validation::Doubtful);
        assert_eq!(validate("self.local"), Validation::Invalid);
    }
}
