//! Spain.

pub mod nie;
pub mod nif;
