//! Text classifiers over hashed n-gram features: toxicity, prompt injection.
//!
//! A [`TextClassifier`] is an ONNX graph plus its sidecar JSON (`models/<name>.json`). The text is
//! featurized by [`crate::model::hashed_ngrams`] (the same code the training scripts called), the ids
//! go through the network once, and the scores come back in sidecar label order.
//!
//! # The model contract
//!
//! - input `ids`: int64 `[1, N]`, `N >= 1`; an empty text is fed as `[[0]]` (row 0 is padding).
//!   With `"input_layout": "words"` in the sidecar the ids come laid out by word instead,
//!   `[1, W, K]`: row `w` is word `w`'s ids padded with 0 to the longest word's count `K` (a
//!   model that reads words in order, such as the toxicity word CNN);
//! - output `probs`: float32 `[1, L]` in `[0, 1]`, labels as in the sidecar's `"labels"`;
//! - optional outputs `logits` (`[1, L]`) and `contributions` (`[1, N, L]`, one row per input id).
//!   A model with both is *additive*: `logits = bias + Σ contributions`. Then
//!   [`TextClassifier::explain`] is exact: the per-word contributions are sums of the rows of that
//!   word's ids and add up to the logit (up to f32 rounding, see [`EXACT_SUM_TOLERANCE`]).
//!   A model without them is explained by occlusion (each word's features removed in turn, see
//!   [`ExplanationMethod::Occlusion`]).
//!
//! # Example
//!
//! ```
//! # fn main() -> Result<(), scrim::Error> {
//! use scrim::model::classifier::TextClassifier;
//! let model = TextClassifier::from_bytes(
//!     include_bytes!("../../models/toxicity.onnx"),
//!     include_str!("../../models/toxicity.json"),
//! )?;
//! let scores = model.scores("you are a worthless idiot")?;
//! assert!(scores.get("toxicity").unwrap() > model.thresholds("toxicity").unwrap().warn);
//! let why = model.explain("you are a worthless idiot")?;
//! let top = why.label("toxicity").unwrap().top_word().unwrap();
//! assert_eq!(top.word, "idiot");
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tract_onnx::prelude::*;

use crate::error::{Error, ErrorKind, Result};
use crate::model::explanation::{Explanation, ExplanationMethod, LabelExplanation, WordContribution};
use crate::model::hashed_ngrams::{featurize, Features, FeaturizerConfig};

/// For an additive model, `|bias + Σ word contributions − logit|` (absolute, in logits) stays below
/// this. The decomposition is exact in real arithmetic; the gap is f32 rounding from summing up to
/// ~8,000 per-id terms in tract (measured: ~1e-6 for a sentence, ~1e-3 for 512 copies of one word,
/// the worst case since every term has the same sign).
pub const EXACT_SUM_TOLERANCE: f32 = 2e-3;

/// Words explained by occlusion at most (each costs one network run); later words get no
/// contribution. Additive models are explained exactly, in one run, whatever the length.
pub const MAX_OCCLUSION_WORDS: usize = 128;

/// Recommended score thresholds for one label (the policy decides what to do with them).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// At or above this score, warn the person typing.
    pub warn: f32,
    /// At or above this score, block (or ask for confirmation).
    pub block: f32,
}

/// The sidecar JSON of a text classifier (`models/<name>.json`). Unknown fields are allowed (model
/// cards keep notes there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifierSidecar {
    /// Model name, e.g. `"toxicity"`.
    pub name: String,
    /// Model version, e.g. `"0.1.0"`.
    pub version: String,
    /// Output labels, in the order of the `probs` columns.
    pub labels: Vec<String>,
    /// How text becomes ids; must be what the model was trained with.
    pub featurizer: FeaturizerConfig,
    /// Recommended warn/block thresholds per label (labels may be missing).
    #[serde(default)]
    pub thresholds: BTreeMap<String, Thresholds>,
    /// How the ids are fed to the graph.
    #[serde(default)]
    pub input_layout: InputLayout,
}

