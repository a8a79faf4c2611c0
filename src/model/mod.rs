//! Learned recognizers and classifiers, run by tract-onnx.
//!
//! [`features`] is pure Rust and always compiled (the training scripts use it); the ONNX runners
//! need the `models` feature.

#[cfg(feature = "models")]
pub mod bundled;
#[cfg(feature = "models")]
pub mod classifier;
pub mod features;
pub mod ner;
pub mod ner_features;
