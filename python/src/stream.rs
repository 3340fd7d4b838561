//! The iterator of `Matcher.annotate_many`: Python texts through the core's batch engine.
//!
//! The engine ([`Batch::map_stream`]) pulls its input on the thread that asks it for the
//! next result, a chunk at a time, and annotates on its own worker threads. Here that input
//! is the Python iterable: [`PyTexts`] takes the GIL for each pull alone, so the wait for
//! the workers runs without it. The workers never touch a Python object: each gets a copy
//! of its text and gives back the core's record of the document.

use std::sync::Arc;

use newswire::Matcher;
use newswire::batch::{Batch, MapStream};
use newswire::dedup::{Dedup, Index, Signature};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyString};

use crate::convert::{item_utf8, utf8_str};
use crate::data::Annotated;
use crate::document::PyDocument;
use crate::errors::core_err;

/// What stays on the calling thread for each input item: the `str` (handed back as the
/// document's text), or the exception that stands in for an item that is not one.
enum Slot {
    Text(Py<PyString>),
    Error(Py<PyAny>),
}

/// The texts of a Python iterable as the engine's input: `(slot, text)` pairs, the text
/// `None` for a bad item (its slot holds the error).
///
/// A bad item under `errors="raise"`, or an exception from the iterable itself, ends the
/// input: the error is kept in `failure`, to be raised once the results before it are
/// handed out, as a plain loop over `annotate` would.
struct PyTexts {
    source: Py<PyIterator>,
    /// The position of the next item, for messages (`texts[3]`).
    position: usize,
    return_errors: bool,
    failure: Option<PyErr>,
    done: bool,
}

impl PyTexts {
    fn pull(&mut self, py: Python<'_>) -> Option<(Slot, Option<Arc<str>>)> {
        let item = match self.source.bind(py).clone().next() {
            None => {
                self.done = true;
                return None;
            }
            Some(Err(e)) => return self.fail(e),
            Some(Ok(item)) => item,
        };
        let position = self.position;
        self.position += 1;
        // Not a str, or one with a lone surrogate (which UTF-8 cannot encode): an error
        // naming the item.
        let err = match item_utf8(&item, "texts", position) {
            Ok(utf8) => match (utf8_str(&utf8), item.cast::<PyString>()) {
                (Ok(text), Ok(s)) => {
                    return Some((Slot::Text(s.clone().unbind()), Some(text.into())));
                }
                (Err(e), _) => e,
                (_, Err(e)) => e.into(),
            },
            Err(e) => e,
        };
        if self.return_errors {
            Some((Slot::Error(err.into_value(py).into_any()), None))
        } else {
            self.fail(err)
        }
    }

    fn fail(&mut self, err: PyErr) -> Option<(Slot, Option<Arc<str>>)> {
        self.failure = Some(err);
        self.done = true;
        None
    }
}

impl Iterator for PyTexts {
    type Item = (Slot, Option<Arc<str>>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        Python::attach(|py| self.pull(py))
    }
}

/// What a worker does with a text: annotate it and make the document's record, and sign it
/// when near-duplicates are asked for.
type Step = Box<dyn Fn(Option<Arc<str>>) -> Option<(Annotated, Option<Signature>)> + Send + Sync>;

type Documents = MapStream<PyTexts, Slot, Option<Arc<str>>, Option<(Annotated, Option<Signature>)>>;

/// The documents of `Matcher.annotate_many`, in input order.
#[pyclass(module = "newswire._native", name = "DocumentIterator")]
pub struct PyDocumentIterator {
    /// `None` once the input and the results are through (or a failure was raised).
    stream: Option<Documents>,
    return_errors: bool,
    /// With `near_duplicates=True`: the index, fed in input order as documents are handed
    /// out (every item, so that positions are input positions).
    index: Option<Index>,
}

impl PyDocumentIterator {
    pub(crate) fn new(
        batch: &Batch,
        matcher: Matcher,
        source: Py<PyIterator>,
        return_errors: bool,
        dedup: Option<Dedup>,
    ) -> PyDocumentIterator {
        let parser = batch.parser().clone();
        let index = dedup.as_ref().map(Dedup::index);
        let step: Step = Box::new(move |text| {
            let text = text?;
            let document = matcher.annotate_with(&parser, &text);
            let signature = (dedup.as_ref()).and_then(|d| d.sign(&text, document.article()));
            Some((Annotated::new(text, &document), signature))
        });
        let texts = PyTexts {
            source,
            position: 0,
            return_errors,
            failure: None,
            done: false,
        };
        PyDocumentIterator {
            stream: Some(batch.map_stream(texts, step)),
            return_errors,
            index,
        }
    }
}

#[pymethods]
impl PyDocumentIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let Some(stream) = self.stream.as_mut() else {
            return Ok(None);
        };
        // With results ready `next` neither reads nor waits; otherwise it may wait for the
        // workers, which it does without the GIL (taking it back to pull each input item).
        let mut next = if stream.ready() > 0 {
            stream.next()
        } else {
            py.detach(|| stream.next())
        };
        // Every item takes its position in the index, a failed one without a signature.
        let mut duplicates = None;
        if let (Some(index), Some((_, result))) = (self.index.as_mut(), next.as_mut()) {
            let signature = match result {
                Ok(Some((_, signature))) => signature.take(),
                _ => None,
            };
            let found = index.push(signature);
            duplicates = Some(
                found
                    .map(|d| (d.position(), d.similarity(), d.is_exact()))
                    .collect::<Vec<_>>(),
            );
        }
        match next {
            None => {
                let failure = stream.inputs_mut().failure.take();
                self.stream = None;
                failure.map_or(Ok(None), Err)
            }
            Some((Slot::Text(text), Ok(Some((data, _))))) => {
                let document = PyDocument::new(data, text).with_duplicates(duplicates);
                Ok(Some(Py::new(py, document)?.into_any()))
            }
            Some((Slot::Error(err), Ok(_))) => Ok(Some(err)),
            Some((Slot::Text(_), Ok(None))) => Err(PyRuntimeError::new_err(
                "the batch engine gave no document for a text",
            )),
            // A failure inside the engine (a bug, caught): in its place, or raised.
            Some((_, Err(e))) => {
                let err = core_err(e);
                if self.return_errors {
                    Ok(Some(err.into_value(py).into_any()))
                } else {
                    self.stream = None;
                    Err(err)
                }
            }
        }
    }
}
