//! JSON records for articles and documents, with byte or code-point offsets.
//!
//! These are the records the command line writes and the C API returns; their shape is
//! described by `schema/record.schema.json`. Every `{start, end}` pair, in either unit,
//! slices the input to exactly the text it stands for. A record is the
//! [`records`](crate::records) view of the article or document in [`Shape::Compact`],
//! written by this module's own serializer: the bytes are those `serde_json` would write
//! for the same view (`serde_json::to_string(&record.render(text, Shape::Compact))`), made
//! without its per-field overhead.
//!
//! ```
//! use newswire::{json, Article};
//! let text = "Bogotá, Feb 3 (Reuters) - Prices rose.";
//! let record = json::article_to_string(Some("a1"), text, &Article::parse(text), json::Offsets::Chars);
//! assert!(record.starts_with(r#"{"id":"a1","dateline":{"start":0,"#));
//!
//! // Many records into one buffer, reused: each is appended, a line at a time.
//! let mut lines = Vec::new();
//! for (id, text) in [("a1", text), ("a2", "No dateline.")] {
//!     json::write_article(&mut lines, Some(id), text, &Article::parse(text), json::Offsets::Chars);
//!     lines.push(b'\n');
//! }
//! assert_eq!(lines.iter().filter(|&&b| b == b'\n').count(), 2);
//! ```

mod text;
mod writer;

#[doc(no_inline)]
pub use crate::offsets::Offsets;
use crate::records::{ArticleRecord, DocumentRecord, Shape};
use crate::{Article, Document};

/// The JSON record of a parsed article: `id` (when given), `dateline`, `headline`,
/// `byline`, `body`, `paragraphs`, `sentences`, `trailers`, `acronyms`, `quotes`, `dates`.
pub fn article_to_string(
    id: Option<&str>,
    text: &str,
    article: &Article,
    offsets: Offsets,
) -> String {
    let mut out = Vec::with_capacity(initial_capacity(text));
    write_article(&mut out, id, text, article, offsets);
    into_string(out)
}

/// The JSON record of an annotated document: the article's fields plus `mentions` and
/// `entities`.
pub fn document_to_string(
    id: Option<&str>,
    text: &str,
    document: &Document,
    offsets: Offsets,
) -> String {
    let mut out = Vec::with_capacity(initial_capacity(text));
    write_document(&mut out, id, text, document, offsets);
    into_string(out)
}

/// Append the record of [`article_to_string`] to `out` (no line end).
pub fn write_article(
    out: &mut Vec<u8>,
    id: Option<&str>,
    text: &str,
    article: &Article,
    offsets: Offsets,
) {
    let record = ArticleRecord::new(text, article, offsets);
    write(out, &record.render(text, Shape::Compact).with_id(id));
}

/// Append the record of [`document_to_string`] to `out` (no line end).
pub fn write_document(
    out: &mut Vec<u8>,
    id: Option<&str>,
    text: &str,
    document: &Document,
    offsets: Offsets,
) {
    let record = DocumentRecord::new(text, document, offsets);
    write(out, &record.render(text, Shape::Compact).with_id(id));
}

fn write<T: serde::Serialize>(out: &mut Vec<u8>, value: &T) {
    let start = out.len();
    if let Err(e) = writer::write(out, value) {
        // Writing these records cannot fail: every key is a string and every value a
        // string, number, bool or null. Should it, the record says so rather than be cut.
        out.truncate(start);
        let message = format!("cannot serialise record: {e}");
        let _ = writer::write(out, &serde_json::json!({ "error": message }));
    }
}

/// A first guess at a record's size, from its text's: a record of wire copy is two to four
/// times the length of its text, so growing the buffer from a small start would copy it
/// several times. Capped, so that a huge text does not reserve a huge buffer up front.
fn initial_capacity(text: &str) -> usize {
    (text.len().saturating_mul(4) + 256).min(1 << 20)
}

fn into_string(out: Vec<u8>) -> String {
    // The writer writes whole UTF-8 strings and ASCII punctuation only.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
