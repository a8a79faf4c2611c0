//! Mexico.

pub mod curp;
