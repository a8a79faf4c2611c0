//! Germany.

pub mod id_card;
pub mod tax_id;
