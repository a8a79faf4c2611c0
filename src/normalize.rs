//! Normalization before recognition, with a map back to the original text.
//!
//! Recognizers run on a normalized copy of the prompt in which compatibility forms are folded
//! (fullwidth `４１１１` → `4111`, no-break spaces → spaces, the dash family → `-`) and characters
//! that render as nothing (zero-width spaces and joiners, bidi controls, Unicode tag characters,
//! soft hyphens) are removed, so a card number split by zero-width spaces is still a card number.
//! Two folds undo what an evader (or a careless paste) does to a value, and only where the
//! surrounding text says it is a value:
//!
//! - **Homoglyphs.** Cyrillic and Greek letters that look Latin (`а е о р с у х і`, `А В Е К М Н
//!   О Р Т Х`, `Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ`...) become the Latin letter, only inside a
//!   whitespace-delimited token that also holds a Latin letter or a digit and no Cyrillic or Greek
//!   letter without a Latin twin: `jаnе@ехаmрlе.com` is folded, `Москва`, `СССР` and `ναι` are not.
//! - **Line breaks inside values.** A single line break is removed where it splits a number
//!   (`896-4⏎6-1380`: digits on both sides, a separator `- . / :` or a blank beside the break
//!   allowed), an e-mail address at its `@`, a long random-looking token
//!   (`npm_hpKHWka6U2s⏎xqMzAIsJ8Hn3`) or an id where its capitals meet its digits
//!   (`GENCY⏎9704C`); never between two lines that each hold one token alone
//!   (lists, columns, PEM bodies). The joined text is recognized *in addition to* the text as
//!   typed (see [`Normalized::new`]), so a value that merely ends a line is still found.
//! - **Spaced-out values.** The spaces of a run of 6 or more single characters one space apart
//!   (`4 1 1 1 1 1 1 1 ...`) are removed in that same second copy.
//!
//! Every finding is mapped back through [`Normalized::to_original`], so spans always point at the
//! text the user typed (a removed line break inside a span is part of the span).

use unicode_normalization::UnicodeNormalization;

use crate::text::is_invisible;

/// A normalized text and the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// One entry per emitted piece: (start in `text`, start in original, end in original).
    /// Empty when the text needed no change (the identity map).
    pieces: Vec<(usize, usize, usize)>,
    original_len: usize,
    /// Bytes of `text` that are the text as typed (the joined copy, if any, follows).
    typed_len: usize,
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
            (s.len() != c.len_utf8() || !s.starts_with(c)).then_some(s)
        }
    }
}

/// The Latin letter a Cyrillic or Greek letter is drawn like, from Unicode's confusables data
/// (`confusables.txt`, single-letter Latin targets only; lower-case `к т н м в` look like small
/// capitals and are left out).
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'а' => 'a',
        'с' => 'c',
        'ԁ' => 'd',
        'е' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'ԝ' => 'w',
        'х' => 'x',
        'у' => 'y',
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'Ӏ' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ԛ' => 'Q',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Ԝ' => 'W',
        'Х' => 'X',
        'У' | 'Ү' => 'Y',
        // Greek
        'α' => 'a',
        'γ' => 'y',
        'ι' => 'i',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        _ => return None,
    })
}

fn is_cyrillic_or_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{1F00}'..='\u{1FFF}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

/// Byte ranges of the whitespace-delimited tokens whose look-alike letters are folded to Latin:
/// a token with at least one look-alike, a Latin letter or a digit (fullwidth ones count), and no
/// Cyrillic or Greek letter without a Latin twin. A Russian or Greek word always has one of
/// those (`д`, `л`, `λ`...), or is made of look-alikes alone (`СССР`, `ναι`) and is left as is.
fn homoglyph_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let (mut twin, mut anchor, mut foreign) = (false, false, false);
    for (pos, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                if twin && anchor && !foreign {
                    out.push((s, pos));
                }
            }
            (twin, anchor, foreign) = (false, false, false);
            continue;
        }
        start.get_or_insert(pos);
        if latin_twin(c).is_some() {
            twin = true;
        } else if c.is_alphabetic() && is_cyrillic_or_greek(c) {
            foreign = true;
        } else if c.is_ascii_alphanumeric() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ') {
            anchor = true;
        } else if c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c) {
            anchor = true; // Latin with diacritics
        }
    }
    out
}

