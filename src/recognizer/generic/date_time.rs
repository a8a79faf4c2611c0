//! Calendar dates in the common written and numeric forms of English, German, French and Spanish.
//!
//! A date alone is rarely personal: "the meeting on 3 March" should reach the model as written.
//! The default policy reports `DATE_TIME` and lets it through; a date with a birth word near it is
//! a `DATE_OF_BIRTH` ([`super::date_of_birth`], same shapes, redacted by default), which wins
//! the overlap on score.

use crate::recognizer::checksum::valid_date;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// Numeric dates with a four-digit year: ISO `1985-03-12` (also with `/` or `.`), and day or
/// month first `12/03/1985`, `12.03.1985`, `03-12-1985`.
pub const NUMERIC: &str = r"(?-u:\b)(?:[0-9]{1,2}[./-][0-9]{1,2}[./-](?:1[89]|2[01])[0-9]{2}|(?:1[89]|2[01])[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2})(?-u:\b)";

/// Month names and their usual abbreviations in English, German, French and Spanish (a
/// verbose-mode fragment: use it inside `(?x)`).
macro_rules! month {
    () => {
        r"(?:
            jan(?:uary|uar|vier)?|j[äa]n(?:ner)?|enero
          | feb(?:ruary|ruar)?|f[ée]vr?(?:ier)?|febrero
          | m[äa]r(?:ch|z|s)?|marzo
          | apr(?:il)?|avr(?:il)?|abril
          | may|mai|mayo
          | jun(?:e|i)?|juin|junio
          | jul(?:y|i)?|juil(?:let)?|julio
          | aug(?:ust)?|ao[uû]t|agosto
          | sep(?:t|tember|tembre)?|septiembre|setiembre
          | oct(?:ober|obre)?|okt(?:ober)?|octubre
          | nov(?:ember|embre)?|noviembre
          | de[cz](?:ember|embre)?|d[ée]c(?:embre)?|diciembre
        )\.?"
    };
}

pub const WRITTEN: &str = concat!(
    r"(?ix)(?-u:\b)(?:
        [0-9]{1,2}(?:st|nd|rd|th|\.|er)?\ (?:of\ |de\ )?   # 3rd of, 3., 3 de
    ",
    month!(),
    r"
        ,?\ (?:de\ )?(?:1[89]|2[01])[0-9]{2}                  # , 1985 / de 1985
      |                                                      # or: March 3rd, 1985
    ",
    month!(),
    r"
        \ [0-9]{1,2}(?:st|nd|rd|th)?,?\ (?:1[89]|2[01])[0-9]{2}
    )(?-u:\b)"
);

/// Written dates day first, year or not: `3 March`, `3. März`, `le 3 mars`, `3 de marzo`. A
/// number after the month is taken in, so that "29 February 2023" is judged whole (and dropped)
/// rather than as "29 February".
pub const WRITTEN_NO_YEAR: &str =
    concat!(r"(?ix)(?-u:\b)[0-9]{1,2}(?:st|nd|rd|th|\.|er)?\ (?:of\ |de\ )?", month!(), r"(?:,?\ (?:de\ )?[0-9]+)?(?-u:\b)");

/// `DATE_TIME`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.date_time",
    entity: "DATE_TIME",
    patterns: &[
        PatternDef { name: "written", regex: WRITTEN, strength: Strength::Medium },
        PatternDef { name: "numeric", regex: NUMERIC, strength: Strength::Medium },
        PatternDef { name: "written without year", regex: WRITTEN_NO_YEAR, strength: Strength::Medium },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// The month a name or abbreviation stands for (any of the four languages, any case, accents
/// optional).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase().replace(['é', 'è'], "e").replace('û', "u").replace('ä', "a");
    const MONTHS: [(u32, &[&str]); 12] = [
        (1, &["jan", "january", "januar", "janvier", "janner", "enero"]),
        (2, &["feb", "february", "februar", "fev", "fevr", "fevrier", "febrero"]),
        (3, &["mar", "march", "marz", "mars", "marzo"]),
        (4, &["apr", "april", "avr", "avril", "abril"]),
        (5, &["may", "mai", "mayo"]),
        (6, &["jun", "june", "juni", "juin", "junio"]),
        (7, &["jul", "july", "juli", "juil", "juillet", "julio"]),
        (8, &["aug", "august", "aout", "agosto"]),
        (9, &["sep", "sept", "september", "septembre", "septiembre", "setiembre"]),
        (10, &["oct", "october", "okt", "oktober", "octobre", "octubre"]),
        (11, &["nov", "november", "novembre", "noviembre"]),
        (12, &["dec", "december", "dez", "dezember", "decembre", "diciembre"]),
    ];
    MONTHS.iter().find(|(_, names)| names.contains(&w.as_str())).map(|&(m, _)| m)
}

