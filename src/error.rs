//! The crate's one error type, and the messages every layer shares.
//!
//! Positions in messages follow one convention, the one spans use: a byte position is a
//! 0-based offset, written `at byte offset N`; a line is 1-based, written `file:line` (or in
//! a record's `line` field). `docs/bad-input.md` states it for users.

use std::any::Any;
use std::fmt;
use std::path::PathBuf;
use std::str::Utf8Error;

/// An error from loading a gazetteer, building a matcher or checking an option.
///
/// The message names what went wrong and where: for a gazetteer line, the file (or the
/// name given to an in-memory source) and the 1-based line number. Use [`Error::kind`] to
/// tell errors apart in code.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// Where in a file or buffer an error was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file path, or the name given to an in-memory source (such as `<memory>`).
    pub source: PathBuf,
    /// 1-based line number.
    pub line: u64,
}

/// The kind of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading a file failed.
    Io,
    /// Input was not valid UTF-8.
    InvalidUtf8,
    /// A gazetteer line could not be read: bad JSON, wrong field type, too few columns.
    Syntax,
    /// A required field (`id`, `kind`, `name`, `text`) is missing or empty.
    MissingField,
    /// An alias (or name) is empty or only white space.
    EmptyAlias,
    /// Two entities share one id.
    DuplicateId,
    /// An option has a value outside its range, or a file has an extension with no format.
    InvalidOption,
    /// The automaton could not be built (it would exceed its size limits).
    Build,
    /// A bug inside newswire, caught before it could cost other articles their results.
    Internal,
    /// A file given as a matcher snapshot is not one (another kind of file, or empty).
    NotASnapshot,
    /// A snapshot is of a format version this library does not read (a newer one).
    SnapshotVersion,
    /// A snapshot is truncated or corrupt: its length, checksum or tables are wrong.
    CorruptSnapshot,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            location: None,
            source: None,
        }
    }

    pub(crate) fn at(mut self, source: impl Into<PathBuf>, line: u64) -> Error {
        self.location = Some(Location {
            source: source.into(),
            line,
        });
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    /// The error for bytes that are not UTF-8: [`ErrorKind::InvalidUtf8`], with the message
    /// `invalid UTF-8 at byte offset N`, where `N` is the 0-based offset of the first bad
    /// byte (counted from the start of what was checked: a text, or one line of a file).
    ///
    /// The command line and the C API use it, so the message reads the same everywhere.
    ///
    /// ```
    /// use newswire::{Error, ErrorKind};
    /// let bytes = b"Z\xfcrich";
    /// let bad = std::str::from_utf8(bytes).unwrap_err();
    /// let err = Error::invalid_utf8(&bad);
    /// assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
    /// assert_eq!(err.to_string(), "invalid UTF-8 at byte offset 1");
    /// ```
    pub fn invalid_utf8(error: &Utf8Error) -> Error {
        Error::new(
            ErrorKind::InvalidUtf8,
            format!("invalid UTF-8 at byte offset {}", error.valid_up_to()),
        )
    }

    /// The error for a caught panic (a bug): [`ErrorKind::Internal`], with the message
    /// `internal error <what>: <the panic's message>`.
    ///
    /// `what` says what was being done (`annotating article 7`); `payload` is what
    /// [`std::panic::catch_unwind`] returned. Every panic boundary (the batch engine, the C
    /// API, the command line) reports through this, so that one failed article costs only
    /// its own result and says so in the same words.
    ///
    /// ```
    /// use newswire::{Error, ErrorKind};
    /// let payload = std::panic::catch_unwind(|| panic!("boom {}", 7)).unwrap_err();
    /// let err = Error::from_panic(payload, "annotating article 3");
    /// assert_eq!(err.kind(), ErrorKind::Internal);
    /// assert_eq!(err.to_string(), "internal error annotating article 3: boom 7");
    /// ```
    pub fn from_panic(payload: Box<dyn Any + Send>, what: impl fmt::Display) -> Error {
        let message = match payload.downcast_ref::<&str>() {
            Some(s) => *s,
            None => payload
                .downcast_ref::<String>()
                .map_or("no message", String::as_str),
        };
        Error::new(
            ErrorKind::Internal,
            format!("internal error {what}: {message}"),
        )
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Where the error was found, for errors tied to a line of a file or buffer.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The reason alone, without the location.
    pub fn reason(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{}:{}: {}", loc.source.display(), loc.line, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
