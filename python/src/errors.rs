//! Core errors as Python exceptions, and the few messages the Python layer writes itself.
//!
//! A leaf: every other module may use it, it uses none of them.

use newswire::ErrorKind;
use pyo3::exceptions::{
    PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError, PyRuntimeError,
    PyValueError,
};
use pyo3::prelude::*;

/// A core error as the exception a Python caller expects: `FileNotFoundError`,
/// `PermissionError`, `IsADirectoryError` or `OSError` for I/O, `RuntimeError` for a caught bug, `ValueError`
/// (with the core's message: `file:line`, the bad option, the bad snapshot) for the rest.
pub(crate) fn core_err(e: newswire::Error) -> PyErr {
    let msg = e.to_string();
    match e.kind() {
        ErrorKind::Io => {
            let io_kind = std::error::Error::source(&e)
                .and_then(|s| s.downcast_ref::<std::io::Error>())
                .map(std::io::Error::kind);
            match io_kind {
                Some(std::io::ErrorKind::NotFound) => PyFileNotFoundError::new_err(msg),
                Some(std::io::ErrorKind::PermissionDenied) => PyPermissionError::new_err(msg),
                Some(std::io::ErrorKind::IsADirectory) => PyIsADirectoryError::new_err(msg),
                _ => PyOSError::new_err(msg),
            }
        }
        ErrorKind::Internal => PyRuntimeError::new_err(msg),
        _ => PyValueError::new_err(msg),
    }
}

/// The error for pickled state that does not describe an object of its class.
pub(crate) fn bad_state(class: &str, why: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("bad pickled {class}: {why}"))
}

/// The name of an object's type, for messages (`not int`).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .qualname()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}
