//! The streaming pipeline: a reader thread reads chunks ahead, a worker turns each chunk
//! into output lines, and the main thread writes them in order.
//!
//! Channels of one chunk each bound the memory to a few chunks whatever the input length.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, sync_channel};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::input::{self, Chunk, InputOptions};
use crate::output::{Output, WriteError};
use crate::progress::Progress;

/// The lines of one chunk, ready to write.
pub struct Lines {
    /// One per input item, each ending with `\n`.
    pub lines: Vec<String>,
    /// How many of them are error records.
    pub failed: usize,
}

/// Exit code: every record succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code: some record failed (or the output could not be written).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: usage error (bad option, bad gazetteer).
pub const EXIT_USAGE: u8 = 2;
/// Exit code after an interrupt, as shells report SIGINT.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Run `work` over every chunk of the inputs and write its lines; returns the exit code.
///
/// SIGINT and SIGTERM end the run after the last whole line written.
pub fn run<W>(files: &[PathBuf], options: &InputOptions, progress: bool, work: W) -> u8
where
    W: FnMut(Chunk) -> Lines + Send,
{
    let stop = interrupt_flag();
    let stop = stop.as_ref();
    let mut progress = Progress::new(progress, input::total_size(files));
    let mut out = Output::stdout();
    let mut failed = 0usize;
    let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(1);
    let (lines_tx, lines_rx) = sync_channel::<(Lines, u64)>(1);
    std::thread::scope(|s| {
        s.spawn(move || input::read_all(files, options, |chunk| chunk_tx.send(chunk).is_ok()));
        let mut work = work;
        s.spawn(move || {
            for chunk in chunk_rx {
                let bytes_read = chunk.bytes_read;
                if lines_tx.send((work(chunk), bytes_read)).is_err() {
                    return;
                }
            }
        });
        loop {
            let (lines, bytes_read) = match lines_rx.recv_timeout(Duration::from_millis(100)) {
                Ok(next) => next,
                Err(RecvTimeoutError::Timeout) if stop.load(Ordering::Relaxed) => {
                    finish(&progress, interrupted(&mut out));
                }
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            failed += lines.failed;
            let count = lines.lines.len() as u64;
            for line in &lines.lines {
                if stop.load(Ordering::Relaxed) {
                    finish(&progress, interrupted(&mut out));
                }
                if let Err(e) = out.write_line(line) {
                    finish(&progress, write_failed(e, failed));
                }
            }
            if let Err(e) = out.flush() {
                finish(&progress, write_failed(e, failed));
            }
            progress.advance(count, bytes_read);
        }
    });
    progress.finish();
    if failed > 0 { EXIT_FAILED } else { EXIT_OK }
}

/// A flag that SIGINT and SIGTERM raise instead of ending the process, so that the writer
/// can stop on a line boundary rather than die in the middle of a write. Until the flag is
/// set up, no output has been written and the default (die at once) is as good.
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        if let Err(e) = signal_hook::flag::register(signal, flag.clone()) {
            eprintln!("newswire: cannot handle signal {signal}: {e}");
        }
    }
    flag
}

/// End the process now, with a last word on stderr (after the bar, so that it stays
/// readable); the threads still reading or working need no goodbye.
fn finish(progress: &Progress, (code, message): (u8, Option<String>)) -> ! {
    progress.abandon();
    if let Some(message) = message {
        eprintln!("newswire: {message}");
    }
    std::process::exit(code.into())
}

fn interrupted(out: &mut Output) -> (u8, Option<String>) {
    // Only whole lines are in the buffer; if even they cannot go out, nothing partial does.
    let _ = out.flush();
    (EXIT_INTERRUPTED, Some("interrupted".into()))
}

fn write_failed(e: WriteError, failed: usize) -> (u8, Option<String>) {
    match e {
        // The reader has all it wanted: not an error of ours.
        WriteError::Closed if failed > 0 => (EXIT_FAILED, None),
        WriteError::Closed => (EXIT_OK, None),
        WriteError::Io(e) => (EXIT_FAILED, Some(format!("cannot write the output: {e}"))),
    }
}

/// `f` over `items` on `threads` threads, results in input order. Threads take the next
/// item as they come free, so one long article does not hold up a fixed share of the rest.
pub fn par_map<T: Sync, R: Send + Sync>(
    threads: usize,
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let slots: Vec<OnceLock<R>> = items.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.min(items.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { return };
                    let _ = slots[i].set(f(item));
                }
            });
        }
    });
    // Every slot was filled: the threads stop only once `next` has passed the last item, and
    // a panic in `f` has already been propagated by the scope.
    slots.into_iter().filter_map(OnceLock::into_inner).collect()
}

#[cfg(test)]
mod tests {
    use super::par_map;

    #[test]
    fn par_map_keeps_order() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [1, 2, 3, 8] {
            let got = par_map(threads, &items, |x| x * x);
            assert_eq!(
                got,
                items.iter().map(|x| x * x).collect::<Vec<_>>(),
                "{threads} threads"
            );
        }
        assert!(par_map(4, &Vec::<u8>::new(), |x| *x).is_empty());
    }
}
