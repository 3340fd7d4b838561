//! The run: the batch engine turns each input item into its output line on the worker
//! threads; the main thread reads the inputs (inside the engine's stream) and writes the
//! lines in input order; a watcher thread ends the run on SIGINT or SIGTERM after the last
//! whole line.
//!
//! The engine reads and works a chunk at a time, so memory stays bounded whatever the input
//! length.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use newswire::batch::Batch;

use crate::input::{self, ErrorRecord, InputOptions, Item, Items, Origin};
use crate::output::{Output, WriteError, to_line};
use crate::progress::Progress;

/// The output line of one input item.
pub struct Line {
    /// The record, ending with `\n`: UTF-8 JSON, kept as the bytes it is written out as.
    pub text: Vec<u8>,
    /// Whether it is an error record.
    pub failed: bool,
}

impl Line {
    /// The line of a record that succeeded, written by `record` (its JSON without the `\n`).
    ///
    /// The record is written into a buffer this worker thread keeps from line to line and
    /// then copied out at its exact length: a record grows to a few times its text, and
    /// growing a fresh buffer to that size would copy it several times over.
    pub fn record(record: impl FnOnce(&mut Vec<u8>)) -> Line {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        /// A buffer that a huge article made larger than this is given back afterwards.
        const KEEP: usize = 4 << 20;
        /// Room left after the record for a [`Sequel`] to add a short field to it without
        /// copying it again (`duplicate_of`, most often an empty list).
        const ROOM: usize = 32;
        let text = SCRATCH.with_borrow_mut(|scratch| {
            scratch.clear();
            record(scratch);
            scratch.push(b'\n');
            let mut line = Vec::with_capacity(scratch.len() + ROOM);
            line.extend_from_slice(scratch);
            if scratch.capacity() > KEEP {
                *scratch = Vec::new();
            }
            line
        });
        Line {
            text,
            failed: false,
        }
    }

    /// The line of an error record.
    pub fn error(record: &ErrorRecord) -> Line {
        Line {
            text: to_line(record),
            failed: true,
        }
    }
}

/// Exit code: every record succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code: some record failed (or the output could not be written).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: usage error (bad option, bad gazetteer).
pub const EXIT_USAGE: u8 = 2;
/// Exit code after an interrupt, as shells report SIGINT.
pub const EXIT_INTERRUPTED: u8 = 130;

/// How often the watcher looks at the interrupt flag.
const WATCH_EVERY: Duration = Duration::from_millis(100);

/// What the main thread and the watcher share: the output and the bar. The main thread
/// holds it while it writes a whole line, so whoever else takes it finds a line boundary.
struct Sink {
    out: Output,
    progress: Progress,
}

fn lock(sink: &Mutex<Sink>) -> MutexGuard<'_, Sink> {
    // Nothing panics while holding it; should something, the output is still whole lines.
    sink.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Turn every item of the inputs into its line with `step` on `batch`'s workers and write
/// the lines in input order; returns the exit code.
///
/// SIGINT and SIGTERM end the run after the last whole line written.
pub fn run<S>(
    files: &[PathBuf],
    options: &InputOptions,
    progress: bool,
    batch: &Batch,
    step: S,
) -> u8
where
    S: Fn(Item) -> Line + Send + Sync + 'static,
{
    run_with(files, options, progress, batch, step, OneLine)
}

/// What the main thread makes of each item's result, in input order, before it is
/// written: for steps whose lines depend on the items before (near-duplicates), which
/// only the main thread sees in order.
pub trait Sequel<R> {
    /// The lines of one item: `result` is its step's, `Err` with the error record when the
    /// step failed.
    fn lines(&mut self, origin: &Origin, result: Result<R, ErrorRecord>, out: &mut Vec<Line>);
    /// The lines left once the input ends.
    fn end(&mut self, out: &mut Vec<Line>);
}

/// The step's line as it is.
struct OneLine;

impl Sequel<Line> for OneLine {
    fn lines(&mut self, _: &Origin, result: Result<Line, ErrorRecord>, out: &mut Vec<Line>) {
        out.push(result.unwrap_or_else(|e| Line::error(&e)));
    }
    fn end(&mut self, _: &mut Vec<Line>) {}
}

