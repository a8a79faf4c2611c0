//! Recognizers compiled for one policy: the built-in ones that are on, the policy's custom
//! patterns and its deny list, ready to run over a normalized text.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::prefilter::Prefilter;
use super::{registry, RecognizerDef, Strength, Validation};
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Confirmation, Finding, Source, SourceKind};
use crate::text::{contains_word, is_word_boundary};

/// `config/recognizers.toml`: which built-in recognizers are on and their context words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognizerConfig {
    /// How far around a match context words are looked for, and how much they add.
    pub context: ContextSettings,
    /// Sanity checks on the NER model's spans.
    pub ner_spans: NerSpanChecks,
    /// Per-recognizer settings, keyed by recognizer id.
    pub recognizers: BTreeMap<String, RecognizerSettings>,
    /// Labelled fields and typed table columns (`Phone: ...`, a `DOB` column).
    pub fields: super::field::FieldConfig,
}

/// Sanity checks on the NER model's spans (`[ner_spans]`): a name or place has letters; a street
/// address has a number and a word ("380 MB, 4 collections" in a log is not one).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerSpanChecks {
    /// Every span has at least this many letters.
    pub min_letters: usize,
    /// An `ADDRESS` span has at least this many whitespace-separated words...
    pub address_min_words: usize,
    /// ...at least this many letters, a digit, and none of these words (units of measure).
    pub address_min_letters: usize,
    /// Words that make a span with a number a quantity, not an address.
    pub address_not_words: Vec<String>,
    /// Strings no name, place or address contains, that code does (`_`, `::`, `<`, a line
    /// break): a span holding one is an identifier or spans two lines of a program.
    #[serde(default)]
    pub code_marks: Vec<String>,
    /// Words of code the model tags as names (`usize`, `Result`, `impl`): a span that is one of
    /// them alone (case-sensitively) is not reported.
    #[serde(default)]
    pub code_words: Vec<String>,
    /// Words of documents the model takes for names (clinical shorthand: `Rx`, `Dx`), compared
    /// with the whole span as `code_words` are.
    #[serde(default)]
    pub document_words: Vec<String>,
}

impl NerSpanChecks {
    /// Whether a span of `entity` reading `span` passes the checks.
    pub fn plausible(&self, entity: &str, span: &str) -> bool {
        let letters = span.chars().filter(|c| c.is_alphabetic()).count();
        if self.code_marks.iter().any(|m| span.contains(m.as_str()))
            || is_camel_case_identifier(span)
            || self.code_words.iter().chain(&self.document_words).any(|w| w == span.trim())
        {
            return false;
        }
        // A name, place or organisation has no digits; a token that mixes them is a hash or an id.
        if entity != crate::entity::ADDRESS && span.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        if entity != crate::entity::ADDRESS {
            return letters >= self.min_letters;
        }
        span.split_whitespace().count() >= self.address_min_words
            && letters >= self.address_min_letters
            && span.chars().any(char::is_numeric)
            && !self.address_not_words.iter().any(|w| contains_word(span, w))
    }
}

/// Where context words count and what they are worth.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextSettings {
    /// Bytes of text before a match searched for context words.
    pub before: usize,
    /// Bytes of text after a match searched for context words.
    pub after: usize,
    /// Added to a match's score when a context word is found (capped at 1).
    pub boost: f32,
}

/// Settings of one built-in recognizer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognizerSettings {
    /// Whether it runs at all.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Words that, near a match, make it likelier (any language; matched case-insensitively as
    /// whole words).
    #[serde(default)]
    pub context: Vec<String>,
}

fn yes() -> bool {
    true
}

impl RecognizerConfig {
    /// Whether the built-in recognizer `id` is on unless a policy says otherwise.
    pub fn on_by_default(&self, id: &str) -> bool {
        self.recognizers.get(id).is_none_or(|s| s.enabled)
    }

