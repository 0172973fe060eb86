//! JSON-shaped values between Rust and Python.
//!
//! Records cross the boundary in their serde form: Rust value → `serde_json::Value` → Python
//! `dict`/`list`/`str`/`int`/`float`/`bool`/`None`, and back. The Python layer
//! (`pubcat/models.py`) wraps those dicts in typed classes whose `to_dict()` is exactly this
//! serde shape, which is what the conformance vectors compare.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::errors::PyError;

/// Converts a JSON value into the equivalent Python object.
pub fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(PyString::new(py, key), value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Converts a Python object made of dicts, lists, tuples, strings, numbers, booleans and
/// `None` into a JSON value. Objects with an `isoformat()` method (`datetime.date`) become
/// their ISO text; objects with a `to_dict()` method (pubcat's records) become that dict.
pub fn py_to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::from(obj.extract::<u64>()?));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyTypeError::new_err("NaN and infinite numbers are not accepted"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, item) in dict.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("dictionary keys must be strings"))?
                .to_cow()?
                .into_owned();
            map.insert(key, py_to_value(&item)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return list
            .iter()
            .map(|item| py_to_value(&item))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple
            .iter()
            .map(|item| py_to_value(&item))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if obj.hasattr("to_dict")? {
        return py_to_value(&obj.call_method0("to_dict")?);
    }
    if obj.hasattr("isoformat")? {
        return py_to_value(&obj.call_method0("isoformat")?);
    }
    Err(PyTypeError::new_err(format!(
        "cannot pass a {} to pubcat; use dicts, lists, strings, numbers, booleans or None",
        obj.get_type().name()?
    )))
}

/// Serialises a Rust value to its Python (serde JSON) form.
pub fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> Result<Bound<'py, PyAny>, PyError> {
    let json = serde_json::to_value(value)
        .map_err(|e| PyError::Internal(format!("serialising a result: {e}")))?;
    Ok(value_to_py(py, &json)?)
}

/// Deserialises a Python (serde JSON shaped) value; a shape error is an `invalid_input`
/// error about `what`, or `invalid_query` for queries.
pub fn from_py<T: DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    what: &str,
    query: bool,
) -> Result<T, PyError> {
    let value = py_to_value(obj)?;
    serde_json::from_value(value).map_err(|e| {
        PyError::Core(if query {
            pubcat::Error::InvalidQuery(format!("{what}: {e}"))
        } else {
            pubcat::Error::invalid(what, e.to_string())
        })
    })
}
