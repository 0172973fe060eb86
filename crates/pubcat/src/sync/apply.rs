//! Applying the changes of a delta file inside one write transaction.
//!
//! Each change carries the whole state of a record in the source, so applying it replaces the
//! record (and everything attached to it) by that state: the same change applied twice gives
//! the same catalogue. The changes are applied in an order that keeps references resolvable:
//! deleted publications and relations first (they free language slots and identifiers),
//! then every upsert: agents as the source holds them (rows, names, identifiers), series,
//! projects, concepts and publications through the same store functions ordinary writes use
//! (they keep the full-text index and the change log), then what the write forms do not carry (tag
//! provenance, decisions, redirects, timestamps), then relations, then the other deletions.
//! Upserts and deletions that depend on one another inside a file (a concept whose broader
//! concept comes later, a publication taking an identifier another one gives up) are
//! retried until a round makes no progress.

use rusqlite::{params, OptionalExtension};

use super::format::{AgentState, Change, PublicationState, SeriesState};
use crate::error::{Error, ErrorKind, Result};
use crate::model::Relation;
use crate::store::writer::Writer;
use crate::store::{
    agents, concepts, find_id, projects, publications, relations, require_id, series, Table,
};

/// Applies `changes` (already filtered by the conflict choice) inside `w`.
pub(crate) fn apply_in(w: &mut Writer<'_>, changes: &[&Change]) -> Result<()> {
    // 1. Deleted publications and relations; the identifiers of deleted agents.
    for change in changes {
        match change {
            Change::Publication {
                uid, state: None, ..
            } if find_id(w.conn(), Table::Publication, uid)?.is_some() => {
                publications::delete_in(w, uid)?;
            }
            Change::Relation {
                uid, state: None, ..
            } => remove_relation(w, uid)?,
            // An agent the source deleted gives up its identifiers now (another agent may have
            // them); it is deleted at the end, once no publication credits it.
            Change::Agent {
                uid, state: None, ..
            } => {
                w.conn()
                    .prepare_cached(
                        "DELETE FROM agent_identifier WHERE agent_id = (SELECT id FROM agent WHERE uid = ?1)",
                    )?
                    .execute([uid])?;
            }
            _ => {}
        }
    }
    // 2. Upserts, retried until settled.
    let upserts: Vec<&Change> = changes
        .iter()
        .copied()
        .filter(|c| !c.is_delete() && !matches!(c, Change::Relation { .. }))
        .collect();
    settle(w, upserts, upsert, unstick)?;
    // 3. What the write forms do not carry.
    for change in changes {
        match change {
            Change::Publication { state: Some(s), .. } => publication_extras(w, s)?,
            Change::Series { state: Some(s), .. } => series_extras(w, s)?,
            Change::Agent {
                uid,
                state: Some(s),
                ..
            } => {
                stamp(w, "agent", uid, &s.created, &s.updated)?;
                let target = match &s.redirect {
                    Some(target) => Some(require_id(w.conn(), Table::Agent, target)?),
                    None => None,
                };
                w.conn()
                    .prepare_cached("UPDATE agent SET redirect_to = ?2 WHERE uid = ?1")?
                    .execute(params![uid, target])?;
            }
            Change::Project {
                uid,
                state: Some(s),
                ..
            } => stamp(w, "project", uid, &s.created, &s.updated)?,
            Change::Concept {
                uid,
                state: Some(s),
                ..
            } => stamp(w, "concept", uid, &s.created, &s.updated)?,
            _ => {}
        }
    }
    for change in changes {
        if let Change::Publication {
            uid,
            state: Some(s),
            ..
        } = change
        {
            decisions(w, uid, &s.not_translation)?;
        }
    }
    // 4. Relations.
    for change in changes {
        if let Change::Relation { state: Some(r), .. } = change {
            relations::add_in(w, r)?;
        }
    }
    // 5. The other deletions, retried until settled (narrower concepts before broader).
    let deletes: Vec<&Change> = changes
        .iter()
        .copied()
        .filter(|c| {
            c.is_delete() && !matches!(c, Change::Publication { .. } | Change::Relation { .. })
        })
        .collect();
    settle(w, deletes, delete, |_, _| Ok(false))
}

