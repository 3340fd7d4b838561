//! `newswire.Document`, `newswire.Mention` and `newswire.EntitySummary`: the core's
//! document record, read from Python.

use std::sync::Arc;

use newswire::records::{DocumentRecord, MentionRecord, Shape, SummaryRecord};
use newswire::{Gazetteer, Via};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::article::{PyArticle, article_repr, parsed_from_state};
use crate::convert::{from_name, pyrepr, value_class};
use crate::data::{Annotated, ArticleSource};
use crate::entity::{LocalEntities, PyEntity, local_gazetteer, local_id};
use crate::html;
use crate::parts::PySpan;
use crate::pyser::to_py;
use crate::state::{RecordState, SpanState, covered, span_from, span_state};

/// One place where one or more candidate entities are mentioned.
#[pyclass(frozen, module = "newswire._native", name = "Mention")]
pub struct PyMention {
    record: MentionRecord,
    /// What the record's byte span slices: the whole text, or, unpickled, the mention's.
    text: Arc<str>,
    /// Where the record's entities are.
    gazetteer: Arc<Gazetteer>,
}

impl PyMention {
    pub(crate) fn new(
        record: MentionRecord,
        text: &Arc<str>,
        gazetteer: &Arc<Gazetteer>,
    ) -> PyMention {
        PyMention {
            record,
            text: text.clone(),
            gazetteer: gazetteer.clone(),
        }
    }

    /// `(text, span, entities, via, sentence)`: the mention's own text, and its candidate
    /// entities as JSON Lines.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let r = &self.record;
        let (text, base) = covered(&self.text, &[r.span]);
        let mut entities = LocalEntities::default();
        for &id in &r.entities {
            entities.number(id);
        }
        let jsonl = entities.jsonl(&self.gazetteer)?;
        let state = (
            text,
            span_state(&r.span, base),
            jsonl,
            r.via.as_str(),
            r.sentence,
        );
        state.into_pyobject(py)
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyMention> {
        type State = (String, SpanState, String, String, Option<usize>);
        let (text, span, jsonl, via, sentence): State = state.extract()?;
        let gazetteer = local_gazetteer(state.py(), "Mention", &jsonl)?;
        let entities = (0..gazetteer.len())
            .map(|n| local_id("Mention", &gazetteer, n))
            .collect::<PyResult<Vec<_>>>()?;
        let record = MentionRecord {
            span: span_from(span, &text)?,
            entities,
            via: from_name::<Via>(&via)?,
            sentence,
        };
        Ok(PyMention {
            record,
            text: text.into(),
            gazetteer,
        })
    }
}

value_class!(PyMention, "Mention", {
    /// First code point.
    #[getter]
    fn start(&self) -> usize {
        self.record.span.start
    }
    /// One past the last code point.
    #[getter]
    fn end(&self) -> usize {
        self.record.span.end
    }
    /// The text as written.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.record.span.slice(&self.text))
    }
    /// The candidate entities (more than one for an ambiguous name), in gazetteer order.
    #[getter]
    fn entities(&self) -> Vec<PyEntity> {
        (self.record.entities.iter())
            .map(|&id| PyEntity::new(&self.gazetteer, id))
            .collect()
    }
    /// The candidates' ids.
    #[getter]
    fn entity_ids(&self) -> Vec<&str> {
        (self.record.entities.iter())
            .map(|&id| self.gazetteer.entity(id).id())
            .collect()
    }
    /// `gazetteer`, `acronym` or `coref`.
    #[getter]
    fn via(&self) -> &'static str {
        self.record.via.as_str()
    }
    /// The index of the sentence it is in (`Document` mentions only).
    #[getter]
    fn sentence(&self) -> Option<usize> {
        self.record.sentence
    }
    /// The mention as JSON-ready data: the core's record in its full shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &self.record.render(&self.text, &self.gazetteer, Shape::Full),
        )
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let r = &self.record;
        let ids: Vec<String> = self.entity_ids().iter().map(|id| pyrepr(py, id)).collect();
        format!(
            "Mention({}, {}, {}, entities=[{}], via={})",
            r.span.start,
            r.span.end,
            pyrepr(py, r.span.slice(&self.text)),
            ids.join(", "),
            pyrepr(py, r.via.as_str())
        )
    }
});

/// One entity's mentions in a document, summed.
#[pyclass(frozen, module = "newswire._native", name = "EntitySummary")]
pub struct PyEntitySummary {
    record: SummaryRecord,
    /// What the record's first mention slices: the whole text, or, unpickled, the
    /// mention's.
    text: Arc<str>,
    gazetteer: Arc<Gazetteer>,
}

