//! Singapore.

pub mod nric;
