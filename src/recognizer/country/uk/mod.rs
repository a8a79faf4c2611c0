//! United Kingdom.

pub mod nhs;
pub mod nino;
pub mod passport;
pub mod postcode;
