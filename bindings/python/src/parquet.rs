//! `Catalog.to_parquet`: the publications matching a query (and the catalogue's agents,
//! concepts and projects) as a folder of Parquet files, written all or nothing by
//! `pubcat_arrow::export_parquet` (the layout of `pubcat export --format parquet`). Only with
//! the package's `parquet` feature (on by default, so in every wheel).

use std::path::PathBuf;

use pubcat::query::Query;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::from_py;
use crate::errors::PyError;
use crate::NativeCatalog;

/// Writes the Parquet folder `path` for `query` (a Query in its serde shape); returns
/// `{"publications": rows, "files": [paths], "bytes": total size}`.
#[pyfunction]
#[pyo3(signature = (catalog, path, query, compress=true, row_group_rows=None))]
pub fn export_parquet<'py>(
    py: Python<'py>,
    catalog: &NativeCatalog,
    path: PathBuf,
    query: &Bound<'py, PyAny>,
    compress: bool,
    row_group_rows: Option<usize>,
) -> Result<Bound<'py, PyDict>, PyError> {
    let query: Query = from_py(query, "query", true)?;
    let mut options = pubcat_arrow::ParquetOptions {
        compress,
        ..Default::default()
    };
    if let Some(rows) = row_group_rows {
        options.row_group_rows = rows;
    }
    let summary = crate::run(py, || {
        pubcat_arrow::export_parquet(&catalog.inner, &path, &query, &options)
    })?;
    let out = PyDict::new(py);
    let files: Vec<String> = summary
        .files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    out.set_item("publications", summary.publications)
        .and_then(|()| out.set_item("files", files))
        .and_then(|()| out.set_item("bytes", summary.bytes))
        .map_err(PyError::Py)?;
    Ok(out)
}
