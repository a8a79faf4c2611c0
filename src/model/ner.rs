//! Names, places, organisations and street addresses: the learned recognizer (`models/ner.onnx`).
//!
//! Rules cannot find "tell Priya Raman in Leeds that Acme's offer stands". This module runs a small
//! token classifier over the text and returns byte spans with a score:
//!
//! ```text
//! text -> tokens + ids per token (ner_features) -> ONNX: ids [1, N, K] -> probs [1, N, T]
//!      -> BIO decoding -> spans scored by their tokens' mean probability -> thresholds per entity
//! ```
//!
//! The model, its tag set, featurizer settings, gazetteer and thresholds are data
//! (`models/ner.onnx` + `models/ner.json`, described in `models/ner.md`). The decoding is pure Rust
//! and always compiled; running the network needs the `models` feature.
//!
//! The spans are plain data for the engine, which merges them with rule findings (a validated rule
//! hit always wins over the model).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ner_features::{NerFeaturizerConfig, Token, WordClusters};
use crate::error::{Error, ErrorKind, Result};

/// The sidecar of the NER model (`models/ner.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct NerSidecar {
    /// Model name (`"ner"`).
    pub name: String,
    /// Model version, bumped on every retrain.
    pub version: String,
    /// The BIO tags in output order: `"O"`, then `"B-PERSON"`, `"I-PERSON"`, ...
    pub tags: Vec<String>,
    /// How text becomes ids.
    pub featurizer: NerFeaturizerConfig,
    /// Word lists (list name → entries) whose hits are features.
    pub gazetteer: BTreeMap<String, Vec<String>>,
    /// Word clusters from pretrained word vectors (none in older sidecars).
    #[serde(default)]
    pub clusters: WordClusters,
    /// Smallest span score kept, per entity (entities not listed use 0.5).
    #[serde(default)]
    pub thresholds: BTreeMap<String, f32>,
}

impl NerSidecar {
    /// Parse and check a sidecar.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Model`] if the JSON is malformed or a tag is not `O`, `B-X` or `I-X`.
    pub fn from_json(json: &str) -> Result<Self> {
        let sidecar: NerSidecar = serde_json::from_str(json)
            .map_err(|e| Error::new(ErrorKind::Model, format!("ner sidecar: {e} (line {}, column {})", e.line(), e.column())))?;
        for (i, tag) in sidecar.tags.iter().enumerate() {
            if tag != "O" && !(tag.starts_with("B-") || tag.starts_with("I-")) {
                return Err(Error::new(ErrorKind::Model, format!("ner sidecar: tags[{i}] is {tag:?}, expected \"O\", \"B-...\" or \"I-...\"")));
            }
        }
        Ok(sidecar)
    }

    fn threshold(&self, entity: &str) -> f32 {
        self.thresholds.get(entity).copied().unwrap_or(0.5)
    }
}

/// One entity the model found.
#[derive(Debug, Clone, PartialEq)]
pub struct NerSpan {
    /// `PERSON`, `LOCATION`, `ORGANIZATION` or `ADDRESS` (the tag names of the sidecar).
    pub entity: String,
    /// UTF-8 byte offset of the span's first character in the text.
    pub start: usize,
    /// UTF-8 byte offset just past the span's last character.
    pub end: usize,
    /// Mean probability of the span's entity over its tokens, in [0, 1].
    pub score: f32,
}

/// Turn per-token tag probabilities into entity spans.
///
/// `probs` holds `tags.len()` probabilities per token. Each token takes its most likely tag; a span
/// opens on `B-X`, or on `I-X` after anything but `X` (a missing `B` is forgiven), and grows over
/// `I-X`. Its score is the mean over its tokens of `P(B-X) + P(I-X)`; spans below the entity's
/// threshold are dropped. The training pipeline (`models/train/ner/decode.py`) decodes the same way.
pub fn decode(sidecar: &NerSidecar, tokens: &[Token], probs: &[f32]) -> Vec<NerSpan> {
    let t = sidecar.tags.len();
    debug_assert_eq!(probs.len(), tokens.len() * t);
    // For each tag: (is_begin, entity index in `entities`) or None for "O".
    let mut entities: Vec<&str> = Vec::new();
    let kinds: Vec<Option<(bool, usize)>> = sidecar
        .tags
        .iter()
        .map(|tag| {
            let (begin, name) = match tag.split_once('-') {
                Some(("B", name)) => (true, name),
                Some(("I", name)) => (false, name),
                _ => return None,
            };
            let e = entities.iter().position(|x| *x == name).unwrap_or_else(|| {
                entities.push(name);
                entities.len() - 1
            });
            Some((begin, e))
        })
        .collect();
    let entity_prob = |row: &[f32], e: usize| -> f32 {
        row.iter().zip(&kinds).filter(|(_, k)| k.is_some_and(|(_, x)| x == e)).map(|(p, _)| *p).sum()
    };
    let mut out = Vec::new();
    // The open span: entity, first token, last token, summed probability.
    let mut open: Option<(usize, usize, usize, f32)> = None;
    let close = |open: &mut Option<(usize, usize, usize, f32)>, out: &mut Vec<NerSpan>| {
        if let Some((e, first, last, sum)) = open.take() {
            let score = sum / (last - first + 1) as f32;
            if score >= sidecar.threshold(entities[e]) {
                out.push(NerSpan { entity: entities[e].to_string(), start: tokens[first].start, end: tokens[last].end, score });
            }
        }
    };
    for (i, row) in probs.chunks_exact(t).enumerate().take(tokens.len()) {
        let best = row.iter().enumerate().fold(0, |b, (j, p)| if *p > row[b] { j } else { b });
        match kinds[best] {
            None => close(&mut open, &mut out),
            Some((begin, e)) => {
                let continues = !begin && open.is_some_and(|(oe, ..)| oe == e);
                if continues {
                    if let Some(o) = open.as_mut() {
                        o.2 = i;
                        o.3 += entity_prob(row, e);
                    }
                } else {
                    close(&mut open, &mut out);
                    open = Some((e, i, i, entity_prob(row, e)));
                }
            }
        }
    }
    close(&mut open, &mut out);
    out
}

