//! The streaming side of the engine: inputs read a chunk at a time on the calling thread
//! and queued for the stream's crew of workers, two chunks ahead of the results handed out.

use std::collections::VecDeque;
use std::sync::Arc;

use super::Input;
use super::crew::{Chunk, Crew};
use super::work::Task;
use crate::Document;
use crate::error::Result;

/// How a stream cuts its input into chunks and how many threads work on each.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Chunking {
    pub threads: usize,
    /// A chunk ends at this many items ...
    pub items: usize,
    /// ... or once its items' text reaches this many bytes, whichever comes first.
    pub bytes: usize,
}

/// The iterator [`Batch::map_stream`](super::Batch::map_stream) returns: `(key, result)`
/// for each input, in input order.
///
/// At most three chunks are held at once: the one whose results are being handed out, and
/// two with the workers (the second one read while they work on the first). Dropping the
/// stream stops the workers after the items they have started.
pub struct MapStream<I, K, W, R> {
    inputs: I,
    /// The input has ended (it is not asked again).
    inputs_done: bool,
    chunking: Chunking,
    /// Started with the first chunk.
    crew: Option<Crew<W, R>>,
    step: Arc<dyn Fn(W) -> R + Send + Sync>,
    task: Task,
    /// Items read so far: the position of the next one.
    read: usize,
    /// The chunks with the workers, oldest first.
    working: VecDeque<Working<K, W, R>>,
    /// The last finished chunk's keys and results, handed out one by one.
    ready: VecDeque<(K, Result<R>)>,
    /// Whether the input has its next item at hand (see [`MapStream::paced`]).
    at_hand: Option<fn(&mut I) -> bool>,
}

/// A chunk with the workers: its keys, and its results to come.
type Working<K, W, R> = (Vec<K>, Arc<Chunk<W, R>>);

/// Chunks with the workers at once: one to finish, one to go on with.
const CHUNKS_AHEAD: usize = 2;

impl<I, K, W, R> MapStream<I, K, W, R>
where
    I: Iterator<Item = (K, W)>,
    W: Input + Send + 'static,
    R: Send + 'static,
{
    pub(crate) fn new(
        inputs: I,
        step: Arc<dyn Fn(W) -> R + Send + Sync>,
        task: Task,
        chunking: Chunking,
    ) -> MapStream<I, K, W, R> {
        MapStream {
            inputs,
            inputs_done: false,
            chunking,
            crew: None,
            step,
            task,
            read: 0,
            working: VecDeque::new(),
            ready: VecDeque::new(),
            at_hand: None,
        }
    }

    /// Pace the stream by its input: `at_hand` tells whether the input can give its next
    /// item without waiting. When it cannot, the chunk being read ends there, and the
    /// results of what was read are handed out before the stream waits for more. For a
    /// live feed (a pipe another program writes into as the news comes), where a full
    /// chunk could take minutes to arrive and hold back the results of the first articles
    /// as long; an input that always has its next item at hand is read as without it.
    ///
    /// ```
    /// # use newswire::batch::Batch;
    /// # let batch = Batch::builder().threads(1).build()?;
    /// // Here every item is at hand; a reader of a pipe would ask the pipe.
    /// let items = (0..3).map(|i| (i, format!("item {i}")));
    /// let stream = batch.map_stream(items, |s: String| s.len()).paced(|_| true);
    /// assert_eq!(stream.map(|(_, n)| n.unwrap()).sum::<usize>(), 18);
    /// # Ok::<(), newswire::Error>(())
    /// ```
    pub fn paced(mut self, at_hand: fn(&mut I) -> bool) -> Self {
        self.at_hand = Some(at_hand);
        self
    }

    /// Whether the next input can be read without waiting (always, unpaced).
    fn input_at_hand(&mut self) -> bool {
        self.inputs_done || self.at_hand.is_none_or(|at_hand| at_hand(&mut self.inputs))
    }

    /// The input iterator: for what it kept on the way (say, the error that ended it).
    pub fn inputs(&self) -> &I {
        &self.inputs
    }

    /// The input iterator, mutably.
    pub fn inputs_mut(&mut self) -> &mut I {
        &mut self.inputs
    }

    /// How many results [`next`](Iterator::next) hands out before it next reads input or
    /// waits for the workers: a consumer that buffers its output can flush when it is 0.
    pub fn ready(&self) -> usize {
        self.ready.len()
    }

    /// Read the next chunk: keys and items, or `None` at the end of the input.
    fn read_chunk(&mut self) -> Option<(Vec<K>, Vec<W>)> {
        let (mut keys, mut items) = (Vec::new(), Vec::new());
        let mut bytes = 0usize;
        while !self.inputs_done && items.len() < self.chunking.items && bytes < self.chunking.bytes
        {
            // A paced input with nothing at hand ends the chunk (its first item is waited
            // for: there is nothing else to do).
            if !items.is_empty() && !self.input_at_hand() {
                break;
            }
            match self.inputs.next() {
                Some((key, item)) => {
                    bytes = bytes.saturating_add(item.text_len());
                    keys.push(key);
                    items.push(item);
                }
                None => self.inputs_done = true,
            }
        }
        (!items.is_empty()).then_some((keys, items))
    }

    fn submit(&mut self, (keys, items): (Vec<K>, Vec<W>)) {
        let (threads, step, task) = (self.chunking.threads, &self.step, self.task);
        let crew = (self.crew).get_or_insert_with(|| Crew::start(threads, step.clone(), task));
        let len = items.len();
        let chunk = crew.submit(items, self.read);
        self.read += len;
        self.working.push_back((keys, chunk));
    }
}

