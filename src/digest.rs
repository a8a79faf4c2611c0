//! How provenance names what made a result: `sha256:` and the hex SHA-256 of a policy's canonical
//! JSON or of a model file.

/// `sha256:` and the hex SHA-256 of `bytes`.
pub(crate) fn sha256_id(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}
