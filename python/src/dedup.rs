//! Near-duplicates from Python: `newswire.near_duplicates` over a list of texts or an
//! Arrow table, and the options `annotate_many(..., near_duplicates=True)` signs with.
//!
//! The texts are signed on the batch engine's workers and the index fed in input order
//! (`Dedup::find` for a list, `Dedup::map_stream` for Arrow), the GIL released throughout.
//! An Arrow text column comes through the PyCapsule interface and is read in place, as
//! `annotate_arrow` reads it: never copied into Rust or Python strings, and a batch at a
//! time, so that a stream runs in bounded memory.

use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, RecordBatchReader,
};
use arrow_schema::{DataType, Field, Schema};
use newswire::batch::Input;
use newswire::dedup::{Dedup, Duplicate};
use pyo3::exceptions::{PyImportError, PyKeyError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};
use pyo3_arrow::PyTable;

use crate::arrow::input::{Columns, Texts, check_schema};
use crate::convert::{item_utf8, pyrepr, utf8_str};
use crate::errors::type_name;

/// The options, checked: a `ValueError` names the one out of range.
pub(crate) fn options(
    threshold: f64,
    shingle_len: Option<usize>,
    num_hashes: Option<usize>,
    seed: Option<u64>,
    window: Option<usize>,
    window_days: Option<u32>,
) -> PyResult<Dedup> {
    let mut b = Dedup::builder();
    b.threshold(threshold).window_days(window_days);
    if let Some(n) = shingle_len {
        b.shingle_len(n);
    }
    if let Some(n) = num_hashes {
        b.num_hashes(n);
    }
    if let Some(s) = seed {
        b.seed(s);
    }
    if let Some(w) = window {
        b.window(w);
    }
    b.build()
        .map_err(|e| PyValueError::new_err(format!("near_duplicates: {e}")))
}

/// The options of `annotate_many(..., near_duplicates=True, dedup_options={...})`: the
/// keyword arguments of `near_duplicates` that are options; an unknown key is a
/// `TypeError` naming it.
pub(crate) fn options_from_dict(d: Option<&Bound<'_, PyDict>>) -> PyResult<Dedup> {
    let mut threshold = 0.8;
    let (mut shingle_len, mut num_hashes, mut seed, mut window, mut window_days) =
        (None, None, None, None, None);
    for (k, v) in d.into_iter().flat_map(|d| d.iter()) {
        let key: String = k.extract()?;
        // A value of the wrong type or out of its type's range raises what the keyword
        // argument of `near_duplicates` would, naming the option (`dedup_options['window']`).
        let named = |e: PyErr| {
            let py = v.py();
            let msg = format!("dedup_options[{}]: {}", pyrepr(py, &key), e.value(py));
            let err = PyErr::from_type(e.get_type(py), msg);
            err.set_cause(py, Some(e));
            err
        };
        match key.as_str() {
            "threshold" => threshold = v.extract().map_err(named)?,
            "shingle_len" => shingle_len = v.extract().map_err(named)?,
            "num_hashes" => num_hashes = v.extract().map_err(named)?,
            "seed" => seed = v.extract().map_err(named)?,
            "window" => window = v.extract().map_err(named)?,
            "window_days" => window_days = v.extract().map_err(named)?,
            other => {
                return Err(PyTypeError::new_err(format!(
                    "dedup_options: unknown option {other:?} (threshold, shingle_len, \
                     num_hashes, seed, window, window_days)"
                )));
            }
        }
    }
    options(
        threshold,
        shingle_len,
        num_hashes,
        seed,
        window,
        window_days,
    )
}

/// One batch's text column, read in place: a `TypeError` unless it holds strings (or only
/// nulls), a `ValueError` when its bytes are not valid UTF-8.
fn texts_of(column: &ArrayRef, name: &str) -> PyResult<Texts> {
    Texts::new(column, name).map_err(crate::arrow::arrow_err)
}

/// One row of a batch's text column: what a worker signs.
struct Row {
    texts: Texts,
    i: usize,
}

impl Input for Row {
    fn text_len(&self) -> usize {
        self.texts.get(self.i).map_or(0, str::len)
    }
}

/// The rows of an Arrow input's batches, read as the engine asks for them. A batch that
/// cannot be read, or whose text column is missing or not text, ends them; its error is
/// kept in `failure`, to be raised.
struct Rows {
    reader: Box<dyn RecordBatchReader + Send>,
    text: String,
    /// The batch being read, and its next row.
    batch: Option<(Texts, usize)>,
    failure: Option<PyErr>,
}

impl Iterator for Rows {
    type Item = ((), Row);

    fn next(&mut self) -> Option<((), Row)> {
        loop {
            if let Some((texts, i)) = self.batch.as_mut().filter(|(t, i)| *i < t.len()) {
                let row = Row {
                    texts: texts.clone(),
                    i: *i,
                };
                *i += 1;
                return Some(((), row));
            }
            if self.failure.is_some() {
                return None;
            }
            let texts = match self.reader.next()? {
                Ok(batch) => batch_texts(&batch, &self.text),
                Err(e) => Err(crate::arrow::arrow_err(e)),
            };
            match texts {
                Ok(texts) => self.batch = Some((texts, 0)),
                Err(e) => {
                    self.failure = Some(e);
                    return None;
                }
            }
        }
    }
}

/// The text column `name` of one batch, read in place.
fn batch_texts(batch: &RecordBatch, name: &str) -> PyResult<Texts> {
    let column = batch.column_by_name(name).ok_or_else(|| {
        let schema = batch.schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        PyKeyError::new_err(format!(
            "no column {name:?} (columns: {})",
            names.join(", ")
        ))
    })?;
    texts_of(column, name)
}