/// The shape of a classifier's `ids` input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputLayout {
    /// `[1, N]`: every feature id of the text in order (a bag of n-grams).
    #[default]
    Ids,
    /// `[1, W, K]`: one row per word, its ids padded with 0 to the longest word's count.
    Words,
}

/// Scores of one text, in sidecar label order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// `(label, score in [0, 1])` pairs.
    pub labels: Vec<(String, f32)>,
}

impl Scores {
    /// The score of `label`, if the model has it.
    pub fn get(&self, label: &str) -> Option<f32> {
        self.labels.iter().find(|(l, _)| l == label).map(|&(_, s)| s)
    }

    /// The highest-scoring label and its score.
    pub fn max(&self) -> Option<(&str, f32)> {
        self.labels.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|(l, s)| (l.as_str(), *s))
    }
}

/// Which graph outputs the model has, by position.
#[derive(Debug, Clone, Copy)]
struct OutputSlots {
    probs: usize,
    logits: Option<usize>,
    contributions: Option<usize>,
}

/// What one network run returns.
struct RunOutput {
    probs: Vec<f32>,
    logits: Vec<f32>,
    /// `[n_ids * labels]` when the model is additive.
    contributions: Option<Vec<f32>>,
}

/// A loaded text classifier: sidecar + optimized tract plan, built once and reused.
pub struct TextClassifier {
    sidecar: ClassifierSidecar,
    plan: Arc<TypedRunnableModel>,
    slots: OutputSlots,
    /// Logits of the empty text.
    bias: Vec<f32>,
}

impl std::fmt::Debug for TextClassifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextClassifier")
            .field("name", &self.sidecar.name)
            .field("version", &self.sidecar.version)
            .field("labels", &self.sidecar.labels)
            .field("additive", &self.is_additive())
            .finish()
    }
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-7, 1.0 - 1e-7);
    (p / (1.0 - p)).ln()
}

impl TextClassifier {
    /// Load a classifier from its ONNX bytes and sidecar JSON.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Model`] if the sidecar is malformed (the message names the field), the graph
    /// does not load with an int64 `[1, N]` input, it has no `probs` output, or a test run on the
    /// empty text gives a number of scores different from the sidecar's labels.
    pub fn from_bytes(onnx: &[u8], sidecar_json: &str) -> Result<Self> {
        let sidecar: ClassifierSidecar = serde_json::from_str(sidecar_json).map_err(|e| {
            Error::new(ErrorKind::Model, format!("classifier sidecar: {e} (line {}, column {})", e.line(), e.column()))
        })?;
        let name = sidecar.name.clone();
        let err = |what: &str, e: &dyn std::fmt::Display| Error::new(ErrorKind::Model, format!("{name} model: {what}: {e}"));
        if sidecar.labels.is_empty() {
            return Err(err("sidecar", &"\"labels\" is empty"));
        }
        let mut model = tract_onnx::onnx().model_for_read(&mut &onnx[..]).map_err(|e| err("reading ONNX", &e))?;
        let shape = match sidecar.input_layout {
            InputLayout::Ids => tvec![1.to_dim(), model.sym("N").to_dim()],
            InputLayout::Words => tvec![1.to_dim(), model.sym("W").to_dim(), model.sym("K").to_dim()],
        };
        model.set_input_fact(0, InferenceFact::dt_shape(i64::datum_type(), shape)).map_err(|e| err("input shape", &e))?;
        let names: Vec<String> = model
            .output_outlets()
            .map_err(|e| err("outputs", &e))?
            .iter()
            .map(|o| model.outlet_label(*o).map(str::to_owned).unwrap_or_else(|| model.node(o.node).name.clone()))
            .collect();
        let find = |want: &str| names.iter().position(|n| n == want);
        let slots = OutputSlots {
            probs: find("probs").ok_or_else(|| err("outputs", &format!("no output named \"probs\" (outputs: {names:?})")))?,
            logits: find("logits"),
            contributions: find("contributions"),
        };
        let plan = model.into_optimized().and_then(|m| m.into_runnable()).map_err(|e| err("optimizing", &e))?;
        let mut classifier = TextClassifier { sidecar, plan, slots, bias: Vec::new() };
        let empty = classifier.run(&[0], &[0])?;
        classifier.bias = empty.logits;
        Ok(classifier)
    }

