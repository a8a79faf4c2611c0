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
use crate::text::{is_entity_name, is_word_boundary};

#[cfg(not(target_arch = "wasm32"))]
mod sealed;
#[cfg(not(target_arch = "wasm32"))]
pub use sealed::{Secret, DEFAULT_ITERATIONS};

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
    /// Whether `placeholder` is a realistic stand-in (pseudonym operator) rather than `[ENTITY_N]`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pseudonym: bool,
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
    /// Name tokens replaced by the pseudonym operator (original, lowercased → stand-in).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    names: BTreeMap<String, String>,
    /// The conversation's date shift, once the pseudonym operator has shifted a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date_shift_days: Option<i64>,
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
    /// Pseudonym operator: name tokens already replaced (lowercased original → stand-in).
    names: BTreeMap<String, String>,
    /// Pseudonym operator: the conversation's date shift.
    date_shift_days: Option<i64>,
    /// Link "John", "Mr Smith", "J. Smith" to the placeholder of "John Smith".
    link_aliases: bool,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.entries).finish()
    }
}

impl Vault {
    /// An empty vault (alias linking on).
    pub fn new() -> Self {
        Vault { link_aliases: true, ..Vault::default() }
    }

    /// Turn alias linking of person names on or off (on by default).
    pub fn set_link_aliases(&mut self, on: bool) {
        self.link_aliases = on;
    }

    /// The PERSON entry `value` is an alias of, when exactly one fits: every name token of
    /// `value` is a token of that entry's name (case-insensitive) or the initial of one, at least
    /// one is a whole token, and titles ("Mr", "Dr") are ignored. Ambiguous → `None`.
    fn person_alias(&self, value: &str) -> Option<usize> {
        let tokens = |v: &str| -> Vec<String> {
            v.split_whitespace()
                .filter(|t| !crate::pseudonym::is_title(t))
                .map(|t| t.trim_end_matches('.').to_lowercase())
                .filter(|t| !t.is_empty())
                .collect()
        };
        let mine = tokens(value);
        let initial = |t: &str| crate::pseudonym::is_initial(t);
        if mine.is_empty() || mine.iter().all(|t| initial(t)) {
            return None;
        }
        // Every token is one of theirs or the initial of one, and it names less than they do.
        let fits = |theirs: &[String]| {
            mine.iter().all(|t| theirs.iter().any(|o| o == t || (initial(t) && o.starts_with(t.as_str()))))
                && mine.len() <= theirs.len()
                && mine != theirs
        };
        let mut hits =
            self.entries.iter().enumerate().filter(|(_, e)| e.entity == "PERSON" && !e.pseudonym && fits(&tokens(&e.value)));
        let first = hits.next()?.0;
        hits.next().is_none().then_some(first)
    }

    /// The placeholder for `value` of `entity`: the one already minted, or a new one. A person's
    /// partial name links to the placeholder of the one full name it fits (see alias linking).
    pub fn placeholder(&mut self, entity: &str, value: &str) -> String {
        let key = (entity.to_string(), value.to_string());
        if let Some(&i) = self.by_value.get(&key) {
            return self.entries[i].placeholder.clone();
        }
        if entity == "PERSON" && self.link_aliases {
            if let Some(i) = self.person_alias(value) {
                self.by_value.insert(key, i);
                return self.entries[i].placeholder.clone();
            }
        }
        // Skip a number an imported stand-in already uses ("[PHONE_NUMBER_2]" standing in for
        // another value): one placeholder must never restore to two values.
        let n = self.counters.entry(entity.to_string()).or_insert(0);
        let placeholder = loop {
            *n += 1;
            let candidate = format!("[{entity}_{n}]");
            if !self.by_placeholder.contains_key(&candidate) {
                break candidate;
            }
        };
        self.insert(VaultEntry {
            placeholder: placeholder.clone(),
            entity: entity.to_string(),
            value: value.to_string(),
            pseudonym: false,
        });
        placeholder
    }

