//! Judging an analysis: the one place where a policy meets the findings ([`Policy::judge`]; an
//! `impl Policy` of its own module, so the policy's data does not depend on the analysis).
//!
//! ```text
//! Analysis ─▶ filter (min_score, allow list) ─▶ resolve overlaps ─▶ spread to every occurrence
//!          ─▶ actions ─▶ decision (the strongest action any finding or score calls for)
//! ```
//!
//! The filter comes first: a finding the policy drops must not win an overlap against one it
//! keeps. Spreading depends on the actions (a value to replace is replaced wherever it is written),
//! so it is the policy's too.

use std::collections::BTreeMap;

use crate::analyze::Analysis;
use crate::finding::{merge, Finding, SourceKind};
use crate::policy::{Action, Policy};
use crate::report::{Decision, JudgedFinding, Reason, ReasonKind};
use crate::text::is_word_boundary;

/// The findings as the policy judged them, and its decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// Every finding the policy keeps, sorted by start (then longest first), with its action.
    pub findings: Vec<JudgedFinding>,
    /// The strongest action any finding or score calls for, and why.
    pub decision: Decision,
}

impl Policy {
    /// Whether the policy keeps `f`: its score reaches the entity's `min_score` and its value is
    /// not on the allow list.
    pub fn keeps(&self, f: &Finding) -> bool {
        f.score >= self.rule(&f.entity).min_score && !self.allow.iter().any(|a| a.eq_ignore_ascii_case(f.text.trim()))
    }

    /// Judge what the analysis of `text` found: drop what the policy does not keep, resolve
    /// overlapping findings, spread each kept value to every whole-word occurrence of it, give each
    /// finding its action and operator, and decide.
    ///
    /// # Example
    ///
    /// ```
    /// use scrim::{Analyzer, Policy, ScanOptions, Action};
    /// let policy = Policy::embedded();
    /// let text = "mail jane.doe@example.com";
    /// let analysis = Analyzer::new(&policy)?.analyze(text, &ScanOptions::default())?;
    /// let judged = policy.judge(text, &analysis);
    /// assert_eq!(judged.findings[0].entity, "EMAIL_ADDRESS");
    /// assert_eq!(judged.decision.action, Action::Redact);
    /// # Ok::<(), scrim::Error>(())
    /// ```
    pub fn judge(&self, text: &str, analysis: &Analysis) -> Judgement {
        let replaced = |f: &Finding| matches!(self.rule(&f.entity).action, Action::Redact | Action::Block);
        let mut findings = merge(analysis.findings.iter().filter(|f| self.keeps(f)).cloned().collect());
        spread_findings(text, &mut findings, replaced);
        findings.extend(analysis.heuristics.iter().filter(|f| self.keeps(f)).cloned());
        findings.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let findings: Vec<JudgedFinding> = findings
            .into_iter()
            .map(|finding| {
                let rule = self.rule(&finding.entity);
                let operator = matches!(rule.action, Action::Redact | Action::Block).then_some(rule.operator);
                JudgedFinding { finding, action: rule.action, operator, replacement: None }
            })
            .collect();
        let decision = self.decide(&findings, &analysis.scores);
        Judgement { findings, decision }
    }

    fn decide(&self, findings: &[JudgedFinding], scores: &BTreeMap<String, f32>) -> Decision {
        let mut by_entity: BTreeMap<&str, (Action, ReasonKind, usize, f32)> = BTreeMap::new();
        for f in findings {
            let kind = if f.source.kind == SourceKind::Heuristic { ReasonKind::Heuristic } else { ReasonKind::Entity };
            let e = by_entity.entry(&f.entity).or_insert((f.action, kind, 0, 0.0));
            e.2 += 1;
            e.3 = e.3.max(f.score);
        }
        let mut reasons: Vec<Reason> = by_entity
            .into_iter()
            .filter(|(_, (a, ..))| *a != Action::Allow)
            .map(|(entity, (action, kind, count, score))| Reason {
                action,
                kind,
                name: entity.to_string(),
                count,
                score,
                message: entity_message(entity, action, count),
            })
            .collect();
        for (label, &score) in scores {
            let Some(t) = self.scores.get(label) else { continue };
            let (action, threshold) = match t.block {
                Some(block) if score >= block => (Action::Block, block),
                _ if score >= t.warn => (Action::Warn, t.warn),
                _ => continue,
            };
            reasons.push(Reason {
                action,
                kind: ReasonKind::Score,
                name: label.clone(),
                count: 1,
                score,
                message: format!("{label} score {score:.2} is at or above the {} threshold {threshold:.2}", action.as_str()),
            });
        }
        reasons.sort_by(|a, b| b.action.cmp(&a.action).then_with(|| a.name.cmp(&b.name)));
        let action = reasons.first().map_or(Action::Allow, |r| r.action);
        Decision { action, reasons }
    }
}

