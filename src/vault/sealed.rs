//! Encrypted vault exports (format 1): the plain export ([`Vault::export_json`]) sealed with
//! AES-256-GCM under a key, or under a key derived from a passphrase with PBKDF2-HMAC-SHA256.
//!
//! The JS API writes and reads the same format with WebCrypto (`exportVault({ key })`,
//! `exportVault({ passphrase })`); the fixtures in `tests/data/vault/` are read by both sides.
//!
//! ```json
//! {"scrim_vault": 1, "alg": "A256GCM",
//!  "kdf": {"name": "PBKDF2-SHA256", "iterations": 600000, "salt": "<16 bytes, base64>"},
//!  "check": {"iv": "<12 bytes>", "tag": "<16 bytes>"},
//!  "iv": "<12 bytes>", "ciphertext": "<AES-GCM ciphertext and its 16-byte tag>"}
//! ```
//!
//! - `kdf` is `null` when the caller holds the key itself (32 bytes).
//! - `check` is a key check value: AES-256-GCM under the same key, a fresh IV, no plaintext and the
//!   associated data `scrim vault key check`. It tells a wrong key apart from a changed export.
//! - The vault is encrypted under a fresh IV with the associated data `scrim vault 1`.
//!
//! Import checks the export's shape, then the key, then the ciphertext's tag, and only then imports
//! the plaintext as a plain vault: a wrong key, a truncated or a tampered export is an error that
//! says which, and nothing is imported.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::Vault;
use crate::error::{Error, ErrorKind, Result};

/// PBKDF2 iterations of a new passphrase export (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
pub const DEFAULT_ITERATIONS: u32 = 600_000;
/// The iteration counts an import accepts: fewer make a weak key, more a denial of service.
pub const ITERATIONS: std::ops::RangeInclusive<u32> = 100_000..=10_000_000;

const CHECK_AAD: &[u8] = b"scrim vault key check";
const VAULT_AAD: &[u8] = b"scrim vault 1";

/// What an encrypted export is sealed with.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    /// A 256-bit key the caller holds.
    Key(&'a [u8; 32]),
    /// A passphrase (PBKDF2-HMAC-SHA256 with a fresh salt per export).
    Passphrase(&'a str),
}

impl std::fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Secret::Key(_) => "Secret::Key(<redacted>)",
            Secret::Passphrase(_) => "Secret::Passphrase(<redacted>)",
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sealed {
    scrim_vault: u32,
    alg: String,
    kdf: Option<Kdf>,
    check: Check,
    iv: String,
    ciphertext: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kdf {
    name: String,
    iterations: u32,
    salt: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Check {
    iv: String,
    tag: String,
}

fn error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Vault, format!("encrypted vault: {}", message.into()))
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| error(format!("no randomness: {e}")))?;
    Ok(bytes)
}

fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
    key
}

fn seal_with(key: &[u8; 32], iv: &[u8; 12], plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    let cipher = Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key));
    cipher.encrypt(&Nonce::from(*iv), Payload { msg: plaintext, aad }).map_err(|_| error("encryption failed"))
}

/// `None` when the tag does not verify (or `iv` is not 12 bytes, which `field` rules out).
fn open_with(key: &[u8; 32], iv: &[u8], sealed: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    let cipher = Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key));
    cipher.decrypt(&Nonce::try_from(iv).ok()?, Payload { msg: sealed, aad }).ok()
}

/// The bytes of a base64 field of exactly `len` bytes (any length when `None`).
fn field(name: &str, value: &str, len: Option<usize>) -> Result<Vec<u8>> {
    let bytes = STANDARD.decode(value).map_err(|_| error(format!("truncated or malformed: {name} is not base64")))?;
    match len {
        Some(n) if bytes.len() != n => {
            Err(error(format!("truncated or malformed: {name} is {} bytes, expected {n}", bytes.len())))
        }
        _ => Ok(bytes),
    }
}

impl Vault {
    /// The vault sealed under `secret`: JSON in the encrypted export format (see the module docs),
    /// safe to keep where the plain export ([`Vault::export_json`]) must not go.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Vault`] only if the system has no randomness for the salt and IVs.
    pub fn export_encrypted(&self, secret: Secret<'_>) -> Result<String> {
        let (key, kdf) = match secret {
            Secret::Key(key) => (*key, None),
            Secret::Passphrase(passphrase) => {
                let salt: [u8; 16] = random()?;
                let key = derive(passphrase, &salt, DEFAULT_ITERATIONS);
                (key, Some(Kdf { name: "PBKDF2-SHA256".into(), iterations: DEFAULT_ITERATIONS, salt: STANDARD.encode(salt) }))
            }
        };
        let (check_iv, iv): ([u8; 12], [u8; 12]) = (random()?, random()?);
        let tag = seal_with(&key, &check_iv, &[], CHECK_AAD)?;
        let ciphertext = seal_with(&key, &iv, self.export_json().as_bytes(), VAULT_AAD)?;
        let sealed = Sealed {
            scrim_vault: 1,
            alg: "A256GCM".into(),
            kdf,
            check: Check { iv: STANDARD.encode(check_iv), tag: STANDARD.encode(tag) },
            iv: STANDARD.encode(iv),
            ciphertext: STANDARD.encode(ciphertext),
        };
        Ok(serde_json::to_string(&sealed).expect("an encrypted vault serializes"))
    }

