//! Reading the inputs one item at a time, in input order: an iterator the batch engine
//! pulls on the main thread.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::MultiGzDecoder;

use crate::jsonl;

/// One input record: an article, or the reason there is none.
#[derive(Debug)]
pub enum Item {
    /// An article to process.
    Article {
        /// Its id (the `id` field, `FILE:LINE`, or the path of a text file).
        id: String,
        /// Its text.
        text: String,
        /// The input it came from (`-` for standard input).
        file: Arc<str>,
        /// Its line, when it came from JSON Lines.
        line: Option<u64>,
    },
    /// A line or file that could not be read.
    Failed(ErrorRecord),
}

impl Item {
    /// Where the item came from, as an error record would name it.
    pub fn origin(&self) -> Origin {
        match self {
            Item::Article { id, file, line, .. } => Origin {
                id: Some(id.clone()),
                file: file.clone(),
                line: *line,
            },
            Item::Failed(record) => Origin {
                id: record.id.clone(),
                file: Arc::from(record.file.as_str()),
                line: record.line,
            },
        }
    }
}

impl newswire::batch::Input for Item {
    fn text_len(&self) -> usize {
        match self {
            Item::Article { text, .. } => text.len(),
            Item::Failed(_) => 0,
        }
    }
}

/// Where an item came from: what names it in an error record written in its place.
#[derive(Debug, Clone)]
pub struct Origin {
    id: Option<String>,
    file: Arc<str>,
    line: Option<u64>,
}

impl Origin {
    /// The item's id, when it has one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The error record for this item.
    pub fn error(&self, error: String) -> ErrorRecord {
        ErrorRecord {
            id: self.id.clone(),
            file: self.file.to_string(),
            line: self.line,
            error,
        }
    }
}

/// `{"id"?, "file", "line"?, "error"}`: what could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorRecord {
    /// The id, when the record had a readable one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The input's name (`-` for standard input).
    pub file: String,
    /// The 1-based line, for a bad JSON Lines line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What is wrong.
    pub error: String,
}

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Read every input as JSON Lines.
    pub jsonl: bool,
    /// The field holding the text.
    pub text_field: String,
    /// The field holding the id.
    pub id_field: String,
}

/// The name of standard input among the inputs.
pub const STDIN: &str = "-";

/// Total size of the inputs when every one is a regular file (else `None`: a pipe has no
/// known end).
pub fn total_size(files: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for f in files {
        if f.as_os_str() == STDIN {
            return None;
        }
        let meta = std::fs::metadata(f).ok()?;
        if !meta.is_file() {
            return None;
        }
        total += meta.len();
    }
    Some(total)
}

/// Every item of the inputs, in order: the inputs are opened one after the other, a text
/// file giving one item, a JSON Lines input one per line that is not blank.
pub struct Items {
    files: std::vec::IntoIter<PathBuf>,
    options: InputOptions,
    /// Input bytes read so far (as stored: compressed for gzip), for the progress bar.
    bytes_read: Arc<AtomicU64>,
    /// The JSON Lines input being read.
    open: Option<JsonLines>,
}

impl Items {
    /// The items of `files` (nothing: standard input).
    pub fn new(files: &[PathBuf], options: &InputOptions) -> Items {
        let files = if files.is_empty() {
            vec![PathBuf::from(STDIN)]
        } else {
            files.to_vec()
        };
        Items {
            files: files.into_iter(),
            options: options.clone(),
            bytes_read: Arc::new(AtomicU64::new(0)),
            open: None,
        }
    }

    /// A counter of the input bytes read so far, shared with whoever shows progress.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        self.bytes_read.clone()
    }
}

impl Items {
    /// Whether the next item can be read without waiting for whoever writes standard input
    /// (for [`MapStream::paced`](newswire::batch::MapStream::paced)).
    pub fn at_hand(&mut self) -> bool {
        self.open.as_mut().is_none_or(JsonLines::at_hand)
    }
}

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(open) = &mut self.open {
                match open.next_item(&self.options) {
                    Some(item) => return Some(item),
                    None => self.open = None,
                }
            }
            let path = self.files.next()?;
            match open_input(&path, &self.options, &self.bytes_read) {
                Opened::Lines(lines) => self.open = Some(lines),
                Opened::Whole(item) => return Some(item),
            }
        }
    }
}

/// An input, opened: JSON Lines to read line by line, or already the one item it gives.
enum Opened {
    Lines(JsonLines),
    Whole(Item),
}

/// Open one input; a text file (or an input that cannot be opened) is read whole here.
fn open_input(path: &Path, options: &InputOptions, counter: &Arc<AtomicU64>) -> Opened {
    let is_stdin = path.as_os_str() == STDIN;
    let name = if is_stdin {
        STDIN.to_string()
    } else {
        path.display().to_string()
    };
    let fail = |error: String| {
        Opened::Whole(Item::Failed(ErrorRecord {
            id: None,
            file: name.clone(),
            line: None,
            error,
        }))
    };
    let raw: Box<dyn Read> = if is_stdin {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return fail(format!("cannot open: {e}")),
        }
    };
    let mut raw = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: raw,
            counter: counter.clone(),
        },
    );
    // Gzip is recognised by its magic number, not only by the name: standard input has none,
    // and no UTF-8 text starts with these two bytes.
    let gzipped = match raw.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return fail(format!("cannot read: {e}")),
    };
    // One buffer whose contents `JsonLines::at_hand` can see; over plain input it takes the
    // sniffing buffer's bytes first, then reads past it (a read as large as its buffer).
    let mut reader: BufReader<Box<dyn Read>> = if gzipped {
        BufReader::with_capacity(1 << 16, Box::new(MultiGzDecoder::new(raw)))
    } else {
        BufReader::with_capacity(1 << 16, Box::new(raw))
    };
    let jsonl = options.jsonl || (!is_stdin && is_jsonl_name(path));
    if jsonl {
        return Opened::Lines(JsonLines {
            file: Arc::from(name.as_str()),
            name,
            reader,
            live: is_stdin,
            line_no: 0,
            buf: Vec::new(),
            partial: Vec::new(),
        });
    }
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return fail(format!("cannot read: {e}"));
    }
    Opened::Whole(match String::from_utf8(bytes) {
        Ok(text) => Item::Article {
            id: name.clone(),
            text,
            file: Arc::from(name.as_str()),
            line: None,
        },
        Err(e) => Item::Failed(ErrorRecord {
            id: Some(name.clone()),
            file: name.clone(),
            line: None,
            error: newswire::Error::invalid_utf8(&e.utf8_error()).to_string(),
        }),
    })
}

