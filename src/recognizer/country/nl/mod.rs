//! Netherlands.

pub mod bsn;
