//! scrim: client-side prompt screening.
#![deny(missing_docs)]

pub mod audit;
pub mod draft;
pub mod engine;
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
pub mod vault;

pub use draft::Draft;
pub use engine::{Decision, Provenance, Reason, Report, Scrim, ScrimBuilder};
pub use error::{Error, ErrorKind, Result};
pub use finding::{Finding, Source, SourceKind};
pub use policy::{Action, Operator, Policy};
pub use vault::{Restorer, Vault};

#[cfg(target_arch = "wasm32")]
mod wasm;
