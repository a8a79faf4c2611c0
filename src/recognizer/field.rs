//! Labelled fields: a value after a label that names its type (`Phone: 555-201-3344`,
//! `"first_name": "Jörg"`, `Health plan ID 884-221-0193-01`), or in a table column whose header
//! names it.
//!
//! Documents people paste (forms, letters, clinical notes, exports) say what a value is. A label
//! makes a value of unusual format that type (a health plan id no pattern knows), and its type wins
//! over a coincidental checksum match: `Phone: 555-201-3344` is a phone number although its digits
//! pass the NHS check. The labels, the entity each names and the shape its value must have live in
//! `config/recognizers.toml` (`[fields]`); the shapes (`name`, `date`, `phone`, `id`, `line`) are
//! here.
//!
//! Layouts: `key: value`, `key = value`, `key #: value`, `"key": "value"` (JSON, YAML), a label
//! alone on its line with the value on the next, columns (`Name<TAB>value`, two spaces or more),
//! and for values with digits a single space (`NPI 1245319599`). A label counts only at the start
//! of a field (line start, after `|`, `,`, `;`, `{`, `[`, `(`, a tab or two spaces, or right after
//! the previous field's value): "the phone 555..." in prose is left to the patterns.
//!
//! Tables: a Markdown, CSV/TSV or semicolon-separated header row in which a cell is a label types
//! that column; each cell below it that has the column's shape is a finding.
//! In HTML, a row of `<th>` cells types the `<td>` cells of the rows under it.
//!
//! # Linear time
//!
//! One Aho-Corasick pass finds the labels; from each, at most [`LOOK_BACK`] bytes are read back and
//! the configured `max_value_bytes` (plus a label suffix) forward. Tables split each line once.
//! Work is therefore bounded by a constant per byte of input whatever the text (a test counts it
//! on hostile input).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::finding::{Confirmation, Finding, Source, SourceKind};
use crate::text::is_word_boundary;

/// How far back from a label the start of its field is looked for (bullets, quotes, indentation).
pub(crate) const LOOK_BACK: usize = 16;

/// Words that may follow a label before its separator: `License #:`, `Account No.`, `Policy number`.
const SUFFIXES: &[&str] =
    &["#", "no.", "no", "nr.", "nr", "n°", "nº", "n.", "num", "number", "nummer", "numéro", "número", "numero", "id"];

/// `[fields]` of `config/recognizers.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConfig {
    /// Whether labelled fields and typed table columns are reported at all.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The longest value read after a label, in bytes.
    pub max_value_bytes: usize,
    /// Values that fill a field without being data (`N/A`, `unknown`) or are a type in code
    /// (`name: String`); compared case-insensitively with the whole value.
    #[serde(default)]
    pub not_values: Vec<String>,
    /// The field rules.
    pub rule: Vec<FieldRule>,
}

fn yes() -> bool {
    true
}

/// One field rule: labels, the entity they name and the shape of the value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// Stable id shown as the finding's source, `field.<name>`.
    pub id: String,
    /// The entity a value after one of the labels is.
    pub entity: String,
    /// The value's shape.
    pub value: ValueShape,
    /// A built-in recognizer whose validator must not reject the value (a labelled SSN in area
    /// 666, a DEA number whose check digit fails, a birth date in the future are not reported).
    #[serde(default)]
    pub check: Option<String>,
    /// The labels (any language; ASCII letters match case-insensitively; a label of several words
    /// also matches written `snake_case`, `kebab-case` and `camelCase`).
    pub labels: Vec<String>,
}

/// What a labelled value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueShape {
    /// A person's name: up to five capitalized words (particles such as `van`, `de` inside).
    Name,
    /// A date: digits and separators, or a day, a month name and a year.
    Date,
    /// A phone number: 7 to 15 digits with `+ ( ) - . /` and spaces.
    Phone,
    /// An identifier: letters and digits with `- . /` inside, at least four characters and two
    /// digits (a following word joins it if it has a digit: `ABC 123`).
    Id,
    /// The rest of the line (an address).
    Line,
    /// An e-mail address: one word with an `@` and a dot after it. Its label matters as the end
    /// of the value before it ("Surname: Bellandi Email Address: ..."): the address itself is
    /// the e-mail pattern's.
    Email,
}

impl ValueShape {
    /// Whether values of this shape carry digits (identifiers, phone numbers, dates): the only
    /// ones a label in prose or after a copula gives a type to ("The file name is Report").
    fn has_digits(self) -> bool {
        matches!(self, ValueShape::Id | ValueShape::Phone | ValueShape::Date)
    }

    /// Whether a value of this shape needs an explicit separator after its label (`:`, `=`, a
    /// tab, a column gap): a word after a name label in prose ("name the file") is not a field.
    fn needs_separator(self) -> bool {
        matches!(self, ValueShape::Name | ValueShape::Line | ValueShape::Email)
    }
}

struct Rule {
    id: String,
    entity: String,
    shape: ValueShape,
    check: Option<fn(&str) -> super::Validation>,
}

/// The field rules compiled: one automaton over every label variant.
pub(crate) struct FieldRules {
    labels: AhoCorasick,
    /// Rule of each automaton pattern.
    label_rule: Vec<usize>,
    /// Lower-cased label variant → rule, for table headers.
    by_label: HashMap<String, usize>,
    rules: Vec<Rule>,
    not_values: Vec<String>,
    max_value: usize,
}

/// How a label stands in the text, which decides what may follow it and how sure the finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// Where a field starts (see [`starts_field`]): any layout of the module's list.
    Field,
    /// After one or two words that qualify it, at a line's start or a sentence's end
    /// ("Insulin pump serial: ...", "Insured's address: ..."): a colon must follow.
    Qualified,
    /// Anywhere else, in prose: "my account number is 4471-220931", "device serial: SN-..."; only
    /// values with digits (identifiers, phone numbers, dates), after a colon or a copula. (After
    /// a copula that holds for qualified labels too: "The file name is Report" is no name.)
    Prose,
}

