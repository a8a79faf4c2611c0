//! National identifiers, one folder per country (ISO 3166 alpha-2 code).

pub mod au;
pub mod be;
pub mod br;
pub mod ca;
pub mod cn;
pub mod de;
pub mod es;
pub mod fr;
#[path = "in/mod.rs"]
pub mod india;
pub mod it;
pub mod jp;
pub mod kr;
pub mod mx;
pub mod nl;
pub mod pl;
pub mod se;
pub mod sg;
pub mod uk;
pub mod us;
