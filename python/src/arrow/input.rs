//! Arrow data in: the caller's object through the PyCapsule interface (pyo3-arrow), its text
//! column read in place, cut into slabs of rows for the batch engine's workers.
//!
//! A slab is a few rows of one input batch: the unit a worker takes. Slabs are small
//! enough that two workers share a batch evenly (a batch of a Spark partition can be one
//! slab or a thousand), and large enough that building Arrow arrays per slab costs little.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, LargeStringArray, RecordBatch, RecordBatchIterator, RecordBatchOptions,
    StringArray, StringViewArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use newswire::batch::Input;
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList};
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PyArray, PyArrayReader, PyRecordBatch, PyRecordBatchReader};

use super::arrow_err;

/// Rows per slab, at most ...
const SLAB_ROWS: usize = 128;
/// ... and bytes of text per slab, at most (a slab ends at the row that reaches it).
const SLAB_BYTES: usize = 256 << 10;

/// The caller's Arrow object as record batches, through pyo3-arrow: one with
/// `__arrow_c_array__` (a record batch), or one with `__arrow_c_stream__` (a table, a data
/// frame, a stream); `None` for an object with neither, or whose arrays are not record
/// batches (a pyarrow Array or ChunkedArray, a Polars Series). `read` names the columns
/// that will be read. With `column`, an array or a stream of arrays that are not record
/// batches is read as a table of that one column instead, a `TypeError` unless it holds
/// strings (or only nulls): `near_duplicates` of a pyarrow Array or ChunkedArray of texts.
///
/// Arrow data whose buffers do not fit its declared types (a producer that sends a batch
/// of numbers under a schema of strings) makes arrow-rs's import panic: every import is
/// inside a panic boundary ([`guarded`]), so that it is an error, not a crash (read from
/// a stream handed back to Python, a panic would abort the process).
pub(crate) fn import(
    data: &Bound<'_, PyAny>,
    read: &[&str],
    column: Option<&str>,
) -> PyResult<Option<AnyRecordBatch>> {
    let py = data.py();
    if data.hasattr(intern!(py, "__arrow_c_array__"))? {
        let array: PyArray = guarded("importing an Arrow array", || data.extract())
            .map_err(|e| arrow_err(ArrowError::ExternalError(Box::new(e))))??;
        let (array, field) = array.into_inner();
        let Some(schema) = batch_schema(&field, column)? else {
            return Ok(None);
        };
        let batch = to_batch(array, schema).map_err(arrow_err)?;
        return Ok(Some(AnyRecordBatch::RecordBatch(PyRecordBatch::new(batch))));
    }
    if !data.hasattr(intern!(py, "__arrow_c_stream__"))? {
        return Ok(None);
    }
    let data = polars_columns(data, read)?;
    let capsule = data.call_method0(intern!(py, "__arrow_c_stream__"))?;
    let capsule = capsule.cast_into::<PyCapsule>().map_err(|e| {
        PyTypeError::new_err(format!("__arrow_c_stream__ must return a PyCapsule: {e}"))
    })?;
    // Read as a stream of arrays of any type, so that one of other arrays than record
    // batches is told apart (a record batch is a struct array) rather than refused.
    let mut arrays = PyArrayReader::from_arrow_pycapsule(&capsule)?.into_reader()?;
    let Some(schema) = batch_schema(&arrays.field(), column)? else {
        return Ok(None);
    };
    let each_schema = schema.clone();
    let (mut read_so_far, mut failed) = (0usize, false);
    let batches = std::iter::from_fn(move || {
        if failed {
            return None;
        }
        read_so_far += 1;
        let what = format_args!("reading batch {read_so_far} of an Arrow stream");
        let next = guarded(what, || arrays.next()).unwrap_or_else(|e| {
            // The reader is in no known state after a panic: nothing more is read.
            failed = true;
            Some(Err(ArrowError::ExternalError(Box::new(e))))
        })?;
        Some(next.and_then(|array| to_batch(array, each_schema.clone())))
    });
    Ok(Some(AnyRecordBatch::Stream(PyRecordBatchReader::new(
        Box::new(RecordBatchIterator::new(batches, schema)),
    ))))
}

/// The schema of the record batches the caller's arrays (of `field`) are read as: a struct
/// array is a record batch of its fields; any other array, when a `column` is asked for, a
/// table of that one column, a `TypeError` unless it holds texts; else `None`.
fn batch_schema(field: &Field, column: Option<&str>) -> PyResult<Option<SchemaRef>> {
    if let DataType::Struct(fields) = field.data_type() {
        let schema = Schema::new(fields.clone()).with_metadata(field.metadata().clone());
        return Ok(Some(Arc::new(schema)));
    }
    let Some(name) = column else {
        return Ok(None);
    };
    check_text_type(field.data_type(), name).map_err(PyTypeError::new_err)?;
    let column = Field::new(name, field.data_type().clone(), true);
    Ok(Some(Arc::new(Schema::new(vec![column]))))
}

