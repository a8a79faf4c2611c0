//! The JavaScript skin: the only file with `#[wasm_bindgen]`.
//!
//! `js/scrim.js` wraps these classes in the public `Scrim` API (`Scrim.create`, `scan`, `protect`,
//! `restore`, `createRestorer`). Options come in as JS values through serde-wasm-bindgen; results go
//! out as plain objects with UTF-16 offsets; every error is a JS `Error` with the core's message
//! and a machine-readable `kind` (see [`kind_name`]).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::offsets::OffsetUnit;
use crate::{Draft, Error, ErrorKind, Policy, Report, Restorer, ScanOptions, Scrim, Vault};

/// The `kind` of a JS error for an [`ErrorKind`] (`error.kind` in JS; `ScrimErrorKind` in
/// `js/index.d.ts`). A bad custom pattern is a fault of the policy that holds it.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Policy | ErrorKind::Pattern => "policy",
        ErrorKind::Vault => "vault",
        ErrorKind::InputTooLarge => "limit",
        ErrorKind::Model => "model",
        ErrorKind::Audit => "audit",
    }
}

/// A JS `Error` with `message` and `kind`: the only kind of value thrown across the boundary.
fn error_of(kind: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    error.into()
}

/// The one way the core's errors cross the boundary: a JS `Error` whose message says what and
/// where, and whose `kind` a program can branch on.
fn js_error(e: Error) -> JsValue {
    error_of(kind_name(e.kind()), e.message())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error_of("internal", &format!("result could not be converted to JS: {e}")))
}

fn report_to_js(mut report: Report, text: &str) -> Result<JsValue, JsValue> {
    report.convert_offsets(text, OffsetUnit::Utf16);
    to_js(&report)
}

/// A screening engine for one conversation (wrapped by `Scrim` in JS).
#[wasm_bindgen]
pub struct Engine {
    inner: Scrim,
    /// The draft being typed (`scanDraft`): one per engine, as a chat box has one input.
    draft: Draft,
}

