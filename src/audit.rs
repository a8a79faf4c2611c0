//! The local audit trail: what was decided, under which policy and models — never the data.
//!
//! Each record holds a timestamp, the operation, the policy id, the model digests, entity types
//! with counts, classifier scores, the decision and what was done. It never holds the prompt, a
//! matched value or a placeholder's value, so it can be handed to a compliance process as it is.
//! Records are chained: `prev` is the SHA-256 of the previous record's JSON line, so a removed or
//! edited record shows.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::policy::Action;
use crate::report::{ModelInfo, Report};

/// One decision, without the data it was about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRecord {
    /// Position in the trail, from 1.
    pub seq: u64,
    /// Milliseconds since the Unix epoch, from the skin's clock.
    pub timestamp_ms: u64,
    /// `scan` or `protect`.
    pub operation: &'static str,
    /// scrim's version.
    pub scrim: String,
    /// The policy id.
    pub policy: String,
    /// Models that ran, with their digests.
    pub models: Vec<ModelInfo>,
    /// Entity type → number of findings.
    pub entities: BTreeMap<String, usize>,
    /// Classifier scores.
    #[serde(serialize_with = "crate::finding::scores_4dp")]
    pub scores: BTreeMap<String, f32>,
    /// The decision.
    pub decision: Action,
    /// Entity types and score labels that raised the decision.
    pub reasons: Vec<String>,
    /// How many values `protect` replaced.
    pub replaced: usize,
    /// Length of the screened text in bytes (not the text).
    pub input_bytes: usize,
    /// SHA-256 (hex) of the previous record's JSON line; empty for the first.
    pub prev: String,
}

/// An append-only list of [`AuditRecord`]s.
#[derive(Debug, Clone, Default)]
pub struct AuditTrail {
    lines: Vec<String>,
}

impl AuditTrail {
    /// Append the record of one result.
    pub fn record(&mut self, operation: &'static str, report: &Report, input_bytes: usize, timestamp_ms: u64) -> AuditRecord {
        let mut entities = BTreeMap::new();
        for f in &report.findings {
            *entities.entry(f.entity.clone()).or_insert(0) += 1;
        }
        let prev = self.lines.last().map(|l| hex::encode(Sha256::digest(l.as_bytes()))).unwrap_or_default();
        let record = AuditRecord {
            seq: self.lines.len() as u64 + 1,
            timestamp_ms,
            operation,
            scrim: report.provenance.scrim.clone(),
            policy: report.provenance.policy.clone(),
            models: report.provenance.models.clone(),
            entities,
            scores: report.scores.clone(),
            decision: report.decision.action,
            reasons: report.decision.reasons.iter().map(|r| format!("{}:{}", r.kind.as_str(), r.name)).collect(),
            replaced: report.findings.iter().filter(|f| f.replacement.is_some()).count(),
            input_bytes,
            prev,
        };
        self.lines.push(serde_json::to_string(&record).expect("audit records serialize"));
        record
    }

    /// The trail as JSON Lines, oldest first.
    pub fn to_jsonl(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the trail is empty.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}
