//! Check-digit algorithms shared by validators.

/// The ASCII digits of `s` as numbers, ignoring every other character (separators).
pub fn digits(s: &str) -> Vec<u8> {
    s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect()
}

/// Luhn (mod 10): credit cards, Canadian SIN, Swedish personnummer, IMEI.
pub fn luhn(digits: &[u8]) -> bool {
    if digits.len() < 2 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 {
                    dd - 9
                } else {
                    dd
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// ISO 7064 mod 97-10 over an alphanumeric string (letters count as 10..35), as IBAN uses it after
/// moving the first four characters to the end.
pub fn mod97(s: &str) -> Option<u32> {
    let mut rem: u32 = 0;
    for c in s.chars() {
        let v = c.to_digit(36)?;
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    Some(rem)
}

/// Verhoeff check (India's Aadhaar).
pub fn verhoeff(digits: &[u8]) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    // The position permutations: P[i] is the first one applied i times.
    const P: [[u8; 10]; 8] = {
        const P1: [u8; 10] = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
        let mut p = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; 8];
        let mut i = 1;
        while i < 8 {
            let mut j = 0;
            while j < 10 {
                p[i][j] = P1[p[i - 1][j] as usize];
                j += 1;
            }
            i += 1;
        }
        p
    };
    if digits.is_empty() || digits.iter().any(|&d| d > 9) {
        return false;
    }
    let mut c = 0u8;
    for (i, &d) in digits.iter().rev().enumerate() {
        c = D[usize::from(c)][usize::from(P[i % 8][usize::from(d)])];
    }
    c == 0
}

/// A weighted sum of digits mod `m` (the shape of many national id checks).
pub fn weighted_sum(digits: &[u8], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum()
}

/// Shannon entropy of `s` in bits per character (the generic secret detector's measure).
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[usize::from(b)] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / f64::from(n);
            -p * p.log2()
        })
        .sum()
}

/// ISO 7064 MOD 11-2 check character (`0`..`9` or `X`) of a digit string: China's resident
/// identity card.
pub fn iso7064_mod11_2(digits: &[u8]) -> char {
    let mut p = 0u32;
    for &d in digits {
        p = ((p + u32::from(d)) * 2) % 11;
    }
    let c = (12 - p) % 11;
    if c == 10 {
        'X'
    } else {
        char::from(b'0' + c as u8)
    }
}

/// ISO 7064 MOD 11,10 check digit of a digit string: Germany's tax id (Steuer-ID).
pub fn iso7064_mod11_10(digits: &[u8]) -> u8 {
    let mut p = 10u32;
    for &d in digits {
        let mut s = (u32::from(d) + p) % 10;
        if s == 0 {
            s = 10;
        }
        p = (s * 2) % 11;
    }
    ((11 - p) % 10) as u8
}

/// The 7-3-1 weighted check digit of ICAO machine-readable zones and Germany's identity card
/// (letters count as 10..35, `<` as 0).
pub fn icao_731(s: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in s.chars().enumerate() {
        let v = if c == '<' { 0 } else { c.to_digit(36)? };
        sum += v * [7, 3, 1][i % 3];
    }
    Some((sum % 10) as u8)
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Decode Bitcoin's base58 alphabet (`None` on a character outside it).
pub fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = BASE58.iter().position(|&b| b == c)? as u32;
        for byte in out.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&b| b == b'1').count();
    let mut v = vec![0u8; zeros];
    v.extend(out);
    Some(v)
}

/// Base58Check: the last four bytes are the first four of SHA-256(SHA-256(payload)). Returns the
/// payload (version byte first) when the check holds.
pub fn base58check(s: &str) -> Option<Vec<u8>> {
    use sha2::{Digest, Sha256};
    let raw = base58_decode(s)?;
    if raw.len() < 5 {
        return None;
    }
    let (payload, check) = raw.split_at(raw.len() - 4);
    let h = Sha256::digest(Sha256::digest(payload));
    (h[..4] == *check).then(|| payload.to_vec())
}

/// Which bech32 variant a string's checksum is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bech32 {
    /// BIP 173 (segwit v0).
    Bech32,
    /// BIP 350 (segwit v1+, taproot).
    Bech32m,
}

/// Verify a bech32 / bech32m string (`hrp` `1` data, one case) and say which variant it is.
pub fn bech32(s: &str) -> Option<Bech32> {
    const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    if s.bytes().any(|b| b.is_ascii_lowercase()) && s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let s = s.to_ascii_lowercase();
    let (hrp, data) = s.rsplit_once('1')?;
    if hrp.is_empty() || data.len() < 6 {
        return None;
    }
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    for c in data.bytes() {
        values.push(CHARSET.iter().position(|&x| x == c)? as u8);
    }
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    match chk {
        1 => Some(Bech32::Bech32),
        0x2bc8_30a3 => Some(Bech32::Bech32m),
        _ => None,
    }
}

