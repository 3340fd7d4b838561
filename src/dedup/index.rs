//! The streaming index: articles fed in input order, each one's earlier near-duplicates
//! found among the articles in the window, verified on their shingles, best first.
//!
//! How it is laid out, and why:
//! - The window is a queue of entries, oldest first; an article's *position* (its index
//!   in the stream, counting every article fed, with or without a signature) locates its
//!   entry as `position - first`. Articles leave from the front only, so memory is bounded
//!   by the window's length whatever the stream's.
//! - For each LSH band, the articles with the same band key form a chain, newest first:
//!   `heads` maps a key to its newest article, and each article has, per band, how far back
//!   the next article of its chain is. Since articles leave oldest first, the article
//!   leaving is the last of every chain it is in: it only has to clear the heads that still
//!   name it, and a walk down a chain stops at the first position that has left.
//! - Each band of a new article costs one look-up in `heads`: the article takes the head
//!   of the chain, and the head it displaces is where the walk for candidates starts. The
//!   table is far larger than the caches (a key per band per article in the window), so
//!   the look-ups are most of the index's time.
//! - The band keys and chain links of the window are two flat queues beside the entries,
//!   `bands` values per article, rather than boxes per article: nothing to allocate or
//!   free per article but the shingle sample.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::Serialize;

use crate::Date;
use crate::article::PartialDate;
use crate::error::{Error, ErrorKind, Result};
use crate::hash::FastHashMap;

use super::Config;
use super::sample::Sample;
use super::signature::Signature;

/// The year a date without one is taken in when no dated article came before it: any year
/// will do (only differences of days count), a leap year so that every day exists.
const NO_YEAR_YET: i32 = 2000;

/// Articles whose band keys the table of chain heads has room for from the start (when the
/// window is at least as long): growing a table from empty re-inserts, all told, about as
/// many keys as it ends up with, one cache miss each, and a batch of a few thousand stories
/// is the common case. 16,384 articles of 21 bands take 8 MB; only the control bytes (a
/// sixteenth of that) are written before they are used.
const RESERVED: usize = 16_384;

/// The streaming near-duplicate index: feed it each article's signature in input order with
/// [`push`](Index::push); it answers with the earlier articles that article nearly
/// duplicates. Made by [`Dedup::index`](super::Dedup::index), with that `Dedup`'s options.
///
/// Every article fed counts, signed or not: the *position* of an article is how many were
/// fed before it, its row in the input when all are fed. The index holds the most recent
/// [`window`](super::DedupBuilder::window) articles (and, with
/// [`window_days`](super::DedupBuilder::window_days), drops those dated more than that
/// many days before the newest dateline date); an article is compared with those alone.
///
/// ```
/// use newswire::dedup::Dedup;
/// let dedup = Dedup::new();
/// let story = "LONDON, March 3 (Reuters) - Oil prices rose on Tuesday after producers \
///              agreed to extend output cuts, traders said, and stocks followed.";
/// let resend = story.replacen("Tuesday", "TUESDAY", 1);
/// let other = "PARIS, March 3 (AFP) - The French government named a new minister today.";
/// let mut index = dedup.index();
/// assert_eq!(index.push(dedup.sign_text(story)).len(), 0);
/// assert_eq!(index.push(dedup.sign_text(other)).len(), 0);
/// let found: Vec<_> = index.push(dedup.sign_text(&resend)).collect();
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].position(), 0);
/// assert_eq!(found[0].similarity(), 1.0);
/// assert!(found[0].is_exact());
/// ```
#[derive(Debug)]
pub struct Index {
    config: Arc<Config>,
    entries: VecDeque<Entry>,
    /// The band keys of the entries, `config.bands` per entry (zeros for an entry without
    /// a signature).
    keys: VecDeque<u64>,
    /// Per entry and band: how many positions back the next article of the chain is (0:
    /// none), laid out as `keys`.
    next: VecDeque<u32>,
    /// Position of `entries[0]`.
    first: u64,
    /// Band key to the newest article in the window with it.
    heads: FastHashMap<u64, u64>,
    /// The newest dateline date seen, in days since 1970-01-01.
    clock: Option<i64>,
    candidates: Vec<u64>,
    found: Vec<Duplicate>,
}

