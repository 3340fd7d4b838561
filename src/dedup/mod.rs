//! Near-duplicate stories: the same copy filed again, updated, corrected or picked up by
//! another desk.
//!
//! Two articles are near-duplicates when the Jaccard similarity of their bodies' word
//! shingles is at or above a threshold (0.8 by default). The body is what
//! [`Article::body`] says it is: no dateline, headline, byline or trailer, so the same story
//! under two datelines or sign-offs is the same body. Its words are normalised as the
//! matcher normalises text (case and diacritics folded, apostrophes and dashes unified,
//! any run of white space as one), so re-wrapped or re-cased copy matches too.
//!
//! | type | what it is |
//! |---|---|
//! | [`Dedup`], [`DedupBuilder`] | the options, and what signs articles and makes indexes; `Send + Sync`, cheap to clone |
//! | [`Signature`] | an article's MinHash values, band keys, shingle sample and exact-body fingerprint |
//! | [`Index`] | the streaming index: fed in input order, it answers each article with its earlier near-duplicates |
//! | [`Duplicate`], [`Duplicates`] | one earlier article an article nearly duplicates, and the iterator of them |
//! | [`DedupStream`] | the batch engine's hook: signatures on the workers, the index on the calling thread |
//!
//! How it works:
//! - **Signatures** are made per article, in parallel: the body's words are hashed, each
//!   run of [`shingle_len`](DedupBuilder::shingle_len) words (5 by default) is a shingle,
//!   and the shingles give a MinHash signature of [`num_hashes`](DedupBuilder::num_hashes)
//!   values (one permutation hashing with optimal densification: one hash per shingle), a
//!   sample of the shingles themselves for verification (all of them, up to
//!   [`max_shingles`](DedupBuilder::max_shingles)), and a 128-bit fingerprint of the words.
//! - **The index** is fed in input order on one thread. LSH banding over the MinHash values
//!   finds the candidates among the articles in the window; each is verified on the
//!   shingles before it is reported, so every pair reported is at or above the threshold.
//! - **Memory** is bounded on an endless stream by the window: the most recent
//!   [`window`](DedupBuilder::window) articles (100,000 by default), and optionally no
//!   article dated more than [`window_days`](DedupBuilder::window_days) before the newest
//!   dateline date.
//!
//! ```
//! use newswire::dedup::Dedup;
//! use newswire::batch::Batch;
//!
//! let story = "WASHINGTON, May 12 (Reuters) - The Senate passed the budget bill on Friday \
//!              by 60 votes to 40, sending it to the House, where a vote is expected next week.";
//! // The same story re-sent with another dateline, and with a correction of one word.
//! let resent = story.replacen("WASHINGTON, May 12 (Reuters) -", "WASHINGTON (AP) —", 1);
//! let corrected = story.replacen("Friday", "Thursday", 1);
//! let texts = [story, "LONDON, May 12 (Reuters) - Shares fell.", &resent, &corrected];
//!
//! let dedup = Dedup::builder().threshold(0.6).build()?;
//! let found = dedup.find(&Batch::new(2)?, &texts);
//! assert!(found[0].is_empty() && found[1].is_empty());
//! assert_eq!(found[2][0].position(), 0);
//! assert!(found[2][0].is_exact());
//! let near: Vec<u64> = found[3].iter().map(|d| d.position()).collect();
//! assert_eq!(near, [0, 2]);
//! assert!(found[3][0].similarity() < 1.0 && !found[3][0].is_exact());
//! # Ok::<(), newswire::Error>(())
//! ```

mod bands;
mod hash;
mod index;
mod sample;
mod shingles;
mod signature;
mod sketch;
mod stream;
mod words;

use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

pub use index::{Duplicate, Duplicates, Index};
pub use signature::Signature;
pub use stream::DedupStream;

use crate::Article;
use crate::error::{Error, ErrorKind, Result};

/// Words per shingle unless set. Measured with `benches/dedup_quality.rs` over shingle
/// lengths 3 to 8 on Reuters-21578 (`benches/dedup.sh`, the grid in BENCHMARKS.md): the
/// index finds every pair at or above 0.8 at each length, so the length decides what
/// counts as the same story. 5 is the longest that keeps a one-word correction of a
/// 60-word story above 0.8 (51 of 61 shingles shared; 8 words: 45 of 61, below); 3 and 4
/// words count 47 and 23 more Reuters pairs as near-duplicates than 5, more of the
/// templated copy (the same report with other figures) that is not the same story.
const SHINGLE_LEN: usize = 5;
/// MinHash values unless set. In the same grid 64, 128 and 256 hashes all gave recall 1
/// (each banded for [`bands::AT_THRESHOLD`]); 128 is the middle: more rows per band than
/// 64, so fewer dissimilar candidates to verify, at half the signature of 256 (512 bytes).
const NUM_HASHES: usize = 128;
/// The seed unless set (the bytes of "newswire").
const SEED: u64 = 0x6E65_7773_7769_7265;
/// The threshold unless set.
const THRESHOLD: f64 = 0.8;
/// Articles in the window unless set.
const WINDOW: usize = 100_000;
/// Distinct shingles kept per article for verification unless set: every shingle of a
/// body up to about 4,000 words (a long feature; Reuters-21578's longest body has fewer),
/// 16 KB at most per article in the window; beyond, a bottom-k sample within about 0.01.
const MAX_SHINGLES: usize = 4096;
/// Earlier articles verified per article at most, unless set: the most recent ones when
/// more are candidates (copy sent hundreds of times), so that the work per article stays
/// bounded.
const MAX_CANDIDATES: usize = 100;

