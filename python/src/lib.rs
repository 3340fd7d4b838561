//! The `newswire._native` extension module: Python classes over the newswire core.
//!
//! Each class wraps a value of the core and reads its fields: results wrap the core's
//! records (`newswire::records`, every span in code points and bytes), `Gazetteer` and
//! `Matcher` the core's own. Rust work runs with the GIL released.
//!
//! Modules import in one direction, leaves first:
//!
//! ```text
//! errors, html, data, pyser          leaves (they read only the core, pyo3 and serde)
//! convert      → errors              arguments, options, value-class pickling
//! state        → convert             records as pickled state, and back
//! parts        → state, pyser        Span, PartialDate, Dateline, Trailer, Acronym, Quote, DateExpr
//! entity       → convert, pyser      Entity, and the entities a pickled result carries
//! article      → parts, data, html   Article, parse
//! document     → article, entity     Document, Mention, EntitySummary
//! gazetteer    → entity              Gazetteer
//! stream       → document            annotate_many's iterator, on the core's batch engine
//! arrow        → document            Arrow in and out (find_arrow, annotate_arrow, to_pandas)
//! found        → document            Mentions, find's lazy result
//! matcher      → gazetteer, stream,  Matcher
//!                arrow, found
//! lib          → all                 the module and `_rebuild`
//! ```

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

mod arrow;
mod article;
mod convert;
mod data;
mod dedup;
mod document;
mod entity;
mod errors;
mod found;
mod gazetteer;
mod html;
mod matcher;
mod parts;
mod pyser;
mod state;
mod stream;

use article::PyArticle;
use document::{PyDocument, PyEntitySummary, PyMention};
use entity::PyEntity;
use gazetteer::PyGazetteer;
use matcher::PyMatcher;
use parts::{PyAcronym, PyDateExpr, PyDateline, PyPartialDate, PyQuote, PySpan, PyTrailer};
use stream::PyDocumentIterator;

/// Rebuilds an object from the state its `__reduce__` gave (the pickling entry point).
#[pyfunction]
fn _rebuild(py: Python<'_>, name: &str, state: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    Ok(match name {
        "Span" => Py::new(py, PySpan::from_state(state)?)?.into_any(),
        "PartialDate" => Py::new(py, PyPartialDate::from_state(state)?)?.into_any(),
        "Dateline" => Py::new(py, PyDateline::from_state(state)?)?.into_any(),
        "Trailer" => Py::new(py, PyTrailer::from_state(state)?)?.into_any(),
        "Acronym" => Py::new(py, PyAcronym::from_state(state)?)?.into_any(),
        "Quote" => Py::new(py, PyQuote::from_state(state)?)?.into_any(),
        "DateExpr" => Py::new(py, PyDateExpr::from_state(state)?)?.into_any(),
        "Article" => Py::new(py, PyArticle::from_state(state)?)?.into_any(),
        "Entity" => Py::new(py, PyEntity::from_state(state)?)?.into_any(),
        "Mention" => Py::new(py, PyMention::from_state(state)?)?.into_any(),
        "EntitySummary" => Py::new(py, PyEntitySummary::from_state(state)?)?.into_any(),
        "Document" => Py::new(py, PyDocument::from_state(state)?)?.into_any(),
        "Gazetteer" => Py::new(py, PyGazetteer::from_state(state)?)?.into_any(),
        "Matcher" => Py::new(py, PyMatcher::from_state(state)?)?.into_any(),
        "ArrowAnnotations" => {
            Py::new(py, arrow::PyArrowAnnotations::from_state(state)?)?.into_any()
        }
        other => return Err(PyValueError::new_err(format!("cannot rebuild {other:?}"))),
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(article::parse, m)?)?;
    m.add_function(wrap_pyfunction!(_rebuild, m)?)?;
    m.add_function(wrap_pyfunction!(matcher::_find_byte_spans, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_mention_table, m)?)?;
    m.add_function(wrap_pyfunction!(dedup::near_duplicates, m)?)?;
    m.add_class::<arrow::PyArrowAnnotations>()?;
    m.add_class::<PySpan>()?;
    m.add_class::<PyPartialDate>()?;
    m.add_class::<PyDateline>()?;
    m.add_class::<PyTrailer>()?;
    m.add_class::<PyAcronym>()?;
    m.add_class::<PyQuote>()?;
    m.add_class::<PyDateExpr>()?;
    m.add_class::<PyArticle>()?;
    m.add_class::<PyEntity>()?;
    m.add_class::<PyMention>()?;
    m.add_class::<PyEntitySummary>()?;
    m.add_class::<PyDocument>()?;
    m.add_class::<PyGazetteer>()?;
    m.add_class::<PyMatcher>()?;
    m.add_class::<PyDocumentIterator>()?;
    m.add_class::<found::PyMentions>()?;
    Ok(())
}
