//! PEM-armoured private keys (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `PRIVATE_KEY`: the whole block from `-----BEGIN ... PRIVATE KEY-----` to its `END` line, or,
/// when a paste was cut off, the header and the base64 that follows it.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.private_key",
    entity: "PRIVATE_KEY",
    patterns: &[
        PatternDef {
            name: "block",
            regex: r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----[\s\S]{16,}?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----",
            strength: Strength::Strong,
        },
        PatternDef {
            name: "truncated",
            regex: r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\r\n]{40,}",
            strength: Strength::Strong,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// The body must hold key material: at least 32 base64 characters after the header, not a
/// `...` or `<your key here>` placeholder.
pub fn validate(value: &str) -> Validation {
    let body = value.splitn(3, "-----").nth(2).unwrap_or("");
    let body = body.split("-----END").next().unwrap_or("");
    let b64 = body.bytes().filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/')).count();
    if b64 < 32 || body.contains("...") || body.contains('<') {
        Validation::Invalid
    } else {
        Validation::Structure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_material_is_required() {
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi+4eQXqRz0PcK5\n-----END RSA PRIVATE KEY-----";
        assert_eq!(validate(key), Validation::Structure);
        assert_eq!(validate("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"), Validation::Invalid);
        assert_eq!(
            validate("-----BEGIN PRIVATE KEY-----\n<paste your key here and more words>\n-----END PRIVATE KEY-----"),
            Validation::Invalid
        );
    }
}
