//! The text featurizer shared by training and inference.
//!
//! Every text classifier scrim ships (toxicity, prompt injection) sees a prompt as a bag of hashed
//! feature ids. This module is the *only* implementation of the text → ids step: the training
//! scripts in `models/train/` call it through `cargo run -p scrim-tools --bin featurize`, so the ids a model
//! was trained on are the ids it sees in the browser, bit for bit.
//!
//! The steps:
//!
//! 1. [`fold`]: a lossy, robustness-oriented normalization (NFKC, lowercase, homoglyphs and
//!    leetspeak folded to Latin letters, zero-width characters dropped, letters repeated three or
//!    more times squeezed to two, and words spelled out letter by letter — `f u c k` — joined).
//! 2. Tokenization into words (runs of letters, digits and apostrophes).
//! 3. Features: word unigrams and bigrams, and character n-grams of each word with boundary
//!    markers (`<word>`), each hashed with 64-bit FNV-1a and mapped to a bucket in `1..buckets`
//!    (id 0 is padding).
//!
//! Each id carries the index of the word that produced it (bigrams: the first word), so a model
//! that is additive over its features can say which words drove a score.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::text::is_invisible;

/// How a model turns text into feature ids. Stored beside each model (`models/<name>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeaturizerConfig {
    /// Number of hash buckets, the rows of the model's embedding table (id 0 is padding).
    pub buckets: u32,
    /// Word n-gram orders, e.g. `[1, 2]`.
    pub word_ngrams: Vec<u8>,
    /// Smallest and largest character n-gram length; `[0, 0]` disables them.
    pub char_ngrams: [u8; 2],
    /// At most this many words are featurized (the rest of a longer prompt is ignored by the
    /// model; rules still see all of it).
    pub max_words: usize,
    /// Whether each pictograph (an emoji: 🔪, 🐀) is a word of its own. Off, they are dropped
    /// like punctuation. Skin-tone modifiers, ZWJ and variation selectors never are words, so
    /// 👨🏿 and 👨 are the same word.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub emoji: bool,
}

impl Default for FeaturizerConfig {
    fn default() -> Self {
        FeaturizerConfig { buckets: 1 << 16, word_ngrams: vec![1, 2], char_ngrams: [3, 5], max_words: 512, emoji: false }
    }
}

/// A featurized text: ids (never 0) and, for each id, the word it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Features {
    /// Bucket ids in `1..buckets`, in the order they were produced.
    pub ids: Vec<i64>,
    /// `word_of[i]` is the index into [`Features::words`] that produced `ids[i]`.
    pub word_of: Vec<u32>,
    /// The folded words, with their byte spans in the *original* text.
    pub words: Vec<Word>,
}

/// One folded word and where it stands in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// The folded form the features were computed from.
    pub folded: String,
    /// Byte offset of the word's first character in the original text.
    pub start: usize,
    /// Byte offset just past the word's last character in the original text.
    pub end: usize,
}

/// 64-bit FNV-1a. Chosen because it is tiny, has no dependency and is trivially reproducible.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Latin letters that other scripts draw the same way (Cyrillic, Greek, a few symbols).
fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'в' => 'b',
        'с' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'ѕ' => 's',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ɡ' => 'g',
        'α' => 'a',
        'β' => 'b',
        'ε' => 'e',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        'ω' => 'w',
        _ => return None,
    })
}

/// Digits and symbols used as letters inside words ("sh1t", "@ss", "b!tch").
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => return None,
    })
}

/// A character that can be part of a word before folding (letters, digits, marks, apostrophe and
/// the leetspeak symbols, which only count when a letter or digit is beside them).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// A pictograph that stands as a word when [`FeaturizerConfig::emoji`] is on: a character with the
/// Emoji property that is not ASCII (`#`, `*` and digits have it) and not a component (skin tones,
/// regional indicators, ZWJ, keycaps).
fn is_pictograph(c: char) -> bool {
    use unicode_properties::UnicodeEmoji;
    !c.is_ascii() && c.is_emoji_char() && !c.is_emoji_component()
}

/// One raw word before folding, with its byte span in the original text.
struct RawWord<'a> {
    text: &'a str,
    start: usize,
}

