//! Every built-in recognizer, in one ordered list.
//!
//! Order matters only for ties the merge rule cannot break (it never happens with distinct
//! entities); it is also the order `scrim recognizers` lists them in.

use super::{country, generic, secret, RecognizerDef};

/// All built-in recognizers.
pub fn all() -> &'static [RecognizerDef] {
    &[
        generic::email::RECOGNIZER,
        generic::phone::RECOGNIZER,
        generic::credit_card::RECOGNIZER,
        generic::iban::RECOGNIZER,
        generic::ip_address::RECOGNIZER,
        generic::url::RECOGNIZER,
        country::us::ssn::RECOGNIZER,
        secret::aws::RECOGNIZER,
        secret::github::RECOGNIZER,
        secret::google_api_key::RECOGNIZER,
        secret::jwt::RECOGNIZER,
        secret::openai::RECOGNIZER,
        secret::slack::RECOGNIZER,
        secret::stripe::RECOGNIZER,
    ]
}

/// The entity types the built-in recognizers report (sorted, deduplicated).
pub fn entities() -> Vec<&'static str> {
    let mut e: Vec<&str> = all().iter().map(|r| r.entity).collect();
    e.sort_unstable();
    e.dedup();
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_scoped() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.id).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate recognizer id");
        assert!(ids.iter().all(|id| id.starts_with("generic.") || id.starts_with("secret.") || id.starts_with("country.")));
    }

    #[test]
    fn every_recognizer_has_config_and_every_config_entry_a_recognizer() {
        let config = super::super::RecognizerConfig::embedded();
        for r in all() {
            assert!(config.recognizers.contains_key(r.id), "{} missing from config/recognizers.toml", r.id);
        }
        for id in config.recognizers.keys() {
            assert!(all().iter().any(|r| r.id == id), "config/recognizers.toml names unknown recognizer {id}");
        }
    }
}
