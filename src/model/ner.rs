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

use super::token_features::{Gazetteer, NerFeaturizerConfig, Token, WordClusters};
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
    /// Word lists (list name → entries) whose hits are features, folded as they are read.
    pub gazetteer: Gazetteer,
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
        if sidecar.tags.len() > 256 {
            return Err(Error::new(
                ErrorKind::Model,
                format!("ner sidecar: {} tags, at most 256 are supported", sidecar.tags.len()),
            ));
        }
        // Decoding needs a tag every token may take, whatever came before it.
        if !sidecar.tags.iter().any(|t| t == "O") {
            return Err(Error::new(ErrorKind::Model, "ner sidecar: tags has no \"O\""));
        }
        for (i, tag) in sidecar.tags.iter().enumerate() {
            if tag != "O" && !(tag.starts_with("B-") || tag.starts_with("I-")) {
                return Err(Error::new(
                    ErrorKind::Model,
                    format!("ner sidecar: tags[{i}] is {tag:?}, expected \"O\", \"B-...\" or \"I-...\""),
                ));
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
/// `probs` holds `tags.len()` probabilities per token. The tags are read as the most likely
/// sequence that obeys BIO (Viterbi over the log-probabilities): `I-X` only after `B-X` or `I-X`,
/// never first. Reading each token's most likely tag alone instead loses names whose first word is
/// a toss-up: in "I am Jane Doe", "Jane" is O 0.56 / B-PERSON 0.44 and "Doe" I-PERSON 1.0, and only
/// the constrained reading gives "Jane Doe". A span is a `B-X` and the `I-X` after it; its score
/// is the mean over its tokens of the probability of `B-X` or `I-X` *given the constraints*
/// (forward-backward over the same lattice): "Doe" being I-PERSON leaves "Jane" no other reading
/// than B-PERSON, so the span scores ~1.0, not (0.44 + 1.0) / 2. Spans below the entity's
/// threshold are dropped. On validation this decoding is worth ~2 PERSON F1 points on real text.
/// The training pipeline (`models/train/ner/train.py`, `decode`) decodes the same way.
pub fn decode(sidecar: &NerSidecar, tokens: &[Token], probs: &[f32]) -> Vec<NerSpan> {
    let t = sidecar.tags.len();
    debug_assert_eq!(probs.len(), tokens.len() * t);
    let n = probs.len().checked_div(t).map_or(0, |rows| rows.min(tokens.len()));
    if n == 0 {
        return Vec::new();
    }
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
    let (path, marginals) = viterbi(&kinds, &probs[..n * t]);
    let entity_prob = |row: &[f64], e: usize| -> f32 {
        row.iter().zip(&kinds).filter(|(_, k)| k.is_some_and(|(_, x)| x == e)).map(|(p, _)| *p).sum::<f64>() as f32
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
    for (i, (row, &tag)) in marginals.chunks_exact(t).zip(&path).enumerate() {
        match kinds[tag] {
            None => close(&mut open, &mut out),
            // The path guarantees an I-X continues an open X span.
            Some((false, e)) if open.is_some_and(|(oe, ..)| oe == e) => {
                if let Some(o) = open.as_mut() {
                    o.2 = i;
                    o.3 += entity_prob(row, e);
                }
            }
            Some((_, e)) => {
                close(&mut open, &mut out);
                open = Some((e, i, i, entity_prob(row, e)));
            }
        }
    }
    close(&mut open, &mut out);
    out
}

/// Under BIO constraints (`kinds` as in [`decode`]): the most likely tag sequence, one tag index per
/// row of `probs` (ties go to the lower tag index, as numpy's `argmax` does in the training
/// decoder), and each token's tag probabilities given the constraints (forward-backward), row
/// after row. Memory: ~160 bytes per token on top of `probs` (the featurized ids already take 176).
fn viterbi(kinds: &[Option<(bool, usize)>], probs: &[f32]) -> (Vec<usize>, Vec<f64>) {
    let t = kinds.len();
    let n = probs.len() / t;
    // Every probability is floored, so every allowed step stays possible in both passes.
    let p = |i: usize, j: usize| f64::from(probs[i * t + j]).max(1e-12);
    // An I-X may follow B-X or I-X only, and may not open the text.
    let is_inside = |j: usize| matches!(kinds[j], Some((false, _)));
    let allowed = |prev: usize, cur: usize| match kinds[cur] {
        Some((false, e)) => kinds[prev].is_some_and(|(_, pe)| pe == e),
        _ => true,
    };

    // Viterbi in log space; back-pointers as u8 (NerSidecar::from_json allows at most 256 tags).
    let mut score: Vec<f64> = (0..t).map(|j| if is_inside(j) { f64::NEG_INFINITY } else { p(0, j).ln() }).collect();
    let mut next = vec![f64::NEG_INFINITY; t];
    let mut back = vec![0u8; n * t];
    for i in 1..n {
        for (j, slot) in next.iter_mut().enumerate() {
            let (mut best, mut arg) = (f64::NEG_INFINITY, 0);
            for (q, &s) in score.iter().enumerate() {
                if allowed(q, j) && s > best {
                    (best, arg) = (s, q);
                }
            }
            *slot = best + p(i, j).ln();
            back[i * t + j] = arg as u8;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut tag = (0..t).fold(0, |b, j| if score[j] > score[b] { j } else { b });
    let mut path = vec![tag; n];
    for i in (1..n).rev() {
        tag = usize::from(back[i * t + tag]);
        path[i - 1] = tag;
    }

    // Forward-backward in probability space, each step scaled to sum 1 (no exp or log: ~80
    // multiply-adds per token); the marginals overwrite the forward pass.
    let mut alpha = vec![0.0; n * t];
    let mut scale = vec![0.0; n];
    for i in 0..n {
        for j in 0..t {
            let reach = if i == 0 {
                if is_inside(j) {
                    0.0
                } else {
                    1.0
                }
            } else {
                (0..t).filter(|&q| allowed(q, j)).map(|q| alpha[(i - 1) * t + q]).sum()
            };
            alpha[i * t + j] = reach * p(i, j);
        }
        scale[i] = alpha[i * t..(i + 1) * t].iter().sum::<f64>();
        alpha[i * t..(i + 1) * t].iter_mut().for_each(|a| *a /= scale[i]);
    }
    let mut beta = vec![1.0; t];
    let mut before = vec![0.0; t];
    for i in (0..n).rev() {
        alpha[i * t..(i + 1) * t].iter_mut().zip(&beta).for_each(|(a, b)| *a *= b);
        if i > 0 {
            for (q, slot) in before.iter_mut().enumerate() {
                *slot = (0..t).filter(|&j| allowed(q, j)).map(|j| p(i, j) * beta[j]).sum::<f64>() / scale[i];
            }
            std::mem::swap(&mut beta, &mut before);
        }
    }
    (path, alpha)
}

#[cfg(feature = "models")]
pub use runner::NerModel;

#[cfg(feature = "models")]
mod runner {
    use tract_onnx::prelude::*;

    use super::{decode, drop_unread_scripts, NerSidecar, NerSpan};
    use crate::error::{Error, ErrorKind, Result};
    use crate::model::token_features::{featurize_tokens, TokenFeatures};

    /// Tokens per network run. Longer texts run in overlapping windows.
    const WINDOW: usize = 512;
    /// Tokens of context kept on each side of a window; more than the network's receptive field
    /// (15 tokens), so windowed and whole-text results are the same.
    const MARGIN: usize = 16;

    /// The loaded NER model: parsed sidecar (gazetteer and clusters included) and an optimized
    /// tract plan, built once.
    pub struct NerModel {
        sidecar: NerSidecar,
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
        /// let spans = model.find("tell Priya Raman in Leeds that Acme's offer stands")?;
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
            let slots = sidecar.featurizer.slots(&sidecar.gazetteer, &sidecar.clusters);
            let mut model = tract_onnx::onnx().model_for_read(&mut &onnx[..]).map_err(|e| model_error("reading ONNX", e))?;
            let n = model.sym("N");
            model
                .set_input_fact(0, InferenceFact::dt_shape(i64::datum_type(), tvec![1.to_dim(), n.to_dim(), slots.to_dim()]))
                .map_err(|e| model_error("input shape", e))?;
            let plan = model.into_optimized().and_then(|m| m.into_runnable()).map_err(|e| model_error("optimizing", e))?;
            Ok(NerModel { sidecar, plan })
        }

        /// The sidecar the model was loaded with (tags, thresholds, version).
        pub fn sidecar(&self) -> &NerSidecar {
            &self.sidecar
        }

        /// Tokens and their ids, as the network sees them.
        pub fn featurize(&self, text: &str) -> TokenFeatures {
            featurize_tokens(text, &self.sidecar.featurizer, &self.sidecar.gazetteer, &self.sidecar.clusters)
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
            let input =
                tract_ndarray::Array3::from_shape_vec((1, n, slots), ids.to_vec()).map_err(|e| model_error("input", e))?;
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
        /// word-less text gives no spans.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::Model`] if tract fails to run the network. Never an empty list instead:
        /// names would then be sent unredacted in silence.
        pub fn find(&self, text: &str) -> Result<Vec<NerSpan>> {
            let features = self.featurize(text);
            if features.tokens.is_empty() {
                return Ok(Vec::new());
            }
            let probs = self.tag_probs(&features)?;
            let mut spans = decode(&self.sidecar, &features.tokens, &probs);
            drop_unread_scripts(text, &mut spans);
            // A span without a letter ("3" of "3 May") is no name, place or organisation.
            spans.retain(|sp| text[sp.start..sp.end].chars().any(char::is_alphabetic));
            Ok(spans)
        }
    }
}

/// Drops the spans of a text written in a script the model cannot read.
///
/// The model learnt non-Latin letters only as names: its training sentences are English (and
/// other Latin-script languages), with names from Faker's Chinese, Japanese, Korean, Cyrillic,
/// Arabic and Devanagari locales dropped into them. So in "please call 王伟 tomorrow" a Han span is
/// a name it has learnt, but in a Chinese sentence ("明天我们在北京见面") every run of Han letters
/// looks like one. A span with letters outside the Latin script is kept only when most of the
/// text's letters are Latin: the text is one the model reads, with a foreign-script name in it.
pub fn drop_unread_scripts(text: &str, spans: &mut Vec<NerSpan>) {
    use std::sync::LazyLock;
    // Letters of the Latin script / letters of any script / a letter of another script.
    static LATIN: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"\p{Latin}+").expect("valid"));
    static LETTERS: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"\p{L}+").expect("valid"));
    static FOREIGN: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"[\p{L}--\p{Latin}]").expect("valid"));
    let foreign = |s: &str| FOREIGN.is_match(s);
    if !spans.iter().any(|sp| foreign(&text[sp.start..sp.end])) {
        return;
    }
    let count = |re: &regex::Regex| re.find_iter(text).map(|m| m.as_str().chars().count()).sum::<usize>();
    if count(&LATIN) * 2 > count(&LETTERS) {
        return;
    }
    spans.retain(|sp| !foreign(&text[sp.start..sp.end]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, needle: &str) -> NerSpan {
        let start = text.find(needle).unwrap();
        NerSpan { start, end: start + needle.len(), entity: "PERSON".into(), score: 0.9 }
    }

    #[test]
    fn spans_of_a_text_in_an_unread_script_are_dropped() {
        let zh = "明天我们在北京见面，然后去上海";
        let mut spans = vec![span(zh, "明天我们在北京见面"), span(zh, "然后去上海")];
        drop_unread_scripts(zh, &mut spans);
        assert!(spans.is_empty(), "{spans:?}");
        // A Chinese name in an English sentence is one the model learnt to find: kept.
        let en = "please call 王伟 tomorrow about the invoice";
        let mut spans = vec![span(en, "王伟")];
        drop_unread_scripts(en, &mut spans);
        assert_eq!(spans.len(), 1);
        // Latin spans are kept whatever the text: "Zoë" in a Russian sentence is still a name.
        let ru = "Встретимся завтра с Zoë в Москве";
        let mut spans = vec![span(ru, "Zoë"), span(ru, "Москве")];
        drop_unread_scripts(ru, &mut spans);
        assert_eq!(spans.iter().map(|s| &ru[s.start..s.end]).collect::<Vec<_>>(), ["Zoë"]);
        // Combining marks are not letters of another script: "José" written with U+0301.
        let nfd = "ask Jose\u{301} Garci\u{301}a";
        let mut spans = vec![span(nfd, "Jose\u{301} Garci\u{301}a")];
        drop_unread_scripts(nfd, &mut spans);
        assert_eq!(spans.len(), 1);
    }

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
    fn decode_joins_b_and_i() {
        let s = sidecar();
        #[rustfmt::skip]
        let probs = [
            0.1, 0.8, 0.1, 0.0, 0.0, // B-PERSON
            0.1, 0.1, 0.8, 0.0, 0.0, // I-PERSON
            0.9, 0.0, 0.1, 0.0, 0.0, // O
            0.1, 0.0, 0.0, 0.9, 0.0, // B-LOCATION
        ];
        let spans = decode(&s, &toks(4), &probs);
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[0].start, spans[0].end, spans[0].entity.as_str()), (0, 3, "PERSON"));
        // Given BIO, the first token's I-PERSON (0.1) is impossible, so PERSON gets more than the
        // raw mean of 0.9 (the training decoder gives 0.93835).
        assert!((spans[0].score - 0.93835).abs() < 1e-4, "{}", spans[0].score);
        assert_eq!((spans[1].start, spans[1].end, spans[1].entity.as_str()), (6, 7, "LOCATION"));
    }

    #[test]
    fn decode_reads_the_tags_as_a_whole_not_token_by_token() {
        let s = sidecar();
        // "I am Jane Doe": "Jane" alone is more likely O (0.56) than B-PERSON (0.44), but "Doe" is
        // surely I-PERSON, which needs a B before it: the name is "Jane Doe", not "Doe".
        #[rustfmt::skip]
        let probs = [
            1.0,  0.0,  0.0, 0.0, 0.0,
            1.0,  0.0,  0.0, 0.0, 0.0,
            0.56, 0.44, 0.0, 0.0, 0.0,
            0.0,  0.0,  1.0, 0.0, 0.0,
        ];
        let spans = decode(&s, &toks(4), &probs);
        assert_eq!(spans.len(), 1, "{spans:?}");
        assert_eq!((spans[0].start, spans[0].end), (4, 7));
        assert!(spans[0].score > 0.99, "\"Doe\" leaves \"Jane\" no other reading: {}", spans[0].score);
        // An I-PERSON after a sure O, with no B anywhere near, is not a name on its own.
        let probs = [0.99, 0.01, 0.0, 0.0, 0.0, 0.3, 0.0, 0.7, 0.0, 0.0];
        assert!(decode(&s, &toks(2), &probs).is_empty());
        // And an I-X never opens the text.
        assert!(decode(&s, &toks(1), &[0.4, 0.0, 0.6, 0.0, 0.0]).is_empty());
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
        let err = NerSidecar::from_json(r#"{"name":"n","version":"1","tags":["B-X","I-X"],"featurizer":{"buckets":2,"affixes":[0,0],"gazetteer_max_words":1},"gazetteer":{}}"#)
            .unwrap_err();
        assert!(err.message().contains("no \"O\""), "{err}");
    }
}
