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
//! Each field is named once, here, for both shapes.
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

use std::fmt;
use std::sync::Arc;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::article::{PartialDate, TrailerKind};
use crate::gazetteer::{Entity, EntityId, Gazetteer};
use crate::offsets::{Converter, Offsets, RecordSpan};
use crate::{Article, Document, Match, Via};

/// How much a rendered record spells out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// `schema/record.schema.json`: spans as `{start, end}`, entities as `{id, kind, name}`,
    /// dateline places and agency as strings. The command line's and the C API's records.
    #[default]
    Compact,
    /// Every span as `{start, end, text}`, entities with their `attrs`, the dateline's
    /// places, date, agency and separator as spans. Python's `to_dict()`.
    Full,
}

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

    /// This record paired with `text` (the text it was made from), for serde.
    pub fn render<'a>(&'a self, text: &'a str, shape: Shape) -> Rendered<'a, ArticleRecord> {
        Rendered::new(self, Context::new(text, None, shape))
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
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.gazetteer.entities().get(id.index())
    }

    /// This record paired with `text` (the text it was made from), for serde.
    pub fn render<'a>(&'a self, text: &'a str, shape: Shape) -> Rendered<'a, DocumentRecord> {
        Rendered::new(self, Context::new(text, Some(&self.gazetteer), shape))
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

    /// This record paired with `text` and the gazetteer its entities come from, for serde.
    pub fn render<'a>(
        &'a self,
        text: &'a str,
        gazetteer: &'a Gazetteer,
        shape: Shape,
    ) -> Rendered<'a, MentionRecord> {
        Rendered::new(self, Context::new(text, Some(gazetteer), shape))
    }
}

impl SummaryRecord {
    /// This record paired with `text` and the gazetteer its entity comes from, for serde.
    pub fn render<'a>(
        &'a self,
        text: &'a str,
        gazetteer: &'a Gazetteer,
        shape: Shape,
    ) -> Rendered<'a, SummaryRecord> {
        Rendered::new(self, Context::new(text, Some(gazetteer), shape))
    }
}

/// `render(text, shape)` for the records that need nothing but their text.
macro_rules! render_with_text {
    ($($record:ty),*) => {$(
        impl $record {
            /// This record paired with `text` (the text it was made from), for serde.
            pub fn render<'a>(&'a self, text: &'a str, shape: Shape) -> Rendered<'a, $record> {
                Rendered::new(self, Context::new(text, None, shape))
            }
        }
    )*};
}
render_with_text!(
    DatelineRecord,
    TrailerRecord,
    AcronymRecord,
    QuoteRecord,
    DateRecord
);

impl RecordSpan {
    /// This span paired with `text` (the text it was made from), for serde: `{start, end}`,
    /// or `{start, end, text}` in [`Shape::Full`].
    pub fn render<'a>(&'a self, text: &'a str, shape: Shape) -> Rendered<'a, RecordSpan> {
        Rendered::new(self, Context::new(text, None, shape))
    }
}

/// What a record needs besides itself to be written out.
#[derive(Clone, Copy)]
struct Context<'a> {
    text: &'a str,
    /// Present for the records that name entities.
    gazetteer: Option<&'a Gazetteer>,
    shape: Shape,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, gazetteer: Option<&'a Gazetteer>, shape: Shape) -> Context<'a> {
        Context {
            text,
            gazetteer,
            shape,
        }
    }

    fn full(&self) -> bool {
        self.shape == Shape::Full
    }

    fn entity(&self, id: EntityId) -> Option<&'a Entity> {
        self.gazetteer?.entities().get(id.index())
    }
}

/// A record paired with its text: what `render` returns, for serde to serialise.
pub struct Rendered<'a, R> {
    record: &'a R,
    context: Context<'a>,
    /// The `id` written first (articles and documents only).
    id: Option<&'a str>,
}