impl Evidence {
    /// A label where a field starts says what its value is; a qualified label or one in prose is
    /// the writer's hint, which a value's own checksum outranks ("My wallet address: bc1..." is
    /// CRYPTO; "Mon numéro de sécurité sociale : 1 85..." a French NIR).
    fn confirmation(self) -> (Option<Confirmation>, f32) {
        match self {
            Evidence::Field => (Some(Confirmation::Label), 1.0),
            Evidence::Qualified | Evidence::Prose => (None, WEAK_LABEL_SCORE),
        }
    }
}

/// The score of a value after a qualified label or a label in prose (unconfirmed: any
/// checksum-confirmed finding over the same text wins).
pub(crate) const WEAK_LABEL_SCORE: f32 = 0.85;

/// Copulas between a label in prose and its value: "my account number is ...".
const COPULAS: &[&str] = &["is", "was", "ist", "war", "est", "es", "è", "è il", "is het"];

/// A label found where a field starts.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    rule: usize,
}

impl FieldRules {
    /// Compile `config`'s rules, or `None` when they are off or there are none.
    pub(crate) fn new(config: &FieldConfig) -> Option<FieldRules> {
        if !config.enabled || config.rule.is_empty() {
            return None;
        }
        let mut variants: Vec<String> = Vec::new();
        let mut label_rule = Vec::new();
        let mut by_label = HashMap::new();
        for (i, r) in config.rule.iter().enumerate() {
            for label in &r.labels {
                let label = label.trim().to_lowercase();
                let mut forms = vec![label.clone()];
                if label.contains(' ') {
                    forms.extend([label.replace(' ', "_"), label.replace(' ', "-"), label.replace(' ', "")]);
                }
                for form in forms {
                    if form.is_empty() || by_label.contains_key(&form) {
                        continue;
                    }
                    by_label.insert(form.clone(), i);
                    variants.push(form);
                    label_rule.push(i);
                }
            }
        }
        let labels = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&variants)
            .expect("field labels build an automaton (checked by a test)");
        Some(FieldRules {
            labels,
            label_rule,
            by_label,
            rules: config
                .rule
                .iter()
                .map(|r| Rule {
                    id: r.id.clone(),
                    entity: r.entity.clone(),
                    shape: r.value,
                    check: r.check.as_ref().and_then(|id| {
                        let def = super::registry::all().iter().find(|d| d.id == id);
                        def.unwrap_or_else(|| panic!("[fields] rule {} checks with unknown recognizer {id}", r.id)).validate
                    }),
                })
                .collect(),
            not_values: config.not_values.iter().map(|v| v.to_lowercase()).collect(),
            max_value: config.max_value_bytes,
        })
    }

    /// The labelled values and typed table cells of `text`.
    #[cfg(test)]
    pub(crate) fn run(&self, text: &str) -> Vec<Finding> {
        self.run_counting(text).0
    }

    /// As [`FieldRules::run`], plus the number of bytes read beyond the automaton's one pass (the
    /// linear-time test's measure).
    pub(crate) fn run_counting(&self, text: &str) -> (Vec<Finding>, usize) {
        let mut work = 0;
        let mut out = Vec::new();
        let hits: Vec<Hit> = self
            .labels
            .find_iter(text)
            .filter(|m| is_word_boundary(text, m.start()) && is_word_boundary(text, m.end()))
            .map(|m| Hit { start: m.start(), end: m.end(), rule: self.label_rule[m.pattern().as_usize()] })
            .collect();
        let mut previous_end = usize::MAX;
        for (k, hit) in hits.iter().enumerate() {
            if previous_end != usize::MAX && hit.start < previous_end {
                continue; // a label's word inside the last value: "Address: Calle Mayor 5"
            }
            let next_label = hits.get(k + 1).map_or(usize::MAX, |h| h.start);
            let evidence = if starts_field(text, hit.start, previous_end, &mut work) {
                Evidence::Field
            } else if starts_qualified_field(text, hit.start, &mut work) {
                Evidence::Qualified
            } else {
                Evidence::Prose
            };
            if let Some((start, end)) = self.value_after(text, hit, next_label, &hits[k + 1..], evidence, &mut work) {
                let rule = &self.rules[hit.rule];
                if !rule.passes_check(&text[start..end]) {
                    continue;
                }
                let label = &text[hit.start..hit.end];
                let why = match evidence {
                    Evidence::Field => format!("label \"{label}\""),
                    Evidence::Qualified => format!("qualified label \"{label}\""),
                    Evidence::Prose => format!("label \"{label}\" in a sentence"),
                };
                let mut f = finding(rule, text, start, end, why);
                (f.confirmed, f.score) = evidence.confirmation();
                out.push(f);
                previous_end = end;
            }
        }
        self.tables(text, &mut out, &mut work);
        self.html_tables(text, &mut out, &mut work);
        (out, work)
    }

    /// Byte ranges of the labels in `text`: a label where a field starts with `:` after it (spaces
    /// aside), and the cells of a header row that name a type. A name the NER model finds inside
    /// one is the label's own word ("Bill" of "Bill to:", "dob" of a CSV header), not a value.
    /// One pass of the automaton and one over the lines: linear, as [`FieldRules::run`].
    pub(crate) fn label_ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let mut work = 0;
        let mut out: Vec<(usize, usize)> = self
            .labels
            .find_iter(text)
            .filter(|m| is_word_boundary(text, m.start()) && is_word_boundary(text, m.end()))
            .filter(|m| text[m.end()..].trim_start_matches([' ', '\t']).starts_with(':'))
            .filter(|m| starts_field(text, m.start(), usize::MAX, &mut work))
            .map(|m| (m.start(), m.end()))
            .collect();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if let Some((delim, _, typed)) = self.header(line) {
                let cells = split_cells(line, delim);
                for (col, _) in typed {
                    let (s, e) = trimmed(line, cells[col].0, cells[col].1);
                    out.push((start + s, start + e));
                }
            }
        }
        out
    }

    /// The span of the value that follows the label `hit`, if one of its rule's shape does.
    fn value_after(
        &self,
        text: &str,
        hit: &Hit,
        next_label: usize,
        later: &[Hit],
        evidence: Evidence,
        work: &mut usize,
    ) -> Option<(usize, usize)> {
        let shape = self.rules[hit.rule].shape;
        // In prose, only values that carry digits: "the name is Report" is no name.
        if evidence == Evidence::Prose && !shape.has_digits() {
            return None;
        }
        let bytes = text.as_bytes();
        let mut limit = (hit.end + self.max_value + 24).min(text.len());
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let mut i = hit.end;
        // A suffix: `License #`, `Account No.`.
        let skip_spaces = |mut i: usize| {
            while i < limit && bytes[i] == b' ' {
                i += 1;
            }
            i
        };
        let j = skip_spaces(i);
        let rest = &text[j..limit];
        if let Some(s) = SUFFIXES.iter().find(|s| {
            rest.get(..s.len()).is_some_and(|r| r.eq_ignore_ascii_case(s))
                && (!s.ends_with(|c: char| c.is_alphabetic()) || is_word_boundary(text, j + s.len()))
        }) {
            i = j + s.len();
        }
        // A quoted key's closing quote.
        if i < limit && matches!(bytes[i], b'"' | b'\'') {
            i += 1;
        }
        // The separator.
        let (mut spaces, mut tabs) = (0, 0);
        while i < limit && matches!(bytes[i], b' ' | b'\t') {
            if bytes[i] == b'\t' {
                tabs += 1;
            } else {
                spaces += 1;
            }
            i += 1;
        }
        let mut explicit = tabs > 0 || spaces >= 2;
        // Dot leaders of a printed form: "Full name ........ Ana Ruiz".
        let leader = text[i..limit].bytes().take_while(|&b| matches!(b, b'.' | b' ')).filter(|&b| b == b'.').count();
        if leader >= 3 && evidence == Evidence::Field {
            while i < limit && matches!(bytes[i], b'.' | b' ') {
                i += 1;
            }
            explicit = true;
        }
        let colon = text[i..limit].chars().next().filter(|c| matches!(c, ':' | '=' | '：'));
        if evidence != Evidence::Field {
            // A weak label needs a colon; in prose a copula will do: "my account number is ...".
            let copula = (spaces == 1 && tabs == 0)
                .then(|| {
                    COPULAS.iter().find_map(|c| {
                        let rest = text[i..limit].get(..c.len()).filter(|r| r.eq_ignore_ascii_case(c))?;
                        text[i + rest.len()..limit].starts_with(' ').then_some(rest.len() + 1)
                    })
                })
                .flatten();
            match (colon, copula) {
                (Some(_), _) => {}
                (None, Some(n)) if shape.has_digits() => {
                    i += n;
                    *work += i - hit.end;
                    let line_end = text[i..limit].find(['\n', '\r']).map_or(limit, |p| i + p);
                    let end = self.shape_end(shape, text, i, line_end.min(next_label), later, work)?;
                    return (strong_enough(shape, &text[i..end]) && self.is_value(&text[i..end])).then_some((i, end));
                }
                (None, _) => return None,
            }
        }
        if let Some(c) = colon {
            explicit = true;
            i += c.len_utf8();
            while i < limit && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
        }
        // A label alone on its line, or a colon at its end: the value is on the next line.
        if i < limit && matches!(bytes[i], b'\r' | b'\n') && (colon.is_some() || line_start(text, hit.start)) {
            explicit = true;
            if bytes[i] == b'\r' {
                i += 1;
            }
            if i < limit && bytes[i] == b'\n' {
                i += 1;
            }
            while i < limit && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
        } else if !explicit && spaces != 1 {
            return None;
        }
        if !explicit && shape.needs_separator() {
            return None;
        }
        *work += i - hit.end;
        if i >= limit {
            return None;
        }
        // A quoted value: the shape must fill the quotes.
        if matches!(bytes[i], b'"' | b'\'') {
            let quote = bytes[i];
            let close = bytes[i + 1..limit].iter().position(|&b| b == quote || b == b'\n')? + i + 1;
            *work += close - i;
            if bytes[close] != quote {
                return None;
            }
            let (start, end) = trimmed(text, i + 1, close);
            let e = self.shape_end(shape, text, start, end, &[], work)?;
            return (e == end && self.is_value(&text[start..end])).then_some((start, end));
        }
        // A title is not part of the name: "Prescriber: Dr. Ana Ruiz" reports "Ana Ruiz".
        if shape == ValueShape::Name {
            if let Some(t) = TITLES.iter().find(|t| text[i..limit].starts_with(*t) && text[i + t.len()..limit].starts_with(' ')) {
                i += t.len() + 1;
            }
        }
        let line_end = text[i..limit].find(['\n', '\r']).map_or(limit, |p| i + p);
        // An address holds words that are its own labels ("Address: Calle Mayor 5", "221 Baker
        // Street"): only another rule's label ends it.
        // Hits are in text order and a value is at most `max_value` bytes: only the hits inside
        // that window are read (all of them would make a text of many address labels quadratic).
        let next_label = if shape == ValueShape::Line {
            let window = later.iter().take_while(|h| h.start < i + self.max_value);
            let mut read = 0;
            let next = window.inspect(|_| read += 1).find(|h| h.start >= i && h.rule != hit.rule);
            *work += read;
            next.map_or(usize::MAX, |h| h.start)
        } else {
            next_label
        };
        let end = self.shape_end(shape, text, i, line_end.min(next_label), later, work)?;
        if !self.is_value(&text[i..end]) || looks_like_code_after(text, end, line_end, next_label) {
            return None;
        }
        if evidence != Evidence::Field && !strong_enough(shape, &text[i..end]) {
            return None;
        }
        // An address goes on over a place line: "Address: 12 Main St\nSpringfield, IL 62701".
        let mut end = end;
        if shape == ValueShape::Line {
            // At most two: "Flat 3\nLee Tunnel\nKarlfort".
            for _ in 0..2 {
                // Only blanks may follow the value on its line (read up to the first other byte).
                let blanks = text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
                *work += blanks;
                let eol = end + blanks;
                if !text[eol..].starts_with(['\n', '\r']) {
                    break;
                }
                let Some(e) = place_line_after(text, eol, later, work) else { break };
                end = e;
            }
        }
        Some((i, end))
    }

    /// Not a filler or a type name.
    fn is_value(&self, value: &str) -> bool {
        let v = value.trim().to_lowercase();
        !v.is_empty() && !self.not_values.contains(&v)
    }

    /// Where a value of `shape` starting at `from` ends, reading no further than `limit` (and
    /// stopping before any of the `later` labels), if one starts there.
    fn shape_end(
        &self,
        shape: ValueShape,
        text: &str,
        from: usize,
        limit: usize,
        later: &[Hit],
        work: &mut usize,
    ) -> Option<usize> {
        let limit = limit.min(from + self.max_value).min(text.len());
        let mut limit = limit;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let region = &text[from..limit];
        *work += region.len();
        let is_label_at = |at: usize| label_at(later, at);
        let end = match shape {
            ValueShape::Name => name_end(region, from, &is_label_at),
            ValueShape::Date => date_end(region),
            ValueShape::Phone => phone_end(region),
            ValueShape::Id => id_end(region),
            ValueShape::Line => line_end(region),
            ValueShape::Email => email_end(region),
        }?;
        (end > 0).then_some(from + end)
    }

    /// Typed table columns: a header row with a label cell, then the rows under it.
    fn tables(&self, text: &str, out: &mut Vec<Finding>, work: &mut usize) {
        let mut header: Option<Header> = None;
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            *work += line.len();
            if let Some((delim, n, typed)) = &header {
                let cells = split_cells(line, *delim);
                if cells.len() == *n {
                    if cells.iter().all(|&(s, e)| line[s..e].trim().chars().all(|c| matches!(c, '-' | ':' | ' '))) {
                        continue; // Markdown's |---|---| row
                    }
                    for &(col, rule) in typed {
                        let (s, e) = cells[col];
                        let (s, e) = trimmed(line, s, e);
                        let (s, e) = unquoted(line, s, e);
                        if s >= e {
                            continue;
                        }
                        let (gs, ge) = (start + s, start + e);
                        let shape = self.rules[rule].shape;
                        let label = &self.rules[rule];
                        if self.shape_end(shape, text, gs, ge, &[], work) == Some(ge)
                            && self.is_value(&text[gs..ge])
                            && label.passes_check(&text[gs..ge])
                        {
                            out.push(finding(label, text, gs, ge, "table column".to_string()));
                        }
                    }
                    continue;
                }
            }
            header = self.header(line);
        }
    }

    /// A header row: cells split by `|`, a tab, `,` or `;`, at least one of them a label; or, in
    /// column-aligned text, by gaps of two spaces or more (then every cell is a short heading
    /// and the line has no colon: "PROVIDER            NPI         PHONE").
    fn header(&self, line: &str) -> Option<Header> {
        let delim = [b'|', b'\t', b',', b';']
            .into_iter()
            .find(|&d| line.as_bytes().contains(&d))
            .or_else(|| (line.trim().contains("  ") && !line.contains(':')).then_some(GAP))?;
        let cells = split_cells(line, delim);
        if cells.len() < 2 || cells.len() > 64 {
            return None;
        }
        if delim == GAP && cells.iter().any(|&(s, e)| e - s > 24 || line[s..e].chars().any(|c| c.is_ascii_digit())) {
            return None;
        }
        let mut typed = Vec::new();
        for (col, &(s, e)) in cells.iter().enumerate() {
            let (s, e) = trimmed(line, s, e);
            let (s, e) = unquoted(line, s, e);
            let cell = &line[s..e];
            if cell.len() > 48 {
                return None;
            }
            if let Some(rule) = self.header_cell(cell) {
                typed.push((col, rule));
            }
        }
        (!typed.is_empty()).then_some((delim, cells.len(), typed))
    }

    /// The rule a header cell names, if it is a label (a `#`, `No.`... suffix aside).
    fn header_cell(&self, cell: &str) -> Option<usize> {
        if cell.len() > 48 {
            return None;
        }
        let mut key = cell.trim_end_matches([':', '#', ' ']).to_lowercase();
        for suffix in SUFFIXES {
            if let Some(k) = key.strip_suffix(suffix).filter(|k| k.ends_with([' ', '_', '-'])) {
                key = k.trim_end_matches([' ', '_', '-']).to_string();
                break;
            }
        }
        self.by_label.get(&key).copied()
    }

    /// HTML tables: a row of `<th>` cells types the columns of the `<td>` cells of the rows after
    /// it, up to `</table>`. A cell's text is what stands between its tag and the next `<`. Each
    /// `<` is read once and a tag at most [`MAX_TAG`] bytes, so this is linear too.
    fn html_tables(&self, text: &str, out: &mut Vec<Finding>, work: &mut usize) {
        const MAX_TAG: usize = 64;
        let (mut header, mut row_header): (Vec<Option<usize>>, Vec<Option<usize>>) = (Vec::new(), Vec::new());
        let (mut col, mut row_has_th) = (0, false);
        let mut at = 0;
        while let Some(p) = text[at..].find('<') {
            let lt = at + p;
            let mut window = (lt + MAX_TAG).min(text.len());
            while !text.is_char_boundary(window) {
                window -= 1;
            }
            *work += window - lt;
            let Some(gt) = text[lt..window].find('>').map(|g| lt + g) else {
                at = lt + 1;
                continue;
            };
            let tag = text[lt + 1..gt].split(char::is_whitespace).next().unwrap_or("").trim_end_matches('/');
            let tag = tag.to_ascii_lowercase();
            at = gt + 1;
            match tag.as_str() {
                "tr" => {
                    col = 0;
                    row_has_th = false;
                    row_header.clear();
                }
                "/tr" if row_has_th => header = std::mem::take(&mut row_header),
                "table" | "/table" => header.clear(),
                "th" | "td" => {
                    let end = text[at..].find('<').map_or(text.len(), |e| at + e);
                    let (s, e) = trimmed(text, at, end);
                    if tag == "th" {
                        row_has_th = true;
                        row_header.push(self.header_cell(&text[s..e]));
                    } else if let Some(&Some(rule)) = header.get(col) {
                        let r = &self.rules[rule];
                        if s < e
                            && self.shape_end(r.shape, text, s, e, &[], work) == Some(e)
                            && self.is_value(&text[s..e])
                            && r.passes_check(&text[s..e])
                        {
                            out.push(finding(r, text, s, e, "table column".to_string()));
                        }
                    }
                    col += 1;
                }
                _ => {}
            }
        }
    }
}

