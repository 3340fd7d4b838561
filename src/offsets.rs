//! Converting byte offsets to code-point offsets (what Python `str` indices count).

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
    use super::CharIndex;

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
}
