//! `Catalog.export_changes` / `apply_changes` / `replica_status` / `catalog_uid`: offline sync
//! by delta files (docs/SYNC.md), one call of the core each.

use std::path::PathBuf;

use pubcat::sync::ConflictPolicy;
use pyo3::prelude::*;

use crate::convert::to_py;
use crate::errors::PyError;
use crate::NativeCatalog;

/// Writes the changes after `since` to the delta file `path` (atomically); returns
/// ExportedChanges as a dict.
#[pyfunction]
pub fn export_changes<'py>(
    py: Python<'py>,
    catalog: &NativeCatalog,
    since: i64,
    path: PathBuf,
) -> Result<Bound<'py, PyAny>, PyError> {
    let written = crate::run(py, || catalog.inner.export_changes_to_path(since, &path))?;
    to_py(py, &written)
}

/// The changes after `since` as the bytes of a delta file.
#[pyfunction]
pub fn export_changes_bytes(
    py: Python<'_>,
    catalog: &NativeCatalog,
    since: i64,
) -> Result<Vec<u8>, PyError> {
    crate::run(py, || {
        let mut out = Vec::new();
        catalog.inner.export_changes(since, &mut out)?;
        Ok(out)
    })
}

/// Applies a delta file, given as a path or as its bytes; `on_conflict` is `refuse`,
/// `take_source` or `keep_local`. Returns AppliedChanges as a dict.
#[pyfunction]
#[pyo3(signature = (catalog, path=None, data=None, on_conflict="refuse"))]
pub fn apply_changes<'py>(
    py: Python<'py>,
    catalog: &NativeCatalog,
    path: Option<PathBuf>,
    data: Option<Vec<u8>>,
    on_conflict: &str,
) -> Result<Bound<'py, PyAny>, PyError> {
    let choice: ConflictPolicy = on_conflict.parse()?;
    let applied = crate::run(py, || match (&path, &data) {
        (Some(path), None) => catalog.inner.apply_changes_from_path(path, choice),
        (None, Some(data)) => catalog.inner.apply_changes(&mut data.as_slice(), choice),
        _ => Err(pubcat::Error::invalid(
            "source",
            "give a path or the bytes of a delta file",
        )),
    })?;
    to_py(py, &applied)
}

/// The source this catalogue follows (ReplicaStatus as a dict), or None.
#[pyfunction]
pub fn replica_status<'py>(
    py: Python<'py>,
    catalog: &NativeCatalog,
) -> Result<Bound<'py, PyAny>, PyError> {
    let status = crate::run(py, || catalog.inner.replica_status())?;
    to_py(py, &status)
}

/// The catalogue's identity (32 hex digits).
#[pyfunction]
pub fn catalog_uid(py: Python<'_>, catalog: &NativeCatalog) -> Result<String, PyError> {
    crate::run(py, || catalog.inner.catalog_uid())
}
