//! Search as you type: [`Catalog::type_ahead`](crate::Catalog::type_ahead); see [`TypeAhead`].

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};

use super::cursor::{Cursor, Key};
use super::expand::{expand, QueryConcept};
use super::lexicon::{IndexWords, Lexicon, LexiconCache, Words};
use super::search::{key_of, resolve};
use super::sql::{self, Plan, Resolved};
use super::{highlight, hits};
use super::{syntax, why, Hit, Query, Sort};
use crate::error::{Error, Result};
use crate::model::fold;
use crate::model::stopwords::is_stopword;

/// How many completions of the word being typed are offered and searched.
pub const COMPLETIONS: usize = 8;

/// The most estimated matches that are ranked by relevance; above it, most recently added first ([`Sort::Added`]).
/// Ranking costs about 0.5 µs per match at 1M publications (docs/BENCHMARKS.md), so this
/// bounds the ranked case near 10 ms.
pub const RANK_AT_MOST: f64 = 20_000.0;

#[cfg(feature = "test-hooks")]
thread_local! {
    static RANK_BOUND: std::cell::Cell<f64> = const { std::cell::Cell::new(RANK_AT_MOST) };
}

/// Sets, for type-ahead calls made on this thread, the most estimated matches that are
/// ranked (tests reach the added order on small catalogues with it).
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub fn set_rank_at_most(bound: f64) {
    RANK_BOUND.with(|b| b.set(bound));
}

/// The bound in force: [`RANK_AT_MOST`], unless a test changed it for its thread.
fn rank_at_most() -> f64 {
    #[cfg(feature = "test-hooks")]
    {
        RANK_BOUND.with(std::cell::Cell::get)
    }
    #[cfg(not(feature = "test-hooks"))]
    {
        RANK_AT_MOST
    }
}

/// Relative cost of one probe of the text index during a date walk, in units of one ranked
/// match (the same measured ratio as the search planner).
const PROBE_COST: f64 = 16.0;

/// What [`Catalog::type_ahead`](crate::Catalog::type_ahead) returns: completions of the
/// word being typed and a first page of hits.
///
/// An app calls it on every keystroke, so it must answer a one-letter prefix over a million
/// publications as fast as a whole word. A plain prefix search cannot: FTS5 merges the
/// postings of every word that starts with `m` and ranks every match (seconds at 1M,
/// docs/BENCHMARKS.md). Type-ahead therefore answers a different, cheaper question:
///
/// 1. **Completions.** The word being typed (the last one, when the text does not end in a
///    space) is completed from the catalogue's own index words, the [`COMPLETIONS`] words
///    that start with it and occur in the most publications, with their counts (folded as
///    the index folds them: lower case, no accents). They come from the in-memory word list
///    of the search lexicon, read once per catalogue version.
/// 2. **Hits.** The publications that match the words before it (exactly as
///    [`Catalog::search`](crate::Catalog::search) would, expansion to other languages and
///    inflections included) and one of those completions. A completion is searched as
///    written, except one that completes a concept's label (`Sud-Ki` → `sud kivu`), which
///    also finds the concept's other labels (`South Kivu`). Rarer words that start with the
///    prefix are left out until more letters are typed: `m` searches the eight most frequent
///    words in `m`; `mamb` reaches `mambasa`.
/// 3. **Order.** When the estimated matches are few enough to rank cheaply (at most
///    [`RANK_AT_MOST`], estimated from the words' document counts as if independent), by
///    relevance; otherwise most recently added first ([`Sort::Added`]), which the full-text
///    index yields in order and stops after the page: ranking a million matches is not an
///    answer a keyboard can wait for (docs/BENCHMARKS.md, "Search as you type").
///    [`TypeAhead::order`] says which. An explicit [`Query::sort`] other than relevance is
///    kept (date and title orders then sort every match).
///
/// Filters and the language preference hold as in `search` (each work once, in the best
/// language among its versions that match). A hit's snippet comes from its title or its
/// summary (`None` when only its longer texts match): snippets of long bodies would cost
/// more than the rest of the call. There is no total, no facets and no next page:
/// the app runs [`Catalog::search`](crate::Catalog::search) when the user submits.
///
/// The completions come from the index's word list, read into memory once (about 0.35 s at
/// 100,000 publications, docs/BENCHMARKS.md) and kept: after writes, type-ahead goes on
/// completing from the list it has while at most 1 % of the catalogue changed (its counts
/// may then be a little behind; the hits never are), and reads the list again beyond.
///
/// ```
/// use pubcat::query::{Query, Sort};
/// let catalog = pubcat::Catalog::demo()?;
/// let typed = catalog.type_ahead(&Query::text("cob"))?;
/// assert_eq!(typed.completions[0].word, "cobalt");
/// assert_eq!(typed.hits[0].uid, "ipis-dd-cobalt-3t-comparative-analysis");
/// assert_eq!(typed.order, Sort::Relevance);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TypeAhead {
    /// Completions of the word being typed, most frequent first; empty when the text ends
    /// in a space, or its last word is a phrase, an exclusion or a prefix (`cob*`).
    pub completions: Vec<Completion>,
    /// The first hits (at most the query's `limit`, default 20).
    pub hits: Vec<Hit>,
    /// How the hits are ordered: [`Sort::Relevance`] when the matches were few enough to
    /// rank, else [`Sort::Added`] (or the query's own non-relevance sort; [`Sort::DateDesc`]
    /// without any text).
    pub order: Sort,
}

