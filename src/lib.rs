//! scrim screens and de-identifies a prompt before it leaves for a hosted language model: it finds
//! personal data and secrets (rule recognizers with checksums and context words), names, places and
//! organisations (a small NER model), toxicity and prompt injection (small classifiers and
//! heuristics), decides what to do with a policy, and replaces values with placeholders kept in a
//! reversible vault, so the model sees `[PERSON_1]` and the user sees the name again in the reply.
//! The same engine runs in the browser (WebAssembly, the npm package), natively (this crate, the
//! `scrim` CLI) and in Node. It makes no network request.
//!
//! # Overview
//!
//! ```text
//! text ─▶ normalize ─▶ analyze ─▶ judge ─▶ operate ─▶ Report { findings, scores, decision, provenance, text }
//!                      (rules,    (policy:   (placeholders,          later: restore(reply) ◀─ Vault
//!                       models)    filter,    masks, hashes)
//!                                  actions,
//!                                  decision)
//! ```
//!
//! | stage | home | what it does |
//! |---|---|---|
//! | normalize | [`normalize`] | folds fullwidth digits, homoglyphs, invisible characters and spaced-out values, with an offset map back to the original |
//! | analyze | [`analyze`] ([`Analyzer`]) | every candidate: rule recognizers ([`recognizer`]), the NER model, the injection heuristics ([`injection`]) and the classifier scores ([`model`]); no policy |
//! | judge | [`Policy::judge`] | drops what the policy does not keep, resolves overlaps, spreads a value to every place it is written, gives each finding its action and decides |
//! | operate | [`operator::apply_all`] | writes the protected text, minting placeholders in the [`Vault`] |
//! | restore | [`Vault::restore`], [`Restorer`] | puts the values back into a reply, whole or streamed |
//!
//! [`Scrim`] wires the stages for one conversation; [`Report`] and its parts ([`report`]) are what
//! every skin serializes.
//!
//! # Example
//!
//! ```
//! use scrim::{Action, ScanOptions, Scrim};
//!
//! let mut scrim = Scrim::new()?;
//! let out = scrim.protect("Mail jane.doe@example.com about card 4111 1111 1111 1111", &ScanOptions::default())?;
//! assert_eq!(out.decision.action, Action::Redact);
//! assert_eq!(out.text.as_deref(), Some("Mail [EMAIL_ADDRESS_1] about card [CREDIT_CARD_1]"));
//! // Offsets are UTF-8 bytes into the prompt; each finding says what, where, which rule, how sure.
//! let email = &out.findings[0];
//! assert_eq!((email.entity.as_str(), email.start, email.end), ("EMAIL_ADDRESS", 5, 25));
//! assert_eq!(email.source.name, "generic.email");
//! // The reply comes back with placeholders; the user sees the values.
//! assert_eq!(scrim.restore("Sent to [EMAIL_ADDRESS_1]."), "Sent to jane.doe@example.com.");
//! # Ok::<(), scrim::Error>(())
//! ```
//!
//! A policy is data laid over the embedded default (`config/policy.toml`); see [`Policy`]:
//!
//! ```
//! use scrim::{Action, Policy, ScanOptions, Scrim};
//!
//! let policy = Policy::from_json(r#"{"entities": {"US_SSN": {"action": "block"}}}"#)?;
//! let scrim = Scrim::builder().policy(policy).build()?;
//! let report = scrim.scan("my SSN is 536-22-1234", &ScanOptions::default())?;
//! assert_eq!(report.decision.action, Action::Block);
//! # Ok::<(), scrim::Error>(())
//! ```
//!
//! # Untrusted input
//!
//! Prompts, policies and vault exports are untrusted. Matching uses the `regex` crate's finite
//! automata and Aho-Corasick, never backtracking, so time is linear in the input whatever the text
//! or the policy's custom patterns (a megabyte of `a` against `(a+)+$` takes ~0.1 s natively).
//! Input over the policy's `limits.max_input_bytes` is an [`ErrorKind::InputTooLarge`] error, never
//! a silent truncation; custom patterns are bounded in number, length and compiled size. Every
//! error says what was wrong and where (the field, the line, the entry) and nothing panics on bad
//! input; a model that fails to run is an [`ErrorKind::Model`] error, never a silent pass.
//!
//! Offsets: UTF-8 bytes in this API; [`offsets`] converts them to UTF-16 code units (the JS API)
//! and code points (the CLI's JSON).
//!
//! # Crate features
//!
//! - `models` (default): the three ONNX models, run by tract-onnx. Without it scrim is rules and
//!   heuristics only, builds in a fraction of the time, and reports no classifier scores; a
//!   [`Report`] has the same shape either way.
//! - `cli`: the `scrim` command-line tool (`src/bin/scrim.rs`) and its dependencies.
#![deny(missing_docs)]

pub mod analyze;
pub mod audit;
pub(crate) mod digest;
pub mod draft;
pub mod engine;
pub mod entity;
pub mod error;
pub mod finding;
pub mod injection;
pub mod judge;
pub mod model;
pub mod normalize;
pub mod offsets;
pub mod operator;
pub mod policy;
pub(crate) mod pseudonym;
pub mod recognizer;
pub mod report;
pub(crate) mod text;
pub mod vault;

pub use analyze::{Analysis, Analyzer, ScanOptions};
pub use draft::Draft;
pub use engine::{Scrim, ScrimBuilder};
pub use error::{Error, ErrorKind, Result};
pub use finding::{Confirmation, Finding, Source, SourceKind, Strength};
pub use judge::Judgement;
pub use policy::{Action, Operator, Policy};
pub use report::{Decision, JudgedFinding, ModelInfo, Provenance, Reason, ReasonKind, Report};
pub use vault::{Restorer, Vault};

#[cfg(target_arch = "wasm32")]
mod wasm;