/// A finder may catch a value in one place and miss it in another: the NER model tagged "中文字"
/// in one context only; the phone rule found "+44 20 794" and missed it written again right after
/// it, "+44 20 794+44 20 794" (found by the protect fuzz target). Every other whole-word
/// occurrence of a finding's text becomes a finding too, so the same value is never replaced in
/// one place and sent in another. One Aho-Corasick pass over the distinct values, linear in the
/// text; `findings` are sorted and do not overlap (after [`merge`]).
///
/// [`merge`]: crate::finding::merge
fn spread_findings(text: &str, findings: &mut Vec<Finding>, replaced: impl Fn(&Finding) -> bool) {
    let mut seen = std::collections::HashSet::new();
    let owners: Vec<usize> =
        (0..findings.len()).filter(|&i| !findings[i].text.is_empty() && seen.insert(findings[i].text.as_str())).collect();
    // An occurrence overlapping a finding that is replaced goes with it (protect can replace only
    // one of two overlapping spans). A value to replace that overlaps, or lies inside, a finding
    // that is sent is a finding of its own: the allowed URLs "http://+44" and
    // "http://536-22-1234" must not carry a phone or social security number found elsewhere out.
    let covered = |at: usize, end: usize, owner: &Finding| {
        let i = findings.partition_point(|g| g.end <= at);
        findings[i..]
            .iter()
            .take_while(|g| g.start < end)
            .any(|g| replaced(g) || !replaced(owner) || (g.start == at && g.end == end))
    };
    // Occurrences (overlapping ones too) of each distinct value. Building an automaton per scan
    // cost more than the whole rule layer: a few values are searched one by one; many (hostile
    // input) in one linear Aho-Corasick pass.
    let occurrences: Vec<(usize, usize, usize)> = if owners.len() <= 8 {
        let mut out = Vec::new();
        for (k, &o) in owners.iter().enumerate() {
            let value = findings[o].text.as_str();
            let step = value.chars().next().map_or(1, char::len_utf8);
            let mut from = 0;
            while let Some(i) = text[from..].find(value) {
                out.push((from + i, from + i + value.len(), k));
                from += i + step;
            }
        }
        out
    } else {
        let Ok(ac) = aho_corasick::AhoCorasick::new(owners.iter().map(|&o| findings[o].text.as_str())) else { return };
        ac.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
    };
    // Replacing a value makes a word boundary at each of its ends: "中文字ne@example.org" becomes
    // "中文字[EMAIL_ADDRESS_1]", where the name stands alone (found by the protect_models target).
    let replaced_edges: std::collections::HashSet<usize> =
        findings.iter().filter(|g| replaced(g)).flat_map(|g| [g.start, g.end]).collect();
    let boundary = |at: usize| is_word_boundary(text, at) || replaced_edges.contains(&at);
    let mut candidates: Vec<(usize, usize, usize)> = occurrences
        .into_iter()
        .filter(|&(start, end, k)| boundary(start) && boundary(end) && !covered(start, end, &findings[owners[k]]))
        .map(|(start, end, k)| (start, end, owners[k]))
        .collect();
    // Earliest first, the longer of two at one start; none may overlap another.
    candidates.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut extra = Vec::new();
    let mut at = 0;
    for (start, end, owner) in candidates {
        if start < at {
            continue;
        }
        let f = &findings[owner];
        let mut copy = f.clone();
        copy.start = start;
        copy.end = end;
        copy.explanation.push(format!("same text as the {} found at byte {}", f.entity, f.start));
        extra.push(copy);
        at = end;
    }
    if !extra.is_empty() {
        findings.extend(extra);
        findings.sort_by_key(|f| (f.start, f.end));
    }
}

fn entity_message(entity: &str, action: Action, count: usize) -> String {
    let what = if count == 1 { format!("1 {entity}") } else { format!("{count} × {entity}") };
    match action {
        Action::Allow => format!("{what} allowed"),
        Action::Warn => format!("{what} found; sent unchanged"),
        Action::Redact => format!("{what} replaced before sending"),
        Action::Block => format!("{what} found; the policy blocks sending it"),
    }
}