/// One completion of the word being typed.
///
/// ```
/// let catalog = pubcat::Catalog::demo()?;
/// let typed = catalog.type_ahead(&pubcat::query::Query::text("gol"))?;
/// let gold = &typed.completions[0];
/// assert_eq!(gold.word, "gold");
/// assert!(gold.publications >= 1);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Completion {
    /// The word, as the index folds it (lower case, without accents).
    pub word: String,
    /// How many publications contain it.
    pub publications: i64,
}

/// The text split into what was typed before and the word being typed.
#[derive(Debug, PartialEq)]
struct Typed<'a> {
    /// Everything before the word being typed (the whole text when there is none).
    head: &'a str,
    /// The folded tokens of the word being typed before its last one (`sud` in `Sud-Ki`).
    leading: Vec<String>,
    /// The folded last token, the prefix to complete.
    prefix: Option<String>,
}

/// Splits `text` at its last word, when that word is being typed: the text does not end in
/// whitespace, and the word is plain (not a phrase, an exclusion, a prefix or `OR`).
fn split_typed(text: &str) -> Typed<'_> {
    let whole = Typed {
        head: text,
        leading: Vec::new(),
        prefix: None,
    };
    if text.is_empty() || text.ends_with(char::is_whitespace) {
        return whole;
    }
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &text[start..];
    if word.starts_with('-') || word.contains(['"', '*']) || word == "OR" {
        return whole;
    }
    let mut tokens: Vec<String> = fold::tokens(word).into_iter().map(|(f, _)| f).collect();
    let Some(prefix) = tokens.pop() else {
        return whole;
    };
    Typed {
        head: &text[..start],
        leading: tokens,
        prefix: Some(prefix),
    }
}

/// The [`COMPLETIONS`] most frequent index words that start with `prefix`, function words
/// (`the`, `sur`, `kwa`: they find nearly every publication) left out; after `leading` tokens
/// (`Sud-Ki`), those that complete a concept label (`sud kivu`) come first.
fn complete(
    words: &IndexWords,
    prefix: &str,
    leading: &[String],
    is_label: &dyn Fn(&str) -> bool,
) -> Vec<Completion> {
    let label_rank = |word: &str| -> u8 {
        if leading.is_empty() {
            return 0;
        }
        let key = format!("{} {word}", leading.join(" "));
        u8::from(!is_label(&key))
    };
    let mut found: Vec<(u8, &(String, u32))> = words
        .with_prefix(prefix)
        .iter()
        .filter(|(word, _)| !is_stopword(word))
        .map(|entry| (label_rank(&entry.0), entry))
        .collect();
    found.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| b.1 .1.cmp(&a.1 .1))
            .then_with(|| a.1 .0.cmp(&b.1 .0))
    });
    found
        .into_iter()
        .take(COMPLETIONS)
        .map(|(_, (word, docs))| Completion {
            word: word.clone(),
            publications: i64::from(*docs),
        })
        .collect()
}

