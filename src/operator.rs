//! Operators: what a value to redact is replaced by, and the protected text they make.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::entity::PERSON;
use crate::policy::{MaskSettings, Operator};
use crate::report::JudgedFinding;
use crate::vault::Vault;

/// The per-instance secret of the hash operator.
#[derive(Clone)]
pub struct HashKey(pub(crate) [u8; 32]);

impl HashKey {
    /// A key for [`apply_all`] (a [`Scrim`](crate::Scrim) makes its own: random, or
    /// [`ScrimBuilder::hash_key`](crate::ScrimBuilder::hash_key)).
    pub fn new(key: [u8; 32]) -> HashKey {
        HashKey(key)
    }
}

impl std::fmt::Debug for HashKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashKey(<redacted>)")
    }
}

/// The replacement text for `value` of `entity` under `operator`.
pub fn apply(operator: Operator, entity: &str, value: &str, vault: &mut Vault, key: &HashKey, mask: &MaskSettings) -> String {
    match operator {
        Operator::Placeholder => vault.placeholder(entity, value),
        Operator::Pseudonym => vault.pseudonym(entity, value, &key.0),
        Operator::Redact => String::new(),
        Operator::Mask => mask_value(value, mask),
        Operator::Hash => {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key.0).expect("HMAC takes any key length");
            mac.update(entity.as_bytes());
            mac.update(&[0]);
            mac.update(value.as_bytes());
            let tag = mac.finalize().into_bytes();
            format!("[{entity}#{}]", hex::encode(&tag[..8]))
        }
    }
}

/// The text the hosted model may receive: every finding the policy gave an operator (its action
/// is redact or block) replaced by that operator's output, which is also written to the
/// finding's `replacement`. `findings` are sorted by start, as [`Policy::judge`] leaves them; of
/// two overlapping findings only the first is replaced (a heuristic hit overlapping a value, say).
/// Placeholders and stand-ins are minted in `vault`.
///
/// [`Policy::judge`]: crate::Policy::judge
pub fn apply_all(text: &str, findings: &mut [JudgedFinding], vault: &mut Vault, key: &HashKey, mask: &MaskSettings) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in findings.iter_mut() {
        let Some(op) = f.operator else { continue };
        if f.start < at {
            continue;
        }
        let replacement = apply(op, &f.entity, &f.text, vault, key, mask);
        out.push_str(&text[at..f.start]);
        out.push_str(&replacement);
        at = f.end;
        if f.entity == PERSON && op == Operator::Placeholder && vault.value_of(&replacement).is_some_and(|v| v != f.text) {
            f.finding.explanation.push(format!("alias of {replacement}: the same person named in full earlier"));
        }
        f.replacement = Some(replacement);
    }
    out.push_str(&text[at..]);
    out
}

/// Replace every letter and digit with the mask character except the last `keep_last`;
/// separators stay, so a masked card still reads as a card (`**** **** **** 1111`).
pub fn mask_value(value: &str, mask: &MaskSettings) -> String {
    let total = value.chars().filter(|c| c.is_alphanumeric()).count();
    // Never reveal more than half of a short value.
    let keep = mask.keep_last.min(total / 2);
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen > total - keep {
                    c
                } else {
                    mask.char
                }
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_separators_and_the_last_digits() {
        let m = MaskSettings { char: '*', keep_last: 4 };
        assert_eq!(mask_value("4111 1111 1111 1111", &m), "**** **** **** 1111");
        assert_eq!(mask_value("123", &m), "**3");
    }

    #[test]
    fn hash_is_keyed_and_stable() {
        let m = MaskSettings { char: '*', keep_last: 4 };
        let mut v = Vault::new();
        let k1 = HashKey([1; 32]);
        let k2 = HashKey([2; 32]);
        let a = apply(Operator::Hash, "EMAIL_ADDRESS", "a@b.co", &mut v, &k1, &m);
        assert_eq!(a, apply(Operator::Hash, "EMAIL_ADDRESS", "a@b.co", &mut v, &k1, &m));
        assert_ne!(a, apply(Operator::Hash, "EMAIL_ADDRESS", "a@b.co", &mut v, &k2, &m));
        assert!(!a.contains("a@b.co") && v.is_empty());
    }
}
