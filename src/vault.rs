//! The vault: placeholders minted for one conversation and the values behind them, and
//! `restore`, which puts the values back into the model's answer.
//!
//! A placeholder is never reused for another value within one vault, and the same value always
//! gets the same placeholder, so the model can keep track of who is who. Only placeholders this
//! vault minted are restored; anything else that looks like one is left alone.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// One minted placeholder.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaultEntry {
    /// The placeholder as it appears in protected text, e.g. `[EMAIL_ADDRESS_1]`.
    pub placeholder: String,
    /// Its entity type.
    pub entity: String,
    /// The original value.
    pub value: String,
}

impl fmt::Debug for VaultEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, <{} bytes redacted>)", self.placeholder, self.entity, self.value.len())
    }
}

/// The serialized form of a vault (`export` / `import`).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VaultFile {
    version: u32,
    entries: Vec<VaultEntry>,
}

/// Placeholders and their values for one conversation. `Debug` never prints values.
#[derive(Clone, Default)]
pub struct Vault {
    entries: Vec<VaultEntry>,
    /// (entity, value) → index into `entries`.
    by_value: HashMap<(String, String), usize>,
    /// Canonical placeholder → index into `entries`.
    by_placeholder: HashMap<String, usize>,
    /// Next number per entity.
    counters: BTreeMap<String, u32>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.entries).finish()
    }
}

impl Vault {
    /// An empty vault.
    pub fn new() -> Self {
        Vault::default()
    }

    /// The placeholder for `value` of `entity`: the one already minted, or a new one.
    pub fn placeholder(&mut self, entity: &str, value: &str) -> String {
        let key = (entity.to_string(), value.to_string());
        if let Some(&i) = self.by_value.get(&key) {
            return self.entries[i].placeholder.clone();
        }
        let n = self.counters.entry(entity.to_string()).or_insert(0);
        *n += 1;
        let placeholder = format!("[{entity}_{n}]");
        self.insert(VaultEntry { placeholder: placeholder.clone(), entity: entity.to_string(), value: value.to_string() });
        placeholder
    }

    fn insert(&mut self, entry: VaultEntry) {
        let i = self.entries.len();
        self.by_value.insert((entry.entity.clone(), entry.value.clone()), i);
        self.by_placeholder.insert(entry.placeholder.clone(), i);
        self.entries.push(entry);
    }

    /// The minted entries, oldest first.
    pub fn entries(&self) -> &[VaultEntry] {
        &self.entries
    }

    /// Number of minted placeholders.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was minted.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value behind a canonical placeholder (`[ENTITY_N]`).
    pub fn value_of(&self, placeholder: &str) -> Option<&str> {
        self.by_placeholder.get(placeholder).map(|&i| self.entries[i].value.as_str())
    }

    /// Export as JSON, to keep a conversation across a page reload. The JSON holds the original
    /// values: store it where the conversation itself may be stored, nowhere else.
    pub fn export_json(&self) -> String {
        serde_json::to_string(&VaultFile { version: 1, entries: self.entries.clone() }).expect("vault serializes")
    }

    /// Import a vault exported by [`Vault::export_json`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Vault`] naming the entry: malformed JSON, an unknown version, a placeholder
    /// that does not match its entity, or a placeholder or value that appears twice (which would
    /// let one placeholder restore to two values).
    pub fn import_json(json: &str) -> Result<Vault> {
        let file: VaultFile = serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Vault, format!("vault JSON: {e}")))?;
        if file.version != 1 {
            return Err(Error::new(ErrorKind::Vault, format!("vault.version: {} is not supported (expected 1)", file.version)));
        }
        let mut vault = Vault::new();
        for (i, e) in file.entries.into_iter().enumerate() {
            let n = canonical_number(&e.placeholder, &e.entity).ok_or_else(|| {
                Error::new(ErrorKind::Vault, format!("vault.entries[{i}].placeholder: {:?} is not [{}_N]", e.placeholder, e.entity))
            })?;
            if vault.by_placeholder.contains_key(&e.placeholder) {
                return Err(Error::new(ErrorKind::Vault, format!("vault.entries[{i}].placeholder: {} appears twice", e.placeholder)));
            }
            if vault.by_value.contains_key(&(e.entity.clone(), e.value.clone())) {
                return Err(Error::new(ErrorKind::Vault, format!("vault.entries[{i}].value: the same {} value appears twice", e.entity)));
            }
            let counter = vault.counters.entry(e.entity.clone()).or_insert(0);
            *counter = (*counter).max(n);
            vault.insert(e);
        }
        Ok(vault)
    }
}

/// The N of `[ENTITY_N]`, if `placeholder` is exactly that.
fn canonical_number(placeholder: &str, entity: &str) -> Option<u32> {
    let inner = placeholder.strip_prefix('[')?.strip_suffix(']')?;
    let n = inner.strip_prefix(entity)?.strip_prefix('_')?;
    if n.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) || n.len() > 9 {
        return None;
    }
    n.parse().ok()
}

/// The longest text a placeholder the restorer recognizes can span (brackets, escapes, spaces).
pub const MAX_PLACEHOLDER_LEN: usize = 96;

/// Placeholders as models echo them: `[EMAIL_ADDRESS_1]`, `[email_address_1]`,
/// `[EMAIL ADDRESS 1]`, markdown-escaped `\[EMAIL\_ADDRESS\_1\]`, with spaces inside the brackets.
fn placeholder_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\\?\[[ ]?([A-Za-z][A-Za-z0-9]*(?:(?:\\?_|[ ])[A-Za-z0-9]+)*?)(?:\\?_|[ ])([1-9][0-9]{0,8})[ ]?\\?\]")
            .expect("placeholder regex compiles")
    })
}

