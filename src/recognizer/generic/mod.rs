//! Formats that are the same everywhere: contact details, payment and bank ids, network
//! addresses, wallets, vehicle and device ids, dates and dates of birth, health record numbers.

pub mod bic;
pub mod credit_card;
pub mod crypto_bitcoin;
pub mod crypto_ethereum;
pub mod date_of_birth;
pub mod date_time;
pub mod email;
pub mod health_insurance;
pub mod iban;
pub mod imei;
pub mod ip_address;
pub mod mac_address;
pub mod medical_record;
pub mod phone;
pub mod private_hostname;
pub mod street_address;
pub mod url;
pub mod uuid;
pub mod vin;
