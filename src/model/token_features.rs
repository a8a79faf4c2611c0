//! The token featurizer of the names/places/organisations/addresses model (`models/ner.onnx`).
//!
//! The text classifiers see a prompt as a bag of ids ([`super::hashed_ngrams`]); a token classifier
//! needs one row of ids *per token*, and it needs the case and shape of each word that the text
//! featurizer folds away ("Rose" vs "rose"). This module is the only implementation of that step:
//! `models/train/ner/` calls it through `cargo run -p scrim-tools --bin featurize_tokens`, so the ids the
//! model was trained on are the ids it sees in the browser, bit for bit.
//!
//! 1. [`tokens`]: runs of letters and digits (an inner `'` or `-` joins, as in "O'Brien" or
//!    "Jean-Luc", but a trailing `'s` is its own token so "Acme's" gives "Acme"), and every other
//!    visible character alone ("," "@" "😀").
//! 2. For each token, [`NerFeaturizerConfig::slots`] hashed ids (0 = empty slot): the folded word,
//!    the word as written, its shape ("Xx", "dX"), its case and whether it opens a sentence,
//!    prefixes and suffixes, one id per gazetteer list that covers it (first names, surnames,
//!    cities, countries, organisation words, street words, titles), and one id per level of the
//!    word's cluster ([`WordClusters`]: what pretrained word vectors say the word is like, from
//!    fine to coarse). Gazetteer entries may span several words ("new york"); every covered token
//!    gets the hit.
//!
//! Ids are 64-bit FNV-1a of a tagged string, mapped into `1..buckets`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// How the NER model turns tokens into ids. Stored in `models/ner.json` under `"featurizer"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerFeaturizerConfig {
    /// Rows of the model's embedding table (id 0 is the empty slot).
    pub buckets: u32,
    /// Prefix and suffix lengths, e.g. `[2, 4]` for 2-, 3- and 4-character affixes.
    pub affixes: [u8; 2],
    /// Longest gazetteer entry, in words.
    pub gazetteer_max_words: usize,
}

impl NerFeaturizerConfig {
    /// Ids per token: word, cased word, shape, case, the affixes, one per gazetteer list and one
    /// per cluster level.
    pub fn slots(&self, gazetteer: &Gazetteer, clusters: &WordClusters) -> usize {
        4 + 2 * self.affix_count() + gazetteer.lists.len() + clusters.level_count()
    }

    fn affix_count(&self) -> usize {
        let [lo, hi] = self.affixes;
        if lo == 0 || hi < lo {
            0
        } else {
            usize::from(hi - lo + 1)
        }
    }
}

/// Named word lists (folded: lowercase, accents dropped). Order matters: it fixes the slots.
/// In a sidecar: `"gazetteer": {"list name": ["entry", ...], ...}`, read in name order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "BTreeMap<String, Vec<String>>")]
pub struct Gazetteer {
    lists: Vec<(String, HashSet<String>)>,
}

impl Gazetteer {
    /// Build from `(list name, entries)`; entries are folded here, so any case or accents will do.
    pub fn new<I, S>(lists: I) -> Self
    where
        I: IntoIterator<Item = (String, Vec<S>)>,
        S: AsRef<str>,
    {
        let lists = lists
            .into_iter()
            .map(|(name, entries)| {
                let set = entries
                    .iter()
                    .map(|e| {
                        tokens(e.as_ref()).iter().map(|t| fold_token(&e.as_ref()[t.start..t.end])).collect::<Vec<_>>().join(" ")
                    })
                    .filter(|e| !e.is_empty())
                    .collect();
                (name, set)
            })
            .collect();
        Gazetteer { lists }
    }

    /// From the sidecar's `"gazetteer"` object (list name → entries), in name order.
    pub fn from_map(map: &BTreeMap<String, Vec<String>>) -> Self {
        Gazetteer::new(map.iter().map(|(k, v)| (k.clone(), v.clone())))
    }

