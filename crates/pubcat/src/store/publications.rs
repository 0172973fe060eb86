//! Publications: upsert, delete, read, translations.

use super::rows::{date_info, parse_column, uids};
use rusqlite::{params, Connection, OptionalExtension};

use super::writer::Writer;
use super::{conflict_on_constraint, find_id, require_id, Table, Upsert};
use crate::error::{Error, Result};
use crate::model::language::normalize_language;
use crate::model::{
    check_optional, check_text, check_uid, clean_optional, ConceptRef, Contributor,
    ContributorRecord, IdScheme, Identifier, Link, PartialDate, ProjectRef, Publication,
    PublicationRecord, SeriesRef, TranslationRef, MAX_BODY, MAX_LIST, MAX_SHORT_TEXT, MAX_SUMMARY,
};

/// Identifier schemes a publication accepts.
const PUBLICATION_ID_SCHEMES: &[IdScheme] = &[
    IdScheme::Doi,
    IdScheme::Isbn,
    IdScheme::Issn,
    IdScheme::Handle,
    IdScheme::Url,
];

/// Validates and normalises a publication; returns it with its parsed date.
pub(crate) fn normalize(p: &Publication) -> Result<(Publication, Option<PartialDate>)> {
    check_uid("uid", &p.uid)?;
    if let Some(work) = &p.work {
        check_uid("work", work)?;
    }
    let date = p
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(PartialDate::parse)
        .transpose()?;
    let mut out = Publication {
        uid: p.uid.clone(),
        work: p.work.clone(),
        language: normalize_language(&p.language)?,
        original: p.original,
        title: check_text("title", &p.title, MAX_SHORT_TEXT)?,
        subtitle: limited("subtitle", clean_optional(&p.subtitle), MAX_SHORT_TEXT)?,
        summary: limited("summary", clean_optional(&p.summary), MAX_SUMMARY)?,
        summary_is_excerpt: p.summary_is_excerpt,
        body: limited("body", clean_optional(&p.body), MAX_BODY)?,
        kind: p.kind,
        pages: check_pages(p.pages)?,
        date: date.as_ref().map(|d| d.edtf().to_owned()),
        series: p.series.clone(),
        series_number: check_optional("series_number", &p.series_number, MAX_SHORT_TEXT)?,
        contributors: Vec::with_capacity(p.contributors.len()),
        projects: sorted_unique(&p.projects, "projects")?,
        concepts: sorted_unique(&p.concepts, "concepts")?,
        identifiers: Vec::with_capacity(p.identifiers.len()),
        links: Vec::with_capacity(p.links.len()),
    };
    if out.summary.is_none() {
        out.summary_is_excerpt = false;
    }
    if let Some(series) = &out.series {
        check_uid("series", series)?;
    } else if out.series_number.is_some() {
        return Err(Error::invalid(
            "series_number",
            "a series number needs a series",
        ));
    }
    check_len("contributors", p.contributors.len())?;
    for c in &p.contributors {
        check_uid("contributors.agent", &c.agent)?;
        if out
            .contributors
            .iter()
            .any(|o| o.agent == c.agent && o.role == c.role)
        {
            return Err(Error::invalid(
                "contributors",
                format!("agent `{}` is listed twice as {}", c.agent, c.role),
            ));
        }
        out.contributors.push(Contributor {
            agent: c.agent.clone(),
            role: c.role,
            affiliation: check_optional(
                "contributors.affiliation",
                &c.affiliation,
                MAX_SHORT_TEXT,
            )?,
        });
    }
    check_len("identifiers", p.identifiers.len())?;
    for id in &p.identifiers {
        if !PUBLICATION_ID_SCHEMES.contains(&id.scheme) {
            return Err(Error::invalid(
                "identifiers",
                format!("a publication cannot have a {} identifier", id.scheme),
            ));
        }
        out.identifiers.push(id.normalized()?);
    }
    out.identifiers.sort();
    out.identifiers.dedup();
    check_len("links", p.links.len())?;
    for link in &p.links {
        let url = Identifier::new(IdScheme::Url, link.url.clone())
            .normalized()?
            .value;
        out.links.push(Link {
            url,
            kind: link.kind,
            media_type: check_optional("links.media_type", &link.media_type, MAX_SHORT_TEXT)?,
            label: check_optional("links.label", &link.label, MAX_SHORT_TEXT)?,
        });
    }
    Ok((out, date))
}