/// The share of the catalogue that contains a term of the search syntax, from the index
/// word counts (an upper bound for a phrase; 1 for a prefix, which is not estimated).
fn term_share(words: &IndexWords, term: &syntax::Term, size: f64) -> f64 {
    if term.is_prefix() {
        return 1.0;
    }
    let docs = term
        .tokens()
        .iter()
        .map(|t| f64::from(words.documents(t)))
        .fold(f64::INFINITY, f64::min);
    if docs.is_finite() {
        (docs / size).min(1.0)
    } else {
        1.0
    }
}

/// Estimated matches of `head` AND one of `alternatives` when a word is being typed (shares
/// of each group multiplied, as if independent; each OR group's share the sum of its
/// terms', at most 1).
fn estimate(words: &IndexWords, head: &str, alternatives: Option<&[Completion]>, size: f64) -> f64 {
    if size <= 0.0 {
        return 0.0;
    }
    let last: f64 = alternatives.map_or(1.0, |alternatives| {
        alternatives
            .iter()
            .map(|c| c.publications as f64 / size)
            .sum::<f64>()
            .min(1.0)
    });
    let expr = syntax::parse(head);
    let heads: f64 = expr
        .groups()
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|t| term_share(words, t, size))
                .sum::<f64>()
                .min(1.0)
        })
        .product();
    size * last * heads
}

/// A type-ahead query, resolved: what to search and in which order.
struct Prepared {
    completions: Vec<Completion>,
    resolved: Resolved,
    order: Sort,
    limit: u32,
    /// Estimated matches, and the catalogue's size.
    estimated: f64,
    size: f64,
    /// Whether no publication can match (a word being typed that no index word completes).
    nothing: bool,
}

/// Validates `query`, completes the word being typed and resolves the text to search.
fn prepare(conn: &Connection, query: &Query, lexicons: &LexiconCache) -> Result<Prepared> {
    if query.cursor.is_some() {
        return Err(Error::InvalidQuery(
            "cursor: type-ahead returns one page; page through `search` instead".into(),
        ));
    }
    if !query.facets.is_empty() {
        return Err(Error::InvalidQuery(
            "facets: type-ahead counts no facets; ask `search` for them".into(),
        ));
    }
    let text = crate::model::nfc(query.text.as_deref().unwrap_or(""));
    let typed = split_typed(&text);
    let lexicon = lexicons.get(conn)?;
    let (words, current) = lexicons.recent_words(conn, &lexicon)?;
    let size = lexicon.publications as f64;
    let is_label = |key: &str| names_concept(&lexicon, key);
    let completions = match &typed.prefix {
        None => Vec::new(),
        Some(prefix) => {
            let mut completions = complete(&words, prefix, &typed.leading, &is_label);
            if !current && completions.len() < COMPLETIONS {
                // A list from before the last writes may lack the prefix's new words (a
                // publication just added): the index has them, and few words start with a
                // prefix that completes to so few.
                let live = IndexWords::from_words(Words::Index(conn).with_prefix(prefix)?);
                completions = complete(&live, prefix, &typed.leading, &is_label);
            }
            completions
        }
    };
    // The words before the one being typed, resolved as `search` resolves text.
    let mut head = query.clone();
    head.text = Some(typed.head.to_owned());
    let (mut resolved, _, limit) = resolve(conn, &head, lexicons)?;
    if typed.prefix.is_some() {
        let group = completed_group(conn, &lexicon, &typed.leading, &completions)?;
        resolved.concepts.extend(group.concepts);
        let both = |head: Option<String>, group: Option<String>| match (head, group) {
            (Some(head), Some(group)) => Some(format!("({head}) AND ({group})")),
            (None, group) => group,
            (head, None) => head,
        };
        let highlight = both(resolved.highlighted().map(str::to_owned), group.highlight);
        resolved.fts = both(resolved.fts.take(), group.fts);
        resolved.fts_highlight = highlight.filter(|h| Some(h) != resolved.fts.as_ref());
    }
    let last = typed.prefix.as_ref().map(|_| completions.as_slice());
    let estimated = estimate(&words, typed.head, last, size);
    let order = match query.sort {
        Some(sort) if sort != Sort::Relevance => sort,
        _ if resolved.fts.is_none() => Sort::DateDesc,
        _ if estimated <= rank_at_most() => Sort::Relevance,
        _ => Sort::Added,
    };
    Ok(Prepared {
        nothing: typed.prefix.is_some() && completions.is_empty(),
        completions,
        resolved,
        order,
        limit,
        estimated,
        size,
    })
}

