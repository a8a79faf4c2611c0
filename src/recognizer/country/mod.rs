//! National identifiers, one folder per country (ISO 3166 alpha-2 code).

pub mod us;
