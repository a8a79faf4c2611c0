//! Every built-in recognizer, in one ordered list.
//!
//! Order matters only for ties the merge rule cannot break (it never happens with distinct
//! entities); it is also the order `scrim recognizers` lists them in.

use super::{country, generic, secret, RecognizerDef};

/// All built-in recognizers.
pub fn all() -> &'static [RecognizerDef] {
    &[
        generic::bic::RECOGNIZER,
        generic::credit_card::RECOGNIZER,
        generic::crypto_bitcoin::RECOGNIZER,
        generic::crypto_ethereum::RECOGNIZER,
        generic::date_of_birth::RECOGNIZER,
        generic::date_time::RECOGNIZER,
        generic::email::RECOGNIZER,
        generic::health_insurance::RECOGNIZER,
        generic::iban::RECOGNIZER,
        generic::imei::RECOGNIZER,
        generic::ip_address::RECOGNIZER,
        generic::mac_address::RECOGNIZER,
        generic::medical_record::RECOGNIZER,
        generic::phone::RECOGNIZER,
        generic::private_hostname::RECOGNIZER,
        generic::street_address::RECOGNIZER,
        generic::url::RECOGNIZER,
        generic::uuid::RECOGNIZER,
        generic::vin::RECOGNIZER,
        country::au::abn::RECOGNIZER,
        country::au::medicare::RECOGNIZER,
        country::au::tfn::RECOGNIZER,
        country::be::national_number::RECOGNIZER,
        country::br::cnpj::RECOGNIZER,
        country::br::cpf::RECOGNIZER,
        country::ca::sin::RECOGNIZER,
        country::cn::resident_id::RECOGNIZER,
        country::de::id_card::RECOGNIZER,
        country::de::tax_id::RECOGNIZER,
        country::es::nie::RECOGNIZER,
        country::es::nif::RECOGNIZER,
        country::fr::nir::RECOGNIZER,
        country::fr::siren::RECOGNIZER,
        country::india::aadhaar::RECOGNIZER,
        country::india::pan::RECOGNIZER,
        country::it::fiscal_code::RECOGNIZER,
        country::jp::my_number::RECOGNIZER,
        country::kr::rrn::RECOGNIZER,
        country::mx::curp::RECOGNIZER,
        country::nl::bsn::RECOGNIZER,
        country::pl::pesel::RECOGNIZER,
        country::se::personnummer::RECOGNIZER,
        country::sg::nric::RECOGNIZER,
        country::uk::nhs::RECOGNIZER,
        country::uk::nino::RECOGNIZER,
        country::uk::passport::RECOGNIZER,
        country::uk::postcode::RECOGNIZER,
        country::us::aba_routing::RECOGNIZER,
        country::us::bank_number::RECOGNIZER,
        country::us::driver_license::RECOGNIZER,
        country::us::itin::RECOGNIZER,
        country::us::medical_license::RECOGNIZER,
        country::us::npi::RECOGNIZER,
        country::us::passport::RECOGNIZER,
        country::us::ssn::RECOGNIZER,
        secret::age::RECOGNIZER,
        secret::airtable::RECOGNIZER,
        secret::alibaba::RECOGNIZER,
        secret::anthropic::RECOGNIZER,
        secret::atlassian::RECOGNIZER,
        secret::aws::RECOGNIZER,
        secret::aws_secret_key::RECOGNIZER,
        secret::azure_client_secret::RECOGNIZER,
        secret::azure_storage::RECOGNIZER,
        secret::basic_auth::RECOGNIZER,
        secret::bitbucket::RECOGNIZER,
        secret::braintree::RECOGNIZER,
        secret::crates_io::RECOGNIZER,
        secret::database_url::RECOGNIZER,
        secret::databricks::RECOGNIZER,
        secret::digitalocean::RECOGNIZER,
        secret::discord::RECOGNIZER,
        secret::docker_hub::RECOGNIZER,
        secret::doppler::RECOGNIZER,
        secret::facebook::RECOGNIZER,
        secret::github::RECOGNIZER,
        secret::gitlab::RECOGNIZER,
        secret::google_api_key::RECOGNIZER,
        secret::google_oauth::RECOGNIZER,
        secret::grafana::RECOGNIZER,
        secret::groq::RECOGNIZER,
        secret::hashicorp::RECOGNIZER,
        secret::high_entropy::RECOGNIZER,
        secret::huggingface::RECOGNIZER,
        secret::jwt::RECOGNIZER,
        secret::linear::RECOGNIZER,
        secret::mailchimp::RECOGNIZER,
        secret::mailgun::RECOGNIZER,
        secret::mapbox::RECOGNIZER,
        secret::new_relic::RECOGNIZER,
        secret::notion::RECOGNIZER,
        secret::npm::RECOGNIZER,
        secret::nuget::RECOGNIZER,
        secret::openai::RECOGNIZER,
        secret::password_assignment::RECOGNIZER,
        secret::perplexity::RECOGNIZER,
        secret::planetscale::RECOGNIZER,
        secret::postman::RECOGNIZER,
        secret::private_key::RECOGNIZER,
        secret::pulumi::RECOGNIZER,
        secret::pypi::RECOGNIZER,
        secret::replicate::RECOGNIZER,
        secret::rubygems::RECOGNIZER,
        secret::secret_assignment::RECOGNIZER,
        secret::sendgrid::RECOGNIZER,
        secret::sentry::RECOGNIZER,
        secret::shopify::RECOGNIZER,
        secret::slack::RECOGNIZER,
        secret::square::RECOGNIZER,
        secret::stripe::RECOGNIZER,
        secret::stripe_webhook::RECOGNIZER,
        secret::supabase::RECOGNIZER,
        secret::teams_webhook::RECOGNIZER,
        secret::telegram::RECOGNIZER,
        secret::twilio::RECOGNIZER,
        secret::xai::RECOGNIZER,
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

    /// Every validator is total: any string, shaped like its pattern or not, gets a verdict and
    /// never a panic (they are public through [`all`], and a caller may hand them anything).
    #[test]
    fn every_validator_is_total() {
        let mut odd: Vec<String> =
            ["", "a", "1", "é", "中文", "12", "AB", "--", "1-", "+", "0x", "@", "a@", "://", "a:b", "=", "..."]
                .iter()
                .map(|s| s.to_string())
                .collect();
        for n in 1..=40 {
            odd.push("1".repeat(n));
            odd.push("A".repeat(n));
            odd.push("é".repeat(n));
            odd.push("1é".repeat(n));
            odd.push("-".repeat(n));
            odd.push(format!("AB{}", "1".repeat(n)));
            odd.push(format!("{}X", "9".repeat(n)));
        }
        let mut partial = Vec::new();
        for r in all() {
            let Some(validate) = r.validate else { continue };
            for s in &odd {
                if std::panic::catch_unwind(|| validate(s)).is_err() {
                    partial.push(format!("{} on {s:?}", r.id));
                    break;
                }
            }
        }
        assert!(partial.is_empty(), "validators that panic: {partial:#?}");
    }
}
