//! Counts over the catalogue.

use rusqlite::Connection;

use crate::db::schema::stored_version;
use crate::error::Result;
use crate::model::Stats;
use crate::store::rows::PUBLICATION_YEAR_SQL;

fn count(conn: &Connection, sql: &str) -> Result<i64> {
    let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
    Ok(n.max(0))
}

/// Counts per entity, per language, per kind and per year.
pub(crate) fn stats_in(conn: &Connection) -> Result<Stats> {
    let mut stats = Stats {
        publications: count(conn, "SELECT count(*) FROM publication")?,
        works: count(conn, "SELECT count(*) FROM work")?,
        multilingual_works: count(conn, "SELECT count(*) FROM (SELECT work_id FROM publication GROUP BY work_id HAVING count(*) > 1)")?,
        agents: count(conn, "SELECT count(*) FROM agent WHERE redirect_to IS NULL")?,
        projects: count(conn, "SELECT count(*) FROM project")?,
        series: count(conn, "SELECT count(*) FROM series")?,
        concepts: count(conn, "SELECT count(*) FROM concept")?,
        relations: count(conn, "SELECT count(*) FROM relation")?,
        version: stored_version(conn)?,
        ..Stats::default()
    };
    let mut stmt =
        conn.prepare_cached("SELECT language, count(*) FROM publication GROUP BY language")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (k, n) = row?;
        stats.by_language.insert(k, n);
    }
    let mut stmt = conn.prepare_cached("SELECT kind, count(*) FROM publication GROUP BY kind")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (k, n) = row?;
        stats.by_kind.insert(k, n);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT CAST({PUBLICATION_YEAR_SQL} AS INTEGER), count(*) FROM publication \
         WHERE date_lower IS NOT NULL GROUP BY 1"
    ))?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?)))? {
        let (k, n) = row?;
        stats.by_year.insert(k, n);
    }
    Ok(stats)
}
