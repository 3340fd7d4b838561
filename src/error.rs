//! The crate's one error type.

use std::fmt;
use std::path::PathBuf;

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