/// A table's header row: its delimiter, its number of cells and the typed columns (column, rule).
type Header = (u8, usize, Vec<(usize, usize)>);

impl Rule {
    fn passes_check(&self, value: &str) -> bool {
        self.check.is_none_or(|v| v(value) != super::Validation::Invalid)
    }
}

fn finding(rule: &Rule, text: &str, start: usize, end: usize, why: String) -> Finding {
    Finding {
        entity: rule.entity.clone(),
        start,
        end,
        score: 1.0,
        confirmed: Some(Confirmation::Label),
        source: Source { kind: SourceKind::Rule, name: rule.id.clone(), pattern: Some(why.clone()) },
        explanation: vec![format!("after the {why}")],
        text: text[start..end].to_string(),
    }
}

/// Whether the label at `at` starts a field: after optional bullets, quotes and indentation, the
/// line starts, a cell or list separator comes, a column gap (a tab, two spaces), or the previous
/// field's value ended.
fn starts_field(text: &str, at: usize, previous_end: usize, work: &mut usize) -> bool {
    let bytes = text.as_bytes();
    let mut i = at;
    let (mut spaces, mut tabs) = (0, 0);
    while i > 0 && at - i < LOOK_BACK {
        match bytes[i - 1] {
            b' ' => spaces += 1,
            b'\t' => tabs += 1,
            b'*' | b'_' | b'-' | b'"' | b'\'' | b'>' | b'#' | b'`' => {}
            _ => break,
        }
        i -= 1;
    }
    *work += at - i;
    if at - i >= LOOK_BACK && i > 0 {
        return true; // a wide gap: a form's columns
    }
    if i == previous_end || tabs > 0 || spaces >= 2 {
        return true;
    }
    i == 0
        || matches!(bytes[i - 1], b'\n' | b'\r' | b'|' | b',' | b';' | b'{' | b'[' | b'(')
        || (bytes[i - 1] == b'/' && spaces > 0)
        || (matches!(bytes[i - 1], b'.' | b'?' | b'!') && spaces > 0) // after a sentence: "get 500. Customer number: ..."
        || text[..i].ends_with('•')
        || tag_before(head_before_blanks(text, at, work), work) // <p>Member ID: ..., <br>Email: ...
}

