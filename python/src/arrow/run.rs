//! The Arrow path on the core's batch engine: slabs of rows to the workers, each worker
//! annotating its slab and building that slab's part of the output tables; the parts of
//! one input batch put together, in input order, into one output batch.
//!
//! A table runs through [`Batch::map`] at once; a stream through [`Batch::map_stream`], read
//! a chunk of slabs at a time as the caller reads the output, so memory stays bounded by a
//! few input batches. Neither touches Python: the caller releases the GIL around it.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use newswire::batch::{Batch, MapStream};
use newswire::offsets::{Converter, Offsets};
use newswire::{Matcher, Parser};

use super::input::{Columns, Part, Slab, SlabKey, SlabStream, slabs};
use super::tables::{Articles, Mentions};

/// What the workers make of each text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Matching alone (`find_arrow`): the mentions table.
    Find,
    /// Parse, match and link (`annotate_arrow`): both tables.
    Annotate,
}

/// A job: the matcher and parser, the unit of offsets, the output schemas.
pub(crate) struct Job {
    pub matcher: Matcher,
    pub parser: Parser,
    pub unit: Offsets,
    pub mode: Mode,
    pub mentions: SchemaRef,
    pub articles: SchemaRef,
}

/// One slab's part of the output.
type SlabOut = (RecordBatch, Option<RecordBatch>);

impl Job {
    /// Annotate (or search) the rows of one slab; runs on a worker.
    fn run(&self, slab: &Slab) -> Result<SlabOut, ArrowError> {
        let part = &slab.part;
        let mut mentions = Mentions::new();
        let mut articles = (self.mode == Mode::Annotate).then(Articles::new);
        let base = slab.rows.start;
        for i in slab.rows.clone() {
            let row = part.first_row + i as i64;
            // Rows of the slab's own id slice (see `finish` below).
            let id_row = (i - base) as u32;
            let Some(text) = part.texts.get(i) else {
                if let Some(a) = articles.as_mut() {
                    a.push_error(row, id_row, "text is null");
                }
                continue;
            };
            let conv = Converter::new(text, self.unit);
            match articles.as_mut() {
                Some(a) => {
                    let document = self.matcher.annotate_with(&self.parser, text);
                    mentions.push_document(row, id_row, text, &conv, &document);
                    a.push_document(row, id_row, text, &document);
                }
                None => {
                    let found = self.matcher.find(text);
                    let gazetteer = self.matcher.gazetteer();
                    mentions.push_matches(row, id_row, text, &conv, gazetteer, &found);
                }
            }
        }
        let ids = (part.ids.as_ref()).map(|ids| ids.slice(base, slab.rows.len()));
        let mentions = mentions.finish(&self.mentions, ids.as_ref())?;
        let articles = (articles)
            .map(|a| a.finish(&self.articles, ids.as_ref()))
            .transpose()?;
        Ok((mentions, articles))
    }

    /// The output of a slab whose work failed (a bug in the core, caught by the engine):
    /// no mentions, and an error row for each of its rows.
    fn failed(&self, slab: &Slab, error: &str) -> Result<SlabOut, ArrowError> {
        let part = &slab.part;
        let mut articles = (self.mode == Mode::Annotate).then(Articles::new);
        if let Some(a) = articles.as_mut() {
            for (n, i) in slab.rows.clone().enumerate() {
                a.push_error(part.first_row + i as i64, n as u32, error);
            }
        }
        let ids = (part.ids.as_ref()).map(|ids| ids.slice(slab.rows.start, slab.rows.len()));
        let mentions = Mentions::new().finish(&self.mentions, ids.as_ref())?;
        let articles = (articles)
            .map(|a| a.finish(&self.articles, ids.as_ref()))
            .transpose()?;
        Ok((mentions, articles))
    }
}

/// Puts the slabs of each input batch back together, in order.
struct Assembly {
    mentions: Vec<RecordBatch>,
    articles: Vec<RecordBatch>,
}

impl Assembly {
    fn new() -> Assembly {
        Assembly {
            mentions: Vec::new(),
            articles: Vec::new(),
        }
    }