/// The options of near-duplicate detection, and what signs articles ([`Dedup::sign`]) and
/// makes indexes ([`Dedup::index`]) with them. `Send + Sync` and cheap to clone: share it
/// with the workers that sign.
///
/// ```
/// use newswire::dedup::Dedup;
/// let dedup = Dedup::builder().threshold(0.9).shingle_len(4).window(10_000).build()?;
/// assert_eq!(dedup.threshold(), 0.9);
/// assert_eq!(Dedup::new().shingle_len(), 5);
/// # Ok::<(), newswire::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Dedup {
    config: Arc<Config>,
}

/// The options, checked.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    shingle_len: usize,
    num_hashes: usize,
    seed: u64,
    max_shingles: usize,
    threshold: f64,
    bands: usize,
    rows: usize,
    window: usize,
    window_days: Option<u32>,
    max_candidates: usize,
    /// The start of every bin's probing sequence for densification.
    probes: Box<[u16]>,
    /// A hash of the options a signature depends on: only signatures made with the same
    /// ones can be compared.
    params: u64,
}

/// Builds a [`Dedup`] with options; every option has a default.
#[derive(Clone, Debug, Default)]
pub struct DedupBuilder {
    shingle_len: Option<usize>,
    num_hashes: Option<usize>,
    seed: Option<u64>,
    max_shingles: Option<usize>,
    threshold: Option<f64>,
    bands: Option<usize>,
    window: Option<usize>,
    window_days: Option<u32>,
    max_candidates: Option<usize>,
}

impl DedupBuilder {
    /// Words per shingle, 1 to 64 (default 5).
    pub fn shingle_len(&mut self, words: usize) -> &mut DedupBuilder {
        self.shingle_len = Some(words);
        self
    }
    /// MinHash values per signature, 1 to 1024 (default 128).
    pub fn num_hashes(&mut self, hashes: usize) -> &mut DedupBuilder {
        self.num_hashes = Some(hashes);
        self
    }
    /// The seed of every hash (default: a fixed one). Signatures made with different seeds
    /// cannot be compared.
    pub fn seed(&mut self, seed: u64) -> &mut DedupBuilder {
        self.seed = Some(seed);
        self
    }
    /// The Jaccard similarity at or above which two articles are near-duplicates, above 0
    /// and at most 1 (default 0.8).
    pub fn threshold(&mut self, threshold: f64) -> &mut DedupBuilder {
        self.threshold = Some(threshold);
        self
    }
    /// LSH bands (default: the most rows per band that still make a pair at the threshold
    /// a candidate with probability 0.995; 21 bands of 6 rows for 128 hashes at 0.8). At
    /// most `num_hashes`; each band has `num_hashes / bands` rows.
    pub fn bands(&mut self, bands: usize) -> &mut DedupBuilder {
        self.bands = Some(bands);
        self
    }
    /// Articles in the window: an article is compared with the ones fed just before it, up
    /// to this many, at least 1 and at most 2^32 - 1 (default 100,000).
    pub fn window(&mut self, articles: usize) -> &mut DedupBuilder {
        self.window = Some(articles);
        self
    }
    /// Days in the window, on the dateline date: an article is not compared with articles
    /// dated more than this many days before the newest date seen (an article without a
    /// dateline date counts as of that newest date). `None`, the default: no window of
    /// days. The window of articles still bounds memory.
    pub fn window_days(&mut self, days: Option<u32>) -> &mut DedupBuilder {
        self.window_days = days;
        self
    }
    /// Distinct shingles kept per article for verification, at least 16 (default 4096):
    /// a body with more keeps the least by hash, a uniform sample, and is verified on it.
    pub fn max_shingles(&mut self, shingles: usize) -> &mut DedupBuilder {
        self.max_shingles = Some(shingles);
        self
    }
    /// Earlier articles verified per article at most, at least 1 (default 100): the most
    /// recent candidates when there are more.
    pub fn max_candidates(&mut self, candidates: usize) -> &mut DedupBuilder {
        self.max_candidates = Some(candidates);
        self
    }