    /// The list names, in slot order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lists.iter().map(|(n, _)| n.as_str())
    }

    /// For each token, a bit per list that covers it.
    fn hits(&self, folded: &[String], max_words: usize) -> Vec<u32> {
        let mut out = vec![0u32; folded.len()];
        let mut key = String::new();
        for i in 0..folded.len() {
            key.clear();
            for n in 1..=max_words.max(1) {
                let j = i + n - 1;
                if j >= folded.len() || folded[j].is_empty() {
                    break;
                }
                if n > 1 {
                    key.push(' ');
                }
                key.push_str(&folded[j]);
                for (bit, (_, set)) in self.lists.iter().enumerate() {
                    if set.contains(key.as_str()) {
                        for o in &mut out[i..=j] {
                            *o |= 1 << bit;
                        }
                    }
                }
            }
        }
        out
    }
}

impl From<BTreeMap<String, Vec<String>>> for Gazetteer {
    fn from(map: BTreeMap<String, Vec<String>>) -> Self {
        Gazetteer::from_map(&map)
    }
}

/// Word clusters: for each known word (folded), its cluster at each level, fine to coarse.
///
/// Built by `models/train/ner/clusters.py` from pretrained word vectors, so a name the model never
/// saw labelled still shares a cluster with names it did see. Stored in the sidecar as
/// `"clusters": {"source", "levels", "parents", "members"}`: `members[c]` is the space-separated
/// words of fine cluster `c`, `parents[l][c]` the level-`l + 1` cluster of level-`l` cluster `c`.
/// Held as a sorted table of 64-bit word hashes (no strings), which is what a browser tab can afford
/// for 100k words.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "WordClustersData")]
pub struct WordClusters {
    /// Per coarser level, the parent of each cluster of the level below.
    parents: Vec<Vec<u32>>,
    /// (FNV-1a of the folded word, fine cluster), sorted by hash.
    words: Vec<(u64, u32)>,
    /// Per level, fine to coarse, per cluster: the FNV-1a of its feature ("v{level}", "{cluster}"),
    /// computed once so featurizing a token allocates nothing for its clusters. Empty: no
    /// cluster slots.
    feature_hashes: Vec<Vec<u64>>,
}

impl fmt::Debug for WordClusters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WordClusters")
            .field("levels", &self.feature_hashes.iter().map(Vec::len).collect::<Vec<_>>())
            .field("words", &self.words.len())
            .finish()
    }
}

/// The sidecar's form of [`WordClusters`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordClustersData {
    /// Where the vectors came from (for the model card; not used).
    #[serde(default, rename = "source")]
    _source: String,
    levels: Vec<u32>,
    parents: Vec<Vec<u32>>,
    members: Vec<String>,
}

impl TryFrom<WordClustersData> for WordClusters {
    type Error = String;

    fn try_from(d: WordClustersData) -> Result<Self, String> {
        let Some(&fine) = d.levels.first() else {
            return if d.members.is_empty() {
                Ok(WordClusters::default())
            } else {
                Err("clusters: members but no levels".into())
            };
        };
        if d.members.len() != fine as usize {
            return Err(format!("clusters: {} member lists for {fine} fine clusters", d.members.len()));
        }
        if d.parents.len() + 1 != d.levels.len() {
            return Err(format!(
                "clusters: {} parent tables for {} levels (expected one fewer)",
                d.parents.len(),
                d.levels.len()
            ));
        }
        for (l, table) in d.parents.iter().enumerate() {
            let (below, above) = (d.levels[l], d.levels[l + 1]);
            if table.len() != below as usize {
                return Err(format!("clusters: parents[{l}] has {} entries for {below} clusters", table.len()));
            }
            if let Some(i) = table.iter().position(|&p| p >= above) {
                return Err(format!("clusters: parents[{l}][{i}] is {}, but level {} has {above} clusters", table[i], l + 1));
            }
        }
        let mut words = Vec::new();
        for (c, list) in (0u32..).zip(&d.members) {
            for w in list.split(' ').filter(|w| !w.is_empty()) {
                let folded = if w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b'-') {
                    w.to_string()
                } else {
                    fold_token(w)
                };
                words.push((fnv1a("", &folded), c));
            }
        }
        // A word listed twice keeps its first cluster (stable sort, then dedup by hash).
        words.sort_by_key(|&(h, _)| h);
        words.dedup_by_key(|&mut (h, _)| h);
        let feature_hashes = d
            .levels
            .iter()
            .enumerate()
            .map(|(l, &k)| (0..k).map(|c| fnv1a(&format!("v{l}"), &c.to_string())).collect())
            .collect();
        Ok(WordClusters { parents: d.parents, words, feature_hashes })
    }
}

