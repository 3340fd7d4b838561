//! Eight bytes at a time: byte-class tests on a `u64` (SIMD within a register).
//!
//! The scan of the text spends most of its branches on finding where an ASCII word ends;
//! a loop that stops at the first non-word byte mispredicts its exit once per word, where
//! a mask of eight bytes and a count of trailing zeros does not branch at all for words of
//! up to eight bytes.

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = ONES * 0x80;

/// `LOW[n]` keeps the low `n` bytes of a word.
pub(crate) const LOW: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 1;
    while n < 9 {
        t[n] = u64::MAX >> (64 - 8 * n);
        n += 1;
    }
    t
};

/// The high bit of each byte of `v` (every byte ASCII) that lies in `lo..=hi`.
#[inline(always)]
pub(crate) fn swar_in(v: u64, lo: u8, hi: u8) -> u64 {
    let ge = v.wrapping_add(ONES * (0x80 - u64::from(lo)));
    let gt = v.wrapping_add(ONES * (0x80 - u64::from(hi) - 1));
    ge & !gt & HIGH
}

/// ASCII letters lowercased in each byte of `v` (every byte ASCII).
#[inline(always)]
pub(crate) fn swar_lower(v: u64) -> u64 {
    v | swar_in(v, b'A', b'Z') >> 2
}

/// The high bit of each byte of `v` that is an ASCII word byte (letter, digit, `_`), as
/// `normalize::ascii_is_word` has it.
#[inline(always)]
pub(crate) fn word_bytes(v: u64) -> u64 {
    // Clear the high bits so that the range tests cannot carry between bytes; a byte that
    // had its high bit set is not ASCII and is dropped at the end.
    let x = v & !HIGH;
    let letter = swar_in(x | (ONES * 0x20), b'a', b'z');
    let digit = swar_in(x, b'0', b'9');
    let under = swar_in(x, b'_', b'_');
    (letter | digit | under) & !v
}

/// Eight bytes of `bytes` from `p`, little-endian, if there are eight.
#[inline(always)]
pub(crate) fn load8(bytes: &[u8], p: usize) -> Option<u64> {
    let chunk = bytes.get(p..p.checked_add(8)?)?;
    let mut b = [0u8; 8];
    b.copy_from_slice(chunk);
    Some(u64::from_le_bytes(b))
}

/// The end of the run of ASCII word bytes that begins at or before `p`: the first
/// position from `p` on that does not hold one.
#[inline(always)]
pub(crate) fn word_end(bytes: &[u8], mut p: usize) -> usize {
    while let Some(v) = load8(bytes, p) {
        let stop = !word_bytes(v) & HIGH;
        if stop != 0 {
            return p + (stop.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    while p < bytes.len() && crate::text::ascii_is_word(bytes[p]) {
        p += 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ascii_is_word;

    #[test]
    fn word_bytes_agrees_with_the_table() {
        for b in 0..=255u8 {
            for fill in [b' ', b'a', 0xC3, 0x80, b'_', 0xFF] {
                let v = u64::from_le_bytes([fill, b, fill, b, b, fill, fill, b]);
                let m = word_bytes(v);
                for (k, &x) in v.to_le_bytes().iter().enumerate() {
                    assert_eq!(
                        m >> (8 * k + 7) & 1 != 0,
                        ascii_is_word(x),
                        "byte {x:#04x} beside {fill:#04x}"
                    );
                }
            }
        }
    }

    #[test]
    fn word_end_agrees_with_a_plain_loop() {
        let text = "ab_9 Hello, w\u{e9}rld!  x supercalifragilistic_expialidocious\tq".as_bytes();
        for p in 0..=text.len() {
            let mut want = p;
            while want < text.len() && ascii_is_word(text[want]) {
                want += 1;
            }
            assert_eq!(word_end(text, p), want, "from {p}");
        }
    }
}
