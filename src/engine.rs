//! The screening pipeline: normalize → recognize → merge → decide → operate.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, Weak};

use serde::Serialize;

use crate::audit::AuditTrail;
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{merge, Finding, Source, SourceKind};
use crate::normalize::Normalized;
use crate::offsets::{OffsetMap, OffsetUnit};
use crate::operator::{self, HashKey};
use crate::policy::{Action, Operator, Policy};
use crate::recognizer::compiled::{CustomPattern, PatternLimits};
use crate::recognizer::{CompiledRecognizers, RecognizerConfig};
use crate::vault::{Restorer, Vault};

/// The version of scrim that made a result.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why the decision is what it is: one entry per entity type or score that raised it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The action this reason calls for.
    pub action: Action,
    /// `entity` (a finding type), `score` (a classifier label) or `heuristic` (an injection rule).
    pub kind: &'static str,
    /// The entity type or score label.
    pub name: String,
    /// How many findings of this entity (1 for a score).
    pub count: usize,
    /// The highest score involved.
    #[serde(serialize_with = "crate::finding::score_4dp")]
    pub score: f32,
    /// One sentence for the person typing.
    pub message: String,
}

/// The policy's verdict on a prompt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// The strongest action any finding or score calls for (`allow` when nothing does).
    pub action: Action,
    /// Every finding type and score that called for more than `allow`, strongest first.
    pub reasons: Vec<Reason>,
}

/// A model that took part in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelInfo {
    /// The model's name (`toxicity`, `ner`, `injection`).
    pub name: String,
    /// Its version, from its sidecar.
    pub version: String,
    /// `sha256:` and the hex SHA-256 of the `.onnx` file.
    pub sha256: String,
}

/// What made a result: for accountability, without the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// scrim's version.
    pub scrim: String,
    /// The policy id (hash of the normalized policy).
    pub policy: String,
    /// The models that ran.
    pub models: Vec<ModelInfo>,
}

/// The result of [`Scrim::scan`] and [`Scrim::protect`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// What was found, sorted by start; UTF-8 byte offsets into the screened text.
    pub findings: Vec<Finding>,
    /// Classifier scores by label, in [0, 1].
    #[serde(serialize_with = "crate::finding::scores_4dp")]
    pub scores: BTreeMap<String, f32>,
    /// The policy's decision.
    pub decision: Decision,
    /// The scrim version, policy id and model digests that made this result.
    pub provenance: Provenance,
    /// The protected text (`protect` only): what the hosted model may receive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Why each classifier scored what it did: signed per-word contributions (only when asked
    /// for with [`ScanOptions::explain`]), keyed by model name.
    #[cfg(feature = "models")]
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub explanations: BTreeMap<String, crate::model::classifier::Explanation>,
}

/// Options of one scan or protect call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// Add per-word explanations of the classifier scores (exact for scrim's additive models).
    pub explain: bool,
}

impl Report {
    /// Re-express every finding's offsets, counted in UTF-8 bytes of `text` (the text this report
    /// was made from), in `unit`: UTF-16 code units for JS, code points for the CLI's JSON.
    pub fn convert_offsets(&mut self, text: &str, unit: OffsetUnit) {
        if unit == OffsetUnit::Utf8 {
            return;
        }
        let map = OffsetMap::new(text, unit);
        for f in &mut self.findings {
            f.start = map.convert(f.start);
            f.end = map.convert(f.end);
        }
        #[cfg(feature = "models")]
        for e in self.explanations.values_mut() {
            for l in &mut e.labels {
                for w in &mut l.words {
                    w.start = map.convert(w.start);
                    w.end = map.convert(w.end);
                }
            }
        }
    }
}

/// Builds a [`Scrim`] with a policy and options.
#[derive(Default)]
pub struct ScrimBuilder {
    policy: Option<Policy>,
    key: Option<[u8; 32]>,
    vault: Option<Vault>,
    audit: bool,
    clock: Option<Clock>,
}

/// Milliseconds since the Unix epoch (the audit trail's clock; wasm32 has no system clock).
pub type Clock = Box<dyn Fn() -> u64 + Send + Sync>;

impl std::fmt::Debug for ScrimBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScrimBuilder").field("audit", &self.audit).finish_non_exhaustive()
    }
}

impl ScrimBuilder {
    /// Use this policy instead of the embedded default.
    pub fn policy(&mut self, policy: Policy) -> &mut Self {
        self.policy = Some(policy);
        self
    }

