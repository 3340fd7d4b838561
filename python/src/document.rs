//! `newswire.Document`, `newswire.Mention` and `newswire.EntitySummary`.

use std::collections::HashMap;
use std::sync::Arc;

use newswire::offsets::CharIndex;
use newswire::{Document, Entity, Span};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::article::{ArticleData, PyArticle, PySpan, value_class};
use crate::convert::{CS, Entities, Ids, Table, pyrepr};
use crate::gazetteer::PyEntity;

pub(crate) fn via_static(via: &str) -> PyResult<&'static str> {
    match via {
        "gazetteer" => Ok("gazetteer"),
        "acronym" => Ok("acronym"),
        "coref" => Ok("coref"),
        other => Err(PyValueError::new_err(format!("unknown via: {other:?}"))),
    }
}

/// One place where one or more candidate entities are mentioned.
#[pyclass(frozen, module = "newswire._native", name = "Mention")]
pub struct PyMention {
    /// First code point.
    #[pyo3(get)]
    pub(crate) start: usize,
    /// One past the last code point.
    #[pyo3(get)]
    pub(crate) end: usize,
    /// The text as written.
    #[pyo3(get)]
    pub(crate) text: Py<PyString>,
    pub(crate) table: Table,
    pub(crate) ids: Ids,
    /// `gazetteer`, `acronym` or `coref`.
    #[pyo3(get)]
    pub(crate) via: &'static str,
    /// The index of the sentence it is in (`Document` mentions only).
    #[pyo3(get)]
    pub(crate) sentence: Option<usize>,
}

impl PyMention {
    fn entity_objs(&self, py: Python<'_>) -> PyResult<Vec<Py<PyEntity>>> {
        self.ids
            .iter()
            .map(|&i| {
                Py::new(
                    py,
                    PyEntity {
                        table: self.table.clone(),
                        index: i as usize,
                    },
                )
            })
            .collect()
    }
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let entities = PyTuple::new(py, self.entity_objs(py)?)?;
        (
            self.start,
            self.end,
            self.text.clone_ref(py),
            entities,
            self.via,
            self.sentence,
        )
            .into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyMention> {
        type State<'py> = (
            usize,
            usize,
            Py<PyString>,
            Vec<Bound<'py, PyEntity>>,
            String,
            Option<usize>,
        );
        let (start, end, text, entities, via, sentence): State<'_> = state.extract()?;
        let local = entities
            .iter()
            .map(|e| e.get().entity().cloned())
            .collect::<PyResult<Vec<Entity>>>()?;
        let ids = (0..local.len() as u32).collect();
        Ok(PyMention {
            start,
            end,
            text,
            table: Arc::new(Entities::Local(local)),
            ids,
            via: via_static(&via)?,
            sentence,
        })
    }
}

/// The parts of a mention's dict that do not depend on where the mention is stored.
struct MentionFields<'a, 'py> {
    table: &'a Entities,
    ids: &'a [u32],
    text: Bound<'py, PyAny>,
    via: &'a str,
    sentence: Option<usize>,
}

fn mention_dict<'py>(
    py: Python<'py>,
    start: usize,
    end: usize,
    m: MentionFields<'_, 'py>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("start", start)?;
    d.set_item("end", end)?;
    d.set_item("text", m.text)?;
    let ents = PyList::empty(py);
    for &i in m.ids {
        if let Some(e) = m.table.get(i as usize) {
            ents.append(PyEntity::small_dict(e, py)?)?;
        }
    }
    d.set_item("entities", ents)?;
    d.set_item("via", m.via)?;
    d.set_item("sentence", m.sentence)?;
    Ok(d)
}

