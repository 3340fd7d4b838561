//! Values across the boundary: Python arguments as the core's values (texts, dates, options
//! parsed by the core's `FromStr`), the core's serde output as Python objects, and what
//! every value class shares (`__reduce__`, equality and hashing by pickled state).

use std::str::FromStr;

use newswire::Date;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple};

use crate::errors::{core_err, type_name};

/// The UTF-8 encoding of a `str` argument, as a `bytes` object whose buffer the caller
/// borrows: one copy of the text (under the limited API a `str` has no UTF-8 view to lend).
/// Anything but a `str` is a `TypeError` naming the argument; a lone surrogate, which UTF-8
/// cannot encode, raises `UnicodeEncodeError`.
pub(crate) fn text_utf8<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyBytes>> {
    match obj.cast::<PyString>() {
        Ok(s) => s.encode_utf8(),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(obj)
        ))),
    }
}

/// The UTF-8 encoding of item `index` of the batch argument `name` (`texts[3]`), as
/// [`text_utf8`] makes it, except that a lone surrogate is a `ValueError` naming the item
/// (the `UnicodeEncodeError` its cause): in a batch, which item is bad matters most. The
/// item's name is only written for an error.
pub(crate) fn item_utf8<'py>(
    obj: &Bound<'py, PyAny>,
    name: &str,
    index: usize,
) -> PyResult<Bound<'py, PyBytes>> {
    let py = obj.py();
    let s = obj.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name}[{index}] must be str, not {}",
            type_name(obj)
        ))
    })?;
    s.encode_utf8().map_err(|e| {
        let named = PyValueError::new_err(format!("{name}[{index}]: {}", e.value(py)));
        named.set_cause(py, Some(e));
        named
    })
}

/// The text of a `bytes` object made by [`text_utf8`].
pub(crate) fn utf8_str<'b>(bytes: &'b Bound<'_, PyBytes>) -> PyResult<&'b str> {
    // Python's UTF-8 codec never gives anything else; checked all the same, at memory speed.
    std::str::from_utf8(bytes.as_bytes()).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A reference date given as `datetime.date` (or `datetime.datetime`) or `"YYYY-MM-DD"`.
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    let bad = |e: newswire::Error| PyValueError::new_err(format!("reference_date: {e}"));
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow()?.parse::<Date>().map_err(bad);
    }
    let date_type = obj.py().import("datetime")?.getattr("date")?;
    if obj.is_instance(&date_type)? {
        let year: i32 = obj.getattr("year")?.extract()?;
        let month: u8 = obj.getattr("month")?.extract()?;
        let day: u8 = obj.getattr("day")?.extract()?;
        return Date::new(year, month, day).map_err(bad);
    }
    Err(PyTypeError::new_err(format!(
        "reference_date must be a datetime.date or a 'YYYY-MM-DD' str, not {}",
        type_name(obj)
    )))
}

/// An option named by a string (`case="smart"`), parsed by the core, whose message names the
/// values it accepts.
pub(crate) fn option_arg<T: FromStr<Err = newswire::Error>>(
    name: &str,
    value: &str,
) -> PyResult<T> {
    value
        .parse()
        .map_err(|e| PyValueError::new_err(format!("{name} must be valid: {e}")))
}

/// A value of a core enum from its name (`"coref"`, `"sign_off"`), through the core's
/// `FromStr`: how pickled state names a `Via` or a `TrailerKind`.
pub(crate) fn from_name<T: FromStr<Err = newswire::Error>>(name: &str) -> PyResult<T> {
    name.parse()
        .map_err(|e: newswire::Error| PyValueError::new_err(e.to_string()))
}

/// Snapshot bytes read where they are, in a Python `bytes` object (what pickle hands
/// `_rebuild`): a matcher unpickles without a copy of its tens of megabytes.
pub(crate) struct SnapshotBuf {
    /// Keeps the buffer alive.
    _owner: Py<PyBytes>,
    ptr: *const u8,
    len: usize,
}

impl SnapshotBuf {
    pub(crate) fn new(bytes: &Bound<'_, PyBytes>) -> SnapshotBuf {
        let slice = bytes.as_bytes();
        SnapshotBuf {
            _owner: bytes.clone().unbind(),
            ptr: slice.as_ptr(),
            len: slice.len(),
        }
    }
}

// SAFETY: the pointer is to the buffer of a `bytes` object that `_owner` keeps alive, and a
// `bytes` object never changes or moves its buffer, so it may be read from any thread,
// with or without the GIL (as pyo3's `Py<PyBytes>::as_bytes` relies on too). `_owner` may
// be dropped without the GIL: pyo3 then defers the decref until the GIL is next taken.
unsafe impl Send for SnapshotBuf {}
unsafe impl Sync for SnapshotBuf {}

impl AsRef<[u8]> for SnapshotBuf {
    fn as_ref(&self) -> &[u8] {
        // SAFETY: see above; `ptr` and `len` are those of the live, immutable buffer.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

/// A snapshot written straight into a new `bytes` object of its size (the GIL released
/// while it is written): a pickle of tens of megabytes is copied once, not twice.
pub(crate) fn snapshot_bytes<'py>(
    py: Python<'py>,
    snapshot: &newswire::snapshot::Snapshot<'_>,
) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, snapshot.len(), |buf| {
        py.detach(|| snapshot.write_into(buf)).map_err(core_err)
    })
}

/// A string as Python writes it in a repr (`'text'`).
pub(crate) fn pyrepr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_default()
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

/// Defines `__reduce__`, `__eq__`, `__ne__` and `__hash__` of a value class from its
/// `state()` tuple (what it pickles as), next to the class's other methods: two objects are
/// equal when they would unpickle alike.
macro_rules! value_class {
    ($ty:ty, $name:literal, { $($body:tt)* }) => {
        #[pymethods]
        impl $ty {
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                crate::convert::reduce(py, $name, self.state(py)?)
            }
            fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                let py = other.py();
                match other.cast::<Self>() {
                    Ok(o) => {
                        let eq = self.state(py)?.eq(o.get().state(py)?)?;
                        Ok(pyo3::types::PyBool::new(py, eq).to_owned().into_any().unbind())
                    }
                    Err(_) => Ok(py.NotImplemented()),
                }
            }
            fn __ne__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                let py = other.py();
                match other.cast::<Self>() {
                    Ok(o) => {
                        let eq = self.state(py)?.eq(o.get().state(py)?)?;
                        Ok(pyo3::types::PyBool::new(py, !eq).to_owned().into_any().unbind())
                    }
                    Err(_) => Ok(py.NotImplemented()),
                }
            }
            fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
                self.state(py)?.hash()
            }
            $($body)*
        }
    };
}
pub(crate) use value_class;
