//! Columnar export: matched publications as Arrow record batches, handed to Python through
//! the Arrow PyCapsule interface (`__arrow_c_stream__`), so `pyarrow.table(obj)` (and from
//! there pandas) takes the columns without one Python object per row.

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use pubcat_arrow::publications::schema;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

/// Default rows per record batch (keeps every string column far from the 2 GiB offset limit).
pub const BATCH_ROWS: usize = pubcat_arrow::publications::BATCH_ROWS;

/// Reads every publication matching `query` into record batches: the publication table of
/// `pubcat_arrow` (the same rows and columns as `pubcat export --format parquet`).
pub fn publication_batches(
    catalog: &pubcat::Catalog,
    query: &pubcat::query::Query,
    batch_rows: usize,
) -> Result<Vec<RecordBatch>, crate::errors::PyError> {
    Ok(pubcat_arrow::publications::batches(
        catalog, query, batch_rows,
    )?)
}

/// Publications as Arrow data: implements the Arrow PyCapsule interface
/// (`__arrow_c_stream__`, `__arrow_c_schema__`), so `pyarrow.table(obj)`, polars and other
/// Arrow consumers import it without copying row by row. The data can be read many times.
#[pyclass(module = "pubcat._pubcat", name = "ArrowPublications", frozen)]
pub struct ArrowPublications {
    pub batches: Vec<RecordBatch>,
}

#[pymethods]
impl ArrowPublications {
    /// Exports the batches as an `ArrowArrayStream` PyCapsule. `requested_schema` is
    /// accepted and ignored, as the protocol allows.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(self.batches.clone().into_iter().map(Ok), schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// Exports the schema as an `ArrowSchema` PyCapsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let ffi = arrow_schema::ffi::FFI_ArrowSchema::try_from(schema().as_ref())
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        PyCapsule::new_with_value(py, ffi, c"arrow_schema")
    }

    /// Number of rows.
    fn __len__(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The column names, in order.
    #[getter]
    fn column_names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, schema().fields().iter().map(|f| f.name().clone()))
    }

    fn __repr__(&self) -> String {
        format!("<pubcat ArrowPublications: {} rows>", self.__len__())
    }
}
