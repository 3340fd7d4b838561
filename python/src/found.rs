//! `newswire.Mentions`: what `Matcher.find` returns, a sequence that holds the core's
//! records and makes each `Mention` object only when it is read.
//!
//! Most callers of `find` count, filter or slice a few mentions; making a Python object per
//! mention up front cost more than the matching itself, and it was made holding the GIL,
//! which is what kept two threads calling `find` from running side by side. So the records
//! are made with the GIL released, and the objects on access.

use std::sync::Arc;

use newswire::Gazetteer;
use newswire::records::MentionRecord;
use pyo3::exceptions::{PyIndexError, PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice, PyTuple};

use crate::document::PyMention;

/// The mentions `Matcher.find` found in one text, in text order: a read-only sequence of
/// `Mention`. It compares equal to a list of the same mentions and pickles as one.
#[pyclass(frozen, sequence, module = "newswire._native", name = "Mentions")]
pub struct PyMentions {
    records: Vec<MentionRecord>,
    /// What the records' byte spans slice (empty when there are no records).
    text: Arc<str>,
    gazetteer: Arc<Gazetteer>,
}

impl PyMentions {
    pub(crate) fn new(
        records: Vec<MentionRecord>,
        text: Arc<str>,
        gazetteer: Arc<Gazetteer>,
    ) -> PyMentions {
        PyMentions {
            records,
            text,
            gazetteer,
        }
    }

    fn mention(&self, i: usize) -> PyMention {
        PyMention::new(self.records[i].clone(), &self.text, &self.gazetteer)
    }

    fn list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = (0..self.records.len())
            .map(|i| Py::new(py, self.mention(i)))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }
}

#[pymethods]
impl PyMentions {
    fn __len__(&self) -> usize {
        self.records.len()
    }

    /// A mention by index (negative counts from the end), or a list for a slice.
    fn __getitem__<'py>(&self, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = index.py();
        if let Ok(slice) = index.cast::<PySlice>() {
            let len = self.records.len() as isize;
            let s = slice.indices(len)?;
            // Only the picked mentions get objects.
            let picked = (0..s.slicelength)
                .map(|k| Py::new(py, self.mention((s.start + k as isize * s.step) as usize)))
                .collect::<PyResult<Vec<_>>>()?;
            return Ok(PyList::new(py, picked)?.into_any());
        }
        let i: isize = index.extract().map_err(|e: PyErr| {
            // An int too large for an index (or an `__index__` that gives one) is still an
            // int: out of range, as for a list.
            if e.is_instance_of::<PyOverflowError>(py) {
                PyIndexError::new_err("Mentions index out of range")
            } else {
                PyTypeError::new_err("Mentions indices must be integers or slices")
            }
        })?;
        let len = self.records.len() as isize;
        let at = if i < 0 { i + len } else { i };
        if at < 0 || at >= len {
            return Err(PyIndexError::new_err("Mentions index out of range"));
        }
        Ok(Py::new(py, self.mention(at as usize))?
            .into_bound(py)
            .into_any())
    }

    /// The position of the first mention equal to `value` from `start` to `stop`
    /// (`Sequence.index`); `ValueError` when there is none.
    #[pyo3(signature = (value, start = 0, stop = isize::MAX))]
    fn index(&self, value: &Bound<'_, PyAny>, start: isize, stop: isize) -> PyResult<usize> {
        self.list(value.py())?
            .call_method1("index", (value, start, stop))?
            .extract()
    }

    /// How many mentions equal `value` (`Sequence.count`).
    fn count(&self, value: &Bound<'_, PyAny>) -> PyResult<usize> {
        self.list(value.py())?
            .call_method1("count", (value,))?
            .extract()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.list(py)?.try_iter().map(Bound::into_any)
    }

    /// Equal to any sequence of the same mentions (a list of them, another `Mentions`).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let other = match other.cast::<PyMentions>() {
            Ok(o) => o.get().list(py)?.into_any(),
            Err(_) if other.is_instance_of::<PyList>() || other.is_instance_of::<PyTuple>() => {
                PyList::new(py, other.try_iter()?.collect::<PyResult<Vec<_>>>()?)?.into_any()
            }
            Err(_) => return Ok(py.NotImplemented()),
        };
        let eq = self.list(py)?.eq(other)?;
        Ok(pyo3::types::PyBool::new(py, eq)
            .to_owned()
            .into_any()
            .unbind())
    }

    fn __ne__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let eq = self.__eq__(other)?;
        if eq.is(py.NotImplemented()) {
            return Ok(eq);
        }
        let ne = !eq.bind(py).is_truthy()?;
        Ok(pyo3::types::PyBool::new(py, ne)
            .to_owned()
            .into_any()
            .unbind())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.list(py)?.repr()?.to_string())
    }

    /// Pickles as the list of its mentions.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let list_type = py.get_type::<PyList>().into_any();
        let args = PyTuple::new(py, [self.list(py)?.into_any()])?.into_any();
        PyTuple::new(py, [list_type, args])
    }
}
