//! Arrow in, Arrow out: `Matcher.find_arrow`, `Matcher.annotate_arrow`, and the mentions
//! table of `Document`s that `newswire.to_pandas` and `to_polars` are made from.
//!
//! Input comes through the Arrow PyCapsule interface (pyo3-arrow): any object with
//! `__arrow_c_stream__` or `__arrow_c_array__` (pyarrow, Polars, DuckDB, ...). Its text
//! column is read where it is, never copied into Python strings. Output is pyarrow: tables
//! for a table or a record batch in (anything with a length), record batch readers for a
//! stream in (an object with `__arrow_c_stream__` and no length, such as
//! `pyarrow.RecordBatchReader`). The schemas are in `tables`, documented in
//! python/README.md.
//!
//! ```text
//! input   the caller's object → batches → slabs of rows
//! run     slabs on the batch engine; a slab's tables per worker; batches put together
//! tables  the two schemas and their builders
//! ```

pub(crate) mod input;
mod run;
mod tables;

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::ArrowError;
use newswire::Matcher;
use newswire::batch::Batch;
use newswire::offsets::Offsets;
use pyo3::exceptions::{PyImportError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyTuple};
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PyRecordBatchReader, PyTable};

use crate::document::PyDocument;
use crate::errors::type_name;
use input::{Columns, Part, check_schema};
pub(crate) use run::Mode;
use run::{Job, run_stream, run_table};
use tables::{Mentions, articles_schema, mentions_schema};

/// An Arrow error as a Python exception: a text column of the wrong type (in a batch of a
/// stream) is a `TypeError`, anything else a `ValueError` with Arrow's message (an external
/// error, such as a text column that is not UTF-8, with its own message alone).
pub(crate) fn arrow_err(e: ArrowError) -> PyErr {
    match e {
        ArrowError::InvalidArgumentError(msg) => PyTypeError::new_err(msg),
        ArrowError::ExternalError(inner) => PyValueError::new_err(inner.to_string()),
        other => PyValueError::new_err(other.to_string()),
    }
}

/// pyarrow, which the results are made of; a clear `ImportError` without it.
fn need_pyarrow(py: Python<'_>, what: &str) -> PyResult<()> {
    py.import(intern!(py, "pyarrow")).map(drop).map_err(|e| {
        let err = PyImportError::new_err(format!(
            "{what} returns pyarrow tables, and pyarrow is not installed: pip install 'newswire[arrow]'"
        ));
        err.set_cause(py, Some(e));
        err
    })
}

/// The arguments `find_arrow` and `annotate_arrow` share.
pub(crate) struct Args<'a> {
    pub text: &'a str,
    pub id: Option<&'a str>,
    pub threads: Option<i64>,
    pub offsets: &'a str,
}

fn unit(offsets: &str) -> PyResult<Offsets> {
    match offsets {
        "chars" => Ok(Offsets::Chars),
        "bytes" => Ok(Offsets::Bytes),
        other => Err(PyValueError::new_err(format!(
            "offsets must be 'chars' or 'bytes', not {other:?}"
        ))),
    }
}

/// The batch engine for `threads` (None: one per core).
pub(crate) fn engine(threads: Option<i64>) -> PyResult<Batch> {
    let n = match threads {
        None => 0,
        Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
        Some(n) => {
            return Err(PyValueError::new_err(format!(
                "threads must be at least 1, or None, not {n}"
            )));
        }
    };
    let mut builder = Batch::builder();
    builder.threads(n);
    builder.build().map_err(crate::errors::core_err)
}

/// The data argument as Arrow: its batches, and whether it is a stream.
fn read(data: &Bound<'_, PyAny>, columns: &Columns) -> PyResult<(AnyRecordBatch, bool)> {
    let py = data.py();
    let read: Vec<&str> = std::iter::once(columns.text.as_str())
        .chain(columns.id.as_deref())
        .collect();
    let input = input::import(data, &read, None)?.ok_or_else(|| {
        PyTypeError::new_err(format!(
            "data must be an Arrow table, record batch or stream (an object with \
             __arrow_c_stream__ or __arrow_c_array__: pyarrow, Polars, DuckDB, ...), not {}",
            type_name(data)
        ))
    })?;
    let stream =
        matches!(input, AnyRecordBatch::Stream(_)) && !data.hasattr(intern!(py, "__len__"))?;
    Ok((input, stream))
}