/// EIP-55: in a mixed-case Ethereum address each letter is upper case exactly when the matching
/// nibble of Keccak-256(lower-case hex) is 8 or more. `addr` is the 40 hex digits without `0x`.
pub fn eip55(addr: &str) -> bool {
    use sha3::{Digest, Keccak256};
    let lower = addr.to_ascii_lowercase();
    let hash = Keccak256::digest(lower.as_bytes());
    addr.bytes().enumerate().all(|(i, c)| {
        let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0xf;
        match c {
            b'a'..=b'f' => nibble < 8,
            b'A'..=b'F' => nibble >= 8,
            _ => true,
        }
    })
}

/// Whether year-month-day is a calendar date (Gregorian leap years). National ids that encode a
/// birth date use it to reject impossible ones.
pub fn valid_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The number formed by the digits `d[range]`.
pub fn number(d: &[u8]) -> u32 {
    d.iter().fold(0u32, |acc, &x| acc * 10 + u32::from(x))
}

/// The placeholder check of ids that have no checksum (passports, driver's licences): plausible
/// unless every digit is the same one (`000000000`, `D0000000`) or there is none.
pub fn not_one_digit_repeated(value: &str) -> crate::recognizer::Validation {
    use crate::recognizer::Validation;
    let d = digits(value);
    if d.first().is_none_or(|&first| d.iter().all(|&x| x == first)) {
        Validation::Invalid
    } else {
        Validation::Plausible
    }
}

/// The usual verdict of a checksummed national id: a failed check is not the id; a passed one is
/// confirmed when the value is written in the id's own format (`distinctive`), and only plausible
/// when it is bare digits that many other numbers share (then the pattern's weak score needs a
/// context word).
pub fn verdict(check_ok: bool, distinctive: bool) -> crate::recognizer::Validation {
    use crate::recognizer::Validation;
    match (check_ok, distinctive) {
        (false, _) => Validation::Invalid,
        (true, true) => Validation::Checksum,
        (true, false) => Validation::Plausible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_and_rejects_a_changed_digit() {
        assert!(luhn(&digits("4111 1111 1111 1111")));
        assert!(luhn(&digits("5500-0000-0000-0004")));
        assert!(!luhn(&digits("4111 1111 1111 1112")));
    }

    #[test]
    fn mod97_of_a_rearranged_iban_is_one() {
        // GB82 WEST 1234 5698 7654 32, rearranged: WEST12345698765432GB82
        assert_eq!(mod97("WEST12345698765432GB82"), Some(1));
        assert_ne!(mod97("WEST12345698765433GB82"), Some(1));
    }

    #[test]
    fn verhoeff_known_values() {
        assert!(verhoeff(&digits("2363")));
        assert!(!verhoeff(&digits("2364")));
    }

    #[test]
    fn dates_know_leap_years() {
        assert!(valid_date(2000, 2, 29));
        assert!(!valid_date(1900, 2, 29));
        assert!(!valid_date(2023, 4, 31));
        assert!(!valid_date(2023, 13, 1));
    }

    #[test]
    fn entropy_of_repetition_is_low() {
        assert!(shannon_entropy("aaaaaaaa") < 0.01);
        assert!(shannon_entropy("aB3$xZ9!qW") > 3.0);
    }
    #[test]
    fn iso7064_known_values() {
        // China: 11010519491231002X is the standard's worked example.
        assert_eq!(iso7064_mod11_2(&digits("11010519491231002")), 'X');
        // Germany: 86095742719 is the BZSt's published sample tax id.
        assert_eq!(iso7064_mod11_10(&digits("8609574271")), 9);
    }

    #[test]
    fn icao_731_of_the_specimen_passport() {
        // ICAO 9303's specimen: document number L898902C3 has check digit 6.
        assert_eq!(icao_731("L898902C3"), Some(6));
        assert_eq!(icao_731("L898902C<"), Some(icao_731("L898902C0").unwrap()));
    }

    #[test]
    fn base58check_and_bech32_of_known_addresses() {
        assert!(base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa").is_some());
        assert!(base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb").is_none());
        assert_eq!(bech32("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), Some(Bech32::Bech32));
        assert_eq!(bech32("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"), None);
        assert_eq!(bech32("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"), Some(Bech32::Bech32m));
    }

    #[test]
    fn eip55_mixed_case() {
        assert!(eip55("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        assert!(!eip55("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    }
}