impl PyEntitySummary {
    /// `(text, first, entity, count, in_dateline, in_headline, in_lead)`, the entity as
    /// its line of JSON Lines.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let r = &self.record;
        let (text, base) = covered(&self.text, &[r.first]);
        let mut entities = LocalEntities::default();
        entities.number(r.entity);
        let jsonl = entities.jsonl(&self.gazetteer)?;
        let first = span_state(&r.first, base);
        let flags = (r.in_dateline, r.in_headline, r.in_lead);
        (text, first, jsonl, r.count, flags.0, flags.1, flags.2).into_pyobject(py)
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyEntitySummary> {
        type State = (String, SpanState, String, usize, bool, bool, bool);
        let (text, first, jsonl, count, in_dateline, in_headline, in_lead): State =
            state.extract()?;
        let gazetteer = local_gazetteer(state.py(), "EntitySummary", &jsonl)?;
        let record = SummaryRecord {
            entity: local_id("EntitySummary", &gazetteer, 0)?,
            count,
            first: span_from(first, &text)?,
            in_dateline,
            in_headline,
            in_lead,
        };
        Ok(PyEntitySummary {
            record,
            text: text.into(),
            gazetteer,
        })
    }
}

value_class!(PyEntitySummary, "EntitySummary", {
    #[getter]
    fn entity(&self) -> PyEntity {
        PyEntity::new(&self.gazetteer, self.record.entity)
    }
    /// How many mentions name it.
    #[getter]
    fn count(&self) -> usize {
        self.record.count
    }
    /// Its first mention.
    #[getter]
    fn first(&self) -> PySpan {
        PySpan::new(self.record.first, &self.text)
    }
    #[getter]
    fn in_dateline(&self) -> bool {
        self.record.in_dateline
    }
    #[getter]
    fn in_headline(&self) -> bool {
        self.record.in_headline
    }
    /// Whether it is mentioned in the first paragraph of the body.
    #[getter]
    fn in_lead(&self) -> bool {
        self.record.in_lead
    }
    /// The entity's `id`, `kind`, `name`, `attrs` plus `count`, `first`, `in_dateline`,
    /// `in_headline`, `in_lead`: the core's record in its full shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &self.record.render(&self.text, &self.gazetteer, Shape::Full),
        )
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let id = self.gazetteer.entity(self.record.entity).id();
        format!(
            "EntitySummary({}, count={})",
            pyrepr(py, id),
            self.record.count
        )
    }
});

/// An annotated article: the parsed article, every mention, and a summary per entity.
#[pyclass(frozen, module = "newswire._native", name = "Document")]
pub struct PyDocument {
    data: Arc<Annotated>,
    /// The `str` that was annotated, handed back as it was given.
    text: Py<PyString>,
    /// From `annotate_many(..., near_duplicates=True)`: `(position, similarity, exact)` of
    /// each earlier text it nearly duplicates, most similar first.
    duplicate_of: Option<Vec<(u64, f64, bool)>>,
}

impl PyDocument {
    pub(crate) fn new(data: Annotated, text: Py<PyString>) -> PyDocument {
        PyDocument {
            data: Arc::new(data),
            text,
            duplicate_of: None,
        }
    }

    /// The document with its near-duplicates (`None`: not asked for).
    pub(crate) fn with_duplicates(mut self, found: Option<Vec<(u64, f64, bool)>>) -> PyDocument {
        self.duplicate_of = found;
        self
    }

    fn record(&self) -> &DocumentRecord {
        &self.data.record
    }

    /// The text and its record (for the mentions table of `to_pandas`).
    pub(crate) fn annotated(&self) -> &Arc<Annotated> {
        &self.data
    }

