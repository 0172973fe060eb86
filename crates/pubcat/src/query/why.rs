//! Why a hit matched: for each concept the query named ([`QueryConcept`]), whether the hit is
//! about it (tagged with it, or naming it in its text), and how ([`ConceptMatch`]).

use std::collections::HashMap;

use rusqlite::Connection;

use super::expand::QueryConcept;
use super::lexicon::ConceptLabels;
use super::{ConceptMatch, Hit};
use crate::error::Result;
use crate::model::fold;

/// Fills [`Hit::matched_concepts`] of `hits` for the `concepts` the query named; labels for
/// readers of `prefer` (the query's lookup chain; empty: each hit's own language).
pub(crate) fn annotate(
    conn: &Connection,
    concepts: &[QueryConcept],
    hits: &mut [Hit],
    prefer: &[String],
) -> Result<()> {
    if concepts.is_empty() || hits.is_empty() {
        return Ok(());
    }
    let uids =
        serde_json::to_string(&hits.iter().map(|h| &h.uid).collect::<Vec<_>>()).unwrap_or_default();
    let concept_ids =
        serde_json::to_string(&concepts.iter().map(|c| c.concept.id).collect::<Vec<_>>())
            .unwrap_or_default();
    let mut tags: HashMap<(String, i64), Option<String>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT p.uid, pc.concept_id, pc.matched_label
               FROM publication p JOIN publication_concept pc ON pc.publication_id = p.id
              WHERE p.uid IN (SELECT value FROM json_each(?1))
                AND pc.concept_id IN (SELECT value FROM json_each(?2))",
        )?;
        let mut rows = stmt.query([&uids, &concept_ids])?;
        while let Some(row) = rows.next()? {
            tags.insert((row.get(0)?, row.get(1)?), row.get(2)?);
        }
    }
    let mut texts: Option<HashMap<String, Vec<String>>> = None;
    for hit in hits.iter_mut() {
        let mut languages: Vec<&str> = prefer.iter().map(String::as_str).collect();
        languages.push(&hit.language);
        for qc in concepts {
            let tag = tags.get(&(hit.uid.clone(), qc.concept.id));
            let found = match tag {
                // An automatic tag: the label tagging found in the text.
                Some(Some(label)) => Some(label.clone()),
                // A person's tag, or no tag: the label the text uses, if any.
                _ => {
                    if texts.is_none() {
                        texts = Some(folded_texts(conn, &uids)?);
                    }
                    let tokens = texts
                        .as_ref()
                        .and_then(|t| t.get(&hit.uid))
                        .map_or(&[][..], Vec::as_slice);
                    let found =
                        label_in(tokens, &qc.concept, &qc.query, tag.is_some()).map(str::to_owned);
                    if found.is_none() && tag.is_none() {
                        continue;
                    }
                    found
                }
            };
            hit.matched_concepts.push(ConceptMatch {
                query: qc.query.clone(),
                concept: qc.concept.uid.clone(),
                label: qc.concept.label_for(&languages).to_owned(),
                found,
            });
        }
    }
    Ok(())
}

/// The folded tokens of the texts (title, subtitle, summary, body) of the publications `uids`
/// (a JSON array), by uid.
fn folded_texts(conn: &Connection, uids: &str) -> Result<HashMap<String, Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT uid, concat_ws(' ', title, subtitle, summary, body) FROM publication
          WHERE uid IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([uids])?;
    let mut out = HashMap::new();
    while let Some(row) = rows.next()? {
        let text: String = row.get(1)?;
        let tokens = fold::tokens(&text).into_iter().map(|(f, _)| f).collect();
        out.insert(row.get(0)?, tokens);
    }
    Ok(out)
}

/// The label of `concept` whose tokens appear in a row in `tokens`: `query` (the label the
/// query matched) if the text uses it, else the first unambiguous one it uses.
/// An ambiguous label (French `or`) counts only on a publication tagged with the concept.
fn label_in<'a>(
    tokens: &[String],
    concept: &'a ConceptLabels,
    query: &str,
    tagged: bool,
) -> Option<&'a str> {
    let query = fold::key(query);
    let typed = concept
        .labels
        .iter()
        .filter(|l| l.key == query && (tagged || !l.ambiguous));
    let others = concept
        .labels
        .iter()
        .filter(|l| !l.ambiguous && l.key != query);
    typed.chain(others).find_map(|label| {
        let wanted: Vec<&str> = label.key.split(' ').collect();
        tokens
            .windows(wanted.len())
            .any(|w| w.iter().zip(&wanted).all(|(a, b)| a == b))
            .then_some(label.text.as_str())
    })
}
