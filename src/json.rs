//! JSON records for articles and documents, with byte or code-point offsets.
//!
//! These are the records the command line writes and the C API returns; their shape is
//! described by `schema/record.schema.json`.
//!
//! SKELETON: signatures are fixed; bodies are filled in by the output work.

use crate::{Article, Document};

/// The unit of the offsets in a JSON record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Offsets {
    /// Byte offsets into the UTF-8 text (Rust and C).
    Bytes,
    /// Code-point offsets (Python `str` indices); the command line's default.
    #[default]
    Chars,
}

/// The JSON record of a parsed article: `id` (when given), `dateline`, `headline`,
/// `byline`, `paragraphs`, `sentences`, `trailers`, `acronyms`, `quotes`, `dates`.
pub fn article_to_string(id: Option<&str>, text: &str, article: &Article, offsets: Offsets) -> String {
    let _ = (id, text, article, offsets);
    todo!()
}

/// The JSON record of an annotated document: the article's fields plus `mentions` and
/// `entities`.
pub fn document_to_string(id: Option<&str>, text: &str, document: &Document, offsets: Offsets) -> String {
    let _ = (id, text, document, offsets);
    todo!()
}
