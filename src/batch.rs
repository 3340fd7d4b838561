//! Annotating many articles in parallel, in input order, with bounded memory.
//!
//! SKELETON: signatures are fixed; bodies are filled in by the batch work.

use crate::error::Result;
use crate::{Document, Matcher, Parser};

/// A pool of worker threads that annotates batches and streams of articles.
#[derive(Debug)]
pub struct Batch {
    threads: usize,
    chunk_size: usize,
    parser: Parser,
}

impl Batch {
    /// A batch runner on `threads` worker threads (`0`: one per core).
    pub fn new(threads: usize) -> Result<Batch> {
        Ok(Batch { threads, chunk_size: 256, parser: Parser::default() })
    }
    /// Number of worker threads.
    pub fn threads(&self) -> usize { self.threads }
    /// Annotate every text, in parallel; the results are in input order.
    pub fn annotate<T: AsRef<str> + Sync>(&self, matcher: &Matcher, texts: &[T]) -> Vec<Document> {
        let _ = (matcher, texts, self.chunk_size, &self.parser);
        todo!()
    }
}