value_class!(PyMention, "Mention", {
    /// The candidate entities (more than one for an ambiguous name), in gazetteer order.
    #[getter]
    fn entities(&self, py: Python<'_>) -> PyResult<Vec<Py<PyEntity>>> {
        self.entity_objs(py)
    }
    /// The candidates' ids.
    #[getter]
    fn entity_ids(&self) -> Vec<&str> {
        self.ids
            .iter()
            .filter_map(|&i| self.table.get(i as usize))
            .map(|e| e.id())
            .collect()
    }
    /// `{"start", "end", "text", "entities": [{"id", "kind", "name", "attrs"}], "via", "sentence"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let text = self.text.bind(py).clone().into_any();
        let fields = MentionFields {
            table: &self.table,
            ids: &self.ids,
            text,
            via: self.via,
            sentence: self.sentence,
        };
        mention_dict(py, self.start, self.end, fields)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let text = self
            .text
            .bind(py)
            .repr()
            .map(|r| r.to_string())
            .unwrap_or_default();
        let ids: Vec<String> = self.entity_ids().iter().map(|s| pyrepr(py, s)).collect();
        format!(
            "Mention({}, {}, {text}, entities=[{}], via={})",
            self.start,
            self.end,
            ids.join(", "),
            pyrepr(py, self.via)
        )
    }
});

/// One entity's mentions in a document, summed.
#[pyclass(frozen, module = "newswire._native", name = "EntitySummary")]
pub struct PyEntitySummary {
    #[pyo3(get)]
    entity: Py<PyEntity>,
    /// How many mentions name it.
    #[pyo3(get)]
    count: usize,
    /// Its first mention.
    #[pyo3(get)]
    first: Py<PySpan>,
    #[pyo3(get)]
    in_dateline: bool,
    #[pyo3(get)]
    in_headline: bool,
    /// Whether it is mentioned in the first paragraph of the body.
    #[pyo3(get)]
    in_lead: bool,
}

impl PyEntitySummary {
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.entity.clone_ref(py),
            self.count,
            self.first.clone_ref(py),
            self.in_dateline,
            self.in_headline,
            self.in_lead,
        )
            .into_pyobject(py)
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyEntitySummary> {
        let (entity, count, first, in_dateline, in_headline, in_lead) = state.extract()?;
        Ok(PyEntitySummary {
            entity,
            count,
            first,
            in_dateline,
            in_headline,
            in_lead,
        })
    }
}

value_class!(PyEntitySummary, "EntitySummary", {
    /// The entity's `id`, `kind`, `name`, `attrs` plus `count`, `first`, `in_dateline`,
    /// `in_headline`, `in_lead`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyEntity::small_dict(self.entity.get().entity()?, py)?;
        d.set_item("count", self.count)?;
        d.set_item("first", self.first.get().to_dict(py)?)?;
        d.set_item("in_dateline", self.in_dateline)?;
        d.set_item("in_headline", self.in_headline)?;
        d.set_item("in_lead", self.in_lead)?;
        Ok(d)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "EntitySummary({}, count={})",
            pyrepr(py, self.entity.get().entity()?.id()),
            self.count
        ))
    }
});

#[derive(Debug)]
pub(crate) struct MentionC {
    pub c: CS,
    pub ids: Ids,
    pub via: &'static str,
    pub sentence: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct SummaryC {
    pub entity: u32,
    pub count: usize,
    pub first: CS,
    pub in_dateline: bool,
    pub in_headline: bool,
    pub in_lead: bool,
}

/// An annotated article with every span in bytes and code points.
#[derive(Debug)]
pub(crate) struct DocData {
    pub art: Arc<ArticleData>,
    pub mentions: Vec<MentionC>,
    pub summaries: Vec<SummaryC>,
    pub table: Table,
}

impl DocData {
    /// Runs without the GIL.
    pub(crate) fn new(text: String, doc: Document, table: Table) -> DocData {
        let (art, (mentions, summaries)) =
            ArticleData::new_with(text, doc.article().clone(), |ix, _| {
                let mentions = doc
                    .mentions()
                    .iter()
                    .map(|m| MentionC {
                        c: CS::new(ix, m.span()),
                        ids: m.entities().iter().map(|e| e.index() as u32).collect(),
                        via: m.via().as_str(),
                        sentence: m.sentence(),
                    })
                    .collect();
                let summaries = doc
                    .entities()
                    .iter()
                    .map(|s| SummaryC {
                        entity: s.entity().index() as u32,
                        count: s.count(),
                        first: CS::new(ix, s.first()),
                        in_dateline: s.in_dateline(),
                        in_headline: s.in_headline(),
                        in_lead: s.in_lead(),
                    })
                    .collect();
                (mentions, summaries)
            });
        DocData {
            art: Arc::new(art),
            mentions,
            summaries,
            table,
        }
    }

