//! Japan.

pub mod my_number;