/// A character beside a line break that can sit inside a number (`1940-⏎06`, `967.611⏎.775`).
fn is_number_separator(b: u8) -> bool {
    matches!(b, b'-' | b'.' | b'/' | b':')
}

/// A character of a random-looking token (API keys, base64, ids).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'=')
}

/// Byte ranges of everything the second copy removes (see [`Normalized::new`]): line breaks
/// inside values and the spaces of spaced-out values, in order.
fn value_joins(text: &str) -> Vec<(usize, usize)> {
    let mut joins = line_break_joins(text);
    joins.extend(spaced_out_runs(text));
    joins.sort_unstable();
    joins
}

/// How many single characters, one space apart, make a spaced-out value (`4 1 1 1 1 1 1 1`).
const SPACED_RUN: usize = 6;

/// The spaces inside runs of 6+ single characters separated by one space each (`8 9 6 - 4 6 - 1
/// 3 8 0`, `j a n e @ e x a m p l e . c o m`): what a value looks like when an evader puts a
/// space between its characters. A run starts and ends next to whitespace, punctuation or the
/// text's edge, never inside a word.
fn spaced_out_runs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // The common case, ASCII text with no " x " anywhere, costs one pass over its bytes.
    if text.is_ascii() && !text.as_bytes().windows(3).any(|w| w[0] == b' ' && w[2] == b' ' && w[1] != b' ') {
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        // A character standing alone: not whitespace, and no letter or digit right after it.
        let single = |k: usize| {
            chars.get(k).is_some_and(|&(_, c)| !c.is_whitespace()) && chars.get(k + 1).is_none_or(|&(_, c)| !c.is_alphanumeric())
        };
        let starts = single(i) && (i == 0 || !chars[i - 1].1.is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        // chars[i], chars[i + 2], ... are the run's characters; chars[i + 1], ... its spaces.
        let mut n = 1;
        while chars.get(i + 2 * n - 1).is_some_and(|&(_, c)| c == ' ') && single(i + 2 * n) {
            n += 1;
        }
        let last = i + 2 * (n - 1);
        if n >= SPACED_RUN {
            out.extend((0..n - 1).map(|k| (chars[i + 2 * k + 1].0, chars[i + 2 * k + 1].0 + 1)));
        }
        // A run that starts later ends at the same character: it is no longer, and no better
        // bounded (this keeps the scan linear).
        i = last + 1;
    }
    out
}

/// Byte ranges of the line breaks (`\n`, `\r\n` or `\r`, one alone) that split a value and are
/// removed: see the module docs. `text` is one segment of the prompt (blank lines split segments).
fn line_break_joins(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&x| x == b'\n' || x == b'\r') {
        let start = i + off;
        let end = if b[start] == b'\r' && b.get(start + 1) == Some(&b'\n') { start + 2 } else { start + 1 };
        i = end;
        if start == 0 || end >= b.len() || matches!(b[start - 1], b'\n' | b'\r') || matches!(b[end], b'\n' | b'\r') {
            continue;
        }
        if splits_value(b, start, end) {
            out.push((start, end));
        }
    }
    out
}

