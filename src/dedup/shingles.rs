//! Shingles: each run of `len` consecutive words, hashed from the words' hashes.

/// Multipliers of the shingle hash (odd, with well-mixed bits: from splitmix64 and xxh64).
const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// The last `len` word hashes, and the hash of each full run of them as it comes.
pub(crate) struct Shingler {
    /// The last `len` words twice over: the word that comes at `head` is written at `head`
    /// and at `head + len`, so that the last `len` words are always the one slice
    /// `ring[head..head + len]`, oldest first, with no wrapping around to hash them.
    ring: Vec<u64>,
    head: usize,
    len: usize,
    /// Words seen so far.
    count: usize,
    seed: u64,
}

impl Shingler {
    pub(crate) fn new(len: usize, seed: u64) -> Shingler {
        debug_assert!(len >= 1);
        Shingler {
            ring: vec![0; 2 * len],
            head: 0,
            len,
            count: 0,
            seed,
        }
    }

    /// Take the next word; the hash of the shingle it ends, once there are `len` words.
    #[inline]
    pub(crate) fn push(&mut self, word: u64) -> Option<u64> {
        let (head, len) = (self.head, self.len);
        // The new word takes the oldest one's place; the next oldest is the new head.
        self.ring[head] = word;
        self.ring[head + len] = word;
        self.head = if head + 1 == len { 0 } else { head + 1 };
        self.count += 1;
        (self.count >= len).then(|| hash_run(self.seed, &self.ring[self.head..self.head + len]))
    }

    /// At the end of the text: a body of fewer than `len` words (but at least one) is one
    /// shingle of all its words, so that short bodies can match too.
    pub(crate) fn finish(&self) -> Option<u64> {
        let n = self.count;
        // The ring has not wrapped: the words are `ring[..n]`.
        (n > 0 && n < self.len).then(|| hash(self.seed, &self.ring[..n]))
    }

    /// Words seen so far.
    pub(crate) fn words(&self) -> usize {
        self.count
    }
}

/// [`hash`] of a full shingle: unrolled for the default length, for which the set-up of a
/// loop over a length known only at run time costs as much as the loop.
#[inline]
fn hash_run(seed: u64, words: &[u64]) -> u64 {
    match <&[u64; super::SHINGLE_LEN]>::try_from(words) {
        Ok(words) => hash(seed, words),
        Err(_) => hash(seed, words),
    }
}

/// The hash of a run of words, oldest first. The length goes into it, so a short body's
/// one shingle never equals a full shingle of another body.
#[inline]
fn hash(seed: u64, words: &[u64]) -> u64 {
    let mut x = seed ^ (words.len() as u64).wrapping_mul(K2);
    for &w in words {
        x = (x ^ w).wrapping_mul(K1).rotate_left(29);
    }
    fmix64(x)
}

/// The 64-bit finaliser of MurmurHash3: every input bit reaches every output bit.
#[inline]
pub(crate) fn fmix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^= x >> 33;
    x
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
}
