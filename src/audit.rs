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

use crate::error::{Error, ErrorKind, Result};
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

    /// Continue a trail exported by [`AuditTrail::to_jsonl`] (e.g. kept by the JS skin while the
    /// engine that wrote it was rebuilt after a crash): new records follow on from its last `seq`
    /// and chain to its last line.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Audit`] naming the line: not a JSON object, a `seq` out of order, or a `prev`
    /// that is not the SHA-256 of the line before it (a record removed or edited).
    pub fn resume(jsonl: &str) -> Result<AuditTrail> {
        let mut lines: Vec<String> = Vec::new();
        for (i, line) in jsonl.lines().filter(|l| !l.is_empty()).enumerate() {
            let n = i + 1;
            let bad = |what: &str| Error::new(ErrorKind::Audit, format!("audit trail line {n}: {what}"));
            let record: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(&format!("not JSON ({e})")))?;
            if record.get("seq").and_then(serde_json::Value::as_u64) != Some(n as u64) {
                return Err(bad(&format!("seq is not {n}")));
            }
            let prev = lines.last().map(|l| hex::encode(Sha256::digest(l.as_bytes()))).unwrap_or_default();
            if record.get("prev").and_then(serde_json::Value::as_str) != Some(prev.as_str()) {
                return Err(bad("prev is not the SHA-256 of the line before (a record was removed or edited)"));
            }
            lines.push(line.to_string());
        }
        Ok(AuditTrail { lines })
    }

    /// The records after the first `n`, as JSON Lines (what was added since the trail had `n`).
    pub fn jsonl_since(&self, n: usize) -> String {
        let mut s = String::new();
        for l in self.lines.iter().skip(n) {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    /// The trail as JSON Lines, oldest first.
    pub fn to_jsonl(&self) -> String {
        self.jsonl_since(0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Policy, ScanOptions, Scrim};

    fn engine_with(audit: bool) -> Scrim {
        let policy =
            Policy::from_overrides(serde_json::json!({"models": {"toxicity": false, "injection": false, "ner": false}})).unwrap();
        Scrim::builder().policy(policy).hash_key([1; 32]).audit(audit).build().unwrap()
    }

    fn engine() -> Scrim {
        engine_with(true)
    }

    #[test]
    fn a_resumed_trail_continues_the_sequence_and_the_chain() {
        let mut a = engine();
        a.protect("mail jane@example.com", &ScanOptions::default()).unwrap();
        a.scan("hello", &ScanOptions::default()).unwrap();
        let mut b = engine();
        b.resume_audit(&a.audit_jsonl()).unwrap();
        b.protect("call +44 20 7946 0958", &ScanOptions::default()).unwrap();
        a.protect("call +44 20 7946 0958", &ScanOptions::default()).unwrap();
        let records = |jsonl: String| -> Vec<serde_json::Value> {
            jsonl.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).collect()
        };
        let (mine, theirs) = (records(b.audit_jsonl()), records(a.audit_jsonl()));
        assert_eq!(mine.len(), 3);
        assert_eq!(mine[2]["seq"], 3);
        assert_eq!(mine[..2], theirs[..2], "the records before the resume are kept as they were");
        assert_eq!(mine[2]["prev"], theirs[2]["prev"], "the new record chains to the last one resumed");
        assert_eq!(b.audit_jsonl_since(2).lines().count(), 1);
    }

    #[test]
    fn resume_refuses_a_trail_with_a_record_removed_or_edited() {
        let mut a = engine();
        for text in ["jane@example.com", "bob@example.org", "hello"] {
            a.protect(text, &ScanOptions::default()).unwrap();
        }
        let trail = a.audit_jsonl();
        let lines: Vec<&str> = trail.lines().collect();
        let removed = format!("{}\n{}\n", lines[0], lines[2]);
        let e = AuditTrail::resume(&removed).unwrap_err();
        assert!(e.kind() == ErrorKind::Audit && e.message().contains("line 2: seq is not 2"), "{e}");
        let edited = a.audit_jsonl().replacen("\"replaced\":1", "\"replaced\":0", 1);
        let e = AuditTrail::resume(&edited).unwrap_err();
        assert!(e.message().contains("line 2: prev"), "{e}");
        assert!(AuditTrail::resume("{\"seq\":1").unwrap_err().message().contains("line 1: not JSON"));
        assert_eq!(engine_with(false).resume_audit(&trail).unwrap_err().kind(), ErrorKind::Audit);
    }
}
