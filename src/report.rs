//! What a screening returns: the findings as the policy judged them, the classifier scores, the
//! decision, what made the result (provenance) and, for `protect`, the text that may be sent.
//!
//! These are the types every skin serializes: the JS API (UTF-16 offsets), the CLI (code points)
//! and the Rust API (UTF-8 bytes). Their shape is the same whatever Cargo features are on.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::Finding;
use crate::model::explanation::Explanation;
use crate::offsets::{OffsetMap, OffsetUnit};
use crate::policy::{Action, Operator};

/// The version of scrim that made a result.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A finding with what the policy does about it: the analysis's [`Finding`] (its fields are
/// serialized inline, and reachable through `Deref`), the action, and what the value became.
#[derive(Debug, Clone, PartialEq)]
pub struct JudgedFinding {
    /// What was found.
    pub finding: Finding,
    /// What the policy does about it.
    pub action: Action,
    /// How a value to redact is replaced (the policy's operator for the entity); `None` for the
    /// actions that send the value as it is.
    pub operator: Option<Operator>,
    /// What the value became in the protected text (`[EMAIL_ADDRESS_1]`, a mask, a hash), when
    /// `protect` replaced it.
    pub replacement: Option<String>,
}

/// A finding as the policy judged it, as JSON (the JS API's and the CLI's `JudgedFinding`): the
/// finding's fields, its action and its replacement.
#[derive(Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "JudgedFinding"))]
struct JudgedFindingJson<'a> {
    #[serde(flatten)]
    #[cfg_attr(feature = "typescript", ts(flatten))]
    finding: crate::finding::FindingJson<'a>,
    /// What the policy does about it.
    action: Action,
    /// What the value became in `protect`'s text (`[EMAIL_ADDRESS_1]`, a mask, a hash).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    replacement: Option<&'a str>,
}

impl Serialize for JudgedFinding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        JudgedFindingJson { finding: self.finding.json(), action: self.action, replacement: self.replacement.as_deref() }
            .serialize(s)
    }
}

impl std::ops::Deref for JudgedFinding {
    type Target = Finding;

    fn deref(&self) -> &Finding {
        &self.finding
    }
}

impl std::ops::DerefMut for JudgedFinding {
    fn deref_mut(&mut self) -> &mut Finding {
        &mut self.finding
    }
}

/// What raised a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// Findings of one entity type.
    Entity,
    /// A classifier score at or above a threshold.
    Score,
    /// A prompt-injection heuristic (findings of `PROMPT_INJECTION` or `HIDDEN_TEXT`).
    Heuristic,
    /// The text could not be screened (a skin that fails closed blocks it; the message says why).
    Error,
}

impl ReasonKind {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::Entity => "entity",
            ReasonKind::Score => "score",
            ReasonKind::Heuristic => "heuristic",
            ReasonKind::Error => "error",
        }
    }
}

/// Why the decision is what it is: one entry per entity type or score that raised it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Reason {
    /// The action this reason calls for.
    pub action: Action,
    /// What raised it.
    pub kind: ReasonKind,
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
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Decision {
    /// The strongest action any finding or score calls for (`allow` when nothing does).
    pub action: Action,
    /// Every finding type and score that called for more than `allow`, strongest first.
    pub reasons: Vec<Reason>,
}

/// A model that took part in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Provenance {
    /// scrim's version.
    pub scrim: String,
    /// The policy id (hash of the normalized policy).
    pub policy: String,
    /// The models that ran.
    pub models: Vec<ModelInfo>,
}

/// The result of [`Scrim::scan`](crate::Scrim::scan) and [`Scrim::protect`](crate::Scrim::protect).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Report {
    /// What was found, sorted by start; UTF-8 byte offsets into the screened text.
    #[cfg_attr(feature = "typescript", ts(as = "Vec<JudgedFindingJson<'static>>"))]
    pub findings: Vec<JudgedFinding>,
    /// Classifier scores by label, in [0, 1].
    #[serde(serialize_with = "crate::finding::scores_4dp")]
    pub scores: BTreeMap<String, f32>,
    /// The policy's decision.
    pub decision: Decision,
    /// The scrim version, policy id and model digests that made this result.
    pub provenance: Provenance,
    /// The protected text (`protect` only): what the hosted model may receive.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub text: Option<String>,
    /// Why each classifier scored what it did: signed per-word contributions (only when asked
    /// for with [`ScanOptions::explain`](crate::ScanOptions::explain)), keyed by model name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "typescript", ts(as = "Option<BTreeMap<String, Explanation>>", optional))]
    pub explanations: BTreeMap<String, Explanation>,
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
            f.finding.start = map.convert(f.finding.start);
            f.finding.end = map.convert(f.finding.end);
        }
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

/// `js/types.d.ts` is written from these types: the JS API's declarations cannot drift from what
/// the engine returns. `SCRIM_BLESS_TYPES=1 cargo test --features typescript` rewrites it.
#[cfg(all(test, feature = "typescript"))]
mod typescript {
    use ts_rs::{Config, TS};

    use super::*;
    use crate::finding::{Confirmation, FindingJson, Source, SourceKind};
    use crate::model::explanation::{ExplanationMethod, LabelExplanation, WordContribution};
    use crate::policy::{
        CustomRecognizer, DenyEntry, EntityRule, Limits, MaskSettings, ModelSwitches, Policy, RecognizerSwitches, Thresholds,
    };

    fn declaration<T: TS + ?Sized>(cfg: &Config) -> String {
        let docs = T::docs().map(|d| format!("{d}\n")).unwrap_or_default();
        format!("{docs}export {}\n", T::decl(cfg))
    }

    #[test]
    fn js_types_are_the_rust_types() {
        let cfg = Config::new();
        let parts = [
            declaration::<Action>(&cfg),
            declaration::<Operator>(&cfg),
            declaration::<SourceKind>(&cfg),
            declaration::<Source>(&cfg),
            declaration::<Confirmation>(&cfg),
            declaration::<FindingJson<'static>>(&cfg),
            declaration::<JudgedFindingJson<'static>>(&cfg),
            declaration::<ReasonKind>(&cfg),
            declaration::<Reason>(&cfg),
            declaration::<Decision>(&cfg),
            declaration::<ModelInfo>(&cfg),
            declaration::<Provenance>(&cfg),
            declaration::<ExplanationMethod>(&cfg),
            declaration::<WordContribution>(&cfg),
            declaration::<LabelExplanation>(&cfg),
            declaration::<Explanation>(&cfg),
            declaration::<Report>(&cfg),
            declaration::<EntityRule>(&cfg),
            declaration::<Thresholds>(&cfg),
            declaration::<DenyEntry>(&cfg),
            declaration::<CustomRecognizer>(&cfg),
            declaration::<MaskSettings>(&cfg),
            declaration::<ModelSwitches>(&cfg),
            declaration::<Limits>(&cfg),
            declaration::<RecognizerSwitches>(&cfg),
            declaration::<Policy>(&cfg),
        ];
        let generated = format!(
            "// Generated from scrim's Rust types (src/report.rs, `cargo test --features typescript`): do not edit.\n\
             // The doc comments are the Rust ones; in the JS API every offset (`start`, `end`) counts UTF-16\n\
             // code units (what String.prototype.slice uses), not UTF-8 bytes.\n\n{}",
            parts.join("\n")
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/types.d.ts");
        if std::env::var_os("SCRIM_BLESS_TYPES").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "js/types.d.ts differs from the Rust types: run SCRIM_BLESS_TYPES=1 cargo test --features typescript js_types"
        );
    }
}