impl Vault {
    /// Put the original values back into `text` wherever it contains a placeholder this vault
    /// minted (tolerating case, spaces instead of underscores and markdown escapes).
    pub fn restore(&self, text: &str) -> String {
        if self.entries.is_empty() || !text.contains('[') {
            return text.to_string();
        }
        placeholder_regex()
            .replace_all(text, |caps: &regex::Captures<'_>| {
                let entity = caps[1].replace("\\_", "_").replace(' ', "_").to_ascii_uppercase();
                let canonical = format!("[{entity}_{}]", &caps[2]);
                self.value_of(&canonical).map_or_else(|| caps[0].to_string(), str::to_string)
            })
            .into_owned()
    }

    /// A streaming restorer over a snapshot of this vault.
    pub fn restorer(&self) -> Restorer {
        Restorer { vault: self.clone(), pending: String::new() }
    }
}

/// Restores a reply that arrives in chunks. A placeholder split across chunks is restored once it
/// is complete; only the shortest tail that could still be the start of a placeholder is held
/// back; nothing is emitted twice or lost.
#[derive(Debug, Clone)]
pub struct Restorer {
    vault: Vault,
    pending: String,
}

impl Restorer {
    /// Feed the next chunk; returns the text that is now safe to show.
    pub fn push(&mut self, chunk: &str) -> String {
        self.pending.push_str(chunk);
        let cut = self.hold_from();
        let ready: String = self.pending.drain(..cut).collect();
        self.vault.restore(&ready)
    }

    /// The end of the reply: everything held back, restored.
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        self.vault.restore(&rest)
    }

    /// How many bytes are held back right now.
    pub fn held(&self) -> usize {
        self.pending.len()
    }

    /// Where the tail that might still become a placeholder starts: the last `[` (or `\[`) in the
    /// final [`MAX_PLACEHOLDER_LEN`] bytes that no `]` has closed yet and whose text so far could
    /// begin a placeholder.
    fn hold_from(&self) -> usize {
        let p = &self.pending;
        let mut lo = p.len().saturating_sub(MAX_PLACEHOLDER_LEN);
        while !p.is_char_boundary(lo) {
            lo += 1;
        }
        let Some(open) = p[lo..].rfind('[').map(|i| lo + i) else { return p.len() };
        let tail = &p[open + 1..];
        let could_continue = !tail.contains(']')
            && tail.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ' || c == '\\');
        if !could_continue {
            return p.len();
        }
        if open > 0 && p.as_bytes()[open - 1] == b'\\' {
            open - 1
        } else {
            open
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Vault {
        let mut v = Vault::new();
        assert_eq!(v.placeholder("EMAIL_ADDRESS", "jane@example.com"), "[EMAIL_ADDRESS_1]");
        assert_eq!(v.placeholder("PERSON", "Jane Doe"), "[PERSON_1]");
        assert_eq!(v.placeholder("PERSON", "Bob"), "[PERSON_2]");
        assert_eq!(v.placeholder("PERSON", "Jane Doe"), "[PERSON_1]", "same value, same placeholder");
        v
    }

    #[test]
    fn restore_tolerates_what_models_do_to_placeholders() {
        let v = vault();
        for reply in ["[PERSON_1]", "[person_1]", "[PERSON 1]", "\\[PERSON\\_1\\]", "[ PERSON_1 ]"] {
            assert_eq!(v.restore(&format!("Hi {reply}!")), "Hi Jane Doe!", "{reply}");
        }
        assert_eq!(v.restore("[PERSON_3] and [CAT_1]"), "[PERSON_3] and [CAT_1]", "only what this vault minted");
    }

    #[test]
    fn streaming_split_placeholder_is_restored_once() {
        let v = vault();
        let mut r = v.restorer();
        let mut out = r.push("I emailed [EMAIL_AD");
        assert_eq!(out, "I emailed ");
        out += &r.push("DRESS_1] ok");
        out += &r.finish();
        assert_eq!(out, "I emailed jane@example.com ok");
    }

    #[test]
    fn export_import_round_trip_and_counters_continue() {
        let v = vault();
        let mut w = Vault::import_json(&v.export_json()).unwrap();
        assert_eq!(w.restore("[PERSON_2]"), "Bob");
        assert_eq!(w.placeholder("PERSON", "Carol"), "[PERSON_3]", "numbering continues after import");
    }

    #[test]
    fn import_rejects_a_vault_that_could_restore_wrongly() {
        let dup = r#"{"version":1,"entries":[{"placeholder":"[PERSON_1]","entity":"PERSON","value":"A"},{"placeholder":"[PERSON_1]","entity":"PERSON","value":"B"}]}"#;
        let e = Vault::import_json(dup).unwrap_err();
        assert!(e.message().contains("entries[1].placeholder"), "{e}");
        let bad = r#"{"version":1,"entries":[{"placeholder":"[EMAIL_1]","entity":"PERSON","value":"A"}]}"#;
        assert!(Vault::import_json(bad).unwrap_err().message().contains("entries[0]"));
    }

    #[test]
    fn debug_hides_values() {
        assert!(!format!("{:?}", vault()).contains("jane@example.com"));
    }
}