pub(crate) fn limited(field: &str, value: Option<String>, max: usize) -> Result<Option<String>> {
    match value {
        Some(text) if text.len() > max => Err(Error::invalid(
            field,
            format!("is {} bytes long; the limit is {max}", text.len()),
        )),
        Some(text) if text.contains('\0') => {
            Err(Error::invalid(field, "must not contain NUL characters"))
        }
        other => Ok(other),
    }
}

pub(crate) fn check_len(field: &str, len: usize) -> Result<()> {
    if len > MAX_LIST {
        return Err(Error::invalid(
            field,
            format!("has {len} entries; the limit is {MAX_LIST}"),
        ));
    }
    Ok(())
}

/// A page count: at least 1 when given.
pub(crate) fn check_pages(pages: Option<i32>) -> Result<Option<i32>> {
    match pages {
        Some(n) if n < 1 => Err(Error::invalid("pages", "a page count is at least 1")),
        other => Ok(other),
    }
}

pub(crate) fn sorted_unique(uids: &[String], field: &str) -> Result<Vec<String>> {
    check_len(field, uids.len())?;
    for uid in uids {
        check_uid(field, uid)?;
    }
    let mut out = uids.to_vec();
    out.sort();
    out.dedup();
    Ok(out)
}

/// Upserts one publication inside `w`.
pub(crate) fn upsert_in(w: &mut Writer<'_>, p: &Publication) -> Result<Upsert> {
    let (mut p, date) = normalize(p)?;
    let existing = load_in(w.conn(), &p.uid)?;
    if let Some(current) = &existing {
        if p.work.is_none() {
            p.work = current.work.clone();
        }
        if *current == p {
            return Ok(Upsert::Unchanged);
        }
    }
    // Resolve every reference before writing anything.
    let refs = References::resolve(w, &p)?;
    let (old_id, old_work) = match &existing {
        Some(_) => w
            .conn()
            .prepare_cached("SELECT id, work_id FROM publication WHERE uid = ?1")?
            .query_row([&p.uid], |r| {
                Ok((Some(r.get::<_, i64>(0)?), Some(r.get::<_, i64>(1)?)))
            })?,
        None => (None, None),
    };
    let work_id = work_of(w.conn(), &p)?;
    if let Some(id) = old_id {
        w.touch(id)?;
    }
    if p.original {
        unmark_other_originals(w, work_id, &p.uid)?;
    }
    let id = write_row(w, &p, date.as_ref(), work_id, refs.series)?;
    if old_id.is_none() {
        w.track_new(id);
    }
    let conn = w.conn();
    if old_id.is_some() {
        delete_attachments(conn, id)?;
    }
    write_attachments(conn, id, &p, &refs)?;
    if let Some(old_work) = old_work.filter(|old| *old != work_id) {
        delete_work_if_empty(conn, old_work)?;
    }
    w.log("publication", &p.uid, false)?;
    Ok(if existing.is_some() {
        Upsert::Updated
    } else {
        Upsert::Added
    })
}

/// The row ids of everything a publication refers to.
struct References {
    series: Option<i64>,
    agents: Vec<i64>,
    projects: Vec<i64>,
    concepts: Vec<i64>,
}

impl References {
    /// Looks up every reference of `p` (`not_found` for one that does not exist).
    fn resolve(w: &mut Writer<'_>, p: &Publication) -> Result<References> {
        let ids = |w: &mut Writer<'_>, table: Table, uids: &mut dyn Iterator<Item = &String>| {
            uids.map(|uid| w.id_of(table, uid))
                .collect::<Result<Vec<_>>>()
        };
        Ok(References {
            series: p
                .series
                .as_deref()
                .map(|uid| w.id_of(Table::Series, uid))
                .transpose()?,
            agents: ids(
                w,
                Table::Agent,
                &mut p.contributors.iter().map(|c| &c.agent),
            )?,
            projects: ids(w, Table::Project, &mut p.projects.iter())?,
            concepts: ids(w, Table::Concept, &mut p.concepts.iter())?,
        })
    }
}

