//! The pseudonym operator: realistic, format-valid stand-ins, deterministic per conversation.
//!
//! A placeholder (`[PERSON_1]`) is safe but breaks what the model writes back ("Dear [PERSON_1]",
//! a card number that no longer looks like one). A pseudonym keeps the shape: a name of similar
//! cultural origin and the same gender (gender-neutral when unknown), an e-mail on a reserved
//! domain (example.com/.org/.net), a phone number in a range reserved for fiction, a card number
//! that passes Luhn in a test BIN, an IBAN with valid check digits, a date shifted by one offset
//! per conversation (so intervals stay true). Every stand-in is recorded in the vault, and
//! `restore` maps it back.
//!
//! Stand-ins are drawn with HMAC-SHA-256 of the value under the conversation key, so the same value
//! gets the same stand-in in a conversation, and different conversations get unrelated ones. Name
//! tables: `config/pseudonyms.json` (built by `config/pseudonyms/generate.py` from Faker's and
//! presidio-research's MIT-licensed name lists).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use sha2::Sha256;

use crate::recognizer::checksum::{digits, luhn, mod97};

#[derive(Deserialize)]
struct Culture {
    female: Vec<String>,
    male: Vec<String>,
    last: Vec<String>,
}

#[derive(Deserialize)]
struct NameFile {
    neutral: Vec<String>,
    cultures: BTreeMap<String, Culture>,
}

/// What a name token is known as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Female,
    Male,
    Last,
}

struct Tables {
    file: NameFile,
    /// Lowercased name → (culture, role) pairs it appears as.
    index: HashMap<String, Vec<(String, Role)>>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let file: NameFile =
            serde_json::from_str(include_str!("../config/pseudonyms.json")).expect("config/pseudonyms.json parses");
        let mut index: HashMap<String, Vec<(String, Role)>> = HashMap::new();
        for (culture, c) in &file.cultures {
            for (names, role) in [(&c.female, Role::Female), (&c.male, Role::Male), (&c.last, Role::Last)] {
                for n in names {
                    index.entry(n.to_lowercase()).or_default().push((culture.clone(), role));
                }
            }
        }
        Tables { file, index }
    })
}

/// Cultures that write the family name first.
const SURNAME_FIRST: &[&str] = &["chinese", "taiwanese", "japanese", "korean", "vietnamese", "hungarian"];

/// Titles kept as they are ("Mr Smith" → "Mr Jones").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "madam", "herr", "frau", "m", "mme", "mlle", "sr", "sra", "srta",
    "don", "doña",
];

/// Whether `token` (without a trailing dot) is a title.
pub fn is_title(token: &str) -> bool {
    TITLES.contains(&token.trim_end_matches('.').to_lowercase().as_str())
}

/// Whether `token` is an initial ("J", "J."): one cased letter (a single CJK character is a name).
pub fn is_initial(token: &str) -> bool {
    let mut cs = token.trim_end_matches('.').chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase() || c.is_lowercase())
}

/// Draws stand-ins for one conversation.
pub struct Pseudonymizer<'a> {
    key: &'a [u8; 32],
    /// Days every date is shifted by.
    pub date_shift_days: i64,
}

impl<'a> Pseudonymizer<'a> {
    /// A pseudonymizer keyed by the conversation key, shifting dates by `date_shift_days`.
    pub fn new(key: &'a [u8; 32], date_shift_days: i64) -> Self {
        Pseudonymizer { key, date_shift_days }
    }

    /// The conversation's date shift: 1 to 365 days either way, drawn from the key.
    pub fn date_shift_for(key: &[u8; 32]) -> i64 {
        let h = draw(key, &["date-shift"], 0);
        let days = (h % 365) as i64 + 1;
        if h & (1 << 40) == 0 {
            days
        } else {
            -days
        }
    }

    /// A stand-in for `value` of `entity`, or `None` when scrim has no realistic form for it
    /// (then the placeholder operator is used). `attempt` > 0 draws again after a collision.
    /// `names` maps name tokens already replaced in this conversation to their stand-ins, so
    /// "John Smith", "John" and "Mr Smith" stay one person.
    pub fn stand_in(&self, entity: &str, value: &str, attempt: u32, names: &mut BTreeMap<String, String>) -> Option<String> {
        match entity {
            "PERSON" => self.person(value, attempt, names),
            "EMAIL_ADDRESS" => Some(self.email(value, attempt, names)),
            "PHONE_NUMBER" => Some(self.phone(value, attempt)),
            "CREDIT_CARD" => Some(self.card(value, attempt)),
            "IBAN_CODE" => self.iban(value, attempt),
            // One offset for every date of the conversation, birth dates included: ages and
            // intervals between dates stay true to within the shift.
            "DATE_TIME" | "DATE_OF_BIRTH" => shift_date(value, self.date_shift_days + i64::from(attempt) * 7),
            _ => None,
        }
    }

