//! JSON records for articles and documents, with byte or code-point offsets.
//!
//! These are the records the command line writes and the C API returns; their shape is
//! described by `schema/record.schema.json`. Every `{start, end}` pair, in either unit,
//! slices the input to exactly the text it stands for. A record is the
//! [`records`](crate::records) view of the article or document, serialised in
//! [`Shape::Compact`].
//!
//! ```
//! use newswire::{json, Article};
//! let text = "Bogotá, Feb 3 (Reuters) - Prices rose.";
//! let record = json::article_to_string(Some("a1"), text, &Article::parse(text), json::Offsets::Chars);
//! assert!(record.starts_with(r#"{"id":"a1","dateline":{"start":0,"#));
//! ```

use serde::Serialize;

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
    let record = ArticleRecord::new(text, article, offsets);
    to_string(&record.render(text, Shape::Compact).with_id(id))
}

/// The JSON record of an annotated document: the article's fields plus `mentions` and
/// `entities`.
pub fn document_to_string(
    id: Option<&str>,
    text: &str,
    document: &Document,
    offsets: Offsets,
) -> String {
    let record = DocumentRecord::new(text, document, offsets);
    to_string(&record.render(text, Shape::Compact).with_id(id))
}

fn to_string<T: Serialize>(value: &T) -> String {
    // Serialising these records cannot fail: every key is a string and every value a
    // string, number, bool, null or JSON value taken from a gazetteer.
    serde_json::to_string(value)
        .unwrap_or_else(|e| format!(r#"{{"error":"cannot serialise record: {e}"}}"#))
}