    /// A realistic stand-in for `value` (the pseudonym operator), drawn under the conversation
    /// `key`; the placeholder when scrim has no realistic form for the entity. A stand-in is never
    /// one that already stands for another value, nor equal to any original value.
    pub fn pseudonym(&mut self, entity: &str, value: &str, key: &[u8; 32]) -> String {
        let k = (entity.to_string(), value.to_string());
        if let Some(&i) = self.by_value.get(&k) {
            return self.entries[i].placeholder.clone();
        }
        let shift = *self.date_shift_days.get_or_insert_with(|| crate::pseudonym::Pseudonymizer::date_shift_for(key));
        let p = crate::pseudonym::Pseudonymizer::new(key, shift);
        for attempt in 0..8 {
            let mut names = self.names.clone();
            let Some(candidate) = p.stand_in(entity, value, attempt, &mut names) else { break };
            let taken = self.by_placeholder.contains_key(&candidate)
                || self.entries.iter().any(|e| e.value == candidate)
                || candidate == value;
            if !taken {
                self.names = names;
                self.insert(VaultEntry {
                    placeholder: candidate.clone(),
                    entity: entity.to_string(),
                    value: value.to_string(),
                    pseudonym: true,
                });
                return candidate;
            }
        }
        self.placeholder(entity, value)
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
        let file = VaultFile {
            version: 1,
            entries: self.entries.clone(),
            names: self.names.clone(),
            date_shift_days: self.date_shift_days,
        };
        serde_json::to_string(&file).expect("vault serializes")
    }