    pub(crate) fn entity_kind(&self, id: u32) -> &str {
        self.table.get(id as usize).map_or("", |e| e.kind())
    }
}

/// An annotated article: the parsed article, every mention, and a summary per entity.
#[pyclass(frozen, module = "newswire._native", name = "Document")]
pub struct PyDocument {
    pub(crate) data: Arc<DocData>,
    pub(crate) text: Py<PyString>,
}

impl PyDocument {
    /// `(text, article JSON, mentions, summaries, entities)`, with entity numbers local to
    /// the document so that it unpickles without the gazetteer.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let data = &self.data;
        let mut local: HashMap<u32, u32> = HashMap::new();
        let mut order: Vec<u32> = Vec::new();
        let mut map = |id: u32| {
            *local.entry(id).or_insert_with(|| {
                order.push(id);
                (order.len() - 1) as u32
            })
        };
        let mentions = data
            .mentions
            .iter()
            .map(|m| {
                // Tuples all the way down, so that the state hashes.
                let ids = PyTuple::new(py, m.ids.iter().map(|&i| map(i)))?;
                (m.c.bs, m.c.be, ids, m.via, m.sentence).into_pyobject(py)
            })
            .collect::<PyResult<Vec<_>>>()?;
        let summaries = data
            .summaries
            .iter()
            .map(|s| {
                (
                    map(s.entity),
                    s.count,
                    s.first.bs,
                    s.first.be,
                    s.in_dateline,
                    s.in_headline,
                    s.in_lead,
                )
            })
            .collect::<Vec<_>>();
        let entities = order
            .iter()
            .map(|&i| {
                Py::new(
                    py,
                    PyEntity {
                        table: data.table.clone(),
                        index: i as usize,
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        let article = data.art.state(py, &self.text)?;
        PyTuple::new(
            py,
            [
                article.get_item(0)?,
                article.get_item(1)?,
                PyTuple::new(py, mentions)?.into_any(),
                PyTuple::new(py, summaries)?.into_any(),
                PyTuple::new(py, entities)?.into_any(),
            ],
        )
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyDocument> {
        type M = (usize, usize, Vec<u32>, String, Option<usize>);
        type S = (u32, usize, usize, usize, bool, bool, bool);
        let py = state.py();
        type State<'py> = (
            Bound<'py, PyString>,
            String,
            Vec<M>,
            Vec<S>,
            Vec<Bound<'py, PyEntity>>,
        );
        let (text, json, mentions, summaries, entities): State<'_> = state.extract()?;
        let local = entities
            .iter()
            .map(|e| e.get().entity().cloned())
            .collect::<PyResult<Vec<Entity>>>()?;
        let n = local.len() as u32;
        let art = ArticleData::from_state(py, &text, &json)?;
        let bad = || PyValueError::new_err("bad pickled Document");
        let ix = CharIndex::new(&art.text);
        let cs = |bs: usize, be: usize| -> PyResult<CS> {
            if bs > be || !art.text.is_char_boundary(bs) || !art.text.is_char_boundary(be) {
                return Err(bad());
            }
            Ok(CS::new(&ix, Span::new(bs, be)))
        };
        let mentions = mentions
            .into_iter()
            .map(|(bs, be, ids, via, sentence)| {
                if ids.iter().any(|&i| i >= n) {
                    return Err(bad());
                }
                Ok(MentionC {
                    c: cs(bs, be)?,
                    ids: ids.into(),
                    via: via_static(&via)?,
                    sentence,
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        let summaries = summaries
            .into_iter()
            .map(
                |(entity, count, bs, be, in_dateline, in_headline, in_lead)| {
                    if entity >= n {
                        return Err(bad());
                    }
                    Ok(SummaryC {
                        entity,
                        count,
                        first: cs(bs, be)?,
                        in_dateline,
                        in_headline,
                        in_lead,
                    })
                },
            )
            .collect::<PyResult<Vec<_>>>()?;
        drop(ix);
        let data = DocData {
            art: Arc::new(art),
            mentions,
            summaries,
            table: Arc::new(Entities::Local(local)),
        };
        Ok(PyDocument {
            data: Arc::new(data),
            text: text.unbind(),
        })
    }
}

value_class!(PyDocument, "Document", {
    /// The text that was annotated.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }
    /// The parsed article.
    #[getter]
    fn article(&self, py: Python<'_>) -> PyArticle {
        PyArticle {
            data: self.data.art.clone(),
            text: self.text.clone_ref(py),
        }
    }
    /// Every mention, in text order.
    #[getter]
    fn mentions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let data = &self.data;
        let text = &data.art.text;
        let items = data
            .mentions
            .iter()
            .map(|m| {
                Py::new(
                    py,
                    PyMention {
                        start: m.c.cs,
                        end: m.c.ce,
                        text: PyString::new(py, m.c.slice(text)).unbind(),
                        table: data.table.clone(),
                        ids: m.ids.clone(),
                        via: m.via,
                        sentence: m.sentence,
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }
    /// One summary per entity mentioned, in order of first mention.
    #[getter]
    fn entities(&self, py: Python<'_>) -> PyResult<Vec<PyEntitySummary>> {
        let data = &self.data;
        data.summaries
            .iter()
            .map(|s| {
                Ok(PyEntitySummary {
                    entity: Py::new(
                        py,
                        PyEntity {
                            table: data.table.clone(),
                            index: s.entity as usize,
                        },
                    )?,
                    count: s.count,
                    first: data.art.span(py, s.first)?,
                    in_dateline: s.in_dateline,
                    in_headline: s.in_headline,
                    in_lead: s.in_lead,
                })
            })
            .collect()
    }
    /// The article's fields plus `mentions` and `entities`, as JSON-ready data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let data = &self.data;
        let d = data.art.to_dict(py)?;
        let mentions = PyList::empty(py);
        for m in &data.mentions {
            let text = PyString::new(py, m.c.slice(&data.art.text)).into_any();
            let fields = MentionFields {
                table: &data.table,
                ids: &m.ids,
                text,
                via: m.via,
                sentence: m.sentence,
            };
            mentions.append(mention_dict(py, m.c.cs, m.c.ce, fields)?)?;
        }
        d.set_item("mentions", mentions)?;
        let entities = PyList::empty(py);
        for s in &data.summaries {
            let Some(e) = data.table.get(s.entity as usize) else {
                continue;
            };
            let sd = PyEntity::small_dict(e, py)?;
            sd.set_item("count", s.count)?;
            sd.set_item("first", data.art.span_dict(py, s.first)?)?;
            sd.set_item("in_dateline", s.in_dateline)?;
            sd.set_item("in_headline", s.in_headline)?;
            sd.set_item("in_lead", s.in_lead)?;
            entities.append(sd)?;
        }
        d.set_item("entities", entities)?;
        Ok(d)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let art = crate::article::article_repr(py, &self.data.art);
        format!(
            "Document(mentions={}, entities={}, article={art})",
            self.data.mentions.len(),
            self.data.summaries.len()
        )
    }
    fn _repr_html_(&self) -> String {
        crate::html::document_html(&self.data)
    }
});
