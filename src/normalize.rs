//! Normalization before recognition, with a map back to the original text.
//!
//! Recognizers run on a normalized copy of the prompt in which compatibility forms are folded
//! (fullwidth `４１１１` → `4111`, no-break spaces → spaces, the dash family → `-`) and characters
//! that render as nothing (zero-width spaces and joiners, bidi controls, Unicode tag characters,
//! soft hyphens) are removed, so a card number split by zero-width spaces is still a card number.
//! Every finding is mapped back through [`Normalized::to_original`], so spans always point at the
//! text the user typed.

use unicode_normalization::UnicodeNormalization;

use crate::model::features::is_invisible;

/// A normalized text and the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// One entry per emitted piece: (start in `text`, start in original, end in original).
    /// Empty when the text needed no change (the identity map).
    pieces: Vec<(usize, usize, usize)>,
    original_len: usize,
}

/// Fold a character for recognition, or `None` to keep it as is.
fn fold(c: char) -> Option<String> {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some("-".into()),
        // Ideographic full stop and its halfwidth form read as a dot in addresses and numbers.
        '\u{3002}' | '\u{FF61}' => Some(".".into()),
        '\u{FF20}' => Some("@".into()),
        _ if c.is_ascii() => None,
        _ => {
            let s: String = c.nfkc().collect();
            (s.len() != c.len_utf8() || s.chars().next() != Some(c)).then_some(s)
        }
    }
}

impl Normalized {
    /// Normalize `text`. Linear in its length; ASCII text without hidden characters is not copied
    /// through the per-character path.
    pub fn new(text: &str) -> Self {
        let needs_work = !text.is_ascii();
        if !needs_work {
            return Normalized { text: text.to_string(), pieces: Vec::new(), original_len: text.len() };
        }
        let mut out = String::with_capacity(text.len());
        let mut pieces = Vec::with_capacity(text.len() / 2);
        let mut changed = false;
        for (pos, c) in text.char_indices() {
            let end = pos + c.len_utf8();
            if is_invisible(c) {
                changed = true;
                continue;
            }
            pieces.push((out.len(), pos, end));
            match fold(c) {
                Some(s) => {
                    changed = true;
                    out.push_str(&s);
                }
                None => out.push(c),
            }
        }
        if !changed {
            pieces.clear();
        }
        Normalized { text: out, pieces, original_len: text.len() }
    }

    /// The normalized text recognizers see.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether normalization changed anything (if not, offsets are the same in both texts).
    pub fn is_identity(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Map a byte span of the normalized text to the smallest span of the original text that
    /// covers every character it came from. Hidden characters inside the span are included;
    /// those just outside it are not.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.pieces.is_empty() {
            return (start, end);
        }
        let piece_at = |n: usize| self.pieces.partition_point(|p| p.0 <= n).saturating_sub(1);
        let s = if start >= self.text.len() { self.original_len } else { self.pieces[piece_at(start)].1 };
        let e = if end == 0 {
            s
        } else if end > self.text.len() {
            self.original_len
        } else {
            self.pieces[piece_at(end - 1)].2
        };
        (s, e.max(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fullwidth_digits_and_hidden_characters() {
        let original = "card ４１１１\u{200B}1111";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "card 41111111");
        let (s, e) = n.to_original(5, 13);
        assert_eq!(&original[s..e], "４１１１\u{200B}1111");
    }

    #[test]
    fn ascii_is_identity() {
        let n = Normalized::new("plain text 123");
        assert!(n.is_identity());
        assert_eq!(n.to_original(6, 10), (6, 10));
    }

    #[test]
    fn spans_land_on_original_char_boundaries() {
        let original = "😀 ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ 中文 e\u{301}";
        let n = Normalized::new(original);
        assert!(n.text().contains("jane@example.com"));
        for (s, _) in n.text().char_indices() {
            for (e, _) in n.text().char_indices().skip(1) {
                if e <= s {
                    continue;
                }
                let (os, oe) = n.to_original(s, e);
                assert!(original.is_char_boundary(os) && original.is_char_boundary(oe) && os <= oe);
            }
        }
    }
}
