//! The publication table: one row per publication matching a query, read by the core's
//! [`Catalog::scan_publications`](pubcat::Catalog::scan_publications) (the rows of the
//! Python DataFrames) and appended column by column to Arrow builders.

use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int32Builder, ListBuilder, StringBuilder, UInt32Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use pubcat::query::{PublicationRow, Query, TextList};
use pubcat::{Catalog, Error};

/// Default rows per record batch (keeps every string column far from the 2 GiB offset limit).
pub const BATCH_ROWS: usize = 65_536;

/// The list columns, in order (each `list<string>`, never null: empty when there is none).
pub const LIST_COLUMNS: [&str; 12] = [
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

/// The lists of `row`, in the order of [`LIST_COLUMNS`].
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
pub(crate) fn list_type() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
}

/// The schema of the publication table: `uid`, `work`, `language`, `title`, `kind` (text),
/// `date` (EDTF text), `year` (int32), `date_lower`/`date_upper` (date32), `series`,
/// `series_number` (text), `pages` (uint32), the [`LIST_COLUMNS`] (`list<string>`),
/// `summary` (text) and `score` (float64).
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
        LIST_COLUMNS
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

/// Days since 1970-01-01 (Arrow's `date32`).
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
            lists: LIST_COLUMNS
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

/// An Arrow failure as the core's error (a bug of this crate, never the user's input).
pub(crate) fn arrow_error(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(format!("building Arrow arrays: {e}")))
}

/// Calls `batch` with record batches of at most `batch_rows` rows (at least one, possibly
/// empty, batch) holding every publication matching `query`, in the query's order. Stops at
/// the first error `batch` returns.
///
/// ```
/// let catalog = pubcat::Catalog::demo()?;
/// let mut rows = 0;
/// pubcat_arrow::publications::for_each_batch(&catalog, &Default::default(), 1000, |b| {
///     rows += b.num_rows();
///     Ok(())
/// })?;
/// assert_eq!(rows as i64, catalog.stats()?.publications);
/// # Ok::<(), pubcat::Error>(())
/// ```
pub fn for_each_batch(
    catalog: &Catalog,
    query: &Query,
    batch_rows: usize,
    mut batch: impl FnMut(RecordBatch) -> pubcat::Result<()>,
) -> pubcat::Result<()> {
    let schema = schema();
    let mut builders = Builders::new();
    let mut failure: Option<Error> = None;
    let mut sent = false;
    catalog.scan_publications(query, |row| {
        if failure.is_some() {
            return;
        }
        builders.push(row);
        if builders.rows >= batch_rows.max(1) {
            sent = true;
            if let Err(e) = builders
                .finish(&schema)
                .map_err(arrow_error)
                .and_then(&mut batch)
            {
                failure = Some(e);
            }
        }
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if builders.rows > 0 || !sent {
        batch(builders.finish(&schema).map_err(arrow_error)?)?;
    }
    Ok(())
}

/// Every publication matching `query` as record batches of at most `batch_rows` rows.
pub fn batches(
    catalog: &Catalog,
    query: &Query,
    batch_rows: usize,
) -> pubcat::Result<Vec<RecordBatch>> {
    let mut out = Vec::new();
    for_each_batch(catalog, query, batch_rows, |b| {
        out.push(b);
        Ok(())
    })?;
    Ok(out)
}
