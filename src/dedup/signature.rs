//! An article's signature: its MinHash values and band keys, a sample of its shingles for
//! verification, its exact-body fingerprint and its dateline date.

use crate::Article;
use crate::article::PartialDate;

use super::Config;
use super::sample::Sample;
use super::shingles::Shingler;
use super::sketch::Sketch;
use super::words::{Words, for_each_word};

/// What [`Dedup::sign`](super::Dedup::sign) makes of an article: everything the
/// [`Index`](super::Index) needs to find the article's near-duplicates, computed where the
/// article is (a worker thread), so that the index's own work is small.
///
/// An article whose body has no word (empty, white space or punctuation only) has no
/// signature: it never matches anything.
///
/// ```
/// use newswire::dedup::Dedup;
/// let dedup = Dedup::new();
/// let a = dedup.sign_text("LONDON, March 3 (Reuters) - Shares fell on Monday as oil rose.").unwrap();
/// let b = dedup.sign_text("PARIS, March 3 (AFP) - Shares fell on Monday as oil rose.").unwrap();
/// // The dateline is not part of the body: the bodies are the same.
/// assert_eq!(a.jaccard(&b), 1.0);
/// assert_eq!(a.fingerprint(), b.fingerprint());
/// assert!(dedup.sign_text("   \n ").is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub(super) minhash: Box<[u32]>,
    pub(super) bands: Box<[u64]>,
    pub(super) sample: Sample,
    pub(super) fingerprint: u128,
    pub(super) date: Option<PartialDate>,
    pub(super) words: usize,
    /// The options it was made with (see [`Config::params`]).
    pub(super) params: u64,
}

/// A body's words on their way into its signature: each one goes into the fingerprint and
/// the shingle it ends into the sketch.
struct Signer {
    shingler: Shingler,
    sketch: Sketch,
}

impl Words for Signer {
    #[inline(always)]
    fn word(&mut self, word: u64) {
        self.sketch.word(word);
        if let Some(shingle) = self.shingler.push(word) {
            self.sketch.shingle(shingle);
        }
    }
}

impl Signature {
    /// Sign the body of `article`, parsed from `text`.
    pub(super) fn new(config: &Config, text: &str, article: &Article) -> Option<Signature> {
        let body = article.body();
        let (start, end) = (body.start.min(text.len()), body.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return None;
        }
        let seed = config.seed;
        let mut signer = Signer {
            shingler: Shingler::new(config.shingle_len, seed),
            sketch: Sketch::new(config.num_hashes, config.max_shingles, seed),
        };
        for_each_word(text, start, end, seed, &mut signer);
        let Signer {
            shingler,
            mut sketch,
        } = signer;
        if let Some(shingle) = shingler.finish() {
            sketch.shingle(shingle);
        }
        let words = shingler.words();
        let sketched = sketch.finish(&config.probes, seed)?;
        let bands = super::bands::band_keys(&sketched.minhash, config.bands, config.rows, seed);
        Some(Signature {
            minhash: sketched.minhash,
            bands,
            sample: sketched.sample,
            fingerprint: sketched.fingerprint,
            date: article.dateline().and_then(|d| d.date()),
            words,
            params: config.params,
        })
    }

    /// The MinHash values, one per hash ([`DedupBuilder::num_hashes`](super::DedupBuilder::num_hashes)).
    pub fn minhash(&self) -> &[u32] {
        &self.minhash
    }

    /// The LSH band keys: a hash of each band of [`minhash`](Signature::minhash) values.
    pub fn band_keys(&self) -> &[u64] {
        &self.bands
    }

    /// A 128-bit hash of the body's words in order: equal for two bodies with the same
    /// normalised words (whatever their spacing, line breaks, case, diacritics or
    /// punctuation), and different otherwise but for a chance of about 2^-64 or less.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    /// The dateline's date, when the article has one (the index's window of days uses it).
    pub fn date(&self) -> Option<PartialDate> {
        self.date
    }

    /// Words in the body.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Distinct shingles kept for verification: every one of the body's, or the
    /// [`max_shingles`](super::DedupBuilder::max_shingles) least by hash when it has more
    /// (see [`is_sampled`](Signature::is_sampled)).
    pub fn shingles(&self) -> usize {
        self.sample.len()
    }

    /// Whether the body had more distinct shingles than
    /// [`max_shingles`](super::DedupBuilder::max_shingles), so that only a sample of them
    /// was kept and [`jaccard`](Signature::jaccard) is an estimate from it (the least
    /// hashes of a set are a uniform sample of it, and bottom-k estimates of this size are
    /// within about 0.01).
    pub fn is_sampled(&self) -> bool {
        self.sample.is_sampled()
    }

    /// The Jaccard similarity of the two bodies' shingle sets: what the index verifies each
    /// candidate with. Exact unless one of them [`is_sampled`](Signature::is_sampled).
    /// Signatures made with different options share nothing (0).
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.params != other.params {
            return 0.0;
        }
        (self.sample).with_sorted(|a| other.sample.with_sorted(|b| a.jaccard(b)))
    }

    /// The MinHash estimate of [`jaccard`](Signature::jaccard): the share of equal values.
    pub fn estimate(&self, other: &Signature) -> f64 {
        if self.params != other.params || self.minhash.is_empty() {
            return 0.0;
        }
        let equal = (self.minhash.iter())
            .zip(other.minhash.iter())
            .filter(|(a, b)| a == b)
            .count();
        equal as f64 / self.minhash.len() as f64
    }
}
