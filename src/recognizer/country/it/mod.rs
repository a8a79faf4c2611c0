//! Italy.

pub mod fiscal_code;