    /// Add a slab's result; at its batch's last slab, the batch's output.
    fn add(
        &mut self,
        job: &Job,
        key: SlabKey,
        slab: &Slab,
        result: newswire::Result<Result<SlabOut, ArrowError>>,
    ) -> Result<Option<SlabOut>, ArrowError> {
        let (m, a) = match result {
            Ok(out) => out?,
            Err(e) => job.failed(slab, &e.to_string())?,
        };
        self.mentions.push(m);
        self.articles.extend(a);
        if !key.last {
            return Ok(None);
        }
        let concat = |schema: &SchemaRef, parts: &mut Vec<RecordBatch>| {
            let batch = arrow_select::concat::concat_batches(schema, parts.iter());
            parts.clear();
            batch
        };
        let mentions = concat(&job.mentions, &mut self.mentions)?;
        let articles = match job.mode {
            Mode::Annotate => Some(concat(&job.articles, &mut self.articles)?),
            Mode::Find => None,
        };
        Ok(Some((mentions, articles)))
    }
}

/// The output tables of a whole input, its batches in memory: one output batch per input
/// batch (the articles' batches empty in `Find` mode).
pub(crate) fn run_table(
    job: &Job,
    engine: &Batch,
    batches: &[Arc<Part>],
) -> Result<(Vec<RecordBatch>, Vec<RecordBatch>), ArrowError> {
    let items: Vec<(SlabKey, Slab)> = batches.iter().flat_map(slabs).collect();
    let results = engine.map(&items, |(_, slab)| job.run(slab));
    let mut assembly = Assembly::new();
    let (mut mentions, mut articles) = (Vec::new(), Vec::new());
    for ((key, slab), result) in items.iter().zip(results) {
        if let Some((m, a)) = assembly.add(job, *key, slab, result)? {
            mentions.push(m);
            articles.extend(a);
        }
    }
    Ok((mentions, articles))
}

/// An input stream, as the engine reads it.
pub(crate) type Reader = Box<dyn RecordBatchReader + Send>;

type Slabs = MapStream<SlabStream<Reader>, (SlabKey, Slab), Slab, Result<SlabOut, ArrowError>>;

/// The state the two output readers of a stream share: the engine's stream, and the
/// batches made for one reader while the other was asking.
struct Shared {
    job: Arc<Job>,
    slabs: Slabs,
    assembly: Assembly,
    mentions: VecDeque<RecordBatch>,
    articles: VecDeque<RecordBatch>,
    /// The input is through (or failed, and the failure was handed out).
    done: bool,
}

impl Shared {
    /// The next output batch for `side`, reading and annotating more input as needed.
    fn next(&mut self, side: Side) -> Option<Result<RecordBatch, ArrowError>> {
        loop {
            let queue = match side {
                Side::Mentions => &mut self.mentions,
                Side::Articles => &mut self.articles,
            };
            if let Some(batch) = queue.pop_front() {
                return Some(Ok(batch));
            }
            if self.done {
                return None;
            }
            let Some(((key, slab), result)) = self.slabs.next() else {
                self.done = true;
                return self.slabs.inputs_mut().failure.take().map(Err);
            };
            match self.assembly.add(&self.job, key, &slab, result) {
                Ok(Some((m, a))) => {
                    self.mentions.push_back(m);
                    self.articles.extend(a);
                }
                Ok(None) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Side {
    Mentions,
    Articles,
}

/// One output reader of a stream.
struct Output {
    shared: Arc<Mutex<Shared>>,
    side: Side,
    schema: SchemaRef,
}

impl Iterator for Output {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut shared = match self.shared.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        shared.next(self.side)
    }
}

impl RecordBatchReader for Output {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

/// The output readers of a stream: mentions, and articles in `Annotate` mode. Reading
/// either reads the input; a batch made for the other waits in its queue, so read them
/// side by side (`zip`) to keep memory bounded.
pub(crate) fn run_stream(
    job: Job,
    engine: &Batch,
    reader: Reader,
    columns: Columns,
) -> (Reader, Option<Reader>) {
    let job = Arc::new(job);
    let worker_job = job.clone();
    let input = SlabStream::new(reader, columns);
    let slabs = engine.map_stream(input, move |slab: Slab| worker_job.run(&slab));
    let (mentions_schema, articles_schema) = (job.mentions.clone(), job.articles.clone());
    let annotate = job.mode == Mode::Annotate;
    let shared = Arc::new(Mutex::new(Shared {
        job,
        slabs,
        assembly: Assembly::new(),
        mentions: VecDeque::new(),
        articles: VecDeque::new(),
        done: false,
    }));
    let mentions: Reader = Box::new(Output {
        shared: shared.clone(),
        side: Side::Mentions,
        schema: mentions_schema,
    });
    let articles = annotate.then(|| {
        Box::new(Output {
            shared,
            side: Side::Articles,
            schema: articles_schema,
        }) as Reader
    });
    (mentions, articles)
}
