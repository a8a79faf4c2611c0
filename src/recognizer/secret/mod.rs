//! Credentials: provider tokens whose format says what they are, and JWTs.

pub mod aws;
pub mod github;
pub mod google_api_key;
pub mod jwt;
pub mod openai;
pub mod slack;
pub mod stripe;