    /// The sidecar the model was loaded with.
    pub fn sidecar(&self) -> &ClassifierSidecar {
        &self.sidecar
    }

    /// The labels, in score order.
    pub fn labels(&self) -> &[String] {
        &self.sidecar.labels
    }

    /// The recommended thresholds for `label`, if the sidecar has them.
    pub fn thresholds(&self, label: &str) -> Option<Thresholds> {
        self.sidecar.thresholds.get(label).copied()
    }

    /// Whether the model exposes per-id contributions (then [`explain`](Self::explain) is exact).
    pub fn is_additive(&self) -> bool {
        self.slots.logits.is_some() && self.slots.contributions.is_some()
    }

    /// The text as the model sees it: words with spans and their feature ids.
    pub fn featurize(&self, text: &str) -> Features {
        featurize(text, &self.sidecar.featurizer)
    }

    /// One network run over `ids`, `word_of[i]` being the word of `ids[i]` (the words layout
    /// groups by it; ids of one word are consecutive, as the featurizer emits them).
    fn run(&self, ids: &[i64], word_of: &[u32]) -> Result<RunOutput> {
        let name = &self.sidecar.name;
        let err = |what: &str, e: &dyn std::fmt::Display| Error::new(ErrorKind::Model, format!("{name} model: {what}: {e}"));
        let (ids, word_of): (&[i64], &[u32]) = if ids.is_empty() { (&[0], &[0]) } else { (ids, word_of) };
        let input: Tensor = match self.sidecar.input_layout {
            InputLayout::Ids => {
                tract_ndarray::Array2::from_shape_vec((1, ids.len()), ids.to_vec()).map_err(|e| err("input", &e))?.into()
            }
            InputLayout::Words => words_layout(ids, word_of).map_err(|e| err("input", &e))?.into(),
        };
        let outputs = self.plan.run(tvec![input.into()]).map_err(|e| err("running", &e))?;
        let labels = self.sidecar.labels.len();
        let plain = |slot: usize, want: &[usize]| -> Result<Vec<f32>> {
            let view = outputs[slot].to_plain_array_view::<f32>().map_err(|e| err("output", &e))?;
            if view.shape() != want {
                return Err(err("output", &format!("shape {:?}, expected {want:?} (sidecar labels: {labels})", view.shape())));
            }
            Ok(view.iter().copied().collect())
        };
        let probs = plain(self.slots.probs, &[1, labels])?;
        let logits = match self.slots.logits {
            Some(s) => plain(s, &[1, labels])?,
            None => probs.iter().map(|&p| logit(p)).collect(),
        };
        let contributions = match self.slots.contributions {
            Some(s) => Some(plain(s, &[1, ids.len(), labels])?),
            None => None,
        };
        Ok(RunOutput { probs, logits, contributions })
    }

    /// Logits and per-id contributions (`[ids.len() * labels]`) of one run of an additive model,
    /// `None` for a model without a `contributions` output. The windowed injection scorer derives
    /// every window's logit from one such run instead of running the network per window.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Model`] if tract fails to run the network.
    pub(crate) fn contributions(&self, ids: &[i64]) -> Result<Option<(Vec<f32>, Vec<f32>)>> {
        if !self.is_additive() {
            return Ok(None);
        }
        let out = self.run(ids, &[])?;
        Ok(out.contributions.map(|c| (out.logits, c)))
    }

    /// The logits of the empty text (the additive model's bias).
    pub(crate) fn bias(&self) -> &[f32] {
        &self.bias
    }

    /// The score of each label for `text`, in sidecar order.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Model`] if tract fails to run the network (a model that loaded should not).
    pub fn scores(&self, text: &str) -> Result<Scores> {
        let f = self.featurize(text);
        let out = self.run(&f.ids, &f.word_of)?;
        Ok(Scores { labels: self.sidecar.labels.iter().cloned().zip(out.probs).collect() })
    }

