//! What a text must contain before a pattern can match it, read from the pattern itself.
//!
//! Most recognizers cannot match most texts: an e-mail address needs an `@`, an SSN nine digits,
//! a GitHub token `ghp_`. Running 160 regexes over every prompt costs far more than asking once
//! which of them could match. For each pattern, [`Requirement::of`] walks the regex's syntax tree
//! and derives two necessary conditions:
//!
//! - the fewest ASCII digits any match contains (`[0-9]{3}-[0-9]{2}-[0-9]{4}` needs 9), and how
//!   many of them at least sit in one run of digits and separators (`0-9 .-/()+`): nine for the
//!   SSN, so "call 555 at 12:30 on 2019" with its 12 scattered digits rules it out;
//! - the longest run of ASCII word characters (`A-Za-z0-9_`) every match contains (17 for a VIN);
//! - a small set of literals one of which every match contains (`{"@"}`, `{"ghp_", "gho_"}`,
//!   `{"akia", "asia"}`), compared ASCII-case-insensitively.
//!
//! [`Prefilter`] then reads a text once (one Aho-Corasick pass over all the literals of all the
//! patterns, one digit count) and says which patterns are worth running. Both conditions are
//! necessary, never sufficient: a pattern ruled out cannot match, so results are the same as
//! running every pattern (a test checks that on the tables and the negative corpus).
//!
//! Case-insensitive ASCII letters also match two non-ASCII characters under Unicode simple case
//! folding (`ſ` for `s`, the Kelvin sign for `k`). The literal sets leave them out, so a text
//! containing either skips the prefilter and runs every pattern.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many strings in a literal set; bigger sets are given up (no requirement).
const MAX_SET: usize = 32;
/// Classes of at most this many characters become literal sets (`[Aa]`, `[_-]`).
const MAX_CLASS: usize = 6;

/// Necessary conditions for a pattern to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// Every match contains at least this many ASCII digits.
    pub min_digits: usize,
    /// Every match contains a run of digits and separators (`0-9 .-/()+`) holding at least this
    /// many digits.
    pub min_digit_run: usize,
    /// Every match contains a run of at least this many ASCII word characters (`A-Za-z0-9_`).
    pub min_word_run: usize,
    /// Every match contains a run of at least this many token characters (`A-Za-z0-9_+/=-`, as
    /// in base64 and API keys).
    pub min_token_run: usize,
    /// Every match contains one of these (ASCII-lowercased) byte strings, if known.
    pub any_of: Option<Vec<Vec<u8>>>,
}

/// What is known about one node of the syntax tree.
struct Facts {
    /// The node matches exactly one of these strings (lowercased), if a small set is known.
    exact: Option<BTreeSet<Vec<u8>>>,
    /// Every match of the node contains one of these strings.
    required: Option<BTreeSet<Vec<u8>>>,
    min_digits: usize,
}

/// Two characters outside ASCII that Unicode case folding pairs with ASCII letters.
const FOLD_EXTRAS: [char; 2] = ['\u{17F}', '\u{212A}'];

/// Which characters a run may consist of, and which of them count.
#[derive(Clone, Copy)]
enum RunKind {
    /// Digits and the separators numbers are written with; digits count.
    Digits,
    /// ASCII word characters; all count.
    Word,
    /// Word characters and the other characters of base64 and API keys (`+/=-`); all count.
    Token,
}

impl RunKind {
    fn within(self, c: char) -> bool {
        match self {
            RunKind::Digits => c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '/' | '(' | ')' | '+'),
            RunKind::Word => c.is_ascii_alphanumeric() || c == '_' || FOLD_EXTRAS.contains(&c),
            RunKind::Token => RunKind::Word.within(c) || matches!(c, '+' | '/' | '=' | '-'),
        }
    }

    fn counts(self, c: char) -> bool {
        match self {
            RunKind::Digits => c.is_ascii_digit(),
            RunKind::Word | RunKind::Token => true,
        }
    }
}

/// Lower bounds on runs of one [`RunKind`] inside any match of a node.
#[derive(Clone, Copy)]
struct Run {
    /// Every character the node can match lies within the run kind (zero-width nodes too).
    inside: bool,
    /// Counted characters in any match (when `inside`, the whole match is one run).
    total: usize,
    /// The longest run any match is sure to contain.
    best: usize,
    /// The run a match is sure to start with / end with.
    prefix: usize,
    suffix: usize,
}