/// The row id of `p`'s work (created when new); `conflict` when another publication of that
/// work already has `p`'s language.
fn work_of(conn: &Connection, p: &Publication) -> Result<i64> {
    let work_uid = p.work.clone().unwrap_or_else(|| p.uid.clone());
    let work_id = match find_id(conn, Table::Work, &work_uid)? {
        Some(id) => id,
        None => {
            conn.prepare_cached("INSERT INTO work (uid) VALUES (?1)")?
                .execute([&work_uid])?;
            // A work created just now has no other version to clash with.
            return Ok(conn.last_insert_rowid());
        }
    };
    let clash: Option<String> = conn
        .prepare_cached(
            "SELECT uid FROM publication WHERE work_id = ?1 AND language = ?2 AND uid <> ?3",
        )?
        .query_row(params![work_id, p.language, p.uid], |r| r.get(0))
        .optional()?;
    if let Some(other) = clash {
        return Err(Error::Conflict(format!(
            "work `{work_uid}` already has a `{}` version: `{other}`",
            p.language
        )));
    }
    Ok(work_id)
}

/// Clears the original mark of the other versions of work `work_id` (one original per work).
fn unmark_other_originals(w: &mut Writer<'_>, work_id: i64, uid: &str) -> Result<()> {
    let now = w.now().to_owned();
    let siblings: Vec<String> = w
        .conn()
        .prepare_cached("UPDATE publication SET is_original = 0, updated_at = ?3 WHERE work_id = ?1 AND uid <> ?2 AND is_original = 1 RETURNING uid")?
        .query_map(params![work_id, uid, now], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    for uid in siblings {
        w.log("publication", &uid, false)?;
    }
    Ok(())
}

/// Inserts or updates the publication's own row; returns its row id.
fn write_row(
    w: &Writer<'_>,
    p: &Publication,
    date: Option<&PartialDate>,
    work_id: i64,
    series_id: Option<i64>,
) -> Result<i64> {
    Ok(w.conn()
        .prepare_cached(
            "INSERT INTO publication (uid, work_id, language, is_original, title, subtitle, summary,
                 summary_is_excerpt, body, kind, date_edtf, date_lower, date_upper, date_precision,
                 series_id, series_number, created_at, updated_at, pages)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18)
             ON CONFLICT (uid) DO UPDATE SET work_id = excluded.work_id, language = excluded.language,
                 is_original = excluded.is_original, title = excluded.title, subtitle = excluded.subtitle,
                 summary = excluded.summary, summary_is_excerpt = excluded.summary_is_excerpt,
                 body = excluded.body, kind = excluded.kind, date_edtf = excluded.date_edtf,
                 date_lower = excluded.date_lower, date_upper = excluded.date_upper,
                 date_precision = excluded.date_precision, series_id = excluded.series_id,
                 series_number = excluded.series_number, pages = excluded.pages,
                 updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(
            params![
                p.uid,
                work_id,
                p.language,
                p.original,
                p.title,
                p.subtitle,
                p.summary,
                p.summary_is_excerpt,
                p.body,
                p.kind.as_str(),
                date.map(|d| d.edtf().to_owned()),
                date.map(|d| d.lower().to_string()),
                date.map(|d| d.upper().to_string()),
                date.map(|d| d.precision().as_str()),
                series_id,
                p.series_number,
                w.now(),
                p.pages,
            ],
            |r| r.get(0),
        )?)
}

