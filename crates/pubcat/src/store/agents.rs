//! Agents: upsert, merge, delete, read.

use super::rows::{parse_column, uids, uids_all};
use rusqlite::{params, Connection, OptionalExtension};

use super::writer::Writer;
use super::{conflict_on_constraint, require_id, Table, Upsert};
use crate::error::{Error, Result};
use crate::model::{
    check_optional, check_text, check_uid, Agent, AgentKind, AgentRecord, IdScheme, ProjectRef,
    PublicationRef, MAX_LIST, MAX_SHORT_TEXT,
};

/// Validates and normalises an agent.
pub(crate) fn normalize(a: &Agent) -> Result<Agent> {
    check_uid("uid", &a.uid)?;
    let name = check_text("name", &a.name, MAX_SHORT_TEXT)?;
    if a.names.len() > MAX_LIST || a.identifiers.len() > MAX_LIST {
        return Err(Error::invalid(
            "names",
            format!("more than {MAX_LIST} entries"),
        ));
    }
    let mut names: Vec<String> = Vec::new();
    for variant in &a.names {
        let variant = check_text("names", variant, MAX_SHORT_TEXT)?;
        if variant != name && !names.contains(&variant) {
            names.push(variant);
        }
    }
    let mut identifiers = Vec::with_capacity(a.identifiers.len());
    for id in &a.identifiers {
        let allowed = match id.scheme {
            IdScheme::Orcid => a.kind == AgentKind::Person,
            IdScheme::Ror => a.kind == AgentKind::Organization,
            IdScheme::Isni | IdScheme::Viaf | IdScheme::Wikidata | IdScheme::Url => true,
            _ => false,
        };
        if !allowed {
            return Err(Error::invalid(
                "identifiers",
                format!(
                    "an agent of kind {} cannot have a {} identifier",
                    a.kind, id.scheme
                ),
            ));
        }
        identifiers.push(id.normalized()?);
    }
    identifiers.sort();
    identifiers.dedup();
    Ok(Agent {
        uid: a.uid.clone(),
        kind: a.kind,
        name,
        given: check_optional("given", &a.given, MAX_SHORT_TEXT)?,
        family: check_optional("family", &a.family, MAX_SHORT_TEXT)?,
        acronym: check_optional("acronym", &a.acronym, MAX_SHORT_TEXT)?,
        names,
        identifiers,
    })
}