    /// Import a vault exported by [`Vault::export_json`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Vault`] naming the entry: malformed JSON, an unknown version, an entity that
    /// is not an UPPER_SNAKE_CASE name, a placeholder that does not match its entity, a blank
    /// stand-in, or a placeholder or value that appears twice (which would let one placeholder
    /// restore to two values).
    pub fn import_json(json: &str) -> Result<Vault> {
        let file: VaultFile = serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Vault, format!("vault JSON: {e}")))?;
        if file.version != 1 {
            return Err(Error::new(ErrorKind::Vault, format!("vault.version: {} is not supported (expected 1)", file.version)));
        }
        // A blank stand-in would match between any two words and be "restored" everywhere. (The
        // message names the position, not the name: errors must not carry values.)
        if let Some(i) = file.names.values().position(|stand_in| stand_in.trim().is_empty()) {
            return Err(Error::new(ErrorKind::Vault, format!("vault.names: entry {i} has a blank stand-in")));
        }
        let mut vault = Vault::new();
        vault.names = file.names;
        vault.date_shift_days = file.date_shift_days;
        for (i, e) in file.entries.into_iter().enumerate() {
            if !is_entity_name(&e.entity) {
                return Err(Error::new(
                    ErrorKind::Vault,
                    format!("vault.entries[{i}].entity: {:?} is not an UPPER_SNAKE_CASE entity name", e.entity),
                ));
            }
            let n = if e.pseudonym {
                if e.placeholder.trim().is_empty() {
                    return Err(Error::new(ErrorKind::Vault, format!("vault.entries[{i}].placeholder: blank stand-in")));
                }
                0
            } else {
                canonical_number(&e.placeholder, &e.entity).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Vault,
                        format!("vault.entries[{i}].placeholder: {:?} is not [{}_N]", e.placeholder, e.entity),
                    )
                })?
            };
            if vault.by_placeholder.contains_key(&e.placeholder) {
                return Err(Error::new(
                    ErrorKind::Vault,
                    format!("vault.entries[{i}].placeholder: {} appears twice", e.placeholder),
                ));
            }
            if vault.by_value.contains_key(&(e.entity.clone(), e.value.clone())) {
                return Err(Error::new(
                    ErrorKind::Vault,
                    format!("vault.entries[{i}].value: the same {} value appears twice", e.entity),
                ));
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
    /// minted (tolerating case, spaces instead of underscores and markdown escapes) or a stand-in
    /// of the pseudonym operator (whole words; a stand-in name's single tokens too, so "Mark"
    /// restores to "John" when "Mark Jones" stood for "John Smith").
    pub fn restore(&self, text: &str) -> String {
        self.restore_after(None, text)
    }

    /// [`Vault::restore`] of text that follows `before`, the last character of the reply so far
    /// (streaming): a stand-in at the very start is a whole word only if `before` does not glue
    /// it to a preceding word.
    fn restore_after(&self, before: Option<char>, text: &str) -> String {
        if self.entries.is_empty() {
            return text.to_string();
        }
        // (start, end, replacement), found in one pass over the original reply so a restored
        // value is never itself rewritten.
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        if text.contains('[') {
            for caps in placeholder_regex().captures_iter(text) {
                let entity = caps[1].replace("\\_", "_").replace(' ', "_").to_ascii_uppercase();
                let canonical = format!("[{entity}_{}]", &caps[2]);
                if let Some(v) = self.value_of(&canonical) {
                    let m = caps.get(0).expect("group 0");
                    // Markdown escaping escapes both brackets; a backslash before an unescaped
                    // placeholder is the user's own ("\jane@example.com" → "\[EMAIL_ADDRESS_1]").
                    let start =
                        if m.as_str().starts_with('\\') && !m.as_str().ends_with("\\]") { m.start() + 1 } else { m.start() };
                    spans.push((start, m.end(), v.to_string()));
                }
            }
        }
        if let Some((ac, values)) = self.stand_in_matcher() {
            let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let starts_word =
                |at: usize| if at == 0 { !(glued(before) && glued(text.chars().next())) } else { is_word_boundary(text, at) };
            // Every occurrence, overlapping ones too: a stand-in glued to a word ("PHONKenneth
            // Montez") is no match, and must not hide a whole-word one inside it ("Montez").
            let mut found: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(text)
                .filter(|m| {
                    starts_word(m.start())
                        && is_word_boundary(text, m.end())
                        && !spans.iter().any(|s| m.start() < s.1 && s.0 < m.end())
                })
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            // The earliest, then the longest at one start; none overlapping another.
            found.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
            let mut at = 0;
            for (start, end, pattern) in found {
                if start >= at {
                    spans.push((start, end, values[pattern].clone()));
                    at = end;
                }
            }
        }
        if spans.is_empty() {
            return text.to_string();
        }
        spans.sort_by_key(|s| s.0);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (s, e, v) in spans {
            if s < at {
                continue;
            }
            out.push_str(&text[at..s]);
            out.push_str(&v);
            at = e;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Stand-ins (and single name tokens of stand-in names) → original values, longest first.
    fn stand_in_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> =
            self.entries.iter().filter(|e| e.pseudonym).map(|e| (e.placeholder.clone(), e.value.clone())).collect();
        for (orig, stand_in) in &self.names {
            if !pairs.iter().any(|(s, _)| s == stand_in) {
                // The token as the user wrote it: take its casing from an original value.
                let cased = self
                    .entries
                    .iter()
                    .filter(|e| e.entity == "PERSON")
                    .flat_map(|e| e.value.split_whitespace())
                    .find(|t| t.to_lowercase() == *orig)
                    .unwrap_or(orig);
                pairs.push((stand_in.clone(), cased.to_string()));
            }
        }
        pairs
    }

    fn stand_in_matcher(&self) -> Option<(aho_corasick::AhoCorasick, Vec<String>)> {
        let pairs = self.stand_in_pairs();
        if pairs.is_empty() {
            return None;
        }
        let ac = aho_corasick::AhoCorasick::new(pairs.iter().map(|p| p.0.as_str())).ok()?;
        Some((ac, pairs.into_iter().map(|p| p.1).collect()))
    }

    /// A streaming restorer over a snapshot of this vault.
    pub fn restorer(&self) -> Restorer {
        let stand_ins = self.stand_in_pairs().into_iter().map(|p| p.0).collect();
        Restorer { vault: self.clone(), pending: String::new(), stand_ins, last: None }
    }
}

/// Restores a reply that arrives in chunks. A placeholder split across chunks is restored once it
/// is complete; only the shortest tail that could still be the start of a placeholder is held
/// back; nothing is emitted twice or lost.
#[derive(Debug, Clone)]
pub struct Restorer {
    vault: Vault,
    pending: String,
    stand_ins: Vec<String>,
    /// The last character of the reply already restored: whether a stand-in at the start of
    /// the next piece is a whole word depends on it.
    last: Option<char>,
}

impl Restorer {
    /// Feed the next chunk; returns the text that is now safe to show.
    pub fn push(&mut self, chunk: &str) -> String {
        self.pending.push_str(chunk);
        let cut = self.hold_from();
        let ready: String = self.pending.drain(..cut).collect();
        self.restore_next(&ready)
    }

    /// The end of the reply: everything held back, restored.
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        self.restore_next(&rest)
    }

    fn restore_next(&mut self, ready: &str) -> String {
        let out = self.vault.restore_after(self.last, ready);
        self.last = ready.chars().next_back().or(self.last);
        out
    }

    /// How many bytes are held back right now.
    pub fn held(&self) -> usize {
        self.pending.len()
    }

    /// The text held back right now (the end of the reply so far, not yet restored): what a new
    /// restorer must be fed to take over from this one.
    pub fn held_text(&self) -> &str {
        &self.pending
    }

    /// Where the tail that might still become a placeholder starts: the last `[` (or `\[`) in the
    /// final [`MAX_PLACEHOLDER_LEN`] bytes that no `]` has closed yet and whose text so far could
    /// begin a placeholder.
    fn hold_from(&self) -> usize {
        let p = &self.pending;
        // A trailing backslash may be the start of a markdown-escaped `\[`.
        let escape = if p.ends_with('\\') { p.len() - 1 } else { p.len() };
        self.hold_for_placeholder().min(self.hold_for_stand_in()).min(escape)
    }

    /// The earliest word start in the tail from which the rest could still grow into a stand-in
    /// (or into a longer one, or be followed by a letter that would unmake the match).
    fn hold_for_stand_in(&self) -> usize {
        let p = &self.pending;
        let longest = self.stand_ins.iter().map(String::len).max().unwrap_or(0);
        if longest == 0 {
            return p.len();
        }
        let lo = p.len().saturating_sub(longest);
        (lo..p.len())
            .filter(|&i| p.is_char_boundary(i) && is_word_boundary(p, i))
            .find(|&i| self.stand_ins.iter().any(|s| s.starts_with(&p[i..])))
            .unwrap_or(p.len())
    }

    fn hold_for_placeholder(&self) -> usize {
        let p = &self.pending;
        let mut lo = p.len().saturating_sub(MAX_PLACEHOLDER_LEN);
        while !p.is_char_boundary(lo) {
            lo += 1;
        }
        let Some(open) = p[lo..].rfind('[').map(|i| lo + i) else { return p.len() };
        let tail = &p[open + 1..];
        let could_continue =
            !tail.contains(']') && tail.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ' || c == '\\');
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

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn john_mr_smith_and_j_smith_are_the_person_named_john_smith() {
        let mut v = Vault::new();
        assert_eq!(v.placeholder("PERSON", "John Smith"), "[PERSON_1]");
        assert_eq!(v.placeholder("PERSON", "Alice"), "[PERSON_2]");
        assert_eq!(v.placeholder("PERSON", "John"), "[PERSON_1]");
        assert_eq!(v.placeholder("PERSON", "Mr Smith"), "[PERSON_1]");
        assert_eq!(v.placeholder("PERSON", "J. Smith"), "[PERSON_1]");
        assert_eq!(v.placeholder("PERSON", "Alice"), "[PERSON_2]", "Alice and Bob and Alice: Alice stays PERSON_2");
        assert_eq!(v.placeholder("PERSON", "Bob"), "[PERSON_3]");
    }

    #[test]
    fn ambiguous_partial_names_are_not_linked() {
        let mut v = Vault::new();
        v.placeholder("PERSON", "John Smith");
        v.placeholder("PERSON", "John Doe");
        assert_eq!(v.placeholder("PERSON", "John"), "[PERSON_3]", "two Johns: no guess");
        let mut off = Vault::new();
        off.set_link_aliases(false);
        off.placeholder("PERSON", "John Smith");
        assert_eq!(off.placeholder("PERSON", "John"), "[PERSON_2]");
    }

    #[test]
    fn pseudonyms_restore_in_full_and_by_single_names_and_survive_export() {
        let key = [3u8; 32];
        let mut v = Vault::new();
        let full = v.pseudonym("PERSON", "John Smith", &key);
        let card = v.pseudonym("CREDIT_CARD", "4111 1111 1111 1111", &key);
        let first = full.split(' ').next().unwrap().to_string();
        let reply = format!("Dear {first}, I charged {card} for {full}.");
        assert_eq!(v.restore(&reply), "Dear John, I charged 4111 1111 1111 1111 for John Smith.");
        let w = Vault::import_json(&v.export_json()).unwrap();
        assert_eq!(w.restore(&reply), v.restore(&reply));
        // Streamed in small pieces, a stand-in split across chunks still restores.
        let mut r = v.restorer();
        let mut got = String::new();
        for chunk in reply.as_bytes().chunks(3) {
            got += &r.push(std::str::from_utf8(chunk).unwrap());
        }
        got += &r.finish();
        assert_eq!(got, v.restore(&reply));
    }
}