/// One of the caller's arrays as a record batch of `schema` ([`batch_schema`]): a struct
/// array's fields as arrow-rs's own stream reader makes them (its row count kept, for a
/// batch without columns), any other array as the one column.
fn to_batch(array: ArrayRef, schema: SchemaRef) -> Result<RecordBatch, ArrowError> {
    let DataType::Struct(_) = array.data_type() else {
        return RecordBatch::try_new(schema, vec![array]);
    };
    let (_, columns, _) = array.as_struct().clone().into_parts();
    RecordBatch::try_new_with_options(
        schema,
        columns,
        &RecordBatchOptions::new().with_row_count(Some(array.len())),
    )
}

/// `import()` inside a panic boundary: a panic (arrow-rs importing malformed data) is an
/// error saying what was being done.
fn guarded<T>(what: impl std::fmt::Display, import: impl FnOnce() -> T) -> newswire::Result<T> {
    catch_unwind(AssertUnwindSafe(import)).map_err(|panic| newswire::Error::from_panic(panic, what))
}

/// A Polars data frame as the columns `read` of it, each of Arrow's null type (a column of
/// None) cast to strings; any other object as it is. Polars exports a null-type column with
/// a buffer where the C data interface gives that type none (pola-rs/polars#22934), which
/// arrow-rs refuses for the whole stream; a column not read is not exported at all, and a
/// read one of None is still all nulls as strings (a text column of None is all error
/// rows, as from pyarrow). A frame without every column `read` is left whole, for the
/// schema check to name what it has.
fn polars_columns<'py>(data: &Bound<'py, PyAny>, read: &[&str]) -> PyResult<Bound<'py, PyAny>> {
    let py = data.py();
    let module = data.get_type().module()?;
    if !module.to_cow()?.starts_with("polars") || !data.hasattr(intern!(py, "select"))? {
        return Ok(data.clone());
    }
    let schema = data.getattr(intern!(py, "schema"))?;
    for name in read {
        if !schema.contains(*name)? {
            return Ok(data.clone());
        }
    }
    let polars = py.import(intern!(py, "polars"))?;
    let null = polars.getattr(intern!(py, "Null"))?;
    let string = polars.getattr(intern!(py, "String"))?;
    let col = polars.getattr(intern!(py, "col"))?;
    let columns = PyList::empty(py);
    // A column read twice (the id column named as the text) is selected once: Polars
    // refuses a selection that names one column twice.
    let mut read = read.to_vec();
    read.sort_unstable();
    read.dedup();
    for name in read {
        let column = col.call1((name,))?;
        if schema.get_item(name)?.eq(&null)? {
            columns.append(column.call_method1(intern!(py, "cast"), (&string,))?)?;
        } else {
            columns.append(column)?;
        }
    }
    data.call_method1(intern!(py, "select"), (columns,))
}

/// Which columns to read, by name.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    pub text: String,
    pub id: Option<String>,
}

/// The text column of one input batch, whichever of Arrow's three string layouts it has.
/// Cloning it clones an `Arc`: the text stays where the caller's library put it.
#[derive(Clone, Debug)]
pub(crate) enum Texts {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
    /// A column of Arrow's null type, of this many rows: what pandas and Polars make of a
    /// column whose every value is None (a batch of bad rows), each row an error row.
    Null(usize),
}

impl Texts {
    pub(crate) fn new(column: &ArrayRef, name: &str) -> Result<Texts, ArrowError> {
        check_text_type(column.data_type(), name).map_err(ArrowError::InvalidArgumentError)?;
        // Arrow's C data interface does not promise valid UTF-8; the core needs it. Bad
        // bytes are wrong values, not a wrong type: an external error (a `ValueError`, see
        // `arrow_err`) naming the column.
        column
            .to_data()
            .validate_full()
            .map_err(|e| ArrowError::ExternalError(format!("text column {name:?}: {e}").into()))?;
        Ok(match column.data_type() {
            DataType::Utf8 => Texts::Utf8(column.as_string::<i32>().clone()),
            DataType::LargeUtf8 => Texts::Large(column.as_string::<i64>().clone()),
            DataType::Null => Texts::Null(column.len()),
            _ => Texts::View(column.as_string_view().clone()),
        })
    }

    /// Row `i`'s text; `None` for a null.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        match self {
            Texts::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::View(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::Null(_) => None,
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Texts::Utf8(a) => a.len(),
            Texts::Large(a) => a.len(),
            Texts::View(a) => a.len(),
            Texts::Null(n) => *n,
        }
    }

    /// Bytes of text in row `i` (0 for a null).
    fn bytes(&self, i: usize) -> usize {
        self.get(i).map_or(0, str::len)
    }
}

/// One input batch, as the workers read it.
#[derive(Debug)]
pub(crate) struct Part {
    pub texts: Texts,
    /// The id column, when asked for.
    pub ids: Option<ArrayRef>,
    /// The input row of this batch's first row (rows count over the whole input).
    pub first_row: i64,
}

