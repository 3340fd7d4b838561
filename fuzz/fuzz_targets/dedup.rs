//! Sign and index any texts: a few articles, split at U+001E (the record separator), each
//! parsed, signed and fed to a streaming index under two sets of options (the defaults,
//! and small ones that sample shingles, evict by a window of articles and one of days).
//!
//! Checked for every article:
//! - a signature exactly when the body has a shingle, with as many MinHash values and band
//!   keys as the options say, equal to itself (Jaccard and estimate 1) and made the same
//!   way twice;
//! - its shingle count and Jaccard similarities are the exact ones of its shingles' keys
//!   (unless sampled);
//! - case and line breaks do not change it: the same text with its ASCII letters upper-cased
//!   and its spaces turned into line breaks (same length, same body) signs the same;
//! - what the index reports lies in the window, earlier, at or above the threshold, with
//!   the similarity and exactness of the two signatures; and an article whose signature
//!   equals one in the window (without a window of days) is always reported, at 1.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newswire::Parser;
use newswire::dedup::{Dedup, Signature};

/// Articles read from one input at most: enough for evictions by the small window.
const ARTICLES: usize = 8;

fn dedups() -> &'static [Dedup; 2] {
    static D: OnceLock<[Dedup; 2]> = OnceLock::new();
    D.get_or_init(|| {
        let small = Dedup::builder()
            .shingle_len(2)
            .num_hashes(16)
            .threshold(0.5)
            .window(3)
            .window_days(Some(2))
            .max_shingles(16)
            .build()
            .expect("valid options");
        [Dedup::new(), small]
    })
}

/// The distinct 32-bit keys of an article's shingles: what a signature's sample keeps.
fn keys(shingles: &[u64]) -> HashSet<u32> {
    shingles.iter().map(|&h| (h >> 32) as u32).collect()
}

fn jaccard(a: &HashSet<u32>, b: &HashSet<u32>) -> f64 {
    let both = a.intersection(b).count();
    both as f64 / (a.len() + b.len() - both) as f64
}

/// The same text with its ASCII letters upper-cased and its spaces turned into line
/// breaks: the same bytes' length, the same words once normalised.
fn shouted(text: &str) -> String {
    text.chars()
        .map(|c| if c == ' ' { '\n' } else { c.to_ascii_uppercase() })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let parser = Parser::default();
    let texts: Vec<&str> = input.split('\u{1E}').take(ARTICLES).collect();
    let articles: Vec<_> = texts.iter().map(|t| parser.parse(t)).collect();
    for dedup in dedups() {
        let (bands, _) = dedup.bands();
        let mut index = dedup.index();
        let mut seen: Vec<(Option<Signature>, HashSet<u32>)> = Vec::new();
        for (position, (text, article)) in texts.iter().zip(&articles).enumerate() {
            let shingles = dedup.shingle_hashes(text, article);
            let signature = dedup.sign(text, article);
            let own = keys(&shingles);
            assert_eq!(
                signature.is_some(),
                !shingles.is_empty(),
                "a signature without a shingle, or none with one"
            );
            assert_eq!(signature, dedup.sign(text, article), "signed two ways");
            let loud = shouted(text);
            assert_eq!(
                signature,
                dedup.sign(&loud, article),
                "case or line breaks changed the signature"
            );
            if let Some(s) = &signature {
                assert_eq!(s.minhash().len(), dedup.num_hashes(), "MinHash values");
                assert_eq!(s.band_keys().len(), bands, "band keys");
                assert_eq!(s.jaccard(s), 1.0, "Jaccard with itself");
                assert_eq!(s.estimate(s), 1.0, "estimate with itself");
                assert!(s.words() >= 1, "a signature of no word");
                if s.is_sampled() {
                    assert_eq!(s.shingles(), dedup.max_shingles(), "sample size");
                    assert!(own.len() > dedup.max_shingles(), "sampled without need");
                } else {
                    assert_eq!(s.shingles(), own.len(), "distinct shingles");
                }
            }
            let found: Vec<_> = index.push(signature.clone()).collect();
            // Compared with the articles fed just before it, up to `window` of them.
            let window_start = position.saturating_sub(dedup.window());
            for d in &found {
                let p = d.position() as usize;
                assert!(p < position && p >= window_start, "{p} outside the window");
                let (Some(s), Some(e)) = (&signature, &seen[p].0) else {
                    panic!("a duplicate reported for an article without a signature");
                };
                assert!(d.similarity() >= dedup.threshold(), "below the threshold");
                assert_eq!(d.similarity(), s.jaccard(e), "similarity");
                assert_eq!(d.is_exact(), s.fingerprint() == e.fingerprint(), "exactness");
                if !s.is_sampled() && !e.is_sampled() {
                    let exact = jaccard(&own, &seen[p].1);
                    assert!((d.similarity() - exact).abs() < 1e-12, "not the exact Jaccard");
                }
            }
            for w in found.windows(2) {
                assert!(w[0].similarity() >= w[1].similarity(), "not best first");
            }
            if dedup.window_days().is_none()
                && let Some(s) = &signature
            {
                for (p, (earlier, _)) in seen.iter().enumerate().skip(window_start) {
                    if earlier.as_ref() == Some(s) {
                        assert!(
                            found.iter().any(|d| d.position() as usize == p
                                && d.similarity() == 1.0
                                && d.is_exact()),
                            "an identical article at {p} not reported"
                        );
                    }
                }
            }
            seen.push((signature, own));
        }
    }
});
