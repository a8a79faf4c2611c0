//! Telephone numbers: international (E.164 with `+`), North American, and national trunk formats.

use crate::recognizer::checksum::digits;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `PHONE_NUMBER`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.phone",
    entity: "PHONE_NUMBER",
    patterns: &[
        PatternDef {
            name: "international",
            regex: r"(?:^|[^0-9A-Za-z+])(?P<v>\+[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,5}\)?){2,6})(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "nanp",
            regex: r"(?:^|[^0-9A-Za-z+])(?P<v>(?:1[ .-]?)?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4})(?-u:\b)",
            strength: Strength::Medium,
        },
        PatternDef {
            name: "national",
            regex: r"(?:^|[^0-9A-Za-z+])(?P<v>0[1-9][0-9]{0,4}(?:[ .-]?[0-9]{2,4}){2,4})(?-u:\b)",
            strength: Strength::Weak,
        },
        PatternDef { name: "bare ten digits", regex: r"(?-u:\b)[2-9][0-9]{2}[2-9][0-9]{6}(?-u:\b)", strength: Strength::Weak },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// A calling code, the lengths of the national significant number after it, and the digits
/// that number may start with.
type Plan = (&'static str, std::ops::RangeInclusive<usize>, &'static [u8]);

/// National significant number lengths and allowed first digits after a country calling code,
/// for the covered countries and their neighbours (ITU-T E.164 national numbering plans). A code
/// not listed gets E.164's general limits only.
const PLANS: &[Plan] = &[
    ("1", 10..=10, b"23456789"),   // NANP: US, Canada (area code rules below)
    ("7", 10..=10, b"3456789"),    // Russia, Kazakhstan
    ("27", 9..=9, b"1234578"),     // South Africa
    ("31", 9..=9, b"123456789"),   // Netherlands
    ("32", 8..=9, b"123456789"),   // Belgium
    ("33", 9..=9, b"123456789"),   // France
    ("34", 9..=9, b"6789"),        // Spain
    ("39", 6..=11, b"03"),         // Italy (landlines keep their 0)
    ("41", 9..=9, b"2345789"),     // Switzerland
    ("43", 4..=13, b"123456789"),  // Austria
    ("44", 9..=10, b"1235789"),    // United Kingdom
    ("45", 8..=8, b"23456789"),    // Denmark
    ("46", 7..=13, b"123456789"),  // Sweden
    ("47", 8..=8, b"2345679"),     // Norway
    ("48", 9..=9, b"123456789"),   // Poland
    ("49", 6..=13, b"123456789"),  // Germany
    ("52", 10..=10, b"123456789"), // Mexico
    ("55", 10..=11, b"123456789"), // Brazil
    ("61", 9..=9, b"234578"),      // Australia
    ("65", 8..=8, b"3689"),        // Singapore
    ("81", 9..=10, b"123456789"),  // Japan
    ("82", 8..=10, b"123456789"),  // South Korea
    ("86", 9..=11, b"123456789"),  // China
    ("91", 10..=10, b"123456789"), // India
    ("351", 9..=9, b"29"),         // Portugal
    ("353", 7..=9, b"12456789"),   // Ireland
];

/// The plan of the calling code an international number starts with, and the national
/// significant number after it (calling codes are prefix-free, so at most one matches).
fn plan(d: &[u8]) -> Option<(&'static Plan, &[u8])> {
    PLANS.iter().find_map(|p| {
        let code: Vec<u8> = p.0.bytes().map(|b| b - b'0').collect();
        d.starts_with(&code).then(|| (p, &d[code.len()..]))
    })
}

/// E.164 allows at most 15 digits; fewer than 7 is not a dialable number anywhere; a national
/// number dialled with its trunk 0 has 9 to 12 digits in the covered countries. An
/// international number (`+CC`) of a listed country must have that country's length and a first
/// digit its plan uses (`+44 (0)20...` drops the bracketed trunk 0); a North American number has
/// 10 digits after the 1 and neither its area code nor exchange starts with 0 or 1.
pub fn validate(value: &str) -> Validation {
    let d = digits(&value.replacen("(0)", "", 1));
    if !(7..=15).contains(&d.len()) || d.iter().all(|&x| x == d[0]) {
        return Validation::Invalid;
    }
    let international = value.starts_with('+');
    if international {
        if let Some(((_, lengths, first), national)) = plan(&d) {
            if !lengths.contains(&national.len()) || national.first().is_none_or(|f| !first.contains(&(b'0' + f))) {
                return Validation::Invalid;
            }
        }
    }
    // A national number with its trunk 0 (UK 0 + 10 digits, France and Australia 0 + 9, Germany
    // 0 + 5 to 11, India 0 + 10, Japan 0 + 9 or 10...): 9 to 12 digits in all.
    let trunk = !international && value.trim_start_matches('(').starts_with('0');
    if trunk && !(9..=12).contains(&d.len()) {
        return Validation::Invalid;
    }
    let nanp = if value.starts_with("+1") || (!international && d.len() == 11 && d[0] == 1) {
        Some(&d[1..])
    } else if d.len() == 10 && !international && !value.starts_with('0') {
        Some(&d[..])
    } else {
        None
    };
    if let Some(n) = nanp {
        if n.len() != 10 || n[0] < 2 || n[3] < 2 {
            return Validation::Invalid;
        }
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    #[test]
    fn country_plans_check_length_and_first_digit() {
        let cases = [
            ("+33 1 23 45 67 89", true),
            ("+33 1 23 45 67 8", false),
            ("+34 612 345 678", true),
            ("+34 512 345 678", false),
            ("+49 30 12345678", true),
            ("+61 2 9876 5432", true),
            ("+61 6 9876 5432", false),
            ("+91 98765 43210", true),
            ("+91 98765 4321", false),
            ("+65 6123 4567", true),
            ("+65 6123 45678", false),
            ("+44 7700 900123", true),
            ("+44 0700 900123", false),
            ("+999 1234 5678", true),
            ("020 7946 0958", true),
            ("01 23 45 67 89", true),
            ("0421 12345", true),
            ("0123 4567", false),
            ("0123 4567 8901 234", false),
        ];
        for (number, ok) in cases {
            assert_eq!(super::validate(number) != Validation::Invalid, ok, "{number}");
        }
    }

    use super::*;

    #[test]
    fn lengths_and_nanp_rules() {
        assert_eq!(validate("+1 (415) 555-2671"), Validation::Plausible);
        assert_eq!(validate("+44 20 7946 0958"), Validation::Plausible);
        assert_eq!(validate("+1 (015) 555-2671"), Validation::Invalid, "area code cannot start with 0");
        assert_eq!(validate("+49 30 1234 5678 9012 34"), Validation::Invalid, "over 15 digits");
        assert_eq!(validate("123-4567"), Validation::Plausible);
        assert_eq!(validate("+44 (0)20 7946 0958"), Validation::Plausible, "bracketed trunk 0");
        assert_eq!(validate("12-345"), Validation::Invalid);
    }
}
