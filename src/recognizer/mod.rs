//! Rule recognizers: patterns + validators + context words.
//!
//! A recognizer is data ([`RecognizerDef`]): named patterns with a strength, an optional
//! `validate` hook (Luhn, mod-97, area rules...) and the context words that raise its score.
//! Patterns and validators live in code, one recognizer per file, grouped by scope
//! (`generic/`, `secret/`, `country/<cc>/`); whether a recognizer is on and which context words
//! it uses live in `config/recognizers.toml`, embedded at build time. [`registry::all`] lists
//! every built-in recognizer in one place.
//!
//! Matching uses the `regex` crate: finite automata, no backtracking, so matching time is linear
//! in the input whatever the patterns or the text. What other engines do with look-around is done
//! in `validate` here.

pub(crate) mod checksum;
pub(crate) mod country;
pub(crate) mod field;
pub(crate) mod generic;
pub(crate) mod prefilter;
pub mod registry;
pub(crate) mod secret;

pub(crate) mod compiled;

pub use crate::finding::Strength;
pub use compiled::{CompiledRecognizers, RecognizerConfig, RecognizerSettings};
pub use field::{FieldConfig, FieldRule, ValueShape};

/// One named pattern of a recognizer.
///
/// If the regex has a capture group named `v`, the finding is that group; otherwise the whole
/// match. That is how a pattern demands a boundary without look-around.
#[derive(Debug, Clone, Copy)]
pub struct PatternDef {
    /// A short name shown in the finding's source, e.g. `"grouped"`.
    pub name: &'static str,
    /// The regex (Rust `regex` syntax).
    pub regex: &'static str,
    /// How much a match says before validation and context.
    pub strength: Strength,
}

/// What a validator says of a matched value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// A checksum or check digit confirms it: full confidence, it wins conflicts, and the finding
    /// says `validated`.
    Checksum,
    /// The structure, beyond what the pattern requires, confirms it and no checksum exists (a JWT
    /// header that decodes to JSON with an `alg`; key material inside a key block): full
    /// confidence and it wins conflicts, but it is not `validated`.
    Structure,
    /// Structure is plausible but nothing confirms it: keep the pattern's score.
    Plausible,
    /// Possible but suspicious (an IP address that looks like a version number): the score drops
    /// to [`Strength::Weak`]'s, so only a context word can make it reportable.
    Doubtful,
    /// Impossible as this entity (bad checksum, reserved range): drop it.
    Invalid,
}

/// A built-in recognizer.
#[derive(Debug, Clone, Copy)]
pub struct RecognizerDef {
    /// Stable id, `scope.name`, e.g. `generic.email`, `country.us.ssn`, `secret.aws`.
    pub id: &'static str,
    /// The entity type it reports.
    pub entity: &'static str,
    /// Its patterns, strongest first.
    pub patterns: &'static [PatternDef],
    /// Checks a matched value (given as matched, separators included).
    pub validate: Option<fn(&str) -> Validation>,
    /// If true, a match without a context word nearby is not reported at all (passport numbers,
    /// driver's licences: shapes too common to report alone).
    pub needs_context: bool,
}
