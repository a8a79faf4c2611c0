//! Bank identifier codes (BIC, SWIFT codes).

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `SWIFT_CODE`: 4-letter bank code, ISO 3166 country, 2-character location, optional 3-character
/// branch. Eight capital letters are also an ordinary shouted word, so the shape alone is weak:
/// a context word ("BIC", "SWIFT", "bank") makes it reportable.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.bic",
    entity: "SWIFT_CODE",
    patterns: &[PatternDef {
        name: "bic",
        regex: r"(?-u:\b)[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?-u:\b)",
        strength: Strength::Weak,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// ISO 3166-1 alpha-2 codes in use (BICs use them at positions 5-6; XK for Kosovo too).
pub const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// Whether `cc` is an assigned ISO 3166 alpha-2 country code.
pub fn is_country(cc: &str) -> bool {
    cc.len() == 2 && COUNTRIES.split(' ').any(|c| c == cc)
}

/// The country code must exist; location code `0`/`1` in its second character marks test and
/// passive BICs, still real; an all-letter value is fine (most BICs are).
pub fn validate(value: &str) -> Validation {
    if !value.get(4..6).is_some_and(is_country) {
        return Validation::Invalid;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_code_must_exist() {
        assert_eq!(validate("DEUTDEFF"), Validation::Plausible);
        assert_eq!(validate("BNPAFRPPXXX"), Validation::Plausible);
        assert_eq!(validate("PASSWORD"), Validation::Invalid, "WO is no country");
        assert_eq!(validate("ABCDZZ12"), Validation::Invalid);
    }
}
