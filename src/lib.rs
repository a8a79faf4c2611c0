//! scrim: client-side prompt screening.
#![deny(missing_docs)]

pub mod analyze;
pub mod audit;
pub mod draft;
pub mod engine;
pub mod entity;
pub mod error;
pub mod finding;
pub mod injection;
pub mod model;
pub mod normalize;
pub mod offsets;
pub mod operator;
pub mod policy;
pub mod pseudonym;
pub mod recognizer;
pub mod report;
pub mod text;
pub mod vault;

pub use analyze::{Analysis, Analyzer};
pub use draft::Draft;
pub use engine::{ScanOptions, Scrim, ScrimBuilder};
pub use error::{Error, ErrorKind, Result};
pub use finding::{Confirmation, Finding, Source, SourceKind, Strength};
pub use policy::{Action, Judgement, Operator, Policy};
pub use report::{Decision, JudgedFinding, ModelInfo, Provenance, Reason, ReasonKind, Report};
pub use vault::{Restorer, Vault};

#[cfg(target_arch = "wasm32")]
mod wasm;