/// Reads an agent's own row (not following redirects): `(id, agent, redirect uid)`.
pub(crate) fn load_row(
    conn: &Connection,
    uid: &str,
) -> Result<Option<(i64, Agent, Option<String>)>> {
    let row = conn
        .prepare_cached(
            "SELECT a.id, a.uid, a.kind, a.name, a.given, a.family, a.acronym, r.uid
               FROM agent a LEFT JOIN agent r ON r.id = a.redirect_to WHERE a.uid = ?1",
        )?
        .query_row([uid], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Agent {
                    uid: r.get(1)?,
                    kind: parse_column(r, 2)?,
                    name: r.get(3)?,
                    given: r.get(4)?,
                    family: r.get(5)?,
                    acronym: r.get(6)?,
                    names: Vec::new(),
                    identifiers: Vec::new(),
                },
                r.get::<_, Option<String>>(7)?,
            ))
        })
        .optional()?;
    let Some((id, mut agent, redirect)) = row else {
        return Ok(None);
    };
    agent.names = uids(
        conn,
        "SELECT name FROM agent_name WHERE agent_id = ?1 ORDER BY position",
        id,
    )?;
    agent.identifiers = conn
        .prepare_cached(
            "SELECT scheme, value FROM agent_identifier WHERE agent_id = ?1 ORDER BY scheme, value",
        )?
        .query_map([id], |r| {
            Ok(crate::model::Identifier {
                scheme: parse_column(r, 0)?,
                value: r.get(1)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Some((id, agent, redirect)))
}

/// Reads an agent in its write form, following merge redirects.
pub(crate) fn load_in(conn: &Connection, uid: &str) -> Result<Option<Agent>> {
    let mut uid = uid.to_owned();
    for _ in 0..64 {
        match load_row(conn, &uid)? {
            None => return Ok(None),
            Some((_, agent, None)) => return Ok(Some(agent)),
            Some((_, _, Some(next))) => uid = next,
        }
    }
    Err(Error::Corrupt(format!("agent redirects loop at `{uid}`")))
}

/// Upserts an agent inside `w`.
pub(crate) fn upsert_in(w: &mut Writer<'_>, a: &Agent) -> Result<Upsert> {
    let a = normalize(a)?;
    let existing = load_row(w.conn(), &a.uid)?;
    if let Some((_, current, redirect)) = &existing {
        if let Some(target) = redirect {
            return Err(Error::Conflict(format!(
                "agent `{}` was merged into `{target}`; update `{target}` instead",
                a.uid
            )));
        }
        if *current == a {
            return Ok(Upsert::Unchanged);
        }
    }
    if let Some((id, _, _)) = &existing {
        w.touch_where(
            "SELECT DISTINCT publication_id FROM contribution WHERE agent_id = ?1",
            *id,
        )?;
    }
    let now = w.now().to_owned();
    let conn = w.conn();
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO agent (uid, kind, name, given, family, acronym, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
             ON CONFLICT (uid) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                 given = excluded.given, family = excluded.family, acronym = excluded.acronym,
                 updated_at = excluded.updated_at
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
                now
            ],
            |r| r.get(0),
        )?;
    write_names_and_identifiers(conn, id, &a)?;
    w.log("agent", &a.uid, false)?;
    Ok(if existing.is_some() {
        Upsert::Updated
    } else {
        Upsert::Added
    })
}

/// Merges agent `from` into `into` inside `w`.
/// Replaces agent `id`'s other names and identifiers with `a`'s (an identifier that names
/// another agent is a conflict). Shared by upserts and by sync's replica writes.
pub(crate) fn write_names_and_identifiers(conn: &Connection, id: i64, a: &Agent) -> Result<()> {
    conn.prepare_cached("DELETE FROM agent_name WHERE agent_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM agent_identifier WHERE agent_id = ?1")?
        .execute([id])?;
    for (position, name) in a.names.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO agent_name (agent_id, position, name) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, position as i64, name])?;
    }
    for ident in &a.identifiers {
        conn.prepare_cached(
            "INSERT INTO agent_identifier (agent_id, scheme, value) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, ident.scheme.as_str(), ident.value])
        .map_err(|e| {
            conflict_on_constraint(e, || {
                format!(
                    "{} `{}` already names another agent",
                    ident.scheme, ident.value
                )
            })
        })?;
    }
    Ok(())
}