impl Run {
    const ZERO_WIDTH: Run = Run { inside: true, total: 0, best: 0, prefix: 0, suffix: 0 };
    const OUTSIDE: Run = Run { inside: false, total: 0, best: 0, prefix: 0, suffix: 0 };

    fn whole(total: usize) -> Run {
        Run { inside: true, total, best: total, prefix: total, suffix: total }
    }

    fn concat(parts: impl IntoIterator<Item = Run>) -> Run {
        let mut out = Run::ZERO_WIDTH;
        for p in parts {
            if out.inside && p.inside {
                out = Run::whole(out.total + p.total);
            } else if out.inside {
                out = Run {
                    inside: false,
                    total: 0,
                    best: p.best.max(out.total + p.prefix),
                    prefix: out.total + p.prefix,
                    suffix: p.suffix,
                };
            } else if p.inside {
                let suffix = out.suffix + p.total;
                out = Run { best: out.best.max(suffix), suffix, ..out };
            } else {
                out = Run {
                    inside: false,
                    total: 0,
                    best: out.best.max(p.best).max(out.suffix + p.prefix),
                    prefix: out.prefix,
                    suffix: p.suffix,
                };
            }
        }
        out
    }

    fn either(parts: impl IntoIterator<Item = Run>) -> Run {
        let mut parts = parts.into_iter();
        let Some(first) = parts.next() else { return Run::ZERO_WIDTH };
        parts.fold(first, |a, b| {
            let inside = a.inside && b.inside;
            Run {
                inside,
                total: if inside { a.total.min(b.total) } else { 0 },
                best: a.best.min(b.best),
                prefix: a.prefix.min(b.prefix),
                suffix: a.suffix.min(b.suffix),
            }
        })
    }
}

fn run(hir: &Hir, kind: RunKind) -> Run {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Run::ZERO_WIDTH,
        HirKind::Literal(lit) => Run::concat(String::from_utf8_lossy(&lit.0).chars().map(|c| {
            if kind.within(c) {
                Run::whole(usize::from(kind.counts(c)))
            } else {
                Run::OUTSIDE
            }
        })),
        HirKind::Class(class) => {
            let chars = |f: &dyn Fn(char) -> bool| match class {
                Class::Unicode(c) => c.ranges().iter().all(|r| {
                    // Ranges are checked by their ends and, when short, every member.
                    (r.end() as u32 - r.start() as u32) < 256 && (r.start()..=r.end()).all(f)
                }),
                Class::Bytes(c) => c.ranges().iter().all(|r| (r.start()..=r.end()).all(|b| b.is_ascii() && f(b as char))),
            };
            if chars(&|c| kind.within(c)) {
                Run::whole(usize::from(chars(&|c| kind.counts(c))))
            } else {
                Run::OUTSIDE
            }
        }
        HirKind::Capture(cap) => run(&cap.sub, kind),
        HirKind::Repetition(rep) => {
            let sub = run(&rep.sub, kind);
            if rep.min == 0 {
                return if sub.inside { Run::ZERO_WIDTH } else { Run::OUTSIDE };
            }
            let n = (rep.min as usize).min(1024);
            Run::concat(std::iter::repeat_n(sub, n))
        }
        HirKind::Concat(children) => Run::concat(children.iter().map(|c| run(c, kind))),
        HirKind::Alternation(children) => Run::either(children.iter().map(|c| run(c, kind))),
    }
}

impl Requirement {
    /// The requirement of a pattern in `regex` syntax. A pattern the parser rejects has none
    /// (it will fail to compile later with a proper error).
    pub fn of(pattern: &str) -> Requirement {
        match regex_syntax::Parser::new().parse(pattern) {
            Ok(hir) => {
                let facts = facts(&hir);
                let any_of = facts.required.or(facts.exact).filter(worth_it).map(|s| s.into_iter().collect());
                Requirement {
                    min_digits: facts.min_digits,
                    min_digit_run: run(&hir, RunKind::Digits).best,
                    min_word_run: run(&hir, RunKind::Word).best,
                    min_token_run: run(&hir, RunKind::Token).best,
                    any_of,
                }
            }
            Err(_) => Requirement { min_digits: 0, min_digit_run: 0, min_word_run: 0, min_token_run: 0, any_of: None },
        }
    }
}

