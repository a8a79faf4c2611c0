//! Payment card numbers (PAN) of every major brand, grouped or not.

use crate::recognizer::checksum::{digits, luhn};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `CREDIT_CARD`: 13 to 19 digits, optionally grouped by spaces or dashes, with a known brand
/// prefix and a valid Luhn check digit.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.credit_card",
    entity: "CREDIT_CARD",
    // One pattern per grouping, each ending at a group boundary, so a card followed by more
    // digits ("4111 1111 1111 1111 536-22-1234") is still found exactly: 4-4-4-4 (and 4-4-4-4-3
    // for 19-digit cards), Amex and Diners 4-6-5 / 4-6-4, no separators, or digits spaced one by
    // one (an evasion). The validator decides: a brand prefix, the brand's length and Luhn.
    patterns: &[
        PatternDef {
            name: "4-4-4-4",
            regex: r"(?-u:\b)[0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "4-4-4-4-3",
            regex: r"(?-u:\b)[0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}[ .-][0-9]{3}(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef { name: "4-6-5", regex: r"(?-u:\b)[0-9]{4}[ -][0-9]{6}[ -][0-9]{4,5}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "contiguous", regex: r"(?-u:\b)[0-9]{13,19}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "digit by digit", regex: r"(?-u:\b)[0-9](?:[ .-][0-9]){12,18}(?-u:\b)", strength: Strength::Medium },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// Whether the digits start with a prefix a card brand issues (IIN ranges of Visa, Mastercard,
/// American Express, Discover, Diners Club, JCB, UnionPay, Maestro, Mir, RuPay, Elo, Verve).
pub fn brand(d: &[u8]) -> Option<&'static str> {
    let n = |k: usize| d.iter().take(k).fold(0u32, |acc, &x| acc * 10 + u32::from(x));
    let len = d.len();
    match () {
        _ if d[0] == 4 && matches!(len, 13 | 16 | 19) => Some("visa"),
        _ if (51..=55).contains(&n(2)) || (2221..=2720).contains(&n(4)) => (len == 16).then_some("mastercard"),
        _ if matches!(n(2), 34 | 37) => (len == 15).then_some("amex"),
        _ if n(4) == 6011 || n(2) == 65 || (644..=649).contains(&n(3)) => (len >= 16).then_some("discover"),
        _ if (300..=305).contains(&n(3)) || matches!(n(2), 36 | 38 | 39) || n(4) == 3095 => (len >= 14).then_some("diners"),
        _ if (3528..=3589).contains(&n(4)) => (len >= 16).then_some("jcb"),
        _ if n(2) == 62 || n(2) == 81 => (len >= 16).then_some("unionpay"),
        _ if (2200..=2204).contains(&n(4)) => (len >= 16).then_some("mir"),
        _ if matches!(n(2), 50 | 56 | 57 | 58 | 60 | 63 | 67 | 68 | 69) => (len >= 12).then_some("maestro"),
        _ => None,
    }
}

/// Luhn plus a brand prefix and length: a valid card number is confirmed, anything else is not a card.
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if !(13..=19).contains(&d.len()) || d.iter().all(|&x| x == d[0]) {
        return Validation::Invalid;
    }
    if brand(&d).is_some() && luhn(&d) {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_and_luhn() {
        for card in [
            "4111 1111 1111 1111",
            "5555555555554444",
            "3782 822463 10005",
            "6011-1111-1111-1117",
            "3530111333300000",
            "2223003122003222",
        ] {
            assert_eq!(validate(card), Validation::Checksum, "{card}");
        }
        assert_eq!(validate("4111 1111 1111 1112"), Validation::Invalid, "bad check digit");
        assert_eq!(validate("1234 5678 9012 3452"), Validation::Invalid, "no brand starts with 1");
        assert_eq!(validate("0000 0000 0000 0000"), Validation::Invalid);
        assert_eq!(validate("4111 1111 1111 1111 536"), Validation::Invalid, "a card and the next number");
    }
}
