//! What one character of a cluster becomes: its canonical decomposition, case-folded and
//! decomposed again, without the marks diacritic folding drops — with each resulting
//! character's canonical combining class.
//!
//! Computing it takes a perfect-hash lookup, a case-fold table search and another lookup per
//! character; a name or a text in one script repeats a few dozen characters over and over.
//! So the answers are kept in a small direct-mapped cache per thread: a gazetteer of a
//! million names in Arabic, Cyrillic or Chinese, or a text in them, pays for each distinct
//! character about once.

use std::cell::RefCell;

use caseless::Caseless;
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

use super::chars::{is_apostrophe, is_foldable_mark, is_ignorable};
use super::units::NormOptions;

/// The most characters an expansion is kept for; longer ones (none in Unicode today, by a
/// margin) are computed each time.
const MAX: usize = 6;

/// Cache slots (a power of two).
const SLOTS: usize = 1 << 11;

/// One character's expansion.
#[derive(Clone, Copy)]
pub(super) struct Expansion {
    /// `(char as u32) << 2 | options`, plus one; 0 for an empty slot.
    key: u32,
    len: u8,
    out: [char; MAX],
    /// The canonical combining class of each character of `out`.
    ccc: [u8; MAX],
}

impl Expansion {
    const EMPTY: Expansion = Expansion {
        key: 0,
        len: 0,
        out: ['\0'; MAX],
        ccc: [0; MAX],
    };

    /// The characters, each with its combining class.
    pub fn chars(&self) -> impl Iterator<Item = (char, u8)> + '_ {
        let n = self.len as usize;
        self.out[..n]
            .iter()
            .copied()
            .zip(self.ccc[..n].iter().copied())
    }
}

thread_local! {
    static CACHE: RefCell<Vec<Expansion>> = const { RefCell::new(Vec::new()) };
}

fn key(ch: char, opts: NormOptions) -> u32 {
    let bits = u32::from(opts.fold_case) | u32::from(opts.fold_diacritics) << 1;
    ((ch as u32) << 2 | bits) + 1
}

/// The expansion of `ch` under `opts`, handed to `f` (from the cache when it holds it).
#[inline]
pub(super) fn with_expansion<R>(ch: char, opts: NormOptions, f: impl FnOnce(&Expansion) -> R) -> R {
    let k = key(ch, opts);
    let slot = (k.wrapping_mul(0x9E37_79B9) >> (32 - SLOTS.trailing_zeros())) as usize;
    let cached = CACHE.try_with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.is_empty() {
            cache.resize(SLOTS, Expansion::EMPTY);
        }
        if cache[slot].key != k {
            match compute(ch, opts) {
                Some(e) => cache[slot] = e,
                None => return None,
            }
        }
        Some(cache[slot])
    });
    match cached.ok().flatten() {
        Some(e) => f(&e),
        None => f(&compute_long(ch, opts)),
    }
}

/// The expansion, or `None` when it is longer than [`MAX`] characters.
fn compute(ch: char, opts: NormOptions) -> Option<Expansion> {
    let mut e = Expansion {
        key: key(ch, opts),
        ..Expansion::EMPTY
    };
    let mut overflow = false;
    each(ch, opts, |g| {
        let n = e.len as usize;
        if n == MAX {
            overflow = true;
            return;
        }
        e.out[n] = g;
        e.ccc[n] = canonical_combining_class(g);
        e.len += 1;
    });
    (!overflow).then_some(e)
}

/// An expansion computed whatever its length (kept to [`MAX`] characters only when that
/// is all there is; longer ones are never cached, and none exist in Unicode today).
fn compute_long(ch: char, opts: NormOptions) -> Expansion {
    compute(ch, opts).unwrap_or_else(|| {
        // Unreachable with Unicode's tables (the longest decomposition of a folded
        // character is four characters); keep the first MAX rather than fail.
        let mut e = Expansion::EMPTY;
        each(ch, opts, |g| {
            let n = e.len as usize;
            if n < MAX {
                e.out[n] = g;
                e.ccc[n] = canonical_combining_class(g);
                e.len += 1;
            }
        });
        e
    })
}

/// Every character `ch` becomes under `opts`, in order: what the normaliser's cluster
/// reads (see the crate's normalisation rules).
fn each(ch: char, opts: NormOptions, mut out: impl FnMut(char)) {
    let mut keep = |g: char| {
        if (!opts.fold_diacritics || !is_foldable_mark(g)) && !is_ignorable(g) {
            out(g);
        }
    };
    let ch = if is_apostrophe(ch) { '\'' } else { ch };
    decompose_canonical(ch, |d| {
        if opts.fold_case && !d.is_ascii() {
            for f in std::iter::once(d).default_case_fold() {
                decompose_canonical(f, &mut keep);
            }
        } else if opts.fold_case {
            keep(d.to_ascii_lowercase());
        } else {
            keep(d);
        }
    });
}

/// Whether `ch` is no separator and normalises (under every normalisation) to something
/// that holds a character beyond ASCII.
pub(crate) fn normalises_beyond_ascii(ch: char) -> bool {
    if super::chars::is_space(ch) || super::chars::is_dash(ch) {
        return false;
    }
    with_expansion(ch, NormOptions::ALL, |e| {
        e.chars().any(|(g, _)| !g.is_ascii())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache gives what a fresh computation gives, for every character in the ranges
    /// wire copy and gazetteers use most, under every option, twice (a miss, then a hit).
    #[test]
    fn cached_expansions_are_fresh_ones() {
        let ranges = [
            0x80u32..0x2500,
            0x3040..0x3100,
            0x4E00..0x4F00,
            0xAC00..0xAD00,
            0xFB00..0xFB50,
            0x1F100..0x1F200,
        ];
        for bits in 0..4u8 {
            let opts = NormOptions {
                fold_case: bits & 1 != 0,
                fold_diacritics: bits & 2 != 0,
                variants: true,
            };
            for _round in 0..2 {
                for ch in ranges.iter().cloned().flatten().filter_map(char::from_u32) {
                    let mut want = Vec::new();
                    each(ch, opts, |g| want.push((g, canonical_combining_class(g))));
                    let got: Vec<(char, u8)> = with_expansion(ch, opts, |e| e.chars().collect());
                    assert_eq!(got, want, "{ch:?} {bits}");
                }
            }
        }
    }
}
