//! Canada.

pub mod sin;
