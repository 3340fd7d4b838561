//! Many articles at once: in parallel, in input order, with bounded memory.
//!
//! [`Batch`] is the one batch engine of newswire: the command line, the C API and the Python
//! package all run their batches through it. It works on a slice or on a stream:
//!
//! | | a slice (`&[T]`), results as a `Vec` | a stream (any iterator), results as an iterator |
//! |---|---|---|
//! | annotate | [`Batch::annotate`] | [`Batch::stream`] |
//! | parse only | [`Batch::parse`] | [`Batch::map_stream`] with a parsing step |
//! | any step | [`Batch::map`] | [`Batch::map_stream`] |
//!
//! What every mode shares:
//! - **Order**: one result per input, in input order.
//! - **Threads**: up to `threads` workers ([`BatchBuilder::threads`]; `0`, the default, is
//!   one per core, [`default_threads`]), never more than there are items. Each takes the
//!   next item as it comes free, so one long article does not hold up a fixed share of the
//!   rest.
//! - **Failure stays local**: each item runs inside its own panic boundary. A panic (a bug)
//!   costs that item alone its result, as [`ErrorKind::Internal`](crate::ErrorKind) naming
//!   its position (`internal error annotating article 17: ...`, see
//!   [`Error::from_panic`](crate::Error::from_panic)); every other item gets its result.
//!
//! Streams are read a chunk at a time, a chunk ending at [`BatchBuilder::chunk_size`] items
//! or [`BatchBuilder::chunk_bytes`] bytes of text, whichever comes first, so memory stays
//! bounded however long the stream. They are pipelined: the calling thread reads the next
//! chunk while the workers have the current one, and the workers start on it before the
//! current one's results are handed out.
//!
//! ```
//! use newswire::{batch::Batch, Gazetteer, Matcher};
//! let matcher = Matcher::new(Gazetteer::builtin()).unwrap();
//! let batch = Batch::new(2).unwrap();
//! let texts = ["PARIS, May 2 (AFP) - France and Germany met.", "No entity here."];
//! let docs = batch.annotate(&matcher, &texts);
//! assert_eq!(docs.len(), 2);
//! assert!(!docs[0].as_ref().unwrap().mentions().is_empty());
//! ```
//!
//! # A step on the worker
//!
//! [`Batch::map_stream`] runs any step on the workers, so that the work done with each
//! result (writing it out as JSON, converting its offsets) is parallel too. Each input is a
//! pair `(key, item)`: the item goes to a worker, the key stays on the calling thread and
//! comes back with the item's result. Inputs that need no work (a line that could not be
//! read) go through in their place like any other: the step decides what to make of them.
//!
//! ```
//! use newswire::batch::Batch;
//! use newswire::json::{self, Offsets};
//! use newswire::Parser;
//!
//! // Lines of input as a reader gives them: an article, or the reason there is none.
//! let lines: Vec<Result<String, String>> = vec![
//!     Ok("LONDON, March 3 (Reuters) - Shares fell.".into()),
//!     Err("invalid JSON at column 2".into()),
//!     Ok("Nothing to see.".into()),
//! ];
//! let batch = Batch::builder().threads(2).chunk_size(2).build().unwrap();
//! let parser = Parser::default();
//! let inputs = lines.into_iter().enumerate().map(|(n, line)| (n + 1, line.ok()));
//! // Each line's JSON record is written on a worker.
//! let records = batch.map_stream(inputs, move |text: Option<String>| {
//!     let text = text?;
//!     Some(json::article_to_string(None, &text, &parser.parse(&text), Offsets::Chars))
//! });
//! let out: Vec<(usize, Option<String>)> = records.map(|(line, r)| (line, r.unwrap())).collect();
//! assert_eq!(out.len(), 3);
//! assert_eq!(out[1], (2, None));
//! assert!(out[0].1.as_ref().unwrap().contains(r#""locations":["LONDON"]"#));
//! ```
//!
//! # Driving a stream from another runtime
//!
//! The input iterator is pulled on the thread that calls [`Iterator::next`] on the stream,
//! and only there; the step runs on the workers. So a binding can pull its input from its
//! own runtime inside `next` (Python: re-taking the interpreter lock around each pull while
//! the rest of `next`, the waiting included, runs without it). What crosses threads is
//! bounded accordingly: the item and the result are `Send + 'static`, the step `Send +
//! Sync + 'static`; the key and the input iterator need no bound. The stream is `Send`
//! (and `Sync`) when they and the result are, so a binding can keep it in an object of its
//! own and call `next` with its lock released. [`MapStream::ready`] tells whether `next`
//! can answer at once, without reading or waiting; [`MapStream::inputs_mut`] reaches the
//! input iterator, say for the error that ended it.

