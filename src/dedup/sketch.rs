//! What a signature is computed from, one shingle at a time: the MinHash values (one
//! permutation hashing with optimal densification), a sample of the shingles for
//! verification, and the exact-body fingerprint.
//!
//! Why one permutation hashing: classic MinHash evaluates every one of its `k` hash
//! functions on every shingle, `k` (128) multiplications per word; one permutation hashing
//! (Li, Owen and Zhang, 2012) hashes each shingle once and keeps the least value in each of
//! `k` bins that the hash picks, `O(n + k)` for `n` shingles. A bin that no shingle reached
//! borrows the value of a non-empty bin found by a probing sequence that depends only on the
//! bin and the seed ("optimal densification", Shrivastava, 2017), so that for two sets the
//! chance that bin `i` agrees is their Jaccard similarity, as for classic MinHash: what LSH
//! banding needs. Each reported pair is verified on the shingles anyway, so the sketch only
//! has to find the candidates.

use xxhash_rust::xxh3::Xxh3;

use super::shingles::fmix64;

/// The state of one article's signature while its shingles come in.
pub(crate) struct Sketch {
    /// Least value seen in each bin (`u64::MAX`: none yet). Values are 32 bits wide.
    bins: Vec<u64>,
    /// The shingle sample: distinct shingles' 32-bit keys, the least ones kept once there
    /// are more than `cap`.
    sample: Vec<u32>,
    cap: usize,
    /// Only keys below this can still enter the sample (`None`: nothing dropped yet).
    limit: Option<u32>,
    /// Hash of the body's words in order: equal for bodies with the same words.
    fingerprint: Xxh3,
}

/// The finished parts of a signature.
pub(crate) struct Sketched {
    pub minhash: Box<[u32]>,
    pub sample: Box<[u32]>,
    /// Whether `sample` holds only the least keys of a larger set.
    pub sampled: bool,
    pub fingerprint: u128,
}

impl Sketch {
    pub(crate) fn new(num_hashes: usize, cap: usize, seed: u64) -> Sketch {
        Sketch {
            bins: vec![u64::MAX; num_hashes],
            sample: Vec::new(),
            cap,
            limit: None,
            fingerprint: Xxh3::with_seed(seed),
        }
    }

    /// A word of the body, for the fingerprint.
    #[inline]
    pub(crate) fn word(&mut self, hash: u64) {
        self.fingerprint.update(&hash.to_le_bytes());
    }

    /// A shingle of the body.
    #[inline]
    pub(crate) fn shingle(&mut self, hash: u64) {
        // The high half picks the bin (multiply-shift onto 0..k), the low half is the value:
        // independent bits of one well-mixed hash.
        let k = self.bins.len() as u64;
        let bin = (((hash >> 32) * k) >> 32) as usize;
        let value = hash & 0xFFFF_FFFF;
        if value < self.bins[bin] {
            self.bins[bin] = value;
        }
        let key = (hash >> 32) as u32;
        if self.limit.is_none_or(|l| key < l) {
            self.sample.push(key);
            if self.sample.len() >= 2 * self.cap {
                self.compact();
            }
        }
    }

    /// Keep the least `cap` distinct keys.
    fn compact(&mut self) {
        self.sample.sort_unstable();
        self.sample.dedup();
        if self.sample.len() > self.cap {
            self.sample.truncate(self.cap);
            self.limit = self.sample.last().copied();
        }
    }

    /// The signature's parts; `None` when no shingle came (an empty body).
    pub(crate) fn finish(mut self, seed: u64) -> Option<Sketched> {
        if self.sample.is_empty() && self.limit.is_none() {
            return None;
        }
        self.compact();
        let minhash = densify(&self.bins, seed);
        Some(Sketched {
            minhash,
            sampled: self.limit.is_some(),
            sample: self.sample.into_boxed_slice(),
            fingerprint: self.fingerprint.digest128(),
        })
    }
}

