//! A whole-word test, before the prefix test, that no key can match at a word start.
//!
//! The prefix filter (see `prefilter`) looks at the first five normalised bytes at a start,
//! which in running text often span a short word and the beginning of the next (`to the`
//! gives `tothe`); it costs a gather of those bytes and lets through every start that shares
//! them with some key. This filter asks a cheaper question first, about the first word alone,
//! where the gap rules of spacing variants make the answer exact: a gap in the text that is
//! followed by a character other than a capital must be a gap of the alias too (only a
//! capital after a gap lets one side have it and the other not), and no gap falls inside a
//! run of ASCII word characters. So when an ASCII word `w` is followed by the end of the
//! text, by ASCII punctuation, or by a run of ASCII separators and then an ASCII character
//! that is not a capital, a key that matches there begins with exactly `w` and then ends, or
//! goes on with a non-word byte, or has a gap. Those beginnings of every key — its *heads* —
//! are hashed into one bitset per trie; a start whose word is absent is rejected with one bit
//! read. Any other start (a capital or a non-ASCII character after the gap, where the alias
//! may lack the gap; a non-ASCII character right after the word, which may be a combining
//! mark) is left to the prefix filter alone.
//!
//! A key's heads are built from its alias's units as the normaliser gives them, so both sides
//! read the same bytes: the key up to each gap, as long as every gap before it has a capital
//! after it (a text word may span such a gap, `degaulle` for `de Gaulle`), and the key up to
//! its first non-word byte or its end, when every gap before that has a capital after it. A
//! false positive only costs the prefix test that would have happened anyway; there are no
//! false negatives.

use std::borrow::Cow;

use super::swar::{LOW, load8, swar_lower};
use crate::text::{UnitInfo, ascii_is_sep, ascii_is_word};

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash of `bytes[start..end]` (ASCII word bytes), ASCII letters lowercased.
#[inline(always)]
pub(crate) fn word_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut h = (end - start) as u64;
    let mut p = start;
    loop {
        let rest = end - p;
        let v = match load8(bytes, p) {
            Some(v) => v & LOW[rest.min(8)],
            None => bytes[p..end]
                .iter()
                .rev()
                .fold(0u64, |v, &b| v << 8 | u64::from(b)),
        };
        h = (h ^ swar_lower(v)).wrapping_mul(MUL);
        if rest <= 8 {
            return h;
        }
        h = h.rotate_left(29);
        p += 8;
    }
}

/// Whether the heads test applies to the ASCII word that ends at `j` (its run of ASCII word
/// bytes), with spacing variants on: the word is followed by the end of the text, ASCII
/// punctuation, or ASCII separators and then an ASCII character that is not a capital.
#[inline(always)]
pub(crate) fn applies(bytes: &[u8], j: usize) -> bool {
    let Some(&b) = bytes.get(j) else {
        return true;
    };
    if b >= 0x80 {
        return false;
    }
    if !ascii_is_sep(b) {
        return true;
    }
    let mut k = j + 1;
    while k < bytes.len() && ascii_is_sep(bytes[k]) {
        k += 1;
    }
    bytes
        .get(k)
        .is_none_or(|&c| c < 0x80 && !c.is_ascii_uppercase())
}

/// The heads of the keys of one trie, as a bitset of hashes.
#[derive(Clone, Debug)]
pub(crate) struct Heads<'a> {
    bits: Cow<'a, [u64]>,
    shift: u32,
}

impl<'a> Heads<'a> {
    /// Heads from their parts as [`Heads::parts`] gave them (a snapshot's); `None` when
    /// they are not of the shape a build makes.
    pub(crate) fn from_parts(bits: Cow<'a, [u64]>, shift: u32) -> Option<Heads<'a>> {
        super::prefilter::bitset_shape(bits.len(), shift).then_some(Heads { bits, shift })
    }

    /// `(bits, shift)`, for a snapshot.
    pub(crate) fn parts(&self) -> (&[u64], u32) {
        (&self.bits, self.shift)
    }

    /// A bitset of `hashes` (from [`key_heads`]; sorted and deduplicated here).
    pub(crate) fn build(hashes: &mut Vec<u64>) -> Heads<'static> {
        hashes.sort_unstable();
        hashes.dedup();
        // About 8 bits per head: a small table that stays in cache matters more here than
        // the one start in ten (that no key begins with) which gets through to the prefix.
        let nbits = (hashes.len() * 8).next_power_of_two().max(1 << 9);
        let shift = 64 - nbits.trailing_zeros();
        let mut bits = vec![0u64; nbits / 64];
        for &x in hashes.iter() {
            let i = index(x, shift);
            bits[i / 64] |= 1 << (i % 64);
        }
        Heads {
            bits: Cow::Owned(bits),
            shift,
        }
    }

    /// Heap bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.bits.len() * 8
    }

    #[inline(always)]
    fn index(&self, x: u64) -> usize {
        index(x, self.shift)
    }

    /// Whether some key may begin with the word whose [`word_hash`] is `h`.
    #[inline(always)]
    pub(crate) fn has(&self, h: u64) -> bool {
        let i = self.index(h);
        self.bits
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 != 0)
    }
}

