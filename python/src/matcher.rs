//! `newswire.Matcher`: find, annotate, and annotate many texts in parallel.

use std::collections::VecDeque;
use std::sync::Arc;

use newswire::batch::Batch;
use newswire::offsets::CharIndex;
use newswire::{CaseMode, Matcher, Overlaps, Parser};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList, PyString, PyTuple};

use crate::convert::{
    CS, Ids, Table, core_err, date_arg, pyrepr, reduce, text_arg, text_utf8, type_name, utf8_str,
};
use crate::document::{DocData, PyDocument, PyMention};
use crate::gazetteer::PyGazetteer;

/// Texts handed to the worker threads at once, per thread: enough to keep them busy,
/// few enough that an endless stream stays in bounded memory.
const CHUNK_PER_THREAD: usize = 256;
/// A chunk also ends once it holds this many bytes of text, per thread.
const CHUNK_BYTES_PER_THREAD: usize = 4 << 20;

fn case_arg(case: &str) -> PyResult<CaseMode> {
    match case {
        "smart" => Ok(CaseMode::Smart),
        "exact" => Ok(CaseMode::Exact),
        "insensitive" => Ok(CaseMode::Insensitive),
        other => Err(PyValueError::new_err(format!(
            "case must be 'smart', 'exact' or 'insensitive', not {other:?}"
        ))),
    }
}

fn overlaps_arg(overlaps: &str) -> PyResult<Overlaps> {
    match overlaps {
        "longest" => Ok(Overlaps::Longest),
        "all" => Ok(Overlaps::All),
        other => Err(PyValueError::new_err(format!(
            "overlaps must be 'longest' or 'all', not {other:?}"
        ))),
    }
}

/// The options a matcher was made with, kept to rebuild it when unpickled.
#[derive(Clone, Debug)]
struct Options {
    case: String,
    overlaps: String,
    variants: bool,
    fold_diacritics: bool,
    stop_list: Option<bool>,
    min_alias_len: Option<usize>,
    include_kinds: Option<Vec<String>>,
    exclude_kinds: Option<Vec<String>>,
}

/// Finds a gazetteer's entities in text. Share one matcher between threads and processes
/// (it pickles as its gazetteer and options).
#[pyclass(frozen, module = "newswire._native", name = "Matcher")]
pub struct PyMatcher {
    inner: Arc<Matcher>,
    gazetteer: Py<PyGazetteer>,
    table: Table,
    options: Options,
}

impl PyMatcher {
    fn build(
        py: Python<'_>,
        gazetteer: Bound<'_, PyGazetteer>,
        options: Options,
    ) -> PyResult<PyMatcher> {
        let mut builder = Matcher::builder();
        builder
            .case(case_arg(&options.case)?)
            .overlaps(overlaps_arg(&options.overlaps)?)
            .variants(options.variants)
            .fold_diacritics(options.fold_diacritics);
        let gaz = gazetteer.get();
        if options.stop_list.is_some()
            || options.min_alias_len.is_some()
            || options.include_kinds.is_some()
            || options.exclude_kinds.is_some()
        {
            let mut filter = gaz.inner.filter().clone();
            if let Some(yes) = options.stop_list {
                filter = filter.stop_list(yes);
            }
            if let Some(n) = options.min_alias_len {
                filter = filter.min_len(n);
            }
            if let Some(kinds) = &options.include_kinds {
                filter = filter.include_kinds(kinds.iter().cloned());
            }
            if let Some(kinds) = &options.exclude_kinds {
                filter = filter.exclude_kinds(kinds.iter().cloned());
            }
            builder.filter(filter);
        }
        let arc = gaz.inner.clone();
        let inner = py.detach(move || builder.build(arc)).map_err(core_err)?;
        Ok(PyMatcher {
            inner: Arc::new(inner),
            table: gaz.table.clone(),
            gazetteer: gazetteer.unbind(),
            options,
        })
    }

    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let o = &self.options;
        let items: [Bound<'py, PyAny>; 9] = [
            self.gazetteer.bind(py).clone().into_any(),
            PyString::new(py, &o.case).into_any(),
            PyString::new(py, &o.overlaps).into_any(),
            o.variants.into_pyobject(py)?.to_owned().into_any(),
            o.fold_diacritics.into_pyobject(py)?.to_owned().into_any(),
            o.stop_list.into_pyobject(py)?.into_any(),
            o.min_alias_len.into_pyobject(py)?.into_any(),
            o.include_kinds.clone().into_pyobject(py)?.into_any(),
            o.exclude_kinds.clone().into_pyobject(py)?.into_any(),
        ];
        PyTuple::new(py, items)
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyMatcher> {
        let (
            gazetteer,
            case,
            overlaps,
            variants,
            fold_diacritics,
            stop_list,
            min_alias_len,
            include_kinds,
            exclude_kinds,
        ) = state.extract()?;
        let options = Options {
            case,
            overlaps,
            variants,
            fold_diacritics,
            stop_list,
            min_alias_len,
            include_kinds,
            exclude_kinds,
        };
        PyMatcher::build(state.py(), gazetteer, options)
    }

