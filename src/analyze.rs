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
    /// Classifier scores by label, in [0, 1].
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
            ner_checks: RecognizerConfig::embedded().ner_spans,
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
        Ok(analysis)
    }

    /// The rule findings of one segment (see [`segments`]), offsets relative to it: a function of
    /// the segment's text alone, which is what lets [`crate::draft::Draft`] reuse it while the rest
    /// of a draft changes.
    pub(crate) fn segment_findings(&self, segment: &str) -> Vec<Finding> {
        let normalized = Normalized::new(segment);
        let mut findings = self.recognizers.run(normalized.text());
        if !normalized.is_identity() {
            for f in &mut findings {
                (f.start, f.end) = normalized.to_original(f.start, f.end);
                f.text = segment[f.start..f.end].to_string();
            }
        }
        findings
    }

    #[cfg(feature = "models")]
    fn run_models(&self, text: &str, options: &ScanOptions, analysis: &mut Analysis) -> Result<()> {
        use crate::model::injection::{LABEL, MIN_WINDOW_WORDS};
        let Some(models) = &self.bundled else { return Ok(()) };
        let on = &self.models;
        if on.toxicity {
            for (label, score) in &models.toxicity.scores(text)?.labels {
                analysis.scores.insert(label.clone(), *score);
            }
            if options.explain {
                analysis.explanations.insert("toxicity".into(), models.toxicity.explain(text)?);
            }
        }
        // Under MIN_WINDOW_WORDS words the model's bias dominates ("first line" scored 0.97,
        // three short lines 0.96): it judges longer texts only. Short direct injections ("ignore
        // previous instructions") are the heuristics' job, and they still run.
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
            for span in models.ner.find(text)? {
                let value = &text[span.start..span.end];
                if !self.ner_checks.plausible(&span.entity, value) {
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
    CompiledRecognizers::new(&config, &|def| policy.runs_recognizer(def.id, &config), &custom, &deny, limits)
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

/// `f` with its offsets moved `by` bytes later (from a segment's offsets to the text's).
pub(crate) fn shifted(mut f: Finding, by: usize) -> Finding {
    f.start += by;
    f.end += by;
    f
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
