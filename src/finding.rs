//! What scrim found: an entity, where, how sure, and which rule or model said so.

use std::fmt;

use serde::Serialize;

/// A score as it is serialized, with four decimals: `0.95`, not `0.9500000476837158` (an f32
/// widened to f64).
fn rounded(score: f32) -> f64 {
    (f64::from(score) * 10_000.0).round() / 10_000.0
}

/// Serialize a score with four decimals (see [`rounded`]).
pub(crate) fn score_4dp<S: serde::Serializer>(score: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(rounded(*score))
}

/// Serialize a map of scores with four decimals each.
pub(crate) fn scores_4dp<S: serde::Serializer>(
    scores: &std::collections::BTreeMap<String, f32>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(scores.len()))?;
    for (k, v) in scores {
        m.serialize_entry(k, &rounded(*v))?;
    }
    m.end()
}

/// How much a pattern alone says: the one scale of the rule recognizers and the injection
/// heuristics. Scores stay in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// A shape many other things share (nine bare digits). Needs context to be reported.
    Weak,
    /// A shape that is usually the entity.
    Medium,
    /// A shape that is nearly always the entity (a provider's token prefix).
    Strong,
}

impl Strength {
    /// The score a match of this strength starts with.
    pub const fn score(self) -> f32 {
        match self {
            Strength::Weak => 0.3,
            Strength::Medium => 0.6,
            Strength::Strong => 0.85,
        }
    }

    /// The name shown in a finding's source.
    pub fn name(self) -> &'static str {
        match self {
            Strength::Weak => "weak",
            Strength::Medium => "medium",
            Strength::Strong => "strong",
        }
    }
}

/// What produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A built-in rule recognizer (pattern + validator + context words).
    Rule,
    /// A custom pattern from the policy.
    Custom,
    /// A deny-list entry from the policy.
    DenyList,
    /// A learned model.
    Model,
    /// A prompt-injection heuristic.
    Heuristic,
}

/// Which rule or model produced a finding, for the person reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Source {
    /// Rule, custom pattern, deny list, model or heuristic.
    pub kind: SourceKind,
    /// The recognizer or model id, e.g. `generic.credit_card` or `model.ner`.
    pub name: String,
    /// The pattern that matched, e.g. `grouped (medium)`, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub pattern: Option<String>,
}

/// What, beyond its pattern, confirmed a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Confirmation {
    /// A checksum or check digit (Luhn, mod-97, Verhoeff, a bech32 or EIP-55 checksum...).
    Checksum,
    /// The value's structure, beyond what the pattern requires, and no checksum: a JWT header
    /// that decodes to JSON with an `alg`, a key block that holds key material, credentials in
    /// a connection string.
    Structure,
    /// The policy's deny list names the value.
    DenyList,
    /// A label before the value names its type (`Phone: ...`), or its table column's header does.
    /// It wins over every other confirmation: the label is what the writer said the value is.
    Label,
}

/// One span of the input that scrim recognized: what the analysis says, before any policy.
///
/// Offsets are UTF-8 byte offsets into the text that was screened (the skins convert them: UTF-16
/// code units in JS, code points in the CLI). `Debug` never prints the matched text.
#[derive(Clone, PartialEq)]
pub struct Finding {
    /// The entity type, in Presidio's names where one exists (`EMAIL_ADDRESS`, `PERSON`...).
    pub entity: String,
    /// Byte offset of the first byte of the span.
    pub start: usize,
    /// Byte offset just past the span.
    pub end: usize,
    /// Confidence in [0, 1].
    pub score: f32,
    /// What confirmed the value beyond its pattern, if anything (then it wins conflicts).
    pub confirmed: Option<Confirmation>,
    /// The rule or model that found it.
    pub source: Source,
    /// Why the score is what it is: the context word that raised it, the validator that passed.
    pub explanation: Vec<String>,
    /// The matched text as it stands in the input.
    pub text: String,
}

/// One span of the input that scrim recognized, as JSON (the JS API's and the CLI's `Finding`):
/// the fields of a [`Finding`] plus `validated`.
#[derive(Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "Finding"))]
pub(crate) struct FindingJson<'a> {
    /// The entity type, in Presidio's names where one exists (`EMAIL_ADDRESS`, `PERSON`...).
    entity: &'a str,
    /// Offset of the span's start.
    start: usize,
    /// Offset just past the span.
    end: usize,
    /// Confidence in [0, 1] (four decimals).
    #[serde(serialize_with = "score_4dp")]
    score: f32,
    /// Whether a checksum or check digit confirmed the value.
    validated: bool,
    /// What confirmed the value beyond its pattern, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    confirmed: Option<Confirmation>,
    /// The rule or model that found it.
    source: &'a Source,
    /// Why the score is what it is: the context word that raised it, the validator that passed.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    #[cfg_attr(feature = "typescript", ts(as = "Option<Vec<String>>", optional))]
    explanation: &'a [String],
    /// The matched text as it stands in the input (the CLI leaves it out unless asked).
    text: &'a str,
}