/// The bit of a head's hash in a bitset addressed by the top `64 - shift` bits.
#[inline(always)]
fn index(x: u64, shift: u32) -> usize {
    (x.wrapping_mul(MUL) >> shift) as usize
}

/// Push the head hashes of one alias's key (`units` as the normaliser gives them, with
/// spacing variants on) onto `out`.
pub(crate) fn key_heads(key: &[u8], units: &[UnitInfo], out: &mut Vec<u64>) {
    // The first byte that is not an ASCII word byte, or the end: no text word reaches past it.
    let stop = key
        .iter()
        .position(|&b| !ascii_is_word(b))
        .unwrap_or(key.len());
    if stop == 0 {
        return;
    }
    // Gaps inside the word part: (offset, a capital after it).
    let gaps = units
        .iter()
        .skip(1)
        .filter(|u| u.gap && (u.key_off as usize) < stop)
        .map(|u| (u.key_off as usize, u.cap));
    for (g, soft) in gaps {
        out.push(word_hash(key, 0, g));
        if !soft {
            // A text word cannot span a gap without a capital after it.
            return;
        }
    }
    out.push(word_hash(key, 0, stop));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{NormOptions, normalize_units};

    fn heads(alias: &str) -> Heads<'static> {
        let (mut key, mut units, mut out) = (Vec::new(), Vec::new(), Vec::new());
        normalize_units(alias, NormOptions::ALL, &mut key, &mut units);
        key_heads(&key, &units, &mut out);
        Heads::build(&mut out)
    }

    fn word(text: &str) -> usize {
        super::super::swar::word_end(text.as_bytes(), 0)
    }

    #[test]
    fn word_hash_lowercases_and_reads_past_eight_bytes() {
        let t = b"Keubedeullinbuleukeu keubedeullinbuleukeu";
        assert_eq!(word_hash(t, 0, 20), word_hash(t, 21, 41));
        assert_ne!(word_hash(t, 0, 19), word_hash(t, 21, 41));
        assert_ne!(word_hash(t, 0, 8), word_hash(t, 0, 9));
        // Near the end of the text, without an eight-byte load.
        let u = b"xx Abc";
        assert_eq!(word_hash(u, 3, 6), word_hash(b"abc and more", 0, 3));
        let long = b"xx Abcdefghijk";
        assert_eq!(
            word_hash(long, 3, 14),
            word_hash(b"abcdefghijk and more", 0, 11)
        );
    }

    #[test]
    fn applies_where_the_next_character_is_known() {
        let cases: &[(&str, bool)] = &[
            ("la", true),
            ("la   ", true),
            ("la.", true),
            ("la's", true),
            ("la kwyynta", true),
            ("la - 12", true),
            ("la\n\n(x", true),
            ("la Kwyynta", false),
            ("la \u{c9}", false),
            ("la \u{e9}", false),
            ("la\u{301} x", false),
            ("la\u{a0}x", false),
            ("la\u{2019}s", false),
        ];
        for &(text, want) in cases {
            assert_eq!(applies(text.as_bytes(), word(text)), want, "{text:?}");
        }
    }

    /// (alias, text at a start, whether the heads let it through). Every `true` row is a
    /// start where the alias can match; a `false` row is one the filter must reject (no
    /// hash collision with these few heads).
    #[test]
    fn has_what_can_match() {
        let cases: &[(&str, &str, bool)] = &[
            ("riyadh", "riyadh said", true),
            ("riyadh", "riyadh.", true),
            ("riyadh", "riyadh", true),
            ("riyadh", "riyadhs said", false),
            ("riyadh", "riya said", false),
            ("la kwyynta", "la kwyynta said", true),
            ("la kwyynta", "la said", true),
            ("la kwyynta", "lakwyynta said", false),
            ("la kwyynta kalyfrnya", "la kwyynta kalyfrnya", true),
            ("bay'ara", "bay'ara", true),
            ("bay'ara", "bayara", false),
            ("U.S.", "U.S. said", true),
            ("U.S.", "US said", false),
            // A gap with a capital after it may be missing from the text.
            ("de Gaulle", "degaulle said", true),
            ("de Gaulle", "de gaulle said", true),
            ("de Gaulle airport", "degaulle airport", true),
            ("de Gaulle Airport", "degaulleairport", true),
            ("Block Chain", "blockchain is", true),
            ("Al-Qaeda", "al qaeda said", true),
            ("Al-Qaeda", "alqaeda said", true),
            ("Al-Qaeda", "alq said", false),
            ("al qaeda", "alqaeda said", false),
        ];
        for &(alias, text, want) in cases {
            let b = text.as_bytes();
            let j = word(text);
            assert!(applies(b, j), "{text:?}");
            assert_eq!(
                heads(alias).has(word_hash(b, 0, j)),
                want,
                "{alias:?} at {text:?}"
            );
        }
    }
}
