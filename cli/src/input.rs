//! Reading the inputs into chunks of articles and error records, in input order.

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

/// Consecutive items and how far into the inputs they reach.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The items, in input order.
    pub items: Vec<Item>,
    /// Input bytes (as stored: compressed for gzip) read up to the end of this chunk.
    pub bytes_read: u64,
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

/// A chunk is handed on at this many items ...
const CHUNK_ITEMS: usize = 512;
/// ... or this many bytes of text, whichever comes first.
const CHUNK_BYTES: usize = 4 << 20;

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

/// Reads the inputs in order and hands `emit` one chunk at a time; stops early when `emit`
/// returns `false` (nobody wants more).
pub fn read_all(files: &[PathBuf], options: &InputOptions, mut emit: impl FnMut(Chunk) -> bool) {
    let counter = Arc::new(AtomicU64::new(0));
    let mut chunker = Chunker {
        chunk: Chunk::default(),
        text_bytes: 0,
        counter: counter.clone(),
        emit: &mut emit,
    };
    let stdin_only = [PathBuf::from(STDIN)];
    let files = if files.is_empty() {
        &stdin_only[..]
    } else {
        files
    };
    for path in files {
        if !read_one(path, options, &counter, &mut chunker) {
            return;
        }
    }
    chunker.flush();
}

struct Chunker<'e, E: FnMut(Chunk) -> bool> {
    chunk: Chunk,
    text_bytes: usize,
    counter: Arc<AtomicU64>,
    emit: &'e mut E,
}

impl<E: FnMut(Chunk) -> bool> Chunker<'_, E> {
    /// Add an item; `false` when the consumer has gone.
    fn push(&mut self, item: Item) -> bool {
        if let Item::Article { text, .. } = &item {
            self.text_bytes += text.len();
        }
        self.chunk.items.push(item);
        if self.chunk.items.len() >= CHUNK_ITEMS || self.text_bytes >= CHUNK_BYTES {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        if self.chunk.items.is_empty() {
            return true;
        }
        let mut chunk = std::mem::take(&mut self.chunk);
        chunk.bytes_read = self.counter.load(Ordering::Relaxed);
        self.text_bytes = 0;
        (self.emit)(chunk)
    }
}

/// Read one input; `false` when the consumer has gone.
fn read_one<E: FnMut(Chunk) -> bool>(
    path: &Path,
    options: &InputOptions,
    counter: &Arc<AtomicU64>,
    out: &mut Chunker<'_, E>,
) -> bool {
    let is_stdin = path.as_os_str() == STDIN;
    let name = if is_stdin {
        STDIN.to_string()
    } else {
        path.display().to_string()
    };
    let file: Arc<str> = Arc::from(name.as_str());
    let fail = |error: String| {
        Item::Failed(ErrorRecord {
            id: None,
            file: name.clone(),
            line: None,
            error,
        })
    };
    let raw: Box<dyn Read> = if is_stdin {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return out.push(fail(format!("cannot open: {e}"))),
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
        Err(e) => return out.push(fail(format!("cannot read: {e}"))),
    };
    let mut reader: Box<dyn BufRead> = if gzipped {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let jsonl = options.jsonl || (!is_stdin && is_jsonl_name(path));
    if !jsonl {
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return out.push(fail(format!("cannot read: {e}")));
        }
        let item = match String::from_utf8(bytes) {
            Ok(text) => Item::Article {
                id: name.clone(),
                text,
                file,
                line: None,
            },
            Err(e) => Item::Failed(ErrorRecord {
                id: Some(name.clone()),
                file: name.clone(),
                line: None,
                error: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
            }),
        };
        return out.push(item);
    }
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => return out.push(fail(format!("cannot read after line {line_no}: {e}"))),
        }
        line_no += 1;
        let line = trim_line_end(&buf);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let item = match jsonl::parse_line(line, &options.text_field, &options.id_field) {
            Ok(rec) => Item::Article {
                id: rec.id.unwrap_or_else(|| format!("{name}:{line_no}")),
                text: rec.text,
                file: file.clone(),
                line: Some(line_no),
            },
            Err(bad) => Item::Failed(ErrorRecord {
                id: bad.id,
                file: name.clone(),
                line: Some(line_no),
                error: bad.error,
            }),
        };
        if !out.push(item) {
            return false;
        }
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
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
