//! Bitcoin addresses.

use crate::recognizer::checksum::{base58check, bech32, Bech32};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `CRYPTO`: legacy (P2PKH `1...`) and script (P2SH `3...`) addresses with their Base58Check
/// checksum, and segwit `bc1...` addresses with their bech32 (v0) or bech32m (v1+) checksum.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.crypto_bitcoin",
    entity: "CRYPTO",
    patterns: &[
        PatternDef { name: "base58", regex: r"(?-u:\b)[13][1-9A-HJ-NP-Za-km-z]{25,34}(?-u:\b)", strength: Strength::Medium },
        PatternDef {
            name: "bech32",
            regex: r"(?-u:\b)(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}(?-u:\b)",
            strength: Strength::Medium,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// The checksum decides: a matching one is a real address, anything else is not.
pub fn validate(value: &str) -> Validation {
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("bc1") || lower.starts_with("tb1") {
        // Segwit v0 (`q`) uses bech32, later versions bech32m (BIP 350).
        let v0 = lower.as_bytes().get(3) == Some(&b'q');
        return match bech32(value) {
            Some(Bech32::Bech32) if v0 => Validation::Checksum,
            Some(Bech32::Bech32m) if !v0 => Validation::Checksum,
            _ => Validation::Invalid,
        };
    }
    match base58check(value) {
        Some(payload) if payload.len() == 21 && matches!(payload[0], 0x00 | 0x05) => Validation::Checksum,
        _ => Validation::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_decide() {
        assert_eq!(validate("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), Validation::Checksum);
        assert_eq!(validate("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"), Validation::Checksum);
        assert_eq!(validate("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"), Validation::Invalid, "changed character");
        assert_eq!(validate("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), Validation::Checksum);
        assert_eq!(validate("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"), Validation::Invalid);
        assert_eq!(validate("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"), Validation::Checksum);
    }
}