    /// The secret key of the hash operator (random per instance if not set; required on wasm32,
    /// where the bindings take it from `crypto.getRandomValues`).
    pub fn hash_key(&mut self, key: [u8; 32]) -> &mut Self {
        self.key = Some(key);
        self
    }

    /// Continue a conversation: start from an imported vault.
    pub fn vault(&mut self, vault: Vault) -> &mut Self {
        self.vault = Some(vault);
        self
    }

    /// Keep a local audit trail of every scan and protect (no values, no text).
    pub fn audit(&mut self, on: bool) -> &mut Self {
        self.audit = on;
        self
    }

    /// The audit trail's clock (default: the system clock; required on wasm32 for real times).
    pub fn clock(&mut self, clock: Clock) -> &mut Self {
        self.clock = Some(clock);
        self
    }

    /// Compile the policy's recognizers and load the models it switches on.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Pattern`] if a custom pattern does not compile or exceeds the limits;
    /// [`ErrorKind::Model`] if a bundled model fails to load.
    pub fn build(&mut self) -> Result<Scrim> {
        let policy = self.policy.clone().unwrap_or_else(Policy::embedded);
        let key = match self.key {
            Some(k) => k,
            None => random_key()?,
        };
        let policy_id = policy.id();
        let link_aliases = policy.link_aliases;
        #[cfg(feature = "models")]
        let policy_models_on = policy.models.toxicity || policy.models.injection || policy.models.ner;
        let recognizers = shared_recognizers(&policy, &policy_id)?;
        Ok(Scrim {
            policy_id,
            policy,
            recognizers,
            vault: {
                let mut v = self.vault.clone().unwrap_or_else(Vault::new);
                v.set_link_aliases(link_aliases);
                v
            },
            key: HashKey(key),
            audit: self.audit.then(AuditTrail::default),
            #[cfg(feature = "models")]
            models: if policy_models_on { Some(crate::model::bundled::get()?) } else { None },
            clock: self.clock.take().unwrap_or_else(|| Box::new(system_clock)),
        })
    }
}

fn system_clock() -> u64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
    }
    #[cfg(target_arch = "wasm32")]
    {
        0
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn random_key() -> Result<[u8; 32]> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| Error::new(ErrorKind::Policy, format!("no randomness for the hash key: {e}")))?;
    Ok(key)
}

#[cfg(target_arch = "wasm32")]
fn random_key() -> Result<[u8; 32]> {
    Err(Error::new(ErrorKind::Policy, "on wasm32 the hash key must be given (ScrimBuilder::hash_key)"))
}

/// Compiled recognizers are immutable, so every instance with the same policy shares one set:
/// a second `Scrim` (a new conversation) costs no regex compilation.
fn shared_recognizers(policy: &Policy, policy_id: &str) -> Result<Arc<CompiledRecognizers>> {
    static CACHE: Mutex<Vec<(String, Weak<CompiledRecognizers>)>> = Mutex::new(Vec::new());
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.retain(|(_, w)| w.strong_count() > 0);
    if let Some(hit) = cache.iter().find(|(id, _)| id == policy_id).and_then(|(_, w)| w.upgrade()) {
        return Ok(hit);
    }
    let compiled = Arc::new(compile_recognizers(policy)?);
    cache.push((policy_id.to_string(), Arc::downgrade(&compiled)));
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
        compiled_size: 1 << 20,
    };
    CompiledRecognizers::new(&config, &|def, by_default| policy.recognizers.is_on(def.id, by_default), &custom, &deny, limits)
}

/// A screening engine for one conversation: a compiled policy, the loaded models and the vault
/// of placeholders minted so far.
pub struct Scrim {
    policy: Policy,
    policy_id: String,
    recognizers: Arc<CompiledRecognizers>,
    vault: Vault,
    key: HashKey,
    audit: Option<AuditTrail>,
    clock: Clock,
    /// The bundled models (shared by all instances), when the policy turns any on.
    #[cfg(feature = "models")]
    models: Option<Arc<crate::model::bundled::Bundled>>,
}

impl std::fmt::Debug for Scrim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scrim").field("policy", &self.policy_id).field("vault", &self.vault).finish_non_exhaustive()
    }
}

impl Scrim {
    /// An engine with the embedded default policy.
    ///
    /// # Errors
    ///
    /// Only if a bundled model fails to load, or (wasm32) no hash key was given.
    pub fn new() -> Result<Scrim> {
        Scrim::builder().build()
    }

    /// A builder, to set a policy, a hash key or a vault.
    pub fn builder() -> ScrimBuilder {
        ScrimBuilder::default()
    }

