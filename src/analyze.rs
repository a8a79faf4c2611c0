//! Analysis: what is in a text, before any policy says what to do about it.
//!
//! ```text
//! text ─▶ segments ─▶ normalize ─▶ rule recognizers ──┐
//!      ─▶ NER model ─────────────────────────────────┼─▶ Analysis { findings, heuristics, scores, explanations }
//!      ─▶ injection heuristics ───────────────────────┤
//!      ─▶ toxicity and injection classifiers ─────────┘
//! ```
//!
//! An [`Analyzer`] is built from the parts of a policy that say *what to look for* (which
//! recognizers, custom patterns and deny-list values, which models), never from the parts that say
//! what to do with it (minimum scores, the allow list, actions): those are
//! [`Policy::judge`](crate::Policy::judge)'s. Every candidate is reported, overlapping ones too.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, Weak};

use crate::error::Result;
use crate::finding::{Finding, Source, SourceKind};
use crate::model::explanation::Explanation;
use crate::normalize::Normalized;
use crate::policy::{ModelSwitches, Policy};
#[cfg(feature = "models")]
use crate::recognizer::compiled::NerSpanChecks;
use crate::recognizer::compiled::{CustomPattern, PatternLimits};
use crate::recognizer::{CompiledRecognizers, RecognizerConfig};

/// Options of one scan or protect call (what the analysis computes beyond the findings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// Add per-word explanations of the classifier scores (exact for scrim's additive models).
    pub explain: bool,
}

/// What analysis found in one text: every candidate, before the policy's filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Rule and model findings (PII, secrets, names), possibly overlapping, in no set order; UTF-8
    /// byte offsets into the text.
    pub findings: Vec<Finding>,
    /// Prompt-injection heuristic hits (`PROMPT_INJECTION`, `HIDDEN_TEXT`). They stand beside the
    /// findings rather than compete with them: an override phrase that contains an e-mail address
    /// must not hide the address.
    pub heuristics: Vec<Finding>,
    /// Classifier scores by label, in [0, 1]. `prompt_injection` is always there: the highest of
    /// the injection heuristics' hit scores and, when the model ran (a text of ten words or more),
    /// the model's score (see [`crate::injection::SCORE_LABEL`]).
    pub scores: BTreeMap<String, f32>,
    /// Per-word explanations of the scores, keyed by model name (when asked for).
    pub explanations: BTreeMap<String, Explanation>,
}

/// Finds what is in a text: the compiled recognizers of a policy and the models it switches on.
pub struct Analyzer {
    recognizers: Arc<CompiledRecognizers>,
    models: ModelSwitches,
    #[cfg(feature = "models")]
    ner_checks: NerSpanChecks,
    #[cfg(feature = "models")]
    bundled: Option<Arc<crate::model::bundled::Bundled>>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("recognizers", &self.recognizers.ids().count()).field("models", &self.models).finish()
    }
}

impl Analyzer {
    /// Compile what `policy` looks for and load the models it switches on.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Pattern`](crate::ErrorKind::Pattern) if a custom pattern does not compile or
    /// exceeds the limits; [`ErrorKind::Model`](crate::ErrorKind::Model) if a bundled model fails
    /// to load.
    pub fn new(policy: &Policy) -> Result<Analyzer> {
        let models = policy.models.clone();
        #[cfg(feature = "models")]
        let bundled = if models.toxicity || models.injection || models.ner { Some(crate::model::bundled::get()?) } else { None };
        Ok(Analyzer {
            recognizers: shared_recognizers(policy)?,
            #[cfg(feature = "models")]
            ner_checks: RecognizerConfig::embedded().ner_spans.clone(),
            models,
            #[cfg(feature = "models")]
            bundled,
        })
    }

    /// The models this analyzer runs, with their digests (empty in a build without models).
    pub fn models(&self) -> Vec<crate::report::ModelInfo> {
        #[cfg(feature = "models")]
        if let Some(b) = &self.bundled {
            return b.info.iter().filter(|i| self.models.is_on(&i.name)).cloned().collect();
        }
        Vec::new()
    }

    /// Every candidate in `text`: rule findings segment by segment, the NER model's spans, the
    /// injection heuristics' hits and the classifier scores.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Model`](crate::ErrorKind::Model) if a model fails to run: the text was not
    /// fully screened, and nothing may be sent on the strength of this analysis.
    pub fn analyze(&self, text: &str, options: &ScanOptions) -> Result<Analysis> {
        let mut analysis = Analysis { heuristics: heuristics(text), ..Analysis::default() };
        for (start, end) in segments(text) {
            analysis.findings.extend(self.segment_findings(&text[start..end]).into_iter().map(|f| shifted(f, start)));
        }
        #[cfg(feature = "models")]
        self.run_models(text, options, &mut analysis)?;
        #[cfg(not(feature = "models"))]
        let _ = options;
        injection_score(&mut analysis);
        Ok(analysis)
    }