/// Whether one or two words before the label at `at` start where a field would: "Insulin pump
/// serial:", "Patient's address:", "uneventful. Pacemaker device serial number:". The words are
/// letters, apostrophes and hyphens, one space apart; at most [`LOOK_BACK`] bytes are read.
fn starts_qualified_field(text: &str, at: usize, work: &mut usize) -> bool {
    let bytes = text.as_bytes();
    let word_byte = |b: u8| b.is_ascii_alphabetic() || b >= 0x80 || matches!(b, b'\'' | b'-');
    if at < 2 || bytes[at - 1] != b' ' {
        return false;
    }
    // `i` is the space after the word read next.
    let (mut i, mut words) = (at - 1, 0);
    loop {
        let mut j = i;
        while j > 0 && word_byte(bytes[j - 1]) && i - j < LOOK_BACK {
            j -= 1;
        }
        *work += i - j + 1;
        if j == i || (j > 0 && word_byte(bytes[j - 1])) {
            return false; // no word, or one longer than LOOK_BACK
        }
        words += 1;
        let head = head_before_blanks(text, j, work);
        if line_start(text, j) || sentence_end_before(head, j) || tag_before(head, work) {
            return true;
        }
        if words == 2 || j < 2 || bytes[j - 1] != b' ' {
            return false;
        }
        i = j - 1;
    }
}

