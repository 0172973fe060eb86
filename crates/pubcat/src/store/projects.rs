//! Projects: upsert, delete, read.

use super::rows::{date_info, parse_column, uids_all};
use rusqlite::{params, Connection, OptionalExtension};

use super::writer::Writer;
use super::{require_id, Table, Upsert};
use crate::error::{Error, Result};
use crate::model::{
    check_optional, check_text, check_uid, clean_optional, IdScheme, Identifier, PartialDate,
    Project, ProjectMember, ProjectMemberRecord, ProjectRecord, PublicationRef, MAX_LIST,
    MAX_SHORT_TEXT, MAX_SUMMARY,
};

pub(crate) fn normalize(p: &Project) -> Result<(Project, Option<PartialDate>)> {
    check_uid("uid", &p.uid)?;
    let date = p
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(PartialDate::parse)
        .transpose()?;
    let url = clean_optional(&p.url)
        .map(|u| {
            Identifier::new(IdScheme::Url, u)
                .normalized()
                .map(|i| i.value)
        })
        .transpose()?;
    let summary = check_optional("summary", &p.summary, MAX_SUMMARY)?;
    if p.members.len() > MAX_LIST {
        return Err(Error::invalid(
            "members",
            format!("more than {MAX_LIST} entries"),
        ));
    }
    let mut members: Vec<ProjectMember> = Vec::new();
    for m in &p.members {
        check_uid("members.agent", &m.agent)?;
        if members.contains(m) {
            return Err(Error::invalid(
                "members",
                format!("agent `{}` is listed twice as {}", m.agent, m.role),
            ));
        }
        members.push(m.clone());
    }
    Ok((
        Project {
            uid: p.uid.clone(),
            name: check_text("name", &p.name, MAX_SHORT_TEXT)?,
            acronym: check_optional("acronym", &p.acronym, MAX_SHORT_TEXT)?,
            summary,
            url,
            date: date.as_ref().map(|d| d.edtf().to_owned()),
            members,
        },
        date,
    ))
}

/// Reads a project in its write form, if present.
pub(crate) fn load_in(conn: &Connection, uid: &str) -> Result<Option<Project>> {
    let row = conn
        .prepare_cached(
            "SELECT id, uid, name, acronym, summary, url, date_edtf FROM project WHERE uid = ?1",
        )?
        .query_row([uid], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Project {
                    uid: r.get(1)?,
                    name: r.get(2)?,
                    acronym: r.get(3)?,
                    summary: r.get(4)?,
                    url: r.get(5)?,
                    date: r.get(6)?,
                    members: Vec::new(),
                },
            ))
        })
        .optional()?;
    let Some((id, mut project)) = row else {
        return Ok(None);
    };
    project.members = conn
        .prepare_cached("SELECT a.uid, pa.role FROM project_agent pa JOIN agent a ON a.id = pa.agent_id WHERE pa.project_id = ?1 ORDER BY pa.position")?
        .query_map([id], |r| Ok(ProjectMember { agent: r.get(0)?, role: parse_column(r, 1)? }))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Some(project))
}

