//! Columnar export: matched publications as Arrow record batches, handed to Python through
//! the Arrow PyCapsule interface (`__arrow_c_stream__`), so `pyarrow.table(obj)` (and from
//! there pandas) takes the columns without one Python object per row.

use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int32Builder, ListBuilder, StringBuilder, UInt32Builder,
};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchIterator};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use pubcat::query::{PublicationRow, TextList};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

/// Default rows per record batch (keeps every string column far from the 2 GiB offset limit).
pub const BATCH_ROWS: usize = 65_536;

/// The list columns, in order (each `list<string>`, never null: empty when there is none).
const LISTS: [&str; 12] = [
    "authors",
    "author_uids",
    "projects",
    "places",
    "place_uids",
    "minerals",
    "mineral_uids",
    "actors",
    "actor_uids",
    "themes",
    "theme_uids",
    "other_languages",
];

/// The lists of `row`, in the order of [`LISTS`].
fn lists<'a>(row: &PublicationRow<'a>) -> [TextList<'a>; 12] {
    [
        row.authors,
        row.author_uids,
        row.projects,
        row.places,
        row.place_uids,
        row.minerals,
        row.mineral_uids,
        row.actors,
        row.actor_uids,
        row.themes,
        row.theme_uids,
        row.other_languages,
    ]
}

/// The type of a list column: `list<item: string>`, as `ListBuilder<StringBuilder>` makes it.
fn list_type() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
}

/// The schema of the publication table.
pub fn schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let mut fields = vec![
        text("uid", false),
        text("work", false),
        text("language", false),
        text("title", false),
        text("kind", false),
        text("date", true),
        Field::new("year", DataType::Int32, true),
        Field::new("date_lower", DataType::Date32, true),
        Field::new("date_upper", DataType::Date32, true),
        text("series", true),
        text("series_number", true),
        Field::new("pages", DataType::UInt32, true),
    ];
    fields.extend(
        LISTS
            .iter()
            .map(|name| Field::new(*name, list_type(), false)),
    );
    fields.push(text("summary", true));
    fields.push(Field::new("score", DataType::Float64, false));
    Arc::new(Schema::new(fields))
}

/// Column builders for one batch.
struct Builders {
    text: Vec<StringBuilder>,
    year: Int32Builder,
    lower: Date32Builder,
    upper: Date32Builder,
    pages: UInt32Builder,
    lists: Vec<ListBuilder<StringBuilder>>,
    score: Float64Builder,
    rows: usize,
}

fn days(date: Option<NaiveDate>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    date.and_then(|d| i32::try_from((d - epoch).num_days()).ok())
}

impl Builders {
    fn new() -> Self {
        Builders {
            text: (0..9).map(|_| StringBuilder::new()).collect(),
            year: Int32Builder::new(),
            lower: Date32Builder::new(),
            upper: Date32Builder::new(),
            pages: UInt32Builder::new(),
            lists: LISTS
                .iter()
                .map(|_| ListBuilder::new(StringBuilder::new()))
                .collect(),
            score: Float64Builder::new(),
            rows: 0,
        }
    }

    fn push(&mut self, row: &PublicationRow<'_>) {
        let texts = [
            Some(row.uid),
            Some(row.work),
            Some(row.language),
            Some(row.title),
            Some(row.kind),
            row.date,
            row.series,
            row.series_number,
            row.summary,
        ];
        for (builder, value) in self.text.iter_mut().zip(texts) {
            builder.append_option(value);
        }
        self.year.append_option(row.year);
        self.lower.append_option(days(row.date_lower));
        self.upper.append_option(days(row.date_upper));
        self.pages.append_option(row.pages);
        for (builder, list) in self.lists.iter_mut().zip(lists(row)) {
            for text in list {
                builder.values().append_value(text);
            }
            builder.append(true);
        }
        self.score.append_value(row.score);
        self.rows += 1;
    }

    fn finish(&mut self, schema: &SchemaRef) -> Result<RecordBatch, ArrowError> {
        let mut text: Vec<ArrayRef> = self
            .text
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef)
            .collect();
        // Text columns 0..6, then year and the date bounds, texts 6..8 (series, number), the
        // page count, the lists, then the summary: the order of `schema()`.
        let after_number = text.split_off(8);
        let series = text.split_off(6);
        let mut columns = text;
        columns.push(Arc::new(self.year.finish()));
        columns.push(Arc::new(self.lower.finish()));
        columns.push(Arc::new(self.upper.finish()));
        columns.extend(series);
        columns.push(Arc::new(self.pages.finish()));
        columns.extend(
            self.lists
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.extend(after_number);
        columns.push(Arc::new(self.score.finish()));
        self.rows = 0;
        RecordBatch::try_new(schema.clone(), columns)
    }
}

/// Reads every publication matching `query` into record batches.
pub fn publication_batches(
    catalog: &pubcat::Catalog,
    query: &pubcat::query::Query,
    batch_rows: usize,
) -> Result<Vec<RecordBatch>, crate::errors::PyError> {
    let schema = schema();
    let mut batches = Vec::new();
    let mut builders = Builders::new();
    let mut failure = None;
    catalog.scan_publications(query, |row| {
        builders.push(row);
        if builders.rows >= batch_rows.max(1) {
            match builders.finish(&schema) {
                Ok(batch) => batches.push(batch),
                Err(e) => failure = Some(e),
            }
        }
    })?;
    if builders.rows > 0 || batches.is_empty() {
        match builders.finish(&schema) {
            Ok(batch) => batches.push(batch),
            Err(e) => failure = Some(e),
        }
    }
    match failure {
        Some(e) => Err(crate::errors::PyError::Internal(format!(
            "building Arrow arrays: {e}"
        ))),
        None => Ok(batches),
    }
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