/// Split the original text into raw words. Leetspeak symbols (`@`, `$`, `!`, `|`, `+`) join a word
/// when they touch a letter or digit, so "@ss" and "b!tch" stay one word; invisible characters
/// inside a word do not split it.
fn raw_words(text: &str, emoji: bool) -> Vec<RawWord<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        if emoji && is_pictograph(c) {
            if let Some(s) = start.take() {
                out.push(RawWord { text: &text[s..pos], start: s });
            }
            out.push(RawWord { text: &text[pos..pos + c.len_utf8()], start: pos });
            continue;
        }
        let joins = is_word_char(c)
            || is_invisible(c) && start.is_some()
            || (leet(c).is_some() && !c.is_ascii_digit()) && {
                let prev = i.checked_sub(1).map(|j| chars[j].1);
                let next = chars.get(i + 1).map(|p| p.1);
                prev.is_some_and(char::is_alphanumeric) || next.is_some_and(char::is_alphanumeric)
            };
        match (joins, start) {
            (true, None) => start = Some(pos),
            (false, Some(s)) => {
                out.push(RawWord { text: &text[s..pos], start: s });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(RawWord { text: &text[s..], start: s });
    }
    out
}

/// Fold one raw word: NFKC, lowercase, homoglyphs, leetspeak (only in words that have a letter),
/// invisible characters dropped, marks dropped, runs of 3+ identical letters squeezed to 2.
pub fn fold(word: &str) -> String {
    let nfkc: String = word.nfkc().filter(|c| !is_invisible(*c)).flat_map(char::to_lowercase).collect();
    let has_letter = nfkc.chars().any(|c| c.is_alphabetic() || homoglyph(c).is_some());
    let mut out = String::with_capacity(nfkc.len());
    let mut last: Option<char> = None;
    let mut run = 0;
    // Decompose so accents can be dropped ("fück" → "fuck"), keeping CJK and other scripts intact.
    for c in nfkc.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = homoglyph(c).unwrap_or(c);
        let c = if has_letter { leet(c).unwrap_or(c) } else { c };
        let c = if c == '’' { '\'' } else { c };
        if Some(c) == last {
            run += 1;
            if run >= 2 && c.is_alphabetic() {
                continue;
            }
        } else {
            run = 0;
        }
        last = Some(c);
        out.push(c);
    }
    out.trim_matches('\'').to_string()
}

/// Fold and tokenize `text`: words with their spans in the original text. Runs of three or more
/// single-letter words ("f u c k", "k i l l") are joined into one word.
pub fn words(text: &str, max_words: usize) -> Vec<Word> {
    words_of(text, max_words, false)
}

/// [`words`], with pictographs as words when `emoji` is set (see [`FeaturizerConfig::emoji`]).
pub fn words_of(text: &str, max_words: usize, emoji: bool) -> Vec<Word> {
    let raw = raw_words(text, emoji);
    let folded: Vec<String> = raw.iter().map(|w| fold(w.text)).collect();
    let single = |j: usize| {
        let mut cs = folded[j].chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
    };
    let mut out: Vec<Word> = Vec::with_capacity(raw.len().min(max_words));
    let mut i = 0;
    while i < raw.len() && out.len() < max_words {
        let mut j = i;
        while j < raw.len() && single(j) && gap_is_spacing(text, &raw, j) {
            j += 1;
        }
        let (folded_word, end) = if j - i >= 3 { (folded[i..j].concat(), j) } else { (folded[i].clone(), i + 1) };
        if !folded_word.is_empty() {
            let last = &raw[end - 1];
            out.push(Word { folded: folded_word, start: raw[i].start, end: last.start + last.text.len() });
        }
        i = end;
    }
    out
}

/// Whether raw word `j` is followed by only spacing/punctuation of at most 3 bytes before the next
/// word (or is the last word), so "f u c k" and "f.u.c.k" join but "a b. The c" does not.
fn gap_is_spacing(text: &str, raw: &[RawWord<'_>], j: usize) -> bool {
    let end = raw[j].start + raw[j].text.len();
    match raw.get(j + 1) {
        None => true,
        Some(next) => {
            let gap = &text[end..next.start];
            gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '.' || c == '-' || c == '*' || c == '_')
        }
    }
}