    /// The rule findings of one segment (see [`segments`]), offsets relative to it: a function of
    /// the segment's text alone, which is what lets [`crate::draft::Draft`] reuse it while the rest
    /// of a draft changes.
    pub(crate) fn segment_findings(&self, segment: &str) -> Vec<Finding> {
        let normalized = Normalized::new(segment);
        let mut findings = self.recognizers.run_typed(normalized.text(), normalized.typed_len());
        if !normalized.is_identity() {
            for f in &mut findings {
                (f.start, f.end) = normalized.to_original(f.start, f.end);
                f.text = segment[f.start..f.end].to_string();
            }
        }
        findings
    }

    /// The models over `text` in chunks of about [`MODEL_CHUNK_BYTES`] (see [`model_chunks`]):
    /// memory stays bounded by the chunk, not the document, and chunks run on every core with the
    /// `parallel` feature. A prompt shorter than a chunk is one chunk: the models see it whole.
    /// Scores are the highest any chunk got (an insult in one part of a long document counts as
    /// if it stood alone); each model's explanation is the one of the chunk it scored highest.
    #[cfg(feature = "models")]
    fn run_models(&self, text: &str, options: &ScanOptions, analysis: &mut Analysis) -> Result<()> {
        let chunks = model_chunks(text);
        let run = |&(start, end): &(usize, usize)| -> Result<Analysis> {
            let mut part = Analysis::default();
            self.run_models_on(&text[start..end], options, &mut part)?;
            part.findings = part.findings.into_iter().map(|f| shifted(f, start)).collect();
            for e in part.explanations.values_mut() {
                e.shift(start);
            }
            Ok(part)
        };
        #[cfg(feature = "parallel")]
        let parts: Vec<Result<Analysis>> = {
            use rayon::prelude::*;
            if chunks.len() > 1 {
                chunks.par_iter().map(run).collect()
            } else {
                chunks.iter().map(run).collect()
            }
        };
        #[cfg(not(feature = "parallel"))]
        let parts: Vec<Result<Analysis>> = chunks.iter().map(run).collect();
        for part in parts {
            let part = part?;
            analysis.findings.extend(part.findings);
            for (label, score) in part.scores {
                let best = analysis.scores.entry(label).or_insert(score);
                *best = best.max(score);
            }
            for (model, e) in part.explanations {
                let better = analysis.explanations.get(&model).is_none_or(|have| e.top_score() > have.top_score());
                if better {
                    analysis.explanations.insert(model, e);
                }
            }
        }
        Ok(())
    }

    /// The models over one chunk of text (offsets relative to it).
    #[cfg(feature = "models")]
    fn run_models_on(&self, text: &str, options: &ScanOptions, analysis: &mut Analysis) -> Result<()> {
        use crate::model::injection::{LABEL, MIN_WINDOW_WORDS};
        let Some(models) = &self.bundled else { return Ok(()) };
        let on = &self.models;
        if on.toxicity {
            // Each label's highest score over the chunk, each sentence and each word window alone.
            let scores = if options.explain {
                let (scores, explanation) = models.toxicity.explain(text)?;
                analysis.explanations.insert("toxicity".into(), explanation);
                scores.scores
            } else {
                models.toxicity.scores(text)?.scores
            };
            for (label, score) in scores.labels {
                analysis.scores.insert(label, score);
            }
        }
        // Under MIN_WINDOW_WORDS words the model's bias dominates ("first line" scored 0.97,
        // three short lines 0.96): it judges longer texts only. Short direct injections ("ignore
        // previous instructions", "say 'Access Granted'") are the heuristics' job: they still run
        // and give the score ([`injection_score`]).
        if on.injection && text.split_whitespace().nth(MIN_WINDOW_WORDS - 1).is_some() {
            if options.explain {
                let (score, explanation) = models.injection.explain(text)?;
                analysis.scores.insert(LABEL.into(), score.score);
                analysis.explanations.insert("injection".into(), explanation);
            } else {
                analysis.scores.insert(LABEL.into(), models.injection.score(text)?.score);
            }
        }
        if on.ner {
            let spans = models.ner.find(text)?;
            let labels = if spans.is_empty() { Vec::new() } else { merged(self.recognizers.field_labels(text)) };
            for span in spans {
                let value = &text[span.start..span.end];
                if !self.ner_checks.plausible(&span.entity, value)
                    || in_markup_tag(text, span.start)
                    || inside_any(&labels, span.start, span.end)
                {
                    continue;
                }
                analysis.findings.push(Finding {
                    text: value.to_string(),
                    explanation: vec![format!("NER model, mean tag probability {:.2}", span.score)],
                    entity: span.entity,
                    start: span.start,
                    end: span.end,
                    score: span.score,
                    confirmed: None,
                    source: Source { kind: SourceKind::Model, name: "model.ner".into(), pattern: None },
                });
            }
        }
        Ok(())
    }
}