fn lower(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

/// How much finding one of these strings narrows things down: a set is as good as its most
/// common member. Single letters, digits, spaces and common punctuation are everywhere.
fn selectivity(set: &BTreeSet<Vec<u8>>) -> u32 {
    set.iter()
        .map(|s| match s.as_slice() {
            [] => 0,
            [b] if b.is_ascii_alphanumeric() || b" .,-/:'\"()\n\t".contains(b) => 1,
            [_] => 3,
            [_, _] => 4,
            _ => 6,
        })
        .min()
        .unwrap_or(0)
}

/// Sets of single bytes are checked in a byte table, for free; longer literals go into the
/// shared automaton only if they rule out texts often.
fn worth_it(set: &BTreeSet<Vec<u8>>) -> bool {
    !set.contains(&Vec::new()) && (set.iter().all(|l| l.len() == 1) || selectivity(set) >= 3)
}

/// Pick the better of two candidate sets (more selective, then longer strings, then fewer).
fn better(a: Option<BTreeSet<Vec<u8>>>, b: Option<BTreeSet<Vec<u8>>>) -> Option<BTreeSet<Vec<u8>>> {
    let key = |s: &BTreeSet<Vec<u8>>| (selectivity(s), s.iter().map(Vec::len).min().unwrap_or(0), std::cmp::Reverse(s.len()));
    match (a, b) {
        (Some(a), Some(b)) => {
            if key(&b) > key(&a) {
                Some(b)
            } else {
                Some(a)
            }
        }
        (a, b) => a.or(b),
    }
}

/// Every concatenation of one string of `a` with one of `b`, if the result stays small.
fn product(a: &BTreeSet<Vec<u8>>, b: &BTreeSet<Vec<u8>>) -> Option<BTreeSet<Vec<u8>>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    Some(a.iter().flat_map(|x| b.iter().map(move |y| [x.as_slice(), y.as_slice()].concat())).collect())
}

/// The strings a small class matches, lowercased.
fn class_strings(class: &Class) -> Option<BTreeSet<Vec<u8>>> {
    let mut out = BTreeSet::new();
    match class {
        Class::Unicode(c) => {
            let n: u32 = c.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            if n as usize > MAX_CLASS * 2 {
                return None;
            }
            for r in c.ranges() {
                for ch in (r.start()..=r.end()).filter(|c| !FOLD_EXTRAS.contains(c)) {
                    let mut buf = [0u8; 4];
                    out.insert(lower(ch.encode_utf8(&mut buf).as_bytes()));
                }
            }
        }
        Class::Bytes(c) => {
            let n: usize = c.ranges().iter().map(|r| r.end() as usize - r.start() as usize + 1).sum();
            if n > MAX_CLASS * 2 {
                return None;
            }
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    out.insert(vec![b.to_ascii_lowercase()]);
                }
            }
        }
    }
    (!out.is_empty() && out.len() <= MAX_CLASS).then_some(out)
}

/// Whether every character the class matches is an ASCII digit.
fn digits_only(class: &Class) -> bool {
    match class {
        Class::Unicode(c) => c.ranges().iter().all(|r| r.start() >= '0' && r.end() <= '9'),
        Class::Bytes(c) => c.ranges().iter().all(|r| r.start() >= b'0' && r.end() <= b'9'),
    }
}