/// Runs `f` on every item; the ones that fail with an error another item can lift (a missing
/// reference, a uniqueness clash) are retried while a round makes progress.
///
/// A cycle makes no progress (two versions of one work that swap languages, two publications
/// that swap identifiers, two concepts that swap places): then `unstick` moves each failed
/// record out of the way (see [`unstick`]) and the rounds go on; a second standstill is an
/// error.
fn settle<'a>(
    w: &mut Writer<'_>,
    mut pending: Vec<&'a Change>,
    f: fn(&mut Writer<'_>, &Change) -> Result<()>,
    unstick: fn(&mut Writer<'_>, &Change) -> Result<bool>,
) -> Result<()> {
    let mut unstuck = false;
    loop {
        let before = pending.len();
        let mut failed = Vec::new();
        let mut first: Option<Error> = None;
        for change in pending {
            match f(w, change) {
                Ok(()) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::NotFound
                            | ErrorKind::Conflict
                            | ErrorKind::InvalidInput
                            | ErrorKind::Sqlite
                    ) =>
                {
                    first.get_or_insert(e);
                    failed.push(change);
                }
                Err(e) => return Err(e),
            }
        }
        match first {
            None => return Ok(()),
            Some(_) if failed.len() == before && !unstuck => {
                unstuck = true;
                for change in &failed {
                    unstick(w, change)?;
                }
                pending = failed;
            }
            Some(e) if failed.len() == before => {
                let (entity, uid) = failed[0].key();
                return Err(Error::Conflict(format!(
                    "cannot apply the change of {entity} `{uid}`: {e}"
                )));
            }
            Some(_) => pending = failed,
        }
    }
}

fn upsert(w: &mut Writer<'_>, change: &Change) -> Result<()> {
    match change {
        Change::Agent { state: Some(s), .. } => write_agent(w, s)?,
        Change::Series { state: Some(s), .. } => {
            series::upsert_in(w, &s.record)?;
        }
        Change::Project { state: Some(s), .. } => {
            projects::upsert_in(w, &s.record)?;
        }
        Change::Concept { state: Some(s), .. } => {
            concepts::upsert_in(w, &s.record)?;
        }
        Change::Publication { state: Some(s), .. } => {
            publications::upsert_in(w, &s.record)?;
        }
        _ => {}
    }
    Ok(())
}