impl<'a, R> Rendered<'a, R> {
    fn new(record: &'a R, context: Context<'a>) -> Rendered<'a, R> {
        Rendered {
            record,
            context,
            id: None,
        }
    }

    /// A part of this record, rendered in the same context.
    fn part<P>(&self, part: &'a P) -> Rendered<'a, P> {
        Rendered::new(part, self.context)
    }

    fn opt_part<P>(&self, part: &'a Option<P>) -> Option<Rendered<'a, P>> {
        part.as_ref().map(|p| self.part(p))
    }

    fn parts<P>(&self, parts: &'a [P]) -> Parts<'a, P> {
        Parts {
            parts,
            context: self.context,
        }
    }
}

impl<'a> Rendered<'a, ArticleRecord> {
    /// Write `id` as the record's first field (when `Some`).
    pub fn with_id(mut self, id: Option<&'a str>) -> Self {
        self.id = id;
        self
    }
}

impl<'a> Rendered<'a, DocumentRecord> {
    /// Write `id` as the record's first field (when `Some`).
    pub fn with_id(mut self, id: Option<&'a str>) -> Self {
        self.id = id;
        self
    }
}

impl<R: fmt::Debug> fmt::Debug for Rendered<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendered")
            .field("record", self.record)
            .field("shape", &self.context.shape)
            .field("id", &self.id)
            .finish()
    }
}

/// A list of parts, each rendered in one context.
struct Parts<'a, P> {
    parts: &'a [P],
    context: Context<'a>,
}

impl<'a, P> Serialize for Parts<'a, P>
where
    Rendered<'a, P>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.parts.len()))?;
        for part in self.parts {
            seq.serialize_element(&Rendered::new(part, self.context))?;
        }
        seq.end()
    }
}

/// `start`, `end` and, in [`Shape::Full`], `text`: the fields of a span, inside a record.
fn span_fields<S: SerializeStruct>(
    out: &mut S,
    span: &RecordSpan,
    context: &Context<'_>,
) -> Result<(), S::Error> {
    out.serialize_field("start", &span.start)?;
    out.serialize_field("end", &span.end)?;
    if context.full() {
        out.serialize_field("text", span.slice(context.text))?;
    }
    Ok(())
}

/// `id`, `kind`, `name` and, in [`Shape::Full`], `attrs`: an entity, inside a record.
fn entity_fields<S: SerializeStruct>(
    out: &mut S,
    entity: &Entity,
    context: &Context<'_>,
) -> Result<(), S::Error> {
    out.serialize_field("id", entity.id())?;
    out.serialize_field("kind", entity.kind())?;
    out.serialize_field("name", entity.name())?;
    if context.full() {
        out.serialize_field("attrs", &entity.attrs())?;
    }
    Ok(())
}

/// The fields of an article, first in an article's record and a document's alike.
fn article_fields<S: SerializeStruct>(
    out: &mut S,
    r: &Rendered<'_, ArticleRecord>,
    id: Option<&str>,
) -> Result<(), S::Error> {
    let a = r.record;
    if let Some(id) = id {
        out.serialize_field("id", id)?;
    }
    out.serialize_field("dateline", &r.opt_part(&a.dateline))?;
    out.serialize_field("headline", &r.opt_part(&a.headline))?;
    out.serialize_field("byline", &r.opt_part(&a.byline))?;
    out.serialize_field("body", &r.part(&a.body))?;
    out.serialize_field("paragraphs", &r.parts(&a.paragraphs))?;
    out.serialize_field("sentences", &r.parts(&a.sentences))?;
    out.serialize_field("trailers", &r.parts(&a.trailers))?;
    out.serialize_field("acronyms", &r.parts(&a.acronyms))?;
    out.serialize_field("quotes", &r.parts(&a.quotes))?;
    out.serialize_field("dates", &r.parts(&a.dates))?;
    Ok(())
}