    /// The scores of `text` and, per label, each word's signed contribution to the logit, with
    /// byte spans in `text`.
    ///
    /// For an additive model (outputs `logits` and `contributions`) this is one network run and
    /// exact: `bias + Σ contributions = logit` within [`EXACT_SUM_TOLERANCE`]. Otherwise it is
    /// occlusion over the first [`MAX_OCCLUSION_WORDS`] words (one run per word).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Model`] if tract fails to run the network.
    pub fn explain(&self, text: &str) -> Result<Explanation> {
        let f = self.featurize(text);
        let out = self.run(&f.ids, &f.word_of)?;
        let labels = self.sidecar.labels.len();
        // f64 accumulation: the only rounding left is tract's own f32 sum (see EXACT_SUM_TOLERANCE).
        let mut per_word = vec![vec![0.0f64; labels]; f.words.len()];
        let method = match &out.contributions {
            Some(rows) if self.slots.logits.is_some() => {
                for (k, &w) in f.word_of.iter().enumerate() {
                    for (l, c) in per_word[w as usize].iter_mut().enumerate() {
                        *c += f64::from(rows[k * labels + l]);
                    }
                }
                ExplanationMethod::Exact
            }
            _ => {
                for (w, slot) in per_word.iter_mut().enumerate().take(MAX_OCCLUSION_WORDS) {
                    let (kept, kept_words): (Vec<i64>, Vec<u32>) =
                        f.ids.iter().zip(&f.word_of).filter(|(_, &wo)| wo as usize != w).map(|(&id, &wo)| (id, wo)).unzip();
                    let without = self.run(&kept, &kept_words)?;
                    for (l, c) in slot.iter_mut().enumerate() {
                        *c = f64::from(out.logits[l] - without.logits[l]);
                    }
                }
                ExplanationMethod::Occlusion
            }
        };
        let labels = self
            .sidecar
            .labels
            .iter()
            .enumerate()
            .map(|(l, label)| LabelExplanation {
                label: label.clone(),
                score: out.probs[l],
                logit: out.logits[l],
                bias: self.bias[l],
                words: f
                    .words
                    .iter()
                    .zip(&per_word)
                    .map(|(w, c)| WordContribution {
                        word: w.folded.clone(),
                        start: w.start,
                        end: w.end,
                        contribution: c[l] as f32,
                    })
                    .collect(),
            })
            .collect();
        Ok(Explanation { method, labels })
    }
}

/// The words layout `[1, W, K]` of `ids`: one row per run of equal `word_of`, padded with 0.
fn words_layout(ids: &[i64], word_of: &[u32]) -> std::result::Result<tract_ndarray::Array3<i64>, String> {
    if word_of.len() != ids.len() {
        return Err(format!("{} ids but {} word indices", ids.len(), word_of.len()));
    }
    let mut rows: Vec<&[i64]> = Vec::new();
    let mut start = 0;
    for i in 1..=ids.len() {
        if i == ids.len() || word_of[i] != word_of[start] {
            rows.push(&ids[start..i]);
            start = i;
        }
    }
    let k = rows.iter().map(|r| r.len()).max().unwrap_or(1);
    let mut out = tract_ndarray::Array3::<i64>::zeros((1, rows.len(), k));
    for (w, row) in rows.iter().enumerate() {
        for (j, &id) in row.iter().enumerate() {
            out[[0, w, j]] = id;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_layout_is_one_row_per_word_padded_with_zero() {
        let got = words_layout(&[5, 6, 7, 8, 9, 10], &[0, 0, 0, 1, 2, 2]).unwrap();
        assert_eq!(got.shape(), &[1, 3, 3]);
        assert_eq!(got.into_raw_vec_and_offset().0, vec![5, 6, 7, 8, 0, 0, 9, 10, 0]);
        // Occlusion removes a word's ids: the rows left are the other words.
        let got = words_layout(&[5, 6, 9, 10], &[0, 0, 2, 2]).unwrap();
        assert_eq!(got.shape(), &[1, 2, 2]);
        assert!(words_layout(&[1, 2], &[0]).is_err(), "ids and word indices of different lengths");
    }
}
