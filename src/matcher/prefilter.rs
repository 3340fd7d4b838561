//! A cheap test, before walking a trie from a word start, that no key can match there.
//!
//! Most word starts in running text begin no key at all, yet share their first two or three
//! bytes with some key, so a walk goes a few nodes deep — into the cold part of a large
//! trie — before it dies. The prefilter hashes the first [`K`] normalised bytes at a start
//! into a bitset of the keys' `K`-byte prefixes; keys shorter than `K` are in the same
//! bitset under their own length. One cache-resident bit read then rejects most starts.
//!
//! No false negatives: the bytes hashed are exactly the bytes a walk would read, and the
//! only keys left out of a query are those that would end strictly inside the first word
//! of the text, where no mention may end (there is no word boundary inside a run of ASCII
//! letters and digits). A false positive only costs the walk that would have happened.

use std::borrow::Cow;

use super::swar::{HIGH, LOW, load8, swar_lower, word_bytes};
use crate::text::ascii_is_word;

/// How many leading key bytes are hashed.
pub(crate) const K: usize = 5;

/// The first [`K`] normalised bytes at a start, packed little-endian.
pub(crate) type Prefix = u64;

/// Bit `n` set: a key of `n` bytes (`n < K`) could end on a word boundary at a start —
/// not between two ASCII word characters.
pub(crate) type Ends = u32;

/// Mark the pair `a b` in a pair table (bit `a | b << 8`).
fn set_pair(pairs: &mut [u64], a: u8, b: u8) {
    let i = usize::from(a) | usize::from(b) << 8;
    pairs[i / 64] |= 1 << (i % 64);
}

/// A bitset of hashed key prefixes.
#[derive(Clone, Debug)]
pub(crate) struct Prefilter<'a> {
    /// Bit `a | b << 8`: some key begins with bytes `a b`, or is the one byte `a`. Exact,
    /// and small enough to stay in the first-level cache: the first question asked.
    pairs: Cow<'a, [u64]>,
    bits: Cow<'a, [u64]>,
    shift: u32,
    /// Bit `j` set: some key has exactly `j` bytes (`j < K`).
    short: u32,
}

/// The hash of the low `len` bytes of `v` (the other bytes zero) as a key prefix.
#[inline(always)]
pub(crate) fn hash(v: u64, len: usize) -> u64 {
    (v ^ (len as u64) << 58).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The low `len` bytes of `v` (`len` at most 8).
#[inline(always)]
fn low(v: u64, len: usize) -> u64 {
    v & LOW[len.min(8)]
}

impl<'a> Prefilter<'a> {
    /// A prefilter for `keys` (non-empty byte strings).
    pub(crate) fn build(keys: &[&[u8]]) -> Prefilter<'static> {
        // The hashed prefixes, each once: many keys share their first `K` bytes.
        let mut short = 0u32;
        let mut pairs = vec![0u64; 1 << 10];
        let mut hashes: Vec<u64> = keys
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| {
                match **k {
                    [a, b, ..] => set_pair(&mut pairs, a, b),
                    [a] => (0..=255).for_each(|b| set_pair(&mut pairs, a, b)),
                    [] => {}
                }
                let len = k.len().min(K);
                if len < K {
                    short |= 1 << len;
                }
                let v = k[..len]
                    .iter()
                    .rev()
                    .fold(0u64, |v, &b| v << 8 | u64::from(b));
                hash(v, len)
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        // About 16 bits per prefix: a few percent of rejectable starts get through.
        let nbits = (hashes.len().max(1) * 16).next_power_of_two().max(1 << 12);
        let shift = 64 - nbits.trailing_zeros();
        let mut bits = vec![0u64; nbits / 64];
        for h in hashes {
            let i = (h >> shift) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        Prefilter {
            pairs: Cow::Owned(pairs),
            bits: Cow::Owned(bits),
            shift,
            short,
        }
    }

    /// A prefilter from its parts as [`Prefilter::parts`] gave them (a snapshot's); `None`
    /// when they are not of the shapes a build makes (every read stays checked anyway).
    pub(crate) fn from_parts(
        pairs: Cow<'a, [u64]>,
        bits: Cow<'a, [u64]>,
        shift: u32,
        short: u32,
    ) -> Option<Prefilter<'a>> {
        let sane = pairs.len() == 1 << 10 && bitset_shape(bits.len(), shift) && short < 1 << K;
        sane.then_some(Prefilter {
            pairs,
            bits,
            shift,
            short,
        })
    }

    /// `(pairs, bits, shift, short)`, for a snapshot.
    pub(crate) fn parts(&self) -> (&[u64], &[u64], u32, u32) {
        (&self.pairs, &self.bits, self.shift, self.short)
    }

    /// Whether a key may begin with the normalised bytes `a b` (a key of one byte `a`
    /// included).
    #[inline(always)]
    pub(crate) fn pair(&self, a: u8, b: u8) -> bool {
        let i = usize::from(a) | usize::from(b) << 8;
        self.pairs
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 != 0)
    }

    /// Heap bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        (self.bits.len() + self.pairs.len()) * 8
    }

    /// Whether [`Prefilter::pair`] is worth asking: keys begin with fewer than half of
    /// the two-letter pairs (with more, running text hardly ever gets a no).
    pub(crate) fn pairs_pay(&self) -> bool {
        let letters = || b'a'..=b'z';
        let pairs = letters()
            .flat_map(|a| letters().map(move |b| (a, b)))
            .filter(|&(a, b)| self.pair(a, b))
            .count();
        pairs * 2 < 26 * 26
    }

    #[inline(always)]
    fn bit(&self, h: u64) -> bool {
        let i = (h >> self.shift) as usize;
        self.bits
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 != 0)
    }

    /// Whether a key that can end on a word boundary may begin with the normalised bytes
    /// `prefix` (whose [`hash`] as a `K`-byte prefix is `hk`; `ends` as
    /// [`ascii_prefix_at`] gives it).
    #[cfg(test)]
    pub(crate) fn may_match(&self, hk: u64, prefix: Prefix, ends: Ends) -> bool {
        self.long_match(hk) || self.short_match(prefix, ends)
    }

    /// Whether a key of `K` bytes or more may begin with the prefix whose hash is `hk`.
    #[inline(always)]
    pub(crate) fn long_match(&self, hk: u64) -> bool {
        self.bit(hk)
    }

    /// Whether a key shorter than `K` bytes that ends where `ends` allows may begin the
    /// normalised bytes `prefix`.
    #[inline(always)]
    pub(crate) fn short_match(&self, prefix: Prefix, ends: Ends) -> bool {
        let mut short = self.short & ends;
        while short != 0 {
            let len = short.trailing_zeros() as usize;
            short &= short - 1;
            if self.bit(hash(low(prefix, len), len)) {
                return true;
            }
        }
        false
    }
}