    fn pick<'t>(&self, list: &'t [String], parts: &[&str], attempt: u32) -> Option<&'t str> {
        (!list.is_empty()).then(|| list[(draw(self.key, parts, attempt) % list.len() as u64) as usize].as_str())
    }

    fn person(&self, value: &str, attempt: u32, names: &mut BTreeMap<String, String>) -> Option<String> {
        let t = tables();
        let tokens: Vec<&str> = value.split_whitespace().collect();
        let words: Vec<&str> = tokens.iter().copied().filter(|w| !is_title(w) && !is_initial(w)).collect();
        if words.is_empty() {
            return None;
        }
        // Culture and gender from the first token the tables know.
        let known = |w: &str| t.index.get(&w.to_lowercase()).cloned().unwrap_or_default();
        let culture = words.iter().flat_map(|w| known(w)).map(|(c, _)| c).next();
        let given_role = words
            .iter()
            .flat_map(|w| known(w))
            .filter(|(c, _)| Some(c) == culture.as_ref())
            .map(|(_, r)| r)
            .find(|r| *r != Role::Last);
        let culture_table = culture.as_ref().and_then(|c| t.file.cultures.get(c));
        let latin = value.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c));
        let mut out = Vec::with_capacity(tokens.len());
        let last_index = tokens.iter().rposition(|w| !is_title(w) && !is_initial(w));
        for (i, tok) in tokens.iter().enumerate() {
            if is_title(tok) {
                out.push(tok.to_string());
                continue;
            }
            let bare = tok.trim_end_matches('.');
            if is_initial(tok) {
                // An initial: the initial of a given name already mapped from that letter, if one.
                let letter = bare.to_lowercase();
                let mapped = names.iter().find(|(k, _)| k.starts_with(&letter) && k.chars().count() > 1).map(|(_, v)| v.clone());
                let initial = mapped
                    .and_then(|v| v.chars().next())
                    .unwrap_or_else(|| (b'A' + (draw(self.key, &["initial", bare], attempt) % 26) as u8) as char);
                out.push(format!("{initial}{}", &tok[bare.len()..]));
                continue;
            }
            let key = bare.to_lowercase();
            if let Some(s) = names.get(&key).filter(|_| attempt == 0) {
                out.push(s.clone());
                continue;
            }
            // Surname or given name: what the culture's tables say of this token, else its
            // position (last token; first in surname-first cultures).
            let roles: Vec<Role> = known(bare).into_iter().filter(|(c, _)| Some(c) == culture.as_ref()).map(|(_, r)| r).collect();
            let surname_first = culture.as_deref().is_some_and(|c| SURNAME_FIRST.contains(&c));
            let first_index = tokens.iter().position(|w| !is_title(w) && !is_initial(w));
            let positional = words.len() > 1 && if surname_first { Some(i) == first_index } else { Some(i) == last_index };
            let surname = if roles.is_empty() || roles.iter().all(|r| *r == Role::Last) == roles.iter().any(|r| *r != Role::Last)
            {
                positional || (words.len() == 1 && roles.iter().all(|r| *r == Role::Last) && !roles.is_empty())
            } else {
                roles.iter().all(|r| *r == Role::Last)
            };
            let combined;
            let list: &[String] = match (surname, culture_table, given_role) {
                (true, Some(c), _) => &c.last,
                (true, None, _) => &t.file.cultures["english"].last,
                (false, Some(c), Some(Role::Female)) => &c.female,
                (false, Some(c), Some(Role::Male)) => &c.male,
                // No known gender in a non-Latin script: that culture's given names, so the
                // stand-in stays in the script the user wrote (English neutral names otherwise).
                (false, Some(c), _) if !latin => {
                    combined = [c.female.as_slice(), c.male.as_slice()].concat();
                    &combined
                }
                _ => &t.file.neutral,
            };
            let stand_in = self.pick(list, &["person", &key], attempt)?.to_string();
            names.insert(key, stand_in.clone());
            out.push(stand_in);
        }
        Some(out.join(" "))
    }

    fn email(&self, value: &str, attempt: u32, names: &BTreeMap<String, String>) -> String {
        let (local, _) = value.rsplit_once('@').unwrap_or((value, ""));
        let parts: Vec<String> = local
            .split(['.', '_', '-'])
            .map(|p| match names.get(&p.to_lowercase()) {
                Some(s) => s.to_lowercase(),
                None => {
                    let words = &tables().file.neutral;
                    let w = self.pick(words, &["email-part", p], attempt).unwrap_or("user").to_lowercase();
                    if p.bytes().any(|b| b.is_ascii_digit()) {
                        format!("{w}{}", draw(self.key, &["email-n", p], attempt) % 100)
                    } else {
                        w
                    }
                }
            })
            .collect();
        let domain =
            ["example.com", "example.org", "example.net"][(draw(self.key, &["email-domain", value], attempt) % 3) as usize];
        format!("{}@{domain}", parts.join("."))
    }

    fn phone(&self, value: &str, attempt: u32) -> String {
        let h = draw(self.key, &["phone", value], attempt);
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        // Ranges set aside for drama and examples: Ofcom 020 7946 0xxx / 07700 900xxx,
        // ACMA 0491 570 xxx, ARCEP 01 99 00 xx xx, NANP 555-01xx.
        if compact.starts_with("+44") || compact.starts_with("07") || compact.starts_with("02") {
            if compact.starts_with("+447") || compact.starts_with("07") {
                format!("{}7700 900{:03}", if compact.starts_with('+') { "+44 " } else { "0" }, h % 1000)
            } else {
                format!("{}20 7946 0{:03}", if compact.starts_with('+') { "+44 " } else { "0" }, h % 1000)
            }
        } else if compact.starts_with("+61") || compact.starts_with("04") {
            format!("{}491 570 {:03}", if compact.starts_with('+') { "+61 " } else { "0" }, 6 + h % 154)
        } else if compact.starts_with("+33") {
            format!("+33 1 99 00 {:02} {:02}", h % 100, (h >> 8) % 100)
        } else {
            let area = 201 + (h >> 16) % 700;
            let area = if area % 100 == 11 { area + 1 } else { area };
            let body = format!("{area}) 555-01{:02}", h % 100);
            if compact.starts_with('+') {
                format!("+1 ({body}")
            } else {
                format!("({body}")
            }
        }
    }

    fn card(&self, value: &str, attempt: u32) -> String {
        let n = digits(value).len().clamp(13, 19);
        // 424242: a test BIN every payment processor's sandbox accepts and none issues.
        let mut d: Vec<u8> = vec![4, 2, 4, 2, 4, 2];
        let mut h = draw(self.key, &["card", value], attempt);
        while d.len() < n - 1 {
            d.push((h % 10) as u8);
            h = h / 10 + 0x9e37_79b9_7f4a_7c15 * u64::from((d.len() as u8).is_multiple_of(3));
        }
        d.push(0);
        let check = (0..10).find(|&c| {
            *d.last_mut().expect("non-empty") = c;
            luhn(&d)
        });
        *d.last_mut().expect("non-empty") = check.unwrap_or(0);
        reshape(value, &d)
    }

    fn iban(&self, value: &str, attempt: u32) -> Option<String> {
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        let country = compact.get(..2)?;
        let mut h = draw(self.key, &["iban", value], attempt);
        let mut next = |m: u64| {
            h = h.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (h >> 33) % m
        };
        let bban: String = compact[4..]
            .chars()
            .map(|c| if c.is_ascii_digit() { char::from(b'0' + next(10) as u8) } else { char::from(b'A' + next(26) as u8) })
            .collect();
        let check = 98 - mod97(&format!("{bban}{country}00"))?;
        let iban = format!("{country}{check:02}{bban}");
        let grouped = value.contains(' ');
        Some(if grouped {
            iban.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
        } else {
            iban
        })
    }
}

