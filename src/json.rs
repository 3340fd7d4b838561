//! JSON records for articles and documents, with byte or code-point offsets.
//!
//! These are the records the command line writes and the C API returns; their shape is
//! described by `schema/record.schema.json`. Every `{start, end}` pair, in either unit,
//! slices the input to exactly the text it stands for.
//!
//! ```
//! use newswire::{json, Article};
//! let text = "Bogotá, Feb 3 (Reuters) - Prices rose.";
//! let record = json::article_to_string(Some("a1"), text, &Article::parse(text), json::Offsets::Chars);
//! assert!(record.starts_with(r#"{"id":"a1","dateline":{"start":0,"#));
//! ```

use serde::Serialize;

use crate::offsets::CharIndex;
use crate::{Article, Document, Span};

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
pub fn article_to_string(
    id: Option<&str>,
    text: &str,
    article: &Article,
    offsets: Offsets,
) -> String {
    let conv = Converter::new(text, offsets);
    to_string(&ArticleRecord::new(id, text, article, &conv))
}

/// The JSON record of an annotated document: the article's fields plus `mentions` and
/// `entities`.
pub fn document_to_string(
    id: Option<&str>,
    text: &str,
    document: &Document,
    offsets: Offsets,
) -> String {
    let conv = Converter::new(text, offsets);
    let gazetteer = document.gazetteer();
    let entity_ref = |id| {
        let e = gazetteer.entity(id);
        EntityRef {
            id: e.id(),
            kind: e.kind(),
            name: e.name(),
        }
    };
    let record = DocumentRecord {
        article: ArticleRecord::new(id, text, document.article(), &conv),
        mentions: document
            .mentions()
            .iter()
            .map(|m| MentionRecord {
                span: conv.span(m.span()),
                text: m.span().slice(text),
                entities: m.entities().iter().map(|&id| entity_ref(id)).collect(),
                via: m.via().as_str(),
                sentence: m.sentence(),
            })
            .collect(),
        entities: document
            .entities()
            .iter()
            .map(|s| SummaryRecord {
                entity: entity_ref(s.entity()),
                count: s.count(),
                first: conv.span(s.first()),
                in_dateline: s.in_dateline(),
                in_headline: s.in_headline(),
                in_lead: s.in_lead(),
            })
            .collect(),
    };
    to_string(&record)
}

fn to_string<T: Serialize>(value: &T) -> String {
    // Serialising these records cannot fail: every key is a string and every value a
    // string, number, bool or null.
    serde_json::to_string(value)
        .unwrap_or_else(|e| format!(r#"{{"error":"cannot serialise record: {e}"}}"#))
}

/// Converts byte spans to the record's unit.
struct Converter<'t> {
    chars: Option<CharIndex<'t>>,
}

impl<'t> Converter<'t> {
    fn new(text: &'t str, offsets: Offsets) -> Converter<'t> {
        Converter {
            chars: (offsets == Offsets::Chars).then(|| CharIndex::new(text)),
        }
    }

    fn span(&self, span: Span) -> SpanRecord {
        match &self.chars {
            Some(index) => SpanRecord {
                start: index.char_offset(span.start),
                end: index.char_offset(span.end),
            },
            None => SpanRecord {
                start: span.start,
                end: span.end,
            },
        }
    }

    fn spans(&self, spans: &[Span]) -> Vec<SpanRecord> {
        spans.iter().map(|&s| self.span(s)).collect()
    }
}

#[derive(Serialize)]
struct SpanRecord {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ArticleRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    dateline: Option<DatelineRecord<'a>>,
    headline: Option<SpanRecord>,
    byline: Option<SpanRecord>,
    body: SpanRecord,
    paragraphs: Vec<SpanRecord>,
    sentences: Vec<SpanRecord>,
    trailers: Vec<TrailerRecord>,
    acronyms: Vec<AcronymRecord>,
    quotes: Vec<QuoteRecord>,
    dates: Vec<DateRecord>,
}

impl<'a> ArticleRecord<'a> {
    fn new(
        id: Option<&'a str>,
        text: &'a str,
        article: &Article,
        conv: &Converter<'_>,
    ) -> ArticleRecord<'a> {
        ArticleRecord {
            id,
            dateline: article.dateline().map(|d| {
                let span = conv.span(d.span());
                DatelineRecord {
                    start: span.start,
                    end: span.end,
                    locations: d.locations().iter().map(|l| l.slice(text)).collect(),
                    location_spans: conv.spans(d.locations()),
                    date: d.date().map(|p| PartialDateRecord {
                        year: p.year,
                        month: p.month,
                        day: p.day,
                    }),
                    agency: d.agency().map(|a| a.slice(text)),
                    separator: d.separator().map(|s| s.slice(text)),
                }
            }),
            headline: article.headline().map(|s| conv.span(s)),
            byline: article.byline().map(|s| conv.span(s)),
            body: conv.span(article.body()),
            paragraphs: conv.spans(article.paragraphs()),
            sentences: conv.spans(article.sentences()),
            trailers: article
                .trailers()
                .iter()
                .map(|t| {
                    let span = conv.span(t.span);
                    TrailerRecord {
                        kind: t.kind.as_str(),
                        start: span.start,
                        end: span.end,
                    }
                })
                .collect(),
            acronyms: article
                .acronyms()
                .iter()
                .map(|a| AcronymRecord {
                    short: conv.span(a.short),
                    long: conv.span(a.long),
                })
                .collect(),
            quotes: article
                .quotes()
                .iter()
                .map(|q| {
                    let span = conv.span(q.span);
                    QuoteRecord {
                        start: span.start,
                        end: span.end,
                        speaker: q.speaker.map(|s| conv.span(s)),
                    }
                })
                .collect(),
            dates: article
                .dates()
                .iter()
                .map(|d| {
                    let span = conv.span(d.span);
                    DateRecord {
                        start: span.start,
                        end: span.end,
                        year: d.year,
                        month: d.month,
                        day: d.day,
                    }
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct DatelineRecord<'a> {
    start: usize,
    end: usize,
    locations: Vec<&'a str>,
    location_spans: Vec<SpanRecord>,
    date: Option<PartialDateRecord>,
    agency: Option<&'a str>,
    separator: Option<&'a str>,
}

#[derive(Serialize)]
struct PartialDateRecord {
    year: Option<i32>,
    month: u8,
    day: u8,
}

#[derive(Serialize)]
struct TrailerRecord {
    kind: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct AcronymRecord {
    short: SpanRecord,
    long: SpanRecord,
}

#[derive(Serialize)]
struct QuoteRecord {
    start: usize,
    end: usize,
    speaker: Option<SpanRecord>,
}

#[derive(Serialize)]
struct DateRecord {
    start: usize,
    end: usize,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

#[derive(Serialize)]
struct DocumentRecord<'a> {
    #[serde(flatten)]
    article: ArticleRecord<'a>,
    mentions: Vec<MentionRecord<'a>>,
    entities: Vec<SummaryRecord<'a>>,
}

#[derive(Serialize)]
struct EntityRef<'a> {
    id: &'a str,
    kind: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct MentionRecord<'a> {
    #[serde(flatten)]
    span: SpanRecord,
    text: &'a str,
    entities: Vec<EntityRef<'a>>,
    via: &'static str,
    sentence: Option<usize>,
}

#[derive(Serialize)]
struct SummaryRecord<'a> {
    #[serde(flatten)]
    entity: EntityRef<'a>,
    count: usize,
    first: SpanRecord,
    in_dateline: bool,
    in_headline: bool,
    in_lead: bool,
}
