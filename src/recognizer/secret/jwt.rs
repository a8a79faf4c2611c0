//! JSON Web Tokens.

use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `JWT`: three base64url parts; the first must decode to a JSON header naming an `alg`.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.jwt",
    entity: "JWT",
    patterns: &[PatternDef {
        name: "token",
        regex: r"(?-u:\b)eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        strength: Strength::Strong,
    }],
    validate: Some(validate),
    needs_context: false,
};

/// Decode base64url without padding (RFC 4648 §5).
pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// The header decodes to a JSON object with an `alg` member.
pub fn validate(value: &str) -> Validation {
    let header = value.split('.').next().and_then(base64url_decode);
    match header.as_deref().map(serde_json::from_slice::<serde_json::Value>) {
        Some(Ok(v)) if v.get("alg").is_some() => Validation::Valid,
        _ => Validation::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_must_name_an_algorithm() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert_eq!(validate(jwt), Validation::Valid);
        assert_eq!(validate("eyJub3RoaW5nIjoxfQ.eyJzdWIiOiIxIn0.abcdefghij"), Validation::Invalid);
    }
}
