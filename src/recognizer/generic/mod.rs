//! Formats that are the same everywhere: e-mail, phone, cards, IBAN, IP, URL.

pub mod credit_card;
pub mod email;
pub mod iban;
pub mod ip_address;
pub mod phone;
pub mod url;