/// Put `new` digits into the shape of `original` (its separators where they were).
fn reshape(original: &str, new: &[u8]) -> String {
    let mut it = new.iter();
    original.chars().map(|c| if c.is_ascii_digit() { it.next().map_or(c, |&d| char::from(b'0' + d)) } else { c }).collect()
}

/// 64 bits of HMAC-SHA-256(key, parts, attempt).
fn draw(key: &[u8; 32], parts: &[&str], attempt: u32) -> u64 {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    for p in parts {
        mac.update(p.as_bytes());
        mac.update(&[0]);
    }
    mac.update(&attempt.to_le_bytes());
    let tag = mac.finalize().into_bytes();
    u64::from_le_bytes(tag[..8].try_into().expect("8 bytes"))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn valid_date(y: i64, m: i64, d: i64) -> bool {
    (1..=12).contains(&m) && d >= 1 && civil_from_days(days_from_civil(y, m, d)) == (y, m, d)
}

/// Shift a numeric date (`2024-03-05`, `05/03/2024` read as month/day when the first part is at
/// most 12 and as day/month otherwise, `05.03.2024`) by `days`, keeping its format.
pub fn shift_date(value: &str, days: i64) -> Option<String> {
    let sep = value.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = value.split(sep).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let num = |s: &str| s.parse::<i64>().ok();
    let (y, m, d, order) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?, "ymd")
    } else if sep == '/' && num(a)? <= 12 {
        (num(c)?, num(a)?, num(b)?, "mdy")
    } else {
        (num(c)?, num(b)?, num(a)?, "dmy")
    };
    if !valid_date(y, m, d) {
        return None;
    }
    let (y2, m2, d2) = civil_from_days(days_from_civil(y, m, d) + days);
    let w = |v: i64, like: &str| format!("{v:0width$}", width = like.len());
    Some(match order {
        "ymd" => format!("{}{sep}{}{sep}{}", w(y2, a), w(m2, b), w(d2, c)),
        "mdy" => format!("{}{sep}{}{sep}{}", w(m2, a), w(d2, b), w(y2, c)),
        _ => format!("{}{sep}{}{sep}{}", w(d2, a), w(m2, b), w(y2, c)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognizer::generic::{credit_card, iban};
    use crate::recognizer::Validation;

    const KEY: [u8; 32] = [9; 32];

    #[test]
    fn person_keeps_culture_gender_and_titles_and_is_consistent() {
        let p = Pseudonymizer::new(&KEY, 10);
        let mut names = BTreeMap::new();
        let full = p.stand_in("PERSON", "John Smith", 0, &mut names).unwrap();
        let first = p.stand_in("PERSON", "John", 0, &mut names).unwrap();
        let mr = p.stand_in("PERSON", "Mr Smith", 0, &mut names).unwrap();
        let (f, l) = full.split_once(' ').unwrap();
        assert_eq!(first, f, "John alone maps to the same first name");
        assert_eq!(mr, format!("Mr {l}"));
        assert_ne!(full, "John Smith");
        let t = tables();
        assert!(t.index[&f.to_lowercase()].iter().any(|(_, r)| *r == Role::Male), "{f} is a male given name");
        let zh = p.stand_in("PERSON", "王 伟", 0, &mut names).unwrap();
        assert!(zh.chars().all(|c| c == ' ' || !c.is_ascii()), "a Chinese name gets a Chinese stand-in: {zh}");
    }

    #[test]
    fn unknown_given_names_get_gender_neutral_stand_ins() {
        let p = Pseudonymizer::new(&KEY, 10);
        let s = p.stand_in("PERSON", "Zxqwy Smith", 0, &mut BTreeMap::new()).unwrap();
        assert!(tables().file.neutral.iter().any(|n| s.starts_with(n.as_str())), "{s}");
    }

    #[test]
    fn formats_stay_valid() {
        let p = Pseudonymizer::new(&KEY, 10);
        let mut names = BTreeMap::new();
        let card = p.stand_in("CREDIT_CARD", "5555-5555-5555-4444", 0, &mut names).unwrap();
        assert_eq!(credit_card::validate(&card), Validation::Checksum, "{card}");
        assert_eq!(card.matches('-').count(), 3);
        let ib = p.stand_in("IBAN_CODE", "GB82 WEST 1234 5698 7654 32", 0, &mut names).unwrap();
        assert_eq!(iban::validate(&ib), Validation::Checksum, "{ib}");
        let email = p.stand_in("EMAIL_ADDRESS", "j.smith@acme.co.uk", 0, &mut names).unwrap();
        assert!(email.ends_with("@example.com") || email.ends_with("@example.org") || email.ends_with("@example.net"));
        let phone = p.stand_in("PHONE_NUMBER", "+1 (415) 555-2671", 0, &mut names).unwrap();
        assert!(phone.contains("555-01"), "{phone}");
        let uk = p.stand_in("PHONE_NUMBER", "07911 123456", 0, &mut names).unwrap();
        assert!(uk.starts_with("07700 900"), "{uk}");
    }

    #[test]
    fn dates_shift_by_one_offset_so_intervals_hold() {
        assert_eq!(shift_date("2024-02-28", 2).as_deref(), Some("2024-03-01"));
        assert_eq!(shift_date("12/31/2023", 1).as_deref(), Some("01/01/2024"));
        assert_eq!(shift_date("31.12.2023", 1).as_deref(), Some("01.01.2024"));
        assert_eq!(shift_date("2023-02-30", 1), None);
        let p = Pseudonymizer::new(&KEY, Pseudonymizer::date_shift_for(&KEY));
        let mut n = BTreeMap::new();
        let a = p.stand_in("DATE_TIME", "2024-01-01", 0, &mut n).unwrap();
        let b = p.stand_in("DATE_TIME", "2024-01-15", 0, &mut n).unwrap();
        let day = |s: &str| {
            let v: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
            days_from_civil(v[0], v[1], v[2])
        };
        assert_eq!(day(&b) - day(&a), 14);
        let born = p.stand_in("DATE_OF_BIRTH", "2024-01-08", 0, &mut n).unwrap();
        assert_eq!(day(&born) - day(&a), 7, "a birth date moves by the same offset");
    }
}
