//! South Korea.

pub mod rrn;