/// Deletes the rows attached to publication `id` (contributions, projects, concepts,
/// identifiers, links), before they are written again.
fn delete_attachments(conn: &Connection, id: i64) -> Result<()> {
    for sql in [
        "DELETE FROM contribution WHERE publication_id = ?1",
        "DELETE FROM project_publication WHERE publication_id = ?1",
        "DELETE FROM publication_concept WHERE publication_id = ?1 AND source = 'curated'",
        "DELETE FROM publication_identifier WHERE publication_id = ?1",
        "DELETE FROM publication_link WHERE publication_id = ?1",
    ] {
        conn.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

/// Writes the rows attached to publication `id`, in `p`'s order.
fn write_attachments(conn: &Connection, id: i64, p: &Publication, refs: &References) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO contribution (publication_id, agent_id, role, position, affiliation) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, (c, agent_id)) in p.contributors.iter().zip(&refs.agents).enumerate() {
        insert
            .execute(params![
                id,
                agent_id,
                c.role.as_str(),
                position as i64,
                c.affiliation
            ])
            .map_err(|e| {
                conflict_on_constraint(e, || {
                    format!("agent `{}` appears twice as {}", c.agent, c.role)
                })
            })?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO project_publication (project_id, publication_id) VALUES (?1, ?2)",
    )?;
    for project_id in &refs.projects {
        insert.execute([project_id, &id])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO publication_concept (publication_id, concept_id, source, matched_label) VALUES (?1, ?2, 'curated', NULL)
         ON CONFLICT (publication_id, concept_id) DO UPDATE SET source = 'curated', matched_label = NULL",
    )?;
    for concept_id in &refs.concepts {
        insert.execute([&id, concept_id])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO publication_identifier (publication_id, scheme, value) VALUES (?1, ?2, ?3)",
    )?;
    for ident in &p.identifiers {
        insert
            .execute(params![id, ident.scheme.as_str(), ident.value])
            .map_err(|e| {
                conflict_on_constraint(e, || {
                    format!(
                        "{} `{}` already names another publication",
                        ident.scheme, ident.value
                    )
                })
            })?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO publication_link (publication_id, position, url, link_kind, media_type, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, link) in p.links.iter().enumerate() {
        insert.execute(params![
            id,
            position as i64,
            link.url,
            link.kind.as_str(),
            link.media_type,
            link.label
        ])?;
    }
    Ok(())
}

/// Deletes a work that has no publication left.
pub(crate) fn delete_work_if_empty(conn: &Connection, work_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM work WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM publication WHERE work_id = ?1)")?
        .execute([work_id])?;
    Ok(())
}

/// Deletes one publication inside `w`, with everything attached to it and its work if empty.
pub(crate) fn delete_in(w: &mut Writer<'_>, uid: &str) -> Result<()> {
    let id = require_id(w.conn(), Table::Publication, uid)?;
    w.touch(id)?;
    let related: Vec<String> = w
        .conn()
        .prepare_cached(
            "SELECT p.uid || ' ' || r.relation_type || ' ' || q.uid FROM relation r
               JOIN publication p ON p.id = r.source_id JOIN publication q ON q.id = r.target_id
              WHERE r.source_id = ?1 OR r.target_id = ?1",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let work_id: i64 = w.conn().query_row(
        "DELETE FROM publication WHERE id = ?1 RETURNING work_id",
        [id],
        |r| r.get(0),
    )?;
    delete_work_if_empty(w.conn(), work_id)?;
    for key in related {
        w.log("relation", &key, true)?;
    }
    w.log("publication", uid, true)
}