/// The number of fields of an article's record (a size hint for serializers).
const ARTICLE_FIELDS: usize = 11;

impl Serialize for Rendered<'_, ArticleRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Article", ARTICLE_FIELDS)?;
        article_fields(&mut out, self, self.id)?;
        out.end()
    }
}

impl Serialize for Rendered<'_, DocumentRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.record;
        let mut out = s.serialize_struct("Document", ARTICLE_FIELDS + 2)?;
        article_fields(&mut out, &self.part(&d.article), self.id)?;
        out.serialize_field("mentions", &self.parts(&d.mentions))?;
        out.serialize_field("entities", &self.parts(&d.entities))?;
        out.end()
    }
}

impl Serialize for Rendered<'_, RecordSpan> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Span", 3)?;
        span_fields(&mut out, self.record, &self.context)?;
        out.end()
    }
}

impl Serialize for Rendered<'_, DatelineRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (d, text) = (self.record, self.context.text);
        let mut out = s.serialize_struct("Dateline", 8)?;
        span_fields(&mut out, &d.span, &self.context)?;
        if self.context.full() {
            // Every part a span with its text.
            out.serialize_field("locations", &self.parts(&d.locations))?;
            out.serialize_field("date", &d.date)?;
            out.serialize_field("date_span", &self.opt_part(&d.date_span))?;
            out.serialize_field("agency", &self.opt_part(&d.agency))?;
            out.serialize_field("separator", &self.opt_part(&d.separator))?;
        } else {
            // The schema's shape: the places, agency and separator as written, and where
            // the places are.
            let places = Texts {
                spans: &d.locations,
                text,
            };
            out.serialize_field("locations", &places)?;
            out.serialize_field("location_spans", &self.parts(&d.locations))?;
            out.serialize_field("date", &d.date)?;
            out.serialize_field("agency", &d.agency.map(|s| s.slice(text)))?;
            out.serialize_field("separator", &d.separator.map(|s| s.slice(text)))?;
        }
        out.end()
    }
}

/// The texts of some spans, as a list of strings.
struct Texts<'a> {
    spans: &'a [RecordSpan],
    text: &'a str,
}

impl Serialize for Texts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.spans.iter().map(|span| span.slice(self.text)))
    }
}

impl Serialize for Rendered<'_, TrailerRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Trailer", 4)?;
        out.serialize_field("kind", self.record.kind.as_str())?;
        span_fields(&mut out, &self.record.span, &self.context)?;
        out.end()
    }
}

impl Serialize for Rendered<'_, AcronymRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Acronym", 2)?;
        out.serialize_field("short", &self.part(&self.record.short))?;
        out.serialize_field("long", &self.part(&self.record.long))?;
        out.end()
    }
}

impl Serialize for Rendered<'_, QuoteRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Quote", 4)?;
        span_fields(&mut out, &self.record.span, &self.context)?;
        out.serialize_field("speaker", &self.opt_part(&self.record.speaker))?;
        out.end()
    }
}

impl Serialize for Rendered<'_, DateRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.record;
        let mut out = s.serialize_struct("Date", 6)?;
        span_fields(&mut out, &d.span, &self.context)?;
        out.serialize_field("year", &d.year)?;
        out.serialize_field("month", &d.month)?;
        out.serialize_field("day", &d.day)?;
        out.end()
    }
}

impl Serialize for Rendered<'_, MentionRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.record;
        let mut out = s.serialize_struct("Mention", 6)?;
        out.serialize_field("start", &m.span.start)?;
        out.serialize_field("end", &m.span.end)?;
        // A mention's text is written in both shapes: it is what was found.
        out.serialize_field("text", m.span.slice(self.context.text))?;
        let entities = EntityRefs {
            ids: &m.entities,
            context: self.context,
        };
        out.serialize_field("entities", &entities)?;
        out.serialize_field("via", m.via.as_str())?;
        out.serialize_field("sentence", &m.sentence)?;
        out.end()
    }
}