    /// The matches of `text` as (code-point span, candidate indices); runs without the GIL.
    fn find_spans(&self, text: &str) -> Vec<(CS, Ids)> {
        let matches = self.inner.find(text);
        let ix = CharIndex::new(text);
        matches
            .iter()
            .map(|m| {
                (
                    CS::new(&ix, m.span()),
                    m.entities().iter().map(|e| e.index() as u32).collect(),
                )
            })
            .collect()
    }

    pub(crate) fn byte_spans(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<(usize, usize)>> {
        let s = text_arg(text, "text")?;
        Ok(py.detach(|| {
            self.inner
                .find(&s)
                .iter()
                .map(|m| (m.start(), m.end()))
                .collect()
        }))
    }
}

fn kinds_arg(kinds: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Vec<String>>> {
    let Some(kinds) = kinds else { return Ok(None) };
    if kinds.is_none() {
        return Ok(None);
    }
    if kinds.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a str"
        )));
    }
    let mut out = Vec::new();
    for k in PyIterator::from_object(kinds)? {
        let k = k?;
        out.push(text_arg(&k, what)?.into_owned());
    }
    Ok(Some(out))
}

#[pymethods]
impl PyMatcher {
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
        let options = Options {
            case: case.to_string(),
            overlaps: overlaps.to_string(),
            variants,
            fold_diacritics,
            stop_list,
            min_alias_len: min_alias_len
                .map(|n| {
                    usize::try_from(n).map_err(|_| {
                        PyValueError::new_err(format!("min_alias_len must be at least 0, not {n}"))
                    })
                })
                .transpose()?,
            include_kinds: kinds_arg(include_kinds, "include_kinds")?,
            exclude_kinds: kinds_arg(exclude_kinds, "exclude_kinds")?,
        };
        case_arg(case)?;
        overlaps_arg(overlaps)?;
        PyMatcher::build(py, gazetteer.clone(), options)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(py, "Matcher", self.state(py)?)
    }

    /// The gazetteer this matcher was built from.
    #[getter]
    fn gazetteer(&self, py: Python<'_>) -> Py<PyGazetteer> {
        self.gazetteer.clone_ref(py)
    }
    #[getter]
    fn case(&self) -> &str {
        &self.options.case
    }
    #[getter]
    fn overlaps(&self) -> &str {
        &self.options.overlaps
    }
    #[getter]
    fn variants(&self) -> bool {
        self.options.variants
    }
    #[getter]
    fn fold_diacritics(&self) -> bool {
        self.options.fold_diacritics
    }

    /// Every mention in `text`, in text order: matching alone, no article parse.
    fn find<'py>(&self, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let utf8 = text_utf8(text, "text")?;
        let s = utf8_str(&utf8)?;
        let spans = py.detach(|| self.find_spans(s));
        let mut out = Vec::with_capacity(spans.len());
        for (c, ids) in spans {
            out.push(Py::new(
                py,
                PyMention {
                    start: c.cs,
                    end: c.ce,
                    text: PyString::new(py, c.slice(s)).unbind(),
                    table: self.table.clone(),
                    ids,
                    via: "gazetteer",
                    sentence: None,
                },
            )?);
        }
        PyList::new(py, out)
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
        let s = text_arg(text, "text")?.into_owned();
        let parser = reference_date
            .map(|d| date_arg(d).map(|d| Parser::builder().reference_date(d).build()))
            .transpose()?;
        let matcher = &self.inner;
        let table = self.table.clone();
        let data = py.detach(move || {
            let doc = match &parser {
                Some(p) => matcher.annotate_with(p, &s),
                None => matcher.annotate(&s),
            };
            DocData::new(s, doc, table)
        });
        let text = text.cast::<PyString>()?.clone().unbind();
        Ok(PyDocument {
            data: Arc::new(data),
            text,
        })
    }

    /// Annotate every text of an iterable on `threads` worker threads (None: one per core).
    /// Returns an iterator of documents in input order, working through the input a chunk
    /// at a time. With `errors="return"`, an item that fails (a `TypeError` for one that is
    /// not a `str`) gives its exception object in its place instead of raising it.
    #[pyo3(signature = (texts, threads = None, errors = "raise", reference_date = None))]
    fn annotate_many(
        &self,
        texts: &Bound<'_, PyAny>,
        threads: Option<i64>,
        errors: &str,
        reference_date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDocumentIterator> {
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
            None => 0,
            Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
            Some(n) => {
                return Err(PyValueError::new_err(format!(
                    "threads must be at least 1, or None, not {n}"
                )));
            }
        };
        let workers = if threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            threads
        };
        let mut builder = Batch::builder();
        builder.threads(threads);
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
        Ok(PyDocumentIterator {
            matcher: self.inner.clone(),
            table: self.table.clone(),
            batch: Arc::new(batch),
            source: Some(source.unbind()),
            chunk: CHUNK_PER_THREAD.saturating_mul(workers.min(256)),
            chunk_bytes: CHUNK_BYTES_PER_THREAD.saturating_mul(workers.min(256)),
            return_errors,
            ready: VecDeque::new(),
            pending: None,
            in_flight: None,
            position: 0,
        })
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let gaz = self
            .gazetteer
            .bind(py)
            .repr()
            .map(|r| r.to_string())
            .unwrap_or_default();
        let o = &self.options;
        format!(
            "Matcher({gaz}, case={}, overlaps={}, variants={}, fold_diacritics={})",
            pyrepr(py, &o.case),
            pyrepr(py, &o.overlaps),
            if o.variants { "True" } else { "False" },
            if o.fold_diacritics { "True" } else { "False" }
        )
    }
}

