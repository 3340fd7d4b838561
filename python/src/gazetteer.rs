//! `newswire.Gazetteer`: the core's gazetteer, loaded, looked up and pickled from Python.

use std::path::PathBuf;
use std::sync::Arc;

use newswire::Gazetteer;
use newswire::gazetteer::Format;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyList, PyMapping, PyString, PyTuple};

use crate::convert::{SnapshotBuf, reduce, snapshot_bytes};
use crate::entity::PyEntity;
use crate::errors::{bad_state, core_err, type_name};

/// A set of entities to find.
#[pyclass(frozen, module = "newswire._native", name = "Gazetteer")]
pub struct PyGazetteer {
    inner: Arc<Gazetteer>,
    /// The built-in one, which pickles as its name.
    builtin: bool,
}

impl PyGazetteer {
    pub(crate) fn new(inner: Arc<Gazetteer>) -> PyGazetteer {
        PyGazetteer {
            inner,
            builtin: false,
        }
    }

    pub(crate) fn inner(&self) -> &Arc<Gazetteer> {
        &self.inner
    }

    /// Load a file in `format`, without the GIL.
    fn load(py: Python<'_>, path: PathBuf, format: Format) -> PyResult<PyGazetteer> {
        let gazetteer = py
            .detach(|| Gazetteer::from_path_as(&path, format))
            .map_err(core_err)?;
        Ok(PyGazetteer::new(Arc::new(gazetteer)))
    }

    /// `("builtin",)`, or `("snapshot", bytes)`: the gazetteer's own snapshot, which holds
    /// every entity and the gazetteer's alias filter and loads without parsing anything,
    /// written straight into the `bytes` object.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        if self.builtin {
            return PyTuple::new(py, ["builtin"]);
        }
        let snapshot = py.detach(|| self.inner.snapshot());
        let items = [
            PyString::new(py, "snapshot").into_any(),
            snapshot_bytes(py, &snapshot)?.into_any(),
        ];
        PyTuple::new(py, items)
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyGazetteer> {
        let py = state.py();
        let kind: String = state.get_item(0)?.extract()?;
        match kind.as_str() {
            "builtin" => PyGazetteer::default(py),
            "snapshot" => {
                let (_, bytes): (String, Bound<'_, PyBytes>) = state.extract()?;
                let bytes = SnapshotBuf::new(&bytes);
                let gazetteer = py
                    .detach(|| Gazetteer::from_bytes(bytes))
                    .map_err(core_err)?;
                Ok(PyGazetteer::new(Arc::new(gazetteer)))
            }
            other => Err(bad_state("Gazetteer", format!("unknown form {other:?}"))),
        }
    }

    fn entity_obj(&self, index: newswire::EntityId) -> PyEntity {
        PyEntity::new(&self.inner, index)
    }

    /// The entity with the id `id`. A str that is no UTF-8 (a lone surrogate) is no id
    /// either: not found, as in a dict, rather than a `UnicodeEncodeError`.
    fn lookup(&self, id: &Bound<'_, PyString>) -> Option<newswire::EntityId> {
        let id = id.to_cow().ok()?;
        self.inner.get(&id).map(|(index, _)| index)
    }
}

