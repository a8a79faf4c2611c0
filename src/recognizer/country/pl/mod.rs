//! Poland.

pub mod pesel;
