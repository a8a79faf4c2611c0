//! Chinese resident identity card numbers (居民身份证号码).

use crate::recognizer::checksum::{digits, iso7064_mod11_2, number, valid_date};
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `CN_RESIDENT_ID`: six-digit region, YYYYMMDD birth date, three-digit order, and an ISO 7064
/// MOD 11-2 check character (`0`-`9` or `X`).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.cn.resident_id",
    entity: "CN_RESIDENT_ID",
    patterns: &[PatternDef {
        name: "18 characters",
        regex: r"(?-u:\b)[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?-u:\b)",
        strength: Strength::Medium,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// A real birth date and the check character.
pub fn validate(value: &str) -> Validation {
    let b = value.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return Validation::Invalid;
    }
    let d = digits(&value[..17]);
    if !valid_date(number(&d[6..10]), number(&d[10..12]), number(&d[12..14])) {
        return Validation::Invalid;
    }
    if iso7064_mod11_2(&d) == value.as_bytes()[17].to_ascii_uppercase() as char {
        Validation::Checksum
    } else {
        Validation::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_check_character() {
        assert_eq!(validate("11010519491231002X"), Validation::Checksum);
        assert_eq!(validate("11010519491231002x"), Validation::Checksum);
        assert_eq!(validate("110105194912310021"), Validation::Invalid);
        assert_eq!(validate("110105194902310027"), Validation::Invalid, "31 February");
    }
}
