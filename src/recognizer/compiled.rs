//! Recognizers compiled for one policy: the built-in ones that are on, the policy's custom
//! patterns and its deny list, ready to run over a normalized text.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::prefilter::Prefilter;
use super::{registry, RecognizerDef, Strength, Validation};
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Finding, Source, SourceKind};
use crate::policy::Action;

/// `config/recognizers.toml`: which built-in recognizers are on and their context words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognizerConfig {
    /// How far around a match context words are looked for, and how much they add.
    pub context: ContextSettings,
    /// Per-recognizer settings, keyed by recognizer id.
    pub recognizers: BTreeMap<String, RecognizerSettings>,
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
    /// The embedded default configuration.
    pub fn embedded() -> Self {
        toml::from_str(include_str!("../../config/recognizers.toml"))
            .expect("config/recognizers.toml is valid (checked by a test)")
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
}

impl CompiledRecognizers {
    /// Compile the built-ins `enabled` keeps (it is told whether the embedded config turns each
    /// on), the custom patterns and the deny list.
    pub(crate) fn new(
        config: &RecognizerConfig,
        enabled: &dyn Fn(&RecognizerDef, bool) -> bool,
        custom: &[CustomPattern],
        deny: &[(String, String)],
        limits: PatternLimits,
    ) -> Result<Self> {
        let mut owners = Vec::new();
        let mut patterns = Vec::new();
        for def in registry::all() {
            let settings = config.recognizers.get(def.id);
            // The policy decides, given whether the embedded config turns it on.
            if !enabled(def, settings.is_none_or(|s| s.enabled)) {
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
        Ok(CompiledRecognizers { patterns, prefilter, owners, context: config.context.clone(), deny })
    }

    /// Ids of the recognizers that are on, in registry order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.owners.iter().map(|o| o.id.as_str())
    }

    /// Run every recognizer over `text` (already normalized). Spans are byte offsets in `text`.
    pub fn run(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        let lower_cache = LowerWindow { text };
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
                    // A greedy match can run past the value into the next number ("+44 20 7946
                    // 0958 4111 1111..."): try the match cut back at each separator, longest first,
                    // where what is cut off is long enough (13+ digits, a card) to be a value of its own; a
                    // short tail means one over-long number, which stays invalid.
                    let shorter = owner.validate.and_then(|v| {
                        // Digits of the number run that starts at the cut, read on past the match.
                        // An opening parenthesis after the separator starts a new number too:
                        // "+44 20 7946 0958 (415) 555-2671" is two phone numbers.
                        let own_value = |cut: usize| {
                            let rest = text[m.start() + cut..].trim_start_matches([' ', '-', '.', '/']);
                            let run = rest.bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'.' | b'/'));
                            rest.starts_with('(') || run.filter(u8::is_ascii_digit).count() >= 13
                        };
                        value
                            .char_indices()
                            .rev()
                            .filter(|&(cut, c)| matches!(c, ' ' | '-' | '.' | '/') && own_value(cut))
                            .find_map(|(cut, _)| {
                                let candidate = value[..cut].trim_end_matches([' ', '-', '.', '/']);
                                // Only a candidate the pattern itself matches whole: validators may
                                // rely on the pattern's shape (lengths, positions).
                                let whole_match = p.regex.captures(candidate).is_some_and(|c| {
                                    let g = if p.has_value_group { c.name("v") } else { c.get(0) };
                                    g.is_some_and(|g| g.start() == 0 && g.end() == candidate.len())
                                });
                                if candidate.is_empty() || !whole_match {
                                    return None;
                                }
                                let verdict = v(candidate);
                                (verdict != Validation::Invalid).then_some((candidate, verdict))
                            })
                    });
                    match shorter {
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
                let context_word = lower_cache.context_word(m_start, m_end, &self.context, &owner.context);
                if owner.needs_context && context_word.is_none() {
                    continue;
                }
                let mut explanation = Vec::new();
                let mut score = if validation == Validation::Doubtful { p.score.min(Strength::Weak.score()) } else { p.score };
                if validation == Validation::Valid {
                    score = 1.0;
                    explanation.push("checksum valid".to_string());
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
                    validated: validation == Validation::Valid,
                    source: Source { kind: owner.kind, name: owner.id.clone(), pattern: Some(p.pattern_name.clone()) },
                    explanation,
                    text: value.to_string(),
                    action: Action::Allow,
                    replacement: None,
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
                    validated: true,
                    source: Source { kind: SourceKind::DenyList, name: "policy.deny".into(), pattern: None },
                    explanation: vec!["on the policy's deny list".into()],
                    text: text[m.start()..m.end()].to_string(),
                    action: Action::Allow,
                    replacement: None,
                });
            }
        }
        out
    }
}

/// Whether `pos` is not inside a word (the chars on both sides are not both alphanumeric).
pub(crate) fn is_word_boundary(text: &str, pos: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text[pos..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// Looks for context words around a match.
struct LowerWindow<'a> {
    text: &'a str,
}

impl LowerWindow<'_> {
    fn context_word<'w>(&self, start: usize, end: usize, settings: &ContextSettings, words: &'w [String]) -> Option<&'w str> {
        if words.is_empty() {
            return None;
        }
        let mut lo = start.saturating_sub(settings.before);
        while !self.text.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = (end + settings.after).min(self.text.len());
        while !self.text.is_char_boundary(hi) {
            hi += 1;
        }
        let before = self.text[lo..start].to_lowercase();
        let after = self.text[end..hi].to_lowercase();
        words.iter().find(|w| contains_word(&before, w) || contains_word(&after, w)).map(String::as_str)
    }
}

/// Whether `hay` contains `word` with no letter or digit directly on either side.
fn contains_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(i, _)| is_word_boundary(hay, i) && is_word_boundary(hay, i + word.len()))
}
