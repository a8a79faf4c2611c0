//! India.

pub mod aadhaar;
pub mod pan;