/// A calendar reading of a matched date: year (if written), month, day.
pub type Reading = (Option<u32>, u32, u32);

/// Every real calendar date a matched value can be read as. Numeric dates with the year last may
/// be day-first or month-first (both readings are kept if both are real dates); their two
/// separators must agree. Written dates are read by month name; without a year the day must
/// exist in some year (29 February does).
pub fn readings(value: &str) -> Vec<Reading> {
    let numeric = value.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'/' | b'-'));
    if numeric {
        let seps: Vec<char> = value.chars().filter(|c| !c.is_ascii_digit()).collect();
        if seps.len() != 2 || seps[0] != seps[1] {
            return Vec::new();
        }
        let parts: Vec<u32> = value.split(seps[0]).map(|p| p.parse().unwrap_or(0)).collect();
        let [a, b, c] = parts[..] else { return Vec::new() };
        let candidates = if a >= 1000 { vec![(a, b, c)] } else { vec![(c, b, a), (c, a, b)] };
        let mut out: Vec<Reading> =
            candidates.into_iter().filter(|&(y, m, d)| valid_date(y, m, d)).map(|(y, m, d)| (Some(y), m, d)).collect();
        out.dedup();
        return out;
    }
    let words: Vec<&str> =
        value.split([' ', ',']).filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "of" | "de")).collect();
    let number = |w: &str| -> Option<u32> {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let month_at = words.iter().position(|w| month_number(w).is_some());
    let Some(mi) = month_at else { return Vec::new() };
    let month = month_number(words[mi]).expect("found above");
    let (day, rest) = match mi {
        0 => (words.get(1).and_then(|w| number(w)), words.get(2..).unwrap_or_default()),
        1 => (number(words[0]), &words[2..]),
        _ => return Vec::new(),
    };
    // After the day and month, nothing or a four-digit year.
    let year = match rest {
        [] => None,
        [y] if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => number(y),
        _ => return Vec::new(),
    };
    match day {
        Some(d) if valid_date(year.unwrap_or(2000), month, d) => vec![(year, month, d)],
        _ => Vec::new(),
    }
}

/// A real calendar date is plausible. A written date without a year whose month is "may"/"mai"
/// ("3 may") is more often a modal verb than a date, and is dropped.
pub fn validate(value: &str) -> Validation {
    let r = readings(value);
    if r.is_empty() {
        return Validation::Invalid;
    }
    let last = value.split(' ').next_back().unwrap_or_default().trim_end_matches('.').to_lowercase();
    if r.iter().all(|(y, _, _)| y.is_none()) && matches!(last.as_str(), "may" | "mai") {
        return Validation::Invalid;
    }
    Validation::Plausible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_calendar_dates_only() {
        assert_eq!(readings("1985-03-12"), [(Some(1985), 3, 12)]);
        assert_eq!(readings("12/03/1985"), [(Some(1985), 3, 12), (Some(1985), 12, 3)], "day or month first");
        assert_eq!(readings("25/03/1985"), [(Some(1985), 3, 25)]);
        assert!(readings("31.02.1985").is_empty(), "no 31 February");
        assert!(readings("12/03-1985").is_empty(), "mixed separators");
        assert_eq!(readings("29 February 2024"), [(Some(2024), 2, 29)]);
        assert!(readings("29 February 2023").is_empty(), "2023 is no leap year");
        assert_eq!(readings("3. März 1985"), [(Some(1985), 3, 3)]);
        assert_eq!(readings("3 de marzo de 1985"), [(Some(1985), 3, 3)]);
        assert_eq!(readings("le 1er juillet"), Vec::<Reading>::new(), "the article is not matched");
        assert_eq!(readings("1er juillet"), [(None, 7, 1)]);
        assert_eq!(readings("March 3rd, 1985"), [(Some(1985), 3, 3)]);
        assert!(readings("31 April").is_empty());
        assert!(readings("3 March 12").is_empty(), "a number after the month that is no year");
    }

    #[test]
    fn may_without_a_year_is_a_verb() {
        assert_eq!(validate("3 may"), Validation::Invalid);
        assert_eq!(validate("3 May 2024"), Validation::Plausible);
        assert_eq!(validate("3 March"), Validation::Plausible);
    }
}