#[cfg(feature = "models")]
pub use runner::NerModel;

#[cfg(feature = "models")]
mod runner {
    use tract_onnx::prelude::*;

    use super::{decode, NerSidecar, NerSpan};
    use crate::error::{Error, ErrorKind, Result};
    use crate::model::ner_features::{featurize_tokens, Gazetteer, TokenFeatures};

    /// Tokens per network run. Longer texts run in overlapping windows.
    const WINDOW: usize = 512;
    /// Tokens of context kept on each side of a window; more than the network's receptive field
    /// (15 tokens), so windowed and whole-text results are the same.
    const MARGIN: usize = 16;

    /// The loaded NER model: parsed sidecar, gazetteer and an optimized tract plan, built once.
    pub struct NerModel {
        sidecar: NerSidecar,
        gazetteer: Gazetteer,
        plan: Arc<TypedRunnableModel>,
    }

    impl std::fmt::Debug for NerModel {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("NerModel").field("name", &self.sidecar.name).field("version", &self.sidecar.version).finish()
        }
    }

    fn model_error(what: &str, e: impl std::fmt::Display) -> Error {
        Error::new(ErrorKind::Model, format!("ner model: {what}: {e}"))
    }

    impl NerModel {
        /// Load the model from the ONNX bytes and the sidecar JSON.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::Model`] if the sidecar is malformed or the ONNX graph does not load with an
        /// input `[1, N, slots]` of int64 ids.
        ///
        /// # Example
        ///
        /// ```
        /// # fn main() -> Result<(), scrim::error::Error> {
        /// use scrim::model::ner::NerModel;
        /// let model = NerModel::from_bytes(
        ///     include_bytes!("../../models/ner.onnx"),
        ///     include_str!("../../models/ner.json"),
        /// )?;
        /// let spans = model.find("tell Priya Raman in Leeds that Acme's offer stands");
        /// assert!(spans.iter().any(|s| s.entity == "PERSON"));
        /// # Ok(()) }
        /// ```
        pub fn from_bytes(onnx: &[u8], sidecar_json: &str) -> Result<Self> {
            Self::from_sidecar(onnx, NerSidecar::from_json(sidecar_json)?)
        }

        /// Load the model from the ONNX bytes and an already parsed (possibly adjusted) sidecar.
        ///
        /// # Errors
        ///
        /// As [`NerModel::from_bytes`], for the ONNX part.
        pub fn from_sidecar(onnx: &[u8], sidecar: NerSidecar) -> Result<Self> {
            let gazetteer = Gazetteer::from_map(&sidecar.gazetteer);
            let slots = sidecar.featurizer.slots(&gazetteer, &sidecar.clusters);
            let mut model = tract_onnx::onnx().model_for_read(&mut &onnx[..]).map_err(|e| model_error("reading ONNX", e))?;
            let n = model.sym("N");
            model
                .set_input_fact(0, InferenceFact::dt_shape(i64::datum_type(), tvec![1.to_dim(), n.to_dim(), slots.to_dim()]))
                .map_err(|e| model_error("input shape", e))?;
            let plan = model
                .into_optimized()
                .and_then(|m| m.into_runnable())
                .map_err(|e| model_error("optimizing", e))?;
            Ok(NerModel { sidecar, gazetteer, plan })
        }

        /// The sidecar the model was loaded with (tags, thresholds, version).
        pub fn sidecar(&self) -> &NerSidecar {
            &self.sidecar
        }

        /// Tokens and their ids, as the network sees them.
        pub fn featurize(&self, text: &str) -> TokenFeatures {
            featurize_tokens(text, &self.sidecar.featurizer, &self.gazetteer, &self.sidecar.clusters)
        }

        /// Per-token tag probabilities (`tags.len()` per token, in sidecar order).
        ///
        /// # Errors
        ///
        /// [`ErrorKind::Model`] if tract fails to run the network (it should not for a model that
        /// loaded).
        pub fn tag_probs(&self, features: &TokenFeatures) -> Result<Vec<f32>> {
            let n = features.tokens.len();
            let t = self.sidecar.tags.len();
            let mut out = vec![0.0f32; n * t];
            let mut kept = 0;
            while kept < n {
                // Window [lo, hi) whose middle [kept, keep_to) is kept.
                let lo = kept.saturating_sub(MARGIN);
                let keep_to = (kept + WINDOW - 2 * MARGIN).min(n);
                let hi = (keep_to + MARGIN).min(n);
                let probs = self.run(&features.ids[lo * features.slots..hi * features.slots], hi - lo, features.slots)?;
                out[kept * t..keep_to * t].copy_from_slice(&probs[(kept - lo) * t..(keep_to - lo) * t]);
                kept = keep_to;
            }
            Ok(out)
        }

        fn run(&self, ids: &[i64], n: usize, slots: usize) -> Result<Vec<f32>> {
            let input = tract_ndarray::Array3::from_shape_vec((1, n, slots), ids.to_vec()).map_err(|e| model_error("input", e))?;
            let outputs = self.plan.run(tvec![Tensor::from(input).into()]).map_err(|e| model_error("running", e))?;
            let probs = outputs[0].to_plain_array_view::<f32>().map_err(|e| model_error("output", e))?;
            let expected = [1, n, self.sidecar.tags.len()];
            if probs.shape() != expected {
                return Err(model_error("output", format!("shape {:?}, expected {expected:?}", probs.shape())));
            }
            Ok(probs.iter().copied().collect())
        }

        /// The names, places, organisations and addresses in `text`, in text order.
        ///
        /// Offsets are UTF-8 byte offsets into `text`, on character boundaries. An empty or
        /// word-less text gives no spans. A failure of the network (which a loaded model should
        /// never have) also gives no spans: the rules still run.
        pub fn find(&self, text: &str) -> Vec<NerSpan> {
            let features = self.featurize(text);
            if features.tokens.is_empty() {
                return Vec::new();
            }
            match self.tag_probs(&features) {
                Ok(probs) => decode(&self.sidecar, &features.tokens, &probs),
                Err(_) => Vec::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sidecar() -> NerSidecar {
        NerSidecar::from_json(
            r#"{"name":"ner","version":"t","tags":["O","B-PERSON","I-PERSON","B-LOCATION","I-LOCATION"],
                "featurizer":{"buckets":16,"affixes":[2,3],"gazetteer_max_words":1},"gazetteer":{},
                "thresholds":{"LOCATION":0.9}}"#,
        )
        .unwrap()
    }

    fn toks(n: usize) -> Vec<Token> {
        (0..n).map(|i| Token { start: i * 2, end: i * 2 + 1 }).collect()
    }

    #[test]
    fn decode_joins_b_and_i_and_forgives_a_missing_b() {
        let s = sidecar();
        #[rustfmt::skip]
        let probs = [
            0.1, 0.8, 0.1, 0.0, 0.0, // B-PERSON
            0.1, 0.1, 0.8, 0.0, 0.0, // I-PERSON
            0.9, 0.0, 0.1, 0.0, 0.0, // O
            0.2, 0.0, 0.8, 0.0, 0.0, // I-PERSON without B: opens a span
        ];
        let spans = decode(&s, &toks(4), &probs);
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[0].start, spans[0].end), (0, 3));
        assert!((spans[0].score - 0.9).abs() < 1e-6);
        assert_eq!((spans[1].start, spans[1].end), (6, 7));
    }

    #[test]
    fn decode_drops_spans_below_the_entity_threshold() {
        let s = sidecar();
        let probs = [0.2, 0.0, 0.0, 0.8, 0.0]; // LOCATION at 0.8 < 0.9
        assert!(decode(&s, &toks(1), &probs).is_empty());
    }

    #[test]
    fn sidecar_rejects_unknown_tag_shapes() {
        let err = NerSidecar::from_json(r#"{"name":"n","version":"1","tags":["O","PERSON"],"featurizer":{"buckets":2,"affixes":[0,0],"gazetteer_max_words":1},"gazetteer":{}}"#)
            .unwrap_err();
        assert!(err.message().contains("tags[1]"), "{err}");
    }
}