    /// Open an export of [`Vault::export_encrypted`] (or of the JS API's `exportVault({ key })` /
    /// `exportVault({ passphrase })`) and import the vault inside.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Vault`], saying which: the export is truncated or malformed (naming the field),
    /// of an unsupported version or algorithm, needs the other kind of secret, was sealed under
    /// another key or passphrase, or was changed after it was written; then, the vault inside is
    /// checked as [`Vault::import_json`] checks a plain export. Nothing is imported on an error.
    pub fn import_encrypted(json: &str, secret: Secret<'_>) -> Result<Vault> {
        let sealed: Sealed = serde_json::from_str(json).map_err(|e| error(format!("truncated or malformed: {e}")))?;
        if sealed.scrim_vault != 1 {
            return Err(error(format!("unsupported scrim_vault {}", sealed.scrim_vault)));
        }
        if sealed.alg != "A256GCM" {
            return Err(error(format!("unsupported alg {:?}", sealed.alg)));
        }
        let key = match (&sealed.kdf, secret) {
            (None, Secret::Key(key)) => *key,
            (Some(kdf), Secret::Passphrase(passphrase)) => {
                if kdf.name != "PBKDF2-SHA256" {
                    return Err(error(format!("unsupported kdf {:?}", kdf.name)));
                }
                if !ITERATIONS.contains(&kdf.iterations) {
                    return Err(error(format!(
                        "unsupported kdf.iterations {} (accepted: {} to {})",
                        kdf.iterations,
                        ITERATIONS.start(),
                        ITERATIONS.end()
                    )));
                }
                let salt = field("kdf.salt", &kdf.salt, Some(16))?;
                derive(passphrase, &salt, kdf.iterations)
            }
            (None, Secret::Passphrase(_)) => return Err(error("this export needs a key, not a passphrase")),
            (Some(_), Secret::Key(_)) => return Err(error("this export needs a passphrase, not a key")),
        };
        let check_iv = field("check.iv", &sealed.check.iv, Some(12))?;
        let tag = field("check.tag", &sealed.check.tag, Some(16))?;
        let iv = field("iv", &sealed.iv, Some(12))?;
        let ciphertext = field("ciphertext", &sealed.ciphertext, None)?;
        if ciphertext.len() < 16 {
            return Err(error(format!("truncated or malformed: ciphertext is {} bytes, shorter than its tag", ciphertext.len())));
        }
        if open_with(&key, &check_iv, &tag, CHECK_AAD).is_none() {
            return Err(error("wrong key (or passphrase)"));
        }
        let plain = open_with(&key, &iv, &ciphertext, VAULT_AAD)
            .ok_or_else(|| error("the export was changed after it was written (authentication failed)"))?;
        let plain = String::from_utf8(plain).map_err(|_| error("the vault inside is not UTF-8"))?;
        Vault::import_json(&plain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Vault {
        let mut v = Vault::new();
        v.placeholder("EMAIL_ADDRESS", "jane@example.com");
        v.placeholder("PERSON", "Jane Doe");
        v
    }

    #[test]
    fn a_key_sealed_export_round_trips_and_holds_no_value_in_clear() {
        let key = [7u8; 32];
        let sealed = vault().export_encrypted(Secret::Key(&key)).unwrap();
        assert!(!sealed.contains("jane") && !sealed.contains("Jane"), "{sealed}");
        let back = Vault::import_encrypted(&sealed, Secret::Key(&key)).unwrap();
        assert_eq!(back.restore("[PERSON_1] <[EMAIL_ADDRESS_1]>"), "Jane Doe <jane@example.com>");
        assert_ne!(sealed, vault().export_encrypted(Secret::Key(&key)).unwrap(), "fresh IVs each time");
    }

    #[test]
    fn wrong_key_tampering_and_truncation_say_which() {
        let key = [7u8; 32];
        let sealed = vault().export_encrypted(Secret::Key(&key)).unwrap();
        let e = Vault::import_encrypted(&sealed, Secret::Key(&[8u8; 32])).unwrap_err();
        assert!(e.message().contains("wrong key"), "{e}");
        // One bit of the ciphertext flipped.
        let mut v: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        let mut ct = STANDARD.decode(v["ciphertext"].as_str().unwrap()).unwrap();
        ct[3] ^= 1;
        v["ciphertext"] = STANDARD.encode(&ct).into();
        let e = Vault::import_encrypted(&v.to_string(), Secret::Key(&key)).unwrap_err();
        assert!(e.message().contains("changed after it was written"), "{e}");
        // Cut short anywhere: an error, never a partial vault.
        for cut in [0, 10, sealed.len() / 2, sealed.len() - 1] {
            let e = Vault::import_encrypted(&sealed[..cut], Secret::Key(&key)).unwrap_err();
            assert!(e.message().contains("truncated or malformed"), "cut at {cut}: {e}");
        }
        let e = Vault::import_encrypted(&sealed, Secret::Passphrase("x")).unwrap_err();
        assert!(e.message().contains("needs a key"), "{e}");
    }

    #[test]
    fn a_passphrase_export_round_trips() {
        let sealed = vault().export_encrypted(Secret::Passphrase("correct horse battery staple")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        assert_eq!(v["kdf"]["iterations"], DEFAULT_ITERATIONS);
        let back = Vault::import_encrypted(&sealed, Secret::Passphrase("correct horse battery staple")).unwrap();
        assert_eq!(back.len(), 2);
        let e = Vault::import_encrypted(&sealed, Secret::Passphrase("Tr0ub4dor&3")).unwrap_err();
        assert!(e.message().contains("wrong key (or passphrase)"), "{e}");
    }
}