    /// The options, checked: an error of kind [`ErrorKind::InvalidOption`] names the one
    /// out of range.
    pub fn build(&self) -> Result<Dedup> {
        let bad = |what: String| Err(Error::new(ErrorKind::InvalidOption, what));
        let shingle_len = self.shingle_len.unwrap_or(SHINGLE_LEN);
        if !(1..=64).contains(&shingle_len) {
            return bad(format!(
                "shingle length {shingle_len} (expected 1 to 64 words)"
            ));
        }
        let num_hashes = self.num_hashes.unwrap_or(NUM_HASHES);
        if !(1..=1024).contains(&num_hashes) {
            return bad(format!("{num_hashes} hashes (expected 1 to 1024)"));
        }
        let threshold = self.threshold.unwrap_or(THRESHOLD);
        if !(threshold > 0.0 && threshold <= 1.0) {
            return bad(format!(
                "threshold {threshold} (expected above 0 and at most 1)"
            ));
        }
        let (bands, rows) = match self.bands {
            None => bands::banding(num_hashes, threshold),
            Some(b) if (1..=num_hashes).contains(&b) => (b, num_hashes / b),
            Some(b) => return bad(format!("{b} bands (expected 1 to the {num_hashes} hashes)")),
        };
        let window = self.window.unwrap_or(WINDOW);
        if window == 0 || window > u32::MAX as usize {
            return bad(format!(
                "a window of {window} articles (expected 1 to 4294967295)"
            ));
        }
        let max_shingles = self.max_shingles.unwrap_or(MAX_SHINGLES);
        if max_shingles < 16 {
            return bad(format!(
                "{max_shingles} shingles kept per article (expected 16 or more)"
            ));
        }
        let max_candidates = self.max_candidates.unwrap_or(MAX_CANDIDATES);
        if max_candidates == 0 {
            return bad("0 candidates per article (expected 1 or more)".into());
        }
        let seed = self.seed.unwrap_or(SEED);
        let params = xxh3_64(
            format!("{shingle_len} {num_hashes} {seed} {max_shingles} {bands} {rows}").as_bytes(),
        );
        Ok(Dedup {
            config: Arc::new(Config {
                shingle_len,
                num_hashes,
                seed,
                max_shingles,
                threshold,
                bands,
                rows,
                window,
                window_days: self.window_days,
                max_candidates,
                probes: sketch::probe_table(num_hashes, seed),
                params,
            }),
        })
    }
}

impl Default for Dedup {
    fn default() -> Dedup {
        Dedup::new()
    }
}

impl Dedup {
    /// Near-duplicate detection with the default options.
    pub fn new() -> Dedup {
        DedupBuilder::default()
            .build()
            .expect("the default options are in range")
    }

    /// A builder for other options.
    pub fn builder() -> DedupBuilder {
        DedupBuilder::default()
    }

    /// The signature of `article`, parsed from `text`; `None` when its body has no word.
    pub fn sign(&self, text: &str, article: &Article) -> Option<Signature> {
        Signature::new(&self.config, text, article)
    }

    /// Parse `text` with the default parser and sign it.
    pub fn sign_text(&self, text: &str) -> Option<Signature> {
        self.sign(text, &Article::parse(text))
    }

    /// A new, empty index with these options.
    pub fn index(&self) -> Index {
        Index::new(self.config.clone())
    }

    /// The 64-bit hash of every shingle of `article`'s body, in order, repeats included:
    /// what its signature is made of. For measuring the index against exact Jaccard
    /// similarities (`benches/dedup_quality.rs`).
    pub fn shingle_hashes(&self, text: &str, article: &Article) -> Vec<u64> {
        let body = article.body();
        let (start, end) = (body.start.min(text.len()), body.end.min(text.len()));
        let mut out = Vec::new();
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return out;
        }
        let seed = self.config.seed;
        let mut shingler = shingles::Shingler::new(self.config.shingle_len, seed);
        words::for_each_word(text, start, end, seed, &mut |w| {
            out.extend(shingler.push(w))
        });
        out.extend(shingler.finish());
        out
    }

    /// Words per shingle.
    pub fn shingle_len(&self) -> usize {
        self.config.shingle_len
    }
    /// MinHash values per signature.
    pub fn num_hashes(&self) -> usize {
        self.config.num_hashes
    }
    /// The seed.
    pub fn seed(&self) -> u64 {
        self.config.seed
    }
    /// The similarity threshold.
    pub fn threshold(&self) -> f64 {
        self.config.threshold
    }
    /// LSH bands and rows per band.
    pub fn bands(&self) -> (usize, usize) {
        (self.config.bands, self.config.rows)
    }
    /// Articles in the window.
    pub fn window(&self) -> usize {
        self.config.window
    }
    /// Days in the window, if there is a window of days.
    pub fn window_days(&self) -> Option<u32> {
        self.config.window_days
    }
    /// Distinct shingles kept per article.
    pub fn max_shingles(&self) -> usize {
        self.config.max_shingles
    }
    /// Earlier articles verified per article at most.
    pub fn max_candidates(&self) -> usize {
        self.config.max_candidates
    }
}

#[cfg(test)]
mod tests;
