//! Small byte-level helpers shared by the parser modules. Every function returns offsets on
//! `char` boundaries of the text it is given, whatever the offsets it receives.

/// ASCII white space, line ends included.
#[inline]
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// ASCII blanks within a line.
#[inline]
pub(crate) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// The largest char boundary `<= i` (clamped to the text).
#[inline]
pub(crate) fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary `>= i` (clamped to the text).
#[inline]
pub(crate) fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The end of the line holding `i` (the offset of its `\n`, or the text's end).
#[inline]
pub(crate) fn line_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let i = i.min(b.len());
    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k)
}

/// Skips ASCII blanks (not line ends) from `i`, up to `end`.
#[inline]
pub(crate) fn skip_blanks(text: &str, mut i: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while i < end && is_blank(b[i]) {
        i += 1;
    }
    i
}

/// Where the copy starts: after a byte order mark left by an editor or a file conversion,
/// which is not part of it.
pub(crate) fn after_bom(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Skips any white space (Unicode included) from `i`, up to `end`.
pub(crate) fn skip_space(text: &str, i: usize, end: usize) -> usize {
    let end = floor_boundary(text, end);
    let mut i = ceil_boundary(text, i).min(end);
    // ASCII white space byte by byte; `trim_start` (which decodes chars and asks the
    // Unicode table) only from a non-ASCII char on. Called on every article's opening and
    // after its dateline.
    let b = text.as_bytes();
    while i < end && is_space(b[i]) {
        i += 1;
    }
    if i == end || b[i] < 0x80 {
        return i;
    }
    let s = &text[i..end];
    end - s.trim_start().len()
}

/// `start..end` with white space (Unicode included) trimmed off both ends; a span of white
/// space only collapses onto its end.
///
/// Inlined: a parse trims each paragraph, sentence and last line, ten times or so in a
/// short article, and the call cost about as much as the trim of ASCII ends. Anything
/// else (bounds off a char boundary, a non-ASCII char at an end) goes to `trim_any`.
#[inline]
pub(crate) fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    if let Some((s, e)) = trim_ascii_ends(text, start, end)
        && (s == e || (text.as_bytes()[s] < 0x80 && text.as_bytes()[e - 1] < 0x80))
    {
        return (s, e);
    }
    trim_any(text, start, end)
}

/// `start..end` (its end clamped to the text) with ASCII white space trimmed off both ends,
/// byte by byte (wrapped and indented copy has plenty); `None` when the bounds are empty or
/// not on char boundaries.
#[inline(always)]
fn trim_ascii_ends(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let end = end.min(b.len());
    if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let mut s = start;
    while s < end && is_space(b[s]) {
        s += 1;
    }
    let mut e = end;
    while e > s && is_space(b[e - 1]) {
        e -= 1;
    }
    Some((s, e))
}

/// What [`trim`] does where its ASCII fast path cannot: bounds off a char boundary, or a
/// non-ASCII char at an end after the ASCII white space is gone.
#[cold]
#[inline(never)]
fn trim_any(text: &str, start: usize, end: usize) -> (usize, usize) {
    if let Some((s, e)) = trim_ascii_ends(text, start, end) {
        // A non-ASCII char at an end (`trim` took every other case): the Unicode kind of
        // white space (no-break and em spaces) is looked for there.
        let t = &text[s..e];
        let rest = t.trim_start();
        if rest.is_empty() {
            // White space only: collapsed onto the span's end, as the slow path below does.
            let end = end.min(text.len());
            return (end, end);
        }
        let lead = t.len() - rest.len();
        return (s + lead, s + lead + rest.trim_end().len());
    }
    let start = ceil_boundary(text, start);
    let end = floor_boundary(text, end).max(start);
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (start + lead, start + lead + t.len())
}

/// Whether the line `start..end` holds only white space.
pub(crate) fn is_blank_line(text: &str, start: usize, end: usize) -> bool {
    text.get(start..end).is_none_or(|s| s.trim().is_empty())
}

/// The char starting at `i`, if `i` is a boundary inside the text.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The char ending at `i`, if `i` is a boundary inside the text.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Whether `c` belongs to a word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The word (letters and digits) starting at `i`: its end, or `i` when none starts there.
pub(crate) fn word_end(text: &str, i: usize, limit: usize) -> usize {
    let b = text.as_bytes();
    let limit = limit.min(b.len());
    let mut j = i;
    while j < limit {
        let c = b[j];
        if c.is_ascii_alphanumeric() {
            j += 1;
        } else if c < 0x80 {
            break;
        } else {
            match char_at(text, j) {
                Some(ch) if is_word_char(ch) && j + ch.len_utf8() <= limit => j += ch.len_utf8(),
                _ => break,
            }
        }
    }
    j
}

/// Whether a word may start at `i`: the char before it is not part of a word.
#[inline]
pub(crate) fn at_word_start(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => !char_before(text, i).is_some_and(is_word_char),
    }
}

