//! Australia.

pub mod abn;
pub mod medicare;
pub mod tfn;
