//! The batch engine's hook: each article signed on the workers, beside whatever else the
//! step makes of it, and the index fed in input order on the calling thread.
//!
//! The hook drives the engine through its public API alone ([`Batch::map`],
//! [`Batch::map_stream`]): a step returns its result together with the article's
//! signature, and the results, which come back in input order, feed the index as they
//! arrive. The command line does the same inside its own run loop; Python through
//! [`Dedup::map`].

use crate::batch::{Batch, Input, MapStream};
use crate::error::Result;

use super::{Dedup, Duplicate, Index, Signature};

impl Dedup {
    /// The near-duplicates of each text among the texts before it (within the window),
    /// most similar first: the texts parsed (with the batch's parser) and signed in
    /// parallel, the index fed in input order.
    ///
    /// ```
    /// use newswire::{batch::Batch, dedup::Dedup};
    /// let story = "ROME, June 4 (Reuters) - Italy's central bank cut its growth forecast \
    ///              for this year to 0.6 percent from 0.9 percent, citing weaker exports.";
    /// let found = Dedup::new().find(&Batch::new(2)?, &[story, "", story]);
    /// assert_eq!(found[2].len(), 1);
    /// assert_eq!(found[2][0].position(), 0);
    /// # Ok::<(), newswire::Error>(())
    /// ```
    pub fn find<T: AsRef<str> + Sync>(&self, batch: &Batch, texts: &[T]) -> Vec<Vec<Duplicate>> {
        let parser = batch.parser();
        self.map(batch, texts, |text| {
            let text = text.as_ref();
            ((), self.sign(text, &parser.parse(text)))
        })
        .into_iter()
        .map(|(_, found)| found)
        .collect()
    }

    /// Run `step` on every item in parallel ([`Batch::map`]); `step` returns its result and
    /// the item's signature. The results, in input order, each with the earlier items it
    /// nearly duplicates. An item whose step failed (a panic, reported as for
    /// [`Batch::map`]) has no signature.
    ///
    /// ```
    /// use newswire::{batch::Batch, dedup::Dedup, Gazetteer, Matcher};
    /// let matcher = Matcher::new(Gazetteer::builtin())?;
    /// let dedup = Dedup::new();
    /// let story = "PARIS, May 2 (AFP) - France and Germany agreed on Friday to build a new \
    ///              tank together, the two defence ministers said after talks in Berlin.";
    /// let texts = [story, story];
    /// // Annotate and sign each text on the workers: one parse for both.
    /// let out = dedup.map(&Batch::new(2)?, &texts, |text| {
    ///     let doc = matcher.annotate(text);
    ///     let signature = dedup.sign(text, doc.article());
    ///     (doc, signature)
    /// });
    /// let (doc, found) = &out[1];
    /// assert!(!doc.as_ref().unwrap().mentions().is_empty());
    /// assert_eq!(found[0].position(), 0);
    /// # Ok::<(), newswire::Error>(())
    /// ```
    pub fn map<T, R, F>(
        &self,
        batch: &Batch,
        items: &[T],
        step: F,
    ) -> Vec<(Result<R>, Vec<Duplicate>)>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> (R, Option<Signature>) + Sync,
    {
        let mut index = self.index();
        batch
            .map(items, step)
            .into_iter()
            .map(|result| {
                let (result, signature) = split(result);
                let found = index.push(signature).collect();
                (result, found)
            })
            .collect()
    }

    /// Run `step` on the workers over a stream of `(key, item)` pairs
    /// ([`Batch::map_stream`]); `step` returns its result and the item's signature. Yields
    /// `(key, result, near-duplicates)` in input order, feeding the index as it goes, so
    /// that memory stays bounded by the stream's chunks and the index's window.
    ///
    /// ```
    /// use newswire::{batch::Batch, dedup::Dedup};
    /// let dedup = Dedup::new();
    /// let story = "TOKYO, Jan 5 (Reuters) - Japan's exports rose for a third month in \
    ///              December as shipments of cars to the United States recovered.";
    /// let lines = vec![("a", story.to_string()), ("b", "Nothing.".into()), ("c", story.into())];
    /// let signer = dedup.clone();
    /// let stream = dedup.map_stream(&Batch::new(2)?, lines, move |text: String| {
    ///     let words = text.split_whitespace().count();
    ///     (words, signer.sign_text(&text))
    /// });
    /// let out: Vec<(&str, Vec<u64>)> = stream
    ///     .map(|(id, _words, found)| (id, found.iter().map(|d| d.position()).collect()))
    ///     .collect();
    /// assert_eq!(out, [("a", vec![]), ("b", vec![]), ("c", vec![0])]);
    /// # Ok::<(), newswire::Error>(())
    /// ```
    pub fn map_stream<I, K, W, R, F>(
        &self,
        batch: &Batch,
        inputs: I,
        step: F,
    ) -> DedupStream<I::IntoIter, K, W, R>
    where
        I: IntoIterator<Item = (K, W)>,
        W: Input + Send + 'static,
        R: Send + 'static,
        F: Fn(W) -> (R, Option<Signature>) + Send + Sync + 'static,
    {
        DedupStream {
            inner: batch.map_stream(inputs, step),
            index: self.index(),
        }
    }
}

/// A step's result and its signature apart; a failed step has no signature.
fn split<R>(result: Result<(R, Option<Signature>)>) -> (Result<R>, Option<Signature>) {
    match result {
        Ok((r, s)) => (Ok(r), s),
        Err(e) => (Err(e), None),
    }
}

/// The iterator [`Dedup::map_stream`] returns: `(key, result, near-duplicates)` for each
/// input, in input order, the near-duplicates most similar first.
pub struct DedupStream<I, K, W, R> {
    inner: MapStream<I, K, W, (R, Option<Signature>)>,
    index: Index,
}

impl<I, K, W, R> DedupStream<I, K, W, R> {
    /// The index, as fed so far.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// How many results [`next`](Iterator::next) hands out before it next reads input or
    /// waits for the workers ([`MapStream::ready`]).
    pub fn ready(&self) -> usize
    where
        I: Iterator<Item = (K, W)>,
        W: Input + Send + 'static,
        R: Send + 'static,
    {
        self.inner.ready()
    }

    /// The input iterator, mutably ([`MapStream::inputs_mut`]).
    pub fn inputs_mut(&mut self) -> &mut I
    where
        I: Iterator<Item = (K, W)>,
        W: Input + Send + 'static,
        R: Send + 'static,
    {
        self.inner.inputs_mut()
    }
}

impl<I, K, W, R> Iterator for DedupStream<I, K, W, R>
where
    I: Iterator<Item = (K, W)>,
    W: Input + Send + 'static,
    R: Send + 'static,
{
    type Item = (K, Result<R>, Vec<Duplicate>);

    fn next(&mut self) -> Option<Self::Item> {
        let (key, result) = self.inner.next()?;
        let (result, signature) = split(result);
        let found = self.index.push(signature).collect();
        Some((key, result, found))
    }
}

impl<I: std::fmt::Debug, K, W, R> std::fmt::Debug for DedupStream<I, K, W, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DedupStream")
            .field("inner", &self.inner)
            .field("index", &self.index)
            .finish()
    }
}
