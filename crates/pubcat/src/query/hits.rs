//! The hits of a page: every field of every hit, and the snippets, in one statement.
//!
//! Authors, projects and the other language versions come back as JSON arrays built by
//! SQLite (`json_group_array(... ORDER BY ...)`), so a page costs one statement rather than
//! four per hit.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::highlight::{self, Marks};
use super::{Hit, HIGHLIGHT_END, HIGHLIGHT_START};
use crate::error::{Error, Result};
use crate::model::{ProjectRef, TranslationRef};
use crate::store::rows::parse_column;

/// The columns of a hit, for publication `p` of work `w`.
const COLUMNS: &str = "p.id, p.uid, w.uid, p.title, p.language, p.kind, p.date_edtf, p.date_lower,
    (SELECT json_group_array(json_array(a.name, c.role) ORDER BY c.position)
       FROM contribution c JOIN agent a ON a.id = c.agent_id WHERE c.publication_id = p.id),
    (SELECT json_group_array(json_array(x.uid, x.name, x.acronym) ORDER BY x.name, x.uid)
       FROM project_publication l JOIN project x ON x.id = l.project_id WHERE l.publication_id = p.id),
    (SELECT json_group_array(json_array(q.uid, q.language, q.title, q.is_original)
              ORDER BY q.is_original DESC, q.language)
       FROM publication q WHERE q.work_id = p.work_id AND q.id <> p.id)";

/// The snippet: the summary's passage when it holds a match, else the title's, else the
/// best column's.
fn snippet_sql() -> String {
    let snip = |column: i32| {
        format!(
            "snippet(publication_fts, {column}, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', {SNIPPET_TOKENS})"
        )
    };
    format!(
        "CASE WHEN instr({summary}, '{HIGHLIGHT_START}') > 0 THEN {summary} \
              WHEN instr({title}, '{HIGHLIGHT_START}') > 0 THEN {title} ELSE {best} END",
        summary = snip(2),
        title = snip(0),
        best = snip(-1),
    )
}

fn json<T: serde::de::DeserializeOwned>(text: Option<String>) -> Result<Vec<T>> {
    match text {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| Error::Corrupt(format!("unexpected hit details: {e}"))),
    }
}

/// The hits for `rows` (`(id, score)` in page order), with snippets for the FTS5
/// expression `fts`. A publication that no longer matches `fts` (a later page of a ranking
/// snapshot, after an update) is returned without a snippet; one that no longer exists is
/// left out. `in_rust`: the snippets are highlighted here rather than by FTS5 (see below).
pub(crate) fn hits(
    conn: &Connection,
    fts: Option<&str>,
    in_rust: bool,
    rows: &[(i64, f64)],
) -> Result<Vec<Hit>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    // A prefix (`mi*`): FTS5 would merge the doclists of every word it starts again to make
    // the snippets (936 of 1,162 ms for `mi*` at 100k): they are highlighted here instead.
    // So are the snippets of a search for concepts (`in_rust`): the index matched their
    // tokens, and FTS5 would look each page row up again in the list of every label (the
    // three labels of `taxation`: 1.7 ms more for a page of 20 at 100k than the one word).
    let marks = fts.map(highlight::words_of_expression);
    let in_rust = in_rust || marks.as_ref().is_some_and(Marks::has_prefix);
    let fts = fts.filter(|_| !in_rust);
    let mut found = fetch(conn, fts, &ids)?;
    if let Some(marks) = marks.as_ref().filter(|_| in_rust) {
        snippets_in_rust(conn, marks, &mut found)?;
    }
    let ranked = marks.is_some();
    if fts.is_some() && found.len() < ids.len() {
        let missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| !found.contains_key(id))
            .collect();
        found.extend(fetch(conn, None, &missing)?);
    }
    Ok(rows
        .iter()
        .filter_map(|(id, score)| {
            found.remove(id).map(|mut hit| {
                if ranked {
                    hit.score = *score;
                }
                hit
            })
        })
        .collect())
}