/// `find_arrow` (`Mode::Find`: mentions, `None`) and `annotate_arrow` (`Mode::Annotate`:
/// mentions and articles) on `data`, the GIL released while the engine works.
pub(crate) fn run<'py>(
    matcher: &Matcher,
    data: &Bound<'py, PyAny>,
    args: Args<'_>,
    mode: Mode,
) -> PyResult<(Bound<'py, PyAny>, Option<Bound<'py, PyAny>>)> {
    let py = data.py();
    let what = match mode {
        Mode::Find => "Matcher.find_arrow",
        Mode::Annotate => "Matcher.annotate_arrow",
    };
    need_pyarrow(py, what)?;
    let unit = unit(args.offsets)?;
    let engine = engine(args.threads)?;
    let columns = Columns {
        text: args.text.to_owned(),
        id: args.id.map(str::to_owned),
    };
    let (input, stream) = read(data, &columns)?;
    let schema = input.schema()?;
    let id_type = check_schema(&schema, &columns)?;
    let job = Job {
        matcher: matcher.clone(),
        parser: engine.parser().clone(),
        unit,
        mode,
        mentions: mentions_schema(id_type.as_ref()),
        articles: articles_schema(id_type.as_ref()),
    };
    let reader = input.into_reader()?;
    if stream {
        let (mentions, articles) = run_stream(job, &engine, reader, columns);
        let mentions = PyRecordBatchReader::new(mentions).into_pyarrow(py)?;
        let articles = (articles)
            .map(|a| PyRecordBatchReader::new(a).into_pyarrow(py))
            .transpose()?;
        return Ok((mentions, articles));
    }
    let (mentions, articles) = py
        .detach(|| -> Result<_, ArrowError> {
            let mut parts = Vec::new();
            let mut rows = 0i64;
            for batch in reader {
                let part = Part::new(&batch?, &columns, rows)?;
                rows += part.rows() as i64;
                parts.push(Arc::new(part));
            }
            run_table(&job, &engine, &parts)
        })
        .map_err(arrow_err)?;
    let table = |batches: Vec<RecordBatch>, schema| -> PyResult<Bound<'py, PyAny>> {
        PyTable::try_new(batches, schema)?.into_pyarrow(py)
    };
    let mentions_table = table(mentions, job.mentions.clone())?;
    let articles_table = match mode {
        Mode::Annotate => Some(table(articles, job.articles.clone())?),
        Mode::Find => None,
    };
    Ok((mentions_table, articles_table))
}

/// What `annotate_arrow` returns: the mentions and the articles, as pyarrow tables (for a
/// table in) or record batch readers (for a stream in).
#[pyclass(frozen, module = "newswire._native", name = "ArrowAnnotations")]
pub struct PyArrowAnnotations {
    /// One row per mention.
    #[pyo3(get)]
    mentions: Py<PyAny>,
    /// One row per input row.
    #[pyo3(get)]
    articles: Py<PyAny>,
}

impl PyArrowAnnotations {
    pub(crate) fn new(mentions: Bound<'_, PyAny>, articles: Bound<'_, PyAny>) -> Self {
        PyArrowAnnotations {
            mentions: mentions.unbind(),
            articles: articles.unbind(),
        }
    }

    /// Back from `(mentions, articles)`, its pickled state.
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let (mentions, articles): (Bound<'_, PyAny>, Bound<'_, PyAny>) = state.extract()?;
        Ok(PyArrowAnnotations::new(mentions, articles))
    }
}

#[pymethods]
impl PyArrowAnnotations {
    /// Pickles as its two results (tables pickle; a stream's readers do not, as pyarrow's
    /// own readers do not), so that a worker process can send it back.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let state = PyTuple::new(
            py,
            [self.mentions.clone_ref(py), self.articles.clone_ref(py)],
        )?;
        crate::convert::reduce(py, "ArrowAnnotations", state)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let name = |obj: &Py<PyAny>| type_name(obj.bind(py));
        format!(
            "ArrowAnnotations(mentions=<{}>, articles=<{}>)",
            name(&self.mentions),
            name(&self.articles)
        )
    }
}

/// The mentions table (the schema of `find_arrow`'s, no `id`, code points) of an iterable
/// of `Document`s, `row` being each document's position; exception objects in the
/// iterable (from `annotate_many(..., errors="return")`) are skipped, keeping their
/// positions. What `newswire.to_pandas` and `to_polars` (`caller`, which errors name) are
/// made from.
#[pyfunction]
pub(crate) fn _mention_table<'py>(
    documents: &Bound<'py, PyAny>,
    caller: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = documents.py();
    need_pyarrow(py, &format!("newswire.{caller}"))?;
    let mut docs = Vec::new();
    let iter = PyIterator::from_object(documents)?;
    for (position, item) in iter.enumerate() {
        let item = item?;
        if let Ok(doc) = item.cast::<PyDocument>() {
            docs.push((position as i64, doc.get().annotated().clone()));
        } else if !item.is_instance_of::<pyo3::exceptions::PyBaseException>() {
            return Err(PyTypeError::new_err(format!(
                "{caller} expects Documents, got {} at position {position}",
                type_name(&item)
            )));
        }
    }
    let schema = mentions_schema(None);
    let batch = py
        .detach(|| {
            let mut mentions = Mentions::new();
            for (row, data) in &docs {
                mentions.push_record(*row, &data.text, &data.record);
            }
            mentions.finish(&schema, None)
        })
        .map_err(arrow_err)?;
    PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
}