fn facts(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts { exact: Some(BTreeSet::from([Vec::new()])), required: None, min_digits: 0 },
        HirKind::Literal(lit) => {
            let s = lower(&lit.0);
            let min_digits = s.iter().filter(|b| b.is_ascii_digit()).count();
            let set = BTreeSet::from([s]);
            Facts { exact: Some(set.clone()), required: Some(set), min_digits }
        }
        HirKind::Class(class) => {
            let exact = class_strings(class);
            Facts { required: exact.clone(), exact, min_digits: usize::from(digits_only(class)) }
        }
        HirKind::Capture(cap) => facts(&cap.sub),
        HirKind::Repetition(rep) => {
            let sub = facts(&rep.sub);
            let min_digits = sub.min_digits.saturating_mul(rep.min as usize);
            if rep.min == 0 {
                let exact = match rep.max {
                    Some(0) => Some(BTreeSet::from([Vec::new()])),
                    // `x?`: the empty string or one of x's.
                    Some(1) => sub.exact.map(|mut e| {
                        e.insert(Vec::new());
                        e
                    }),
                    _ => None,
                };
                return Facts { exact, required: None, min_digits };
            }
            let exact = if rep.max == Some(1) { sub.exact.clone() } else { None };
            Facts { exact, required: better(sub.required, sub.exact), min_digits }
        }
        HirKind::Concat(children) => {
            let mut min_digits = 0usize;
            let mut best: Option<BTreeSet<Vec<u8>>> = None;
            // A run of adjacent exact children joins into longer literals ("s", "k", "_" -> "sk_").
            let mut run: Option<BTreeSet<Vec<u8>>> = Some(BTreeSet::from([Vec::new()]));
            let mut whole: Option<BTreeSet<Vec<u8>>> = Some(BTreeSet::from([Vec::new()]));
            for child in children {
                let f = facts(child);
                min_digits = min_digits.saturating_add(f.min_digits);
                best = better(best, f.required.clone());
                whole = match (&whole, &f.exact) {
                    (Some(w), Some(e)) => product(w, e),
                    _ => None,
                };
                match &f.exact {
                    Some(e) => {
                        run = match &run {
                            Some(r) => product(r, e).or_else(|| {
                                // Too many combinations: keep what is known and start again here.
                                best = better(best.take(), Some(r.clone()));
                                Some(e.clone())
                            }),
                            None => Some(e.clone()),
                        };
                    }
                    None => {
                        best = better(best, run.take().filter(|r| !r.contains(&Vec::new())));
                        run = Some(BTreeSet::from([Vec::new()]));
                    }
                }
            }
            best = better(best, run.filter(|r| !r.contains(&Vec::new())));
            Facts { exact: whole, required: best, min_digits }
        }
        HirKind::Alternation(children) => {
            let all: Vec<Facts> = children.iter().map(facts).collect();
            let min_digits = all.iter().map(|f| f.min_digits).min().unwrap_or(0);
            let union = |sets: Vec<Option<&BTreeSet<Vec<u8>>>>| -> Option<BTreeSet<Vec<u8>>> {
                let mut out = BTreeSet::new();
                for s in sets {
                    out.extend(s?.iter().cloned());
                }
                (out.len() <= MAX_SET).then_some(out)
            };
            let exact = union(all.iter().map(|f| f.exact.as_ref()).collect());
            let required = union(all.iter().map(|f| f.required.as_ref().or(f.exact.as_ref())).collect())
                .filter(|s| !s.contains(&Vec::new()));
            Facts { exact, required, min_digits }
        }
    }
}

/// Built-in patterns that need at least this many digits in one run, and no literal longer than
/// one byte, share one [`RegexSet`].
const FAMILY_MIN_DIGIT_RUN: usize = 4;

/// Bytes of lazy-DFA cache for the shared set (the regex crate's default is 2 MiB; 4 MiB
/// took the PII-dense bench corpus from 26k to 39k prompts/s, 8 MiB added little).
const FAMILY_DFA_CACHE: usize = 4 << 20;

/// The requirements of a list of patterns, checked against a text in one pass.
pub(crate) struct Prefilter {
    /// One automaton over every distinct multi-byte literal of every pattern's `any_of`.
    literals: Option<AhoCorasick>,
    literal_count: usize,
    /// Per pattern: its requirement and how its `any_of` is checked.
    patterns: Vec<(Requirement, Literals)>,
    /// The number-shaped built-in patterns (no literal but single bytes, a digit run of
    /// [`FAMILY_MIN_DIGIT_RUN`]+): one DFA pass says which of them match at all. Each on its own
    /// would scan the text once; together they cost about as much as one of them.
    family: Option<(RegexSet, Vec<usize>)>,
}

/// How a pattern's required literals are looked for.
enum Literals {
    None,
    /// Single bytes: looked up in the text's byte table.
    Bytes(Vec<u8>),
    /// Ids in the shared automaton.
    Automaton(Vec<usize>),
}

/// What [`Prefilter::scan`] learned about one text: which patterns may match it.
pub(crate) struct TextFacts {
    may_match: Vec<bool>,
}