pub(crate) fn merge_in(w: &mut Writer<'_>, from: &str, into: &str) -> Result<()> {
    if from == into {
        return Err(Error::invalid(
            "into",
            "an agent cannot be merged into itself",
        ));
    }
    let (from_id, from_agent, from_redirect) =
        load_row(w.conn(), from)?.ok_or_else(|| Error::not_found("agent", from))?;
    if let Some(target) = from_redirect {
        return Err(Error::Conflict(format!(
            "agent `{from}` was already merged into `{target}`"
        )));
    }
    let (into_id, mut into_agent, into_redirect) =
        load_row(w.conn(), into)?.ok_or_else(|| Error::not_found("agent", into))?;
    if let Some(target) = into_redirect {
        return Err(Error::Conflict(format!(
            "agent `{into}` was merged into `{target}`; merge into that one"
        )));
    }
    let moved = w.touch_where(
        "SELECT DISTINCT publication_id FROM contribution WHERE agent_id = ?1",
        from_id,
    )?;
    w.touch_where(
        "SELECT DISTINCT publication_id FROM contribution WHERE agent_id = ?1",
        into_id,
    )?;
    // Records whose state names `from` and will name `into`: series it publishes, projects it
    // takes part in, agents merged into it (logged below: delta files carry their state).
    let follow = |sql: &str| -> Result<Vec<String>> {
        Ok(w.conn()
            .prepare_cached(sql)?
            .query_map([from_id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?)
    };
    let series_moved = follow("SELECT uid FROM series WHERE publisher_id = ?1")?;
    let projects_moved = follow(
        "SELECT DISTINCT p.uid FROM project_agent pa JOIN project p ON p.id = pa.project_id WHERE pa.agent_id = ?1",
    )?;
    let agents_moved = follow("SELECT uid FROM agent WHERE redirect_to = ?1")?;
    let now = w.now().to_owned();
    let conn = w.conn();
    // Contributions: where both are credited with the same role, keep `into`'s.
    conn.execute(
        "DELETE FROM contribution WHERE agent_id = ?1 AND EXISTS (SELECT 1 FROM contribution o
            WHERE o.publication_id = contribution.publication_id AND o.agent_id = ?2 AND o.role = contribution.role)",
        [from_id, into_id],
    )?;
    conn.execute(
        "UPDATE contribution SET agent_id = ?2 WHERE agent_id = ?1",
        [from_id, into_id],
    )?;
    conn.execute(
        "DELETE FROM project_agent WHERE agent_id = ?1 AND EXISTS (SELECT 1 FROM project_agent o
            WHERE o.project_id = project_agent.project_id AND o.agent_id = ?2 AND o.role = project_agent.role)",
        [from_id, into_id],
    )?;
    conn.execute(
        "UPDATE project_agent SET agent_id = ?2 WHERE agent_id = ?1",
        [from_id, into_id],
    )?;
    conn.execute(
        "UPDATE series SET publisher_id = ?2 WHERE publisher_id = ?1",
        [from_id, into_id],
    )?;
    conn.execute(
        "UPDATE agent SET redirect_to = ?2 WHERE redirect_to = ?1",
        [from_id, into_id],
    )?;
    conn.execute(
        "DELETE FROM agent_identifier WHERE agent_id = ?1",
        [from_id],
    )?;
    conn.execute("DELETE FROM agent_name WHERE agent_id = ?1", [from_id])?;
    conn.execute(
        "UPDATE agent SET redirect_to = ?2, updated_at = ?3 WHERE id = ?1",
        params![from_id, into_id, now],
    )?;
    // `into` becomes known by `from`'s names too.
    let mut changed = false;
    for name in std::iter::once(from_agent.name.clone()).chain(from_agent.names.clone()) {
        if name != into_agent.name && !into_agent.names.contains(&name) {
            into_agent.names.push(name);
            changed = true;
        }
    }
    for ident in from_agent.identifiers {
        if !into_agent.identifiers.contains(&ident) {
            into_agent.identifiers.push(ident);
            changed = true;
        }
    }
    if changed {
        conn.execute("DELETE FROM agent_name WHERE agent_id = ?1", [into_id])?;
        for (position, name) in into_agent.names.iter().enumerate() {
            conn.execute(
                "INSERT INTO agent_name (agent_id, position, name) VALUES (?1, ?2, ?3)",
                params![into_id, position as i64, name],
            )?;
        }
        for ident in &into_agent.identifiers {
            conn.execute(
                "INSERT OR IGNORE INTO agent_identifier (agent_id, scheme, value) VALUES (?1, ?2, ?3)",
                params![into_id, ident.scheme.as_str(), ident.value],
            )?;
        }
    }
    w.log("agent", from, false)?;
    w.log("agent", into, false)?;
    for uid in &series_moved {
        w.log("series", uid, false)?;
    }
    for uid in &projects_moved {
        w.log("project", uid, false)?;
    }
    for uid in &agents_moved {
        w.log("agent", uid, false)?;
    }
    let moved_uids: Vec<String> = moved
        .iter()
        .map(|id| {
            w.conn()
                .query_row("SELECT uid FROM publication WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
        })
        .collect::<std::result::Result<_, _>>()?;
    for uid in moved_uids {
        w.log("publication", &uid, false)?;
    }
    Ok(())
}

/// Deletes an agent inside `w`.
pub(crate) fn delete_in(w: &mut Writer<'_>, uid: &str) -> Result<()> {
    let id = require_id(w.conn(), Table::Agent, uid)?;
    let credited: i64 = w.conn().query_row(
        "SELECT count(*) FROM contribution WHERE agent_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if credited > 0 {
        return Err(Error::Conflict(format!(
            "agent `{uid}` is credited on {credited} publication(s); remove those contributions or merge the agent first"
        )));
    }
    let series: Vec<String> = w
        .conn()
        .prepare(
            // The agents merged into this one go with it: the series they publish too.
            "UPDATE series SET publisher_id = NULL WHERE publisher_id = ?1
                OR publisher_id IN (SELECT id FROM agent WHERE redirect_to = ?1) RETURNING uid",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let projects: Vec<String> = w
        .conn()
        .prepare(
            "SELECT DISTINCT p.uid FROM project_agent pa JOIN project p ON p.id = pa.project_id
              WHERE pa.agent_id = ?1 OR pa.agent_id IN (SELECT id FROM agent WHERE redirect_to = ?1)",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    w.forget(Table::Agent);
    let merged: Vec<String> = w
        .conn()
        .prepare("DELETE FROM agent WHERE redirect_to = ?1 RETURNING uid")?
        .query_map([id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    w.forget(Table::Agent);
    w.conn().execute("DELETE FROM agent WHERE id = ?1", [id])?;
    for s in series {
        w.log("series", &s, false)?;
    }
    for p in projects {
        w.log("project", &p, false)?;
    }
    for m in merged {
        w.log("agent", &m, true)?;
    }
    w.log("agent", uid, true)
}

pub(crate) fn record_in(conn: &Connection, uid: &str) -> Result<AgentRecord> {
    let agent = load_in(conn, uid)?.ok_or_else(|| Error::not_found("agent", uid))?;
    let id = require_id(conn, Table::Agent, &agent.uid)?;
    let merged = uids(
        conn,
        "SELECT uid FROM agent WHERE redirect_to = ?1 ORDER BY uid",
        id,
    )?;
    let publications = conn
        .prepare_cached(
            "SELECT p.uid, p.title, p.language, p.kind, p.date_edtf, c.role FROM contribution c
               JOIN publication p ON p.id = c.publication_id WHERE c.agent_id = ?1
              ORDER BY p.date_lower DESC NULLS LAST, p.title",
        )?
        .query_map([id], |r| {
            Ok(PublicationRef {
                uid: r.get(0)?,
                title: r.get(1)?,
                language: r.get(2)?,
                kind: parse_column(r, 3)?,
                date: r.get(4)?,
                role: Some(parse_column(r, 5)?),
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    let projects = conn
        .prepare_cached(
            "SELECT DISTINCT p.uid, p.name, p.acronym FROM project_agent pa JOIN project p ON p.id = pa.project_id
              WHERE pa.agent_id = ?1 ORDER BY p.name",
        )?
        .query_map([id], |r| Ok(ProjectRef { uid: r.get(0)?, name: r.get(1)?, acronym: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(AgentRecord {
        agent,
        merged,
        publications,
        projects,
    })
}

/// Every agent that was not merged into another, by name.
pub(crate) fn current_in(conn: &Connection) -> Result<Vec<Agent>> {
    let all = uids_all(
        conn,
        "SELECT uid FROM agent WHERE redirect_to IS NULL ORDER BY name COLLATE NOCASE, uid",
    )?;
    all.iter()
        .filter_map(|uid| load_in(conn, uid).transpose())
        .collect()
}
