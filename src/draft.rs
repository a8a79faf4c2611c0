//! Scanning while the person types.
//!
//! A chat box re-screens its draft on every keystroke, so a highlight can warn before the person
//! presses send. Re-running every rule over a 10,000-character draft per keystroke costs
//! milliseconds; a keystroke changes one paragraph. The engine runs rules segment by segment
//! (text between blank lines, see `analyze::segments`), and a segment's findings depend on its own
//! text alone, so a [`Draft`] keeps each segment's findings keyed by the segment's text and
//! re-scans only segments it has not seen. The result equals [`Scrim::scan`] with the classifiers
//! off (`tests/properties.rs` checks it for random edit sequences).
//!
//! What a draft does not do: run the classifiers (toxicity, names, injection model). They judge
//! the whole text and cost milliseconds per kilobyte; run [`Scrim::scan`] or [`Scrim::protect`]
//! when the person pauses or sends. A draft report's `provenance.models` is empty and its
//! `scores` hold only `prompt_injection` from the heuristics (as a scan with the models off), so
//! it never claims a classifier looked.

use std::collections::HashMap;

use crate::analyze::{heuristics, injection_score, segments, shifted, Analysis};
use crate::engine::Scrim;
use crate::error::Result;
use crate::finding::Finding;
use crate::report::{Provenance, Report};

/// The per-segment findings of the last draft, for one engine's policy.
#[derive(Default)]
pub struct Draft {
    /// The policy id the cached findings were made under: another policy starts afresh.
    policy: String,
    /// Segment text → its rule findings (offsets relative to the segment).
    segments: HashMap<String, Vec<Finding>>,
}

/// Counts only: the cached segments are the person's text.
impl std::fmt::Debug for Draft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Draft")
            .field("policy", &self.policy)
            .field("segments", &self.segments.len())
            .field("findings", &self.segments.values().map(Vec::len).sum::<usize>())
            .finish()
    }
}

impl Draft {
    /// An empty draft.
    pub fn new() -> Draft {
        Draft::default()
    }

    /// The rule findings and decision for `text`, the draft as it is now, re-scanning only the
    /// segments that changed since the last call. Only the segments of this text are kept, so
    /// memory stays proportional to the draft.
    ///
    /// # Errors
    ///
    /// [`crate::ErrorKind::InputTooLarge`] if `text` exceeds `policy.limits.max_input_bytes`.
    ///
    /// # Example
    ///
    /// ```
    /// let scrim = scrim::Scrim::new()?;
    /// let mut draft = scrim::Draft::new();
    /// let mut text = String::from("Hi team,\n\nmail jane.doe@example.com");
    /// assert_eq!(draft.scan(&scrim, &text)?.findings[0].entity, "EMAIL_ADDRESS");
    /// text.push_str(" or call +1 415 555 2671");
    /// assert_eq!(draft.scan(&scrim, &text)?.findings.len(), 2);
    /// # Ok::<(), scrim::Error>(())
    /// ```
    pub fn scan(&mut self, scrim: &Scrim, text: &str) -> Result<Report> {
        scrim.check_size(text)?;
        let provenance = scrim.provenance();
        if provenance.policy != self.policy {
            self.segments.clear();
            self.policy.clone_from(&provenance.policy);
        }
        let mut previous = std::mem::take(&mut self.segments);
        let mut analysis = Analysis { heuristics: heuristics(text), ..Analysis::default() };
        for (start, end) in segments(text) {
            let segment = &text[start..end];
            let found = match previous.remove_entry(segment) {
                Some((key, found)) => self.segments.entry(key).or_insert(found),
                None => self.segments.entry(segment.to_string()).or_insert_with(|| scrim.analyzer().segment_findings(segment)),
            };
            analysis.findings.extend(found.iter().cloned().map(|f| shifted(f, start)));
        }
        injection_score(&mut analysis);
        // The same judgement as a scan's, over the rule findings and the heuristics.
        let judgement = scrim.policy().judge(text, &analysis);
        Ok(Report {
            findings: judgement.findings,
            scores: analysis.scores,
            decision: judgement.decision,
            provenance: Provenance { models: Vec::new(), ..provenance.clone() },
            text: None,
            explanations: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_holds_no_text_of_the_draft() {
        let scrim = Scrim::builder().hash_key([1; 32]).build().unwrap();
        let mut draft = Draft::new();
        draft.scan(&scrim, "mail jane.doe@example.com\n\nsecret plans for Friday").unwrap();
        let shown = format!("{draft:?}");
        assert!(!shown.contains("jane") && !shown.contains("plans"), "{shown}");
        assert!(shown.contains("segments: 2"), "{shown}");
    }
}
