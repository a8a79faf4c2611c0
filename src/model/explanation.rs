//! Why a classifier scored what it did: signed per-word contributions to each label's logit.
//!
//! Plain data, compiled with or without the `models` feature, so a [`Report`](crate::Report) has
//! the same shape either way.

use serde::Serialize;

/// How an explanation was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExplanationMethod {
    /// The model is additive over its feature ids: `logit = bias + Σ contributions`, exactly (up to
    /// [`EXACT_SUM_TOLERANCE`](crate::model::classifier::EXACT_SUM_TOLERANCE)).
    Exact,
    /// Each word's features removed in turn: `contribution = logit(text) − logit(text without the
    /// word's features)`. No sum guarantee (interactions are not attributed); only the first
    /// [`MAX_OCCLUSION_WORDS`](crate::model::classifier::MAX_OCCLUSION_WORDS) words are explained.
    Occlusion,
}

/// One word's signed share of a label's logit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct WordContribution {
    /// The folded word the features came from (`"idiot"` for `"ID10T"`).
    pub word: String,
    /// Byte offset of the word in the original text (a character boundary).
    pub start: usize,
    /// Byte offset just past the word in the original text.
    pub end: usize,
    /// Signed contribution to the logit: positive pushes the score up.
    pub contribution: f32,
}

/// Why one label got its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct LabelExplanation {
    /// The label.
    pub label: String,
    /// The score, `sigmoid(logit)`.
    pub score: f32,
    /// The logit the score came from.
    pub logit: f32,
    /// The model's logit for an empty text (what no word at all gives).
    pub bias: f32,
    /// Per word, in text order. Exact method: `bias + Σ contribution ≈ logit`.
    pub words: Vec<WordContribution>,
}

impl LabelExplanation {
    /// The word that pushed this label's score up the most, if any pushed it up.
    pub fn top_word(&self) -> Option<&WordContribution> {
        self.words.iter().filter(|w| w.contribution > 0.0).max_by(|a, b| a.contribution.total_cmp(&b.contribution))
    }

    /// `bias + Σ contributions`, which equals [`logit`](Self::logit) for an exact explanation.
    pub fn reconstructed_logit(&self) -> f32 {
        (f64::from(self.bias) + self.words.iter().map(|w| f64::from(w.contribution)).sum::<f64>()) as f32
    }
}

/// Per-label explanations of one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Explanation {
    /// How the contributions were computed.
    pub method: ExplanationMethod,
    /// One per label, in sidecar order.
    pub labels: Vec<LabelExplanation>,
}

impl Explanation {
    /// The explanation of `label`.
    pub fn label(&self, label: &str) -> Option<&LabelExplanation> {
        self.labels.iter().find(|l| l.label == label)
    }

    /// Move every word's offsets `by` bytes later (an explanation of a chunk of a longer text).
    #[cfg(feature = "models")]
    pub(crate) fn shift(&mut self, by: usize) {
        for l in &mut self.labels {
            for w in &mut l.words {
                w.start += by;
                w.end += by;
            }
        }
    }

    /// The highest score of any label.
    #[cfg(feature = "models")]
    pub(crate) fn top_score(&self) -> f32 {
        self.labels.iter().map(|l| l.score).fold(0.0, f32::max)
    }
}
