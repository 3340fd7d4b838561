//! `newswire.Matcher`: build, find, annotate, annotate many texts in parallel, save and load
//! snapshots, pickle.

use std::path::PathBuf;
use std::sync::Arc;

use newswire::batch::Batch;
use newswire::offsets::{Converter, Offsets};
use newswire::records::MentionRecord;
use newswire::{CaseMode, Matcher, Overlaps, Parser};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyIterator, PyList, PyString, PyTuple};

use crate::arrow::{self, PyArrowAnnotations};
use crate::convert::{
    SnapshotBuf, date_arg, item_utf8, option_arg, pyrepr, reduce, snapshot_bytes, text_utf8,
    utf8_str,
};
use crate::data::Annotated;
use crate::document::PyDocument;
use crate::errors::{core_err, type_name};
use crate::found::PyMentions;
use crate::gazetteer::PyGazetteer;
use crate::stream::PyDocumentIterator;

/// Finds a gazetteer's entities in text. Share one matcher between threads and processes:
/// it pickles as its snapshot, and unpickles ready to match.
#[pyclass(frozen, module = "newswire._native", name = "Matcher")]
pub struct PyMatcher {
    inner: Matcher,
    /// The gazetteer it was built from (for a loaded matcher, its snapshot's), the same
    /// Python object every time.
    gazetteer: Py<PyGazetteer>,
}

impl PyMatcher {
    /// A matcher and the Python gazetteer that shows its entities.
    fn wrap(py: Python<'_>, inner: Matcher) -> PyResult<PyMatcher> {
        let gazetteer = Py::new(py, PyGazetteer::new(inner.gazetteer().clone()))?;
        Ok(PyMatcher { inner, gazetteer })
    }

    /// `(gazetteer, tables)`: the gazetteer object (which pickles as its own snapshot, so
    /// that a gazetteer pickled beside its matcher comes back as the matcher's and is stored
    /// once), and the snapshot of the matcher's tables alone, written straight into the
    /// `bytes` object; both load without building or parsing anything.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let tables = py.detach(|| self.inner.tables_snapshot());
        let bytes = snapshot_bytes(py, &tables)?;
        let items = [self.gazetteer.bind(py).clone().into_any(), bytes.into_any()];
        PyTuple::new(py, items)
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyMatcher> {
        let py = state.py();
        let (gazetteer, bytes): (Bound<'_, PyGazetteer>, Bound<'_, PyBytes>) = state.extract()?;
        let bytes = SnapshotBuf::new(&bytes);
        let g = gazetteer.get().inner().clone();
        let inner = py
            .detach(|| Matcher::from_tables(g, bytes))
            .map_err(core_err)?;
        Ok(PyMatcher {
            inner,
            gazetteer: gazetteer.unbind(),
        })
    }
}

/// The records of `find` on `s`, and the copy of the text they slice (none when there are
/// none): made without the GIL.
fn find_records(matcher: &Matcher, s: &str) -> (Vec<MentionRecord>, Arc<str>) {
    let matches = matcher.find(s);
    if matches.is_empty() {
        return (Vec::new(), Arc::from(""));
    }
    let conv = Converter::new(s, Offsets::Chars);
    let records = (matches.iter())
        .map(|m| MentionRecord::from_match(m, &conv))
        .collect();
    (records, s.into())
}

/// A Python iterable of kinds as strings; `None` when not given.
fn kinds_arg(kinds: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Vec<String>>> {
    let Some(kinds) = kinds.filter(|k| !k.is_none()) else {
        return Ok(None);
    };
    if kinds.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a str"
        )));
    }
    let mut out = Vec::new();
    for kind in PyIterator::from_object(kinds)? {
        let kind = kind?;
        let kind = kind.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("{what} must be str, not {}", type_name(&kind)))
        })?;
        out.push(kind.to_cow()?.into_owned());
    }
    Ok(Some(out))
}