/// Words of a place's name that are not capitalized: "Santa Cruz de Tenerife", "Frankfurt am Main".
const PLACE_PARTICLES: &[&str] =
    &["de", "del", "de la", "la", "le", "les", "am", "an", "der", "im", "sur", "en", "di", "upon", "on", "y", "d'", "l'"];

/// The end of the line after an address line at `end`, when that line is a place: at most six
/// words and 48 bytes, each capitalized, a number or postcode, or a particle ("Springfield, IL
/// 62701", "75001 Paris", "Santa Cruz de Tenerife"), no colon and no label at its start.
fn place_line_after(text: &str, end: usize, later: &[Hit], work: &mut usize) -> Option<usize> {
    let start = end + if text[end..].starts_with("\r\n") { 2 } else { usize::from(text[end..].starts_with('\n')) };
    if start == end {
        return None;
    }
    let rest = &text[start..];
    // At most 49 bytes are read: a longer line is no place line.
    let len = match rest.bytes().take(49).position(|b| b == b'\n' || b == b'\r') {
        Some(p) => p,
        None if rest.len() <= 48 => rest.len(),
        None => return None,
    };
    *work += len;
    let line = rest[..len].trim_end();
    if line.is_empty() || line.len() > 48 || line.contains([':', '@', '|', '\t', '?', '!', '=']) || line.starts_with(' ') {
        return None;
    }
    if label_at(later, start) {
        return None;
    }
    let words: Vec<&str> = line.split(' ').map(|w| w.trim_matches([',', '.', '(', ')'])).filter(|w| !w.is_empty()).collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let code = |w: &str| w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let ok = (1..=6).contains(&words.len())
        && words.iter().any(|w| capital(w))
        && words.iter().all(|w| capital(w) || code(w) || PLACE_PARTICLES.contains(&w.to_lowercase().as_str()));
    ok.then_some(start + line.len())
}

/// Whether one of the first four `later` labels starts at `at` (a value stops before it).
fn label_at(later: &[Hit], at: usize) -> bool {
    later.iter().take(4).any(|h| h.start == at)
}