/// `(row, duplicate_of_row, similarity, exact)` for every pair found, rows in input order,
/// each row's duplicates most similar first.
fn pairs(found: Vec<Vec<Duplicate>>) -> Vec<(i64, i64, f64, bool)> {
    let mut out = Vec::new();
    for (row, dups) in found.into_iter().enumerate() {
        out.extend(dups.iter().map(|d| pair(row, d)));
    }
    out
}

/// The `(row, duplicate_of_row, similarity, exact)` of row `row`'s duplicate `d`.
fn pair(row: usize, d: &Duplicate) -> (i64, i64, f64, bool) {
    (
        row as i64,
        d.position() as i64,
        d.similarity(),
        d.is_exact(),
    )
}

/// Whether `data` is a pandas or Polars Series.
fn is_series(data: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = data.get_type();
    let module = ty.module()?;
    let module = module.to_cow()?;
    let library = module.starts_with("pandas") || module.starts_with("polars");
    Ok(library && ty.name()?.to_cow()? == "Series")
}

/// The near-duplicate pairs of `data`: a list (any iterable) of `str`, or an Arrow table,
/// record batch or stream (an object with `__arrow_c_stream__` or `__arrow_c_array__`)
/// with a `text` column, or an Arrow array or chunked array of texts. For each row, the
/// earlier rows within the window whose body's word shingles overlap its own at
/// `threshold` or more, verified on the shingles, most similar first. Returns a pyarrow
/// table (`row`, `duplicate_of_row`, `similarity`, `exact`) for Arrow input, else a list
/// of tuples of the same fields. Empty and white-space-only bodies (and nulls) never
/// match.
#[pyfunction]
#[pyo3(signature = (data, threshold = 0.8, *, shingle_len = None, num_hashes = None, seed = None,
                    window = None, window_days = None, threads = None, text = "text"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn near_duplicates<'py>(
    data: &Bound<'py, PyAny>,
    threshold: f64,
    shingle_len: Option<usize>,
    num_hashes: Option<usize>,
    seed: Option<u64>,
    window: Option<usize>,
    window_days: Option<u32>,
    threads: Option<i64>,
    text: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = data.py();
    let engine = crate::arrow::engine(threads)?;
    let dedup = options(
        threshold,
        shingle_len,
        num_hashes,
        seed,
        window,
        window_days,
    )?;
    // Arrow record batches, or an Arrow array of texts (a pyarrow Array or ChunkedArray,
    // read as a table of one column), or else an iterable of str: a pandas or Polars
    // Series, which exports string arrays too, is taken as the iterable of str it also is
    // (a non-str item is an error naming it).
    let input = if data.hasattr(intern!(py, "__arrow_c_stream__"))?
        || data.hasattr(intern!(py, "__arrow_c_array__"))?
    {
        let column = (!is_series(data)?).then_some(text);
        crate::arrow::input::import(data, &[text], column)?
    } else {
        None
    };
    let Some(input) = input else {
        if data.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "data must be an iterable of str or an Arrow table, not a str",
            ));
        }
        let iter = PyIterator::from_object(data).map_err(|_| {
            PyTypeError::new_err(format!(
                "data must be an iterable of str or an Arrow table, not {}",
                type_name(data)
            ))
        })?;
        // The UTF-8 copies stay alive here while the workers read them; a lone surrogate,
        // which UTF-8 cannot encode, is a `ValueError` naming the item.
        let mut utf8 = Vec::new();
        for (i, item) in iter.enumerate() {
            utf8.push(item_utf8(&item?, "data", i)?);
        }
        let texts = utf8.iter().map(utf8_str).collect::<PyResult<Vec<&str>>>()?;
        let found = py.detach(|| pairs(dedup.find(&engine, &texts)));
        return Ok(found.into_pyobject(py)?.into_any());
    };
    py.import(intern!(py, "pyarrow")).map_err(|e| {
        let err = PyImportError::new_err(
            "near_duplicates on Arrow input returns a pyarrow table, and pyarrow is not \
             installed: pip install 'newswire[arrow]'",
        );
        err.set_cause(py, Some(e));
        err
    })?;
    // The column is checked before any batch is read, so that a misnamed one is an error
    // even in an input with no rows.
    let columns = Columns {
        text: text.to_owned(),
        id: None,
    };
    check_schema(&input.schema()?, &columns)?;
    let reader = input.into_reader()?;
    // The batches are read as the workers ask for rows and let go once signed: memory holds
    // a few chunks of rows and the index's window, however long the stream.
    let (found, failure) = py.detach(|| {
        let parser = engine.parser().clone();
        let signer = dedup.clone();
        let rows = Rows {
            reader,
            text: text.to_owned(),
            batch: None,
            failure: None,
        };
        let mut stream = dedup.map_stream(&engine, rows, move |row: Row| {
            let text = row.texts.get(row.i);
            ((), text.and_then(|t| signer.sign(t, &parser.parse(t))))
        });
        let mut found = Vec::new();
        for (row, (_, _, duplicates)) in (&mut stream).enumerate() {
            found.extend(duplicates.iter().map(|d| pair(row, d)));
        }
        (found, stream.inputs_mut().failure.take())
    });
    if let Some(e) = failure {
        return Err(e);
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("row", DataType::Int64, false),
        Field::new("duplicate_of_row", DataType::Int64, false),
        Field::new("similarity", DataType::Float64, false),
        Field::new("exact", DataType::Boolean, false),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from_iter_values(found.iter().map(|p| p.0))),
        Arc::new(Int64Array::from_iter_values(found.iter().map(|p| p.1))),
        Arc::new(Float64Array::from_iter_values(found.iter().map(|p| p.2))),
        Arc::new(BooleanArray::from_iter(found.iter().map(|p| Some(p.3)))),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
}
