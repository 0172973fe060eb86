//! Typed relations between publications.

use super::rows::parse_column;
use rusqlite::{params, Connection};

use super::writer::Writer;
use super::{require_id, Table};
use crate::error::{Error, Result};
use crate::model::{check_uid, RelatedRecord, Relation, RelationType};

/// Adds a relation inside `w` (stored in its canonical direction). Returns whether it was new.
pub(crate) fn add_in(w: &mut Writer<'_>, r: &Relation) -> Result<bool> {
    check_uid("source", &r.source)?;
    check_uid("target", &r.target)?;
    if r.source == r.target {
        return Err(Error::invalid(
            "target",
            "a publication cannot be related to itself",
        ));
    }
    let c = r.canonical();
    let source = require_id(w.conn(), Table::Publication, &c.source)?;
    let target = require_id(w.conn(), Table::Publication, &c.target)?;
    let added = w
        .conn()
        .prepare_cached("INSERT OR IGNORE INTO relation (source_id, relation_type, target_id) VALUES (?1, ?2, ?3)")?
        .execute(params![source, c.relation_type.as_str(), target])?;
    if added > 0 {
        w.log("relation", &r.change_key(), false)?;
    }
    Ok(added > 0)
}

pub(crate) fn remove_in(w: &mut Writer<'_>, r: &Relation) -> Result<()> {
    let c = r.canonical();
    let source = require_id(w.conn(), Table::Publication, &c.source)?;
    let target = require_id(w.conn(), Table::Publication, &c.target)?;
    let removed = w.conn().execute(
        "DELETE FROM relation WHERE source_id = ?1 AND relation_type = ?2 AND target_id = ?3",
        params![source, c.relation_type.as_str(), target],
    )?;
    if removed == 0 {
        return Err(Error::not_found("relation", r.change_key()));
    }
    w.log("relation", &r.change_key(), true)
}

/// The relations of publication `id`, read from its side.
pub(crate) fn related_in(conn: &Connection, id: i64) -> Result<Vec<RelatedRecord>> {
    let mut out: Vec<RelatedRecord> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT r.relation_type, p.uid, p.title, p.language, 0 FROM relation r JOIN publication p ON p.id = r.target_id WHERE r.source_id = ?1
         UNION ALL
         SELECT r.relation_type, p.uid, p.title, p.language, 1 FROM relation r JOIN publication p ON p.id = r.source_id WHERE r.target_id = ?1",
    )?;
    let rows = stmt.query_map([id], |r| {
        let ty: RelationType = parse_column(r, 0)?;
        let inverse: bool = r.get(4)?;
        Ok(RelatedRecord {
            relation_type: if inverse { ty.inverse() } else { ty },
            uid: r.get(1)?,
            title: r.get(2)?,
            language: r.get(3)?,
        })
    })?;
    for row in rows {
        out.push(row?);
    }
    out.sort_by(|a, b| (a.relation_type.as_str(), &a.uid).cmp(&(b.relation_type.as_str(), &b.uid)));
    Ok(out)
}

/// Every stored relation, in canonical direction, sorted.
pub(crate) fn all_in(conn: &Connection) -> Result<Vec<Relation>> {
    let mut out: Vec<Relation> = conn
        .prepare_cached(
            "SELECT s.uid, r.relation_type, t.uid FROM relation r JOIN publication s ON s.id = r.source_id JOIN publication t ON t.id = r.target_id",
        )?
        .query_map([], |r| Ok(Relation { source: r.get(0)?, relation_type: parse_column(r, 1)?, target: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    out.sort();
    Ok(out)
}