    /// The embedded default configuration, parsed once per process.
    pub fn embedded() -> &'static Self {
        static CONFIG: std::sync::OnceLock<RecognizerConfig> = std::sync::OnceLock::new();
        CONFIG.get_or_init(|| {
            toml::from_str(include_str!("../../config/recognizers.toml"))
                .expect("config/recognizers.toml is valid (checked by a test)")
        })
    }
}

/// A single word with a capital after a lower-case letter inside it (`UserInformation`,
/// `HashMap`, `BitVec`, `getElementById`): an identifier in code, not a name. Names with one
/// capital inside after a known prefix (`McDonald`, `MacArthur`, `DeVito`, `LeBron`, `DiCaprio`,
/// `VanDyke`, `FitzGerald`) are kept.
fn is_camel_case_identifier(span: &str) -> bool {
    const PREFIXES: &[&str] = &["Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz"];
    let span = span.trim();
    if span.contains(char::is_whitespace) {
        return false;
    }
    let chars: Vec<char> = span.chars().collect();
    let inner_capitals: Vec<usize> =
        (1..chars.len()).filter(|&i| chars[i].is_uppercase() && chars[i - 1].is_lowercase()).collect();
    match inner_capitals.as_slice() {
        [] => false,
        [i] => !PREFIXES.iter().any(|p| p.chars().count() == *i && span.starts_with(p)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_host_name_holds_no_context_word() {
        assert!(!super::is_context_word_in("https://dl.acm.org/citation.cfm?id=", "dl"));
        assert!(!super::is_context_word_in("see phone.example.com", "phone"));
        assert!(super::is_context_word_in("dl: ", "dl"));
        assert!(super::is_context_word_in("my phone. it is", "phone"));
    }

    #[test]
    fn identifiers_are_not_names() {
        let checks = &super::RecognizerConfig::embedded().ner_spans;
        for code in [
            "UserInformation",
            "HashMap",
            "BitVec",
            "AsRef",
            "getElementById",
            "user_name",
            "std::fs",
            "Vec<String>",
            ".\n    pub",
            "usize",
            "f0889da59c50872f",
        ] {
            assert!(!checks.plausible("PERSON", code), "{code}");
        }
        for name in ["McDonald", "MacArthur", "DeVito", "LeBron", "Jean-Luc Picard", "O'Neil", "Jörg"] {
            assert!(checks.plausible("PERSON", name), "{name}");
        }
    }
}

/// A custom pattern given in the policy.
#[derive(Debug, Clone)]
pub(crate) struct CustomPattern {
    pub entity: String,
    pub name: String,
    pub regex: String,
    pub score: f32,
    pub context: Vec<String>,
}

/// Limits on what a policy may ask the regex engine to build.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PatternLimits {
    pub max_patterns: usize,
    pub max_pattern_len: usize,
    /// The compiled size limit handed to the regex crate, per pattern.
    pub compiled_size: usize,
}

/// One runnable pattern.
struct Compiled {
    regex: Regex,
    /// Index into `CompiledRecognizers::owners`.
    owner: usize,
    pattern_name: String,
    score: f32,
    has_value_group: bool,
}

/// Who a pattern belongs to.
struct Owner {
    id: String,
    entity: String,
    kind: SourceKind,
    validate: Option<fn(&str) -> Validation>,
    needs_context: bool,
    context: Vec<String>,
}

/// The recognizers of one policy, compiled.
pub struct CompiledRecognizers {
    patterns: Vec<Compiled>,
    /// Which patterns a text rules out before any regex runs (same order as `patterns`).
    prefilter: Prefilter,
    owners: Vec<Owner>,
    context: ContextSettings,
    deny: Option<(AhoCorasick, Vec<(String, String)>)>,
    fields: Option<super::field::FieldRules>,
}

impl CompiledRecognizers {
    /// Compile the built-ins for which `runs` says yes, the custom patterns and the deny list.
    pub(crate) fn new(
        config: &RecognizerConfig,
        runs: &dyn Fn(&RecognizerDef) -> bool,
        custom: &[CustomPattern],
        deny: &[(String, String)],
        limits: PatternLimits,
    ) -> Result<Self> {
        let mut owners = Vec::new();
        let mut patterns = Vec::new();
        for def in registry::all() {
            let settings = config.recognizers.get(def.id);
            if !runs(def) {
                continue;
            }
            let owner = owners.len();
            owners.push(Owner {
                id: def.id.to_string(),
                entity: def.entity.to_string(),
                kind: SourceKind::Rule,
                validate: def.validate,
                needs_context: def.needs_context,
                context: settings.map(|s| s.context.iter().map(|w| w.to_lowercase()).collect()).unwrap_or_default(),
            });
            for p in def.patterns {
                let regex = RegexBuilder::new(p.regex)
                    .build()
                    .unwrap_or_else(|e| panic!("built-in pattern {}/{} does not compile: {e}", def.id, p.name));
                patterns.push(Compiled {
                    has_value_group: regex.capture_names().any(|n| n == Some("v")),
                    regex,
                    owner,
                    pattern_name: format!("{} ({})", p.name, p.strength.name()),
                    score: p.strength.score(),
                });
            }
        }
        if custom.len() > limits.max_patterns {
            return Err(Error::new(
                ErrorKind::Pattern,
                format!("policy.custom has {} patterns; the limit is {}", custom.len(), limits.max_patterns),
            ));
        }
        for (i, c) in custom.iter().enumerate() {
            if c.regex.len() > limits.max_pattern_len {
                return Err(Error::new(
                    ErrorKind::Pattern,
                    format!("policy.custom[{i}].pattern is {} bytes; the limit is {}", c.regex.len(), limits.max_pattern_len),
                ));
            }
            let regex = RegexBuilder::new(&c.regex)
                .size_limit(limits.compiled_size)
                .dfa_size_limit(limits.compiled_size)
                .build()
                .map_err(|e| Error::new(ErrorKind::Pattern, format!("policy.custom[{i}].pattern: {e}")))?;
            let owner = owners.len();
            owners.push(Owner {
                id: format!("custom.{}", c.name),
                entity: c.entity.clone(),
                kind: SourceKind::Custom,
                validate: None,
                needs_context: false,
                context: c.context.iter().map(|w| w.to_lowercase()).collect(),
            });
            patterns.push(Compiled {
                has_value_group: regex.capture_names().any(|n| n == Some("v")),
                regex,
                owner,
                pattern_name: c.name.clone(),
                score: c.score,
            });
        }
        let deny = if deny.is_empty() {
            None
        } else {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(deny.iter().map(|(_, v)| v.as_str()))
                .map_err(|e| Error::policy(format!("policy.deny: {e}")))?;
            Some((ac, deny.to_vec()))
        };
        let sources: Vec<(&str, bool)> =
            patterns.iter().map(|p| (p.regex.as_str(), owners[p.owner].kind == SourceKind::Rule)).collect();
        let prefilter = Prefilter::new(&sources);
        let fields = super::field::FieldRules::new(&config.fields);
        Ok(CompiledRecognizers { patterns, prefilter, owners, context: config.context.clone(), deny, fields })
    }

    /// Ids of the recognizers that are on, in registry order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.owners.iter().map(|o| o.id.as_str())
    }

    /// Byte ranges of `text`'s field labels and typed table headers (see
    /// [`FieldRules::label_ranges`](super::field::FieldRules)); empty when fields are off.
    pub(crate) fn field_labels(&self, text: &str) -> Vec<(usize, usize)> {
        self.fields.as_ref().map_or_else(Vec::new, |f| f.label_ranges(text))
    }

    /// Run every recognizer over `text` (already normalized). Spans are byte offsets in `text`.
    pub fn run(&self, text: &str) -> Vec<Finding> {
        self.run_typed(text, text.len())
    }

    /// As [`CompiledRecognizers::run`] on a normalized text whose first `typed` bytes are the text
    /// as typed and the rest a copy with line breaks inside values joined
    /// ([`crate::normalize::Normalized::typed_len`]): labelled fields read the typed part only
    /// (joining `XKP-88412-0⏎givenName` would make one value of a value and the next label).
    pub(crate) fn run_typed(&self, text: &str, typed: usize) -> Vec<Finding> {
        let mut out = Vec::new();
        // One pass over the text rules out the patterns it lacks the digits or literals for.
        let facts = self.prefilter.scan(text);
        // Each pattern runs on its own: one RegexSet over 150+ varied patterns overflows the lazy
        // DFA's cache and falls back to a far slower engine, while most single patterns start
        // with a literal the regex crate finds with memchr/SIMD.
        for (i, p) in self.patterns.iter().enumerate() {
            if !facts.may_match(i) {
                continue;
            }
            let owner = &self.owners[p.owner];
            let mut at = 0;
            while at <= text.len() {
                // Find first, capture groups only for a match: most searches find nothing, and
                // captures cost an allocation each.
                let Some(whole) = p.regex.find_at(text, at) else { break };
                let caps = if p.has_value_group { p.regex.captures_at(text, whole.start()) } else { None };
                // After an invalid match, search again from the next character, not from its
                // end: "+44 20 7946 0958 4111 1111 1111 1111" is an invalid phone number that
                // swallows the start of a valid card.
                let retry = text[whole.start()..].chars().next().map_or(text.len() + 1, |c| whole.start() + c.len_utf8());
                at = if whole.is_empty() { retry } else { whole.end() };
                let m = if p.has_value_group { caps.as_ref().and_then(|c| c.name("v")) } else { Some(whole) };
                let Some(m) = m.filter(|m| !m.is_empty()) else { continue };
                let (mut value, mut validation) = (m.as_str(), owner.validate.map_or(Validation::Plausible, |v| v(m.as_str())));
                if validation == Validation::Invalid {
                    match cut_back_to_a_valid_value(p, text, m.start(), value, owner.validate) {
                        Some((candidate, verdict)) => {
                            value = candidate;
                            validation = verdict;
                            at = m.start() + candidate.len();
                        }
                        None => {
                            at = retry;
                            continue;
                        }
                    }
                }
                let m_start = m.start();
                let m_end = m_start + value.len();
                let context_word = context_word(text, m_start, m_end, &self.context, &owner.context);
                if owner.needs_context && context_word.is_none() {
                    continue;
                }
                let mut explanation = Vec::new();
                let mut score = if validation == Validation::Doubtful { p.score.min(Strength::Weak.score()) } else { p.score };
                let confirmed = match validation {
                    Validation::Checksum => Some(Confirmation::Checksum),
                    Validation::Structure => Some(Confirmation::Structure),
                    _ => None,
                };
                if let Some(c) = confirmed {
                    score = 1.0;
                    explanation
                        .push(if c == Confirmation::Checksum { "checksum valid" } else { "structure confirmed" }.to_string());
                }
                if let Some(word) = context_word {
                    score = (score + self.context.boost).min(1.0);
                    explanation.push(format!("context word \"{word}\""));
                }
                out.push(Finding {
                    entity: owner.entity.clone(),
                    start: m_start,
                    end: m_end,
                    score,
                    confirmed,
                    source: Source { kind: owner.kind, name: owner.id.clone(), pattern: Some(p.pattern_name.clone()) },
                    explanation,
                    text: value.to_string(),
                });
            }
        }
        if let Some((ac, entries)) = &self.deny {
            for m in ac.find_iter(text) {
                if !is_word_boundary(text, m.start()) || !is_word_boundary(text, m.end()) {
                    continue;
                }
                let (entity, _) = &entries[m.pattern().as_usize()];
                out.push(Finding {
                    entity: entity.clone(),
                    start: m.start(),
                    end: m.end(),
                    score: 1.0,
                    confirmed: Some(Confirmation::DenyList),
                    source: Source { kind: SourceKind::DenyList, name: "policy.deny".into(), pattern: None },
                    explanation: vec!["on the policy's deny list".into()],
                    text: text[m.start()..m.end()].to_string(),
                });
            }
        }
        if let Some(fields) = &self.fields {
            out.extend(fields.run_counting(&text[..typed]).0);
        }
        out
    }
}

