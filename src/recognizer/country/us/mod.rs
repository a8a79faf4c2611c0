//! United States.

pub mod ssn;