/// The documents of `Matcher.annotate_many`, in input order.
///
/// Pipelined: while Python works through the documents of one chunk, the next chunk is
/// already being annotated on the worker threads.
#[pyclass(module = "newswire._native", name = "DocumentIterator")]
pub struct PyDocumentIterator {
    matcher: Arc<Matcher>,
    table: Table,
    batch: Arc<Batch>,
    source: Option<Py<PyIterator>>,
    chunk: usize,
    chunk_bytes: usize,
    return_errors: bool,
    ready: VecDeque<Py<PyAny>>,
    pending: Option<PyErr>,
    in_flight: Option<Job>,
    position: usize,
}

enum Slot {
    Text(Py<PyString>),
    Error(Py<PyAny>),
}

type Annotated = Vec<Result<DocData, newswire::Error>>;

/// One chunk of the input: its items, the thread annotating its texts, and the error that
/// ends the input after it, if any.
struct Job {
    slots: Vec<Slot>,
    worker: Option<std::thread::JoinHandle<Annotated>>,
    then: Option<PyErr>,
}

impl PyDocumentIterator {
    /// Take the next chunk of the input and start annotating it in the background.
    fn start_chunk(&mut self, py: Python<'_>) -> PyResult<Option<Job>> {
        let Some(source) = self.source.as_ref() else {
            return Ok(None);
        };
        let mut source = source.bind(py).clone();
        let mut slots: Vec<Slot> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut then = None;
        let mut bytes = 0usize;
        while slots.len() < self.chunk && bytes < self.chunk_bytes {
            let item = match source.next() {
                None => {
                    self.source = None;
                    break;
                }
                Some(Err(e)) => {
                    // Whatever came before the failure is still delivered, then the error.
                    then = Some(e);
                    break;
                }
                Some(Ok(item)) => item,
            };
            let position = self.position + slots.len();
            let err = match item.cast::<PyString>() {
                Ok(s) => match s.to_cow() {
                    Ok(t) => {
                        bytes += t.len();
                        texts.push(t.into_owned());
                        slots.push(Slot::Text(s.clone().unbind()));
                        continue;
                    }
                    Err(e) => PyValueError::new_err(format!("texts[{position}]: {}", e.value(py))),
                },
                Err(_) => PyTypeError::new_err(format!(
                    "texts[{position}] must be str, not {}",
                    type_name(&item)
                )),
            };
            if self.return_errors {
                slots.push(Slot::Error(err.into_value(py).into_any()));
            } else {
                then = Some(err);
                break;
            }
        }
        if then.is_some() {
            self.source = None;
        }
        self.position += slots.len();
        if slots.is_empty() && then.is_none() {
            return Ok(None);
        }
        let worker = if texts.is_empty() {
            None
        } else {
            let (matcher, table, batch) =
                (self.matcher.clone(), self.table.clone(), self.batch.clone());
            let spawned = std::thread::Builder::new()
                .name("newswire-batch".to_string())
                .spawn(move || {
                    let docs = batch.annotate(&matcher, &texts);
                    docs.into_iter()
                        .zip(texts)
                        .map(|(d, t)| d.map(|d| DocData::new(t, d, table.clone())))
                        .collect()
                })
                .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread: {e}")))?;
            Some(spawned)
        };
        Ok(Some(Job {
            slots,
            worker,
            then,
        }))
    }

