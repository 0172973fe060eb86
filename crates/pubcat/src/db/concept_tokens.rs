//! Concept tokens: one word per concept in the full-text index, so that a search for a
//! concept's label matches one word instead of the OR of all its labels (schema version 7).
//!
//! Search expands a word that names a concept to every unambiguous label of the concept
//! (`taxation` also finds `Fiscalité` and `Ushuru`, [`crate::query::expand`]). Written as
//! `("taxation" OR "Fiscalité" OR "Ushuru")`, FTS5 merges one list of publications per label,
//! which cost up to 2× the search without expansion at 100,000 publications
//! (docs/BENCHMARKS.md, "Search expansion"). Instead, each publication's indexed text is given,
//! per indexed column, the word [`token`]`(concept)` once for every occurrence of an
//! unambiguous label of the concept in that column; the index holds these words in seven more
//! columns (`concepts_in_title`, …, `concepts_in_context`), weighted as the column they come
//! from, and the search matches the one word.
//!
//! The occurrences are found as a phrase query would find them: the label's words
//! ([`fts_words`], the index's own tokenizer) consecutive in the column's words. Labels may
//! overlap (`Sud-Kivu` holds the label `Kivu` of another concept: both are marked), and a
//! label marked ambiguous (French `or`) is not marked (search never adds it as an
//! alternative). So the word matches exactly the publications the OR of the labels matches.
//!
//! The tokens are kept in `publication_concept_token` (the full-text index's content view
//! reads them there) and written by the store's `Writer` at every commit: for
//! every publication whose text it touched, and, when the labels of concepts changed, for
//! every publication whose tokens that changes.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::fts_words;

/// The start of every concept token: `zzconcept12` stands for the concept of row id 12 (the
/// view `publication_search_doc` of schema.sql writes the same prefix before each stored id).
/// No text holds such a word; a query word that starts like it is searched in the text columns
/// only ([`shadows_token`]).
pub(crate) const TOKEN_PREFIX: &str = "zzconcept";

/// The full-text index's columns of text, as an FTS5 column filter (the others hold the
/// concept tokens).
pub(crate) const TEXT_COLUMNS: &str = "{title subtitle summary body agents concepts context}";

/// The concept tokens of one publication, as stored: per indexed column, the row ids of the
/// concepts of the labels that occur there, in order, separated by spaces (`None`: no label).
/// The content view of the index makes each id the word [`token`]`(id)`.
pub(crate) type ConceptTokens = [Option<String>; 7];

/// The index word that stands for the concept of row id `concept`.
pub(crate) fn token(concept: i64) -> String {
    format!("{TOKEN_PREFIX}{concept}")
}

/// Whether the index word (or prefix of index words) `word`, folded, could match a concept
/// token: such a query word is searched in the text columns only.
pub(crate) fn shadows_token(word: &str) -> bool {
    !word.is_empty() && (TOKEN_PREFIX.starts_with(word) || word.starts_with(TOKEN_PREFIX))
}

