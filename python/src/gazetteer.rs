//! `newswire.Gazetteer` and `newswire.Entity`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use newswire::{AliasFilter, Entity, Gazetteer};
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyMapping, PyString, PyTuple};

use crate::article::value_class;
use crate::convert::{Entities, Table, core_err, io_err, map_to_py, pyrepr, reduce, type_name};

/// One gazetteer entity: `id`, `kind`, `name`, `aliases`, `attrs`.
#[pyclass(frozen, module = "newswire._native", name = "Entity")]
pub struct PyEntity {
    pub(crate) table: Table,
    pub(crate) index: usize,
}

impl PyEntity {
    pub(crate) fn entity(&self) -> PyResult<&Entity> {
        self.table
            .get(self.index)
            .ok_or_else(|| PyValueError::new_err("entity index out of range"))
    }
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let json = serde_json::to_string(self.entity()?)
            .map_err(|e| PyValueError::new_err(format!("cannot serialise entity: {e}")))?;
        PyTuple::new(py, [json])
    }
    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyEntity> {
        let (json,): (String,) = state.extract()?;
        let entity: Entity = serde_json::from_str(&json)
            .map_err(|e| PyValueError::new_err(format!("bad pickled Entity: {e}")))?;
        Ok(PyEntity {
            table: Arc::new(Entities::Local(vec![entity])),
            index: 0,
        })
    }
    pub(crate) fn small_dict<'py>(e: &Entity, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", e.id())?;
        d.set_item("kind", e.kind())?;
        d.set_item("name", e.name())?;
        d.set_item("attrs", e.attrs().map(|a| map_to_py(py, a)).transpose()?)?;
        Ok(d)
    }
}

value_class!(PyEntity, "Entity", {
    /// The id, unique in its gazetteer.
    #[getter]
    fn id(&self) -> PyResult<&str> {
        Ok(self.entity()?.id())
    }
    /// `PERSON`, `ORG`, `LOC`, ...: free text.
    #[getter]
    fn kind(&self) -> PyResult<&str> {
        Ok(self.entity()?.kind())
    }
    /// The canonical name.
    #[getter]
    fn name(&self) -> PyResult<&str> {
        Ok(self.entity()?.name())
    }
    /// The other names, as written.
    #[getter]
    fn aliases(&self) -> PyResult<Vec<&str>> {
        Ok(self.entity()?.aliases().iter().map(|a| a.text()).collect())
    }
    /// The attributes as given in the gazetteer (a new dict on each access), or None.
    #[getter]
    fn attrs<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.entity()?.attrs().map(|a| map_to_py(py, a)).transpose()
    }
    /// `{"id", "kind", "name", "aliases", "attrs"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let e = self.entity()?;
        let d = PyEntity::small_dict(e, py)?;
        d.set_item(
            "aliases",
            e.aliases().iter().map(|a| a.text()).collect::<Vec<_>>(),
        )?;
        Ok(d)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let e = self.entity()?;
        Ok(format!(
            "Entity(id={}, kind={}, name={})",
            pyrepr(py, e.id()),
            pyrepr(py, e.kind()),
            pyrepr(py, e.name())
        ))
    }
});

/// Which alias filter a gazetteer has, so that a pickled copy gets the same one back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FilterTag {
    Standard,
    None,
}

/// A set of entities to find.
#[pyclass(frozen, module = "newswire._native", name = "Gazetteer")]
pub struct PyGazetteer {
    pub(crate) inner: Arc<Gazetteer>,
    pub(crate) table: Table,
    builtin: bool,
}

impl PyGazetteer {
    fn wrap(inner: Gazetteer, builtin: bool) -> PyGazetteer {
        let inner = Arc::new(inner);
        PyGazetteer {
            table: Arc::new(Entities::Gazetteer(inner.clone())),
            inner,
            builtin,
        }
    }