impl WordClusters {
    /// Cluster levels (0 when the sidecar has no clusters).
    pub fn level_count(&self) -> usize {
        self.feature_hashes.len()
    }

    /// The cluster of a folded word at each level, fine to coarse; `None` for an unknown word.
    pub fn path(&self, folded: &str) -> Option<Vec<u32>> {
        self.clusters_of(folded).map(Iterator::collect)
    }

    /// As [`WordClusters::path`], without allocating.
    fn clusters_of(&self, folded: &str) -> Option<impl Iterator<Item = u32> + '_> {
        if self.feature_hashes.is_empty() {
            return None;
        }
        let h = fnv1a("", folded);
        let i = self.words.binary_search_by_key(&h, |&(k, _)| k).ok()?;
        let fine = self.words[i].1;
        Some(std::iter::once(fine).chain(self.parents.iter().scan(fine, |c, table| {
            *c = table[*c as usize];
            Some(*c)
        })))
    }

    /// The hashes of a folded word's cluster features, one per level; `None` for an unknown word.
    fn feature_hashes_of(&self, folded: &str) -> Option<impl Iterator<Item = u64> + '_> {
        Some(self.clusters_of(folded)?.zip(&self.feature_hashes).map(|(c, level)| level[c as usize]))
    }
}

/// One token: its byte span in the original text (on character boundaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

/// A featurized text: `ids` holds `slots` ids per token, row after row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenFeatures {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// Ids per token (`slots` of them), 0 for an empty slot.
    pub slots: usize,
    /// `tokens.len() * slots` ids.
    pub ids: Vec<i64>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Split `text` into tokens (see the module docs).
///
/// # Example
///
/// ```
/// use scrim::model::token_features::tokens;
/// let text = "tell O'Brien that Acme's offer stands";
/// let words: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
/// assert_eq!(words, ["tell", "O'Brien", "that", "Acme", "'s", "offer", "stands"]);
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |p| p.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() || crate::text::is_invisible(c) {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            // "'s" after a word is one token; any other symbol stands alone.
            let clitic = (c == '\'' || c == '’')
                && i > 0
                && is_word_char(chars[i - 1].1)
                && chars.get(i + 1).is_some_and(|p| p.1 == 's' || p.1 == 'S')
                && !chars.get(i + 2).is_some_and(|p| is_word_char(p.1));
            let len = if clitic { 2 } else { 1 };
            out.push(Token { start: chars[i].0, end: end_of(i + len) });
            i += len;
            continue;
        }
        let start = i;
        loop {
            while i < chars.len() && is_word_char(chars[i].1) {
                i += 1;
            }
            // An inner apostrophe or hyphen joins two runs, unless it is the clitic "'s".
            let joiner = chars.get(i).is_some_and(|p| matches!(p.1, '\'' | '’' | '-'));
            let next_is_word = chars.get(i + 1).is_some_and(|p| is_word_char(p.1));
            let clitic = chars.get(i).is_some_and(|p| p.1 != '-')
                && chars.get(i + 1).is_some_and(|p| p.1 == 's' || p.1 == 'S')
                && !chars.get(i + 2).is_some_and(|p| is_word_char(p.1));
            if joiner && next_is_word && !clitic {
                i += 1;
            } else {
                break;
            }
        }
        out.push(Token { start: chars[start].0, end: end_of(i) });
    }
    out
}

/// Fold a token for lookup: NFKC, lowercase, accents dropped, curly apostrophe made straight.
pub fn fold_token(word: &str) -> String {
    let lower: String = word.nfkc().flat_map(char::to_lowercase).collect();
    lower.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).map(|c| if c == '’' { '\'' } else { c }).collect()
}

/// The shape of a word with runs collapsed: "Priya" → "Xx", "NW1" → "Xd", "O'Brien" → "X'Xx".
fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.nfkc() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a' // letters without case (CJK, Devanagari, Arabic...)
        } else {
            c
        };
        if Some(k) != last {
            out.push(k);
            last = Some(k);
        }
    }
    out
}

