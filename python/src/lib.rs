//! The `newswire._native` extension module: Python classes over the newswire core.
//!
//! Every span the Python side sees is in code points, converted once per text with
//! `newswire::offsets::CharIndex` while the GIL is released.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

mod article;
mod convert;
mod document;
mod gazetteer;
mod html;
mod matcher;

use article::{
    PyAcronym, PyArticle, PyDateExpr, PyDateline, PyPartialDate, PyQuote, PySpan, PyTrailer,
};
use document::{PyDocument, PyEntitySummary, PyMention};
use gazetteer::{PyEntity, PyGazetteer};
use matcher::{PyDocumentIterator, PyMatcher};

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
        other => return Err(PyValueError::new_err(format!("cannot rebuild {other:?}"))),
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(article::parse, m)?)?;
    m.add_function(wrap_pyfunction!(_rebuild, m)?)?;
    m.add_function(wrap_pyfunction!(matcher::_find_byte_spans, m)?)?;
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
    Ok(())
}
