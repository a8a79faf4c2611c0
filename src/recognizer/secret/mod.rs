//! Credentials: provider tokens whose format says what they are, JWTs, private keys, passwords
//! in connection strings, URLs and assignments, and a context-gated high-entropy detector.
//!
//! Provider formats follow the providers' documentation and the rules of gitleaks and
//! detect-secrets. Every recognizer here drops documentation placeholders
//! ([`not_placeholder`]), so `ghp_xxxxxxxx...` in a README is not a leak.

use super::Validation;

pub mod age;
pub mod airtable;
pub mod alibaba;
pub mod anthropic;
pub mod atlassian;
pub mod aws;
pub mod aws_secret_key;
pub mod azure_client_secret;
pub mod azure_storage;
pub mod basic_auth;
pub mod bitbucket;
pub mod braintree;
pub mod crates_io;
pub mod database_url;
pub mod databricks;
pub mod digitalocean;
pub mod discord;
pub mod docker_hub;
pub mod doppler;
pub mod facebook;
pub mod github;
pub mod gitlab;
pub mod google_api_key;
pub mod google_oauth;
pub mod grafana;
pub mod groq;
pub mod hashicorp;
pub mod high_entropy;
pub mod huggingface;
pub mod jwt;
pub mod linear;
pub mod mailchimp;
pub mod mailgun;
pub mod mapbox;
pub mod new_relic;
pub mod notion;
pub mod npm;
pub mod nuget;
pub mod openai;
pub mod password_assignment;
pub mod perplexity;
pub mod planetscale;
pub mod postman;
pub mod private_key;
pub mod pulumi;
pub mod pypi;
pub mod replicate;
pub mod rubygems;
pub mod secret_assignment;
pub mod sendgrid;
pub mod sentry;
pub mod shopify;
pub mod slack;
pub mod square;
pub mod stripe;
pub mod stripe_webhook;
pub mod supabase;
pub mod teams_webhook;
pub mod telegram;
pub mod twilio;
pub mod xai;

/// Whether a token is a documentation placeholder: `example`, `xxxx`, `****`, `your_...`,
/// `<...>`, `redacted`, `dummy`, or one character repeated eight times. Those are `Invalid`;
/// anything else is `Plausible` (the format already said what it is).
pub fn not_placeholder(value: &str) -> Validation {
    let lower = value.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "example",
        "xxxxxx",
        "******",
        "your_",
        "your-",
        "yourkey",
        "<",
        "redacted",
        "dummy",
        "placeholder",
        "0123456789",
        "abcdefgh",
    ];
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return Validation::Invalid;
    }
    let b = value.as_bytes();
    let mut run = 1;
    for w in b.windows(2) {
        run = if w[0] == w[1] { run + 1 } else { 1 };
        if run >= 8 {
            return Validation::Invalid;
        }
    }
    Validation::Plausible
}

/// Whether a password value is a real value rather than code or a placeholder: environment and
/// template references (`$X`, `${X}`, `%X%`, `{{x}}`, `<x>`), masks (`****`), calls and member
/// paths (`getpass()`, `os.environ.get`), type names and literals (`str`, `null`, `true`), and
/// the word "password" itself.
pub fn password_value(value: &str) -> Validation {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if v.len() < 4
        || v.starts_with(['$', '%', '{', '<', '[', '(', '@'])
        || v.contains("{{")
        || v.contains('(')
        || v.bytes().all(|b| b == b'*' || b == b'x' || b == b'X' || b == b'.' || b == b'#')
        || matches!(
            lower.as_str(),
            "password"
                | "passwort"
                | "passwd"
                | "pass"
                | "null"
                | "none"
                | "true"
                | "false"
                | "string"
                | "str"
                | "undefined"
                | "secret"
                | "required"
                | "optional"
                | "changeit"
                | "value"
        )
        || not_placeholder(v) == Validation::Invalid
    {
        return Validation::Invalid;
    }
    let dotted_path =
        v.contains('.') && v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'));
    if dotted_path {
        return Validation::Invalid;
    }
    Validation::Plausible
}

/// A credential whose structure (`scheme://user:password@host`, `Password=` in a connection
/// string) says what it is: a plausible password there is confirmed.
pub fn confirmed(v: Validation) -> Validation {
    if v == Validation::Plausible {
        Validation::Structure
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_placeholders_are_not_secrets() {
        assert_eq!(not_placeholder("ghp_R8x2Lq9ZpT4mV7nK1wY6bC3dF5gH0jS2aE4u"), Validation::Plausible);
        assert_eq!(not_placeholder("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), Validation::Invalid);
        assert_eq!(not_placeholder("AKIAIOSFODNN7EXAMPLE"), Validation::Invalid);
        assert_eq!(not_placeholder("sk_live_aaaaaaaaaaaaaaaaaaaaaaaa"), Validation::Invalid);
    }

    #[test]
    fn password_values_exclude_code() {
        assert_eq!(password_value("S3cure!Pass"), Validation::Plausible);
        assert_eq!(password_value("${PASSWORD}"), Validation::Invalid);
        assert_eq!(password_value("config.db_password"), Validation::Invalid);
        assert_eq!(password_value("null"), Validation::Invalid);
    }
}