/// Whether the index word `word` is a concept token (left out of the words search offers).
pub(crate) fn is_token(word: &str) -> bool {
    word.strip_prefix(TOKEN_PREFIX)
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The unambiguous labels of every concept, as index words, grouped by their first word.
#[derive(Debug, Default)]
pub(crate) struct LabelFinder {
    /// First word of a label: the label's other words and its concept, per label.
    by_first: HashMap<String, Vec<(Vec<String>, i64)>>,
}

impl LabelFinder {
    /// The labels of the catalogue on `conn`.
    pub(crate) fn load(conn: &Connection) -> Result<LabelFinder> {
        let mut stmt = conn.prepare_cached(
            "SELECT concept_id, label FROM concept_label WHERE ambiguous = 0 ORDER BY concept_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut finder = LabelFinder::default();
        while let Some(row) = rows.next()? {
            let concept: i64 = row.get(0)?;
            let label: String = row.get(1)?;
            let mut words = fts_words::words(&label).into_iter();
            let Some(first) = words.next() else {
                continue;
            };
            let rest: Vec<String> = words.collect();
            let entry = finder.by_first.entry(first).or_default();
            if !entry.iter().any(|(r, c)| *c == concept && *r == rest) {
                entry.push((rest, concept));
            }
        }
        Ok(finder)
    }

    /// Whether no concept has an unambiguous label.
    pub(crate) fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The concept tokens of `text` as stored: the concept row id of each occurrence of a
    /// label, in the order of the occurrences (at one place, by concept), separated by
    /// spaces; `None` when no label occurs.
    pub(crate) fn tokens_of(&self, text: &str) -> Option<String> {
        if self.by_first.is_empty() {
            return None;
        }
        let mut words = WordList::default();
        fts_words::for_each_word(text, |w| words.push(w));
        let mut out = String::new();
        let mut here: Vec<i64> = Vec::new();
        for i in 0..words.len() {
            let Some(labels) = self.by_first.get(words.get(i)) else {
                continue;
            };
            here.clear();
            for (rest, concept) in labels {
                let fits = i + rest.len() < words.len()
                    && rest
                        .iter()
                        .enumerate()
                        .all(|(k, w)| words.get(i + 1 + k) == w);
                if fits && !here.contains(concept) {
                    here.push(*concept);
                }
            }
            here.sort_unstable();
            for concept in &here {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&concept.to_string());
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// The concept tokens of each of a publication's indexed columns.
    pub(crate) fn tokens_of_columns(&self, texts: &[Option<String>; 7]) -> ConceptTokens {
        texts
            .each_ref()
            .map(|t| t.as_deref().and_then(|t| self.tokens_of(t)))
    }
}

/// The words of one text in one string (no allocation per word).
#[derive(Default)]
struct WordList {
    text: String,
    ends: Vec<usize>,
}

impl WordList {
    fn push(&mut self, word: &str) {
        self.text.push_str(word);
        self.ends.push(self.text.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// The indexed texts (`title` … `context` of `publication_search_doc`) of the publications
/// `ids` that exist, by row id.
pub(crate) fn texts_of(conn: &Connection, ids: &[i64]) -> Result<Vec<(i64, [Option<String>; 7])>> {
    let ids = serde_json::Value::from(ids).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, subtitle, summary, body, agents, concepts, context
           FROM publication_search_doc WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?;
    let rows = stmt.query_map([&ids], |r| Ok((r.get(0)?, seven_columns(r, 1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Columns `first` to `first + 6` of `row`.
fn seven_columns(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<[Option<String>; 7]> {
    let mut out: [Option<String>; 7] = Default::default();
    for (i, column) in out.iter_mut().enumerate() {
        *column = row.get(first + i)?;
    }
    Ok(out)
}

/// The stored concept tokens of publication `id`.
pub(crate) fn stored(conn: &Connection, id: i64) -> Result<ConceptTokens> {
    use rusqlite::OptionalExtension;
    let row = conn
        .prepare_cached(
            "SELECT in_title, in_subtitle, in_summary, in_body, in_agents, in_concepts, in_context
               FROM publication_concept_token WHERE publication_id = ?1",
        )?
        .query_row([id], |r| seven_columns(r, 0))
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Stores the concept tokens of publication `id` (no row when it has none).
pub(crate) fn store(conn: &Connection, id: i64, tokens: &ConceptTokens) -> Result<()> {
    if tokens.iter().all(Option::is_none) {
        conn.prepare_cached("DELETE FROM publication_concept_token WHERE publication_id = ?1")?
            .execute([id])?;
        return Ok(());
    }
    let [a, b, c, d, e, f, g] = tokens;
    conn.prepare_cached(
        "INSERT INTO publication_concept_token
                (publication_id, in_title, in_subtitle, in_summary, in_body, in_agents,
                 in_concepts, in_context)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (publication_id) DO UPDATE SET
            in_title = excluded.in_title, in_subtitle = excluded.in_subtitle,
            in_summary = excluded.in_summary, in_body = excluded.in_body,
            in_agents = excluded.in_agents, in_concepts = excluded.in_concepts,
            in_context = excluded.in_context",
    )?
    .execute(params![id, a, b, c, d, e, f, g])?;
    Ok(())
}

/// Computes the concept tokens of every publication from the labels and texts, in batches of
/// row ids, and calls `differs` with each publication whose stored tokens differ and its
/// computed tokens.
fn for_each_stale(
    conn: &Connection,
    mut differs: impl FnMut(i64, &ConceptTokens) -> Result<()>,
) -> Result<()> {
    const BATCH: i64 = 2_000;
    let finder = LabelFinder::load(conn)?;
    let mut after = i64::MIN;
    loop {
        let ids: Vec<i64> = conn
            .prepare_cached("SELECT id FROM publication WHERE id > ?1 ORDER BY id LIMIT ?2")?
            .query_map(params![after, BATCH], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let Some(&last) = ids.last() else {
            return Ok(());
        };
        for (id, texts) in texts_of(conn, &ids)? {
            let tokens = finder.tokens_of_columns(&texts);
            if tokens != stored(conn, id)? {
                differs(id, &tokens)?;
            }
        }
        after = last;
    }
}

/// Computes and stores the concept tokens of every publication (the migration to version 7
/// and `repair`; the caller rebuilds the full-text index after). Returns the number of
/// publications whose stored tokens changed.
pub(crate) fn store_all(conn: &Connection) -> Result<i64> {
    let mut changed = 0;
    for_each_stale(conn, |id, tokens| {
        changed += 1;
        store(conn, id, tokens)
    })?;
    Ok(changed)
}

/// The publications whose stored concept tokens differ from what their texts and the labels
/// give (another tool changed a text or a label with plain SQL): row ids, ascending.
pub(crate) fn stale(conn: &Connection) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for_each_stale(conn, |id, _| {
        ids.push(id);
        Ok(())
    })?;
    Ok(ids)
}

/// An FTS5 expression that matches every publication in which one of `labels` occurs or
/// that holds the token of one of `concepts` (`None` when both are empty): the publications
/// whose concept tokens a change of these labels may change.
pub(crate) fn candidates_expression(labels: &[String], concepts: &[i64]) -> Option<String> {
    // Index words hold no `"` (letters, digits and marks only): each phrase is quoted as is.
    let phrases = labels
        .iter()
        .map(|label| fts_words::words(label).join(" "))
        .filter(|phrase| !phrase.is_empty())
        .chain(concepts.iter().map(|c| token(*c)));
    let quoted: Vec<String> = phrases.map(|phrase| format!("\"{phrase}\"")).collect();
    (!quoted.is_empty()).then(|| quoted.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(labels: &[(i64, &str)]) -> LabelFinder {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE concept_label (concept_id INTEGER, label TEXT, ambiguous INTEGER)",
        )
        .unwrap();
        for (concept, label) in labels {
            let ambiguous = i64::from(*label == "or");
            conn.execute(
                "INSERT INTO concept_label VALUES (?1, ?2, ?3)",
                params![concept, label, ambiguous],
            )
            .unwrap();
        }
        LabelFinder::load(&conn).unwrap()
    }

    #[test]
    fn marks_every_occurrence_of_every_label_as_a_phrase_would_match_it() {
        let f = finder(&[
            (1, "South Kivu"),
            (1, "Sud-Kivu"),
            (2, "Kivu"),
            (3, "gold"),
            (3, "or"),
            (4, "3T (tin, tantalum, tungsten)"),
        ]);
        assert_eq!(
            f.tokens_of("Gold in SUD KIVU, or in south-kivu; Kivu."),
            Some("3 1 2 1 2 2".into())
        );
        assert_eq!(f.tokens_of("3T: tin, tantalum; tungsten"), Some("4".into()));
        assert_eq!(f.tokens_of("South"), None);
        assert_eq!(
            f.tokens_of("or and silver"),
            None,
            "ambiguous labels are not marked"
        );
        assert_eq!(f.tokens_of(""), None);
    }

    #[test]
    fn tells_tokens_and_words_that_look_like_them() {
        assert!(is_token("zzconcept12"));
        assert!(!is_token("zzconcept"));
        assert!(!is_token("zzconcepts"));
        for word in ["z", "zz", "zzconcept", "zzconcept1", "zzconcepts"] {
            assert!(shadows_token(word), "{word}");
        }
        for word in ["", "a", "zza", "concept"] {
            assert!(!shadows_token(word), "{word}");
        }
        assert_eq!(token(7), "zzconcept7");
    }

    #[test]
    fn the_expression_of_candidates_names_labels_and_tokens() {
        assert_eq!(
            candidates_expression(&["Sud-Kivu".into(), "?".into()], &[5]),
            Some("\"sud kivu\" OR \"zzconcept5\"".into())
        );
        assert_eq!(candidates_expression(&[], &[]), None);
    }
}