mod crew;
mod stream;
mod work;

use std::sync::Arc;

use stream::Chunking;
pub use stream::{MapStream, Stream};
use work::Task;

use crate::error::Result;
use crate::{Article, Document, Matcher, Parser};

/// Panic messages of each mode: `internal error <task> <position>: ...`.
const ANNOTATING: Task = "annotating article";
const PARSING: Task = "parsing article";
const PROCESSING: Task = "processing item";

/// Items per chunk of a stream, per worker thread, unless set: enough to keep each worker
/// busy between two chunks, few enough that an endless stream stays in bounded memory.
const CHUNK_ITEMS_PER_THREAD: usize = 256;
/// Bytes of text per chunk of a stream, per worker thread, unless set.
const CHUNK_BYTES_PER_THREAD: usize = 2 << 20;

/// One worker per core: what a thread count of `0` means everywhere in newswire (the
/// command line's `--threads`, the C API's `threads` argument, Python's `threads=None`).
///
/// ```
/// assert!(newswire::batch::default_threads() >= 1);
/// ```
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// An item of a stream, as far as chunking goes: how much text it brings.
///
/// A chunk ends once its items bring [`BatchBuilder::chunk_bytes`] bytes of text. Implement
/// it for an item type of your own to stream it through [`Batch::map_stream`].
pub trait Input {
    /// Bytes of text this item brings to its chunk (0 for an item with no text).
    fn text_len(&self) -> usize;
}

impl Input for String {
    fn text_len(&self) -> usize {
        self.len()
    }
}

impl Input for Box<str> {
    fn text_len(&self) -> usize {
        self.len()
    }
}

impl Input for Arc<str> {
    fn text_len(&self) -> usize {
        self.len()
    }
}

impl Input for &'static str {
    fn text_len(&self) -> usize {
        self.len()
    }
}

impl<T: Input> Input for Option<T> {
    fn text_len(&self) -> usize {
        self.as_ref().map_or(0, Input::text_len)
    }
}

/// The batch engine: worker threads, chunking and the parser. See the [module docs](self).
///
/// Cheap to clone and `Send + Sync`: share one between threads, or keep one per caller.
#[derive(Clone, Debug)]
pub struct Batch {
    threads: usize,
    chunk_items: usize,
    chunk_bytes: usize,
    parser: Arc<Parser>,
}

/// Builds a [`Batch`] with options.
#[derive(Clone, Debug, Default)]
pub struct BatchBuilder {
    threads: usize,
    chunk_items: Option<usize>,
    chunk_bytes: Option<usize>,
    parser: Parser,
}

impl BatchBuilder {
    /// Worker threads (`0`, the default: one per core, [`default_threads`]).
    pub fn threads(&mut self, threads: usize) -> &mut BatchBuilder {
        self.threads = threads;
        self
    }
    /// Items per chunk of a stream (default 256 per worker thread; at least 1).
    pub fn chunk_size(&mut self, items: usize) -> &mut BatchBuilder {
        self.chunk_items = Some(items.max(1));
        self
    }
    /// Bytes of text per chunk of a stream (default 2 MiB per worker thread; at least 1):
    /// a chunk ends at the item that reaches it.
    pub fn chunk_bytes(&mut self, bytes: usize) -> &mut BatchBuilder {
        self.chunk_bytes = Some(bytes.max(1));
        self
    }
    /// The parser used for every article (default: [`Parser::default`]).
    pub fn parser(&mut self, parser: Parser) -> &mut BatchBuilder {
        self.parser = parser;
        self
    }
    /// The batch engine with these options.
    ///
    /// Worker threads are started by each call (for a slice: joined before it returns; for
    /// a stream: kept while it lives), and one that cannot be started leaves its share to
    /// the others, so nothing can fail here today; the `Result` leaves room for options
    /// that can.
    pub fn build(&self) -> Result<Batch> {
        let threads = match self.threads {
            0 => default_threads(),
            n => n,
        };
        Ok(Batch {
            threads,
            chunk_items: (self.chunk_items)
                .unwrap_or_else(|| CHUNK_ITEMS_PER_THREAD.saturating_mul(threads)),
            chunk_bytes: (self.chunk_bytes)
                .unwrap_or_else(|| CHUNK_BYTES_PER_THREAD.saturating_mul(threads)),
            parser: Arc::new(self.parser.clone()),
        })
    }
}