#[derive(Debug)]
struct Entry {
    /// The article's date (its dateline's, else the newest seen before it).
    day: Option<i64>,
    signed: Option<Signed>,
}

/// What the index keeps of a signature, besides its band keys.
#[derive(Debug)]
struct Signed {
    sample: Sample,
    fingerprint: u128,
}

/// An earlier article that an article nearly duplicates.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Duplicate {
    position: u64,
    similarity: f64,
    exact: bool,
}

impl Duplicate {
    /// The earlier article's position: how many articles were fed before it.
    pub fn position(&self) -> u64 {
        self.position
    }
    /// The Jaccard similarity of the two bodies' shingles (at or above the threshold).
    pub fn similarity(&self) -> f64 {
        self.similarity
    }
    /// Whether the two bodies have the same normalised words
    /// ([`Signature::fingerprint`]).
    pub fn is_exact(&self) -> bool {
        self.exact
    }
}

/// The iterator [`Index::push`] returns: the earlier articles an article nearly
/// duplicates, most similar first (equally similar ones earliest first).
#[derive(Clone, Debug)]
pub struct Duplicates<'i> {
    it: std::slice::Iter<'i, Duplicate>,
}

impl<'i> Duplicates<'i> {
    /// The duplicates not yet iterated, as a slice.
    pub fn as_slice(&self) -> &'i [Duplicate] {
        self.it.as_slice()
    }
}

impl Iterator for Duplicates<'_> {
    type Item = Duplicate;
    fn next(&mut self) -> Option<Duplicate> {
        self.it.next().copied()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.it.size_hint()
    }
}

impl ExactSizeIterator for Duplicates<'_> {}

impl DoubleEndedIterator for Duplicates<'_> {
    fn next_back(&mut self) -> Option<Duplicate> {
        self.it.next_back().copied()
    }
}

impl Index {
    pub(super) fn new(config: Arc<Config>) -> Index {
        Index {
            heads: FastHashMap::with_capacity(config.bands * config.window.min(RESERVED)),
            config,
            entries: VecDeque::new(),
            keys: VecDeque::new(),
            next: VecDeque::new(),
            first: 0,
            clock: None,
            candidates: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Feed the next article's signature (`None` for an article without one: an empty
    /// body, or an input that failed); the earlier articles in the window that it nearly
    /// duplicates, most similar first.
    ///
    /// # Panics
    ///
    /// When the signature was made by a [`Dedup`](super::Dedup) with other signing options
    /// (shingle length, hashes, seed, bands, sample size); [`try_push`](Index::try_push)
    /// says so with an error instead.
    pub fn push(&mut self, signature: Option<Signature>) -> Duplicates<'_> {
        match self.try_push(signature) {
            Ok(found) => found,
            Err(e) => panic!("{e}"),
        }
    }

    /// As [`push`](Index::push), with an error of kind
    /// [`ErrorKind::InvalidOption`] for a signature made with other signing options (the
    /// article is not fed then).
    pub fn try_push(&mut self, signature: Option<Signature>) -> Result<Duplicates<'_>> {
        if let Some(s) = &signature
            && s.params != self.config.params
        {
            return Err(Error::new(
                ErrorKind::InvalidOption,
                "a signature made with other options (shingle length, hashes, seed, bands or \
                 sample size) than the index's",
            ));
        }
        self.found.clear();
        let position = self.first + self.entries.len() as u64;
        let dated = signature.as_ref().and_then(|s| self.day_of(s.date));
        if let Some(d) = dated {
            self.clock = Some(self.clock.map_or(d, |c| c.max(d)));
        }
        let day = dated.or(self.clock);
        self.leave_by_days();
        let signed = match signature {
            Some(mut s) => {
                self.link(&s.bands, position);
                self.verify(&mut s);
                Some(Signed {
                    sample: s.sample,
                    fingerprint: s.fingerprint,
                })
            }
            None => {
                let bands = self.config.bands;
                self.keys.extend(std::iter::repeat_n(0, bands));
                self.next.extend(std::iter::repeat_n(0, bands));
                None
            }
        };
        self.entries.push_back(Entry { day, signed });
        while self.entries.len() > self.config.window {
            self.leave();
        }
        Ok(Duplicates {
            it: self.found.iter(),
        })
    }

