//! The engine of one conversation: the pipeline's stages wired together.
//!
//! ```text
//! text ─▶ Analyzer::analyze ─▶ Policy::judge ─▶ operator::apply_all ─▶ Report     (protect)
//!                                                                    later: restore(reply) ◀─ Vault
//! ```
//!
//! [`Scrim::scan`] stops after judging; [`Scrim::protect`] also replaces the values the policy
//! redacts, minting placeholders in the conversation's [`Vault`]. Both record the result in the
//! audit trail when it is on.

use std::sync::Mutex;

use crate::analyze::{Analyzer, ScanOptions};
use crate::audit::AuditTrail;
use crate::error::{Error, ErrorKind, Result};
use crate::operator::{self, HashKey};
use crate::policy::Policy;
use crate::report::{Provenance, Report, VERSION};
use crate::vault::{Restorer, Vault};

/// Milliseconds since the Unix epoch (the audit trail's clock; wasm32 has no system clock).
pub type Clock = Box<dyn Fn() -> u64 + Send + Sync>;

/// Builds a [`Scrim`] with a policy and options.
#[derive(Default)]
pub struct ScrimBuilder {
    policy: Option<Policy>,
    key: Option<[u8; 32]>,
    vault: Option<Vault>,
    audit: bool,
    clock: Option<Clock>,
}

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
        let analyzer = Analyzer::new(&policy)?;
        let mut vault = self.vault.clone().unwrap_or_default();
        vault.set_link_aliases(policy.link_aliases);
        Ok(Scrim {
            provenance: Provenance { scrim: VERSION.to_string(), policy: policy.id(), models: analyzer.models() },
            analyzer,
            policy,
            vault,
            key: HashKey(key),
            audit: self.audit.then(|| Mutex::new(AuditTrail::default())),
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

/// A screening engine for one conversation: a policy, its analyzer (compiled recognizers, the
/// loaded models) and the vault of placeholders minted so far.
pub struct Scrim {
    policy: Policy,
    analyzer: Analyzer,
    /// scrim's version, the policy id and the digests of the models the policy switches on.
    provenance: Provenance,
    vault: Vault,
    key: HashKey,
    /// Behind a lock so that [`Scrim::scan`], which changes nothing else, can take `&self`.
    audit: Option<Mutex<AuditTrail>>,
    clock: Clock,
}

impl std::fmt::Debug for Scrim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scrim").field("policy", &self.provenance.policy).field("vault", &self.vault).finish_non_exhaustive()
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

    /// The analyzer: what this engine looks for.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
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

    /// Findings, scores and the decision for `text`. Changes nothing and mints no placeholder;
    /// the result is added to the audit trail when it is on.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InputTooLarge`] if `text` exceeds `policy.limits.max_input_bytes`;
    /// [`ErrorKind::Model`] if a model fails to run. Either way nothing was screened.
    ///
    /// # Example
    ///
    /// ```
    /// use scrim::{Scrim, ScanOptions};
    /// let scrim = Scrim::new()?;
    /// let report = scrim.scan("call me on +44 20 7946 0958", &ScanOptions::default())?;
    /// assert_eq!(report.findings[0].entity, "PHONE_NUMBER");
    /// assert!(report.text.is_none());
    /// # Ok::<(), scrim::Error>(())
    /// ```
    pub fn scan(&self, text: &str, options: &ScanOptions) -> Result<Report> {
        let report = self.judge(text, options)?;
        self.record_scan(text, &report);
        Ok(report)
    }

    /// Screen `text` and produce what the hosted model may receive: every value whose action is
    /// `redact` (or `block`) replaced by its operator. Placeholders are minted in this instance's
    /// vault, so the same value gets the same placeholder across calls.
    ///
    /// # Errors
    ///
    /// As [`Scrim::scan`].
    ///
    /// # Example
    ///
    /// ```
    /// use scrim::{Scrim, ScanOptions};
    /// let mut scrim = Scrim::new()?;
    /// let out = scrim.protect("Mail jane.doe@example.com, card 4111 1111 1111 1111", &ScanOptions::default())?;
    /// assert_eq!(out.text.as_deref(), Some("Mail [EMAIL_ADDRESS_1], card [CREDIT_CARD_1]"));
    /// assert_eq!(scrim.restore("Sent to [EMAIL_ADDRESS_1]."), "Sent to jane.doe@example.com.");
    /// # Ok::<(), scrim::Error>(())
    /// ```
    pub fn protect(&mut self, text: &str, options: &ScanOptions) -> Result<Report> {
        let report = self.judge(text, options)?;
        Ok(self.protect_judged(text, report))
    }

    /// Analyze and judge `text`: the report of [`Scrim::scan`], neither recorded nor applied. It
    /// changes nothing, so a batch can be judged on many threads at once; then, in input order,
    /// [`Scrim::record_scan`] or [`Scrim::protect_judged`] give exactly what `scan` or `protect`
    /// would have (the CLI does this with `--threads`).
    ///
    /// # Errors
    ///
    /// As [`Scrim::scan`].
    pub fn judge(&self, text: &str, options: &ScanOptions) -> Result<Report> {
        self.check_size(text)?;
        let analysis = self.analyzer.analyze(text, options)?;
        let judgement = self.policy.judge(text, &analysis);
        Ok(Report {
            findings: judgement.findings,
            scores: analysis.scores,
            decision: judgement.decision,
            provenance: self.provenance.clone(),
            text: None,
            explanations: analysis.explanations,
        })
    }

    /// Record `report`, judged from `text` by [`Scrim::judge`], as a scan in the audit trail (when
    /// it is on): the second half of [`Scrim::scan`].
    pub fn record_scan(&self, text: &str, report: &Report) {
        self.record("scan", report, text);
    }

    /// Replace the values `report` (judged from `text` by [`Scrim::judge`]) says to replace,
    /// minting placeholders in this conversation's vault, and record it: the second half of
    /// [`Scrim::protect`].
    pub fn protect_judged(&mut self, text: &str, mut report: Report) -> Report {
        report.text = Some(operator::apply_all(text, &mut report.findings, &mut self.vault, &self.key, &self.policy.mask));
        self.record("protect", &report, text);
        report
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
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The audit trail as JSON Lines (empty when the trail is off).
    pub fn audit_jsonl(&self) -> String {
        self.audit.as_ref().map(|t| t.lock().unwrap_or_else(std::sync::PoisonError::into_inner).to_jsonl()).unwrap_or_default()
    }

    /// The audit records after the first `n`, as JSON Lines (empty when the trail is off): what a
    /// skin that keeps the trail itself appends after each call.
    pub fn audit_jsonl_since(&self, n: usize) -> String {
        self.audit
            .as_ref()
            .map(|t| t.lock().unwrap_or_else(std::sync::PoisonError::into_inner).jsonl_since(n))
            .unwrap_or_default()
    }

    /// Continue the audit trail from `jsonl`, a trail this or an earlier engine exported (see
    /// [`AuditTrail::resume`]); the next record follows on from its last. The JS skin does this
    /// when it rebuilds an engine after a crash, so the trail neither restarts nor loses records.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Audit`] if the trail is off on this engine, or `jsonl` is not a whole,
    /// unbroken trail; the trail is unchanged then.
    pub fn resume_audit(&mut self, jsonl: &str) -> Result<()> {
        let Some(trail) = &mut self.audit else {
            return Err(Error::new(ErrorKind::Audit, "resume_audit: this engine keeps no audit trail (ScrimBuilder::audit)"));
        };
        *trail.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner) = AuditTrail::resume(jsonl)?;
        Ok(())
    }

    fn record(&self, operation: &'static str, report: &Report, text: &str) {
        if let Some(trail) = &self.audit {
            let mut trail = trail.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            trail.record(operation, report, text.len(), (self.clock)());
        }
    }

    /// [`ErrorKind::InputTooLarge`] if `text` exceeds the policy's `limits.max_input_bytes`.
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
}
