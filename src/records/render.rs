//! Records written out: each record paired with its text (and the gazetteer its entities
//! come from) in a [`Shape`], for serde. Every field is named here once, for both shapes.

use std::fmt;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use super::{
    AcronymRecord, ArticleRecord, DateRecord, DatelineRecord, DocumentRecord, MentionRecord,
    QuoteRecord, SummaryRecord, TrailerRecord,
};
use crate::gazetteer::{EntityId, EntityRef, Gazetteer};
use crate::offsets::RecordSpan;

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

impl ArticleRecord {
    /// This record paired with `text` (the text it was made from), for serde.
    pub fn render<'a>(&'a self, text: &'a str, shape: Shape) -> Rendered<'a, ArticleRecord> {
        Rendered::new(self, Context::new(text, None, shape))
    }
}

impl DocumentRecord {
    /// This record paired with `text` (the text it was made from), for serde.
    pub fn render<'a>(&'a self, text: &'a str, shape: Shape) -> Rendered<'a, DocumentRecord> {
        Rendered::new(self, Context::new(text, Some(&self.gazetteer), shape))
    }
}

impl MentionRecord {
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

    fn entity(&self, id: EntityId) -> Option<EntityRef<'a>> {
        self.gazetteer?.entities().nth(id.index())
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
    entity: &EntityRef<'_>,
    context: &Context<'_>,
) -> Result<(), S::Error> {
    out.serialize_field("id", entity.id())?;
    out.serialize_field("kind", entity.kind())?;
    out.serialize_field("name", entity.name())?;
    if context.full() {
        // As given, a raw value (as the entity's own serde output has them): parsed into a
        // `serde_json::Map` they lost what a `Value` cannot hold (a number past f64's range,
        // a lone surrogate escape: the whole object became null) and rounded integers past
        // 2^53.
        let attrs = (entity.attrs_json())
            .map(serde_json::from_str::<&serde_json::value::RawValue>)
            .transpose()
            .map_err(|e| serde::ser::Error::custom(format!("attrs: {e}")))?;
        out.serialize_field("attrs", &attrs)?;
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
            seq.serialize_element(&EntityPart {
                entity,
                context: self.context,
            })?;
        }
        seq.end()
    }
}

struct EntityPart<'a> {
    entity: EntityRef<'a>,
    context: Context<'a>,
}

impl Serialize for EntityPart<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Entity", 4)?;
        entity_fields(&mut out, &self.entity, &self.context)?;
        out.end()
    }
}

impl Serialize for Rendered<'_, SummaryRecord> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.record;
        let mut out = s.serialize_struct("EntitySummary", 9)?;
        if let Some(entity) = self.context.entity(e.entity) {
            entity_fields(&mut out, &entity, &self.context)?;
        }
        out.serialize_field("count", &e.count)?;
        out.serialize_field("first", &self.part(&e.first))?;
        out.serialize_field("in_dateline", &e.in_dateline)?;
        out.serialize_field("in_headline", &e.in_headline)?;
        out.serialize_field("in_lead", &e.in_lead)?;
        out.end()
    }
}
