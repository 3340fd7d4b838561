//! [`Format`]: the file formats a gazetteer is read from, named once for the core, the C
//! API, Python and the command line.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};

/// A gazetteer file format.
///
/// Parses from and displays as `jsonl` or `tsv` (`json` also parses, as JSON Lines).
///
/// ```
/// use newswire::gazetteer::Format;
/// assert_eq!(Format::from_path("places.JSONL")?, Format::Jsonl);
/// assert_eq!("tsv".parse::<Format>()?, Format::Tsv);
/// assert!(Format::from_path("places.csv").is_err());
/// # Ok::<(), newswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// JSON Lines: one `{"id", "kind", "name", "aliases"?, "attrs"?}` object a line.
    Jsonl,
    /// TSV: `id<TAB>kind<TAB>name[<TAB>alias|alias|...]`, `#` comments.
    Tsv,
}

impl Format {
    /// The format a file's extension names: `.jsonl` and `.json` are JSON Lines, `.tsv` is
    /// TSV (in any letter case); anything else is an [`ErrorKind::InvalidOption`] error.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Format> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("jsonl") | Some("json") => Ok(Format::Jsonl),
            Some("tsv") => Ok(Format::Tsv),
            _ => Err(Error::new(
                ErrorKind::InvalidOption,
                format!(
                    "{}: unknown gazetteer format (expected .jsonl, .json or .tsv)",
                    path.display()
                ),
            )),
        }
    }

    /// `jsonl` or `tsv`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Tsv => "tsv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s {
            "jsonl" | "json" => Ok(Format::Jsonl),
            "tsv" => Ok(Format::Tsv),
            _ => Err(Error::new(
                ErrorKind::InvalidOption,
                format!("unknown gazetteer format `{s}` (expected jsonl or tsv)"),
            )),
        }
    }
}