    /// The policy in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The vault of this conversation.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Replace the vault (e.g. with one imported after a page reload).
    pub fn set_vault(&mut self, mut vault: Vault) {
        vault.set_link_aliases(self.policy.link_aliases);
        self.vault = vault;
    }

    /// Findings, scores and the decision for `text`. Changes nothing and mints no placeholder.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InputTooLarge`] if `text` exceeds `policy.limits.max_input_bytes`.
    pub fn scan(&self, text: &str) -> Result<Report> {
        self.scan_with(text, ScanOptions::default())
    }

    /// [`Scrim::scan`] with options (explanations).
    ///
    /// # Errors
    ///
    /// As [`Scrim::scan`].
    pub fn scan_with(&self, text: &str, options: ScanOptions) -> Result<Report> {
        let analysis = self.analyze(text, options)?;
        let decision = self.decide(&analysis.findings, &analysis.scores);
        Ok(analysis.into_report(decision, self.provenance(), None))
    }

    /// Like [`Scrim::scan`], and the result is added to the audit trail when it is on.
    ///
    /// # Errors
    ///
    /// As [`Scrim::scan`].
    pub fn scan_audited(&mut self, text: &str, options: ScanOptions) -> Result<Report> {
        let report = self.scan_with(text, options)?;
        if let Some(trail) = &mut self.audit {
            trail.record("scan", &report, text.len(), (self.clock)());
        }
        Ok(report)
    }

    /// The audit trail as JSON Lines (empty when the trail is off).
    pub fn audit_jsonl(&self) -> String {
        self.audit.as_ref().map(AuditTrail::to_jsonl).unwrap_or_default()
    }

    /// Screen `text` and produce what the hosted model may receive: every value whose action is
    /// `redact` (or `block`) replaced by its operator. Placeholders are minted in this instance's
    /// vault, so the same value gets the same placeholder across calls.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InputTooLarge`] if `text` exceeds `policy.limits.max_input_bytes`.
    ///
    /// # Example
    ///
    /// ```
    /// let mut scrim = scrim::Scrim::new()?;
    /// let out = scrim.protect("Mail jane.doe@example.com, card 4111 1111 1111 1111")?;
    /// assert_eq!(out.text.as_deref(), Some("Mail [EMAIL_ADDRESS_1], card [CREDIT_CARD_1]"));
    /// assert_eq!(scrim.restore("Sent to [EMAIL_ADDRESS_1]."), "Sent to jane.doe@example.com.");
    /// # Ok::<(), scrim::Error>(())
    /// ```
    pub fn protect(&mut self, text: &str) -> Result<Report> {
        self.protect_with(text, ScanOptions::default())
    }

    /// [`Scrim::protect`] with options (explanations).
    ///
    /// # Errors
    ///
    /// As [`Scrim::protect`].
    pub fn protect_with(&mut self, text: &str, options: ScanOptions) -> Result<Report> {
        let mut analysis = self.analyze(text, options)?;
        let decision = self.decide(&analysis.findings, &analysis.scores);
        let findings = &mut analysis.findings;
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in findings.iter_mut() {
            if !matches!(f.action, Action::Redact | Action::Block) || f.start < at {
                continue;
            }
            let (_, op, _) = self.policy.rule(&f.entity);
            let replacement = operator::apply(op, &f.entity, &f.text, &mut self.vault, &self.key, &self.policy.mask);
            out.push_str(&text[at..f.start]);
            out.push_str(&replacement);
            at = f.end;
            if f.entity == "PERSON"
                && op == Operator::Placeholder
                && self.vault.value_of(&replacement).is_some_and(|v| v != f.text)
            {
                f.explanation.push(format!("alias of {replacement}: the same person named in full earlier"));
            }
            f.replacement = Some(replacement);
        }
        out.push_str(&text[at..]);
        let report = analysis.into_report(decision, self.provenance(), Some(out));
        if let Some(trail) = &mut self.audit {
            trail.record("protect", &report, text.len(), (self.clock)());
        }
        Ok(report)
    }

    /// Put the original values back into a reply wherever it contains placeholders this
    /// conversation minted.
    pub fn restore(&self, text: &str) -> String {
        self.vault.restore(text)
    }

    /// A streaming restorer for a reply that arrives in chunks.
    pub fn restorer(&self) -> Restorer {
        self.vault.restorer()
    }

