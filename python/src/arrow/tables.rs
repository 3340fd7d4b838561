//! The two Arrow tables of the Arrow path, their schemas and their builders: one row per
//! mention, one row per input row (an article). Schemas are documented in python/README.md
//! ("Arrow in, Arrow out"), and tested by python/tests/test_arrow.py; a change here is a
//! change there.
//!
//! A builder takes the core's values of one text (a `Document`, or bare matches) and the
//! text itself; spans are converted to the caller's unit ([`Offsets`]) once, here. The
//! `id` column is not built row by row: the caller's id column is taken (`arrow_select`)
//! at the rows the builders noted, so it keeps its own type.

use std::sync::Arc;

use arrow_array::builder::{
    Int32Builder, Int64Builder, ListBuilder, StringBuilder, StructBuilder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch, UInt32Array};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use newswire::gazetteer::{EntityId, Gazetteer};
use newswire::offsets::{Converter, RecordSpan};
use newswire::records::DocumentRecord;
use newswire::{Document, Match, Span, Via};

/// The fields of one candidate entity, in a mention's `candidates` list.
fn candidate_fields() -> Fields {
    Fields::from(vec![
        Field::new("entity_id", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("name", DataType::Utf8, false),
    ])
}

fn candidate_item() -> Field {
    Field::new("item", DataType::Struct(candidate_fields()), false)
}

/// `row`, then `id` when the caller names an id column (typed as that column, nullable).
fn keys(id: Option<&DataType>) -> Vec<Field> {
    let mut fields = vec![Field::new("row", DataType::Int64, false)];
    if let Some(t) = id {
        fields.push(Field::new("id", t.clone(), true));
    }
    fields
}

/// The mentions table: one row per mention, in input order then text order.
pub(crate) fn mentions_schema(id: Option<&DataType>) -> SchemaRef {
    let mut fields = keys(id);
    fields.extend([
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("entity_id", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("name", DataType::Utf8, false),
        Field::new(
            "candidates",
            DataType::List(Arc::new(candidate_item())),
            false,
        ),
        Field::new("via", DataType::Utf8, false),
        Field::new("sentence", DataType::Int64, true),
    ]);
    Arc::new(Schema::new(fields))
}

/// The articles table: one row per input row, an error row included.
pub(crate) fn articles_schema(id: Option<&DataType>) -> SchemaRef {
    let mut fields = keys(id);
    let location = Field::new("item", DataType::Utf8, false);
    fields.extend([
        Field::new("dateline", DataType::Utf8, true),
        Field::new(
            "dateline_locations",
            DataType::List(Arc::new(location)),
            true,
        ),
        Field::new("dateline_year", DataType::Int32, true),
        Field::new("dateline_month", DataType::UInt8, true),
        Field::new("dateline_day", DataType::UInt8, true),
        Field::new("dateline_agency", DataType::Utf8, true),
        Field::new("headline", DataType::Utf8, true),
        Field::new("byline", DataType::Utf8, true),
        Field::new("paragraphs", DataType::Int32, true),
        Field::new("sentences", DataType::Int32, true),
        Field::new("mentions", DataType::Int32, true),
        Field::new("entities", DataType::Int32, true),
        Field::new("error", DataType::Utf8, true),
    ]);
    Arc::new(Schema::new(fields))
}

/// The `id` column at `rows` of the caller's id column, when there is one.
fn take_ids(ids: Option<&ArrayRef>, rows: Vec<u32>) -> Result<Option<ArrayRef>, ArrowError> {
    ids.map(|ids| arrow_select::take::take(ids, &UInt32Array::from(rows), None))
        .transpose()
}

fn batch(
    schema: &SchemaRef,
    row: Int64Builder,
    ids: Option<ArrayRef>,
    rest: Vec<ArrayRef>,
) -> Result<RecordBatch, ArrowError> {
    let mut row = row;
    let mut columns: Vec<ArrayRef> = vec![Arc::new(row.finish())];
    columns.extend(ids);
    columns.extend(rest);
    RecordBatch::try_new(schema.clone(), columns)
}

/// Builds the mentions table of some texts.
pub(crate) struct Mentions {
    row: Int64Builder,
    /// Each mention's row in the caller's id column.
    id_rows: Vec<u32>,
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
    entity_id: StringBuilder,
    kind: StringBuilder,
    name: StringBuilder,
    candidates: ListBuilder<StructBuilder>,
    via: StringBuilder,
    sentence: Int64Builder,
}

/// One mention as the builder takes it: its span in the caller's unit (with its byte span)
/// and the rest of the core's values.
pub(crate) struct MentionIn<'a> {
    pub span: RecordSpan,
    pub entities: &'a [EntityId],
    pub via: Via,
    pub sentence: Option<usize>,
}

impl Mentions {
    pub(crate) fn new() -> Mentions {
        let candidate = StructBuilder::from_fields(candidate_fields(), 0);
        Mentions {
            row: Int64Builder::new(),
            id_rows: Vec::new(),
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            text: StringBuilder::new(),
            entity_id: StringBuilder::new(),
            kind: StringBuilder::new(),
            name: StringBuilder::new(),
            candidates: ListBuilder::new(candidate).with_field(Arc::new(candidate_item())),
            via: StringBuilder::new(),
            sentence: Int64Builder::new(),
        }
    }

    /// Add the mentions of one text: input row `row`, row `id_row` of the id column.
    pub(crate) fn push<'a>(
        &mut self,
        row: i64,
        id_row: u32,
        text: &str,
        gazetteer: &Gazetteer,
        mentions: impl Iterator<Item = MentionIn<'a>>,
    ) {
        for m in mentions {
            // A mention always has a candidate; an empty list would be a core bug, and
            // is skipped rather than given a made-up entity.
            let Some((&first, others)) = m.entities.split_first() else {
                continue;
            };
            let span = m.span;
            self.row.append_value(row);
            self.id_rows.push(id_row);
            self.start.append_value(span.start as i64);
            self.end.append_value(span.end as i64);
            self.text.append_value(span.slice(text));
            let e = gazetteer.entity(first);
            self.entity_id.append_value(e.id());
            self.kind.append_value(e.kind());
            self.name.append_value(e.name());
            let list = self.candidates.values();
            for &other in others {
                let e = gazetteer.entity(other);
                let strings = [e.id(), e.kind(), e.name()];
                for (n, s) in strings.into_iter().enumerate() {
                    if let Some(b) = list.field_builder::<StringBuilder>(n) {
                        b.append_value(s);
                    }
                }
                list.append(true);
            }
            self.candidates.append(true);
            self.via.append_value(m.via.as_str());
            self.sentence.append_option(m.sentence.map(|s| s as i64));
        }
    }

    /// The mentions of a document.
    pub(crate) fn push_document(
        &mut self,
        row: i64,
        id_row: u32,
        text: &str,
        conv: &Converter<'_>,
        document: &Document,
    ) {
        let mentions = document.mentions().iter().map(|m| MentionIn {
            span: conv.span(m.span()),
            entities: m.entities(),
            via: m.via(),
            sentence: m.sentence(),
        });
        self.push(row, id_row, text, document.gazetteer(), mentions);
    }

    /// Bare matches (`find`): found through the gazetteer, in no known sentence.
    pub(crate) fn push_matches(
        &mut self,
        row: i64,
        id_row: u32,
        text: &str,
        conv: &Converter<'_>,
        gazetteer: &Gazetteer,
        matches: &[Match],
    ) {
        let mentions = matches.iter().map(|m| MentionIn {
            span: conv.span(m.span()),
            entities: m.entities(),
            via: Via::Gazetteer,
            sentence: None,
        });
        self.push(row, id_row, text, gazetteer, mentions);
    }

    /// The mentions of a document's record (Python's `Document`), in code points.
    pub(crate) fn push_record(&mut self, row: i64, text: &str, record: &DocumentRecord) {
        let mentions = record.mentions.iter().map(|m| MentionIn {
            span: m.span,
            entities: &m.entities,
            via: m.via,
            sentence: m.sentence,
        });
        self.push(row, 0, text, &record.gazetteer, mentions);
    }

    pub(crate) fn finish(
        mut self,
        schema: &SchemaRef,
        ids: Option<&ArrayRef>,
    ) -> Result<RecordBatch, ArrowError> {
        let ids = take_ids(ids, std::mem::take(&mut self.id_rows))?;
        let rest: Vec<ArrayRef> = vec![
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.entity_id.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.candidates.finish()),
            Arc::new(self.via.finish()),
            Arc::new(self.sentence.finish()),
        ];
        batch(schema, self.row, ids, rest)
    }
}

