//! The workers of one stream: started as its items come (one per item so far, up to its
//! thread count), fed its chunks through a queue, gone when it is dropped.
//!
//! Workers go from one chunk to the next without waiting: while they finish a chunk, the
//! next one is already queued. (Threads started per chunk, or woken per chunk, would leave
//! the cores idle at every chunk boundary for as long as a wake-up takes, which on a busy
//! machine is a sizeable part of a chunk of short articles.)

use std::collections::VecDeque;
use std::iter::Enumerate;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::vec;

use super::work::{Task, guarded, worker};
use crate::error::Result;

/// Lock, whatever a panic elsewhere left: every critical section here is a few moves that
/// cannot leave the data half-changed, and the steps run outside them.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The workers of one stream.
pub(crate) struct Crew<W, R> {
    shared: Arc<Shared<W, R>>,
    /// Workers to start at most: the stream's thread count, lowered to those started when
    /// one cannot be (the system has no more to give).
    threads: usize,
    /// Workers started so far; while none is, chunks are done by the caller.
    started: usize,
    /// Items submitted so far.
    submitted: usize,
}

struct Shared<W, R> {
    step: Arc<dyn Fn(W) -> R + Send + Sync>,
    task: Task,
    /// Chunks not yet fully taken, oldest first.
    queue: Mutex<VecDeque<Arc<Chunk<W, R>>>>,
    /// Signalled when a chunk is queued or the crew is dismissed.
    queued: Condvar,
    /// Set when the stream is dropped: workers stop after the item in hand.
    dismissed: AtomicBool,
}

/// One chunk: its items, taken one at a time, and its results as they come.
pub(crate) struct Chunk<W, R> {
    items: Mutex<Enumerate<vec::IntoIter<W>>>,
    /// Position of the chunk's first item in the stream.
    first: usize,
    results: Mutex<Results<R>>,
    /// Signalled when the last result is in.
    finished: Condvar,
}

struct Results<R> {
    slots: Vec<Option<Result<R>>>,
    missing: usize,
}

impl<W: Send + 'static, R: Send + 'static> Crew<W, R> {
    /// A crew of up to `threads` workers for `step`, started as items come (see `submit`).
    pub(crate) fn start(
        threads: usize,
        step: Arc<dyn Fn(W) -> R + Send + Sync>,
        task: Task,
    ) -> Crew<W, R> {
        let shared = Arc::new(Shared {
            step,
            task,
            queue: Mutex::new(VecDeque::new()),
            queued: Condvar::new(),
            dismissed: AtomicBool::new(false),
        });
        Crew {
            shared,
            threads: threads.max(1),
            started: 0,
            submitted: 0,
        }
    }

    /// Start workers until there is one per item submitted so far, up to the crew's
    /// number: `threads` is an upper bound, and a stream of two texts needs two workers,
    /// not the thousands a caller may allow. Each worker is started once and then goes
    /// from chunk to chunk; a worker that cannot be started ends the starting.
    fn grow(&mut self) {
        while self.started < self.threads.min(self.submitted) {
            let shared = self.shared.clone();
            if worker().spawn(move || shared.work()).is_err() {
                self.threads = self.started;
                return;
            }
            self.started += 1;
        }
    }

    /// Queue `items`, whose first is at position `first` of the stream; returns at once.
    pub(crate) fn submit(&mut self, items: Vec<W>, first: usize) -> Arc<Chunk<W, R>> {
        self.submitted = self.submitted.saturating_add(items.len());
        self.grow();
        let chunk = Arc::new(Chunk {
            results: Mutex::new(Results {
                slots: (0..items.len()).map(|_| None).collect(),
                missing: items.len(),
            }),
            items: Mutex::new(items.into_iter().enumerate()),
            first,
            finished: Condvar::new(),
        });
        if self.started > 0 {
            lock(&self.shared.queue).push_back(chunk.clone());
            self.shared.queued.notify_all();
        } else {
            // No thread could be started: do the chunk here rather than fail it.
            self.shared.work_on(&chunk);
        }
        chunk
    }
}

impl<W, R> Drop for Crew<W, R> {
    fn drop(&mut self) {
        // The workers are not waited for, so dropping a stream never blocks on an article:
        // each stops after the item in hand.
        self.shared.dismissed.store(true, Ordering::Relaxed);
        let _queue = lock(&self.shared.queue);
        self.shared.queued.notify_all();
    }
}

impl<W, R> Shared<W, R> {
    /// A worker's life: the oldest chunk with items left, until the crew is dismissed.
    fn work(&self) {
        loop {
            let chunk = {
                let mut queue = lock(&self.queue);
                loop {
                    if self.dismissed.load(Ordering::Relaxed) {
                        return;
                    }
                    if let Some(chunk) = queue.front() {
                        break chunk.clone();
                    }
                    queue = self
                        .queued
                        .wait(queue)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            self.work_on(&chunk);
            // Its items are all taken: the first worker to get here takes it off the queue
            // (the others find the next chunk in front).
            let mut queue = lock(&self.queue);
            if queue
                .front()
                .is_some_and(|front| Arc::ptr_eq(front, &chunk))
            {
                queue.pop_front();
            }
        }
    }

    /// Take items of `chunk` and do them until none is left (or the crew is dismissed).
    fn work_on(&self, chunk: &Chunk<W, R>) {
        while !self.dismissed.load(Ordering::Relaxed) {
            let next = lock(&chunk.items).next();
            let Some((i, item)) = next else { return };
            let result = guarded(&*self.step, item, self.task, chunk.first + i);
            let mut results = lock(&chunk.results);
            results.slots[i] = Some(result);
            results.missing -= 1;
            if results.missing == 0 {
                chunk.finished.notify_all();
            }
        }
    }
}

impl<W, R> Chunk<W, R> {
    /// Wait for every result of the chunk; they come in input order.
    pub(crate) fn wait(&self) -> Vec<Result<R>> {
        let mut results = lock(&self.results);
        while results.missing > 0 {
            results = (self.finished.wait(results)).unwrap_or_else(PoisonError::into_inner);
        }
        // Every slot is filled: `missing` counts the empty ones.
        results.slots.drain(..).flatten().collect()
    }
}