/// A JSON Lines input being read.
struct JsonLines {
    name: String,
    file: Arc<str>,
    reader: BufReader<Box<dyn Read>>,
    /// Standard input, which a writer may feed as news comes (a file has all its lines).
    live: bool,
    line_no: u64,
    /// The current line's bytes, reused from line to line.
    buf: Vec<u8>,
    /// The start of a line whose end has not come yet, taken out of the reader's buffer by
    /// `at_hand` so that it could read on without waiting (live input only).
    partial: Vec<u8>,
}

impl JsonLines {
    /// Whether the next item can be had without waiting: the input is a file, or a whole
    /// line that is not blank is buffered, or standard input has ended or failed. Blank
    /// lines (a separator, a keep-alive) are passed over here, and what standard input has
    /// to give now is read, without waiting for more, until one of those holds or it has
    /// nothing more to give.
    fn at_hand(&mut self) -> bool {
        if !self.live {
            return true;
        }
        loop {
            let buffer = self.reader.buffer();
            if let Some(i) = memchr::memchr(b'\n', buffer) {
                let rest = &buffer[..i];
                let blank = if self.partial.is_empty() {
                    jsonl::is_blank(rest)
                } else {
                    jsonl::is_blank(&self.partial) && rest.iter().all(u8::is_ascii_whitespace)
                };
                if !blank {
                    return true;
                }
                self.reader.consume(i + 1);
                self.partial.clear();
                self.line_no += 1;
                continue;
            }
            // The start of a line only: kept aside, so that the reader's buffer can take
            // what comes next.
            let n = buffer.len();
            self.partial.extend_from_slice(buffer);
            self.reader.consume(n);
            if !stdin_readable() {
                return false;
            }
            // Standard input has bytes, its end or an error: this read returns at once.
            match self.reader.fill_buf() {
                Ok([]) | Err(_) => return true,
                Ok(_) => {}
            }
        }
    }

    /// The item of the next line that is not blank; `None` at the end of the input. A read
    /// error gives one last error record and ends the input.
    fn next_item(&mut self, options: &InputOptions) -> Option<Item> {
        loop {
            self.buf.clear();
            // A line's start that `at_hand` took out of the reader comes first.
            self.buf.append(&mut self.partial);
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) if self.buf.is_empty() => return None,
                Ok(_) => {}
                Err(e) => {
                    let error = format!("cannot read after line {}: {e}", self.line_no);
                    // Nothing more can be read from here on.
                    self.reader = BufReader::new(Box::new(io::empty()));
                    self.live = false;
                    return Some(Item::Failed(ErrorRecord {
                        id: None,
                        file: self.name.clone(),
                        line: None,
                        error,
                    }));
                }
            }
            self.line_no += 1;
            let line = trim_line_end(&self.buf);
            if jsonl::is_blank(line) {
                continue;
            }
            let line_no = self.line_no;
            return Some(
                match jsonl::parse_line(line, &options.text_field, &options.id_field) {
                    Ok(rec) => Item::Article {
                        id: rec.id.unwrap_or_else(|| format!("{}:{line_no}", self.name)),
                        text: rec.text,
                        file: self.file.clone(),
                        line: Some(line_no),
                    },
                    Err(bad) => Item::Failed(ErrorRecord {
                        id: bad.id,
                        file: self.name.clone(),
                        line: Some(line_no),
                        error: bad.error,
                    }),
                },
            );
        }
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Whether a read of standard input would return at once: it has bytes, its end, or an
/// error to give. Asked only with no whole line buffered, between items.
#[cfg(unix)]
fn stdin_readable() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, and a zero timeout: poll only looks.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    // An error of poll's own reads as ready: the read that follows reports it, or waits.
    n != 0
}

/// Elsewhere every read is taken to return at once (chunks are cut only on Unix).
#[cfg(not(unix))]
fn stdin_readable() -> bool {
    true
}

/// `x.jsonl`, `x.jsonl.gz` (any case).
fn is_jsonl_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl")
}

/// Counts the bytes read through it, for the progress bar.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_names() {
        for (name, want) in [
            ("a.jsonl", true),
            ("dir/a.JSONL", true),
            ("a.jsonl.gz", true),
            ("a.txt", false),
            ("a.txt.gz", false),
            ("a.json", false),
            ("jsonl", false),
            ("a.gz", false),
        ] {
            assert_eq!(is_jsonl_name(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn line_ends() {
        assert_eq!(trim_line_end(b"a\r\n"), b"a");
        assert_eq!(trim_line_end(b"a\n"), b"a");
        assert_eq!(trim_line_end(b"a"), b"a");
        assert_eq!(trim_line_end(b"a\r\r\n"), b"a\r");
    }
}