/// Sets each hit's snippet from the first of its summary, title, subtitle and body that holds
/// a marked word (a passage of [`SNIPPET_TOKENS`] tokens), as FTS5's snippets would; none when
/// only its agents, concepts or context matched. The body (up to 100 MB) is read only for a
/// hit whose other texts hold no mark.
fn snippets_in_rust(conn: &Connection, marks: &Marks, found: &mut HashMap<i64, Hit>) -> Result<()> {
    let mut short_texts =
        conn.prepare_cached("SELECT summary, subtitle FROM publication WHERE id = ?1")?;
    let mut body = conn.prepare_cached("SELECT body FROM publication WHERE id = ?1")?;
    let window = Some(SNIPPET_TOKENS);
    for (id, hit) in found.iter_mut() {
        let (summary, subtitle): (Option<String>, Option<String>) =
            short_texts.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        hit.snippet = summary
            .and_then(|text| highlight::highlight(&text, marks, window))
            .or_else(|| highlight::highlight(&hit.title, marks, window))
            .or_else(|| subtitle.and_then(|text| highlight::highlight(&text, marks, window)));
        if hit.snippet.is_none() {
            let text: Option<String> = body.query_row([id], |r| r.get(0))?;
            hit.snippet = text.and_then(|text| highlight::highlight(&text, marks, window));
        }
    }
    Ok(())
}

/// Tokens in a snippet's passage (FTS5's and pubcat's own).
pub(crate) const SNIPPET_TOKENS: usize = 24;

/// The hits of publications `ids` (those matching `fts`, with their snippets, when given).
fn fetch(conn: &Connection, fts: Option<&str>, ids: &[i64]) -> Result<HashMap<i64, Hit>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut params: Vec<Value> = Vec::with_capacity(ids.len() + 1);
    let mut marks = String::new();
    let first = if fts.is_some() { 2 } else { 1 };
    for i in 0..ids.len() {
        if i > 0 {
            marks.push_str(", ");
        }
        marks.push('?');
        marks.push_str(&(i + first).to_string());
    }
    let sql = match fts {
        Some(expr) => {
            params.push(Value::Text(expr.to_owned()));
            format!(
                "SELECT {COLUMNS}, {} FROM publication_fts f JOIN publication p ON p.id = f.rowid \
                 JOIN work w ON w.id = p.work_id WHERE publication_fts MATCH ?1 AND f.rowid IN ({marks})",
                snippet_sql()
            )
        }
        None => format!(
            "SELECT {COLUMNS}, NULL FROM publication p JOIN work w ON w.id = p.work_id WHERE p.id IN ({marks})"
        ),
    };
    params.extend(ids.iter().map(|id| Value::Integer(*id)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found: HashMap<i64, Hit> = HashMap::with_capacity(ids.len());
    let mut cursor = stmt.query(params_from_iter(params.iter()))?;
    while let Some(row) = cursor.next()? {
        let lower: Option<String> = row.get(7)?;
        let contributors: Vec<(String, String)> = json(row.get(8)?)?;
        let authors: Vec<String> = if contributors.iter().any(|(_, role)| role == "author") {
            contributors
                .into_iter()
                .filter(|(_, role)| role == "author")
                .map(|(name, _)| name)
                .collect()
        } else {
            contributors.into_iter().map(|(name, _)| name).collect()
        };
        let projects: Vec<(String, String, Option<String>)> = json(row.get(9)?)?;
        let others: Vec<(String, String, String, i64)> = json(row.get(10)?)?;
        found.insert(
            row.get(0)?,
            Hit {
                uid: row.get(1)?,
                work: row.get(2)?,
                title: row.get(3)?,
                language: row.get(4)?,
                kind: parse_column(row, 5)?,
                date: row.get(6)?,
                year: lower.and_then(|d| d.get(..4).and_then(|y| y.parse().ok())),
                authors,
                projects: projects
                    .into_iter()
                    .map(|(uid, name, acronym)| ProjectRef { uid, name, acronym })
                    .collect(),
                score: 0.0,
                snippet: row.get(11)?,
                other_languages: others
                    .into_iter()
                    .map(|(uid, language, title, original)| TranslationRef {
                        uid,
                        language,
                        title,
                        original: original != 0,
                    })
                    .collect(),
                matched_concepts: Vec::new(),
            },
        );
    }
    Ok(found)
}