    fn load(py: Python<'_>, path: PathBuf, tsv: bool) -> PyResult<PyGazetteer> {
        let gaz = py.detach(move || -> PyResult<Gazetteer> {
            let bytes = std::fs::read(&path).map_err(|e| io_err(&e, &path))?;
            let name = path.display().to_string();
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                PyValueError::new_err(format!("{name}:{line}: not valid UTF-8"))
            })?;
            let loaded = if tsv {
                Gazetteer::from_tsv_str(text, &name)
            } else {
                Gazetteer::from_jsonl_str(text, &name)
            };
            loaded.map_err(core_err)
        })?;
        Ok(PyGazetteer::wrap(gaz, false))
    }

    fn filter_tag(&self) -> FilterTag {
        if *self.inner.filter() == AliasFilter::none() {
            FilterTag::None
        } else {
            FilterTag::Standard
        }
    }

    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        if self.builtin {
            return PyTuple::new(py, ["builtin"]);
        }
        let inner = self.inner.clone();
        let json = py
            .detach(move || serde_json::to_string(inner.entities()))
            .map_err(|e| PyValueError::new_err(format!("cannot serialise gazetteer: {e}")))?;
        let tag = match self.filter_tag() {
            FilterTag::Standard => "standard",
            FilterTag::None => "none",
        };
        PyTuple::new(py, ["entities", &json, tag])
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyGazetteer> {
        let py = state.py();
        let kind: String = state.get_item(0)?.extract()?;
        if kind == "builtin" {
            return Ok(PyGazetteer::wrap(builtin(py)?, true));
        }
        let (_, json, tag): (String, String, String) = state.extract()?;
        let gaz = py.detach(move || -> PyResult<Gazetteer> {
            let entities: Vec<Entity> = serde_json::from_str(&json)
                .map_err(|e| PyValueError::new_err(format!("bad pickled Gazetteer: {e}")))?;
            let mut gaz = Gazetteer::new();
            for e in entities {
                gaz.add(e).map_err(core_err)?;
            }
            gaz.set_filter(if tag == "none" {
                AliasFilter::none()
            } else {
                AliasFilter::standard()
            });
            Ok(gaz)
        })?;
        Ok(PyGazetteer::wrap(gaz, false))
    }

    pub(crate) fn entity_obj(&self, py: Python<'_>, index: usize) -> PyResult<Py<PyEntity>> {
        Py::new(
            py,
            PyEntity {
                table: self.table.clone(),
                index,
            },
        )
    }
}

fn builtin(py: Python<'_>) -> PyResult<Gazetteer> {
    static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
    Ok(py.detach(|| BUILTIN.get_or_init(Gazetteer::builtin).clone()))
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
        PyGazetteer::load(py, path, false)
    }
    /// Load TSV: `id<TAB>kind<TAB>name<TAB>alias|alias|...`, `#` comments.
    #[staticmethod]
    fn from_tsv(py: Python<'_>, path: PathBuf) -> PyResult<PyGazetteer> {
        PyGazetteer::load(py, path, true)
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
        let dumps = py.import("json")?.getattr("dumps")?;
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
            let json = dumps
                .call1((dict,))
                .map_err(|e| PyTypeError::new_err(format!("<records>:{line}: {}", e.value(py))))?;
            text.push_str(&json.extract::<String>()?);
            text.push('\n');
        }
        let gaz = py
            .detach(move || Gazetteer::from_jsonl_str(&text, "<records>"))
            .map_err(core_err)?;
        Ok(PyGazetteer::wrap(gaz, false))
    }
    /// The built-in gazetteer: countries, capitals and major cities, US states,
    /// international organisations, news agencies, major companies.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<PyGazetteer> {
        Ok(PyGazetteer::wrap(builtin(py)?, true))
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __contains__(&self, id: &Bound<'_, PyAny>) -> PyResult<bool> {
        match id.cast::<PyString>() {
            Ok(s) => Ok(self.inner.get(&s.to_cow()?).is_some()),
            Err(_) => Ok(false),
        }
    }
    fn __getitem__(&self, py: Python<'_>, id: &str) -> PyResult<Py<PyEntity>> {
        match self.inner.get(id) {
            Some((eid, _)) => self.entity_obj(py, eid.index()),
            None => Err(PyKeyError::new_err(id.to_string())),
        }
    }
    /// The entity with this id, or `default`.
    #[pyo3(signature = (id, default = None))]
    fn get(&self, py: Python<'_>, id: &str, default: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        match self.inner.get(id) {
            Some((eid, _)) => Ok(self.entity_obj(py, eid.index())?.into_any()),
            None => Ok(default.unwrap_or_else(|| py.None())),
        }
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        let items = (0..self.inner.len())
            .map(|i| self.entity_obj(py, i))
            .collect::<PyResult<Vec<_>>>()?;
        PyIterator::from_object(PyList::new(py, items)?.as_any())
    }
    fn __repr__(&self) -> String {
        if self.builtin {
            format!("Gazetteer({} entities, built-in)", self.inner.len())
        } else {
            format!("Gazetteer({} entities)", self.inner.len())
        }
    }
}
