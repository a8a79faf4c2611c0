//! Converting UTF-8 byte offsets (the Rust API) to UTF-16 code units (the JS API, what
//! `String.prototype.slice` uses) and to Unicode code points (the CLI's JSON, Python's indices).

/// Which unit offsets are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetUnit {
    /// UTF-8 bytes (Rust `str` indices).
    Utf8,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// Unicode scalar values (Python string indices).
    CodePoint,
}

/// Converts byte offsets of one text into another unit. Built once per text, then each lookup is a
/// binary search (or O(1) for ASCII text).
pub struct OffsetMap<'a> {
    text: &'a str,
    unit: OffsetUnit,
    /// (byte offset, offset in `unit`) at each non-ASCII char start; empty for ASCII text.
    anchors: Vec<(usize, usize)>,
}

impl<'a> OffsetMap<'a> {
    /// Prepare conversions of byte offsets in `text` to `unit`.
    pub fn new(text: &'a str, unit: OffsetUnit) -> Self {
        let mut anchors = Vec::new();
        if unit != OffsetUnit::Utf8 && !text.is_ascii() {
            let mut units = 0;
            for (pos, c) in text.char_indices() {
                if !c.is_ascii() {
                    anchors.push((pos, units));
                }
                units += match unit {
                    OffsetUnit::Utf16 => c.len_utf16(),
                    _ => 1,
                };
            }
        }
        OffsetMap { text, unit, anchors }
    }

    /// The offset in this map's unit of byte offset `byte`, which must be on a char boundary.
    pub fn convert(&self, byte: usize) -> usize {
        debug_assert!(self.text.is_char_boundary(byte));
        if self.anchors.is_empty() {
            return byte;
        }
        // The last non-ASCII char that starts before `byte`; everything after it up to `byte`
        // is ASCII except that char itself.
        match self.anchors.partition_point(|&(b, _)| b < byte) {
            0 => byte,
            i => {
                let (b, u) = self.anchors[i - 1];
                let c = self.text[b..].chars().next().map_or(0, |c| match self.unit {
                    OffsetUnit::Utf16 => c.len_utf16(),
                    _ => 1,
                });
                let after = b + self.text[b..].chars().next().map_or(0, char::len_utf8);
                u + c + (byte - after)
            }
        }
    }
}

/// The byte offset in `text` of an offset counted in `unit`, or `None` if it is past the end or
/// falls inside a character (e.g. between the two halves of a UTF-16 surrogate pair).
pub fn to_byte(text: &str, offset: usize, unit: OffsetUnit) -> Option<usize> {
    let mut units = 0;
    for (pos, c) in text.char_indices() {
        if units == offset {
            return Some(pos);
        }
        if units > offset {
            return None;
        }
        units += match unit {
            OffsetUnit::Utf8 => c.len_utf8(),
            OffsetUnit::Utf16 => c.len_utf16(),
            OffsetUnit::CodePoint => 1,
        };
    }
    (units == offset).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_cjk_and_combining_marks() {
        // "a😀b中e\u{301}x": 😀 is 4 bytes / 2 UTF-16 units / 1 code point.
        let text = "a😀b中e\u{301}x";
        let u16 = OffsetMap::new(text, OffsetUnit::Utf16);
        let cp = OffsetMap::new(text, OffsetUnit::CodePoint);
        let byte_of_b = text.find('b').unwrap();
        assert_eq!(u16.convert(byte_of_b), 3);
        assert_eq!(cp.convert(byte_of_b), 2);
        let byte_of_x = text.find('x').unwrap();
        assert_eq!(u16.convert(byte_of_x), "a😀b中e\u{301}".encode_utf16().count());
        assert_eq!(cp.convert(byte_of_x), 6);
        assert_eq!(u16.convert(text.len()), text.encode_utf16().count());
        for unit in [OffsetUnit::Utf16, OffsetUnit::CodePoint, OffsetUnit::Utf8] {
            let m = OffsetMap::new(text, unit);
            for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                assert_eq!(to_byte(text, m.convert(b), unit), Some(b));
            }
        }
        assert_eq!(to_byte(text, 2, OffsetUnit::Utf16), None); // inside the surrogate pair
    }
}