/// Compiled recognizers are immutable, so every analyzer with the same policy shares one set: a
/// second `Scrim` (a new conversation) costs no regex compilation. Keyed by the policy id.
fn shared_recognizers(policy: &Policy) -> Result<Arc<CompiledRecognizers>> {
    static CACHE: Mutex<Vec<(String, Weak<CompiledRecognizers>)>> = Mutex::new(Vec::new());
    let id = policy.id();
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.retain(|(_, w)| w.strong_count() > 0);
    if let Some(hit) = cache.iter().find(|(cached, _)| *cached == id).and_then(|(_, w)| w.upgrade()) {
        return Ok(hit);
    }
    let compiled = Arc::new(compile_recognizers(policy)?);
    cache.push((id, Arc::downgrade(&compiled)));
    Ok(compiled)
}

fn compile_recognizers(policy: &Policy) -> Result<CompiledRecognizers> {
    let config = RecognizerConfig::embedded();
    let custom: Vec<CustomPattern> = policy
        .custom
        .iter()
        .map(|c| CustomPattern {
            entity: c.entity.clone(),
            name: c.name.clone().unwrap_or_else(|| c.entity.to_lowercase()),
            regex: c.pattern.clone(),
            score: c.score,
            context: c.context.clone(),
        })
        .collect();
    let deny: Vec<(String, String)> =
        policy.deny.iter().flat_map(|d| d.values.iter().map(move |v| (d.entity.clone(), v.clone()))).collect();
    let limits = PatternLimits {
        max_patterns: policy.limits.max_custom_patterns,
        max_pattern_len: policy.limits.max_pattern_bytes,
        compiled_size: policy.limits.max_compiled_pattern_bytes,
    };
    CompiledRecognizers::new(config, &|def| policy.runs_recognizer(def.id, config), &custom, &deny, limits)
}