impl Part {
    /// The columns of `batch`, which begins at input row `first_row`.
    pub(crate) fn new(
        batch: &RecordBatch,
        columns: &Columns,
        first_row: i64,
    ) -> Result<Part, ArrowError> {
        let texts = Texts::new(column(batch, &columns.text)?, &columns.text)?;
        let ids = (columns.id.as_deref())
            .map(|name| column(batch, name).cloned())
            .transpose()?;
        Ok(Part {
            texts,
            ids,
            first_row,
        })
    }

    pub(crate) fn rows(&self) -> usize {
        self.texts.len()
    }
}

fn column<'b>(batch: &'b RecordBatch, name: &str) -> Result<&'b ArrayRef, ArrowError> {
    (batch.column_by_name(name))
        .ok_or_else(|| ArrowError::SchemaError(no_column(batch.schema_ref(), name)))
}

fn no_column(schema: &SchemaRef, name: &str) -> String {
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    format!("no column {name:?} (columns: {})", names.join(", "))
}

/// `Err(message)` unless `t` is one of the string types read in place.
pub(crate) fn check_text_type(t: &DataType, name: &str) -> Result<(), String> {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => Ok(()),
        other => Err(format!(
            "text column {name:?} must be string, large_string or string_view, not {other}"
        )),
    }
}

/// Checks `schema` before any work: the text column is there and holds strings, the id
/// column (if asked for) is there. Returns the id column's type, which the output tables'
/// `id` columns take.
pub(crate) fn check_schema(schema: &SchemaRef, columns: &Columns) -> PyResult<Option<DataType>> {
    let field = |name: &str| {
        (schema.field_with_name(name)).map_err(|_| PyKeyError::new_err(no_column(schema, name)))
    };
    let text = field(&columns.text)?;
    check_text_type(text.data_type(), &columns.text).map_err(PyTypeError::new_err)?;
    let id = columns.id.as_deref().map(field).transpose()?;
    Ok(id.map(|f| f.data_type().clone()))
}

/// A few rows of one input batch: what one worker annotates at a time.
#[derive(Clone, Debug)]
pub(crate) struct Slab {
    pub part: Arc<Part>,
    pub rows: std::ops::Range<usize>,
    /// Bytes of text in the rows, for the engine's chunking.
    pub bytes: usize,
}

impl Input for Slab {
    fn text_len(&self) -> usize {
        self.bytes
    }
}

/// Where a slab's results go: whether it is its input batch's last slab (once its results
/// are in, the batch's output is complete; slabs come back in input order).
#[derive(Clone, Copy, Debug)]
pub(crate) struct SlabKey {
    pub last: bool,
}

/// The slabs of one input batch, in row order; a batch with no rows gives one empty slab,
/// so that it still has its (empty) output batch.
pub(crate) fn slabs(part: &Arc<Part>) -> Vec<(SlabKey, Slab)> {
    let n = part.rows();
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let (mut end, mut bytes) = (start, 0);
        while end < n && end - start < SLAB_ROWS && bytes < SLAB_BYTES {
            bytes += part.texts.bytes(end);
            end += 1;
        }
        let key = SlabKey { last: end >= n };
        let slab = Slab {
            part: part.clone(),
            rows: start..end,
            bytes,
        };
        out.push((key, slab));
        if end >= n {
            return out;
        }
        start = end;
    }
}

/// A stream's batches as slabs, read as the engine asks for them. An error reading the
/// stream (or a batch without the text column) ends it and is kept in `failure`.
pub(crate) struct SlabStream<R> {
    reader: R,
    columns: Columns,
    rows: i64,
    pending: std::vec::IntoIter<(SlabKey, Slab)>,
    /// What ended the stream early: an error from the reader, or a batch that is not read.
    pub failure: Option<ArrowError>,
}

impl<R> SlabStream<R> {
    pub(crate) fn new(reader: R, columns: Columns) -> SlabStream<R> {
        SlabStream {
            reader,
            columns,
            rows: 0,
            pending: Vec::new().into_iter(),
            failure: None,
        }
    }
}

/// The engine's input pairs: the key (with the slab, for a failure's error rows) stays on
/// the reading thread, the slab goes to a worker.
pub(crate) type Keyed = ((SlabKey, Slab), Slab);

impl<R: Iterator<Item = Result<RecordBatch, ArrowError>>> Iterator for SlabStream<R> {
    type Item = Keyed;

    fn next(&mut self) -> Option<Keyed> {
        self.next_slab()
            .map(|(key, slab)| ((key, slab.clone()), slab))
    }
}

impl<R: Iterator<Item = Result<RecordBatch, ArrowError>>> SlabStream<R> {
    fn next_slab(&mut self) -> Option<(SlabKey, Slab)> {
        if let Some(next) = self.pending.next() {
            return Some(next);
        }
        if self.failure.is_some() {
            return None;
        }
        let batch = match self.reader.next()? {
            Ok(batch) => batch,
            Err(e) => {
                self.failure = Some(e);
                return None;
            }
        };
        let part = match Part::new(&batch, &self.columns, self.rows) {
            Ok(part) => Arc::new(part),
            Err(e) => {
                self.failure = Some(e);
                return None;
            }
        };
        self.rows += part.rows() as i64;
        self.pending = slabs(&part).into_iter();
        self.pending.next()
    }
}