fn splits_value(b: &[u8], start: usize, end: usize) -> bool {
    let is_blank = |x: u8| x == b' ' || x == b'\t';
    // The line before and the line after, and whether each holds a single token.
    let line_start = b[..start].iter().rposition(|&x| x == b'\n' || x == b'\r').map_or(0, |p| p + 1);
    let line_end = b[end..].iter().position(|&x| x == b'\n' || x == b'\r').map_or(b.len(), |p| end + p);
    let single = |line: &[u8]| {
        let t = line.trim_ascii();
        !t.is_empty() && !t.iter().any(|&x| x.is_ascii_whitespace())
    };
    if single(&b[line_start..start]) && single(&b[end..line_end]) {
        return false; // a list, a column, a PEM body: one value per line
    }
    // Numbers: a digit on each side, one separator or one blank beside the break allowed.
    let left_digit = match b[start - 1] {
        x if x.is_ascii_digit() => true,
        x if (is_number_separator(x) || is_blank(x) || x == b')') && start >= 2 => b[start - 2].is_ascii_digit(),
        _ => false,
    };
    let right_digit = match b[end] {
        x if x.is_ascii_digit() => true,
        x if is_number_separator(x) || is_blank(x) || x == b'(' => b.get(end + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    };
    if left_digit && right_digit && !(is_blank(b[start - 1]) && is_blank(b[end])) {
        return true;
    }
    let (l, r) = (b[start - 1], b[end]);
    // An e-mail address broken at its @.
    if (l == b'@' && r.is_ascii_alphanumeric()) || (r == b'@' && l.is_ascii_alphanumeric()) {
        return true;
    }
    // The token characters that touch the break on each side.
    let left = &b[b[..start].iter().rposition(|&x| !is_token_byte(x)).map_or(0, |p| p + 1)..start];
    let right = &b[end..b[end..].iter().position(|&x| !is_token_byte(x)).map_or(b.len(), |p| end + p)];
    // A long random-looking token: 8+ token characters before the break with letters and
    // digits, both cases or an underscore (`hf_SMsYnHWYigdiSxn`), 4+ after.
    let has = |s: &[u8], f: fn(&u8) -> bool| s.iter().any(f);
    let random = (has(left, u8::is_ascii_digit) && has(left, u8::is_ascii_alphabetic))
        || (has(left, u8::is_ascii_uppercase) && has(left, u8::is_ascii_lowercase))
        || left.contains(&b'_');
    if random && left.len() >= 8 && right.len() >= 4 {
        return true;
    }
    // Capitals, then digits: an id broken where its letters end (`GENCY⏎9704C`).
    l.is_ascii_uppercase()
        && r.is_ascii_digit()
        && left.len() >= 3
        && right.len() >= 2
        && left.iter().all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
}

impl Normalized {
    /// Normalize `text` (one segment of a prompt: blank lines split segments). Linear in its
    /// length; ASCII text without a line break inside a value is not copied through the
    /// per-character path.
    ///
    /// When a line break or spacing splits a value, the normalized text holds the segment twice,
    /// separated by a blank line: once as typed, once with those line breaks and spaces removed.
    /// A value that merely ends a line ("SSN 123-45-6789⏎2 more") is found whole in the first
    /// copy, one split across lines in the second; both copies map back to the same original
    /// text, so the engine's merge keeps one finding per value. No match or context word reaches
    /// across a blank line, so the copies never see each other.
    pub fn new(text: &str) -> Self {
        let main = Self::build(text, &[]);
        let joins = value_joins(text);
        if joins.is_empty() {
            return main;
        }
        let joined = Self::build(text, &joins);
        let mut pieces =
            if main.is_identity() { text.char_indices().map(|(p, c)| (p, p, p + c.len_utf8())).collect() } else { main.pieces };
        let mut out = main.text;
        pieces.push((out.len(), text.len(), text.len()));
        out.push_str("\n\n");
        let base = out.len();
        pieces.extend(joined.pieces.iter().map(|&(o, s, e)| (o + base, s, e)));
        out.push_str(&joined.text);
        Normalized { text: out, pieces, original_len: text.len(), typed_len: base - 2 }
    }

    fn build(text: &str, joins: &[(usize, usize)]) -> Self {
        if text.is_ascii() && joins.is_empty() {
            return Normalized { text: text.to_string(), pieces: Vec::new(), original_len: text.len(), typed_len: text.len() };
        }
        let homoglyphs = if text.is_ascii() { Vec::new() } else { homoglyph_tokens(text) };
        let (mut next_join, mut next_token) = (joins.iter().peekable(), homoglyphs.iter().peekable());
        let mut out = String::with_capacity(text.len());
        let mut pieces = Vec::with_capacity(text.len() / 2);
        let mut changed = false;
        for (pos, c) in text.char_indices() {
            let end = pos + c.len_utf8();
            while next_join.peek().is_some_and(|j| j.1 <= pos) {
                next_join.next();
            }
            if is_invisible(c) || next_join.peek().is_some_and(|j| j.0 <= pos) {
                changed = true;
                continue;
            }
            while next_token.peek().is_some_and(|t| t.1 <= pos) {
                next_token.next();
            }
            pieces.push((out.len(), pos, end));
            let twin = next_token.peek().filter(|t| t.0 <= pos).and_then(|_| latin_twin(c));
            match twin.map(String::from).or_else(|| fold(c)) {
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
        let typed_len = out.len();
        Normalized { text: out, pieces, original_len: text.len(), typed_len }
    }

    /// The normalized text recognizers see.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The length of the text as typed (normalized) at the start of [`Normalized::text`]; what
    /// follows it, if anything, is the copy with line breaks inside values joined.
    pub fn typed_len(&self) -> usize {
        self.typed_len
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