#[pymethods]
impl PyMatcher {
    /// Compile `gazetteer`. The filter options (`stop_list`, `min_alias_len`,
    /// `include_kinds`, `exclude_kinds`) each change that part of the gazetteer's own
    /// alias filter; left as `None`, the part stays as the gazetteer has it.
    #[new]
    #[pyo3(signature = (
        gazetteer, *, case = "smart", overlaps = "longest", variants = true, fold_diacritics = true,
        stop_list = None, min_alias_len = None, include_kinds = None, exclude_kinds = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        gazetteer: &Bound<'_, PyAny>,
        case: &str,
        overlaps: &str,
        variants: bool,
        fold_diacritics: bool,
        stop_list: Option<bool>,
        min_alias_len: Option<i64>,
        include_kinds: Option<&Bound<'_, PyAny>>,
        exclude_kinds: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyMatcher> {
        let py = gazetteer.py();
        let gazetteer = gazetteer.cast::<PyGazetteer>().map_err(|_| {
            PyTypeError::new_err(format!(
                "gazetteer must be a newswire.Gazetteer, not {}",
                type_name(gazetteer)
            ))
        })?;
        let mut builder = Matcher::builder();
        builder
            .case(option_arg::<CaseMode>("case", case)?)
            .overlaps(option_arg::<Overlaps>("overlaps", overlaps)?)
            .variants(variants)
            .fold_diacritics(fold_diacritics);
        if let Some(yes) = stop_list {
            builder.stop_list(yes);
        }
        if let Some(n) = min_alias_len {
            let n = usize::try_from(n).map_err(|_| {
                PyValueError::new_err(format!("min_alias_len must be at least 0, not {n}"))
            })?;
            builder.min_alias_len(n);
        }
        if let Some(kinds) = kinds_arg(include_kinds, "include_kinds")? {
            builder.include_kinds(kinds);
        }
        if let Some(kinds) = kinds_arg(exclude_kinds, "exclude_kinds")? {
            builder.exclude_kinds(kinds);
        }
        let arc = gazetteer.get().inner().clone();
        let inner = py.detach(|| builder.build(arc)).map_err(core_err)?;
        Ok(PyMatcher {
            inner,
            gazetteer: gazetteer.clone().unbind(),
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(py, "Matcher", self.state(py)?)
    }

    /// Write the matcher's snapshot to `path`: its compiled tables, its whole gazetteer and
    /// its options. The same gazetteer and options always give the same bytes.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save(&path)).map_err(core_err)
    }

    /// A matcher from a snapshot file made by `save`, memory-mapped: nothing is built, and
    /// processes that load one file share one copy of it. A file that is not a snapshot,
    /// or is truncated, corrupt or of a newer format, raises `ValueError`. The file must not
    /// change while the matcher is in use (replace it by renaming, as `save` does).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<PyMatcher> {
        let inner = py.detach(|| Matcher::load(&path)).map_err(core_err)?;
        PyMatcher::wrap(py, inner)
    }

