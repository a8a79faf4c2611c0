//! US Social Security numbers.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `US_SSN`: AAA-GG-SSSS. Dashed or spaced is medium; nine bare digits are weak (need context).
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "country.us.ssn",
    entity: "US_SSN",
    patterns: &[
        PatternDef { name: "dashed", regex: r"(?-u:\b)[0-9]{3}-[0-9]{2}-[0-9]{4}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "spaced", regex: r"(?-u:\b)[0-9]{3} [0-9]{2} [0-9]{4}(?-u:\b)", strength: Strength::Medium },
        PatternDef { name: "bare", regex: r"(?-u:\b)[0-9]{9}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// The SSA never issues area 000, 666 or 900–999, group 00 or serial 0000; and a few numbers
/// are known to be advertising samples (078-05-1120) or placeholder sequences (123-45-6789).
pub fn validate(value: &str) -> Validation {
    let d = digits(value);
    if d.len() != 9 {
        return Validation::Invalid;
    }
    let area = u32::from(d[0]) * 100 + u32::from(d[1]) * 10 + u32::from(d[2]);
    let group = u32::from(d[3]) * 10 + u32::from(d[4]);
    let serial = d[5..].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let compact: String = d.iter().map(|x| char::from(b'0' + x)).collect();
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return Validation::Invalid;
    }
    if matches!(compact.as_str(), "078051120" | "219099999" | "123456789") || d.iter().all(|&x| x == d[0]) {
        return Validation::Invalid;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_group_serial_rules() {
        assert_eq!(validate("536-22-1234"), Validation::Plausible);
        assert_eq!(validate("000-22-1234"), Validation::Invalid);
        assert_eq!(validate("666-22-1234"), Validation::Invalid);
        assert_eq!(validate("912-22-1234"), Validation::Invalid);
        assert_eq!(validate("536-00-1234"), Validation::Invalid);
        assert_eq!(validate("536-22-0000"), Validation::Invalid);
        assert_eq!(validate("078-05-1120"), Validation::Invalid);
    }
}
