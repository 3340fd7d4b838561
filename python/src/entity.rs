//! `newswire.Entity`, and the entities a pickled result carries with it.

use std::collections::HashMap;
use std::sync::Arc;

use newswire::gazetteer::{EntityRef, Format};
use newswire::{EntityId, Gazetteer};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::convert::{pyrepr, value_class};
use crate::errors::bad_state;
use crate::pyser::json_loads;

/// One gazetteer entity: a view of it in its gazetteer (which it keeps alive).
#[pyclass(frozen, module = "newswire._native", name = "Entity")]
pub struct PyEntity {
    gazetteer: Arc<Gazetteer>,
    id: EntityId,
}

impl PyEntity {
    pub(crate) fn new(gazetteer: &Arc<Gazetteer>, id: EntityId) -> PyEntity {
        PyEntity {
            gazetteer: gazetteer.clone(),
            id,
        }
    }

    fn entity(&self) -> EntityRef<'_> {
        self.gazetteer.entity(self.id)
    }

    /// `(json,)`: the entity's line of JSON Lines.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let mut entities = LocalEntities::default();
        entities.number(self.id);
        (entities.jsonl(&self.gazetteer)?,).into_pyobject(py)
    }

    pub(crate) fn from_state(state: &Bound<'_, PyTuple>) -> PyResult<PyEntity> {
        let (jsonl,): (String,) = state.extract()?;
        let gazetteer = local_gazetteer(state.py(), "Entity", &jsonl)?;
        let id = local_id("Entity", &gazetteer, 0)?;
        Ok(PyEntity { gazetteer, id })
    }
}

value_class!(PyEntity, "Entity", {
    /// The id, unique in its gazetteer.
    #[getter]
    fn id(&self) -> &str {
        self.entity().id()
    }
    /// `PERSON`, `ORG`, `LOC`, ...: free text.
    #[getter]
    fn kind(&self) -> &str {
        self.entity().kind()
    }
    /// The canonical name.
    #[getter]
    fn name(&self) -> &str {
        self.entity().name()
    }
    /// The other names, as written.
    #[getter]
    fn aliases(&self) -> Vec<&str> {
        self.entity().aliases().map(|a| a.text()).collect()
    }
    /// The attributes as given in the gazetteer (a new dict on each access), or None.
    #[getter]
    fn attrs<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.entity()
            .attrs_json()
            .map(|a| json_loads(py, PyString::new(py, a).as_any()))
            .transpose()
    }
    /// `{"id", "kind", "name", "aliases", "attrs"}`, aliases as their texts.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        // The core renders an entity inside a mention (no aliases) or as a gazetteer line
        // (aliases as objects, no `attrs` when none); this shape is the entity's fields.
        let d = PyDict::new(py);
        d.set_item("id", self.id())?;
        d.set_item("kind", self.kind())?;
        d.set_item("name", self.name())?;
        d.set_item("aliases", self.aliases())?;
        d.set_item("attrs", self.attrs(py)?)?;
        Ok(d)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let e = self.entity();
        format!(
            "Entity(id={}, kind={}, name={})",
            pyrepr(py, e.id()),
            pyrepr(py, e.kind()),
            pyrepr(py, e.name())
        )
    }
});

/// The entities a result names, numbered in the order first named: a pickled result
/// carries these, not its whole gazetteer.
#[derive(Default)]
pub(crate) struct LocalEntities {
    order: Vec<EntityId>,
    numbers: HashMap<EntityId, usize>,
}

impl LocalEntities {
    /// The local number of `id`.
    pub(crate) fn number(&mut self, id: EntityId) -> usize {
        let LocalEntities { order, numbers } = self;
        *numbers.entry(id).or_insert_with(|| {
            order.push(id);
            order.len() - 1
        })
    }

    /// The entities as JSON Lines, in local order: the gazetteer format, so that they load
    /// back through the core's reader.
    pub(crate) fn jsonl(&self, gazetteer: &Gazetteer) -> PyResult<String> {
        let mut out = String::new();
        for &id in &self.order {
            let line =
                serde_json::to_string(&gazetteer.entity(id)).map_err(|e| bad_state("entity", e))?;
            out.push_str(&line);
            out.push('\n');
        }
        Ok(out)
    }
}

/// The entities of a pickled result back, as a gazetteer of their own.
pub(crate) fn local_gazetteer(
    py: Python<'_>,
    class: &str,
    jsonl: &str,
) -> PyResult<Arc<Gazetteer>> {
    let gazetteer = py
        .detach(|| Gazetteer::from_str_as(jsonl, Format::Jsonl, "<pickle>"))
        .map_err(|e| bad_state(class, e))?;
    Ok(Arc::new(gazetteer))
}

/// The id of the entity numbered `number` in a gazetteer made by [`local_gazetteer`].
pub(crate) fn local_id(class: &str, gazetteer: &Gazetteer, number: usize) -> PyResult<EntityId> {
    (gazetteer.entities().nth(number))
        .map(|e| e.index())
        .ok_or_else(|| bad_state(class, format!("no entity {number}")))
}
