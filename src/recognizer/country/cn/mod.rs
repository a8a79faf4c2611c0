//! China.

pub mod resident_id;