/// The segments rules run on: the text between blank lines (a whitespace run with two or more
/// line breaks). No recognizer match and no context word reaches across a blank line, so a
/// segment's rule findings depend on its own text alone, and a draft being typed re-scans only the
/// paragraph that changed ([`crate::draft::Draft`]). Byte ranges, in order; the whitespace between
/// segments belongs to none.
pub(crate) fn segments(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while let Some(nl) = bytes[i..].iter().position(|&b| b == b'\n') {
        let nl = i + nl;
        // The whitespace run around this line break, and how many line breaks it holds.
        let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c');
        let run_start = bytes[..nl].iter().rposition(|&b| !is_space(b)).map_or(0, |p| p + 1).max(start);
        let run_end = bytes[nl..].iter().position(|&b| !is_space(b)).map_or(bytes.len(), |p| nl + p);
        if bytes[run_start..run_end].iter().filter(|&&b| b == b'\n').count() >= 2 {
            if run_start > start {
                out.push((start, run_start));
            }
            start = run_end;
        }
        i = run_end.max(nl + 1);
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// The size of the pieces a long text is given to the models in: far above any prompt (a prompt is
/// one piece, seen whole), small enough that a document's features never fill the memory.
#[cfg_attr(not(feature = "models"), allow(dead_code))]
pub const MODEL_CHUNK_BYTES: usize = 16 * 1024;

/// Byte ranges covering `text` that the models run on: whole segments (text between blank lines)
/// gathered up to [`MODEL_CHUNK_BYTES`]; a segment longer than that is cut at the line break, or
/// else the space, nearest before each multiple of the chunk size (at a character boundary if a
/// chunk's worth of text has neither). Ranges are in order, do not overlap and skip only the
/// whitespace between segments; a text of at most one chunk is one range.
#[cfg_attr(not(feature = "models"), allow(dead_code))]
pub(crate) fn model_chunks(text: &str) -> Vec<(usize, usize)> {
    if text.len() <= MODEL_CHUNK_BYTES {
        return if text.is_empty() { Vec::new() } else { vec![(0, text.len())] };
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (start, end) in segments(text) {
        match out.last_mut() {
            Some(last) if end - last.0 <= MODEL_CHUNK_BYTES => last.1 = end,
            _ => out.push((start, end)),
        }
    }
    let mut cut = Vec::with_capacity(out.len());
    for (mut start, end) in out {
        while end - start > MODEL_CHUNK_BYTES {
            let mut limit = start + MODEL_CHUNK_BYTES;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let window = &text[start..limit];
            let at = window.rfind('\n').or_else(|| window.rfind(' ')).map_or(limit, |i| start + i + 1);
            cut.push((start, at));
            start = at;
        }
        if start < end {
            cut.push((start, end));
        }
    }
    cut
}

/// Whether a span starting at `start` is the name of a markup tag (`td` of `<td>`, `b` of
/// `</b>`): the NER model reads tag names between cells as words.
#[cfg(feature = "models")]
fn in_markup_tag(text: &str, start: usize) -> bool {
    let before = &text[..start];
    before.ends_with('<') || before.ends_with("</")
}

/// `ranges` sorted by start with overlapping ones joined, for [`inside_any`].
#[cfg(feature = "models")]
fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Whether `start..end` lies within one of `merged` ranges (sorted, disjoint): a binary search, so
/// a document with many labels and many names stays linear-logarithmic.
#[cfg(feature = "models")]
fn inside_any(merged: &[(usize, usize)], start: usize, end: usize) -> bool {
    let k = merged.partition_point(|&(s, _)| s <= start);
    k > 0 && merged[k - 1].1 >= end
}

/// `f` with its offsets moved `by` bytes later (from a segment's offsets to the text's).
pub(crate) fn shifted(mut f: Finding, by: usize) -> Finding {
    f.start += by;
    f.end += by;
    f
}

/// Put `prompt_injection` into the scores of every analysis: the highest heuristic hit score (0
/// without hits), or the model's score where the model ran and scored higher. A prompt under ten
/// words, which the model does not judge, still gets a score.
pub(crate) fn injection_score(analysis: &mut Analysis) {
    let heuristic = analysis.heuristics.iter().map(|f| f.score).fold(0.0, f32::max);
    let score = analysis.scores.entry(crate::injection::SCORE_LABEL.to_string()).or_insert(heuristic);
    *score = score.max(heuristic);
}

/// The prompt-injection heuristics' hits as findings: `HIDDEN_TEXT` for invisible characters (the
/// default policy strips them), `PROMPT_INJECTION` for the rest, each with its rule id.
pub(crate) fn heuristics(text: &str) -> Vec<Finding> {
    use crate::entity::{HIDDEN_TEXT, PROMPT_INJECTION};
    crate::injection::scan(text)
        .into_iter()
        .map(|h| Finding {
            entity: if h.family == crate::injection::Family::Hidden { HIDDEN_TEXT } else { PROMPT_INJECTION }.to_string(),
            start: h.start,
            end: h.end,
            score: h.score,
            confirmed: None,
            source: Source { kind: SourceKind::Heuristic, name: h.rule.to_string(), pattern: None },
            explanation: if h.detail.is_empty() { Vec::new() } else { vec![h.detail] },
            text: text[h.start..h.end].to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_chunks(text: &str) -> Vec<(usize, usize)> {
        let chunks = model_chunks(text);
        let mut at = 0;
        for &(start, end) in &chunks {
            assert!(start >= at && start < end && end <= text.len(), "{start}..{end} after {at}");
            assert!(text[at..start].trim().is_empty(), "text skipped between chunks");
            assert!(end - start <= MODEL_CHUNK_BYTES, "{} bytes", end - start);
            at = end;
        }
        assert!(text[at..].trim().is_empty());
        chunks
    }

    #[test]
    fn a_prompt_is_one_chunk_and_a_document_is_cut_at_paragraphs_then_lines() {
        assert_eq!(check_chunks("mail jane@example.com\n\nthanks"), [(0, 29)]);
        let paragraph = format!("{}\n\n", "word ".repeat(400)); // 2,002 bytes
        let doc = paragraph.repeat(20);
        let chunks = check_chunks(&doc);
        assert_eq!(chunks.len(), 3, "{chunks:?}");
        assert!(
            chunks.iter().all(|&(s, e)| doc[s..e].ends_with("word ") || doc[s..e].ends_with("word")),
            "cut inside a paragraph"
        );
        // One huge paragraph of lines: cut after a line break.
        let lines = "a line of a log file, 40 bytes long....\n".repeat(2_000);
        let chunks = check_chunks(&lines);
        assert!(chunks.len() >= 5 && chunks.iter().all(|&(_, e)| lines[..e].ends_with('\n')), "{chunks:?}");
        // No line break, no space: cut at a character boundary.
        check_chunks(&"é".repeat(20_000));
        assert!(model_chunks("").is_empty());
    }
}