    /// The gazetteer this matcher was built from.
    #[getter]
    fn gazetteer(&self, py: Python<'_>) -> Py<PyGazetteer> {
        self.gazetteer.clone_ref(py)
    }
    #[getter]
    fn case(&self) -> &'static str {
        self.inner.case().as_str()
    }
    #[getter]
    fn overlaps(&self) -> &'static str {
        self.inner.overlaps().as_str()
    }
    #[getter]
    fn variants(&self) -> bool {
        self.inner.variants()
    }
    #[getter]
    fn fold_diacritics(&self) -> bool {
        self.inner.folds_diacritics()
    }

    /// Every mention in `text`, in text order: matching alone, no article parse. The
    /// result is a sequence whose `Mention` objects are made as they are read.
    fn find(&self, text: &Bound<'_, PyAny>) -> PyResult<PyMentions> {
        let py = text.py();
        let utf8 = text_utf8(text, "text")?;
        let s = utf8_str(&utf8)?;
        let (records, text) = py.detach(|| find_records(&self.inner, s));
        Ok(PyMentions::new(
            records,
            text,
            self.inner.gazetteer().clone(),
        ))
    }

    /// `find` on every text of a list (or other iterable of str) at once, on `threads`
    /// worker threads (None: one per core), the GIL released once for them all. One
    /// `Mentions` per text, in input order.
    #[pyo3(signature = (texts, threads = None))]
    fn find_many<'py>(
        &self,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
    ) -> PyResult<Bound<'py, PyList>> {
        let py = texts.py();
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts must be an iterable of str, not a str",
            ));
        }
        let engine = arrow::engine(threads)?;
        // The UTF-8 copies stay alive here while the workers read them.
        let mut utf8 = Vec::new();
        for (n, item) in texts.try_iter()?.enumerate() {
            utf8.push(item_utf8(&item?, "texts", n)?);
        }
        let strs = utf8.iter().map(utf8_str).collect::<PyResult<Vec<&str>>>()?;
        let inner = &self.inner;
        let results = py.detach(|| engine.map(&strs, |s| find_records(inner, s)));
        let gazetteer = self.inner.gazetteer();
        let found = (results.into_iter())
            .map(|r| {
                let (records, text) = r.map_err(core_err)?;
                Py::new(py, PyMentions::new(records, text, gazetteer.clone()))
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, found)
    }

    /// Parse `text` and find its mentions, linked through the article's acronyms and
    /// earlier full names.
    #[pyo3(signature = (text, reference_date = None))]
    fn annotate(
        &self,
        text: &Bound<'_, PyAny>,
        reference_date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDocument> {
        let py = text.py();
        let utf8 = text_utf8(text, "text")?;
        let s = utf8_str(&utf8)?;
        let parser = reference_date
            .map(|d| date_arg(d).map(|d| Parser::builder().reference_date(d).build()))
            .transpose()?;
        let data = py.detach(|| {
            let document = match &parser {
                Some(p) => self.inner.annotate_with(p, s),
                None => self.inner.annotate(s),
            };
            Annotated::new(s.into(), &document)
        });
        // `text` is a str here: `text_utf8` checked it.
        let text = text.cast::<PyString>()?.clone().unbind();
        Ok(PyDocument::new(data, text))
    }

    /// Annotate every text of an iterable on `threads` worker threads (None: one per core).
    /// Returns an iterator of documents in input order, working through the input a chunk
    /// at a time. With `errors="return"`, an item that fails (a `TypeError` for one that is
    /// not a `str`) gives its exception object in its place instead of raising it.
    ///
    /// With `near_duplicates=True`, each document's `duplicate_of` lists the earlier texts
    /// it nearly duplicates (`dedup_options`: the keyword arguments of
    /// `newswire.near_duplicates`, such as `threshold` and `window`).
    #[pyo3(signature = (texts, threads = None, errors = "raise", reference_date = None,
                        near_duplicates = false, dedup_options = None))]
    #[allow(clippy::too_many_arguments)]
    fn annotate_many(
        &self,
        texts: &Bound<'_, PyAny>,
        threads: Option<i64>,
        errors: &str,
        reference_date: Option<&Bound<'_, PyAny>>,
        near_duplicates: bool,
        dedup_options: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<PyDocumentIterator> {
        let dedup = if near_duplicates {
            Some(crate::dedup::options_from_dict(dedup_options)?)
        } else {
            None
        };
        let return_errors = match errors {
            "raise" => false,
            "return" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be 'raise' or 'return', not {other:?}"
                )));
            }
        };
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts must be an iterable of str, not a str",
            ));
        }
        let threads = match threads {
            None => None,
            Some(n) if n >= 1 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            Some(n) => {
                return Err(PyValueError::new_err(format!(
                    "threads must be at least 1, or None, not {n}"
                )));
            }
        };
        let mut builder = Batch::builder();
        // The engine's 0 is one thread per core, what Python's None means.
        builder.threads(threads.unwrap_or(0));
        if let Some(d) = reference_date {
            builder.parser(Parser::builder().reference_date(date_arg(d)?).build());
        }
        let batch = builder.build().map_err(core_err)?;
        let source = PyIterator::from_object(texts).map_err(|_| {
            PyTypeError::new_err(format!(
                "texts must be an iterable of str, not {}",
                type_name(texts)
            ))
        })?;
        let matcher = self.inner.clone();
        Ok(PyDocumentIterator::new(
            &batch,
            matcher,
            source.unbind(),
            return_errors,
            dedup,
        ))
    }

    /// The mentions of every row of an Arrow table, record batch or stream (anything with
    /// `__arrow_c_stream__` or `__arrow_c_array__`), matching alone, as a pyarrow table (a
    /// `pyarrow.RecordBatchReader` for a stream). See python/README.md for the schema.
    #[pyo3(signature = (data, *, text = "text", id = None, threads = None, offsets = "chars"))]
    fn find_arrow<'py>(
        &self,
        data: &Bound<'py, PyAny>,
        text: &str,
        id: Option<&str>,
        threads: Option<i64>,
        offsets: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let args = arrow::Args {
            text,
            id,
            threads,
            offsets,
        };
        let (mentions, _) = arrow::run(&self.inner, data, args, arrow::Mode::Find)?;
        Ok(mentions)
    }

    /// Annotate every row of an Arrow table, record batch or stream: `.mentions` (one row
    /// per mention) and `.articles` (one row per input row, with the error of a bad row),
    /// pyarrow tables, or record batch readers for a stream (read them side by side).
    #[pyo3(signature = (data, *, text = "text", id = None, threads = None, offsets = "chars"))]
    fn annotate_arrow<'py>(
        &self,
        data: &Bound<'py, PyAny>,
        text: &str,
        id: Option<&str>,
        threads: Option<i64>,
        offsets: &str,
    ) -> PyResult<PyArrowAnnotations> {
        let args = arrow::Args {
            text,
            id,
            threads,
            offsets,
        };
        let (mentions, articles) = arrow::run(&self.inner, data, args, arrow::Mode::Annotate)?;
        let articles = articles.unwrap_or_else(|| data.py().None().into_bound(data.py()));
        Ok(PyArrowAnnotations::new(mentions, articles))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let gazetteer = (self.gazetteer.bind(py).repr())
            .map(|r| r.to_string())
            .unwrap_or_default();
        let m = &self.inner;
        let yes = |b: bool| if b { "True" } else { "False" };
        format!(
            "Matcher({gazetteer}, case={}, overlaps={}, variants={}, fold_diacritics={})",
            pyrepr(py, m.case().as_str()),
            pyrepr(py, m.overlaps().as_str()),
            yes(m.variants()),
            yes(m.folds_diacritics())
        )
    }
}

/// The matcher's raw byte spans (for tests that check the code-point conversion).
#[pyfunction]
pub(crate) fn _find_byte_spans(
    matcher: &Bound<'_, PyMatcher>,
    text: &Bound<'_, PyAny>,
) -> PyResult<Vec<(usize, usize)>> {
    let py = matcher.py();
    let utf8 = text_utf8(text, "text")?;
    let s = utf8_str(&utf8)?;
    let inner = &matcher.get().inner;
    Ok(py.detach(|| inner.find(s).iter().map(|m| (m.start(), m.end())).collect()))
}
