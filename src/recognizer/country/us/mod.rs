//! United States.

pub mod aba_routing;
pub mod bank_number;
pub mod driver_license;
pub mod itin;
pub mod medical_license;
pub mod npi;
pub mod passport;
pub mod ssn;
