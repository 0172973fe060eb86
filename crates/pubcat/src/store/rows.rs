//! Row helpers shared by the entity files of `store/` (so that no entity file imports another
//! for them).

use rusqlite::{Connection, Row};

use crate::error::{Error, Result};
use crate::model::DateInfo;

/// SQL for a `publication` row's year as text (`YYYY`), as `PartialDate::year` gives it: the year
/// of `date_lower`, or of `date_upper` for an interval whose start is open or unknown (its
/// `date_lower` is only the `1000-01-01` placeholder). NULL for an undated row. Columns are
/// unqualified: use it where `publication` is the only table in scope, or in a subquery.
pub(crate) const PUBLICATION_YEAR_SQL: &str = "CASE WHEN date_lower = '1000-01-01' \
     AND (date_edtf LIKE '..%' OR date_edtf LIKE '/%') THEN substr(date_upper, 1, 4) \
     ELSE substr(date_lower, 1, 4) END";

/// Runs a parameterless query returning text values.
pub(crate) fn uids_all(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?)
}

/// Runs a one-parameter query returning text values.
pub(crate) fn uids(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?)
}

/// Reads a text column into a vocabulary enum, as a typed conversion error if unknown.
pub(crate) fn parse_column<T: std::str::FromStr<Err = Error>>(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    text.parse().map_err(|e: Error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads the date columns `edtf, lower, upper, precision` starting at `index`.
pub(crate) fn date_info(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<DateInfo>> {
    let edtf: Option<String> = row.get(index)?;
    let Some(edtf) = edtf else { return Ok(None) };
    let parse = |i: usize| -> rusqlite::Result<chrono::NaiveDate> {
        let text: String = row.get(i)?;
        text.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    Ok(Some(DateInfo {
        edtf,
        lower: parse(index + 1)?,
        upper: parse(index + 2)?,
        precision: row.get(index + 3)?,
    }))
}