/// Fill each empty bin with the value of the first non-empty bin of its probing sequence.
fn densify(bins: &[u64], seed: u64) -> Box<[u32]> {
    let k = bins.len() as u64;
    let mut out: Vec<u32> = Vec::with_capacity(bins.len());
    for (i, &v) in bins.iter().enumerate() {
        if v != u64::MAX {
            out.push(v as u32);
            continue;
        }
        // At least one bin is full (there was a shingle), so the probe ends; the sequence is
        // the bin's own, the same for every article.
        let mut attempt = 1u64;
        loop {
            let h = fmix64(
                seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    ^ attempt.wrapping_mul(0xD6E8_FEB8_6659_FD93),
            );
            let j = (((h >> 32) * k) >> 32) as usize;
            if bins[j] != u64::MAX {
                out.push(bins[j] as u32);
                break;
            }
            attempt += 1;
        }
    }
    out.into_boxed_slice()
}

/// Jaccard similarity of two shingle samples: exact when neither is sampled; else over the
/// keys below the smaller sample's limit, where both samples hold every key of their set
/// (the bottom-k estimate).
pub(crate) fn jaccard(a: &[u32], a_sampled: bool, b: &[u32], b_sampled: bool) -> f64 {
    let limit = |s: &[u32], sampled: bool| if sampled { s.last().copied() } else { None };
    let cut = match (limit(a, a_sampled), limit(b, b_sampled)) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    let (a, b) = match cut {
        Some(c) => (below(a, c), below(b, c)),
        None => (a, b),
    };
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        return 0.0;
    }
    both as f64 / union as f64
}

/// The keys of a sorted sample up to and including `cut`.
fn below(s: &[u32], cut: u32) -> &[u32] {
    &s[..s.partition_point(|&x| x <= cut)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sketch(shingles: impl IntoIterator<Item = u64>, cap: usize) -> Option<Sketched> {
        let mut s = Sketch::new(64, cap, 9);
        for h in shingles {
            s.shingle(fmix64(h));
        }
        s.finish(9)
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(sketch([], 10).is_none());
    }

    #[test]
    fn jaccard_is_exact_on_whole_sets() {
        let a = sketch(0..100, 1000).unwrap();
        let b = sketch(50..150, 1000).unwrap();
        assert!(!a.sampled && !b.sampled);
        assert_eq!(jaccard(&a.sample, false, &b.sample, false), 50.0 / 150.0);
        assert_eq!(jaccard(&a.sample, false, &a.sample, false), 1.0);
        // Repeated shingles count once.
        let c = sketch((0..100).chain(0..100), 1000).unwrap();
        assert_eq!(c.sample.len(), 100);
    }

    #[test]
    fn a_large_set_keeps_a_bounded_sample_and_estimates_well() {
        let a = sketch(0..20_000, 1000).unwrap();
        let b = sketch(2_000..22_000, 1000).unwrap();
        assert!(a.sampled && b.sampled);
        assert_eq!(a.sample.len(), 1000);
        let j = jaccard(&a.sample, true, &b.sample, true);
        let exact = 18_000.0 / 22_000.0;
        assert!((j - exact).abs() < 0.05, "{j} against {exact}");
        // A whole set against a sample.
        let small = sketch(0..50, 1000).unwrap();
        assert!(jaccard(&small.sample, false, &a.sample, true) < 0.1);
    }

    #[test]
    fn every_bin_is_filled_and_agreement_tracks_jaccard() {
        let a = sketch(0..3, 10).unwrap();
        assert_eq!(a.minhash.len(), 64);
        let same = sketch(0..3, 10).unwrap();
        assert_eq!(a.minhash, same.minhash);
        // Over many sets, the share of agreeing bins is close to the Jaccard similarity.
        let mut agree = 0usize;
        let mut total = 0usize;
        for t in 0..50u64 {
            let x = sketch((0..80).map(|i| i + 1000 * t), 1000).unwrap();
            let y = sketch((20..100).map(|i| i + 1000 * t), 1000).unwrap();
            agree += x
                .minhash
                .iter()
                .zip(y.minhash.iter())
                .filter(|(p, q)| p == q)
                .count();
            total += 64;
        }
        let share = agree as f64 / total as f64;
        assert!((share - 60.0 / 100.0).abs() < 0.05, "{share}");
    }
}
