//! What scrim knows about text itself, shared by every stage: word boundaries, the characters that
//! render as nothing, and the grammar of entity names (which placeholders are made of).
//!
//! These facts used to live in the stage that needed them first (the recognizers, the toxicity
//! featurizer, the vault), and two copies of the invisible-character set drifted apart: the
//! featurizer dropped U+206A–U+206F while the hidden-text heuristic did not flag them, so
//! `HIDDEN_TEXT` redaction left them in the text sent. There is one copy now.

/// Whether `pos` is not inside a word (the characters on both sides are not both alphanumeric).
/// `pos` must be a character boundary of `text`.
pub(crate) fn is_word_boundary(text: &str, pos: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text[pos..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// Whether `hay` contains `word` with no letter or digit directly on either side.
pub(crate) fn contains_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(i, _)| is_word_boundary(hay, i) && is_word_boundary(hay, i + word.len()))
}

/// What an invisible character is used for (each is a different way of hiding text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Invisible {
    /// Unicode tag characters (U+E0000–U+E007F): mirror ASCII invisibly ("ASCII smuggling").
    Tag,
    /// Zero-width and other blank format characters (U+200B, U+2060, U+FEFF, the deprecated
    /// U+206A–U+206F, Hangul fillers...): split keywords past filters or carry bits.
    ZeroWidth,
    /// Bidirectional controls (U+202A–U+202E, U+2066–U+2069, marks): reorder what is displayed.
    Bidi,
    /// Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, the Mongolian free variation
    /// selectors U+180B–U+180D and U+180F): one after a character is legitimate, runs smuggle bytes.
    VariationSelector,
}

/// The kind of `c` if it renders as nothing: the one set the hidden-text heuristic flags and strips,
/// normalization skips and the classifiers' featurizer drops.
pub fn invisible(c: char) -> Option<Invisible> {
    Some(match c {
        '\u{E0000}'..='\u{E007F}' => Invisible::Tag,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FEFF}'
        | '\u{FFA0}' => Invisible::ZeroWidth,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Invisible::Bidi,
        '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => {
            Invisible::VariationSelector
        }
        _ => return None,
    })
}

/// Whether `c` renders as nothing (see [`invisible`]).
pub fn is_invisible(c: char) -> bool {
    invisible(c).is_some()
}

/// Whether `entity` can name placeholders that `restore` finds again: UPPER_SNAKE_CASE with a
/// letter first and single underscores between words (`EMAIL_ADDRESS`, `EMPLOYEE_ID2`).
/// `[2FA_CODE_1]` or `[EMP__ID_1]` would be minted and never restored.
pub(crate) fn is_entity_name(entity: &str) -> bool {
    entity.starts_with(|c: char| c.is_ascii_uppercase())
        && entity.split('_').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

/// Decode base64 as people and programs write it: the standard or the URL-safe alphabet (even
/// mixed), padded or not, trailing bits ignored. `None` if it is not base64.
pub(crate) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::Engine;
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let standard: Vec<u8> = s
        .bytes()
        .map(|b| match b {
            b'-' => b'+',
            b'_' => b'/',
            b => b,
        })
        .collect();
    LENIENT.decode(standard).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_are_between_a_word_and_anything_else() {
        assert!(is_word_boundary("ab cd", 2));
        assert!(!is_word_boundary("abcd", 2));
        assert!(is_word_boundary("中文", 0));
        assert!(contains_word("call jane now", "jane"));
        assert!(!contains_word("call janet now", "jane"));
    }

    #[test]
    fn every_invisible_character_has_one_kind() {
        for c in ['\u{206A}', '\u{206F}', '\u{200B}', '\u{FEFF}'] {
            assert_eq!(invisible(c), Some(Invisible::ZeroWidth), "{:04X}", c as u32);
        }
        for c in ['\u{180B}', '\u{180F}', '\u{FE0F}', '\u{E0100}'] {
            assert_eq!(invisible(c), Some(Invisible::VariationSelector), "{:04X}", c as u32);
        }
        assert_eq!(invisible('\u{202E}'), Some(Invisible::Bidi));
        assert_eq!(invisible('\u{E0041}'), Some(Invisible::Tag));
        assert!(!is_invisible('a') && !is_invisible(' ') && !is_invisible('é'));
    }

    #[test]
    fn base64_in_either_alphabet_padded_or_not() {
        assert_eq!(decode_base64("aGVsbG8gd29ybGQ=").unwrap(), b"hello world");
        assert_eq!(decode_base64("aGVsbG8gd29ybGQ").unwrap(), b"hello world");
        assert_eq!(decode_base64("-_-_").unwrap(), decode_base64("+/+/").unwrap());
        assert!(decode_base64("a").is_none() && decode_base64("ab!d").is_none());
    }

    #[test]
    fn entity_names_are_upper_snake_case() {
        assert!(is_entity_name("EMAIL_ADDRESS") && is_entity_name("EMPLOYEE_ID2"));
        assert!(!is_entity_name("2FA_CODE") && !is_entity_name("EMP__ID") && !is_entity_name("Email"));
    }
}