    /// Articles fed so far: the position the next one gets.
    pub fn position(&self) -> u64 {
        self.first + self.entries.len() as u64
    }

    /// Articles in the window now.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the window is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Put the article at `position`, with band keys `bands`, at the head of its bands'
    /// chains, and gather into `candidates` the earlier articles of those chains.
    fn link(&mut self, bands: &[u64], position: u64) {
        // Every band's look-up first, then the walks: the look-ups do not depend on one
        // another, so that their cache misses overlap, where a walk between two would
        // wait for each in turn.
        for &key in bands {
            // The chain's head until now is this article's link (within the window, which
            // is at most u32::MAX long).
            let prev = self.heads.insert(key, position).filter(|&p| p < position);
            let back = prev.map_or(0, |p| u32::try_from(position - p).unwrap_or(0));
            self.keys.push_back(key);
            self.next.push_back(back);
        }
        let limit = self.config.max_candidates;
        let n = self.config.bands;
        let links = (position - self.first) as usize * n;
        self.candidates.clear();
        for band in 0..n {
            let mut back = self.next[links + band];
            let mut at = position;
            let mut steps = 0;
            while back != 0 && steps < limit {
                at -= u64::from(back);
                if at < self.first {
                    break;
                }
                self.candidates.push(at);
                steps += 1;
                back = self.next[(at - self.first) as usize * n + band];
            }
        }
    }

    /// The candidates whose shingles overlap `s`'s at the threshold or more, into `found`,
    /// best first.
    fn verify(&mut self, s: &mut Signature) {
        let limit = self.config.max_candidates;
        let oldest_day = self.oldest_day();
        let cands = &mut self.candidates;
        // Newest first, each once; the most recent `limit` when there are more.
        cands.sort_unstable_by(|a, b| b.cmp(a));
        cands.dedup();
        cands.truncate(limit);
        for &p in cands.iter() {
            let entry = &mut self.entries[(p - self.first) as usize];
            if let (Some(oldest), Some(day)) = (oldest_day, entry.day)
                && day < oldest
            {
                continue;
            }
            let Some(e) = &mut entry.signed else { continue };
            // Sorted when first verified (see `Sample`).
            s.sample.sort();
            e.sample.sort();
            let similarity = s.sample.jaccard(&e.sample);
            if similarity >= self.config.threshold {
                self.found.push(Duplicate {
                    position: p,
                    similarity,
                    exact: e.fingerprint == s.fingerprint,
                });
            }
        }
        self.found.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.position.cmp(&b.position))
        });
    }

    /// The oldest day in the window of days, when there is one and a date was seen.
    fn oldest_day(&self) -> Option<i64> {
        Some(self.clock? - i64::from(self.config.window_days?))
    }

    /// Let the articles at the front dated before the window of days leave. (An undated
    /// one there holds the others back until the window of articles moves on: memory stays
    /// bounded by that window, and `find` skips anything out of date.)
    fn leave_by_days(&mut self) {
        let Some(oldest) = self.oldest_day() else {
            return;
        };
        while self
            .entries
            .front()
            .is_some_and(|e| e.day.is_some_and(|d| d < oldest))
        {
            self.leave();
        }
    }

    /// The oldest article leaves the window.
    fn leave(&mut self) {
        let Some(entry) = self.entries.pop_front() else {
            return;
        };
        let keys = self.keys.drain(..self.config.bands);
        if entry.signed.is_some() {
            for key in keys {
                if self.heads.get(&key) == Some(&self.first) {
                    self.heads.remove(&key);
                }
            }
        }
        self.next.drain(..self.config.bands);
        self.first += 1;
    }

    /// A dateline date as a day number: a date without a year falls in the year that puts
    /// it nearest the newest date seen.
    fn day_of(&self, date: Option<PartialDate>) -> Option<i64> {
        let d = date?;
        let year = match (d.year, self.clock) {
            (Some(y), _) => y,
            (None, Some(clock)) => {
                Date::closest_year(d.month, d.day, Date::from_days_since_epoch(clock)?)?
            }
            (None, None) => NO_YEAR_YET,
        };
        Some(Date::new(year, d.month, d.day).ok()?.days_since_epoch())
    }
}