/// Upserts a project inside `w`.
pub(crate) fn upsert_in(w: &mut Writer<'_>, p: &Project) -> Result<Upsert> {
    let (p, date) = normalize(p)?;
    let existing = load_in(w.conn(), &p.uid)?;
    if existing.as_ref() == Some(&p) {
        return Ok(Upsert::Unchanged);
    }
    let agent_ids = p
        .members
        .iter()
        .map(|m| require_id(w.conn(), Table::Agent, &m.agent))
        .collect::<Result<Vec<_>>>()?;
    if let Some(e) = existing
        .as_ref()
        .filter(|e| e.name != p.name || e.acronym != p.acronym)
    {
        // Project names and acronyms are in their publications' indexed text (`context`).
        let id = require_id(w.conn(), Table::Project, &e.uid)?;
        w.touch_where(
            "SELECT publication_id FROM project_publication WHERE project_id = ?1",
            id,
        )?;
    }
    let now = w.now().to_owned();
    let conn = w.conn();
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO project (uid, name, acronym, summary, url, date_edtf, date_lower, date_upper, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
             ON CONFLICT (uid) DO UPDATE SET name = excluded.name, acronym = excluded.acronym,
                 summary = excluded.summary, url = excluded.url, date_edtf = excluded.date_edtf,
                 date_lower = excluded.date_lower, date_upper = excluded.date_upper, updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(
            params![
                p.uid,
                p.name,
                p.acronym,
                p.summary,
                p.url,
                p.date,
                date.as_ref().map(|d| d.lower().to_string()),
                date.as_ref().map(|d| d.upper().to_string()),
                now
            ],
            |r| r.get(0),
        )?;
    conn.prepare_cached("DELETE FROM project_agent WHERE project_id = ?1")?
        .execute([id])?;
    for (position, (m, agent_id)) in p.members.iter().zip(&agent_ids).enumerate() {
        conn.prepare_cached("INSERT OR IGNORE INTO project_agent (project_id, agent_id, role, position) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![id, agent_id, m.role.as_str(), position as i64])?;
    }
    w.log("project", &p.uid, false)?;
    Ok(if existing.is_some() {
        Upsert::Updated
    } else {
        Upsert::Added
    })
}

pub(crate) fn delete_in(w: &mut Writer<'_>, uid: &str) -> Result<()> {
    let id = require_id(w.conn(), Table::Project, uid)?;
    let publications = super::rows::uids(
        w.conn(),
        "SELECT p.uid FROM project_publication l JOIN publication p ON p.id = l.publication_id WHERE l.project_id = ?1",
        id,
    )?;
    w.touch_where(
        "SELECT publication_id FROM project_publication WHERE project_id = ?1",
        id,
    )?;
    w.forget(Table::Project);
    w.conn()
        .execute("DELETE FROM project WHERE id = ?1", [id])?;
    for p in publications {
        w.log("publication", &p, false)?;
    }
    w.log("project", uid, true)
}

pub(crate) fn record_in(conn: &Connection, uid: &str) -> Result<ProjectRecord> {
    let project = load_in(conn, uid)?.ok_or_else(|| Error::not_found("project", uid))?;
    let (id, date_info) = conn.query_row(
        "SELECT id, date_edtf, date_lower, date_upper, CASE WHEN date_edtf IS NULL THEN NULL ELSE 'day' END FROM project WHERE uid = ?1",
        [uid],
        |r| Ok((r.get::<_, i64>(0)?, date_info(r, 1)?)),
    )?;
    let date_info = date_info.map(|mut d| {
        d.precision = PartialDate::parse(&d.edtf)
            .map(|p| p.precision().as_str().to_owned())
            .unwrap_or(d.precision);
        d
    });
    let member_records = conn
        .prepare_cached(
            "SELECT a.uid, a.name, pa.role FROM project_agent pa JOIN agent a ON a.id = pa.agent_id
              WHERE pa.project_id = ?1 ORDER BY pa.position",
        )?
        .query_map([id], |r| {
            Ok(ProjectMemberRecord {
                agent: r.get(0)?,
                name: r.get(1)?,
                role: parse_column(r, 2)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    let publications = conn
        .prepare_cached(
            "SELECT p.uid, p.title, p.language, p.kind, p.date_edtf FROM project_publication l
               JOIN publication p ON p.id = l.publication_id WHERE l.project_id = ?1
              ORDER BY p.date_lower DESC NULLS LAST, p.title",
        )?
        .query_map([id], |r| {
            Ok(PublicationRef {
                uid: r.get(0)?,
                title: r.get(1)?,
                language: r.get(2)?,
                kind: parse_column(r, 3)?,
                date: r.get(4)?,
                role: None,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(ProjectRecord {
        project,
        date_info,
        member_records,
        publications,
    })
}

/// Every project with its members and publications, by name.
pub(crate) fn records_in(conn: &Connection) -> Result<Vec<ProjectRecord>> {
    uids_all(
        conn,
        "SELECT uid FROM project ORDER BY name COLLATE NOCASE, uid",
    )?
    .iter()
    .map(|uid| record_in(conn, uid))
    .collect()
}
