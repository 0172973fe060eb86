//! Curation: the edits a person makes to a catalogue by hand, each inside the caller's write
//! transaction: unlinking a language version, tagging, setting one field, merging duplicate
//! series and publications (the merged uid becomes a redirect).

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::publications::{self, translations_of_work};
use super::rows::uids;
use super::writer::Writer;
use super::{find_id, relations, require_id, series, tags, translations, Table, Upsert};
use crate::error::{Error, Result};
use crate::model::{Publication, Relation};

/// Makes `uid` a work of its own, out of the work it shares with its other language
/// versions. Nothing changes when it is the only version.
pub(crate) fn unlink_in(w: &mut Writer<'_>, uid: &str) -> Result<()> {
    let conn = w.conn();
    let (id, work_id): (i64, i64) = conn
        .query_row(
            "SELECT id, work_id FROM publication WHERE uid = ?1",
            [uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("publication", uid))?;
    let versions = translations_of_work(conn, work_id)?;
    if versions.len() < 2 {
        return Ok(());
    }
    // A person's decision: link discovery never proposes these pairs again.
    translations::record_not_translation_in(w, id, work_id)?;
    let conn = w.conn();
    let mut work_uid = uid.to_owned();
    let mut n = 1;
    while find_id(conn, Table::Work, &work_uid)?.is_some() {
        n += 1;
        work_uid = format!("{uid}-{n}");
    }
    conn.prepare_cached("INSERT INTO work (uid) VALUES (?1)")?
        .execute([&work_uid])?;
    let new_work = conn.last_insert_rowid();
    let now = w.now().to_owned();
    w.conn().execute(
        "UPDATE publication SET work_id = ?1, updated_at = ?3 WHERE id = ?2",
        params![new_work, id, now],
    )?;
    for version in versions {
        w.log("publication", &version.uid, false)?;
    }
    Ok(())
}

/// Adds (`add`) or removes the concepts `concepts` to or from publication `uid`, as a
/// person's decision: a removed concept goes, whether a person or automatic tagging gave it,
/// and automatic tagging never adds it back (`rejected_tag`); adding it lifts that.
pub(crate) fn tag_in(
    w: &mut Writer<'_>,
    uid: &str,
    concepts: &[String],
    add: bool,
) -> Result<Upsert> {
    let mut p = publications::load_in(w.conn(), uid)?
        .ok_or_else(|| Error::not_found("publication", uid))?;
    let mut concept_ids = Vec::with_capacity(concepts.len());
    for concept in concepts {
        concept_ids.push(require_id(w.conn(), Table::Concept, concept)?);
        if add {
            if !p.concepts.contains(concept) {
                p.concepts.push(concept.clone());
            }
        } else {
            p.concepts.retain(|c| c != concept);
        }
    }
    let id = require_id(w.conn(), Table::Publication, &p.uid)?;
    let mut outcome = publications::upsert_in(w, &p)?;
    for concept_id in concept_ids {
        if add {
            tags::lift_rejection_in(w, id, concept_id)?;
        } else if tags::reject_in(w, id, &p.uid, concept_id)? {
            outcome = Upsert::Updated;
        }
    }
    Ok(outcome)
}

/// Sets one field of publication `uid` to `value`, read as the field's JSON value when it is
/// one (`48`, `true`, `["a", "b"]`) and as text otherwise; an empty value clears the field.
pub(crate) fn set_field_in(
    w: &mut Writer<'_>,
    uid: &str,
    field: &str,
    value: &str,
) -> Result<Upsert> {
    if field == "uid" {
        return Err(Error::invalid(
            "field",
            "the uid of a publication cannot be set",
        ));
    }
    let p = publications::load_in(w.conn(), uid)?
        .ok_or_else(|| Error::not_found("publication", uid))?;
    let mut object = match serde_json::to_value(&p) {
        Ok(Value::Object(map)) => map,
        _ => return Err(Error::invalid("publication", "cannot be edited as JSON")),
    };
    let fields = publication_fields();
    if !fields.iter().any(|f| f == field) {
        return Err(Error::invalid(
            "field",
            format!(
                "`{field}` is not a field of a publication: {}",
                fields.join(", ")
            ),
        ));
    }
    let text = value.trim();
    let candidates: Vec<Value> = if text.is_empty() {
        vec![Value::Null, Value::Array(Vec::new()), Value::Bool(false)]
    } else {
        let mut values = Vec::new();
        if let Ok(json) = serde_json::from_str::<Value>(text) {
            values.push(json);
        }
        values.push(Value::String(text.to_owned()));
        values
    };
    let mut last_error = None;
    for candidate in candidates {
        object.insert(field.to_owned(), candidate);
        match serde_json::from_value::<Publication>(Value::Object(object.clone())) {
            Ok(edited) => return publications::upsert_in(w, &edited),
            Err(e) => last_error = Some(e.to_string()),
        }
    }
    Err(Error::invalid(
        field,
        format!(
            "`{value}` is not a value for it: {}",
            last_error.unwrap_or_default()
        ),
    ))
}

/// The fields of a publication's write form, sorted.
pub(crate) fn publication_fields() -> Vec<String> {
    let mut p = Publication::new("u", "en", "t", crate::model::Kind::Report);
    p.work = Some(String::new());
    p.original = true;
    p.summary_is_excerpt = true;
    for field in [
        &mut p.subtitle,
        &mut p.summary,
        &mut p.body,
        &mut p.date,
        &mut p.series,
        &mut p.series_number,
    ] {
        *field = Some(String::new());
    }
    p.pages = Some(1);
    p.contributors.push(crate::model::Contributor::new(
        "a",
        crate::model::Role::Author,
    ));
    p.projects.push(String::new());
    p.concepts.push(String::new());
    p.identifiers.push(crate::model::Identifier::new(
        crate::model::IdScheme::Url,
        "",
    ));
    p.links
        .push(crate::model::Link::new("", crate::model::LinkKind::Pdf));
    // Sorted: serde_json's map order depends on its features, which other crates of a build
    // may turn on.
    let mut fields: Vec<String> = match serde_json::to_value(&p) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    fields.sort();
    fields
}

/// Records that `uid` of `entity` now lives at `target`, and moves the redirects that
/// pointed to `uid`. A record `uid` redirected to before loses it: it is logged (the uids
/// merged into a record are part of its state).
fn redirect(w: &mut Writer<'_>, entity: &str, uid: &str, target: &str) -> Result<()> {
    let conn = w.conn();
    let before: Option<String> = conn
        .prepare_cached("SELECT target FROM redirect WHERE entity = ?1 AND uid = ?2")?
        .query_row([entity, uid], |r| r.get(0))
        .optional()?;
    conn.prepare_cached("UPDATE redirect SET target = ?3 WHERE entity = ?1 AND target = ?2")?
        .execute(params![entity, uid, target])?;
    conn.prepare_cached(
        "INSERT INTO redirect (entity, uid, target) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity, uid) DO UPDATE SET target = excluded.target",
    )?
    .execute(params![entity, uid, target])?;
    if let Some(before) = before.filter(|b| b != target) {
        w.log(entity, &before, false)?;
    }
    Ok(())
}

/// `uid` of `table` (publications, series), or the record it was merged into.
pub(crate) fn current_uid(conn: &Connection, table: Table, uid: &str) -> Result<String> {
    if find_id(conn, table, uid)?.is_some() {
        return Ok(uid.to_owned());
    }
    let entity = match table {
        Table::Series => "series",
        _ => "publication",
    };
    let target: Option<String> = conn
        .prepare_cached("SELECT target FROM redirect WHERE entity = ?1 AND uid = ?2")?
        .query_row([entity, uid], |r| r.get(0))
        .optional()?;
    Ok(target.unwrap_or_else(|| uid.to_owned()))
}

/// Merges the duplicate series `from` into `into`: its publications move over (keeping their
/// numbers), `from` is deleted and becomes a redirect.
pub(crate) fn merge_series_in(w: &mut Writer<'_>, from: &str, into: &str) -> Result<()> {
    if from == into {
        return Err(Error::invalid(
            "into",
            "a series cannot be merged into itself",
        ));
    }
    let from_id = require_id(w.conn(), Table::Series, from)?;
    let into_id = require_id(w.conn(), Table::Series, into)?;
    let moved = uids(
        w.conn(),
        "SELECT uid FROM publication WHERE series_id = ?1 ORDER BY uid",
        from_id,
    )?;
    w.touch_where("SELECT id FROM publication WHERE series_id = ?1", from_id)?;
    let now = w.now().to_owned();
    w.conn().execute(
        "UPDATE publication SET series_id = ?2, updated_at = ?3 WHERE series_id = ?1",
        params![from_id, into_id, now],
    )?;
    for uid in &moved {
        w.log("publication", uid, false)?;
    }
    series::delete_in(w, from)?;
    redirect(w, "series", from, into)?;
    // The uids merged into a series are part of its state (delta files carry them).
    w.log("series", into, false)
}

/// Merges the duplicate publication `from` into `into`: `into` keeps its values, takes
/// `from`'s where it has none, and the union of their contributors, projects, concepts,
/// identifiers and links; `from`'s other language versions and relations move to `into`;
/// `from` is deleted and becomes a redirect.
pub(crate) fn merge_publications_in(w: &mut Writer<'_>, from: &str, into: &str) -> Result<()> {
    if from == into {
        return Err(Error::invalid(
            "into",
            "a publication cannot be merged into itself",
        ));
    }
    let load = |w: &Writer<'_>, uid: &str| -> Result<Publication> {
        publications::load_in(w.conn(), uid)?.ok_or_else(|| Error::not_found("publication", uid))
    };
    let (old, dup) = (load(w, into)?, load(w, from)?);
    let merged = merged_publication(old, &dup);
    let siblings: Vec<String> = publications::translations_in(w.conn(), from)?
        .into_iter()
        .map(|t| t.uid)
        .filter(|uid| uid != from)
        .collect();
    let moved: Vec<Relation> = relations::all_in(w.conn())?
        .into_iter()
        .filter(|r| r.source == from || r.target == from)
        .map(|r| {
            let follow = |uid: String| if uid == from { into.to_owned() } else { uid };
            Relation {
                source: follow(r.source),
                target: follow(r.target),
                relation_type: r.relation_type,
            }
        })
        .filter(|r| r.source != r.target)
        .collect();
    let (from_id, into_id) = (
        require_id(w.conn(), Table::Publication, from)?,
        require_id(w.conn(), Table::Publication, into)?,
    );
    translations::move_decisions_in(w, from_id, into_id)?;
    tags::move_rejections_in(w, from_id, into_id)?;
    publications::delete_in(w, from)?;
    publications::upsert_in(w, &merged)?;
    for relation in &moved {
        relations::add_in(w, relation)?;
    }
    for sibling in siblings {
        publications::link_translation_in(w, into, &sibling)?;
    }
    redirect(w, "publication", from, into)?;
    // The uids merged into a publication are part of its state (delta files carry them).
    w.log("publication", into, false)
}