impl Prefilter {
    /// Build the prefilter of these patterns (regex source, and whether it is built in).
    /// Custom patterns get the cheap checks but never join the shared set: a policy's pattern
    /// could push the set's automaton past its cache.
    pub(crate) fn new(patterns: &[(&str, bool)]) -> Prefilter {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut out = Vec::with_capacity(patterns.len());
        let mut family = Vec::new();
        for (i, &(regex, built_in)) in patterns.iter().enumerate() {
            let r = Requirement::of(regex);
            let lits = match &r.any_of {
                None => Literals::None,
                Some(set) if set.iter().all(|l| l.len() == 1) => Literals::Bytes(set.iter().map(|l| l[0]).collect()),
                Some(set) => Literals::Automaton(
                    set.iter()
                        .map(|lit| match literals.iter().position(|l| l == lit) {
                            Some(i) => i,
                            None => {
                                literals.push(lit.clone());
                                literals.len() - 1
                            }
                        })
                        .collect(),
                ),
            };
            if built_in && !matches!(lits, Literals::Automaton(_)) && r.min_digit_run >= FAMILY_MIN_DIGIT_RUN {
                family.push(i);
            }
            out.push((r, lits));
        }
        let automaton = (!literals.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .expect("literals taken from compiled patterns build an automaton")
        });
        let family = (family.len() > 1).then(|| {
            // A larger lazy-DFA cache than the default: on number-heavy text the set keeps
            // building new states, and a full cache is thrown away and rebuilt.
            let set = RegexSetBuilder::new(family.iter().map(|&i| patterns[i].0))
                .dfa_size_limit(FAMILY_DFA_CACHE)
                .build()
                .expect("built-in patterns compile as a set");
            (set, family)
        });
        Prefilter { literals: automaton, literal_count: literals.len(), patterns: out, family }
    }

    /// Read `text`: its digits, runs and bytes in one loop, the literals in one automaton pass,
    /// and the number-shaped patterns in one set pass if any of them is still in the running.
    pub(crate) fn scan(&self, text: &str) -> TextFacts {
        if !text.is_ascii() && text.contains(FOLD_EXTRAS) {
            return TextFacts { may_match: vec![true; self.patterns.len()] };
        }
        let mut seen = vec![false; self.literal_count];
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                seen[m.pattern().as_usize()] = true;
            }
        }
        let mut bytes = [false; 256];
        let (mut digits, mut digit_run, mut word_run, mut token_run) = (0, 0, 0, 0);
        let (mut digits_here, mut word_here, mut token_here) = (0, 0, 0);
        for b in text.bytes() {
            bytes[b.to_ascii_lowercase() as usize] = true;
            if b.is_ascii_digit() {
                digits += 1;
                digits_here += 1;
                digit_run = digit_run.max(digits_here);
            } else if !RunKind::Digits.within(b as char) {
                digits_here = 0;
            }
            // Bytes of multi-byte characters are outside every kind (but see FOLD_EXTRAS).
            if RunKind::Word.within(b as char) {
                word_here += 1;
                word_run = word_run.max(word_here);
            } else {
                word_here = 0;
            }
            if RunKind::Token.within(b as char) {
                token_here += 1;
                token_run = token_run.max(token_here);
            } else {
                token_here = 0;
            }
        }
        let mut may_match: Vec<bool> = self
            .patterns
            .iter()
            .map(|(r, lits)| {
                digits >= r.min_digits
                    && digit_run >= r.min_digit_run
                    && word_run >= r.min_word_run
                    && token_run >= r.min_token_run
                    && match lits {
                        Literals::None => true,
                        Literals::Bytes(b) => b.iter().any(|&b| bytes[b as usize]),
                        Literals::Automaton(ids) => ids.iter().any(|&id| seen[id]),
                    }
            })
            .collect();
        if let Some((set, members)) = &self.family {
            if members.iter().any(|&i| may_match[i]) {
                let matched = set.matches(text);
                for (k, &i) in members.iter().enumerate() {
                    may_match[i] &= matched.matched(k);
                }
            }
        }
        TextFacts { may_match }
    }
}