/// The candidate entities of a mention, each as `{id, kind, name}` (plus `attrs`).
struct EntityRefs<'a> {
    ids: &'a [EntityId],
    context: Context<'a>,
}

impl Serialize for EntityRefs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.ids.len()))?;
        for entity in self.ids.iter().filter_map(|&id| self.context.entity(id)) {
            seq.serialize_element(&EntityRef {
                entity,
                context: self.context,
            })?;
        }
        seq.end()
    }
}

struct EntityRef<'a> {
    entity: &'a Entity,
    context: Context<'a>,
}

impl Serialize for EntityRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Entity", 4)?;
        entity_fields(&mut out, self.entity, &self.context)?;
        out.end()
    }
}

impl Serialize for Rendered<'_, SummaryRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.record;
        let mut out = s.serialize_struct("EntitySummary", 9)?;
        if let Some(entity) = self.context.entity(e.entity) {
            entity_fields(&mut out, entity, &self.context)?;
        }
        out.serialize_field("count", &e.count)?;
        out.serialize_field("first", &self.part(&e.first))?;
        out.serialize_field("in_dateline", &e.in_dateline)?;
        out.serialize_field("in_headline", &e.in_headline)?;
        out.serialize_field("in_lead", &e.in_lead)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, Gazetteer, Matcher};

    const TEXT: &str = "ISLAMABAD, Dec 12 (APP): The Organisation of Islamic Cooperation \
                        (OIC) met in Islamabad. \"We agree,\" said Zoë Khan.";

    fn document() -> Document {
        let mut g = Gazetteer::new();
        g.add(Entity::new("isb", "LOC", "Islamabad")).unwrap();
        g.add(Entity::new(
            "oic",
            "ORG",
            "Organisation of Islamic Cooperation",
        ))
        .unwrap();
        Matcher::new(g).unwrap().annotate(TEXT)
    }

    #[test]
    fn every_span_slices_its_text_in_both_units() {
        let doc = document();
        for unit in [Offsets::Bytes, Offsets::Chars] {
            let record = DocumentRecord::new(TEXT, &doc, unit);
            let chars: Vec<char> = TEXT.chars().collect();
            for (label, span) in record.article.labelled_spans() {
                let by_unit: String = match unit {
                    Offsets::Bytes => TEXT[span.start..span.end].to_string(),
                    _ => chars[span.start..span.end].iter().collect(),
                };
                assert_eq!(by_unit, span.slice(TEXT), "{label} in {unit:?}");
            }
        }
    }

    #[test]
    fn shapes() {
        let doc = document();
        let record = DocumentRecord::new(TEXT, &doc, Offsets::Chars);
        let compact = serde_json::to_value(record.render(TEXT, Shape::Compact)).unwrap();
        let full = serde_json::to_value(record.render(TEXT, Shape::Full)).unwrap();
        assert_eq!(compact["dateline"]["locations"][0], "ISLAMABAD");
        assert_eq!(compact["dateline"]["agency"], "APP");
        assert_eq!(full["dateline"]["locations"][0]["text"], "ISLAMABAD");
        assert_eq!(full["dateline"]["agency"]["text"], "APP");
        assert!(compact["body"].get("text").is_none());
        assert!(
            full["body"]["text"]
                .as_str()
                .unwrap()
                .ends_with("Zoë Khan.")
        );
        assert!(compact["mentions"][0]["entities"][0].get("attrs").is_none());
        assert!(full["mentions"][0]["entities"][0]["attrs"].is_null());
        assert_eq!(full["entities"][0]["first"]["text"], "ISLAMABAD");
        assert!(compact.get("id").is_none());
        let with_id = record.render(TEXT, Shape::Compact).with_id(Some("x"));
        let line = serde_json::to_string(&with_id).unwrap();
        assert!(line.starts_with(r#"{"id":"x","dateline":"#), "{line}");
    }

    /// The keys of each part in [`Shape::Full`] are those of Python's `to_dict()`.
    #[test]
    fn full_shape_has_the_python_keys() {
        let text = "GENEVA, Jan 5 (Reuters) - The World Health Organization (WHO) said on \
                    Monday it met. \"We agree,\" said Ana Gomez.\n\nReuter";
        let mut g = Gazetteer::new();
        g.add(Entity::new("who", "ORG", "World Health Organization"))
            .unwrap();
        g.add(Entity::new("gva", "LOC", "Geneva")).unwrap();
        let doc = Matcher::new(g).unwrap().annotate(text);
        let record = DocumentRecord::new(text, &doc, Offsets::Chars);
        let full = serde_json::to_value(record.render(text, Shape::Full)).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        let want = |k: &[&str]| -> Vec<String> {
            let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
            k.sort();
            k
        };
        let span = want(&["start", "end", "text"]);
        let article = [
            "dateline",
            "headline",
            "byline",
            "body",
            "paragraphs",
            "sentences",
            "trailers",
            "acronyms",
            "quotes",
            "dates",
        ];
        let mut document = article.to_vec();
        document.extend(["mentions", "entities"]);
        assert_eq!(keys(&full), want(&document));
        let article_only = serde_json::to_value(record.article.render(text, Shape::Full));
        assert_eq!(keys(&article_only.unwrap()), want(&article));
        let dateline = &full["dateline"];
        let dateline_keys = [
            "start",
            "end",
            "text",
            "locations",
            "date",
            "date_span",
            "agency",
            "separator",
        ];
        assert_eq!(keys(dateline), want(&dateline_keys));
        assert_eq!(keys(&dateline["locations"][0]), span);
        assert_eq!(keys(&dateline["date"]), want(&["year", "month", "day"]));
        assert_eq!(keys(&full["body"]), span);
        let trailer = want(&["start", "end", "text", "kind"]);
        assert_eq!(keys(&full["trailers"][0]), trailer);
        let acronym = &full["acronyms"][0];
        assert_eq!(keys(acronym), want(&["short", "long"]));
        assert_eq!(keys(&acronym["long"]), span);
        let quote = want(&["start", "end", "text", "speaker"]);
        assert_eq!(keys(&full["quotes"][0]), quote);
        let date = want(&["start", "end", "text", "year", "month", "day"]);
        assert_eq!(keys(&full["dates"][0]), date);
        let mention = &full["mentions"][0];
        let mention_keys = ["start", "end", "text", "entities", "via", "sentence"];
        assert_eq!(keys(mention), want(&mention_keys));
        let entity = want(&["id", "kind", "name", "attrs"]);
        assert_eq!(keys(&mention["entities"][0]), entity);
        let summary = &full["entities"][0];
        let summary_keys = [
            "id",
            "kind",
            "name",
            "attrs",
            "count",
            "first",
            "in_dateline",
            "in_headline",
            "in_lead",
        ];
        assert_eq!(keys(summary), want(&summary_keys));
        assert_eq!(keys(&summary["first"]), span);
    }

    #[test]
    fn match_records_and_sentence_at() {
        let doc = document();
        let matcher = Matcher::new(doc.gazetteer().clone()).unwrap();
        let conv = Converter::new(TEXT, Offsets::Chars);
        let found: Vec<MentionRecord> = (matcher.find(TEXT).iter())
            .map(|m| MentionRecord::from_match(m, &conv))
            .collect();
        assert_eq!(found[0].span.slice(TEXT), "ISLAMABAD");
        assert_eq!(found[0].via, Via::Gazetteer);
        let article = ArticleRecord::new(TEXT, doc.article(), Offsets::Chars);
        let second = article.sentences[1];
        assert_eq!(article.sentence_at(second.start), Some(1));
        assert_eq!(article.sentence_at(0), None);
    }
}
