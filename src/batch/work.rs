//! The worker side of the engine: threads take the next item as they come free, run the
//! step on it inside a panic boundary ([`guarded`]), and put the result in its place.
//!
//! A slice gets threads of its own for the call ([`on_scoped_threads`]), joined through
//! their handles before it returns: a join is what thread sanitizers see as the hand-over of
//! everything the thread made (the C API's documents, say), where threads woken through
//! atomics would be invisible to them. A stream gets a crew for its whole life
//! ([`crew`](super::crew)), fed chunk after chunk, so that no worker waits between chunks.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use crate::error::{Error, ErrorKind, Result};

/// What the step does, for the message of a caught panic: `annotating article`, followed by
/// the item's position.
pub(crate) type Task = &'static str;

/// The results one thread produced, by position in the job.
type Done<R> = Vec<(usize, Result<R>)>;

/// Run `step` on `item` inside a panic boundary: a panic (a bug) costs this item alone its
/// result, and the error names it by its position in the whole batch or stream.
pub(crate) fn guarded<T, R>(
    step: impl FnOnce(T) -> R,
    item: T,
    task: Task,
    position: usize,
) -> Result<R> {
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
        // the calling thread): fewer threads, same results. None is tried after it (the
        // system has no more to give).
        let handles: Vec<_> = (0..helpers)
            .map_while(|_| worker().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = vec![work()];
        // Joined one by one rather than left to the scope, so that the hand-over of the
        // results goes through the join (see the module docs).
        done.extend(handles.into_iter().filter_map(|h| h.join().ok()));
        done
    });
    assemble(items.len(), done, task, 0)
}

pub(crate) fn worker() -> thread::Builder {
    thread::Builder::new().name("newswire-worker".into())
}
