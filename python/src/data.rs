//! What the result objects read: a text and the core's record of it, in code points.
//!
//! Made once per text without the GIL (on a batch worker, for `annotate_many`), then shared
//! by every object that reads it: an `Article`, its `Span`s and `Quote`s, a `Document`'s
//! `Mention`s.

use std::sync::Arc;

use newswire::offsets::Offsets;
use newswire::records::{ArticleRecord, DocumentRecord};
use newswire::{Article, Document};

/// A parsed text.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub text: Arc<str>,
    pub record: ArticleRecord,
}

impl Parsed {
    pub(crate) fn new(text: Arc<str>, article: &Article) -> Parsed {
        let record = ArticleRecord::new(&text, article, Offsets::Chars);
        Parsed { text, record }
    }
}

/// An annotated text.
#[derive(Debug)]
pub(crate) struct Annotated {
    pub text: Arc<str>,
    pub record: DocumentRecord,
}

impl Annotated {
    pub(crate) fn new(text: Arc<str>, document: &Document) -> Annotated {
        let record = DocumentRecord::new(&text, document, Offsets::Chars);
        Annotated { text, record }
    }
}

/// Where an article's record is: its own parse, or inside a document's record.
#[derive(Clone, Debug)]
pub(crate) enum ArticleSource {
    Parsed(Arc<Parsed>),
    Annotated(Arc<Annotated>),
}

impl ArticleSource {
    pub(crate) fn text(&self) -> &Arc<str> {
        match self {
            ArticleSource::Parsed(p) => &p.text,
            ArticleSource::Annotated(a) => &a.text,
        }
    }

    pub(crate) fn record(&self) -> &ArticleRecord {
        match self {
            ArticleSource::Parsed(p) => &p.record,
            ArticleSource::Annotated(a) => &a.record.article,
        }
    }
}
