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

use std::cell::RefCell;

use super::hash::fmix64;
use super::sample::Sample;

/// Attempts of each bin's probing sequence kept in a table (`probe_table`); later ones (an
/// article of a few shingles) are computed as needed.
const PROBES: usize = 8;

/// The bin that attempt `attempt` (from 1) of bin `bin`'s probing sequence looks at: the
/// same sequence for every article, so that two articles borrow alike.
fn probe(bin: usize, attempt: usize, k: usize, seed: u64) -> usize {
    let h = fmix64(
        seed ^ (bin as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (attempt as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93),
    );
    (((h >> 32) * k as u64) >> 32) as usize
}

/// The first [`PROBES`] attempts of every bin's probing sequence, bin after bin.
pub(crate) fn probe_table(k: usize, seed: u64) -> Box<[u16]> {
    (0..k)
        .flat_map(|bin| (1..=PROBES).map(move |a| probe(bin, a, k, seed) as u16))
        .collect()
}

/// Buffers reused from one article to the next on a thread.
#[derive(Default)]
struct Scratch {
    bins: Vec<u64>,
    sample: Vec<u32>,
    empty: Vec<u16>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// The state of one article's signature while its shingles come in.
pub(crate) struct Sketch {
    /// Least value seen in each bin (`u64::MAX`: none yet). Values are 32 bits wide.
    bins: Vec<u64>,
    /// The shingle sample: shingles' 32-bit keys, repeats included, but only the least
    /// `cap` distinct ones once there were more.
    sample: Vec<u32>,
    /// The empty bins, while they are filled in (see `densify`).
    empty: Vec<u16>,
    cap: usize,
    /// Only keys below this can still enter the sample (`None`: nothing dropped yet).
    limit: Option<u32>,
    /// Two running hashes of the body's words in order, and how many there were.
    fingerprint: [u64; 2],
    words: u64,
}

/// The finished parts of a signature.
pub(crate) struct Sketched {
    pub minhash: Box<[u32]>,
    pub sample: Sample,
    pub fingerprint: u128,
}

impl Sketch {
    pub(crate) fn new(num_hashes: usize, cap: usize, seed: u64) -> Sketch {
        let Scratch {
            mut bins,
            mut sample,
            empty,
        } = SCRATCH.take();
        bins.clear();
        bins.resize(num_hashes, u64::MAX);
        sample.clear();
        Sketch {
            bins,
            sample,
            empty,
            cap,
            limit: None,
            fingerprint: [seed, !seed],
            words: 0,
        }
    }

    /// A word of the body, for the fingerprint: two independent multiplicative chains
    /// over the (already well-mixed) word hashes, 128 bits in all.
    #[inline]
    pub(crate) fn word(&mut self, hash: u64) {
        let [a, b] = &mut self.fingerprint;
        *a = (*a ^ hash)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(31);
        *b = (b.rotate_left(23) ^ hash.rotate_left(41)).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        self.words += 1;
    }

    /// A shingle of the body.
    #[inline]
    pub(crate) fn shingle(&mut self, hash: u64) {
        // The high half picks the bin (multiply-shift onto 0..k), the low half is the value:
        // independent bits of one well-mixed hash.
        let k = self.bins.len() as u64;
        let bin = (((hash >> 32) * k) >> 32) as usize;
        let value = hash & 0xFFFF_FFFF;
        let slot = &mut self.bins[bin];
        *slot = (*slot).min(value);
        let key = (hash >> 32) as u32;
        if self.limit.is_none_or(|l| key < l) {
            self.sample.push(key);
            if self.sample.len() >= 2 * self.cap {
                self.compact();
            }
        }
    }

    /// Keep the least `cap` distinct keys (rarely: out of `shingle`'s way, so that it
    /// inlines).
    #[cold]
    #[inline(never)]
    fn compact(&mut self) {
        self.sample.sort_unstable();
        self.sample.dedup();
        if self.sample.len() > self.cap {
            self.sample.truncate(self.cap);
            self.limit = self.sample.last().copied();
        }
    }

    /// The signature's parts; `None` when no shingle came (an empty body). The sample is
    /// left unsorted unless it had to be cut: most articles are never verified against
    /// another, and the index sorts the ones that are (see [`Sample`]).
    pub(crate) fn finish(mut self, probes: &[u16], seed: u64) -> Option<Sketched> {
        let done = if self.sample.is_empty() && self.limit.is_none() {
            None
        } else {
            if self.limit.is_some() {
                self.compact();
            }
            let [a, b] = self.fingerprint;
            let hi = fmix64(a ^ self.words);
            let lo = fmix64(b ^ self.words.wrapping_mul(0xD6E8_FEB8_6659_FD93));
            Some(Sketched {
                minhash: densify(&self.bins, probes, seed, &mut self.empty),
                sample: Sample::new(self.sample.as_slice().into(), self.limit.is_some()),
                fingerprint: (u128::from(hi) << 64) | u128::from(lo),
            })
        };
        SCRATCH.set(Scratch {
            bins: std::mem::take(&mut self.bins),
            sample: std::mem::take(&mut self.sample),
            empty: std::mem::take(&mut self.empty),
        });
        done
    }
}

/// Fill each empty bin with the value of the first non-empty bin of its probing sequence.
///
/// Which bins are empty is as good as random (about a third of them for a short story), so
/// a branch on it would be mispredicted often: every value is copied over as it is while
/// the empty bins are listed (`empty`, without a branch), and only those are filled in.
fn densify(bins: &[u64], probes: &[u16], seed: u64, empty: &mut Vec<u16>) -> Box<[u32]> {
    let k = bins.len();
    let mut out = vec![0u32; k];
    empty.clear();
    empty.resize(k, 0);
    let mut n = 0;
    for (i, (&v, o)) in bins.iter().zip(out.iter_mut()).enumerate() {
        *o = v as u32;
        // At most 1024 bins (`DedupBuilder::num_hashes`).
        empty[n] = i as u16;
        n += usize::from(v == u64::MAX);
    }
    for &i in &empty[..n] {
        let i = usize::from(i);
        let table = &probes[i * PROBES..(i + 1) * PROBES];
        let found = first_full(bins, table).unwrap_or_else(|| {
            // At least one bin is full (there was a shingle), so the probe ends.
            (PROBES + 1..)
                .map(|a| bins[probe(i, a, k, seed)])
                .find(|&b| b != u64::MAX)
                .unwrap_or(0)
        });
        out[i] = found as u32;
    }
    out.into_boxed_slice()
}

/// The value of the first non-empty bin of `table`, if one is: every bin of it read, the
/// last first, each full one taken over the one before by a mask rather than a branch.
#[inline]
fn first_full(bins: &[u64], table: &[u16]) -> Option<u64> {
    let found = table.iter().rev().fold(u64::MAX, |found, &j| {
        let b = bins[usize::from(j)];
        // All ones when `b` holds a value (32 bits), none when it is empty (`u64::MAX`).
        let full = (b >> 63).wrapping_sub(1);
        (b & full) | (found & !full)
    });
    (found != u64::MAX).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sketch(shingles: impl IntoIterator<Item = u64>, cap: usize) -> Option<Sketched> {
        let mut s = Sketch::new(64, cap, 9);
        for h in shingles {
            s.shingle(fmix64(h));
        }
        let mut done = s.finish(&probe_table(64, 9), 9)?;
        done.sample.sort();
        Some(done)
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(sketch([], 10).is_none());
    }

    #[test]
    fn repeats_count_once_and_a_large_set_keeps_a_bounded_sample() {
        let a = sketch(0..100, 1000).unwrap();
        let b = sketch(50..150, 1000).unwrap();
        assert!(!a.sample.is_sampled());
        assert_eq!(a.sample.jaccard(&b.sample), 50.0 / 150.0);
        let c = sketch((0..100).chain(0..100), 1000).unwrap();
        assert_eq!(c.sample.len(), 100);
        // More than `cap` distinct shingles: the least `cap` kept, an estimate from them.
        let a = sketch(0..20_000, 1000).unwrap();
        let b = sketch(2_000..22_000, 1000).unwrap();
        assert!(a.sample.is_sampled() && b.sample.is_sampled());
        assert_eq!(a.sample.len(), 1000);
        let j = a.sample.jaccard(&b.sample);
        let exact = 18_000.0 / 22_000.0;
        assert!((j - exact).abs() < 0.05, "{j} against {exact}");
        let small = sketch(0..50, 1000).unwrap();
        assert!(small.sample.jaccard(&a.sample) < 0.1);
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