/// The case of a word: "lower", "title", "upper", "mixed" or "none" (no cased letter).
fn case_class(word: &str) -> &'static str {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else { return "none" };
    let rest: Vec<char> = chars.collect();
    let rest_lower = rest.iter().all(|c| !c.is_uppercase());
    let rest_upper = rest.iter().all(|c| !c.is_lowercase());
    if !first.is_uppercase() && !first.is_lowercase() {
        "none"
    } else if first.is_lowercase() && rest_lower {
        "lower"
    } else if first.is_uppercase() && rest_upper && !rest.is_empty() {
        "upper"
    } else if first.is_uppercase() && rest_lower {
        "title"
    } else {
        "mixed"
    }
}

/// 64-bit FNV-1a of a tag and a value (the same function as the text featurizer's).
fn fnv1a(tag: &str, value: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [tag.as_bytes(), value.as_bytes()] {
        for &b in part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Featurize `text` for the NER model.
///
/// # Example
///
/// ```
/// use scrim::model::token_features::{featurize_tokens, Gazetteer, NerFeaturizerConfig, WordClusters};
/// let config = NerFeaturizerConfig { buckets: 1000, affixes: [2, 3], gazetteer_max_words: 2 };
/// let gazetteer = Gazetteer::new([("city".to_string(), vec!["Leeds"])]);
/// let f = featurize_tokens("Priya Raman in Leeds", &config, &gazetteer, &WordClusters::default());
/// assert_eq!(f.tokens.len(), 4);
/// assert_eq!(f.ids.len(), 4 * f.slots);
/// assert!(f.ids[3 * f.slots..].iter().all(|&id| (0..1000).contains(&id)));
/// ```
pub fn featurize_tokens(
    text: &str,
    config: &NerFeaturizerConfig,
    gazetteer: &Gazetteer,
    clusters: &WordClusters,
) -> TokenFeatures {
    let tokens = tokens(text);
    let folded: Vec<String> = tokens
        .iter()
        .map(|t| {
            let w = &text[t.start..t.end];
            if w.chars().next().is_some_and(is_word_char) {
                fold_token(w)
            } else {
                String::new()
            }
        })
        .collect();
    let hits = gazetteer.hits(&folded, config.gazetteer_max_words);
    let slots = config.slots(gazetteer, clusters);
    let buckets = u64::from(config.buckets.max(2));
    let bucket = |hash: u64| (1 + hash % (buckets - 1)) as i64;
    let id = |tag: &str, value: &str| bucket(fnv1a(tag, value));
    let mut ids = Vec::with_capacity(tokens.len() * slots);
    for (i, t) in tokens.iter().enumerate() {
        let word = &text[t.start..t.end];
        let lower = if folded[i].is_empty() { fold_token(word) } else { folded[i].clone() };
        // A sentence opens at the start of the text or after . ! ? or a line break.
        let opens = i == 0 || {
            let prev = &text[tokens[i - 1].start..tokens[i - 1].end];
            matches!(prev, "." | "!" | "?" | ":" | "\"" | "“") || text[tokens[i - 1].end..t.start].contains('\n')
        };
        let row_start = ids.len();
        ids.push(id("w", &lower));
        ids.push(id("c", &word.nfkc().collect::<String>()));
        ids.push(id("s", &shape(word)));
        ids.push(id("k", &format!("{}{}", case_class(word), if opens { "^" } else { "" })));
        let chars: Vec<char> = lower.chars().collect();
        let [lo, hi] = config.affixes;
        for n in (lo..=hi).map(usize::from).filter(|&n| n > 0) {
            if chars.len() > n {
                ids.push(id("p", &chars[..n].iter().collect::<String>()));
                ids.push(id("x", &chars[chars.len() - n..].iter().collect::<String>()));
            } else {
                ids.extend([0, 0]);
            }
        }
        for (bit, name) in gazetteer.names().enumerate() {
            ids.push(if hits[i] & (1 << bit) != 0 { id("g", name) } else { 0 });
        }
        match clusters.feature_hashes_of(&lower) {
            Some(hashes) => ids.extend(hashes.map(bucket)),
            None => ids.extend(std::iter::repeat_n(0, clusters.level_count())),
        }
        debug_assert_eq!(ids.len() - row_start, slots);
    }
    TokenFeatures { tokens, slots, ids }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn tokens_keep_names_whole_and_split_the_possessive() {
        assert_eq!(words("Jean-Luc's car"), ["Jean-Luc", "'s", "car"]);
        assert_eq!(words("Nguyễn Văn An, 221B Baker St."), ["Nguyễn", "Văn", "An", ",", "221B", "Baker", "St", "."]);
        assert_eq!(words("don't @priya 😀"), ["don't", "@", "priya", "😀"]);
        assert_eq!(words("rock 'n' roll"), ["rock", "'", "n", "'", "roll"]);
    }

    #[test]
    fn spans_are_on_char_boundaries() {
        let text = "Zhang Wei 张伟 في الرياض — Ｍüller";
        for t in tokens(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end) && t.start < t.end);
        }
    }

    #[test]
    fn shape_and_case() {
        assert_eq!(shape("Priya"), "Xx");
        assert_eq!(shape("NW1"), "Xd");
        assert_eq!(case_class("priya"), "lower");
        assert_eq!(case_class("Priya"), "title");
        assert_eq!(case_class("ACME"), "upper");
        assert_eq!(case_class("iPhone"), "mixed");
        assert_eq!(case_class("42"), "none");
    }

    #[test]
    fn gazetteer_hits_cover_multi_word_entries_and_ignore_accents() {
        let g = Gazetteer::new([("city".to_string(), vec!["New York"]), ("last".to_string(), vec!["Nguyen"])]);
        let text = "from new york, Nguyễn said";
        let folded: Vec<String> = tokens(text).iter().map(|t| fold_token(&text[t.start..t.end])).collect();
        assert_eq!(g.hits(&folded, 3), [0, 1, 1, 0, 2, 0]);
    }

    #[test]
    fn case_changes_the_cased_slot_only() {
        let config = NerFeaturizerConfig { buckets: 1 << 15, affixes: [2, 4], gazetteer_max_words: 3 };
        let g = Gazetteer::default();
        let a = featurize_tokens("x Rose", &config, &g, &WordClusters::default());
        let b = featurize_tokens("x rose", &config, &g, &WordClusters::default());
        let (ra, rb) = (&a.ids[a.slots..], &b.ids[b.slots..]);
        assert_eq!(ra[0], rb[0], "folded word slot");
        assert_ne!(ra[1], rb[1], "cased word slot");
        assert_ne!(ra[3], rb[3], "case slot");
        assert_eq!(ra[4..], rb[4..]);
    }

    fn clusters(json: &str) -> Result<WordClusters, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn cluster_paths_nest_and_unknown_words_have_none() {
        let c = clusters(r#"{"source":"t","levels":[3,2],"parents":[[0,1,1]],"members":["priya trisha","leeds paris","the a"]}"#)
            .unwrap();
        assert_eq!(c.path("trisha"), Some(vec![0, 0]));
        assert_eq!(c.path("paris"), Some(vec![1, 1]));
        assert_eq!(c.path("the"), Some(vec![2, 1]));
        assert_eq!(c.path("xyzzy"), None);
        // Featurized: the cased "Trisha" finds its folded form; the two levels are the last slots.
        let config = NerFeaturizerConfig { buckets: 1 << 15, affixes: [2, 4], gazetteer_max_words: 3 };
        let g = Gazetteer::default();
        let f = featurize_tokens("Trisha Xyzzy priya", &config, &g, &c);
        assert_eq!(f.slots, 4 + 6 + 2);
        let row = |i: usize| &f.ids[i * f.slots..(i + 1) * f.slots];
        assert!(row(0)[10..].iter().all(|&id| id > 0));
        assert_eq!(row(1)[10..], [0, 0], "unknown word: empty cluster slots");
        assert_eq!(row(0)[10..], row(2)[10..], "same cluster, same ids");
    }

    #[test]
    fn malformed_clusters_say_what_is_wrong() {
        let err = |json: &str| clusters(json).unwrap_err().to_string();
        assert!(err(r#"{"levels":[2],"parents":[],"members":["a"]}"#).contains("1 member lists for 2 fine clusters"));
        assert!(err(r#"{"levels":[2,1],"parents":[],"members":["a","b"]}"#).contains("0 parent tables for 2 levels"));
        assert!(err(r#"{"levels":[2,1],"parents":[[0,1]],"members":["a","b"]}"#).contains("parents[0][1] is 1"));
        assert_eq!(clusters(r#"{"levels":[],"parents":[],"members":[]}"#).unwrap().level_count(), 0);
    }
}
