//! The shingles an article keeps for verification, and the Jaccard similarity of two.

/// Shingle keys (the high 32 bits of each shingle's hash): every shingle of the body, or
/// the least `max_shingles` distinct keys of a body with more (a uniform sample, the
/// shingle hashes being uniform).
///
/// Kept unsorted, repeats included, until [`sort`](Sample::sort)ed: most articles of a
/// stream are never verified against another, and sorting is most of what a short
/// article's signature would cost, so the index sorts a sample when it first verifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sample {
    keys: Vec<u32>,
    /// Sorted, each key once.
    sorted: bool,
    /// A sample of a larger set (always sorted).
    sampled: bool,
}

impl Sample {
    /// `keys`, sorted and distinct when `sampled`.
    pub(crate) fn new(keys: Vec<u32>, sampled: bool) -> Sample {
        Sample {
            keys,
            sorted: sampled,
            sampled,
        }
    }

    /// Sort the keys and drop repeats (once).
    pub(crate) fn sort(&mut self) {
        if !self.sorted {
            self.keys.sort_unstable();
            self.keys.dedup();
            self.keys.shrink_to_fit();
            self.sorted = true;
        }
    }

    /// Whether this is a sample of a larger set.
    pub(crate) fn is_sampled(&self) -> bool {
        self.sampled
    }

    /// Distinct keys.
    pub(crate) fn len(&self) -> usize {
        if self.sorted {
            self.keys.len()
        } else {
            let mut copy = self.clone();
            copy.sort();
            copy.keys.len()
        }
    }

    /// The sorted keys: this one's, or a sorted copy's handed to `f`.
    pub(crate) fn with_sorted<R>(&self, f: impl FnOnce(&Sample) -> R) -> R {
        if self.sorted {
            f(self)
        } else {
            let mut copy = self.clone();
            copy.sort();
            f(&copy)
        }
    }

    /// Jaccard similarity of two sorted samples: exact when neither is a sample of a
    /// larger set; else over the keys up to the smaller limit of the two, below which both
    /// hold every key of their set (the bottom-k estimate).
    pub(crate) fn jaccard(&self, other: &Sample) -> f64 {
        debug_assert!(self.sorted && other.sorted);
        let limit = |s: &Sample| {
            if s.sampled {
                s.keys.last().copied()
            } else {
                None
            }
        };
        let cut = match (limit(self), limit(other)) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        let (a, b) = match cut {
            Some(c) => (below(&self.keys, c), below(&other.keys, c)),
            None => (&self.keys[..], &other.keys[..]),
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
}

/// The keys of a sorted sample up to and including `cut`.
fn below(s: &[u32], cut: u32) -> &[u32] {
    &s[..s.partition_point(|&x| x <= cut)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(keys: impl IntoIterator<Item = u32>) -> Sample {
        let mut s = Sample::new(keys.into_iter().collect(), false);
        s.sort();
        s
    }

    #[test]
    fn exact_on_whole_sets() {
        // (a, b, Jaccard)
        let cases: &[(&[u32], &[u32], f64)] = &[
            (&[1, 2, 3], &[1, 2, 3], 1.0),
            (&[3, 2, 1, 1], &[1, 2, 3], 1.0),
            (&[1, 2], &[3, 4], 0.0),
            (&[1, 2, 3, 4], &[3, 4, 5, 6], 2.0 / 6.0),
            (&[], &[], 0.0),
        ];
        for (a, b, j) in cases {
            let (a, b) = (whole(a.iter().copied()), whole(b.iter().copied()));
            assert_eq!(a.jaccard(&b), *j, "{a:?} {b:?}");
        }
        let unsorted = Sample::new(vec![5, 1, 5, 3], false);
        assert_eq!(unsorted.len(), 3);
        assert_eq!(unsorted.with_sorted(|s| s.jaccard(&whole([1, 3, 5]))), 1.0);
    }

    #[test]
    fn bottom_k_against_a_sample() {
        // Keys spread over u32: the least 100 of 1000 evenly spaced ones.
        let spread = |r: std::ops::Range<u32>| r.map(|i| i * 4_000_000);
        let cut = |r: std::ops::Range<u32>| {
            let mut keys: Vec<u32> = spread(r).collect();
            keys.sort_unstable();
            keys.truncate(100);
            Sample::new(keys, true)
        };
        let a = cut(0..1000);
        let b = cut(0..1000);
        assert_eq!(a.jaccard(&b), 1.0);
        // Against a whole set that holds the first half: half of the keys up to the cut.
        let half = whole(spread(0..50));
        assert_eq!(a.jaccard(&half), 0.5);
    }
}