impl TextFacts {
    /// Whether pattern `i` could match the text.
    pub(crate) fn may_match(&self, i: usize) -> bool {
        self.may_match[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(r: &Requirement) -> Vec<String> {
        r.any_of.iter().flatten().map(|l| String::from_utf8_lossy(l).into_owned()).collect()
    }

    #[test]
    fn digits_and_literals_are_read_from_the_pattern() {
        let ssn = Requirement::of(r"(?-u:\b)[0-9]{3}-[0-9]{2}-[0-9]{4}(?-u:\b)");
        assert_eq!((ssn.min_digits, ssn.min_digit_run, ssn.min_word_run), (9, 9, 4));
        let vin = Requirement::of(r"(?-u:\b)[A-HJ-NPR-Z0-9]{17}(?-u:\b)");
        assert_eq!((vin.min_digits, vin.min_word_run), (0, 17));
        let iban = Requirement::of(r"[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}");
        assert_eq!((iban.min_digits, iban.min_digit_run, iban.min_word_run), (2, 2, 4));
        let phone = Requirement::of(r"(?:^|[^0-9])(?P<v>\+[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,5}\)?){2,6})");
        assert_eq!(phone.min_digit_run, 3, "separators and parentheses keep a run going");
        let email = Requirement::of(r"(?i)(?-u:\b)[a-z0-9](?:[a-z0-9._%+'-]{0,63})@(?:[a-z0-9]\.){1,8}[a-z]{2,24}");
        assert_eq!(lits(&email), ["@"]);
        let github = Requirement::of(r"(?-u:\b)gh[pousr]_[A-Za-z0-9]{36}(?-u:\b)");
        assert_eq!(lits(&github), ["gho_", "ghp_", "ghr_", "ghs_", "ghu_"]);
        let aws = Requirement::of(r"(?i)(?:AKIA|ASIA)[A-Z0-9]{16}");
        assert_eq!(lits(&aws), ["akia", "asia"]);
        let either = Requirement::of(r"[0-9]{2}/[0-9]{2}|[0-9]{4}-[0-9]{2}");
        assert_eq!(either.min_digits, 4, "the cheaper branch decides");
    }

    #[test]
    fn a_branch_without_a_literal_leaves_the_pattern_ungated() {
        let r = Requirement::of(r"sk-[a-z]{20}|[a-z]{40}");
        assert_eq!(r.any_of, None);
        let optional = Requirement::of(r"(?:ghp_)?[a-z]{40}");
        assert_eq!(optional.any_of, None, "an optional literal is not required");
    }

    #[test]
    fn a_text_lacking_what_a_pattern_needs_rules_it_out() {
        let p = Prefilter::new(&[(r"[0-9]{3}-[0-9]{2}-[0-9]{4}", false), (r"[a-z]+@[a-z]+\.com", false), (r"[a-z]+", false)]);
        let facts = p.scan("Write to JANE@EXAMPLE.COM about 12 apples");
        assert!(!facts.may_match(0), "two digits cannot hold an SSN");
        assert!(facts.may_match(1));
        assert!(facts.may_match(2), "no requirement: always runs");
        let plain = p.scan("no at sign here, 123-45-6789");
        assert!(plain.may_match(0));
        assert!(!plain.may_match(1));
        let scattered = p.scan("at 12:30 on 2019, room 101 and 55 apples");
        assert!(!scattered.may_match(0), "eleven digits, but never nine in one number");
        let family = Prefilter::new(&[
            (r"(?-u:\b)[0-9]{3}-[0-9]{2}-[0-9]{4}(?-u:\b)", true),
            (r"(?-u:\b)[0-9]{4} [0-9]{4}(?-u:\b)", true),
        ]);
        let facts = family.scan("call 555-12-3456 or 1234-5678");
        assert!(facts.may_match(0));
        assert!(!facts.may_match(1), "enough digits, but the shared set finds no match");
        let kelvin = p.scan("JANE\u{212A}@EXAMPLE.COM 1 2 3 4 5 6 7 8 9");
        assert!(kelvin.may_match(0) && kelvin.may_match(1), "a text with a folding extra runs every pattern");
    }

    /// The texts of the recognizer tables and the negative corpus, as written and shouted.
    fn test_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(root.join("recognizers")).unwrap() {
            let file: toml::Table = toml::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
            for case in file["test"].as_array().unwrap() {
                texts.push(case["text"].as_str().unwrap().to_string());
            }
        }
        for entry in std::fs::read_dir(root.join("negative")).unwrap() {
            texts.extend(std::fs::read_to_string(entry.unwrap().path()).unwrap().lines().map(str::to_string));
        }
        let shouted: Vec<String> = texts.iter().map(|t| t.to_uppercase()).collect();
        texts.extend(shouted);
        texts
    }

    #[test]
    fn no_pattern_that_matches_is_ruled_out() {
        let sources: Vec<&str> =
            crate::recognizer::registry::all().iter().flat_map(|r| r.patterns.iter().map(|p| p.regex)).collect();
        let prefilter = Prefilter::new(&sources.iter().map(|&s| (s, true)).collect::<Vec<_>>());
        let regexes: Vec<regex::Regex> = sources.iter().map(|s| regex::Regex::new(s).unwrap()).collect();
        let (mut checked, mut ruled_out) = (0, 0);
        for text in test_texts() {
            let facts = prefilter.scan(&text);
            for (i, re) in regexes.iter().enumerate() {
                checked += 1;
                if !facts.may_match(i) {
                    ruled_out += 1;
                    assert!(!re.is_match(&text), "pattern {} matches {text:?} but was ruled out", sources[i]);
                }
            }
        }
        assert!(ruled_out * 2 > checked, "the prefilter rules out most (pattern, text) pairs: {ruled_out} of {checked}");
    }
}