/// Moves an existing record out of the way of the others: a publication to a work of its own
/// (not the original, without identifiers), an agent without identifiers, a concept without
/// a broader concept. Its upsert then writes its state from there (and removes the parking
/// work when it leaves it). Returns whether it moved something.
fn unstick(w: &mut Writer<'_>, change: &Change) -> Result<bool> {
    let conn = w.conn();
    match change {
        Change::Publication { uid, state: Some(_), .. } => {
            let Some((id, work_id)) = conn
                .prepare_cached("SELECT id, work_id FROM publication WHERE uid = ?1")?
                .query_row([uid], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                .optional()?
            else {
                return Ok(false);
            };
            let parking: i64 = conn
                .prepare_cached(
                    "INSERT INTO work (uid) VALUES (?1)
                     ON CONFLICT (uid) DO UPDATE SET uid = excluded.uid RETURNING id",
                )?
                .query_row([format!("pubcat-sync-parking/{uid}")], |r| r.get(0))?;
            conn.prepare_cached(
                "UPDATE publication SET work_id = ?2, is_original = 0 WHERE id = ?1",
            )?
            .execute([id, parking])?;
            conn.prepare_cached("DELETE FROM publication_identifier WHERE publication_id = ?1")?
                .execute([id])?;
            publications::delete_work_if_empty(conn, work_id)?;
            Ok(true)
        }
        Change::Agent { uid, state: Some(_), .. } => Ok(conn
            .prepare_cached(
                "DELETE FROM agent_identifier WHERE agent_id = (SELECT id FROM agent WHERE uid = ?1)",
            )?
            .execute([uid])?
            > 0),
        Change::Concept { uid, state: Some(_), .. } => Ok(conn
            .prepare_cached("UPDATE concept SET broader_id = NULL WHERE uid = ?1 AND broader_id IS NOT NULL")?
            .execute([uid])?
            > 0),
        _ => Ok(false),
    }
}

fn delete(w: &mut Writer<'_>, change: &Change) -> Result<()> {
    let (entity, uid) = change.key();
    let table = match entity {
        "agent" => Table::Agent,
        "series" => Table::Series,
        "project" => Table::Project,
        "concept" => Table::Concept,
        _ => return Ok(()),
    };
    if find_id(w.conn(), table, uid)?.is_none() {
        return Ok(());
    }
    match table {
        Table::Agent => agents::delete_in(w, uid),
        Table::Series => series::delete_in(w, uid),
        Table::Project => projects::delete_in(w, uid),
        _ => concepts::delete_in(w, uid),
    }
}

/// Removes a relation the source removed, if the replica has it.
fn remove_relation(w: &mut Writer<'_>, key: &str) -> Result<()> {
    let r: Relation = super::state::parse_relation(key)?.canonical();
    let (Some(_), Some(_)) = (
        find_id(w.conn(), Table::Publication, &r.source)?,
        find_id(w.conn(), Table::Publication, &r.target)?,
    ) else {
        return Ok(());
    };
    match relations::remove_in(w, &r) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Writes an agent's own row, names and identifiers as the source holds them. Written as they
/// are rather than through `agents::upsert_in`: a merge can leave an agent in a state an
/// upsert would refuse (an organisation's ROR moved onto a person), and an agent merged into
/// another keeps its row (its uid redirects; `redirect_to` is set once every agent exists).
fn write_agent(w: &mut Writer<'_>, s: &AgentState) -> Result<()> {
    let a = &s.record;
    if let Some(id) = find_id(w.conn(), Table::Agent, &a.uid)? {
        w.touch_where(
            "SELECT DISTINCT publication_id FROM contribution WHERE agent_id = ?1",
            id,
        )?;
    }
    let conn = w.conn();
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO agent (uid, kind, name, given, family, acronym, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (uid) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                 given = excluded.given, family = excluded.family, acronym = excluded.acronym,
                 created_at = excluded.created_at, updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(
            params![
                a.uid,
                a.kind.as_str(),
                a.name,
                a.given,
                a.family,
                a.acronym,
                s.created,
                s.updated
            ],
            |r| r.get(0),
        )?;
    agents::write_names_and_identifiers(conn, id, a)?;
    w.log("agent", &a.uid, false)
}

/// Sets the timestamps the source gave a record.
fn stamp(w: &Writer<'_>, table: &str, uid: &str, created: &str, updated: &str) -> Result<()> {
    w.conn()
        .prepare_cached(&format!(
            "UPDATE {table} SET created_at = ?2, updated_at = ?3 WHERE uid = ?1"
        ))?
        .execute(params![uid, created, updated])?;
    Ok(())
}

/// Replaces the redirects to `target` of `entity` by `merged`.
fn redirects(w: &Writer<'_>, entity: &str, target: &str, merged: &[String]) -> Result<()> {
    w.conn()
        .prepare_cached("DELETE FROM redirect WHERE entity = ?1 AND target = ?2")?
        .execute([entity, target])?;
    for uid in merged {
        w.conn()
            .prepare_cached(
                "INSERT INTO redirect (entity, uid, target) VALUES (?1, ?2, ?3)
                 ON CONFLICT (entity, uid) DO UPDATE SET target = excluded.target",
            )?
            .execute([entity, uid, target])?;
    }
    Ok(())
}

fn series_extras(w: &mut Writer<'_>, s: &SeriesState) -> Result<()> {
    redirects(w, "series", &s.record.uid, &s.merged)?;
    stamp(w, "series", &s.record.uid, &s.created, &s.updated)
}

/// Automatic tags (with their matched label), the tags people removed, redirects and
/// timestamps of a publication the upsert wrote.
fn publication_extras(w: &mut Writer<'_>, s: &PublicationState) -> Result<()> {
    let uid = &s.record.uid;
    let id = require_id(w.conn(), Table::Publication, uid)?;
    // The concepts column of the index holds the labels of automatic tags too.
    w.touch(id)?;
    let automatic_now: Vec<(String, String)> = w
        .conn()
        .prepare_cached(
            "SELECT c.uid, l.matched_label FROM publication_concept l JOIN concept c ON c.id = l.concept_id
              WHERE l.publication_id = ?1 AND l.source = 'automatic' ORDER BY c.uid",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let wanted: Vec<(String, String)> = s
        .automatic
        .iter()
        .map(|(c, l)| (c.clone(), l.clone()))
        .collect();
    if automatic_now != wanted {
        w.conn()
            .prepare_cached(
                "DELETE FROM publication_concept WHERE publication_id = ?1 AND source = 'automatic'",
            )?
            .execute([id])?;
        for (concept, label) in &s.automatic {
            let concept_id = require_id(w.conn(), Table::Concept, concept)?;
            w.conn()
                .prepare_cached(
                    "INSERT INTO publication_concept (publication_id, concept_id, source, matched_label)
                     VALUES (?1, ?2, 'automatic', ?3) ON CONFLICT (publication_id, concept_id) DO NOTHING",
                )?
                .execute(params![id, concept_id, label])?;
        }
    }
    w.conn()
        .prepare_cached("DELETE FROM rejected_tag WHERE publication_id = ?1")?
        .execute([id])?;
    for concept in &s.rejected {
        let concept_id = require_id(w.conn(), Table::Concept, concept)?;
        w.conn()
            .prepare_cached(
                "INSERT OR IGNORE INTO rejected_tag (publication_id, concept_id) VALUES (?1, ?2)",
            )?
            .execute([id, concept_id])?;
    }
    redirects(w, "publication", uid, &s.merged)?;
    stamp(w, "publication", uid, &s.created, &s.updated)?;
    w.log("publication", uid, false)
}

/// Replaces the "not a translation" decisions about publication `uid` by `partners`.
fn decisions(w: &mut Writer<'_>, uid: &str, partners: &[String]) -> Result<()> {
    let id = require_id(w.conn(), Table::Publication, uid)?;
    w.conn()
        .prepare_cached("DELETE FROM not_translation WHERE a_id = ?1 OR b_id = ?1")?
        .execute([id])?;
    for partner in partners {
        let other: i64 = w
            .conn()
            .prepare_cached("SELECT id FROM publication WHERE uid = ?1")?
            .query_row([partner], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("publication", partner.clone()))?;
        w.conn()
            .prepare_cached("INSERT OR IGNORE INTO not_translation (a_id, b_id) VALUES (?1, ?2)")?
            .execute([id.min(other), id.max(other)])?;
    }
    Ok(())
}
