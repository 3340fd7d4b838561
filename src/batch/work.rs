//! The worker side of the engine: threads take the next item as they come free, run the
//! step on it inside a panic boundary, and hand back `(position, result)` pairs.
//!
//! Threads are started for each slice ([`on_scoped_threads`]) or each chunk of a stream
//! ([`ChunkJob::start`]) and joined when their results are collected. A join through the
//! thread's handle is what thread sanitizers see as the hand-over of everything the thread
//! made (the C API's documents, say), where a pool woken through atomics would be invisible
//! to them; and starting a few threads costs microseconds against the milliseconds of a
//! chunk.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use crate::error::{Error, ErrorKind, Result};

/// What the step does, for the message of a caught panic: `annotating article`, followed by
/// the item's position.
pub(crate) type Task = &'static str;

/// The results one thread produced, by position in the job.
type Done<R> = Vec<(usize, Result<R>)>;

/// Run `step` on `item` inside a panic boundary: a panic (a bug) costs this item alone its
/// result, and the error names it by its position in the whole batch or stream.
fn guarded<T, R>(step: impl FnOnce(T) -> R, item: T, task: Task, position: usize) -> Result<R> {
    catch_unwind(AssertUnwindSafe(|| step(item)))
        .map_err(|panic| Error::from_panic(panic, format_args!("{task} {position}")))
}

/// Put each thread's results in their places; a place no thread filled (its thread died,
/// which the per-item boundary should make impossible) gets an error rather than shifting
/// every later result onto the wrong input.
fn assemble<R>(len: usize, done: Vec<Done<R>>, task: Task, first: usize) -> Vec<Result<R>> {
    let mut slots: Vec<Option<Result<R>>> = (0..len).map(|_| None).collect();
    for (i, result) in done.into_iter().flatten() {
        slots[i] = Some(result);
    }
    (slots.into_iter().enumerate())
        .map(|(i, slot)| {
            slot.unwrap_or_else(|| {
                Err(Error::new(
                    ErrorKind::Internal,
                    format!(
                        "internal error {task} {}: its worker thread failed",
                        first + i
                    ),
                ))
            })
        })
        .collect()
}

/// `step` over every item of a borrowed slice on up to `threads` threads, the calling
/// thread among them; results in input order.
pub(crate) fn on_scoped_threads<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    task: Task,
    step: impl Fn(&T) -> R + Sync,
) -> Vec<Result<R>> {
    let next = AtomicUsize::new(0);
    let work = || -> Done<R> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, guarded(&step, item, task, i)));
        }
    };
    let helpers = threads.min(items.len()).saturating_sub(1);
    let done = thread::scope(|scope| {
        // A thread that cannot be started leaves its share to the others (and at worst to
        // the calling thread): fewer threads, same results.
        let handles: Vec<_> = (0..helpers)
            .filter_map(|_| worker().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = vec![work()];
        // Joined one by one rather than left to the scope, so that the hand-over of the
        // results goes through the join (see the module docs).
        done.extend(handles.into_iter().filter_map(|h| h.join().ok()));
        done
    });
    assemble(items.len(), done, task, 0)
}

fn worker() -> thread::Builder {
    thread::Builder::new().name("newswire-worker".into())
}

/// One chunk of a stream: owned items, taken one at a time by the threads working on it.
pub(crate) struct ChunkJob<W, R> {
    items: Mutex<std::iter::Enumerate<std::vec::IntoIter<W>>>,
    step: Arc<dyn Fn(W) -> R + Send + Sync>,
    task: Task,
    /// Position of the chunk's first item in the stream.
    first: usize,
    /// Set when the stream is dropped: the items left are not worth doing.
    cancelled: Arc<AtomicBool>,
}

/// A chunk being worked on, or (when no thread could be started) already done.
pub(crate) enum Pending<R> {
    Working {
        threads: Vec<JoinHandle<Done<R>>>,
        len: usize,
        task: Task,
        first: usize,
    },
    Done(Vec<Result<R>>),
}

impl<W: Send + 'static, R: Send + 'static> ChunkJob<W, R> {
    pub(crate) fn new(
        items: Vec<W>,
        step: Arc<dyn Fn(W) -> R + Send + Sync>,
        task: Task,
        first: usize,
        cancelled: Arc<AtomicBool>,
    ) -> ChunkJob<W, R> {
        ChunkJob {
            items: Mutex::new(items.into_iter().enumerate()),
            step,
            task,
            first,
            cancelled,
        }
    }

    /// Start `threads` threads on the chunk and return at once.
    pub(crate) fn start(self, threads: usize, len: usize) -> Pending<R> {
        let (task, first) = (self.task, self.first);
        let job = Arc::new(self);
        let handles: Vec<_> = (0..threads.min(len))
            .filter_map(|_| {
                let job = job.clone();
                worker().spawn(move || job.work()).ok()
            })
            .collect();
        if handles.is_empty() {
            // No thread could be started: do the chunk here rather than fail it.
            return Pending::Done(assemble(len, vec![job.work()], task, first));
        }
        Pending::Working {
            threads: handles,
            len,
            task,
            first,
        }
    }

    fn work(&self) -> Done<R> {
        let mut done = Vec::new();
        while !self.cancelled.load(Ordering::Relaxed) {
            // A panic never happens while the lock is held (the step runs after it is
            // released), so a poisoned lock still holds good items.
            let next = (self.items.lock())
                .unwrap_or_else(PoisonError::into_inner)
                .next();
            let Some((i, item)) = next else { break };
            let result = guarded(&*self.step, item, self.task, self.first + i);
            done.push((i, result));
        }
        done
    }
}

impl<R> Pending<R> {
    /// Wait for the chunk and take its results, in input order.
    pub(crate) fn wait(self) -> Vec<Result<R>> {
        match self {
            Pending::Done(results) => results,
            Pending::Working {
                threads,
                len,
                task,
                first,
            } => {
                let done = threads.into_iter().filter_map(|h| h.join().ok()).collect();
                assemble(len, done, task, first)
            }
        }
    }
}