    /// The scrim version, policy id and model digests behind every result of this instance.
    pub fn provenance(&self) -> Provenance {
        #[cfg(feature = "models")]
        let models = self
            .models
            .as_ref()
            .map(|m| {
                let on = &self.policy.models;
                m.info
                    .iter()
                    .filter(|i| match i.name.as_str() {
                        "toxicity" => on.toxicity,
                        "injection" => on.injection,
                        "ner" => on.ner,
                        _ => true,
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        #[cfg(not(feature = "models"))]
        let models = Vec::new();
        Provenance { scrim: VERSION.to_string(), policy: self.policy_id.clone(), models }
    }

    fn analyze(&self, text: &str, options: ScanOptions) -> Result<Analysis> {
        self.check_size(text)?;
        let mut findings = Vec::new();
        for (start, end) in segments(text) {
            findings.extend(self.segment_findings(&text[start..end]).into_iter().map(|f| shifted(f, start)));
        }
        let mut analysis = Analysis::default();
        #[cfg(feature = "models")]
        self.run_models(text, options, &mut findings, &mut analysis)?;
        #[cfg(not(feature = "models"))]
        let _ = options;
        analysis.findings = self.settle(text, findings);
        Ok(analysis)
    }

    pub(crate) fn check_size(&self, text: &str) -> Result<()> {
        let limit = self.policy.limits.max_input_bytes;
        if text.len() > limit {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                format!(
                    "input is {} bytes; the limit is {limit} (policy.limits.max_input_bytes); nothing was screened",
                    text.len()
                ),
            ));
        }
        Ok(())
    }

    /// The rule findings of one segment (see [`segments`]), offsets relative to it, already
    /// filtered by the policy's min_score and allow list: a function of the segment's text alone,
    /// which is what lets [`crate::draft::Draft`] reuse it while the rest of a draft changes.
    pub(crate) fn segment_findings(&self, segment: &str) -> Vec<Finding> {
        let normalized = Normalized::new(segment);
        let mut findings = self.recognizers.run(normalized.text());
        if !normalized.is_identity() {
            for f in &mut findings {
                (f.start, f.end) = normalized.to_original(f.start, f.end);
                f.text = segment[f.start..f.end].to_string();
            }
        }
        findings.retain(|f| self.keep(f));
        findings
    }

    fn keep(&self, f: &Finding) -> bool {
        let (_, _, min_score) = self.policy.rule(&f.entity);
        f.score >= min_score && !self.policy.allow.iter().any(|a| a.eq_ignore_ascii_case(f.text.trim()))
    }

    /// From rule and model findings (each already past the policy's min_score and allow list) to
    /// the report's: resolve overlaps, spread each finding to every whole-word occurrence of its
    /// text, add the injection heuristics, attach the policy's actions.
    pub(crate) fn settle(&self, text: &str, findings: Vec<Finding>) -> Vec<Finding> {
        let mut findings = merge(findings);
        spread_findings(text, &mut findings, |f| matches!(self.policy.rule(&f.entity).0, Action::Redact | Action::Block));
        // Injection heuristics stand beside the PII findings, not in conflict with them: a
        // override phrase that contains an e-mail address must not hide the address.
        findings.extend(injection_findings(text).into_iter().filter(|f| self.keep(f)));
        findings.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        for f in &mut findings {
            f.action = self.policy.rule(&f.entity).0;
        }
        findings
    }

    #[cfg(feature = "models")]
    fn run_models(&self, text: &str, options: ScanOptions, findings: &mut Vec<Finding>, analysis: &mut Analysis) -> Result<()> {
        let Some(models) = &self.models else { return Ok(()) };
        let on = &self.policy.models;
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
        let min_words = crate::injection::model::MIN_WINDOW_WORDS;
        if on.injection && text.split_whitespace().nth(min_words - 1).is_some() {
            if options.explain {
                let (score, explanation) = models.injection.explain(text)?;
                analysis.scores.insert(crate::injection::model::LABEL.into(), score.score);
                analysis.explanations.insert("injection".into(), explanation);
            } else {
                analysis.scores.insert(crate::injection::model::LABEL.into(), models.injection.score(text)?.score);
            }
        }
        if on.ner {
            // The policy's min_score per entity is the operating point (the model card's
            // validation-tuned thresholds are in models/ner.json; the default policy sets its own).
            for span in models.ner.find(text) {
                if !plausible_ner_span(&span.entity, &text[span.start..span.end]) {
                    continue;
                }
                let finding = Finding {
                    text: text[span.start..span.end].to_string(),
                    explanation: vec![format!("NER model, mean tag probability {:.2}", span.score)],
                    entity: span.entity,
                    start: span.start,
                    end: span.end,
                    score: span.score,
                    validated: false,
                    source: Source { kind: SourceKind::Model, name: "model.ner".into(), pattern: None },
                    action: Action::Allow,
                    replacement: None,
                };
                if self.keep(&finding) {
                    findings.push(finding);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn decide(&self, findings: &[Finding], scores: &BTreeMap<String, f32>) -> Decision {
        let mut by_entity: BTreeMap<&str, (Action, usize, f32)> = BTreeMap::new();
        for f in findings {
            let e = by_entity.entry(&f.entity).or_insert((f.action, 0, 0.0));
            e.1 += 1;
            e.2 = e.2.max(f.score);
        }
        let mut reasons: Vec<Reason> = by_entity
            .into_iter()
            .filter(|(_, (a, _, _))| *a != Action::Allow)
            .map(|(entity, (action, count, score))| Reason {
                action,
                kind: if matches!(entity, "PROMPT_INJECTION" | "HIDDEN_TEXT") { "heuristic" } else { "entity" },
                name: entity.to_string(),
                count,
                score,
                message: entity_message(entity, action, count),
            })
            .collect();
        for (label, &score) in scores {
            let Some(t) = self.policy.scores.get(label) else { continue };
            let action = if score >= t.block {
                Action::Block
            } else if score >= t.warn {
                Action::Warn
            } else {
                continue;
            };
            let threshold = if action == Action::Block { t.block } else { t.warn };
            reasons.push(Reason {
                action,
                kind: "score",
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

pub(crate) fn shifted(mut f: Finding, by: usize) -> Finding {
    f.start += by;
    f.end += by;
    f
}

/// A sanity check on the NER model's spans: a street address has a number and a word and at
/// least two tokens ("380 MB, 4 collections" in a log is not one); a name or place has a letter.
#[cfg(feature = "models")]
fn plausible_ner_span(entity: &str, span: &str) -> bool {
    let letters = span.chars().filter(|c| c.is_alphabetic()).count();
    match entity {
        "ADDRESS" => {
            span.split_whitespace().count() >= 2
                && letters >= 3
                && span.chars().any(|c| c.is_numeric())
                && !span.contains(" MB")
                && !span.contains(" KB")
        }
        _ => letters >= 2,
    }
}

/// A finder may catch a value in one place and miss it in another: the NER model tagged "中文字"
/// in one context only; the phone rule found "+44 20 794" and missed it written again right after
/// it, "+44 20 794+44 20 794" (found by the protect fuzz target). Every other whole-word
/// occurrence of a finding's text becomes a finding too, so the same value is never replaced in
/// one place and sent in another. One Aho-Corasick pass over the distinct values, linear in the
/// text; `findings` are sorted and do not overlap (after [`merge`]).
fn spread_findings(text: &str, findings: &mut Vec<Finding>, replaced: impl Fn(&Finding) -> bool) {
    use crate::recognizer::compiled::is_word_boundary;
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

/// What analysis produced, before the policy's decision.
#[derive(Default)]
struct Analysis {
    findings: Vec<Finding>,
    scores: BTreeMap<String, f32>,
    #[cfg(feature = "models")]
    explanations: BTreeMap<String, crate::model::classifier::Explanation>,
}

impl Analysis {
    fn into_report(self, decision: Decision, provenance: Provenance, text: Option<String>) -> Report {
        Report {
            findings: self.findings,
            scores: self.scores,
            decision,
            provenance,
            text,
            #[cfg(feature = "models")]
            explanations: self.explanations,
        }
    }
}

/// The prompt-injection heuristics' hits as findings: `HIDDEN_TEXT` for invisible characters (the
/// default policy strips them), `PROMPT_INJECTION` for the rest, each with its rule id.
fn injection_findings(text: &str) -> Vec<Finding> {
    crate::injection::scan(text)
        .into_iter()
        .map(|h| Finding {
            entity: if h.family == crate::injection::Family::Hidden { "HIDDEN_TEXT" } else { "PROMPT_INJECTION" }.to_string(),
            start: h.start,
            end: h.end,
            score: h.score,
            validated: false,
            source: Source { kind: SourceKind::Heuristic, name: h.rule.to_string(), pattern: None },
            explanation: if h.detail.is_empty() { Vec::new() } else { vec![h.detail] },
            text: text[h.start..h.end].to_string(),
            action: Action::Allow,
            replacement: None,
        })
        .collect()
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
