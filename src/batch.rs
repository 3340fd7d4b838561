//! Annotating many articles in parallel, in input order, with bounded memory.
//!
//! [`Batch`] owns a pool of worker threads. [`Batch::annotate`] takes a slice and returns
//! one result per text; [`Batch::stream`] takes any iterator, even an endless one, and
//! yields results in input order while holding at most two chunks of articles in memory.
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

use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;

use crate::error::{Error, ErrorKind, Result};
use crate::{Document, Matcher, Parser};

/// A pool of worker threads that annotates batches and streams of articles.
#[derive(Debug)]
pub struct Batch {
    pool: rayon::ThreadPool,
    chunk_size: usize,
    parser: Parser,
}

/// Builds a [`Batch`] with options.
#[derive(Clone, Debug)]
pub struct BatchBuilder {
    threads: usize,
    chunk_size: usize,
    parser: Parser,
}

impl Default for BatchBuilder {
    fn default() -> BatchBuilder {
        BatchBuilder {
            threads: 0,
            chunk_size: 1024,
            parser: Parser::default(),
        }
    }
}

impl BatchBuilder {
    /// Worker threads (`0`, the default: one per core).
    pub fn threads(&mut self, threads: usize) -> &mut BatchBuilder {
        self.threads = threads;
        self
    }
    /// Articles per chunk in [`Batch::stream`] (default 1024; at least 1).
    pub fn chunk_size(&mut self, articles: usize) -> &mut BatchBuilder {
        self.chunk_size = articles.max(1);
        self
    }
    /// The parser used for every article (default: [`Parser::default`]).
    pub fn parser(&mut self, parser: Parser) -> &mut BatchBuilder {
        self.parser = parser;
        self
    }
    /// Start the worker threads.
    pub fn build(&self) -> Result<Batch> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("newswire-worker-{i}"))
            .build()
            .map_err(|e| {
                Error::new(ErrorKind::Io, format!("cannot start worker threads: {e}"))
                    .with_source(e)
            })?;
        Ok(Batch {
            pool,
            chunk_size: self.chunk_size,
            parser: self.parser.clone(),
        })
    }
}

impl Batch {
    /// A batch runner on `threads` worker threads (`0`: one per core).
    pub fn new(threads: usize) -> Result<Batch> {
        BatchBuilder::default().threads(threads).build()
    }

    /// A builder for a batch runner with options.
    pub fn builder() -> BatchBuilder {
        BatchBuilder::default()
    }

    /// Number of worker threads.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Annotate every text in parallel. The results are in input order, one per text.
    ///
    /// An article never costs another its result: should annotating one fail (which is a
    /// bug, reported as [`ErrorKind::Internal`] naming the article's index), every other
    /// article still gets its document.
    pub fn annotate<T: AsRef<str> + Sync>(
        &self,
        matcher: &Matcher,
        texts: &[T],
    ) -> Vec<Result<Document>> {
        self.annotate_from(matcher, texts, 0)
    }

    fn annotate_from<T: AsRef<str> + Sync>(
        &self,
        matcher: &Matcher,
        texts: &[T],
        first_index: usize,
    ) -> Vec<Result<Document>> {
        self.pool.install(|| {
            texts
                .par_iter()
                .enumerate()
                .map(|(i, text)| self.annotate_one(matcher, text.as_ref(), first_index + i))
                .collect()
        })
    }

    fn annotate_one(&self, matcher: &Matcher, text: &str, index: usize) -> Result<Document> {
        catch_unwind(AssertUnwindSafe(|| {
            matcher.annotate_with(&self.parser, text)
        }))
        .map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Error::new(
                ErrorKind::Internal,
                format!("internal error annotating article {index}: {what}"),
            )
        })
    }

    /// Annotate a stream of texts, yielding `(text, result)` pairs in input order.
    ///
    /// The input is read a chunk at a time (see [`BatchBuilder::chunk_size`]), so memory
    /// stays bounded however long the stream is.
    pub fn stream<'b, I>(&'b self, matcher: &'b Matcher, inputs: I) -> Stream<'b, I::IntoIter>
    where
        I: IntoIterator,
        I::Item: AsRef<str> + Send + Sync,
    {
        Stream {
            batch: self,
            matcher,
            inputs: inputs.into_iter(),
            ready: Vec::new().into_iter(),
            done: 0,
        }
    }
}

/// The iterator [`Batch::stream`] returns: `(input, result)` in input order.
#[derive(Debug)]
pub struct Stream<'b, I: Iterator> {
    batch: &'b Batch,
    matcher: &'b Matcher,
    inputs: I,
    ready: std::vec::IntoIter<(I::Item, Result<Document>)>,
    done: usize,
}

impl<I> Iterator for Stream<'_, I>
where
    I: Iterator,
    I::Item: AsRef<str> + Send + Sync,
{
    type Item = (I::Item, Result<Document>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.ready.next() {
            return Some(item);
        }
        let chunk: Vec<I::Item> = self.inputs.by_ref().take(self.batch.chunk_size).collect();
        if chunk.is_empty() {
            return None;
        }
        let results = self.batch.annotate_from(self.matcher, &chunk, self.done);
        self.done += chunk.len();
        self.ready = chunk
            .into_iter()
            .zip(results)
            .collect::<Vec<_>>()
            .into_iter();
        self.ready.next()
    }
}
