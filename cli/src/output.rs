//! Writing records to standard output, whole lines only.
//!
//! Each record reaches the buffer with one `write_all` of the line and its `\n`. `BufWriter`
//! never splits such a write: it either copies it whole into the buffer or, when it does not
//! fit, first writes out the buffer (whole lines) and then the record. So whatever reaches
//! the file descriptor, and whatever is there when the run is interrupted between two
//! records, ends on a line boundary.

use std::io::{self, BufWriter, Stdout, Write};

/// Standard output, buffered. (Not a `StdoutLock`: the signal watcher flushes it from its
/// own thread. `Stdout` locks itself only when the buffer is written out.)
pub struct Output {
    out: BufWriter<Stdout>,
}

/// Why writing stopped.
#[derive(Debug)]
pub enum WriteError {
    /// The reader went away (`| head`): stop quietly.
    Closed,
    /// Any other failure (disk full, ...).
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> WriteError {
        if e.kind() == io::ErrorKind::BrokenPipe {
            WriteError::Closed
        } else {
            WriteError::Io(e)
        }
    }
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
        }
    }

    /// Write one record; `line` ends with `\n` and holds no other newline.
    pub fn write_line(&mut self, line: &[u8]) -> Result<(), WriteError> {
        debug_assert!(line.ends_with(b"\n"));
        self.out.write_all(line)?;
        Ok(())
    }

    /// Hand everything written so far to the operating system.
    pub fn flush(&mut self) -> Result<(), WriteError> {
        self.out.flush()?;
        Ok(())
    }
}

/// `record` as one line of JSON with its `\n`.
pub fn to_line<T: serde::Serialize>(record: &T) -> Vec<u8> {
    // Serialising a plain struct of strings and numbers into memory cannot fail.
    let mut line = serde_json::to_vec(record).unwrap_or_else(|_| b"{}".to_vec());
    line.push(b'\n');
    line
}