impl Finding {
    pub(crate) fn json(&self) -> FindingJson<'_> {
        FindingJson {
            entity: &self.entity,
            start: self.start,
            end: self.end,
            score: self.score,
            validated: self.validated(),
            confirmed: self.confirmed,
            source: &self.source,
            explanation: &self.explanation,
            text: &self.text,
        }
    }
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(s)
    }
}

impl fmt::Debug for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finding")
            .field("entity", &self.entity)
            .field("start", &self.start)
            .field("end", &self.end)
            .field("score", &self.score)
            .field("confirmed", &self.confirmed)
            .field("source", &self.source.name)
            .field("text", &format_args!("<{} bytes redacted>", self.text.len()))
            .finish()
    }
}

impl Finding {
    /// Whether a checksum confirmed the value (serialized as `validated`).
    pub fn validated(&self) -> bool {
        self.confirmed == Some(Confirmation::Checksum)
    }

    /// The conflict-resolution key: a label beats any other confirmation ("Phone: 555-201-3344"
    /// is a phone number though its digits pass the NHS check), confirmed beats unconfirmed, then
    /// higher score, then the longer span, then the earlier start and the entity name (so the
    /// outcome never depends on order).
    fn rank(&self) -> (u8, bool, u32, usize, std::cmp::Reverse<usize>, std::cmp::Reverse<&str>) {
        (
            match self.confirmed {
                Some(Confirmation::Label) => 2,
                Some(_) => 1,
                None => 0,
            },
            // A rule's structured match beats a model's guess over the same text: "jane" tagged
            // PERSON inside jane.doe@example.com must not hide the address.
            self.source.kind != SourceKind::Model,
            (self.score.clamp(0.0, 1.0) * 1_000_000.0) as u32,
            self.end - self.start,
            std::cmp::Reverse(self.start),
            std::cmp::Reverse(self.entity.as_str()),
        )
    }
}

/// Resolve overlapping findings deterministically: the best-ranked finding of each overlapping
/// group is kept (confirmed over unconfirmed, rule over model, higher score, longer span), then any finding that
/// overlaps a kept one is dropped. The result is sorted by start.
pub fn merge(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| b.rank().cmp(&a.rank()));
    // Kept spans never overlap, so the only kept span that can overlap [start, end) is the one
    // with the largest start below `end`: O(n log n) however many findings a huge input yields.
    let mut kept: std::collections::BTreeMap<usize, Finding> = std::collections::BTreeMap::new();
    for f in findings {
        let clashes = kept.range(..f.end.max(f.start + 1)).next_back().is_some_and(|(_, k)| k.end > f.start);
        if !clashes {
            kept.insert(f.start, f);
        }
    }
    kept.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(entity: &str, start: usize, end: usize, score: f32, validated: bool) -> Finding {
        Finding {
            entity: entity.into(),
            start,
            end,
            score,
            confirmed: validated.then_some(Confirmation::Checksum),
            source: Source { kind: SourceKind::Rule, name: "test".into(), pattern: None },
            explanation: vec![],
            text: "secret-value".into(),
        }
    }

    #[test]
    fn validated_beats_a_higher_scoring_unvalidated_overlap() {
        let out = merge(vec![finding("PHONE_NUMBER", 0, 19, 0.9, false), finding("CREDIT_CARD", 0, 19, 0.8, true)]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].entity, "CREDIT_CARD");
    }

    #[test]
    fn a_label_beats_a_coincidental_checksum() {
        let mut phone = finding("PHONE_NUMBER", 7, 19, 1.0, false);
        phone.confirmed = Some(Confirmation::Label);
        let nhs = finding("UK_NHS", 7, 19, 1.0, true);
        for order in [vec![phone.clone(), nhs.clone()], vec![nhs, phone]] {
            let out = merge(order);
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].entity, "PHONE_NUMBER");
        }
    }

    #[test]
    fn longer_span_wins_a_tie_and_order_does_not_matter() {
        let a = finding("URL", 0, 30, 0.6, false);
        let b = finding("EMAIL_ADDRESS", 5, 20, 0.6, false);
        assert_eq!(merge(vec![a.clone(), b.clone()]), merge(vec![b, a]));
        assert_eq!(merge(vec![finding("URL", 0, 30, 0.6, false), finding("X", 5, 20, 0.6, false)])[0].entity, "URL");
    }

    #[test]
    fn a_model_guess_never_hides_a_rule_match() {
        let mut ner = finding("PERSON", 0, 4, 0.95, false);
        ner.source.kind = SourceKind::Model;
        let out = merge(vec![ner, finding("EMAIL_ADDRESS", 0, 20, 0.85, false)]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].entity, "EMAIL_ADDRESS");
    }

    #[test]
    fn debug_never_prints_the_value() {
        let f = finding("US_SSN", 0, 11, 0.9, true);
        assert!(!format!("{f:?}").contains("secret-value"));
    }
}