/// `text` up to `at` without the spaces right before `at` (the bytes skipped are counted).
fn head_before_blanks<'t>(text: &'t str, at: usize, work: &mut usize) -> &'t str {
    let head = text[..at].trim_end_matches(' ');
    *work += at - head.len();
    head
}

/// Whether a sentence ends right before `at`, given the text before it without its spaces
/// ([`head_before_blanks`]): ".", "?" or "!", then at least one space.
fn sentence_end_before(head: &str, at: usize) -> bool {
    head.len() < at && head.ends_with(['.', '?', '!'])
}

/// Whether an HTML tag ends the text before a label, spaces aside ([`head_before_blanks`]):
/// `<p>Member ID: ...`, `<br>Email:`.
fn tag_before(head: &str, work: &mut usize) -> bool {
    if !head.ends_with('>') {
        return false;
    }
    let from = head.len().saturating_sub(64);
    let window = &head.as_bytes()[from..head.len() - 1];
    *work += window.len();
    let Some(lt) = window.iter().rposition(|&b| b == b'<') else { return false };
    let tag = &window[lt + 1..];
    !tag.contains(&b'>') && !tag.contains(&b'\n') && tag.first().is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/')
}

/// A value after a weak label must look like data on its own: an identifier of six characters or
/// more with three digits ("12mm" after "plate is" is no plate), an address line with a digit.
fn strong_enough(shape: ValueShape, value: &str) -> bool {
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    match shape {
        ValueShape::Id => value.len() >= 6 && digits >= 3,
        ValueShape::Line => digits >= 1,
        _ => true,
    }
}

/// Whether `at` begins its line (indentation and bullets aside, within [`LOOK_BACK`] bytes).
fn line_start(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut i = at;
    while i > 0 && at - i < LOOK_BACK && matches!(bytes[i - 1], b' ' | b'\t' | b'*' | b'-' | b'#') {
        i -= 1;
    }
    i == 0 || bytes[i - 1] == b'\n'
}

/// A value followed by code punctuation is a type or an expression, not data: `name: String,` at
/// the end of a line (a struct field), `name: Option<String>`, `dob: Date(...)`.
fn looks_like_code_after(text: &str, end: usize, line_end: usize, next_label: usize) -> bool {
    let rest = &text[end..line_end.max(end)];
    if rest.starts_with(['<', '{', '[', '(', '=']) && !rest.starts_with("</") && !rest.starts_with("<br") {
        return true;
    }
    let t = rest.trim_start_matches([' ', '\t']);
    if let Some(after) = t.strip_prefix([',', ';']) {
        // A separator with nothing after it on the line ends a code line; one followed by another
        // field is a form.
        return after.trim().is_empty() && end + (rest.len() - t.len()) + 1 < next_label;
    }
    false
}

/// `s..e` of `text` without surrounding whitespace.
fn trimmed(text: &str, s: usize, e: usize) -> (usize, usize) {
    let cell = &text[s..e];
    let lead = cell.len() - cell.trim_start().len();
    let trail = cell.len() - cell.trim_end().len();
    if lead + trail >= cell.len() {
        return (s, s);
    }
    (s + lead, e - trail)
}

/// `s..e` without one pair of surrounding double quotes.
fn unquoted(text: &str, s: usize, e: usize) -> (usize, usize) {
    let cell = &text[s..e];
    if cell.len() >= 2 && cell.starts_with('"') && cell.ends_with('"') {
        (s + 1, e - 1)
    } else {
        (s, e)
    }
}

/// The "delimiter" of column-aligned text: a gap of two spaces or more.
const GAP: u8 = b' ';

/// Byte ranges of the cells of `line` split by `delim` (double quotes protect a delimiter, as in
/// CSV). A Markdown row's outer pipes make no empty first and last cell. With [`GAP`], cells are
/// what gaps of two spaces or more separate (indentation and trailing spaces aside).
fn split_cells(line: &str, delim: u8) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    if delim == GAP {
        let mut cells = Vec::new();
        let mut i = line.len() - line.trim_start().len();
        let end = line.trim_end().len();
        let mut cell = i;
        while i < end {
            if bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ') {
                cells.push((cell, i));
                while i < end && bytes[i] == b' ' {
                    i += 1;
                }
                cell = i;
            } else {
                i += 1;
            }
        }
        if cell < end {
            cells.push((cell, end));
        }
        return cells;
    }
    let (mut s, mut e) = (0, bytes.len());
    if delim == b'|' {
        let t = line.trim();
        let lead = line.len() - line.trim_start().len();
        s = lead;
        e = lead + t.len();
        if t.starts_with('|') {
            s += 1;
        }
        if t.ends_with('|') && e > s {
            e -= 1;
        }
    }
    let mut cells = Vec::new();
    let mut in_quotes = false;
    let mut cell = s;
    for (i, &b) in bytes.iter().enumerate().take(e).skip(s) {
        match b {
            b'"' if delim != b'|' => in_quotes = !in_quotes,
            _ if b == delim && !in_quotes => {
                cells.push((cell, i));
                cell = i + 1;
            }
            _ => {}
        }
    }
    cells.push((cell, e.max(cell)));
    cells
}

/// Titles before a name, left out of its span.
const TITLES: &[&str] = &[
    "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Prof.", "Prof", "Herr", "Frau", "M.", "Mme", "Mlle", "Sr.",
    "Sra.", "Sig.", "Sig.ra", "Dhr.", "Mevr.",
];

/// Particles inside a name that are not capitalized.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "la", "le", "du", "di", "da", "dos", "das", "bin", "ibn", "al", "ten",
    "ter", "zu", "y", "e",
];

