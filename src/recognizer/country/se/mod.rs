//! Sweden.

pub mod personnummer;