#[wasm_bindgen]
impl Engine {
    /// `policy`: `undefined`/`null` for the default, or an object of overrides.
    /// `key`: 32 random bytes from `crypto.getRandomValues` for the hash operator.
    /// `audit`: keep the local audit trail of protect calls (no values, no text).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: JsValue, key: &[u8], audit: bool) -> Result<Engine, JsValue> {
        let key: [u8; 32] = key.try_into().map_err(|_| error_of("internal", "key: expected 32 bytes"))?;
        let policy = if policy.is_undefined() || policy.is_null() {
            Policy::embedded()
        } else {
            let value: serde_json::Value =
                serde_wasm_bindgen::from_value(policy).map_err(|e| error_of("policy", &format!("policy: {e}")))?;
            Policy::from_overrides(value).map_err(js_error)?
        };
        let inner = Scrim::builder()
            .policy(policy)
            .hash_key(key)
            .audit(audit)
            .clock(Box::new(|| js_sys::Date::now() as u64))
            .build()
            .map_err(js_error)?;
        Ok(Engine { inner, draft: Draft::new() })
    }

    /// Findings, scores and decision; changes nothing. `explain`: per-word score explanations.
    pub fn scan(&self, text: &str, explain: bool) -> Result<JsValue, JsValue> {
        let report = self.inner.scan(text, &ScanOptions { explain }).map_err(js_error)?;
        report_to_js(report, text)
    }

    /// Rule findings and decision for the draft as typed so far, re-scanning only the paragraphs
    /// that changed since the last call (no classifiers: see `crate::draft`).
    #[wasm_bindgen(js_name = scanDraft)]
    pub fn scan_draft(&mut self, text: &str) -> Result<JsValue, JsValue> {
        let report = self.draft.scan(&self.inner, text).map_err(js_error)?;
        report_to_js(report, text)
    }

    /// Findings, scores, decision and the protected text; mints placeholders.
    pub fn protect(&mut self, text: &str, explain: bool) -> Result<JsValue, JsValue> {
        let report = self.inner.protect(text, &ScanOptions { explain }).map_err(js_error)?;
        report_to_js(report, text)
    }

    /// Real values back into a reply.
    pub fn restore(&self, text: &str) -> String {
        self.inner.restore(text)
    }

    /// A streaming restorer over the vault as it is now.
    #[wasm_bindgen(js_name = createRestorer)]
    pub fn create_restorer(&self) -> StreamRestorer {
        StreamRestorer { inner: self.inner.restorer() }
    }

    /// The vault as JSON (holds the original values).
    #[wasm_bindgen(js_name = exportVault)]
    pub fn export_vault(&self) -> String {
        self.inner.vault().export_json()
    }

    /// Replace the vault with one exported earlier.
    #[wasm_bindgen(js_name = importVault)]
    pub fn import_vault(&mut self, json: &str) -> Result<(), JsValue> {
        let vault = Vault::import_json(json).map_err(js_error)?;
        self.inner.set_vault(vault);
        Ok(())
    }

    /// The audit trail as JSON Lines (empty unless created with `audit`).
    #[wasm_bindgen(js_name = exportAudit)]
    pub fn export_audit(&self) -> String {
        self.inner.audit_jsonl()
    }

    /// The audit records after the first `n` (the JS wrapper keeps the whole trail, to resume it
    /// in a rebuilt engine after a crash).
    #[wasm_bindgen(js_name = auditSince)]
    pub fn audit_since(&self, n: usize) -> String {
        self.inner.audit_jsonl_since(n)
    }

    /// Continue the audit trail from one exported earlier (after a crash, by the JS wrapper).
    #[wasm_bindgen(js_name = resumeAudit)]
    pub fn resume_audit(&mut self, jsonl: &str) -> Result<(), JsValue> {
        self.inner.resume_audit(jsonl).map_err(js_error)
    }

    /// For the tests of crash recovery only: `protect` (minting placeholders and recording an
    /// audit record, as a crash half-way through a call would have left them), then a panic, which
    /// traps. The JS wrapper calls it only when a protect option keyed
    /// `Symbol.for('scrim.test.trap')` is set; no documented option or method reaches it.
    #[wasm_bindgen(js_name = __trapForTest)]
    pub fn trap_for_test(&mut self, text: &str) {
        let _ = self.inner.protect(text, &ScanOptions::default());
        panic!("scrim test trap: a panic requested by a test (Symbol.for('scrim.test.trap'))");
    }

    /// The effective policy (defaults with overrides applied).
    pub fn policy(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.policy())
    }

    /// scrim version, policy id, model digests.
    pub fn provenance(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.provenance())
    }
}

/// Restores a streamed reply chunk by chunk.
#[wasm_bindgen]
pub struct StreamRestorer {
    inner: Restorer,
}

#[wasm_bindgen]
impl StreamRestorer {
    /// Feed a chunk; returns what is safe to show now.
    pub fn push(&mut self, chunk: &str) -> String {
        self.inner.push(chunk)
    }

    /// End of stream: the rest.
    pub fn finish(&mut self) -> String {
        self.inner.finish()
    }

    /// The text held back so far (to hand over to a new restorer after a crash).
    #[wasm_bindgen(js_name = heldText)]
    pub fn held_text(&self) -> String {
        self.inner.held_text().to_string()
    }
}

static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Installed when the module starts: a panic (a bug: the core returns errors, it does not panic)
/// still traps in wasm, but its message is kept so the JS wrapper can report it in an `Error`
/// instead of an opaque `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.try_lock() {
            *last = info.to_string();
        }
    }));
}

/// The message of the last panic, if any (read by the JS wrapper after a trap).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    let last = LAST_PANIC.try_lock().ok()?;
    (!last.is_empty()).then(|| last.clone())
}

/// Validate a policy without building an engine: `undefined` if valid, else the error message.
#[wasm_bindgen(js_name = checkPolicy)]
pub fn check_policy(policy: JsValue) -> Option<String> {
    let value: serde_json::Value = match serde_wasm_bindgen::from_value(policy) {
        Ok(v) => v,
        Err(e) => return Some(format!("policy: {e}")),
    };
    Policy::from_overrides(value).err().map(|e| e.message().to_string())
}