/// End of a name at the start of `region` (at byte `from` of the text): capitalized words (or
/// ALL CAPS), particles inside, up to five words, none of them a label.
fn name_end(region: &str, from: usize, is_label_at: &dyn Fn(usize) -> bool) -> Option<usize> {
    let mut end = 0;
    let mut words = 0;
    let mut at = 0;
    while words < 5 {
        let rest = &region[at..];
        let len = rest.find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))).unwrap_or(rest.len());
        let word = rest[..len].trim_end_matches('-');
        if word.is_empty() || is_label_at(from + at) {
            break;
        }
        let first = word.chars().next()?;
        let capital = first.is_uppercase();
        let particle = !capital && PARTICLES.contains(&word.to_lowercase().as_str());
        if !(capital || particle && words > 0) {
            break;
        }
        if capital && !plausible_capitals(word) {
            return None;
        }
        words += 1;
        at += word.len();
        if capital {
            end = at;
        }
        // One space to the next word.
        if region[at..].starts_with(' ') && !region[at + 1..].starts_with(' ') {
            at += 1;
        } else {
            break;
        }
    }
    // A sentence's full stop is not part of the name; an initial's is ("J.").
    let name = region[..end].trim_end_matches('.');
    let end = if region[..end].ends_with('.') && name.rsplit(' ').next().is_some_and(|w| w.chars().count() == 1) {
        end
    } else {
        name.len()
    };
    (end > 0 && region[..end].chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(end)
}

/// Capitals only at the start of a word (or after `Mc`, `Mac`, an apostrophe or a hyphen), or all
/// of it: `UserInformation` is an identifier, `McDonald`, `O'Neil`, `Jean-Luc` and `DUPONT` names.
fn plausible_capitals(word: &str) -> bool {
    if word.chars().all(|c| !c.is_lowercase()) {
        return true;
    }
    let chars: Vec<char> = word.chars().collect();
    (1..chars.len()).all(|i| {
        !chars[i].is_uppercase()
            || matches!(chars[i - 1], '\'' | '’' | '-' | '.')
            || (i == 2 && chars[..2] == ['M', 'c'])
            || (i == 3 && chars[..3] == ['M', 'a', 'c'])
    })
}

/// Month names' first three letters (en, de, fr, es, it, nl).
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jän", "mär", "mai", "okt", "dez", "fév",
    "fev", "avr", "jui", "aoû", "aou", "déc", "ene", "abr", "ago", "dic", "gen", "mag", "giu", "lug", "set", "ott", "mei", "mrt",
];

/// End of a date: words of digits and `/ - .` or month names, up to four, with at least four
/// digits or a month name and a day.
fn date_end(region: &str) -> Option<usize> {
    let mut end = 0;
    let mut at = 0;
    let (mut digits, mut month) = (0, false);
    for _ in 0..4 {
        let rest = &region[at..];
        let len = rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '/' | '-' | '.'))).unwrap_or(rest.len());
        let word = rest[..len].trim_end_matches(['.', '-', '/']);
        if word.is_empty() {
            break;
        }
        let d = word.chars().filter(char::is_ascii_digit).count();
        let is_month = d == 0 && {
            let lower = word.to_lowercase();
            let three: String = lower.chars().take(3).collect();
            lower.chars().count() <= 10 && MONTHS.contains(&three.as_str())
        };
        let numeric = d > 0 && word.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'));
        let ordinal = d > 0 && ["st", "nd", "rd", "th"].iter().any(|s| word.ends_with(s)) && d <= 2;
        if !(numeric || is_month || ordinal) {
            break;
        }
        digits += d;
        month |= is_month;
        at += word.len();
        end = at;
        let sep = region[at..].len() - region[at..].trim_start_matches([',', ' ']).len();
        if sep == 0 || sep > 2 || region[at..].starts_with("  ") {
            break;
        }
        at += sep;
    }
    (digits >= 4 || (month && digits >= 1)).then_some(end)
}

/// End of a phone number: digits, spaces and `+ ( ) - . /`, 7 to 15 digits, no double space.
fn phone_end(region: &str) -> Option<usize> {
    let bytes = region.as_bytes();
    let mut end = 0;
    let mut digits = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                end = i + 1;
            }
            b')' => end = i + 1,
            b'+' | b'(' | b'-' | b'.' | b'/' => {}
            b' ' if bytes.get(i + 1).is_some_and(|&n| n != b' ') => {}
            _ => break,
        }
    }
    let first_ok = bytes.first().is_some_and(|&b| b.is_ascii_digit() || b == b'+' || b == b'(');
    (first_ok && (7..=15).contains(&digits)).then_some(end)
}

/// End of an identifier: a token of letters and digits with `- . /` inside; a following token
/// joins it (one space) if it has a digit. Four characters at least, two digits.
fn id_end(region: &str) -> Option<usize> {
    let bytes = region.as_bytes();
    let token = |at: usize| {
        let len = bytes[at..].iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'/')).count();
        let t = region[at..at + len].trim_end_matches(['-', '.', '/']);
        t.len()
    };
    let mut end = token(0);
    if end == 0 || !bytes[0].is_ascii_alphanumeric() {
        return None;
    }
    while bytes.get(end) == Some(&b' ') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) {
        let len = token(end + 1);
        if !region[end + 1..end + 1 + len].bytes().any(|b| b.is_ascii_digit()) {
            break;
        }
        end += 1 + len;
    }
    let value = &region[..end];
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    // The next character must not continue a word (a token cut by the length limit is no value).
    let cut = region[end..].chars().next().is_some_and(|c| c.is_alphanumeric());
    (value.len() >= 4 && digits >= 2 && !cut).then_some(end)
}

/// End of an e-mail address: a word with one `@`, something before it and a dot after it.
fn email_end(region: &str) -> Option<usize> {
    let end = region.find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '"' | '<' | '>')).unwrap_or(region.len());
    let value = region[..end].trim_end_matches(['.', ')']);
    let (local, domain) = value.split_once('@')?;
    let ok = !local.is_empty() && !domain.contains('@') && domain.contains('.') && !domain.ends_with('.');
    ok.then_some(value.len())
}