impl<I, K, W, R> Iterator for MapStream<I, K, W, R>
where
    I: Iterator<Item = (K, W)>,
    W: Input + Send + 'static,
    R: Send + 'static,
{
    type Item = (K, Result<R>);

    fn next(&mut self) -> Option<(K, Result<R>)> {
        loop {
            if let Some(next) = self.ready.pop_front() {
                return Some(next);
            }
            // Keep the workers two chunks ahead: the next chunk is read while they work on
            // the one before, and they go on with it while its predecessor's results are
            // handed out.
            while self.working.len() < CHUNKS_AHEAD {
                // A paced input with nothing at hand: the results the workers have come
                // first.
                if !self.working.is_empty() && !self.input_at_hand() {
                    break;
                }
                match self.read_chunk() {
                    Some(chunk) => self.submit(chunk),
                    None => break,
                }
            }
            let (keys, chunk) = self.working.pop_front()?;
            self.ready.extend(keys.into_iter().zip(chunk.wait()));
        }
    }
}

impl<I: std::fmt::Debug, K, W, R> std::fmt::Debug for MapStream<I, K, W, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MapStream")
            .field("inputs", &self.inputs)
            .field("task", &self.task)
            .field("chunking", &self.chunking)
            .field("read", &self.read)
            .field("ready", &self.ready.len())
            .finish_non_exhaustive()
    }
}

/// The iterator [`Batch::stream`](super::Batch::stream) returns: `(input, result)` in input
/// order.
#[derive(Debug)]
pub struct Stream<'b, I: Iterator> {
    inner: MapStream<WithCopy<I>, I::Item, String, Document>,
    /// The stream is tied to its batch and matcher, as it always was, though it keeps
    /// what it needs of them.
    _borrow: std::marker::PhantomData<&'b ()>,
}

/// The inputs of [`Stream`]: each item kept on the calling thread, a copy of its text sent
/// to a worker (so that borrowed inputs, `texts.iter()`, stream too).
type WithCopy<I> = std::iter::Map<I, fn(<I as Iterator>::Item) -> (<I as Iterator>::Item, String)>;

fn with_copy<T: AsRef<str>>(item: T) -> (T, String) {
    let text = item.as_ref().to_owned();
    (item, text)
}

impl<I> Stream<'_, I>
where
    I: Iterator,
    I::Item: AsRef<str>,
{
    pub(crate) fn new(
        inputs: I,
        step: Arc<dyn Fn(String) -> Document + Send + Sync>,
        chunking: Chunking,
    ) -> Self {
        let inputs: WithCopy<I> = inputs.map(with_copy::<I::Item> as fn(_) -> _);
        Stream {
            inner: MapStream::new(inputs, step, super::ANNOTATING, chunking),
            _borrow: std::marker::PhantomData,
        }
    }
}

impl<I> Iterator for Stream<'_, I>
where
    I: Iterator,
    I::Item: AsRef<str>,
{
    type Item = (I::Item, Result<Document>);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}