/// `into` with the gaps filled from `dup` and the lists joined.
fn merged_publication(mut into: Publication, dup: &Publication) -> Publication {
    fn fill(into: &mut Option<String>, from: &Option<String>) {
        if into.is_none() {
            into.clone_from(from);
        }
    }
    fill(&mut into.subtitle, &dup.subtitle);
    if into.summary.is_none() {
        into.summary.clone_from(&dup.summary);
        into.summary_is_excerpt = dup.summary_is_excerpt;
    }
    fill(&mut into.body, &dup.body);
    fill(&mut into.date, &dup.date);
    if into.series.is_none() {
        into.series.clone_from(&dup.series);
        into.series_number.clone_from(&dup.series_number);
    }
    into.pages = into.pages.or(dup.pages);
    for c in &dup.contributors {
        if !into
            .contributors
            .iter()
            .any(|o| o.agent == c.agent && o.role == c.role)
        {
            into.contributors.push(c.clone());
        }
    }
    for (list, extra) in [
        (&mut into.projects, &dup.projects),
        (&mut into.concepts, &dup.concepts),
    ] {
        for uid in extra {
            if !list.contains(uid) {
                list.push(uid.clone());
            }
        }
    }
    for id in &dup.identifiers {
        if !into.identifiers.contains(id) {
            into.identifiers.push(id.clone());
        }
    }
    for link in &dup.links {
        if !into
            .links
            .iter()
            .any(|l| l.url == link.url && l.kind == link.kind)
        {
            into.links.push(link.clone());
        }
    }
    into
}
