//! France.

pub mod nir;
pub mod siren;