/// Where a walk arrives after the first [`K`] bytes of a key, by those bytes: a start that
/// passes the prefilter goes on from there instead of reading its way down the trie,
/// whose upper levels are the part of a large trie that misses the cache.
#[derive(Clone, Debug)]
pub(crate) struct Jumps<'a> {
    /// The prefix in the low `8 K` bits, the node above them; [`EMPTY`] for none.
    slots: Cow<'a, [u64]>,
    shift: u32,
}

/// Whether a bitset of `words` words addressed by the top `64 - shift` bits of a hash is
/// of the one shape a build makes: a power of two of at least one word, every index in it.
pub(crate) fn bitset_shape(words: usize, shift: u32) -> bool {
    (1..64).contains(&shift) && words.is_power_of_two() && words * 64 == 1usize << (64 - shift)
}

/// No slot holds this: its prefix part would be five 0xFF bytes, never in UTF-8.
const EMPTY: u64 = u64::MAX;
const NODE_SHIFT: u32 = 8 * K as u32;
const PREFIX: u64 = (1 << NODE_SHIFT) - 1;
const _: () = assert!(K <= 5, "a prefix and a 24-bit node share one word");

impl<'a> Jumps<'a> {
    /// A jump table from its parts as [`Jumps::parts`] gave them (a snapshot's); `None`
    /// when they are not of the shape a build makes, or when no slot is empty (a lookup
    /// would never end).
    pub(crate) fn from_parts(slots: Cow<'a, [u64]>, shift: u32) -> Option<Jumps<'a>> {
        let sane = (1..64).contains(&shift)
            && slots.len().is_power_of_two()
            && slots.len() == 1usize << (64 - shift)
            && slots.contains(&EMPTY);
        sane.then_some(Jumps { slots, shift })
    }

    /// `(slots, shift)`, for a snapshot.
    pub(crate) fn parts(&self) -> (&[u64], u32) {
        (&self.slots, self.shift)
    }

    /// A table of `(prefix, node)` pairs, prefixes distinct; `None` when a node lies past
    /// what a slot can hold (a trie of more than 2^24 words).
    pub(crate) fn build(entries: &[(u64, u32)]) -> Option<Jumps<'static>> {
        // At most two thirds full: a miss reads a few slots, mostly one cache line.
        let size = (entries.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![EMPTY; size];
        let mask = size - 1;
        for &(v, node) in entries {
            if u64::from(node) >> (64 - NODE_SHIFT) != 0 || v > PREFIX {
                return None;
            }
            let mut i = (hash(v, K) >> shift) as usize;
            while slots[i] != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = v | u64::from(node) << NODE_SHIFT;
        }
        Some(Jumps {
            slots: Cow::Owned(slots),
            shift,
        })
    }

    /// Heap bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.len() * 8
    }

