//! E-mail addresses, also written out to dodge filters ("jane dot doe at example dot com",
//! "jane(at)example.com").

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `EMAIL_ADDRESS`: local part, `@`, a dotted domain with an alphabetic top-level label; and the
/// obfuscated forms, whose validator checks the address they spell.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.email",
    entity: "EMAIL_ADDRESS",
    patterns: &[
        PatternDef {
            name: "address",
            regex: r"(?i)(?-u:\b)[a-z0-9](?:[a-z0-9._%+'-]{0,63})@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}(?-u:\b)",
            strength: Strength::Strong,
        },
        PatternDef {
            name: "bracketed at",
            regex: r"(?i)(?-u:\b)[a-z0-9][a-z0-9._%+-]{0,63} ?[(\[{] ?at ?[)\]}] ?(?:[a-z0-9-]{1,63} ?(?:\.|[(\[{] ?dot ?[)\]}]) ?){1,8}[a-z]{2,24}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "spelled out",
            regex: r"(?i)(?-u:\b)[a-z0-9][a-z0-9_%+-]{0,63}(?: dot [a-z0-9_%+-]{1,63}){0,4} at (?:[a-z0-9-]{1,63} dot ){1,8}[a-z]{2,24}(?-u:\b)",
            strength: Strength::Medium,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Words that start or end a sentence fragment like "look at the dot com", never a mailbox.
const NOT_A_LABEL: &[&str] = &[
    "the", "a", "an", "this", "that", "my", "your", "our", "its", "his", "her", "their", "me", "it", "him", "them", "us", "look",
    "now",
];

/// The address an obfuscated form spells: `(at)`, `[at]`, ` at ` become `@`; `(dot)`, ` dot `
/// become `.`; remaining spaces go.
pub fn deobfuscate(value: &str) -> String {
    let mut s = value.to_ascii_lowercase();
    for (from, to) in [(" dot ", "."), (" at ", "@")] {
        s = s.replace(from, to);
    }
    for open_close in ["()", "[]", "{}"] {
        let (o, c) = (&open_close[..1], &open_close[1..]);
        for (word, to) in [("at", "@"), ("dot", ".")] {
            for pad in ["", " "] {
                s = s.replace(&format!("{o}{pad}{word}{pad}{c}"), to);
            }
        }
    }
    s.replace(' ', "")
}

/// Rejects what RFC 5321 forbids and the regex cannot express without look-around: consecutive
/// or trailing dots in the local part. An obfuscated form must spell such an address, and none
/// of its labels may be a pronoun or article ("look at the dot com").
pub fn validate(value: &str) -> Validation {
    let obfuscated = !value.contains('@');
    let address = if obfuscated { deobfuscate(value) } else { value.to_string() };
    let Some((local, domain)) = address.rsplit_once('@') else { return Validation::Invalid };
    if local.is_empty() || local.contains("..") || local.ends_with('.') || address.matches('@').count() != 1 {
        return Validation::Invalid;
    }
    if obfuscated {
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || NOT_A_LABEL.contains(l)) || NOT_A_LABEL.contains(&local) {
            return Validation::Invalid;
        }
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_in_the_wrong_place_are_rejected() {
        assert_eq!(validate("jane.doe@example.com"), Validation::Plausible);
        assert_eq!(validate("jane..doe@example.com"), Validation::Invalid);
        assert_eq!(validate("jane.@example.com"), Validation::Invalid);
    }

    #[test]
    fn obfuscated_forms_are_checked_as_the_address_they_spell() {
        assert_eq!(deobfuscate("jane dot doe at example dot com"), "jane.doe@example.com");
        assert_eq!(deobfuscate("jane(at)example.com"), "jane@example.com");
        assert_eq!(deobfuscate("jane [at] example [dot] co [dot] uk"), "jane@example.co.uk");
        assert_eq!(validate("jane dot doe at example dot com"), Validation::Plausible);
        assert_eq!(validate("jane(at)example.com"), Validation::Plausible);
        assert_eq!(validate("look at the dot com"), Validation::Invalid, "an article is no domain label");
        assert_eq!(validate("jane at example dot com at home dot com"), Validation::Invalid, "two @");
        assert_eq!(validate("jane (at) example"), Validation::Invalid, "no dotted domain");
    }
}
