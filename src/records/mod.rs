//! Articles and documents as records with every offset in one unit: the char-offset view
//! that the command line's JSON and the language bindings are made from.
//!
//! [`ArticleRecord`] and [`DocumentRecord`] hold the fields of an [`Article`] and a
//! [`Document`] with each span converted once into the unit asked for ([`Offsets`]: code
//! points, as Python `str` indices count, or bytes). Each span keeps its byte span too, so
//! the text it covers is a slice away. Records are plain owned data: no borrow of the text,
//! `Send + Sync`, so a binding can build one off its interpreter lock and keep it.
//!
//! A record is written out by pairing it with its text: `render` gives a value that serde
//! serialises, in one of two [`Shape`]s:
//! - [`Shape::Compact`]: the shape `schema/record.schema.json` describes, which the command
//!   line writes and the C API returns;
//! - [`Shape::Full`]: every span also with its `text`, every entity with its `attrs`, the
//!   dateline's parts as spans: the data of Python's `to_dict()`.
//!
//! Each field is named once for both shapes, in the record's type here and in its serde
//! impl in `records/render.rs`.
//!
//! ```
//! use newswire::records::{ArticleRecord, Shape};
//! use newswire::offsets::Offsets;
//! use newswire::Article;
//!
//! let text = "BOGOTÁ, Feb 3 (Reuters) - Prices rose. \"It hurts,\" she said.";
//! let record = ArticleRecord::new(text, &Article::parse(text), Offsets::Chars);
//! let sentence = record.sentences[0];
//! assert_eq!((sentence.start, sentence.end), (26, 38)); // code points: Á is one
//! assert_eq!(sentence.slice(text), "Prices rose.");
//! let quote = record.quotes[0];
//! assert_eq!(quote.span.slice(text), "\"It hurts,\"");
//! assert_eq!(quote.speaker.unwrap().slice(text), "she");
//!
//! // For serde: `serde_json::to_string(&record.render(text, Shape::Compact))` is the line
//! // that `newswire::json` writes (and the command line prints).
//! let _for_serde = record.render(text, Shape::Full);
//! let line = newswire::json::article_to_string(Some("a1"), text, &Article::parse(text), Offsets::Chars);
//! assert!(line.starts_with(r#"{"id":"a1","dateline":{"start":0,"end":25,"locations":["BOGOTÁ"]"#));
//! ```

mod render;

use std::fmt;
use std::sync::Arc;

pub use render::{Rendered, Shape};

use crate::article::{PartialDate, TrailerKind};
use crate::gazetteer::{EntityId, EntityRef, Gazetteer};
use crate::offsets::{Converter, Offsets, RecordSpan};
use crate::{Article, Document, Match, Via};

/// A parsed article with its offsets in one unit. See the [module docs](self).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleRecord {
    /// The dateline, when the copy opens with one.
    pub dateline: Option<DatelineRecord>,
    /// The headline.
    pub headline: Option<RecordSpan>,
    /// The byline.
    pub byline: Option<RecordSpan>,
    /// The body.
    pub body: RecordSpan,
    /// Paragraphs of the body.
    pub paragraphs: Vec<RecordSpan>,
    /// Sentences of the body.
    pub sentences: Vec<RecordSpan>,
    /// Sign-offs, credits, promotion and copyright lines.
    pub trailers: Vec<TrailerRecord>,
    /// Inline acronym definitions.
    pub acronyms: Vec<AcronymRecord>,
    /// Quotations.
    pub quotes: Vec<QuoteRecord>,
    /// Date expressions.
    pub dates: Vec<DateRecord>,
}

/// A [`Dateline`](crate::article::Dateline) with its offsets in one unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DatelineRecord {
    /// The whole dateline, separator included.
    pub span: RecordSpan,
    /// Each place as written.
    pub locations: Vec<RecordSpan>,
    /// The date, with the year when given or inferred.
    pub date: Option<PartialDate>,
    /// Where the date is written.
    pub date_span: Option<RecordSpan>,
    /// The agency inside the parentheses, without them.
    pub agency: Option<RecordSpan>,
    /// The separator, when there is one.
    pub separator: Option<RecordSpan>,
}

