//! LSH banding: the MinHash values cut into bands of `rows` values; two articles whose values
//! agree on every row of some band are candidates.
//!
//! For two articles of Jaccard similarity `s`, a band agrees with probability `s^rows`, and
//! they become candidates with probability `1 - (1 - s^rows)^bands` (the S-curve). More rows
//! per band mean fewer candidates far below the threshold (less verification) but more
//! pairs at the threshold missed. Every candidate is verified on its shingles, so a false
//! candidate costs only time, and a missed pair costs recall: the banding is the most rows
//! per band that still makes a pair at the threshold a candidate with probability at least
//! [`AT_THRESHOLD`].

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// How likely a pair exactly at the threshold is to become a candidate. Most pairs above
/// the threshold are far above it (re-sends, corrections) and are found with near
/// certainty; measured on Reuters-21578 (`benches/dedup_quality.rs`), 0.995 gives a recall
/// of the pairs at or above 0.8 above 0.99 with 128 hashes.
pub(crate) const AT_THRESHOLD: f64 = 0.995;

/// The chance that two articles of similarity `s` become candidates.
pub(crate) fn candidate_probability(s: f64, bands: usize, rows: usize) -> f64 {
    1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32)
}

/// `(bands, rows)` for `hashes` values and `threshold`: the most rows per band (as many
/// bands as fit) that keep the chance of a pair at the threshold at [`AT_THRESHOLD`] or
/// more; one row per band when none does.
pub(crate) fn banding(hashes: usize, threshold: f64) -> (usize, usize) {
    (1..=hashes)
        .rev()
        .map(|rows| (hashes / rows, rows))
        .find(|&(bands, rows)| candidate_probability(threshold, bands, rows) >= AT_THRESHOLD)
        .unwrap_or((hashes, 1))
}

/// The key of each band: a hash of its values and its index (so that equal values in two
/// different bands never share a key).
pub(crate) fn band_keys(minhash: &[u32], bands: usize, rows: usize, seed: u64) -> Box<[u64]> {
    (0..bands)
        .map(|b| {
            let values = &minhash[b * rows..(b + 1) * rows];
            xxh3_64_with_seed(bytemuck::cast_slice(values), seed ^ (b as u64 + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bandings() {
        // (hashes, threshold, bands, rows)
        let cases: &[(usize, f64, usize, usize)] = &[
            (128, 0.8, 21, 6),
            (128, 0.5, 42, 3),
            (128, 0.9, 14, 9),
            (128, 1.0, 1, 128),
            (64, 0.8, 16, 4),
            (256, 0.8, 32, 8),
            (1, 0.8, 1, 1),
            (128, 0.01, 128, 1),
        ];
        for &(hashes, threshold, bands, rows) in cases {
            assert_eq!(
                banding(hashes, threshold),
                (bands, rows),
                "{hashes} hashes at {threshold}"
            );
        }
    }

    #[test]
    fn keys_differ_by_band_and_values() {
        let k = band_keys(&[1, 2, 1, 2, 3, 4], 3, 2, 5);
        assert_eq!(k.len(), 3);
        assert_ne!(k[0], k[1], "equal values in two bands");
        assert_ne!(k[1], k[2]);
        assert_eq!(k, band_keys(&[1, 2, 1, 2, 3, 4], 3, 2, 5));
    }
}