impl Batch {
    /// A batch engine on `threads` worker threads (`0`: one per core).
    pub fn new(threads: usize) -> Result<Batch> {
        BatchBuilder::default().threads(threads).build()
    }

    /// A builder for a batch engine with options.
    pub fn builder() -> BatchBuilder {
        BatchBuilder::default()
    }

    /// Number of worker threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The parser used for every article.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Annotate every text in parallel. The results are in input order, one per text.
    ///
    /// An article never costs another its result: should annotating one fail (which is a
    /// bug, reported as [`ErrorKind::Internal`](crate::ErrorKind) naming the article's
    /// index), every other article still gets its document.
    pub fn annotate<T: AsRef<str> + Sync>(
        &self,
        matcher: &Matcher,
        texts: &[T],
    ) -> Vec<Result<Document>> {
        work::on_scoped_threads(self.threads, texts, ANNOTATING, |text| {
            matcher.annotate_with(&self.parser, text.as_ref())
        })
    }

    /// Parse every text in parallel, without matching. The results are in input order, one
    /// per text; a failure (a bug) is reported as for [`Batch::annotate`].
    ///
    /// ```
    /// use newswire::batch::Batch;
    /// let articles = Batch::new(2).unwrap().parse(&["LONDON, March 3 (Reuters) - Shares fell."]);
    /// assert!(articles[0].as_ref().unwrap().dateline().is_some());
    /// ```
    pub fn parse<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Result<Article>> {
        work::on_scoped_threads(self.threads, texts, PARSING, |text| {
            self.parser.parse(text.as_ref())
        })
    }

    /// Run `step` on every item in parallel. The results are in input order, one per item;
    /// a panic in `step` costs only its item (`internal error processing item N: ...`).
    ///
    /// The calling thread is one of the workers; the others are joined before this returns.
    ///
    /// ```
    /// use newswire::batch::Batch;
    /// let lengths = Batch::new(2).unwrap().map(&["a", "bcd"], |t| t.len());
    /// assert_eq!(lengths.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 3]);
    /// ```
    pub fn map<T, R, F>(&self, items: &[T], step: F) -> Vec<Result<R>>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync,
    {
        work::on_scoped_threads(self.threads, items, PROCESSING, step)
    }

    /// Annotate a stream of texts, yielding `(text, result)` pairs in input order.
    ///
    /// The input is read a chunk at a time (see the [module docs](self)), so memory stays
    /// bounded however long the stream is. Each text is copied for its worker; the input
    /// item itself stays on the calling thread, so borrowed texts stream too.
    pub fn stream<'b, I>(&'b self, matcher: &'b Matcher, inputs: I) -> Stream<'b, I::IntoIter>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let (matcher, parser) = (matcher.clone(), self.parser.clone());
        let step = Arc::new(move |text: String| matcher.annotate_with(&parser, &text));
        Stream::new(inputs.into_iter(), step, self.chunking())
    }

    /// Run `step` on the workers over a stream of `(key, item)` pairs, yielding `(key,
    /// result)` in input order. The item goes to a worker; the key stays on the calling
    /// thread. See the [module docs](self) for an example and for how a binding drives it.
    ///
    /// A panic in `step` costs only its item (`internal error processing item N: ...`,
    /// where `N` counts from 0 over the whole stream).
    pub fn map_stream<I, K, W, R, F>(&self, inputs: I, step: F) -> MapStream<I::IntoIter, K, W, R>
    where
        I: IntoIterator<Item = (K, W)>,
        W: Input + Send + 'static,
        R: Send + 'static,
        F: Fn(W) -> R + Send + Sync + 'static,
    {
        MapStream::new(
            inputs.into_iter(),
            Arc::new(step),
            PROCESSING,
            self.chunking(),
        )
    }

    fn chunking(&self) -> Chunking {
        Chunking {
            threads: self.threads,
            items: self.chunk_items,
            bytes: self.chunk_bytes,
        }
    }
}

#[cfg(test)]
mod tests;
