//! Shingles: each run of `len` consecutive words, hashed from the words' hashes.
//!
//! Why a rolling hash: a shingle's hash is the polynomial `w[0]·B^(len-1) + … + w[len-1]`
//! of its words' hashes (modulo 2^64), finalised. Moving on by one word takes the oldest
//! word's term out and multiplies by `B` once, so each word costs two multiplications
//! whatever `len` is, and the only dependency carried from word to word is that sum; the
//! finaliser, off that chain, overlaps the next word's scan.

use super::hash::fmix64;

/// The base of the polynomial: odd, with well-mixed bits (splitmix64's increment). `B - 1`
/// has two trailing zeros, so two words swapped in a shingle give the same sum only when
/// their hashes agree in 62 bits.
const B: u64 = 0x9E37_79B9_7F4A_7C15;
/// Mixes the number of words into a shingle's hash, so that a short body's one shingle
/// never equals a full shingle of another body.
const K: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// The last `len` word hashes, and the hash of each full run of them as it comes.
pub(crate) struct Shingler {
    /// The last `len` words, the next one to leave at `head` (zeros before there were
    /// `len`: a zero leaving takes nothing out of the sum).
    ring: Vec<u64>,
    head: usize,
    /// `Σ w·B^age` over the words in `ring`, the newest of age 0.
    sum: u64,
    /// `B^len`: what the word leaving was multiplied by when it left.
    b_len: u64,
    /// Words seen so far.
    count: usize,
    seed: u64,
}

impl Shingler {
    pub(crate) fn new(len: usize, seed: u64) -> Shingler {
        debug_assert!(len >= 1);
        Shingler {
            ring: vec![0; len],
            head: 0,
            sum: 0,
            b_len: (0..len).fold(1u64, |p, _| p.wrapping_mul(B)),
            count: 0,
            seed,
        }
    }

    /// Take the next word; the hash of the shingle it ends, once there are `len` words.
    #[inline(always)]
    pub(crate) fn push(&mut self, word: u64) -> Option<u64> {
        let len = self.ring.len();
        let head = self.head;
        let old = std::mem::replace(&mut self.ring[head], word);
        self.head = if head + 1 == len { 0 } else { head + 1 };
        self.sum = (self.sum.wrapping_mul(B))
            .wrapping_add(word)
            .wrapping_sub(old.wrapping_mul(self.b_len));
        self.count += 1;
        (self.count >= len).then(|| self.finalise(len))
    }

    /// At the end of the text: a body of fewer than `len` words (but at least one) is one
    /// shingle of all its words, so that short bodies can match too.
    pub(crate) fn finish(&self) -> Option<u64> {
        let n = self.count;
        // No word has left the sum yet: it is the polynomial of the `n` words.
        (n > 0 && n < self.ring.len()).then(|| self.finalise(n))
    }

    #[inline(always)]
    fn finalise(&self, words: usize) -> u64 {
        fmix64(self.sum ^ self.seed ^ (words as u64).wrapping_mul(K))
    }

    /// Words seen so far.
    pub(crate) fn words(&self) -> usize {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shingles(words: &[u64], len: usize) -> Vec<u64> {
        let mut s = Shingler::new(len, 1);
        let mut out: Vec<u64> = words.iter().filter_map(|&w| s.push(w)).collect();
        out.extend(s.finish());
        out
    }

    #[test]
    fn runs_of_words() {
        // (words, shingle length, shingles expected)
        let cases: &[(&[u64], usize, usize)] = &[
            (&[], 3, 0),
            (&[1], 3, 1),
            (&[1, 2], 3, 1),
            (&[1, 2, 3], 3, 1),
            (&[1, 2, 3, 4, 5], 3, 3),
            (&[1, 2, 3], 1, 3),
        ];
        for (words, len, n) in cases {
            assert_eq!(shingles(words, *len).len(), *n, "{words:?} by {len}");
        }
        // The same run of words gives the same shingle wherever it is; order matters.
        let a = shingles(&[1, 2, 3, 4, 1, 2, 3], 3);
        assert_eq!(a[0], a[4]);
        assert_ne!(a[0], shingles(&[3, 2, 1], 3)[0]);
    }

    #[test]
    fn the_rolling_hash_is_the_polynomial_of_each_run() {
        // Each shingle's hash, computed afresh from its words.
        let direct = |run: &[u64], seed: u64| {
            let sum = run
                .iter()
                .fold(0u64, |s, &w| s.wrapping_mul(B).wrapping_add(w));
            fmix64(sum ^ seed ^ (run.len() as u64).wrapping_mul(K))
        };
        let words: Vec<u64> = (1..40u64).map(|i| fmix64(i * 7919)).collect();
        for len in [1, 2, 5, 8] {
            let want: Vec<u64> = words.windows(len).map(|run| direct(run, 1)).collect();
            assert_eq!(shingles(&words, len), want, "shingles of {len}");
        }
        // A short body: one shingle of its words, unlike a full run ending in the same words
        // after a word that hashes to zero (the same sum: the length tells them apart).
        assert_eq!(shingles(&words[..3], 5), [direct(&words[..3], 1)]);
        assert_ne!(shingles(&[7, 8], 3)[0], shingles(&[0, 7, 8], 3)[0]);
    }
}
