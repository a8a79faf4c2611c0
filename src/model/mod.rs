//! The learned parts of the analysis: three ONNX models run by tract-onnx, their featurizers and
//! decoders.
//!
//! | model | what it gives | featurizer | runner |
//! |---|---|---|---|
//! | toxicity | Detoxify's six labels, per sentence | [`hashed_ngrams`] | [`toxicity`] |
//! | injection | `prompt_injection`, over windows | [`hashed_ngrams`] | [`injection`] |
//! | names | PERSON, LOCATION, ORGANIZATION, ADDRESS spans | [`token_features`] | [`ner`] |
//!
//! The featurizers, the NER decoding, the explanation types and the [`catalog`] of what the
//! bundled models emit are pure Rust and always compiled (the training scripts call the
//! featurizers, and a policy is checked against the catalog in a rules-only build too); running
//! the networks needs the `models` feature. [`bundled`] loads the models embedded in the crate.

#[cfg(feature = "models")]
pub mod bundled;
pub mod catalog;
#[cfg(feature = "models")]
pub mod classifier;
pub mod explanation;
pub mod hashed_ngrams;
#[cfg(feature = "models")]
pub mod injection;
pub mod ner;
pub mod token_features;
#[cfg(feature = "models")]
pub mod toxicity;