/// The FTS5 expression type-ahead matches for `query` (for the benchmark's baseline).
#[cfg(feature = "test-hooks")]
pub(crate) fn expression_in(
    conn: &Connection,
    query: &Query,
    lexicons: &LexiconCache,
) -> Result<Option<String>> {
    Ok(prepare(conn, query, lexicons)?.resolved.fts)
}

/// Runs type-ahead on `conn`.
pub(crate) fn type_ahead_in(
    conn: &Connection,
    query: &Query,
    lexicons: &LexiconCache,
) -> Result<TypeAhead> {
    let Prepared {
        completions,
        resolved,
        order,
        limit,
        estimated,
        size,
        nothing,
    } = prepare(conn, query, lexicons)?;
    if limit == 0 || nothing {
        return Ok(TypeAhead {
            completions,
            hits: Vec::new(),
            order,
        });
    }
    let rows = if resolved.prefer.is_empty() || order == Sort::Relevance {
        let plan = plan(&resolved, order, estimated, size, limit);
        let b = sql::page(&resolved, order, None, limit, plan);
        read_rows(conn, &b, order)?
    } else {
        works_in_order(conn, &resolved, order, limit, estimated, size)?
    };
    // The page's details without FTS5 snippets (they would match the expression again for
    // every row), then snippets highlighted here from the title or the summary.
    let mut hits = hits::hits(conn, None, false, &rows)?;
    for (hit, (_, score)) in hits.iter_mut().zip(&rows) {
        hit.score = *score;
    }
    if let Some(expr) = resolved.highlighted() {
        snippets(conn, expr, &rows, &mut hits)?;
    }
    why::annotate(conn, &resolved.concepts, &mut hits, &resolved.prefer)?;
    Ok(TypeAhead {
        completions,
        hits,
        order,
    })
}

/// Sets each hit's snippet: its title with the matched words marked, else a passage of its
/// summary, else none (see [`super::highlight`]).
fn snippets(conn: &Connection, expr: &str, rows: &[(i64, f64)], hits: &mut [Hit]) -> Result<()> {
    let words = highlight::words_of_expression(expr);
    let mut stmt = conn.prepare_cached("SELECT summary FROM publication WHERE id = ?1")?;
    for (hit, (id, _)) in hits.iter_mut().zip(rows) {
        hit.snippet = match highlight::highlight(&hit.title, &words, None) {
            Some(title) => Some(title),
            None => {
                let summary: Option<String> = stmt.query_row([id], |row| row.get(0))?;
                summary.and_then(|s| highlight::highlight(&s, &words, Some(hits::SNIPPET_TOKENS)))
            }
        };
    }
    Ok(())
}

/// Whether the folded `key` is a label of a concept that is not only an ambiguous label
/// (French `or` is a word before it is gold).
fn names_concept(lexicon: &Lexicon, key: &str) -> bool {
    lexicon
        .concepts_named(key)
        .iter()
        .any(|(_, ambiguous)| !ambiguous)
}

/// The FTS5 alternatives for the completions: each completed word (after the `leading`
/// tokens, as a phrase) as written, except those that are a concept's label, which expand to
/// the concept's other labels as in `search` (`sud-kivu` also finds `South Kivu`). The
/// completions are not expanded to their inflections: they already are the index words with
/// the prefix, and a short expression keeps each probe of the index cheap.
fn completed_group(
    conn: &Connection,
    lexicon: &Lexicon,
    leading: &[String],
    completions: &[Completion],
) -> Result<CompletedGroup> {
    let mut parts = Vec::with_capacity(completions.len());
    let mut highlights = Vec::with_capacity(completions.len());
    let mut concepts = Vec::new();
    for completion in completions {
        let mut tokens: Vec<&str> = leading.iter().map(String::as_str).collect();
        tokens.push(&completion.word);
        let key = tokens.join(" ");
        if names_concept(lexicon, &key) {
            let expanded = expand(&syntax::parse(&tokens.join("-")), conn, lexicon, false)?;
            if let Some(fts) = expanded.fts {
                let highlight = expanded.fts_highlight.unwrap_or_else(|| fts.clone());
                parts.push(format!("({fts})"));
                highlights.push(format!("({highlight})"));
                concepts.extend(expanded.concepts);
                continue;
            }
        }
        // Folded index words hold only letters and digits: nothing to escape.
        parts.push(format!("\"{key}\""));
        highlights.push(format!("\"{key}\""));
    }
    let any = |parts: Vec<String>| (!parts.is_empty()).then(|| parts.join(" OR "));
    Ok(CompletedGroup {
        fts: any(parts),
        highlight: any(highlights),
        concepts,
    })
}