    /// The node after the `K`-byte `prefix`, whose [`hash`] is `hk`.
    #[inline]
    pub(crate) fn get(&self, hk: u64, prefix: Prefix) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = (hk >> self.shift) as usize;
        loop {
            let slot = *self.slots.get(i)?;
            if slot & PREFIX == prefix {
                return Some((slot >> NODE_SHIFT) as u32);
            }
            if slot == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The first [`K`] normalised bytes of the text at `i`, when they can be read from ASCII
/// alone: letters lowercased, separators skipped (`variants`). `word` is the length of the
/// run of ASCII word bytes at `i`. `None` otherwise — the caller then walks unfiltered.
///
/// A combining mark changes no byte before it, so only non-ASCII bytes inside the first
/// `K` stop the read.
#[cfg(test)]
pub(crate) fn ascii_prefix(bytes: &[u8], i: usize, word: usize, variants: bool) -> Option<Prefix> {
    ascii_prefix_at(bytes, i, word, variants).map(|(v, _, _)| v)
}

/// [`ascii_prefix`], and where a walk that has read those bytes goes on in the text — 0
/// when the last of them begins a longer unit (a combining mark follows), so that a walk
/// cannot go on from a node mid-unit.
#[inline]
pub(crate) fn ascii_prefix_at(
    bytes: &[u8],
    i: usize,
    word: usize,
    variants: bool,
) -> Option<(Prefix, usize, Ends)> {
    if word >= K
        && let Some(v) = load8(bytes, i)
    {
        // Every shorter key would end inside the first word.
        let whole_unit = v >> (8 * K) & 0x80 == 0;
        return Some((
            swar_lower(v) & LOW[K],
            if whole_unit { i + K } else { 0 },
            0,
        ));
    }
    // The common short word: one separator, then a word that fills the prefix (`of the`).
    if variants
        && word > 0
        && word < K
        && let (Some(x), Some(y)) = (load8(bytes, i), load8(bytes, i + word + 1))
        && crate::text::ascii_is_sep(bytes[i + word])
    {
        let need = K - word;
        let run = (!word_bytes(y) & HIGH).trailing_zeros() as usize / 8;
        if run >= need {
            let v = swar_lower(x) & LOW[word] | (swar_lower(y) & LOW[need]) << (8 * word);
            // A key can end after the first word, and after the prefix if the word ends there.
            let ends = 1 << word | if run == need { 1 << K } else { 0 };
            let whole_unit = y >> (8 * need) & 0x80 == 0;
            let p = i + word + 1 + need;
            return Some((v, if whole_unit { p } else { 0 }, ends));
        }
    }
    // The first word's bytes are ASCII word bytes: they need no checks, and only a key
    // as long as the word can end among them.
    let (mut v, mut got, mut p, mut ends) = match load8(bytes, i) {
        Some(x) if word > 0 && word < K => (swar_lower(x) & LOW[word], word, i + word, 1 << word),
        _ => (0, 0, i, 0),
    };
    while got < K {
        let b = *bytes.get(p)?;
        if b >= 0x80 {
            return None;
        }
        if crate::text::ascii_is_sep(b) {
            if !variants {
                return None;
            }
            p += 1;
            continue;
        }
        v |= u64::from(b.to_ascii_lowercase()) << (8 * got);
        got += 1;
        p += 1;
        if !(ascii_is_word(b) && bytes.get(p).is_some_and(|&c| ascii_is_word(c))) {
            ends |= 1 << got;
        }
    }
    let whole_unit = bytes.get(p).is_none_or(|&b| b < 0x80);
    Some((v, if whole_unit { p } else { 0 }, ends))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_at(t: &[u8], i: usize) -> usize {
        t[i..]
            .iter()
            .take_while(|&&b| crate::text::ascii_is_word(b))
            .count()
    }

    #[test]
    fn never_rejects_a_key_that_can_end_on_a_boundary() {
        let keys: Vec<Vec<u8>> = (0..5000u32)
            .map(|i| {
                let len = 1 + (i as usize * 7) % 9;
                (0..len)
                    .map(|j| b'a' + ((i as usize * 31 + j * 17) % 26) as u8)
                    .collect()
            })
            .collect();
        let refs: Vec<&[u8]> = keys.iter().map(|k| &k[..]).collect();
        let p = Prefilter::build(&refs);
        for k in &keys {
            // The key, then a boundary; or the key written as two words.
            for (cut, tail) in [
                (0, &b""[..]),
                (0, b" zz"),
                (0, b"-a"),
                (0, b".x"),
                (2, b", q"),
            ] {
                let mut t = Vec::new();
                if cut > 0 && cut < k.len() {
                    t.extend_from_slice(&k[..cut]);
                    t.extend_from_slice(b" - ");
                    t.extend_from_slice(&k[cut..]);
                } else {
                    t.extend_from_slice(k);
                }
                t.extend_from_slice(tail);
                let t = t.to_ascii_uppercase();
                let w = word_at(&t, 0);
                if let Some((v, _, ends)) = ascii_prefix_at(&t, 0, w, true) {
                    assert!(
                        p.may_match(hash(v, K), v, ends),
                        "{:?}",
                        String::from_utf8_lossy(&t)
                    );
                }
            }
        }
        // And it does reject: most 5-letter words begin no key.
        let rejected = (0..2000u32)
            .filter(|i| {
                let t: Vec<u8> = [i % 26, i / 26 % 26, i / 676 % 26, 7, 9]
                    .iter()
                    .map(|&x| b'a' + x as u8)
                    .collect();
                let (v, _, ends) = ascii_prefix_at(&t, 0, 5, true).unwrap();
                !p.may_match(hash(v, K), v, ends)
            })
            .count();
        assert!(rejected > 1500, "{rejected}");
    }

    #[test]
    fn prefix_reads_like_the_walk() {
        let pack = |s: &[u8; 5]| {
            let mut b = [0u8; 8];
            b[..5].copy_from_slice(s);
            u64::from_le_bytes(b)
        };
        let cases: &[(&str, Option<u64>)] = &[
            ("Abcde", Some(pack(b"abcde"))),
            ("ABCDE_Z09xyz", Some(pack(b"abcde"))),
            ("Ab9_Zé", Some(pack(b"ab9_z"))),
            ("Ab-C de", Some(pack(b"abcde"))),
            ("A  \n b.cde", Some(pack(b"ab.cd"))),
            ("U.S.A", Some(pack(b"u.s.a"))),
            ("O'Brien", Some(pack(b"o'bri"))),
            ("abcd", None),
            ("abcdé", None),
            ("abe\u{301}xy", None),
            ("abcde\u{301}", Some(pack(b"abcde"))),
            ("abcd[\u{301}", Some(pack(b"abcd["))),
            ("abc[\u{301}x", None),
            ("Ab \t\r\n -- Cdefghijk", Some(pack(b"abcde"))),
            ("A B C D E F G H", Some(pack(b"abcde"))),
            ("ab - cd - e", Some(pack(b"abcde"))),
            ("ab cd", None),
            ("ab cdé", None),
            ("abc Déf", None),
            ("a,b.c'd", Some(pack(b"a,b.c"))),
        ];
        for (t, want) in cases {
            let w = word_at(t.as_bytes(), 0);
            assert_eq!(ascii_prefix(t.as_bytes(), 0, w, true), *want, "{t:?}");
        }
        assert_eq!(ascii_prefix(b"ab cde", 0, 2, false), None);
        // Where a shorter key could end on a boundary.
        let ends: &[(&str, Ends)] = &[
            ("abcdefgh", 0),
            ("ab cdefgh", 1 << 2),
            ("ab.cdefgh", 1 << 2 | 1 << 3),
            ("a b c d e f", 0b11_1110),
            ("abc'd e fgh", 1 << 3 | 1 << 4 | 1 << 5),
        ];
        for (t, want) in ends {
            let w = word_at(t.as_bytes(), 0);
            let got = ascii_prefix_at(t.as_bytes(), 0, w, true).unwrap().2;
            assert_eq!(got & 0b1_1111, want & 0b1_1111, "{t:?}");
        }
    }

    #[test]
    fn pairs_are_exact() {
        let p = Prefilter::build(&[b"ab", b"c", b"xyz", b"\xc3\xa9t"]);
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let want = a == b'c'
                    || (a, b) == (b'a', b'b')
                    || (a, b) == (b'x', b'y')
                    || (a, b) == (0xc3, 0xa9);
                assert_eq!(p.pair(a, b), want, "{a} {b}");
            }
        }
        assert!(p.pairs_pay());
        let all: Vec<Vec<u8>> = (b'a'..=b'z')
            .flat_map(|a| (b'a'..=b'z').map(move |b| vec![a, b, b'q']))
            .collect();
        let refs: Vec<&[u8]> = all.iter().map(|k| &k[..]).collect();
        assert!(!Prefilter::build(&refs).pairs_pay());
    }

    #[test]
    fn swar_lowercase_is_ascii_lowercase() {
        for b in 0..0x80u8 {
            let v = u64::from_le_bytes([b, b'A', b'z', b'_', b'0', b, b'Z', b'@']);
            let want = v.to_le_bytes().map(|x| x.to_ascii_lowercase());
            assert_eq!(swar_lower(v).to_le_bytes(), want, "{b}");
        }
    }
}