    /// `(text, article, mentions, summaries, entities, duplicate_of)`: the records' spans in
    /// code points and bytes, the entities they name as JSON Lines, numbered locally, so that
    /// a document unpickles without its gazetteer, and its near-duplicates (`None` when they
    /// were not asked for).
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let r = self.record();
        let mut entities = LocalEntities::default();
        let mut mentions = Vec::with_capacity(r.mentions.len());
        for m in &r.mentions {
            let ids = PyTuple::new(py, m.entities.iter().map(|&id| entities.number(id)))?;
            let state = (span_state(&m.span, 0), ids, m.via.as_str(), m.sentence);
            mentions.push(state.into_pyobject(py)?);
        }
        let summaries = (r.entities.iter())
            .map(|s| {
                let first = span_state(&s.first, 0);
                let id = entities.number(s.entity);
                (id, s.count, first, s.in_dateline, s.in_headline, s.in_lead)
            })
            .collect::<Vec<_>>();
        let items = [
            self.text.bind(py).clone().into_any(),
            r.article.state(py, 0)?,
            PyTuple::new(py, mentions)?.into_any(),
            PyTuple::new(py, summaries)?.into_any(),
            PyString::new(py, &entities.jsonl(&r.gazetteer)?).into_any(),
            self.duplicate_of.clone().into_pyobject(py)?.into_any(),
        ];
        PyTuple::new(py, items)
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyDocument> {
        type Mention = (SpanState, Vec<usize>, String, Option<usize>);
        type Summary = (usize, usize, SpanState, bool, bool, bool);
        type State<'py> = (
            Bound<'py, PyString>,
            Bound<'py, PyAny>,
            Vec<Mention>,
            Vec<Summary>,
            String,
            Option<Vec<(u64, f64, bool)>>,
        );
        let (text, article, mentions, summaries, jsonl, duplicate_of): State<'_> =
            state.extract()?;
        let parsed = parsed_from_state(&text, &article)?;
        let gazetteer = local_gazetteer(state.py(), "Document", &jsonl)?;
        let id = |n: usize| local_id("Document", &gazetteer, n);
        let mentions = (mentions.into_iter())
            .map(|(span, ids, via, sentence)| {
                Ok(MentionRecord {
                    span: span_from(span, &parsed.text)?,
                    entities: ids.into_iter().map(id).collect::<PyResult<_>>()?,
                    via: from_name::<Via>(&via)?,
                    sentence,
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        let summaries = (summaries.into_iter())
            .map(
                |(entity, count, first, in_dateline, in_headline, in_lead)| {
                    Ok(SummaryRecord {
                        entity: id(entity)?,
                        count,
                        first: span_from(first, &parsed.text)?,
                        in_dateline,
                        in_headline,
                        in_lead,
                    })
                },
            )
            .collect::<PyResult<Vec<_>>>()?;
        let record = DocumentRecord {
            article: parsed.record,
            mentions,
            entities: summaries,
            gazetteer,
        };
        let data = Annotated {
            text: parsed.text,
            record,
        };
        Ok(PyDocument::new(data, text.unbind()).with_duplicates(duplicate_of))
    }
}

value_class!(PyDocument, "Document", {
    /// The text that was annotated.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }
    /// With `annotate_many(..., near_duplicates=True)`: the earlier texts of the batch
    /// (within the window) whose body this one nearly duplicates, as `(position,
    /// similarity, exact)` tuples, most similar first; `None` otherwise.
    #[getter]
    fn duplicate_of(&self) -> Option<Vec<(u64, f64, bool)>> {
        self.duplicate_of.clone()
    }
    /// The parsed article.
    #[getter]
    fn article(&self, py: Python<'_>) -> PyArticle {
        PyArticle::new(
            ArticleSource::Annotated(self.data.clone()),
            self.text.clone_ref(py),
        )
    }
    /// Every mention, in text order.
    #[getter]
    fn mentions(&self) -> Vec<PyMention> {
        let (text, r) = (&self.data.text, self.record());
        (r.mentions.iter())
            .map(|m| PyMention::new(m.clone(), text, &r.gazetteer))
            .collect()
    }
    /// One summary per entity mentioned, in order of first mention.
    #[getter]
    fn entities(&self) -> Vec<PyEntitySummary> {
        let (text, r) = (&self.data.text, self.record());
        (r.entities.iter())
            .map(|&s| PyEntitySummary {
                record: s,
                text: text.clone(),
                gazetteer: r.gazetteer.clone(),
            })
            .collect()
    }
    /// The article's fields plus `mentions` and `entities`, as JSON-ready data: the core's
    /// record in its full shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.record().render(&self.data.text, Shape::Full))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let r = self.record();
        let article = article_repr(py, &self.data.text, &r.article);
        format!(
            "Document(mentions={}, entities={}, article={article})",
            r.mentions.len(),
            r.entities.len()
        )
    }
    fn _repr_html_(&self, py: Python<'_>) -> String {
        let (text, record) = (&self.data.text, self.record());
        py.detach(|| html::document_html(text, record))
    }
});
