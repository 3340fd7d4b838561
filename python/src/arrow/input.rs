//! Arrow data in: the caller's object through the PyCapsule interface (a record batch by
//! pyo3-arrow, a stream by [`StreamReader`]), its text column read in place, cut into slabs
//! of rows for the batch engine's workers.
//!
//! A slab is a few rows of one input batch: the unit a worker takes. Slabs are small
//! enough that two workers share a batch evenly (a batch of a Spark partition can be one
//! slab or a thousand), and large enough that building Arrow arrays per slab costs little.

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi_and_data_type};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{
    Array, ArrayRef, LargeStringArray, RecordBatch, RecordBatchOptions, RecordBatchReader,
    StringArray, StringViewArray, StructArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use newswire::batch::Input;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3_arrow::PyRecordBatchReader;
use pyo3_arrow::input::AnyRecordBatch;

/// Rows per slab, at most ...
const SLAB_ROWS: usize = 128;
/// ... and bytes of text per slab, at most (a slab ends at the row that reaches it).
const SLAB_BYTES: usize = 256 << 10;

/// The caller's Arrow object as record batches: one with `__arrow_c_array__` (a record
/// batch) through pyo3-arrow, one with `__arrow_c_stream__` (a table, a data frame, a
/// stream) through [`StreamReader`]; `None` for an object with neither, or whose stream is
/// of arrays that are not record batches (a pyarrow ChunkedArray, a pandas or Polars
/// Series).
pub(crate) fn import(data: &Bound<'_, PyAny>) -> PyResult<Option<AnyRecordBatch>> {
    let py = data.py();
    if data.hasattr(intern!(py, "__arrow_c_array__"))? {
        return data.extract().map(Some);
    }
    if !data.hasattr(intern!(py, "__arrow_c_stream__"))? {
        return Ok(None);
    }
    let capsule = data.call_method0(intern!(py, "__arrow_c_stream__"))?;
    let capsule = capsule.cast_into::<PyCapsule>().map_err(|e| {
        PyTypeError::new_err(format!("__arrow_c_stream__ must return a PyCapsule: {e}"))
    })?;
    let ptr = capsule
        .pointer_checked(Some(c"arrow_array_stream"))?
        .cast::<FFI_ArrowArrayStream>();
    // SAFETY: a capsule named "arrow_array_stream" holds an `ArrowArrayStream` (the
    // PyCapsule interface); `from_raw` moves it out, marking the capsule's one released,
    // so that the stream is released once, by the reader.
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr()) };
    match StreamReader::new(stream) {
        Ok(reader) => Ok(Some(AnyRecordBatch::Stream(PyRecordBatchReader::new(
            Box::new(reader),
        )))),
        // A stream of arrays that are not record batches: no table (the stream is
        // released here).
        Err(ArrowError::InvalidArgumentError(_)) => Ok(None),
        Err(e) => Err(PyValueError::new_err(e.to_string())),
    }
}

/// The record batches of a stream from the Arrow C stream interface, read as arrow-rs's
/// `ArrowArrayStreamReader` reads them, with one leniency: an array of Arrow's null type
/// may come with buffers. Polars exports a column of None (of null type) with one, where
/// the C data interface gives that type none (pola-rs/polars#22934); arrow-rs refuses the
/// batch for it, pyarrow ignores it, and so does this reader, so that a data frame with
/// such a column (the text or any other) is read. Nothing else differs.
struct StreamReader {
    stream: FFI_ArrowArrayStream,
    schema: SchemaRef,
}

impl StreamReader {
    fn new(mut stream: FFI_ArrowArrayStream) -> Result<StreamReader, ArrowError> {
        let Some(get_schema) = stream.get_schema.filter(|_| stream.release.is_some()) else {
            return Err(ArrowError::CDataInterface(
                "the input stream is already released".to_string(),
            ));
        };
        let mut schema = FFI_ArrowSchema::empty();
        // SAFETY: a live stream (its release callback is set), called as the interface says.
        let code = unsafe { get_schema(&mut stream, &mut schema) };
        if code != 0 {
            return Err(stream_error(&mut stream, code));
        }
        let field = Field::try_from(&schema)?;
        // A stream of arrays of another type (a Polars Series, a pyarrow ChunkedArray).
        let DataType::Struct(fields) = field.data_type() else {
            return Err(ArrowError::InvalidArgumentError(format!(
                "a stream of {} arrays, not of record batches",
                field.data_type()
            )));
        };
        let schema = Schema::new(fields.clone()).with_metadata(field.metadata().clone());
        Ok(StreamReader {
            stream,
            schema: Arc::new(schema),
        })
    }
}

/// The stream's message for a failed call, or its error code.
fn stream_error(stream: &mut FFI_ArrowArrayStream, code: i32) -> ArrowError {
    // SAFETY: a live stream; its last error, when there is one, is a C string that lives
    // until the next call on the stream, and is copied at once.
    let message = (stream.get_last_error)
        .map(|last| unsafe { last(stream) })
        .filter(|p| !p.is_null())
        .map(|p| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned());
    ArrowError::CDataInterface(message.unwrap_or_else(|| format!("error code {code}")))
}

/// Sets to 0 the count of buffers of every array of null type in `array` (of `data_type`),
/// children included. Only the count changes: the producer's release callback frees what
/// the producer allocated from its own records, never from the count.
///
/// # Safety
/// `array` is a live array of the C data interface, of type `data_type`.
unsafe fn drop_null_buffers(array: &mut FFI_ArrowArray, data_type: &DataType) {
    let children: Vec<&DataType> = match data_type {
        DataType::Null => {
            array.n_buffers = 0;
            return;
        }
        DataType::Struct(fields) => fields.iter().map(|f| f.data_type()).collect(),
        DataType::List(f)
        | DataType::LargeList(f)
        | DataType::ListView(f)
        | DataType::LargeListView(f)
        | DataType::FixedSizeList(f, _)
        | DataType::Map(f, _) => vec![f.data_type()],
        _ => return,
    };
    let n = usize::try_from(array.n_children).unwrap_or(0);
    if array.children.is_null() {
        return;
    }
    for (i, t) in children.into_iter().enumerate().take(n) {
        // SAFETY: `children` holds `n_children` pointers to live arrays (or null).
        if let Some(child) = unsafe { (*array.children.add(i)).as_mut() } {
            unsafe { drop_null_buffers(child, t) };
        }
    }
}

impl Iterator for StreamReader {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let get_next = self.stream.get_next?;
        let mut array = FFI_ArrowArray::empty();
        // SAFETY: a live stream, called as the interface says.
        let code = unsafe { get_next(&mut self.stream, &mut array) };
        if code != 0 {
            return Some(Err(stream_error(&mut self.stream, code)));
        }
        if array.is_released() {
            return None; // the end of the stream
        }
        let data_type = DataType::Struct(self.schema.fields().clone());
        // SAFETY: the array the stream just handed over, of its schema's type; imported as
        // arrow-rs's own stream reader imports it.
        let data = unsafe {
            drop_null_buffers(&mut array, &data_type);
            from_ffi_and_data_type(array, data_type)
        };
        Some(data.and_then(|data| {
            let rows = data.len();
            RecordBatch::try_new_with_options(
                self.schema.clone(),
                StructArray::from(data).into_parts().1,
                &RecordBatchOptions::new().with_row_count(Some(rows)),
            )
        }))
    }
}

impl RecordBatchReader for StreamReader {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
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
