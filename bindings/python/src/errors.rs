//! The one place where core errors (and panics) become Python exceptions.
//!
//! The exception classes live in `pubcat/errors.py` (plain Python, so they can inherit from
//! both `PubcatError` and a builtin such as `LookupError`); they are looked up by kind.

use std::any::Any;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Everything a binding call can fail with. (A local type: the orphan rule forbids
/// `impl From<pubcat::Error> for PyErr` here.)
#[derive(Debug)]
pub enum PyError {
    /// An error of the core, mapped by its kind.
    Core(pubcat::Error),
    /// A Python error raised while converting values.
    Py(PyErr),
    /// A Rust panic, caught before it reached the interpreter, or a broken invariant.
    Internal(String),
}

impl From<pubcat::Error> for PyError {
    fn from(err: pubcat::Error) -> Self {
        PyError::Core(err)
    }
}

impl From<PyErr> for PyError {
    fn from(err: PyErr) -> Self {
        PyError::Py(err)
    }
}

/// The Python class name of each error kind.
fn class_name(kind: pubcat::ErrorKind) -> &'static str {
    use pubcat::ErrorKind as K;
    match kind {
        K::NotFound => "NotFoundError",
        K::InvalidInput => "InvalidInputError",
        K::InvalidQuery => "InvalidQueryError",
        K::Parse => "ParseError",
        K::Conflict => "ConflictError",
        K::TooNew => "TooNewError",
        K::NotACatalog => "NotACatalogError",
        K::Corrupt => "CorruptError",
        K::Io => "PubcatIOError",
        K::Sqlite => "SqliteError",
        K::Closed => "ClosedError",
        K::SyncGap => "SyncGapError",
        K::WrongSource => "WrongSourceError",
        K::InvalidDelta => "InvalidDeltaError",
        _ => "PubcatError",
    }
}

fn build(py: Python<'_>, err: PyError) -> PyResult<PyErr> {
    let errors = py.import("pubcat.errors")?;
    let (class, message, kwargs) = match err {
        PyError::Py(err) => return Ok(err),
        PyError::Internal(message) => (errors.getattr("InternalError")?, message, None),
        PyError::Core(err) => {
            let kwargs = match err.position() {
                Some(position) => {
                    let kwargs = PyDict::new(py);
                    kwargs.set_item("line", position.line)?;
                    kwargs.set_item("record", position.record)?;
                    kwargs.set_item("field", position.field.as_deref())?;
                    Some(kwargs)
                }
                None => None,
            };
            (
                errors.getattr(class_name(err.kind()))?,
                err.to_string(),
                kwargs,
            )
        }
    };
    let instance = class.call((message,), kwargs.as_ref())?;
    Ok(PyErr::from_value(instance))
}

impl From<PyError> for PyErr {
    fn from(err: PyError) -> PyErr {
        Python::attach(|py| {
            build(py, err).unwrap_or_else(|e| {
                PyRuntimeError::new_err(format!("pubcat could not raise its own exception: {e}"))
            })
        })
    }
}

/// The text of a panic payload.
pub fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let text = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    };
    format!("internal error (a bug in pubcat, please report it): {text}")
}
