//! Offsets in bytes or code points: the unit ([`Offsets`]), the byte-to-code-point map
//! ([`CharIndex`]), and the conversion of byte spans into a unit ([`Converter`], giving
//! [`RecordSpan`]s).
//!
//! The core's spans are byte ranges into UTF-8 text. Python `str` indices, and the command
//! line's JSON by default, count code points instead. Everything that writes offsets in
//! code points goes through this module, so the conversion is written once.
//!
//! ```
//! use newswire::offsets::{Converter, Offsets};
//! use newswire::Span;
//! let text = "São Paulo, May 2 - ...";
//! let chars = Converter::new(text, Offsets::Chars);
//! let paulo = chars.span(Span::new(5, 10));
//! assert_eq!((paulo.start, paulo.end), (4, 9)); // what text[4:9] is in Python
//! assert_eq!(paulo.slice(text), "Paulo");       // the byte span is kept for slicing
//! ```

use crate::Span;

/// The unit of the offsets in a record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Offsets {
    /// Byte offsets into the UTF-8 text (Rust and C).
    Bytes,
    /// Code-point offsets (Python `str` indices); the command line's default.
    #[default]
    Chars,
}

/// A span in a record's unit, with the byte span it was converted from.
///
/// `start..end` counts in the unit the record was made in ([`Offsets`]); `bytes` slices
/// the Rust text. Both cover exactly the same characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RecordSpan {
    /// First offset, in the record's unit.
    pub start: usize,
    /// One past the last offset, in the record's unit.
    pub end: usize,
    /// The same span in bytes.
    pub bytes: Span,
}

impl RecordSpan {
    /// The text the span covers: `text` must be the text the record was made from. Empty
    /// (never a panic) for a span that does not fit `text`.
    #[inline]
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.bytes.start..self.bytes.end).unwrap_or("")
    }
}

/// Converts the byte spans of one text into [`RecordSpan`]s of a unit.
///
/// Byte offsets need no work; code-point offsets need a [`CharIndex`], built once here.
#[derive(Clone, Debug)]
pub struct Converter<'t> {
    /// `None` for byte offsets.
    chars: Option<CharIndex<'t>>,
}

impl<'t> Converter<'t> {
    /// A converter for spans of `text` into `unit`.
    pub fn new(text: &'t str, unit: Offsets) -> Converter<'t> {
        Converter {
            chars: (unit == Offsets::Chars).then(|| CharIndex::new(text)),
        }
    }

    /// Byte offset `byte` in the converter's unit.
    #[inline]
    pub fn offset(&self, byte: usize) -> usize {
        match &self.chars {
            Some(index) => index.char_offset(byte),
            None => byte,
        }
    }

    /// Byte span `span` in the converter's unit.
    #[inline]
    pub fn span(&self, span: Span) -> RecordSpan {
        RecordSpan {
            start: self.offset(span.start),
            end: self.offset(span.end),
            bytes: span,
        }
    }

    /// Every span of `spans`, converted.
    pub fn spans(&self, spans: &[Span]) -> Vec<RecordSpan> {
        spans.iter().map(|&s| self.span(s)).collect()
    }
}

/// Maps byte offsets of one text to code-point offsets.
///
/// Built in one pass over the text; all-ASCII text (most wire copy) needs no table at all.
/// Lookups are `O(1)` through a table of checkpoints every 64 bytes plus a short count.
///
/// ```
/// use newswire::offsets::CharIndex;
/// let text = "São Paulo";
/// let index = CharIndex::new(text);
/// assert_eq!(index.char_offset(5), 4); // the byte after "São " is character 4
/// ```
#[derive(Clone, Debug)]
pub struct CharIndex<'t> {
    text: &'t str,
    /// `checkpoints[i]` is the number of chars in `text[..i * STRIDE]`; empty for ASCII.
    checkpoints: Vec<usize>,
}

const STRIDE: usize = 64;

impl<'t> CharIndex<'t> {
    /// Index `text`.
    pub fn new(text: &'t str) -> CharIndex<'t> {
        if text.is_ascii() {
            return CharIndex {
                text,
                checkpoints: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut chars = 0;
        for chunk in bytes.chunks(STRIDE) {
            checkpoints.push(chars);
            chars += count_chars(chunk);
        }
        checkpoints.push(chars);
        CharIndex { text, checkpoints }
    }

    /// The code-point offset of byte offset `byte`.
    ///
    /// `byte` should be a char boundary of the text (spans from this crate always are);
    /// an offset past the end counts as the end.
    #[inline]
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        let block = byte / STRIDE;
        self.checkpoints[block] + count_chars(&self.text.as_bytes()[block * STRIDE..byte])
    }

    /// The text length in code points.
    pub fn char_len(&self) -> usize {
        self.char_offset(self.text.len())
    }
}

/// Number of chars that start in `bytes` (every byte that is not a UTF-8 continuation byte).
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::{CharIndex, Converter, Offsets};
    use crate::Span;

    #[test]
    fn agrees_with_char_indices() {
        let texts = [
            "",
            "plain ascii",
            "São Paulo e Bogotá",
            "emoji 🎉 between 🇵🇰 flags",
            "اسلام آباد میں وزیر",
            "北京和上海",
            "e\u{301}cole",
            &"ü".repeat(300),
        ];
        for text in texts {
            let index = CharIndex::new(text);
            for (n, (b, _)) in text.char_indices().enumerate() {
                assert_eq!(index.char_offset(b), n, "{text:?} at byte {b}");
            }
            assert_eq!(index.char_len(), text.chars().count(), "{text:?}");
        }
    }

    #[test]
    fn converter_keeps_the_byte_span() {
        let text = "Bogotá y São Paulo";
        for unit in [Offsets::Bytes, Offsets::Chars] {
            let conv = Converter::new(text, unit);
            let span = conv.span(Span::new(10, 20));
            assert_eq!(span.slice(text), "São Paulo");
            assert_eq!(span.bytes, Span::new(10, 20));
            let want = match unit {
                Offsets::Bytes => (10, 20),
                _ => (9, 18),
            };
            assert_eq!((span.start, span.end), want, "{unit:?}");
        }
    }
}