#[pymethods]
impl PyGazetteer {
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(py, "Gazetteer", self.state(py)?)
    }
    /// Load JSON Lines: one `{"id", "kind", "name", "aliases"?, "attrs"?}` object a line.
    /// A bad line raises `ValueError` naming `file:line`.
    #[staticmethod]
    fn from_jsonl(py: Python<'_>, path: PathBuf) -> PyResult<PyGazetteer> {
        PyGazetteer::load(py, path, Format::Jsonl)
    }
    /// Load TSV: `id<TAB>kind<TAB>name<TAB>alias|alias|...`, `#` comments.
    #[staticmethod]
    fn from_tsv(py: Python<'_>, path: PathBuf) -> PyResult<PyGazetteer> {
        PyGazetteer::load(py, path, Format::Tsv)
    }
    /// Build from dicts shaped like the JSON Lines records; errors name the record number
    /// as `<records>:N`.
    #[staticmethod]
    fn from_records(records: &Bound<'_, PyAny>) -> PyResult<PyGazetteer> {
        let py = records.py();
        if records.is_instance_of::<PyString>() || records.is_instance_of::<PyMapping>() {
            return Err(PyTypeError::new_err(format!(
                "records must be an iterable of dicts, not {}",
                type_name(records)
            )));
        }
        // Each record as a line of JSON Lines, read by the core's reader: one set of rules
        // for files and records.
        // JSON that is what the dict says or nothing: no `NaN` (which is no JSON, and the
        // core would call it invalid JSON at some column of a line the caller never wrote).
        // Characters are escaped (`ensure_ascii`), so that attrs keep a lone surrogate as
        // the `\ud800` escape a file may hold, which the core keeps as written; in the
        // fields read as text, where the core refuses one, it is caught first, naming the
        // record.
        let dumps = py.import("json")?.getattr("dumps")?;
        let options = PyDict::new(py);
        options.set_item("allow_nan", false)?;
        let mut text = String::new();
        for (n, item) in PyIterator::from_object(records)?.enumerate() {
            let item = item?;
            let line = n + 1;
            if !item.is_instance_of::<PyMapping>() && !item.is_instance_of::<PyDict>() {
                return Err(PyTypeError::new_err(format!(
                    "<records>:{line}: a record must be a dict, not {}",
                    type_name(&item)
                )));
            }
            let dict = PyDict::new(py);
            dict.update(item.cast::<PyMapping>()?)?;
            // The error as `json.dumps` raised it (`TypeError` for a value JSON has no
            // form for, `ValueError` for NaN), naming the record.
            let at_line = |e: PyErr| {
                let err =
                    PyErr::from_type(e.get_type(py), format!("<records>:{line}: {}", e.value(py)));
                err.set_cause(py, Some(e));
                err
            };
            let utf8 = |s: &Bound<'_, PyString>| -> PyResult<()> {
                s.to_cow().map(drop).map_err(|e| {
                    let err = PyValueError::new_err(format!("<records>:{line}: {}", e.value(py)));
                    err.set_cause(py, Some(e));
                    err
                })
            };
            for field in ["id", "kind", "name", "aliases"] {
                let Some(value) = dict.get_item(field)? else {
                    continue;
                };
                if let Ok(s) = value.cast::<PyString>() {
                    utf8(s)?;
                } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
                    for alias in value.try_iter()? {
                        let alias = alias?;
                        if let Ok(s) = alias.cast::<PyString>() {
                            utf8(s)?;
                        }
                    }
                }
            }
            let json = dumps.call((dict,), Some(&options)).map_err(at_line)?;
            text.push_str(&json.cast_into::<PyString>()?.to_cow()?);
            text.push('\n');
        }
        let gazetteer = py
            .detach(|| Gazetteer::from_str_as(&text, Format::Jsonl, "<records>"))
            .map_err(core_err)?;
        Ok(PyGazetteer::new(Arc::new(gazetteer)))
    }
    /// The built-in gazetteer: countries, capitals and major cities, US states,
    /// international organisations, news agencies, major companies.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<PyGazetteer> {
        let inner = py.detach(|| Arc::new(Gazetteer::builtin()));
        Ok(PyGazetteer {
            inner,
            builtin: true,
        })
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.cast::<PyString>()
            .is_ok_and(|id| self.lookup(id).is_some())
    }
    fn __getitem__(&self, id: &Bound<'_, PyString>) -> PyResult<PyEntity> {
        match self.lookup(id) {
            Some(index) => Ok(self.entity_obj(index)),
            None => Err(PyKeyError::new_err(id.clone().unbind())),
        }
    }
    /// The entity with this id, or `default`.
    #[pyo3(signature = (id, default = None))]
    fn get(&self, id: &Bound<'_, PyString>, default: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        let py = id.py();
        match self.lookup(id) {
            Some(index) => Ok(Py::new(py, self.entity_obj(index))?.into_any()),
            None => Ok(default.unwrap_or_else(|| py.None())),
        }
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        let items = (self.inner.entities())
            .map(|e| self.entity_obj(e.index()))
            .collect::<Vec<_>>();
        PyIterator::from_object(PyList::new(py, items)?.as_any())
    }
    fn __repr__(&self) -> String {
        let n = self.inner.len();
        if self.builtin {
            format!("Gazetteer({n} entities, built-in)")
        } else {
            format!("Gazetteer({n} entities)")
        }
    }
}