/// Builds the articles table of some texts: one row per input row.
pub(crate) struct Articles {
    row: Int64Builder,
    id_rows: Vec<u32>,
    dateline: StringBuilder,
    locations: ListBuilder<StringBuilder>,
    year: Int32Builder,
    month: UInt8Builder,
    day: UInt8Builder,
    agency: StringBuilder,
    headline: StringBuilder,
    byline: StringBuilder,
    paragraphs: Int32Builder,
    sentences: Int32Builder,
    mentions: Int32Builder,
    entities: Int32Builder,
    error: StringBuilder,
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl Articles {
    pub(crate) fn new() -> Articles {
        let location = Field::new("item", DataType::Utf8, false);
        Articles {
            row: Int64Builder::new(),
            id_rows: Vec::new(),
            dateline: StringBuilder::new(),
            locations: ListBuilder::new(StringBuilder::new()).with_field(Arc::new(location)),
            year: Int32Builder::new(),
            month: UInt8Builder::new(),
            day: UInt8Builder::new(),
            agency: StringBuilder::new(),
            headline: StringBuilder::new(),
            byline: StringBuilder::new(),
            paragraphs: Int32Builder::new(),
            sentences: Int32Builder::new(),
            mentions: Int32Builder::new(),
            entities: Int32Builder::new(),
            error: StringBuilder::new(),
        }
    }

    fn keys(&mut self, row: i64, id_row: u32) {
        self.row.append_value(row);
        self.id_rows.push(id_row);
    }

    /// The article of an annotated text.
    pub(crate) fn push_document(&mut self, row: i64, id_row: u32, text: &str, document: &Document) {
        self.keys(row, id_row);
        let slice = |s: Span| text.get(s.start..s.end).unwrap_or("");
        let article = document.article();
        match article.dateline() {
            Some(d) => {
                self.dateline.append_value(slice(d.span()));
                for &place in d.locations() {
                    self.locations.values().append_value(slice(place));
                }
                self.locations.append(true);
                let date = d.date();
                self.year.append_option(date.and_then(|d| d.year));
                self.month.append_option(date.map(|d| d.month));
                self.day.append_option(date.map(|d| d.day));
                self.agency.append_option(d.agency().map(slice));
            }
            None => {
                self.dateline.append_null();
                self.locations.append_null();
                self.year.append_null();
                self.month.append_null();
                self.day.append_null();
                self.agency.append_null();
            }
        }
        self.headline.append_option(article.headline().map(slice));
        self.byline.append_option(article.byline().map(slice));
        self.paragraphs
            .append_value(count(article.paragraphs().len()));
        self.sentences
            .append_value(count(article.sentences().len()));
        self.mentions.append_value(count(document.mentions().len()));
        self.entities.append_value(count(document.entities().len()));
        self.error.append_null();
    }

    /// A row that could not be annotated: every field null but the error.
    pub(crate) fn push_error(&mut self, row: i64, id_row: u32, error: &str) {
        self.keys(row, id_row);
        self.dateline.append_null();
        self.locations.append_null();
        self.year.append_null();
        self.month.append_null();
        self.day.append_null();
        self.agency.append_null();
        self.headline.append_null();
        self.byline.append_null();
        self.paragraphs.append_null();
        self.sentences.append_null();
        self.mentions.append_null();
        self.entities.append_null();
        self.error.append_value(error);
    }

    pub(crate) fn finish(
        mut self,
        schema: &SchemaRef,
        ids: Option<&ArrayRef>,
    ) -> Result<RecordBatch, ArrowError> {
        let ids = take_ids(ids, std::mem::take(&mut self.id_rows))?;
        let rest: Vec<ArrayRef> = vec![
            Arc::new(self.dateline.finish()),
            Arc::new(self.locations.finish()),
            Arc::new(self.year.finish()),
            Arc::new(self.month.finish()),
            Arc::new(self.day.finish()),
            Arc::new(self.agency.finish()),
            Arc::new(self.headline.finish()),
            Arc::new(self.byline.finish()),
            Arc::new(self.paragraphs.finish()),
            Arc::new(self.sentences.finish()),
            Arc::new(self.mentions.finish()),
            Arc::new(self.entities.finish()),
            Arc::new(self.error.finish()),
        ];
        batch(schema, self.row, ids, rest)
    }
}