/// Reads a publication in its write form (references as uids), if present.
pub(crate) fn load_in(conn: &Connection, uid: &str) -> Result<Option<Publication>> {
    let row = conn
        .prepare_cached(
            "SELECT p.id, p.uid, w.uid, p.language, p.is_original, p.title, p.subtitle, p.summary,
                    p.summary_is_excerpt, p.body, p.kind, p.date_edtf, s.uid, p.series_number, p.pages
               FROM publication p JOIN work w ON w.id = p.work_id
               LEFT JOIN series s ON s.id = p.series_id
              WHERE p.uid = ?1",
        )?
        .query_row([uid], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Publication {
                    uid: r.get(1)?,
                    work: Some(r.get(2)?),
                    language: r.get(3)?,
                    original: r.get(4)?,
                    title: r.get(5)?,
                    subtitle: r.get(6)?,
                    summary: r.get(7)?,
                    summary_is_excerpt: r.get(8)?,
                    body: r.get(9)?,
                    kind: parse_column(r, 10)?,
                    pages: r.get(14)?,
                    date: r.get(11)?,
                    series: r.get(12)?,
                    series_number: r.get(13)?,
                    contributors: Vec::new(),
                    projects: Vec::new(),
                    concepts: Vec::new(),
                    identifiers: Vec::new(),
                    links: Vec::new(),
                },
            ))
        })
        .optional()?;
    let Some((id, mut p)) = row else {
        return Ok(None);
    };
    p.contributors = conn
        .prepare_cached(
            "SELECT a.uid, c.role, c.affiliation FROM contribution c JOIN agent a ON a.id = c.agent_id
              WHERE c.publication_id = ?1 ORDER BY c.position",
        )?
        .query_map([id], |r| Ok(Contributor { agent: r.get(0)?, role: parse_column(r, 1)?, affiliation: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    p.projects = uids(conn, "SELECT x.uid FROM project_publication l JOIN project x ON x.id = l.project_id WHERE l.publication_id = ?1 ORDER BY x.uid", id)?;
    p.concepts = uids(conn, "SELECT x.uid FROM publication_concept l JOIN concept x ON x.id = l.concept_id WHERE l.publication_id = ?1 AND l.source = 'curated' ORDER BY x.uid", id)?;
    p.identifiers = identifiers(conn, id)?;
    p.links = conn
        .prepare_cached("SELECT url, link_kind, media_type, label FROM publication_link WHERE publication_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok(Link { url: r.get(0)?, kind: parse_column(r, 1)?, media_type: r.get(2)?, label: r.get(3)? }))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Some(p))
}

pub(crate) fn identifiers(conn: &Connection, id: i64) -> Result<Vec<Identifier>> {
    Ok(conn
        .prepare_cached("SELECT scheme, value FROM publication_identifier WHERE publication_id = ?1 ORDER BY scheme, value")?
        .query_map([id], |r| Ok(Identifier { scheme: parse_column(r, 0)?, value: r.get(1)? }))?
        .collect::<std::result::Result<_, _>>()?)
}

/// Reads the full record of publication `uid`.
pub(crate) fn record_in(conn: &Connection, uid: &str) -> Result<PublicationRecord> {
    let (id, work_id, mut record) = conn
        .prepare_cached(
            "SELECT p.id, p.work_id, p.uid, w.uid, p.language, p.is_original, p.title, p.subtitle, p.summary,
                    p.summary_is_excerpt, p.body, p.kind, p.date_edtf, p.date_lower, p.date_upper,
                    p.date_precision, s.uid, s.name, p.series_number, p.created_at, p.updated_at, p.pages
               FROM publication p JOIN work w ON w.id = p.work_id
               LEFT JOIN series s ON s.id = p.series_id WHERE p.uid = ?1",
        )?
        .query_row([uid], |r| {
            let series = match r.get::<_, Option<String>>(16)? {
                Some(uid) => Some(SeriesRef { uid, name: r.get(17)?, number: r.get(18)? }),
                None => None,
            };
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                PublicationRecord {
                    uid: r.get(2)?,
                    work: r.get(3)?,
                    language: r.get(4)?,
                    original: r.get(5)?,
                    title: r.get(6)?,
                    subtitle: r.get(7)?,
                    summary: r.get(8)?,
                    summary_is_excerpt: r.get(9)?,
                    body: r.get(10)?,
                    kind: parse_column(r, 11)?,
                    pages: r.get(21)?,
                    date: date_info(r, 12)?,
                    series,
                    contributors: Vec::new(),
                    projects: Vec::new(),
                    concepts: Vec::new(),
                    identifiers: Vec::new(),
                    links: Vec::new(),
                    translations: Vec::new(),
                    relations: Vec::new(),
                    created_at: r.get(19)?,
                    updated_at: r.get(20)?,
                },
            ))
        })
        .optional()?
        .ok_or_else(|| Error::not_found("publication", uid))?;
    record.contributors = conn
        .prepare_cached(
            "SELECT a.uid, a.name, a.kind, c.role, c.affiliation FROM contribution c JOIN agent a ON a.id = c.agent_id
              WHERE c.publication_id = ?1 ORDER BY c.position",
        )?
        .query_map([id], |r| {
            Ok(ContributorRecord { agent: r.get(0)?, name: r.get(1)?, agent_kind: parse_column(r, 2)?, role: parse_column(r, 3)?, affiliation: r.get(4)? })
        })?
        .collect::<std::result::Result<_, _>>()?;
    record.projects = conn
        .prepare_cached("SELECT x.uid, x.name, x.acronym FROM project_publication l JOIN project x ON x.id = l.project_id WHERE l.publication_id = ?1 ORDER BY x.name")?
        .query_map([id], |r| Ok(ProjectRef { uid: r.get(0)?, name: r.get(1)?, acronym: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    let tags: Vec<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT x.uid, l.matched_label FROM publication_concept l JOIN concept x ON x.id = l.concept_id
              WHERE l.publication_id = ?1 ORDER BY x.scheme, x.uid",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    record.concepts = tags
        .into_iter()
        .map(|(uid, matched_label)| {
            super::concepts::load_in(conn, &uid).map(|c| {
                c.map(|c| ConceptRef {
                    matched_label,
                    ..ConceptRef::from(c)
                })
            })
        })
        .filter_map(Result::transpose)
        .collect::<Result<_>>()?;
    record.identifiers = identifiers(conn, id)?;
    record.links = load_in(conn, uid)?.map(|p| p.links).unwrap_or_default();
    record.translations = translations_of_work(conn, work_id)?
        .into_iter()
        .filter(|t| t.uid != record.uid)
        .collect();
    record.relations = super::relations::related_in(conn, id)?;
    Ok(record)
}

/// All language versions of a work, original first, then by language.
pub(crate) fn translations_of_work(conn: &Connection, work_id: i64) -> Result<Vec<TranslationRef>> {
    Ok(conn
        .prepare_cached("SELECT uid, language, title, is_original FROM publication WHERE work_id = ?1 ORDER BY is_original DESC, language")?
        .query_map([work_id], |r| Ok(TranslationRef { uid: r.get(0)?, language: r.get(1)?, title: r.get(2)?, original: r.get(3)? }))?
        .collect::<std::result::Result<_, _>>()?)
}

/// Moves every publication of `b`'s work into `a`'s work.
pub(crate) fn link_translation_in(w: &mut Writer<'_>, a: &str, b: &str) -> Result<()> {
    let conn = w.conn();
    let work_of = |uid: &str| -> Result<i64> {
        conn.query_row(
            "SELECT work_id FROM publication WHERE uid = ?1",
            [uid],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("publication", uid))
    };
    let (work_a, work_b) = (work_of(a)?, work_of(b)?);
    if work_a == work_b {
        return Ok(());
    }
    let versions_b = translations_of_work(conn, work_b)?;
    let versions_a = translations_of_work(conn, work_a)?;
    if let Some(clash) = versions_b
        .iter()
        .find(|t| versions_a.iter().any(|o| o.language == t.language))
    {
        return Err(Error::Conflict(format!(
            "`{a}` and `{b}` cannot be one work: both have a `{}` version",
            clash.language
        )));
    }
    let a_has_original = versions_a.iter().any(|t| t.original);
    let now = w.now().to_owned();
    w.conn().execute(
        "UPDATE publication SET work_id = ?1, updated_at = ?3,
                is_original = CASE WHEN ?4 THEN 0 ELSE is_original END
          WHERE work_id = ?2",
        params![work_a, work_b, now, a_has_original],
    )?;
    delete_work_if_empty(w.conn(), work_b)?;
    // A person who links a pair they once unlinked changed their mind.
    super::translations::forget_decisions_in(w, work_a)?;
    for t in versions_b {
        w.log("publication", &t.uid, false)?;
    }
    Ok(())
}

/// Every language version of the work `uid` belongs to, `uid` included.
pub(crate) fn translations_in(conn: &Connection, uid: &str) -> Result<Vec<TranslationRef>> {
    let work_id: i64 = conn
        .query_row(
            "SELECT work_id FROM publication WHERE uid = ?1",
            [uid],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("publication", uid))?;
    translations_of_work(conn, work_id)
}