    /// Finish the chunk in flight (starting the next one first), queue its results.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let job = match self.in_flight.take() {
            Some(job) => job,
            None => match self.start_chunk(py)? {
                Some(job) => job,
                None => return Ok(()),
            },
        };
        if job.then.is_none() {
            self.in_flight = self.start_chunk(py)?;
        }
        let docs: Annotated = match job.worker {
            Some(worker) => py
                .detach(move || worker.join())
                .map_err(|_| PyRuntimeError::new_err("a batch worker thread panicked"))?,
            None => Vec::new(),
        };
        let mut docs = docs.into_iter();
        for slot in job.slots {
            match slot {
                Slot::Text(text) => match docs.next() {
                    Some(Ok(data)) => {
                        let doc = PyDocument {
                            data: Arc::new(data),
                            text,
                        };
                        self.ready.push_back(Py::new(py, doc)?.into_any());
                    }
                    Some(Err(e)) => {
                        let err = core_err(e);
                        if self.return_errors {
                            self.ready.push_back(err.into_value(py).into_any());
                        } else {
                            // Stop at the failure, as a plain loop over `annotate` would.
                            self.pending = Some(err);
                            self.source = None;
                            self.in_flight = None;
                            return Ok(());
                        }
                    }
                    None => {
                        let msg = "the batch returned fewer documents than texts";
                        return Err(PyRuntimeError::new_err(msg));
                    }
                },
                Slot::Error(e) => self.ready.push_back(e),
            }
        }
        self.pending = job.then;
        Ok(())
    }
}

#[pymethods]
impl PyDocumentIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>) -> PyResult<Option<Py<PyAny>>> {
        let py = slf.py();
        loop {
            if let Some(item) = slf.ready.pop_front() {
                return Ok(Some(item));
            }
            if let Some(err) = slf.pending.take() {
                return Err(err);
            }
            if slf.source.is_none() && slf.in_flight.is_none() {
                return Ok(None);
            }
            slf.fill(py)?;
        }
    }
}

/// The matcher's raw byte spans (for tests that check the code-point conversion).
#[pyfunction]
pub(crate) fn _find_byte_spans(
    py: Python<'_>,
    matcher: &Bound<'_, PyMatcher>,
    text: &Bound<'_, PyAny>,
) -> PyResult<Vec<(usize, usize)>> {
    matcher.get().byte_spans(py, text)
}