/// End of an address line: up to a column gap, a `|`, a tab or a quote, with a letter.
fn line_end(region: &str) -> Option<usize> {
    let stop = region.find(['|', '\t', '"']).unwrap_or(region.len());
    let stop = region[..stop].find("  ").unwrap_or(stop);
    let value = region[..stop].trim_end_matches([' ', ',', ';', '.']);
    (value.chars().any(char::is_alphabetic) && value.chars().count() >= 3).then_some(value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> FieldRules {
        FieldRules::new(&crate::recognizer::RecognizerConfig::embedded().fields).unwrap()
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = rules().run(text).into_iter().map(|f| (f.entity, f.text)).collect();
        f.sort();
        f
    }

    fn one(entity: &str, value: &str) -> Vec<(String, String)> {
        vec![(entity.to_string(), value.to_string())]
    }

    #[test]
    fn layouts() {
        assert_eq!(found("Surname: Bellandi"), one("PERSON", "Bellandi"));
        assert_eq!(found("Attending: Dr. Ana Ruiz"), one("PERSON", "Ana Ruiz"));
        assert_eq!(found("Vorname: Jörg"), one("PERSON", "Jörg"));
        assert_eq!(found("Nom : Dupont"), one("PERSON", "Dupont"));
        assert_eq!(found("{\"first_name\": \"Jörg\", \"city\": \"x\"}"), one("PERSON", "Jörg"));
        assert_eq!(found("last_name = \"de la Cruz\""), vec![], "a name starts with a capital");
        assert_eq!(found("last_name = \"Van der Berg\""), one("PERSON", "Van der Berg"));
        assert_eq!(found("Patient name\n  John Smith\n"), one("PERSON", "John Smith"));
        assert_eq!(found("Name:\tJohn A. Smith\tDOB: 03/14/1962"), {
            let mut v = vec![
                ("DATE_OF_BIRTH".to_string(), "03/14/1962".to_string()),
                ("PERSON".to_string(), "John A. Smith".to_string()),
            ];
            v.sort();
            v
        });
        assert_eq!(found("Health plan ID 884-221-0193-01"), one("HEALTH_INSURANCE_NUMBER", "884-221-0193-01"));
        assert_eq!(found("Driver license #: D1234-56789-01234"), one("US_DRIVER_LICENSE", "D1234-56789-01234"));
        assert_eq!(found("License plate: 7ABC123"), one("VEHICLE_ID", "7ABC123"));
        assert_eq!(found("Device serial: SN-44A9-77K2-1190"), one("DEVICE_ID", "SN-44A9-77K2-1190"));
    }

    #[test]
    fn code_is_not_a_form() {
        for code in [
            "    name: String,",
            "    pub name: &'static str,",
            "let name = \"scrim\";",
            "name: Option<String>",
            "    phone: String,",
            "name the file after the user",
            "serial: u64,",
            "Name: [PERSON_1]",
            "Name: UserInformation",
            "Name: N/A",
        ] {
            assert_eq!(found(code), vec![], "{code}");
        }
    }

    #[test]
    fn tables() {
        let md = "| Name | DOB | Phone |\n|---|---|---|\n| John Smith | 1962-03-14 | 555-201-3344 |\n| Ana Ruiz | 1970-01-02 | 555-201-3345 |\n";
        let f = found(md);
        assert_eq!(f.len(), 6, "{f:?}");
        assert!(f.contains(&("PHONE_NUMBER".into(), "555-201-3345".into())));
        let csv = "id,first_name,last_name,mrn\n1,Jörg,Müller,A-448812\n2,\"Anne-Marie\",\"O'Neil\",A-448813\n";
        let f = found(csv);
        assert!(f.contains(&("PERSON".into(), "Anne-Marie".into())), "{f:?}");
        assert!(f.contains(&("MEDICAL_RECORD_NUMBER".into(), "A-448813".into())), "{f:?}");
        assert_eq!(f.len(), 6, "{f:?}");
        let html = "<table><tr><th>Name</th><th>Phone</th><th>Notes</th></tr>\n<tr><td>Mary Major</td><td> 555-201-3344 </td><td>Jane</td></tr></table><td>Ana Ruiz</td>";
        let mut want =
            vec![("PERSON".to_string(), "Mary Major".to_string()), ("PHONE_NUMBER".to_string(), "555-201-3344".to_string())];
        want.sort();
        assert_eq!(found(html), want, "an untyped column and a cell after the table are not typed");
    }

    /// A label's reading window ended inside a character ("Vehicle registration: ..." after
    /// "jörg-peter.wulf@example.com" panicked in the document benchmark): every cut of a text full
    /// of multi-byte characters is read without a panic.
    #[test]
    fn windows_end_on_character_boundaries() {
        let rules = rules();
        let base = "Name: Jörg-Peter Müller\nE-mail: jörg-peter.wulf@example.com\nPlate: ÄÖÜ 5EPN301 中文字\nDOB: 1 März 1980 ß\n| Name | Phone |\n|---|---|\n| Zoë Ñúñez | ☎ 555-201-3344 |\n";
        for pad in 0..8 {
            let text = format!("{}{base}{base}", "é".repeat(pad));
            for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
                let _ = rules.run(&text[..cut]);
                let _ = rules.run(&text[cut..]);
            }
        }
    }

    /// Hostile input: the work beyond the automaton's pass stays under a constant per byte, by
    /// construction (the bound is the configured value length plus the look-back, whatever the
    /// text), at one megabyte as at four.
    #[test]
    fn work_is_linear_on_hostile_input() {
        let rules = rules();
        let per_byte = (rules.max_value + 24 + LOOK_BACK) as f64;
        for unit in [
            "Name: ",
            "Phone:",
            "| Name | Phone |\n",
            "Name: Aaaa Bbbb Cccc Dddd ",
            "DOB 1",
            "Name:\n",
            "a,b,name\n",
            "<tr><th>Name</th><td>Aaa Bbb</td>",
            "<<<<th",
            "<td>",
            // Many labels of one rule: an address reads only the labels within its reach.
            "Address: 1\n",
            "Address: 12 Main St\nSpringfield\n",
            "Address: 12 Main St  ",
            "Address: 12 Main St\n",
            "Insulin pump serial: ",
            "my account number is ",
            "PROVIDER  NPI\n",
            "<p>Phone: ",
            "Full name ..... ",
        ] {
            for mb in [1, 3] {
                let text = unit.repeat(mb * 1024 * 1024 / unit.len());
                let (_, work) = rules.run_counting(&text);
                assert!((work as f64) / (text.len() as f64) < per_byte, "{unit:?}: {work} for {} bytes", text.len());
            }
        }
    }
}