/// A greedy match can run past its value into the next number: "+44 20 7946 0958 4111 1111 1111
/// 1111" matches the phone pattern whole and fails its validator, while "+44 20 7946 0958" alone is
/// a phone number and the card after it a value of its own. For an invalid `value` (matched at
/// `start` of `text`), try it cut back at each separator, longest first, where what is cut off starts
/// a value of its own (13+ digits, a card, or an opening parenthesis: "+44 20 7946 0958 (415)
/// 555-2671" is two phone numbers). A short tail means one over-long number, which stays invalid.
/// Only a candidate the pattern itself matches whole is judged, since validators may rely on the
/// pattern's shape (lengths, positions). Returns the candidate and its validation.
fn cut_back_to_a_valid_value<'t>(
    pattern: &Compiled,
    text: &'t str,
    start: usize,
    value: &'t str,
    validate: Option<fn(&str) -> Validation>,
) -> Option<(&'t str, Validation)> {
    let validate = validate?;
    // Digits of the number run that starts at the cut, read on past the match.
    let starts_own_value = |cut: usize| {
        let rest = text[start + cut..].trim_start_matches([' ', '-', '.', '/']);
        let run = rest.bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'.' | b'/'));
        rest.starts_with('(') || run.filter(u8::is_ascii_digit).count() >= 13
    };
    value.char_indices().rev().filter(|&(cut, c)| matches!(c, ' ' | '-' | '.' | '/') && starts_own_value(cut)).find_map(
        |(cut, _)| {
            let candidate = value[..cut].trim_end_matches([' ', '-', '.', '/']);
            let whole_match = pattern.regex.captures(candidate).is_some_and(|c| {
                let g = if pattern.has_value_group { c.name("v") } else { c.get(0) };
                g.is_some_and(|g| g.start() == 0 && g.end() == candidate.len())
            });
            if candidate.is_empty() || !whole_match {
                return None;
            }
            let verdict = validate(candidate);
            (verdict != Validation::Invalid).then_some((candidate, verdict))
        },
    )
}

/// The first of `words` standing as a whole word within `settings.before` bytes before
/// `start..end` of `text` or `settings.after` bytes after it (case-insensitive).
fn context_word<'w>(text: &str, start: usize, end: usize, settings: &ContextSettings, words: &'w [String]) -> Option<&'w str> {
    if words.is_empty() {
        return None;
    }
    let mut lo = start.saturating_sub(settings.before);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (end + settings.after).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let before = text[lo..start].to_lowercase();
    let after = text[end..hi].to_lowercase();
    words.iter().find(|w| is_context_word_in(&before, w) || is_context_word_in(&after, w)).map(String::as_str)
}

/// Whether `word` stands in `hay` as a word of prose, not as part of a host name or a path:
/// "dl" in "https://dl.acm.org/citation.cfm?id=1073974" says nothing about a driver's licence.
fn is_context_word_in(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(i, _)| {
        let end = i + word.len();
        let before = hay[..i].chars().next_back();
        let mut after = hay[end..].chars();
        let in_host = matches!(before, Some('.' | '/' | '@'))
            || (after.next() == Some('.') && after.next().is_some_and(char::is_alphanumeric));
        is_word_boundary(hay, i) && is_word_boundary(hay, end) && !in_host
    })
}
