//! Reading what a delta file carries from the source: for each record the change log names
//! after a version, its current state (or that it is gone).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use super::format::{AgentState, Change, PublicationState, SeriesState, Stamped};
use crate::error::{Error, Result};
use crate::model::{Relation, RelationType};
use crate::store::{agents, concepts, find_id, projects, publications, series, Table};

/// The change-log rows after `since`, oldest first: `(entity, uid, version)`. Relation keys are
/// made canonical (and deduplicated, keeping the latest version).
pub(crate) fn changed_after(conn: &Connection, since: i64) -> Result<Vec<(String, String, i64)>> {
    let rows: Vec<(String, String, i64)> = conn
        .prepare_cached(
            "SELECT entity, uid, version FROM change_log WHERE version > ?1
              ORDER BY version, entity, uid",
        )?
        .query_map([since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let mut latest: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (entity, uid, version) in rows {
        let uid = if entity == "relation" {
            parse_relation(&uid)?.change_key()
        } else {
            uid
        };
        let slot = latest.entry((entity, uid)).or_insert(version);
        *slot = (*slot).max(version);
    }
    let mut out: Vec<(String, String, i64)> = latest
        .into_iter()
        .map(|((entity, uid), version)| (entity, uid, version))
        .collect();
    out.sort_by(|a, b| (a.2, &a.0, &a.1).cmp(&(b.2, &b.0, &b.1)));
    Ok(out)
}

/// A relation from its change-log key `"source type target"`.
pub(crate) fn parse_relation(key: &str) -> Result<Relation> {
    let mut parts = key.split(' ');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(source), Some(kind), Some(target), None) => Ok(Relation {
            source: source.to_owned(),
            relation_type: kind.parse::<RelationType>()?,
            target: target.to_owned(),
        }),
        _ => Err(Error::Corrupt(format!("invalid relation key {key:?}"))),
    }
}

/// `(created_at, updated_at)` of `uid` in `table`.
fn stamps(conn: &Connection, table: &str, uid: &str) -> Result<(String, String)> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT created_at, updated_at FROM {table} WHERE uid = ?1"
        ))?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Text values of a one-parameter query.
fn texts(conn: &Connection, sql: &str, param: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([param], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?)
}

/// The change of `entity`/`uid` as the source holds it now.
pub(crate) fn change_of(
    conn: &Connection,
    entity: &str,
    uid: &str,
    version: i64,
) -> Result<Change> {
    let uid_owned = uid.to_owned();
    Ok(match entity {
        "publication" => Change::Publication {
            uid: uid_owned,
            version,
            state: publication_state(conn, uid)?.map(Box::new),
        },
        "agent" => Change::Agent {
            uid: uid_owned,
            version,
            state: match agents::load_row(conn, uid)? {
                Some((_, record, redirect)) => {
                    let (created, updated) = stamps(conn, "agent", uid)?;
                    Some(AgentState {
                        record,
                        redirect,
                        created,
                        updated,
                    })
                }
                None => None,
            },
        },
        "series" => Change::Series {
            uid: uid_owned,
            version,
            state: match series::load_in(conn, uid)? {
                Some(record) => {
                    let (created, updated) = stamps(conn, "series", uid)?;
                    let merged = texts(
                        conn,
                        "SELECT uid FROM redirect WHERE entity = 'series' AND target = ?1 ORDER BY uid",
                        uid,
                    )?;
                    Some(SeriesState {
                        record,
                        merged,
                        created,
                        updated,
                    })
                }
                None => None,
            },
        },
        "project" => Change::Project {
            uid: uid_owned,
            version,
            state: match projects::load_in(conn, uid)? {
                Some(record) => {
                    let (created, updated) = stamps(conn, "project", uid)?;
                    Some(Stamped {
                        record,
                        created,
                        updated,
                    })
                }
                None => None,
            },
        },
        "concept" => Change::Concept {
            uid: uid_owned,
            version,
            state: match concepts::load_in(conn, uid)? {
                Some(record) => {
                    let (created, updated) = stamps(conn, "concept", uid)?;
                    Some(Stamped {
                        record,
                        created,
                        updated,
                    })
                }
                None => None,
            },
        },
        "relation" => {
            let r = parse_relation(uid)?.canonical();
            let exists = match (
                find_id(conn, Table::Publication, &r.source)?,
                find_id(conn, Table::Publication, &r.target)?,
            ) {
                (Some(s), Some(t)) => conn
                    .prepare_cached(
                        "SELECT 1 FROM relation WHERE source_id = ?1 AND relation_type = ?2 AND target_id = ?3",
                    )?
                    .query_row(rusqlite::params![s, r.relation_type.as_str(), t], |_| Ok(()))
                    .optional()?
                    .is_some(),
                _ => false,
            };
            Change::Relation {
                uid: uid_owned,
                version,
                state: exists.then_some(r),
            }
        }
        other => {
            return Err(Error::Corrupt(format!(
                "change log names an unknown entity {other:?}"
            )))
        }
    })
}

/// A publication's full state, if it exists.
fn publication_state(conn: &Connection, uid: &str) -> Result<Option<PublicationState>> {
    let Some(record) = publications::load_in(conn, uid)? else {
        return Ok(None);
    };
    let (created, updated) = stamps(conn, "publication", uid)?;
    let automatic: BTreeMap<String, String> = conn
        .prepare_cached(
            "SELECT c.uid, l.matched_label FROM publication_concept l
               JOIN concept c ON c.id = l.concept_id JOIN publication p ON p.id = l.publication_id
              WHERE p.uid = ?1 AND l.source = 'automatic'",
        )?
        .query_map([uid], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let rejected = texts(
        conn,
        "SELECT c.uid FROM rejected_tag t JOIN concept c ON c.id = t.concept_id
           JOIN publication p ON p.id = t.publication_id WHERE p.uid = ?1 ORDER BY c.uid",
        uid,
    )?;
    let not_translation = texts(
        conn,
        "SELECT o.uid FROM publication p JOIN not_translation n ON p.id IN (n.a_id, n.b_id)
           JOIN publication o ON o.id = CASE WHEN n.a_id = p.id THEN n.b_id ELSE n.a_id END
          WHERE p.uid = ?1 ORDER BY o.uid",
        uid,
    )?;
    let merged = texts(
        conn,
        "SELECT uid FROM redirect WHERE entity = 'publication' AND target = ?1 ORDER BY uid",
        uid,
    )?;
    Ok(Some(PublicationState {
        record,
        automatic,
        rejected,
        not_translation,
        merged,
        created,
        updated,
    }))
}