/// Whether a word may end at `i`: the char after it is not part of a word.
#[inline]
pub(crate) fn at_word_end(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => !char_at(text, i).is_some_and(is_word_char),
    }
}

/// ASCII digits from `i`: their end.
#[inline]
pub(crate) fn digits_end(text: &str, i: usize, limit: usize) -> usize {
    let b = text.as_bytes();
    let limit = limit.min(b.len());
    let mut j = i.min(limit);
    while j < limit && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// The value of the ASCII digits `start..end` (at most 9 of them).
#[inline]
pub(crate) fn number(text: &str, start: usize, end: usize) -> Option<u32> {
    if end <= start || end - start > 9 {
        return None;
    }
    // Digits only (as every caller has them): folded here, no `str::parse` (which also
    // takes a sign, hence the fallback).
    if let Some(digits) = text.as_bytes().get(start..end)
        && digits.iter().all(u8::is_ascii_digit)
    {
        return Some(
            digits
                .iter()
                .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0')),
        );
    }
    text.get(start..end)?.parse().ok()
}

/// Whether `s` is written in capitals: it has two or more letters and no lower-case one.
pub(crate) fn is_all_caps(s: &str) -> bool {
    // The same test byte by byte, with no char decoding or Unicode tables, while the bytes
    // are ASCII (one pass, not an `is_ascii` pass first: the words are short); from the
    // start by chars when one is not. A small letter seen before that gives the answer
    // either way.
    let mut letters = 0;
    let mut ascii = true;
    for &c in s.as_bytes() {
        if c >= 0x80 {
            ascii = false;
            break;
        }
        if c.is_ascii_lowercase() {
            return false;
        }
        letters += usize::from(c.is_ascii_uppercase());
    }
    if ascii {
        return letters >= 2;
    }
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Whether `s` starts with an upper-case letter.
#[inline]
pub(crate) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_agrees_with_str_trim() {
        let text = " a b\u{a0}é\tc.\n\u{2003}d \u{a0} \n";
        for s in 0..=text.len() {
            for e in s..=text.len() {
                let slow = {
                    let start = ceil_boundary(text, s);
                    let end = floor_boundary(text, e).max(start);
                    let t = &text[start..end];
                    let lead = t.len() - t.trim_start().len();
                    (start + lead, start + lead + t.trim().len())
                };
                assert_eq!(trim(text, s, e), slow, "{s}..{e}");
            }
        }
    }
}

/// Bit `k` set when `pred` holds for `block[k]`. Written so that the compiler makes vector
/// compares of the first loop: one byte per byte, then eight of those to eight bits at a
/// time with one multiply.
#[inline(always)]
pub(crate) fn mask64(block: &[u8; 64], pred: impl Fn(u8) -> bool) -> u64 {
    let mut hits = [0u8; 64];
    for (h, &c) in hits.iter_mut().zip(block) {
        *h = u8::from(pred(c));
    }
    let mut m = 0u64;
    for (i, chunk) in hits.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Each byte is 0 or 1: the multiply puts byte `j`'s bit at bit `56 + j`, with no
        // carries.
        m |= (u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * i);
    }
    m
}

/// The 64 bytes of `b` from `pos` (at most to `end`), padded with `fill` past `end`.
#[inline(always)]
pub(crate) fn block64(b: &[u8], pos: usize, end: usize, fill: u8) -> [u8; 64] {
    match b[pos..end].first_chunk::<64>() {
        Some(block) => *block,
        None => {
            let mut block = [fill; 64];
            block[..end - pos].copy_from_slice(&b[pos..end]);
            block
        }
    }
}

#[cfg(test)]
mod mask_tests {
    use super::{block64, mask64};

    /// `mask64` sets exactly the bits of the bytes its predicate holds for, whatever the
    /// predicate and the bytes (all 256 values at every position).
    #[test]
    fn mask64_marks_each_byte_at_its_place() {
        let preds: [fn(u8) -> bool; 3] = [
            |c| c.is_ascii_alphanumeric(),
            |c| c == b'\n',
            |c| matches!(c, b'.' | b'?' | b'!' | b')' | 0xE2),
        ];
        for pred in preds {
            for shift in 0..256usize {
                let mut block = [0u8; 64];
                for (k, c) in block.iter_mut().enumerate() {
                    *c = ((k * 37 + shift) % 256) as u8;
                }
                let want = (0..64).fold(0u64, |m, k| m | (u64::from(pred(block[k])) << k));
                assert_eq!(mask64(&block, pred), want);
            }
        }
    }

    #[test]
    fn block64_pads_past_the_end() {
        let b = b"abc";
        let block = block64(b, 1, 3, b' ');
        assert_eq!(&block[..2], b"bc");
        assert!(block[2..].iter().all(|&c| c == b' '));
    }
}
