//! Shared conversions: byte spans to code-point spans, Python arguments to Rust values,
//! JSON values to Python objects, errors to exceptions, and the pickling helpers.

use std::borrow::Cow;
use std::sync::Arc;

use newswire::offsets::CharIndex;
use newswire::{Date, Entity, ErrorKind, Gazetteer, Span};
use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyPermissionError, PyRuntimeError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

/// A span known both in bytes (for slicing the Rust text) and in code points (what Python
/// sees).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CS {
    pub bs: usize,
    pub be: usize,
    pub cs: usize,
    pub ce: usize,
}

impl CS {
    pub(crate) fn new(index: &CharIndex<'_>, span: Span) -> CS {
        CS {
            bs: span.start,
            be: span.end,
            cs: index.char_offset(span.start),
            ce: index.char_offset(span.end),
        }
    }

    /// The text of the span; empty (never a panic) for a span that is not on char boundaries
    /// of `text`, which only a bug elsewhere could produce.
    pub(crate) fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.bs..self.be).unwrap_or("")
    }
}

/// The candidate entities of mentions: either a live gazetteer or, for results that were
/// unpickled, just the entities they name.
#[derive(Debug)]
pub(crate) enum Entities {
    Gazetteer(Arc<Gazetteer>),
    Local(Vec<Entity>),
}

impl Entities {
    pub(crate) fn get(&self, index: usize) -> Option<&Entity> {
        match self {
            Entities::Gazetteer(g) => g.entities().get(index),
            Entities::Local(v) => v.get(index),
        }
    }
}

pub(crate) type Table = Arc<Entities>;

/// A `str` argument as Rust text. Anything else is a `TypeError` naming the argument.
pub(crate) fn text_arg<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, str>> {
    match obj.cast::<PyString>() {
        Ok(s) => s.to_cow(),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(obj)
        ))),
    }
}

/// The UTF-8 encoding of a `str` argument, as a `bytes` object whose buffer the caller
/// borrows: one copy of the text, where [`text_arg`] makes two under the limited API (the
/// encoding, then an owned `String`).
pub(crate) fn text_utf8<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyBytes>> {
    match obj.cast::<PyString>() {
        Ok(s) => s.encode_utf8(),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(obj)
        ))),
    }
}

/// The text of a `bytes` object made by [`text_utf8`].
pub(crate) fn utf8_str<'b>(bytes: &'b Bound<'_, PyBytes>) -> PyResult<&'b str> {
    // Python's UTF-8 codec never gives anything else; checked all the same, at memory speed.
    std::str::from_utf8(bytes.as_bytes()).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Candidate entity indices of a mention: nearly always one, which is kept without an
/// allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ids {
    One(u32),
    Many(Box<[u32]>),
}

impl std::ops::Deref for Ids {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match self {
            Ids::One(one) => std::slice::from_ref(one),
            Ids::Many(more) => more,
        }
    }
}

impl FromIterator<u32> for Ids {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Ids {
        let mut iter = iter.into_iter();
        match (iter.next(), iter.next()) {
            (Some(one), None) => Ids::One(one),
            (None, _) => Ids::Many(Box::new([])),
            (Some(a), Some(b)) => Ids::Many([a, b].into_iter().chain(iter).collect()),
        }
    }
}

impl From<Vec<u32>> for Ids {
    fn from(ids: Vec<u32>) -> Ids {
        match *ids {
            [one] => Ids::One(one),
            _ => Ids::Many(ids.into_boxed_slice()),
        }
    }
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .qualname()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// A reference date given as `datetime.date` or `"YYYY-MM-DD"`.
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()?
            .parse::<Date>()
            .map_err(|e| PyValueError::new_err(format!("reference_date: {e}")));
    }
    let date_type = py.import("datetime")?.getattr("date")?;
    if obj.is_instance(&date_type)? {
        let year: i32 = obj.getattr("year")?.extract()?;
        let month: u8 = obj.getattr("month")?.extract()?;
        let day: u8 = obj.getattr("day")?.extract()?;
        return Date::new(year, month, day)
            .map_err(|e| PyValueError::new_err(format!("reference_date: {e}")));
    }
    Err(PyTypeError::new_err(format!(
        "reference_date must be a datetime.date or a 'YYYY-MM-DD' str, not {}",
        type_name(obj)
    )))
}

/// A core error as the Python exception a caller expects: `OSError` for I/O, `ValueError`
/// (with `file:line` in the message) for everything else.
pub(crate) fn core_err(e: newswire::Error) -> PyErr {
    let msg = e.to_string();
    match e.kind() {
        ErrorKind::Io => {
            let io_kind = std::error::Error::source(&e)
                .and_then(|s| s.downcast_ref::<std::io::Error>())
                .map(|io| io.kind());
            io_err_kind(io_kind, msg)
        }
        ErrorKind::Internal => PyRuntimeError::new_err(msg),
        _ => PyValueError::new_err(msg),
    }
}

pub(crate) fn io_err(e: &std::io::Error, path: &std::path::Path) -> PyErr {
    io_err_kind(Some(e.kind()), format!("{}: {e}", path.display()))
}

fn io_err_kind(kind: Option<std::io::ErrorKind>, msg: String) -> PyErr {
    match kind {
        Some(std::io::ErrorKind::NotFound) => PyFileNotFoundError::new_err(msg),
        Some(std::io::ErrorKind::PermissionDenied) => PyPermissionError::new_err(msg),
        _ => PyOSError::new_err(msg),
    }
}

/// A JSON value as plain Python data (dict, list, str, int, float, bool, None).
pub(crate) fn json_to_py<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => map_to_py(py, map)?.into_any(),
    })
}

pub(crate) fn map_to_py<'py>(
    py: Python<'py>,
    map: &serde_json::Map<String, serde_json::Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in map {
        dict.set_item(k, json_to_py(py, v)?)?;
    }
    Ok(dict)
}

/// `(newswire._native._rebuild, (name, state))`: the `__reduce__` value of every class.
pub(crate) fn reduce<'py>(
    py: Python<'py>,
    name: &str,
    state: Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    static REBUILD: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let rebuild = REBUILD.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("newswire._native")?.getattr("_rebuild")?.unbind())
    })?;
    let args = PyTuple::new(py, [PyString::new(py, name).into_any(), state.into_any()])?;
    PyTuple::new(py, [rebuild.bind(py).clone(), args.into_any()])
}

/// Equality of two objects of one class by their pickled state.
pub(crate) fn same_state(a: Bound<'_, PyTuple>, b: Bound<'_, PyTuple>) -> PyResult<bool> {
    a.eq(b)
}

pub(crate) fn opt_span_state<'py>(
    py: Python<'py>,
    span: &Option<Py<crate::article::PySpan>>,
) -> Bound<'py, PyAny> {
    match span {
        Some(s) => s.bind(py).clone().into_any(),
        None => py.None().into_bound(py),
    }
}

/// A string as Python writes it in a repr (`'text'`).
pub(crate) fn pyrepr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_default()
}