/// The alternatives for the word being typed ([`completed_group`]).
struct CompletedGroup {
    /// What to match.
    fts: Option<String>,
    /// What snippets highlight (concept labels instead of their tokens).
    highlight: Option<String>,
    /// The concepts the completions name.
    concepts: Vec<QueryConcept>,
}

/// Walk the sort index when the expected probes for the page cost less than sorting the
/// estimated matches.
fn plan(r: &Resolved, sort: Sort, estimated: f64, size: f64, limit: u32) -> Plan {
    if !sql::walkable(r, sort) || estimated <= 0.0 {
        return Plan::Sort;
    }
    let probes = (f64::from(limit) + 1.0) * size / estimated;
    if probes * PROBE_COST < estimated {
        Plan::Walk
    } else {
        Plan::Sort
    }
}

/// The `(id, score)` rows of a page query.
fn read_rows(conn: &Connection, b: &sql::SqlBuilder, order: Sort) -> Result<Vec<(i64, f64)>> {
    let mut stmt = conn.prepare_cached(&b.sql)?;
    let rows = stmt.query_map(params_from_iter(b.params.iter()), |row| {
        let id: i64 = row.get(0)?;
        let score = match (order, row.get_ref(1)?) {
            (Sort::Relevance, rusqlite::types::ValueRef::Real(s)) => s,
            _ => 0.0,
        };
        Ok((id, score))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Hits for a language preference in a non-relevance order: reads the matching
/// publications in `order` (without the preference, so the read can stop early),
/// keeps the first `limit` works, and shows each in the best language among its versions
/// that match.
fn works_in_order(
    conn: &Connection,
    r: &Resolved,
    order: Sort,
    limit: u32,
    estimated: f64,
    size: f64,
) -> Result<Vec<(i64, f64)>> {
    let plain = Resolved {
        prefer: Vec::new(),
        ..r.clone()
    };
    let plan = plan(&plain, order, estimated, size, limit);
    let batch = limit.saturating_mul(2).max(20);
    let mut works: Vec<i64> = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let b = sql::page(&plain, order, after.as_ref(), batch, plan);
        let mut stmt = conn.prepare_cached(&b.sql)?;
        let rows: Vec<(i64, Key)> = stmt
            .query_map(params_from_iter(b.params.iter()), |row| {
                Ok((row.get(0)?, key_of(row.get_ref(1)?)))
            })?
            .collect::<std::result::Result<_, _>>()?;
        for (id, _) in &rows {
            let work: i64 = conn
                .prepare_cached("SELECT work_id FROM publication WHERE id = ?1")?
                .query_row([id], |row| row.get(0))?;
            if !works.contains(&work) {
                works.push(work);
                if works.len() == limit as usize {
                    break;
                }
            }
        }
        let full = rows.len() == batch as usize;
        match rows.into_iter().last() {
            Some((id, key)) if full && works.len() < limit as usize => {
                after = Some(Cursor {
                    sort: order.as_str().to_owned(),
                    query: String::new(),
                    key,
                    id,
                    snapshot: None,
                });
            }
            _ => break,
        }
    }
    works
        .into_iter()
        .map(|work| best_version(conn, r, work).map(|id| (id, 0.0)))
        .collect()
}

/// The version of `work` to show: among those that match the text and the filters, the
/// first in the preference chain (exact tag, then primary subtag), else the original, else
/// any, as [`sql::with_matched`] chooses.
fn best_version(conn: &Connection, r: &Resolved, work: i64) -> Result<i64> {
    let mut b = sql::SqlBuilder::default();
    b.push("SELECT p.id, p.language, p.is_original FROM publication p WHERE p.work_id = ");
    b.bind(Value::Integer(work));
    if let Some(expr) = &r.fts {
        b.push(" AND p.id IN (SELECT rowid FROM publication_fts WHERE publication_fts MATCH ");
        b.bind(Value::Text(expr.clone()));
        b.push(" AND rowid = p.id)");
    }
    sql::push_filters(&mut b, r);
    let mut stmt = conn.prepare_cached(&b.sql)?;
    let versions: Vec<(i64, String, bool)> = stmt
        .query_map(params_from_iter(b.params.iter()), |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<std::result::Result<_, _>>()?;
    let rank = |language: &str, original: bool| {
        let exact = r.prefer.iter().position(|t| t == language).map(|i| i * 2);
        let primary = r.prefer.iter().position(|t| {
            crate::model::language::primary_subtag(t)
                == crate::model::language::primary_subtag(language)
        });
        exact
            .or(primary.map(|i| i * 2 + 1))
            .unwrap_or(if original { 1000 } else { 2000 })
    };
    versions
        .into_iter()
        .min_by(|a, b| {
            rank(&a.1, a.2)
                .cmp(&rank(&b.1, b.2))
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| a.0.cmp(&b.0))
        })
        .map(|(id, _, _)| id)
        .ok_or_else(|| Error::Corrupt(format!("work {work} has no matching version")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_being_typed_unless_a_space_follows() {
        let t = split_typed("cobalt mi");
        assert_eq!(t.head, "cobalt ");
        assert_eq!(t.prefix.as_deref(), Some("mi"));
        assert!(t.leading.is_empty());
        assert_eq!(split_typed("cobalt mi ").prefix, None);
        assert_eq!(split_typed("").prefix, None);
    }

    #[test]
    fn a_hyphenated_word_completes_its_last_token() {
        let t = split_typed("Sud-Ki");
        assert_eq!(t.head, "");
        assert_eq!(t.leading, ["sud"]);
        assert_eq!(t.prefix.as_deref(), Some("ki"));
        assert_eq!(split_typed("École").prefix.as_deref(), Some("ecole"));
    }

    #[test]
    fn phrases_exclusions_prefixes_and_or_are_not_completed() {
        for text in [
            "gold \"rush",
            "gold -cob",
            "gold cob*",
            "gold OR",
            "gold ...",
        ] {
            assert_eq!(split_typed(text).prefix, None, "{text}");
        }
    }

    #[test]
    fn completions_are_the_most_frequent_words_with_the_prefix() {
        let words = IndexWords::from_words(
            [
                ("mining", 50),
                ("minerals", 70),
                ("mai", 5),
                ("ma", 1),
                ("gold", 9),
            ]
            .into_iter()
            .map(|(w, d)| (w.to_owned(), d))
            .collect(),
        );
        let none = |_: &str| false;
        let got: Vec<String> = complete(&words, "mi", &[], &none)
            .into_iter()
            .map(|c| c.word)
            .collect();
        assert_eq!(got, ["minerals", "mining"]);
        let label = |key: &str| key == "artisanal mining";
        let got: Vec<String> = complete(&words, "mi", &["artisanal".into()], &label)
            .into_iter()
            .map(|c| c.word)
            .collect();
        assert_eq!(got, ["mining", "minerals"]);
        let got: Vec<(String, i64)> = complete(&words, "ma", &[], &none)
            .into_iter()
            .map(|c| (c.word, c.publications))
            .collect();
        assert_eq!(got, [("mai".to_owned(), 5), ("ma".to_owned(), 1)]);
        assert!(complete(&words, "zz", &[], &none).is_empty());
        assert!(
            complete(&words, "th", &[], &none).is_empty(),
            "function words"
        );
    }

    #[test]
    fn estimates_multiply_shares_of_groups() {
        let words = IndexWords::from_words(vec![("cobalt".into(), 100), ("gold".into(), 500)]);
        let completions = [Completion {
            word: "mining".into(),
            publications: 200,
        }];
        let e = estimate(&words, "cobalt ", Some(&completions), 1000.0);
        assert!((e - 20.0).abs() < 1e-9, "{e}");
        let e = estimate(&words, "cobalt OR gold ", Some(&completions), 1000.0);
        assert!((e - 120.0).abs() < 1e-9, "{e}");
        let e = estimate(&words, "gold", None, 1000.0);
        assert!((e - 500.0).abs() < 1e-9, "{e}");
    }
}