/// A [`Trailer`](crate::article::Trailer) with its offsets in one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrailerRecord {
    /// Where it is.
    pub span: RecordSpan,
    /// What it is.
    pub kind: TrailerKind,
}

/// An [`Acronym`](crate::article::Acronym) definition with its offsets in one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AcronymRecord {
    /// The short form, without parentheses.
    pub short: RecordSpan,
    /// The long form.
    pub long: RecordSpan,
}

/// A [`Quote`](crate::article::Quote) with its offsets in one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteRecord {
    /// The quotation, quote marks included.
    pub span: RecordSpan,
    /// The speaker, when a cue names one.
    pub speaker: Option<RecordSpan>,
}

/// A [`DateExpr`](crate::article::DateExpr) with its offsets in one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRecord {
    /// Where it is.
    pub span: RecordSpan,
    /// Year, when written or resolved.
    pub year: Option<i32>,
    /// Month, when written or resolved.
    pub month: Option<u8>,
    /// Day, when written or resolved.
    pub day: Option<u8>,
}

/// An annotated article with its offsets in one unit. See the [module docs](self).
#[derive(Clone)]
pub struct DocumentRecord {
    /// The parsed article.
    pub article: ArticleRecord,
    /// Every mention, in text order.
    pub mentions: Vec<MentionRecord>,
    /// One summary per entity mentioned, in order of first mention.
    pub entities: Vec<SummaryRecord>,
    /// Where the entities of `mentions` and `entities` are: their ids index it.
    pub gazetteer: Arc<Gazetteer>,
}

/// A [`Mention`](crate::Mention) (or a [`Match`]) with its offsets in one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionRecord {
    /// Where it is.
    pub span: RecordSpan,
    /// The candidate entities.
    pub entities: Vec<EntityId>,
    /// How it was found.
    pub via: Via,
    /// The index of the sentence it is in, if any (`None` for a bare [`Match`]).
    pub sentence: Option<usize>,
}

/// An [`EntitySummary`](crate::EntitySummary) with its offsets in one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SummaryRecord {
    /// The entity.
    pub entity: EntityId,
    /// How many mentions name it.
    pub count: usize,
    /// Its first mention.
    pub first: RecordSpan,
    /// Whether it is mentioned in the dateline.
    pub in_dateline: bool,
    /// Whether it is mentioned in the headline.
    pub in_headline: bool,
    /// Whether it is mentioned in the lead.
    pub in_lead: bool,
}

impl ArticleRecord {
    /// The record of `article`, parsed from `text`, with offsets in `unit`.
    pub fn new(text: &str, article: &Article, unit: Offsets) -> ArticleRecord {
        ArticleRecord::convert(article, &Converter::new(text, unit))
    }

    /// The record of `article` with a converter already made for its text (to convert
    /// more spans of the same text, such as matches, with one index).
    pub fn convert(article: &Article, conv: &Converter<'_>) -> ArticleRecord {
        ArticleRecord {
            dateline: article.dateline().map(|d| DatelineRecord {
                span: conv.span(d.span()),
                locations: conv.spans(d.locations()),
                date: d.date(),
                date_span: d.date_span().map(|s| conv.span(s)),
                agency: d.agency().map(|s| conv.span(s)),
                separator: d.separator().map(|s| conv.span(s)),
            }),
            headline: article.headline().map(|s| conv.span(s)),
            byline: article.byline().map(|s| conv.span(s)),
            body: conv.span(article.body()),
            paragraphs: conv.spans(article.paragraphs()),
            sentences: conv.spans(article.sentences()),
            trailers: (article.trailers().iter())
                .map(|t| TrailerRecord {
                    span: conv.span(t.span),
                    kind: t.kind,
                })
                .collect(),
            acronyms: (article.acronyms().iter())
                .map(|a| AcronymRecord {
                    short: conv.span(a.short),
                    long: conv.span(a.long),
                })
                .collect(),
            quotes: (article.quotes().iter())
                .map(|q| QuoteRecord {
                    span: conv.span(q.span),
                    speaker: q.speaker.map(|s| conv.span(s)),
                })
                .collect(),
            dates: (article.dates().iter())
                .map(|d| DateRecord {
                    span: conv.span(d.span),
                    year: d.year,
                    month: d.month,
                    day: d.day,
                })
                .collect(),
        }
    }