/// Featurize `text` for a model configured by `config`.
///
/// # Example
///
/// ```
/// use scrim::model::hashed_ngrams::{featurize, FeaturizerConfig};
/// let f = featurize("You are an ID10T", &FeaturizerConfig::default());
/// assert_eq!(f.words.last().unwrap().folded, "idiot");
/// assert!(f.ids.iter().all(|&id| id > 0));
/// ```
pub fn featurize(text: &str, config: &FeaturizerConfig) -> Features {
    let words = words_of(text, config.max_words, config.emoji);
    let mut f = Features { ids: Vec::new(), word_of: Vec::new(), words: Vec::new() };
    let buckets = u64::from(config.buckets.max(2));
    let push = |h: u64, w: usize, f: &mut Features| {
        f.ids.push((1 + h % (buckets - 1)) as i64);
        f.word_of.push(w as u32);
    };
    for (wi, w) in words.iter().enumerate() {
        for &n in &config.word_ngrams {
            let n = usize::from(n);
            if n == 0 || wi + n > words.len() {
                continue;
            }
            let order = [n as u8];
            let mut parts: Vec<&[u8]> = vec![b"w", &order];
            parts.extend(words[wi..wi + n].iter().map(|w| w.folded.as_bytes()));
            push(fnv1a(&parts), wi, &mut f);
        }
        let [lo, hi] = config.char_ngrams;
        if lo > 0 && hi >= lo {
            let marked: Vec<char> = std::iter::once('<').chain(w.folded.chars()).chain(std::iter::once('>')).collect();
            for n in usize::from(lo)..=usize::from(hi) {
                if marked.len() < n {
                    break;
                }
                for win in marked.windows(n) {
                    let s: String = win.iter().collect();
                    push(fnv1a(&[b"c", s.as_bytes()]), wi, &mut f);
                }
            }
        }
    }
    f.words = words;
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text, 100).into_iter().map(|w| w.folded).collect()
    }

    #[test]
    fn folds_leetspeak_homoglyphs_and_repeats() {
        assert_eq!(folded("sh1t"), ["shit"]);
        assert_eq!(folded("@ss"), ["ass"]);
        assert_eq!(folded("idiooooot"), ["idioot"]);
        assert_eq!(folded("іdіоt"), ["idiot"]); // Cyrillic і and о
        assert_eq!(folded("ＩＤＩＯＴ"), ["idiot"]); // fullwidth
        assert_eq!(folded("id\u{200B}iot"), ["idiot"]); // zero-width space inside
        assert_eq!(folded("fück"), ["fuck"]);
    }

    #[test]
    fn numbers_alone_are_not_leetspeak() {
        assert_eq!(folded("call 911 now"), ["call", "911", "now"]);
    }

    #[test]
    fn spaced_letters_join() {
        assert_eq!(folded("you f u c k"), ["you", "fuck"]);
        assert_eq!(folded("k.i.l.l them"), ["kill", "them"]);
        assert_eq!(folded("a b"), ["a", "b"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Hé 😀 ｗｏｒｌｄ";
        for w in words(text, 10) {
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        }
        let w = words(text, 10);
        assert_eq!(&text[w[1].start..w[1].end], "ｗｏｒｌｄ");
    }

    #[test]
    fn pictographs_are_words_only_when_asked() {
        let emoji = |text: &str| words_of(text, 100, true).into_iter().map(|w| w.folded).collect::<Vec<_>>();
        assert_eq!(folded("I would love to 🔪 some 👳🏾"), ["i", "would", "love", "to", "some"]);
        assert_eq!(emoji("I would love to 🔪some👳🏾"), ["i", "would", "love", "to", "🔪", "some", "👳"]);
        // A skin tone is no word of its own: the same word with or without it.
        assert_eq!(emoji("👨🏿"), emoji("👨"));
        // A ZWJ family is its members; digits, '#' and '*' (which have the Emoji property) stay text.
        assert_eq!(emoji("👨\u{200D}👩\u{200D}👧 #1*"), ["👨", "👩", "👧", "1"]);
        let text = "ok 🐀🐀 ok";
        for w in words_of(text, 10, true) {
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        }
        // Off by default, and a config without the field reads as off (the injection model's).
        let cfg: FeaturizerConfig =
            serde_json::from_str(r#"{"buckets": 8, "word_ngrams": [1], "char_ngrams": [0, 0], "max_words": 4}"#).unwrap();
        assert!(!cfg.emoji && !FeaturizerConfig::default().emoji);
    }

    #[test]
    fn ids_are_deterministic_and_in_range() {
        let cfg = FeaturizerConfig { buckets: 1000, ..FeaturizerConfig::default() };
        let a = featurize("the quick brown fox", &cfg);
        let b = featurize("the quick brown fox", &cfg);
        assert_eq!(a, b);
        assert!(a.ids.iter().all(|&i| (1..1000).contains(&i)));
        assert_eq!(a.ids.len(), a.word_of.len());
        // FNV-1a is fixed: this value is what the training scripts were given.
        assert_eq!(fnv1a(&[b"w", &[1], b"fox"]), fnv1a(&[b"w", &[1], b"fox"]));
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }

    #[test]
    fn max_words_bounds_the_work() {
        let text = "word ".repeat(10_000);
        let f = featurize(&text, &FeaturizerConfig { max_words: 64, ..FeaturizerConfig::default() });
        assert_eq!(f.words.len(), 64);
    }
}