/// [`run`] with a step that makes `R` and a [`Sequel`] that turns each `R`, in input order,
/// into the lines written.
pub fn run_with<R, S, Q>(
    files: &[PathBuf],
    options: &InputOptions,
    progress: bool,
    batch: &Batch,
    step: S,
    mut sequel: Q,
) -> u8
where
    R: Send + 'static,
    S: Fn(Item) -> R + Send + Sync + 'static,
    Q: Sequel<R>,
{
    let stop = interrupt_flag();
    let items = Items::new(files, options);
    let bytes_read = items.bytes_read();
    let sink = Arc::new(Mutex::new(Sink {
        out: Output::stdout(),
        progress: Progress::new(progress, input::total_size(files)),
    }));
    watch(stop.clone(), sink.clone());
    // Each item keeps its origin on this thread, to name it should its step fail (a bug).
    // Paced by the input: a feed piped in as news comes gets each article's lines as soon
    // as it is done, not when a chunk has filled.
    let mut lines = batch
        .map_stream(WithOrigins(items), step)
        .paced(|items| items.0.at_hand());
    let mut failed = 0usize;
    let mut written = 0u64;
    let mut out = Vec::new();
    while let Some((origin, result)) = lines.next() {
        let result = result.map_err(|e| origin.error(e.to_string()));
        sequel.lines(&origin, result, &mut out);
        let mut sink = lock(&sink);
        if stop.load(Ordering::Relaxed) {
            interrupted(&mut sink);
        }
        for line in out.drain(..) {
            failed += usize::from(line.failed);
            if let Err(e) = sink.out.write_line(&line.text) {
                finish(&sink.progress, write_failed(e, failed));
            }
        }
        written += 1;
        if lines.ready() == 0 {
            // The next line waits for the workers (or the input): show what there is.
            if let Err(e) = sink.out.flush() {
                finish(&sink.progress, write_failed(e, failed));
            }
            sink.progress
                .show(written, bytes_read.load(Ordering::Relaxed));
        }
    }
    sequel.end(&mut out);
    let mut sink = lock(&sink);
    for line in out.drain(..) {
        failed += usize::from(line.failed);
        if let Err(e) = sink.out.write_line(&line.text) {
            finish(&sink.progress, write_failed(e, failed));
        }
    }
    if let Err(e) = sink.out.flush() {
        finish(&sink.progress, write_failed(e, failed));
    }
    sink.progress
        .show(written, bytes_read.load(Ordering::Relaxed));
    sink.progress.finish();
    if failed > 0 { EXIT_FAILED } else { EXIT_OK }
}

/// The items, each with its origin.
struct WithOrigins(Items);

impl Iterator for WithOrigins {
    type Item = (Origin, Item);
    fn next(&mut self) -> Option<(Origin, Item)> {
        self.0.next().map(|item| (item.origin(), item))
    }
}

/// A flag that SIGINT and SIGTERM raise instead of ending the process, so that the run can
/// stop on a line boundary rather than die in the middle of a write. Until the flag is set
/// up, no output has been written and the default (die at once) is as good.
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        if let Err(e) = signal_hook::flag::register(signal, flag.clone()) {
            eprintln!("newswire: cannot handle signal {signal}: {e}");
        }
    }
    flag
}

/// Watch the interrupt flag from a thread of its own: the main thread may be waiting for
/// the workers or for input (a pipe that stays open) when the signal comes. Without the
/// watcher (it could not be started), the main thread still stops before its next line.
fn watch(stop: Arc<AtomicBool>, sink: Arc<Mutex<Sink>>) {
    let watcher = std::thread::Builder::new().name("newswire-signals".into());
    let _ = watcher.spawn(move || {
        loop {
            std::thread::sleep(WATCH_EVERY);
            if stop.load(Ordering::Relaxed) {
                interrupted(&mut lock(&sink));
            }
        }
    });
}

/// Flush the whole lines written so far and end the process with exit code 130.
fn interrupted(sink: &mut Sink) -> ! {
    // Only whole lines are in the buffer; if even they cannot go out, nothing partial does.
    let _ = sink.out.flush();
    finish(
        &sink.progress,
        (EXIT_INTERRUPTED, Some("interrupted".into())),
    )
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

fn write_failed(e: WriteError, failed: usize) -> (u8, Option<String>) {
    match e {
        // The reader has all it wanted: not an error of ours.
        WriteError::Closed if failed > 0 => (EXIT_FAILED, None),
        WriteError::Closed => (EXIT_OK, None),
        WriteError::Io(e) => (EXIT_FAILED, Some(format!("cannot write the output: {e}"))),
    }
}