    /// The index of the sentence containing `offset` (in the record's unit), if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.start <= offset)
            .map(|_| i)
    }

    /// Every span with a label naming its field (`dateline`, `dateline.location`,
    /// `sentence`, `quote.speaker`, ...), in field order: for checking offsets wholesale.
    pub fn labelled_spans(&self) -> Vec<(&'static str, RecordSpan)> {
        let mut out = Vec::new();
        if let Some(d) = &self.dateline {
            out.push(("dateline", d.span));
            out.extend(d.locations.iter().map(|&s| ("dateline.location", s)));
            out.extend(d.date_span.map(|s| ("dateline.date", s)));
            out.extend(d.agency.map(|s| ("dateline.agency", s)));
            out.extend(d.separator.map(|s| ("dateline.separator", s)));
        }
        out.extend(self.headline.map(|s| ("headline", s)));
        out.extend(self.byline.map(|s| ("byline", s)));
        out.push(("body", self.body));
        out.extend(self.paragraphs.iter().map(|&s| ("paragraph", s)));
        out.extend(self.sentences.iter().map(|&s| ("sentence", s)));
        out.extend(self.trailers.iter().map(|t| ("trailer", t.span)));
        for a in &self.acronyms {
            out.push(("acronym.short", a.short));
            out.push(("acronym.long", a.long));
        }
        for q in &self.quotes {
            out.push(("quote", q.span));
            out.extend(q.speaker.map(|s| ("quote.speaker", s)));
        }
        out.extend(self.dates.iter().map(|d| ("date", d.span)));
        out
    }
}

impl DocumentRecord {
    /// The record of `document`, annotated from `text`, with offsets in `unit`.
    pub fn new(text: &str, document: &Document, unit: Offsets) -> DocumentRecord {
        let conv = Converter::new(text, unit);
        DocumentRecord {
            article: ArticleRecord::convert(document.article(), &conv),
            mentions: (document.mentions().iter())
                .map(|m| MentionRecord {
                    span: conv.span(m.span()),
                    entities: m.entities().to_vec(),
                    via: m.via(),
                    sentence: m.sentence(),
                })
                .collect(),
            entities: (document.entities().iter())
                .map(|s| SummaryRecord {
                    entity: s.entity(),
                    count: s.count(),
                    first: conv.span(s.first()),
                    in_dateline: s.in_dateline(),
                    in_headline: s.in_headline(),
                    in_lead: s.in_lead(),
                })
                .collect(),
            gazetteer: document.gazetteer().clone(),
        }
    }

    /// The entity behind an id of this record, if the gazetteer has it.
    pub fn entity(&self, id: EntityId) -> Option<EntityRef<'_>> {
        self.gazetteer.entities().nth(id.index())
    }
}

impl fmt::Debug for DocumentRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The gazetteer may hold millions of entities: only its size is worth printing.
        f.debug_struct("DocumentRecord")
            .field("article", &self.article)
            .field("mentions", &self.mentions)
            .field("entities", &self.entities)
            .field(
                "gazetteer",
                &format_args!("<{} entities>", self.gazetteer.len()),
            )
            .finish()
    }
}

impl MentionRecord {
    /// The record of a bare match (from [`Matcher::find`](crate::Matcher::find)): found
    /// through the gazetteer, in no known sentence.
    pub fn from_match(m: &Match, conv: &Converter<'_>) -> MentionRecord {
        MentionRecord {
            span: conv.span(m.span()),
            entities: m.entities().to_vec(),
            via: Via::Gazetteer,
            sentence: None,
        }
    }
}

#[cfg(test)]
mod tests;
