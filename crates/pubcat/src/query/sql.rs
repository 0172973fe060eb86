//! Turns a validated, resolved query into SQL.
//!
//! - The matched set: [`with_matched`] builds `m` (the publications passing the text and
//!   the filters, with `id, work_id, language, kind, date_lower, title, series_id, score`)
//!   and `s` (the same after language collapse, one row per work).
//! - [`total`] counts in the cheapest form that gives the same number: the FTS index alone
//!   when no filter needs the publication row, `count(DISTINCT work_id)` for collapsed works.
//! - [`page`] returns `(id, score, sort key)` rows: for relevance, one ranked pass (also used
//!   for the ranking snapshot, see [`super::snapshot`]); for the other orders either the
//!   matched set sorted, or, when the text matches a large share of the catalogue, a walk
//!   along the sort index that probes the full-text index row by row ([`Plan::Walk`]) and
//!   stops after the page.
//! - Facets and the total together: [`super::facets`].
//!
//! All user values are bound parameters; the only text spliced into SQL is pubcat's own.

use rusqlite::types::Value;

use super::cursor::{Cursor, Key};
use super::Sort;

/// A query whose values were validated and whose uids were resolved to row ids.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// The FTS5 expression to match (already made safe by [`super::syntax`]).
    pub fts: Option<String>,
    /// The expression snippets highlight, when it is not `fts` (concept labels where `fts`
    /// has their tokens, [`super::expand::Expanded::fts_highlight`]).
    pub fts_highlight: Option<String>,
    /// An FTS5 expression of excluded terms, when the text had only exclusions.
    pub fts_exclude_only: Option<String>,
    /// Normalised language tags.
    pub languages: Vec<String>,
    /// Kind codes.
    pub kinds: Vec<String>,
    /// Project row ids.
    pub projects: Vec<i64>,
    /// Agent row ids.
    pub agents: Vec<i64>,
    /// Role codes restricting `agents`.
    pub agent_roles: Vec<String>,
    /// Series row ids.
    pub series: Vec<i64>,
    /// Concept row ids grouped by scheme.
    pub concept_groups: Vec<Vec<i64>>,
    /// Lower bound (ISO date) of the date range.
    pub date_from: Option<String>,
    /// Upper bound (ISO date) of the date range.
    pub date_to: Option<String>,
    /// RFC 4647 lookup chain, when collapsing works.
    pub prefer: Vec<String>,
    /// The concepts the search text names (for [`super::Hit::matched_concepts`]).
    pub concepts: Vec<super::expand::QueryConcept>,
    /// Close words for the search words that found little.
    pub suggestions: Vec<String>,
}

impl Resolved {
    /// The expression snippets highlight: [`Resolved::fts_highlight`], else `fts`.
    pub(crate) fn highlighted(&self) -> Option<&str> {
        self.fts_highlight.as_deref().or(self.fts.as_deref())
    }

    /// Whether any filter (other than the search text) restricts the matched set.
    pub fn has_filters(&self) -> bool {
        self.fts_exclude_only.is_some()
            || !self.languages.is_empty()
            || !self.kinds.is_empty()
            || !self.projects.is_empty()
            || !self.agents.is_empty()
            || !self.agent_roles.is_empty()
            || !self.series.is_empty()
            || !self.concept_groups.is_empty()
            || self.date_from.is_some()
            || self.date_to.is_some()
    }
}

/// Builds SQL text and its parameters together.
#[derive(Debug, Default, Clone)]
pub struct SqlBuilder {
    /// The SQL text.
    pub sql: String,
    /// Positional parameters, in order.
    pub params: Vec<Value>,
}

impl SqlBuilder {
    /// Appends SQL text.
    pub(crate) fn push(&mut self, text: &str) {
        self.sql.push_str(text);
    }

    /// Appends a parameter placeholder bound to `value`.
    pub(crate) fn bind(&mut self, value: Value) {
        self.params.push(value);
        self.sql.push('?');
        self.sql.push_str(&self.params.len().to_string());
    }

    fn bind_list<T: Clone + Into<Value>>(&mut self, values: &[T]) {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(v.clone().into());
        }
    }
}

/// Appends ` AND ...` for every filter of `r`, on the publication `p`.
pub(crate) fn push_filters(b: &mut SqlBuilder, r: &Resolved) {
    if let Some(expr) = &r.fts_exclude_only {
        b.push(" AND p.id NOT IN (SELECT rowid FROM publication_fts WHERE publication_fts MATCH ");
        b.bind(Value::Text(expr.clone()));
        b.push(")");
    }
    if !r.languages.is_empty() {
        b.push(" AND (");
        for (i, tag) in r.languages.iter().enumerate() {
            if i > 0 {
                b.push(" OR ");
            }
            b.push("p.language = ");
            b.bind(Value::Text(tag.clone()));
            b.push(" OR p.language LIKE ");
            b.bind(Value::Text(format!("{}-%", tag.replace(['%', '_'], ""))));
        }
        b.push(")");
    }
    if !r.kinds.is_empty() {
        b.push(" AND p.kind IN (");
        b.bind_list(&r.kinds);
        b.push(")");
    }
    if !r.projects.is_empty() {
        b.push(
            " AND p.id IN (SELECT publication_id FROM project_publication WHERE project_id IN (",
        );
        b.bind_list(&r.projects);
        b.push("))");
    }
    if !r.agents.is_empty() {
        b.push(" AND p.id IN (SELECT publication_id FROM contribution WHERE agent_id IN (");
        b.bind_list(&r.agents);
        b.push(")");
        if !r.agent_roles.is_empty() {
            b.push(" AND role IN (");
            b.bind_list(&r.agent_roles);
            b.push(")");
        }
        b.push(")");
    } else if !r.agent_roles.is_empty() {
        // Roles alone: publications with any contributor in one of these roles
        // ("translated publications": `agent_roles: [translator]`).
        b.push(" AND p.id IN (SELECT publication_id FROM contribution WHERE role IN (");
        b.bind_list(&r.agent_roles);
        b.push("))");
    }
    if !r.series.is_empty() {
        b.push(" AND p.series_id IN (");
        b.bind_list(&r.series);
        b.push(")");
    }
    for group in &r.concept_groups {
        b.push(
            " AND p.id IN (SELECT pc.publication_id FROM publication_concept pc WHERE pc.concept_id IN \
             (WITH RECURSIVE d(id) AS (SELECT id FROM concept WHERE id IN (",
        );
        b.bind_list(group);
        b.push(
            ") UNION SELECT c.id FROM concept c JOIN d ON c.broader_id = d.id) SELECT id FROM d))",
        );
    }
    if let Some(from) = &r.date_from {
        b.push(" AND p.date_upper >= ");
        b.bind(Value::Text(from.clone()));
    }
    if let Some(to) = &r.date_to {
        b.push(" AND p.date_lower <= ");
        b.bind(Value::Text(to.clone()));
    }
}

/// Appends ` FROM ... WHERE ...` selecting the matched publications as `p` (and `f`).
fn push_from_where(b: &mut SqlBuilder, r: &Resolved) {
    match &r.fts {
        Some(expr) => {
            b.push(" FROM publication_fts f JOIN publication p ON p.id = f.rowid WHERE publication_fts MATCH ");
            b.bind(Value::Text(expr.clone()));
        }
        None => b.push(" FROM publication p WHERE 1"),
    }
    push_filters(b, r);
}

/// `WITH m AS (...), s AS (...)`: the matched set, with the relevance score when `score`
/// (computing bm25 is the expensive part of a text search: only the ranked page needs it).
/// `materialized` computes `m` once per statement (for the facets, which read it many
/// times).
pub fn with_matched(r: &Resolved, score: bool, materialized: bool) -> SqlBuilder {
    let mut b = SqlBuilder::default();
    b.push(if materialized {
        "WITH m AS MATERIALIZED ("
    } else {
        "WITH m AS ("
    });
    b.push("SELECT p.id, p.work_id, p.language, p.kind, p.date_lower, p.title, p.series_id, ");
    b.push(if score && r.fts.is_some() {
        "-f.rank AS score"
    } else {
        "0.0 AS score"
    });
    if !r.prefer.is_empty() {
        b.push(", CASE");
        for (i, tag) in r.prefer.iter().enumerate() {
            b.push(" WHEN p.language = ");
            b.bind(Value::Text(tag.clone()));
            b.push(&format!(" THEN {}", i * 2));
        }
        for (i, tag) in r.prefer.iter().enumerate() {
            b.push(" WHEN substr(p.language, 1, instr(p.language || '-', '-') - 1) = ");
            b.bind(Value::Text(
                crate::model::language::primary_subtag(tag).to_owned(),
            ));
            b.push(&format!(" THEN {}", i * 2 + 1));
        }
        b.push(" WHEN p.is_original THEN 1000 ELSE 2000 END AS lang_rank");
    }
    push_from_where(&mut b, r);
    b.push(")");
    if r.prefer.is_empty() {
        b.push(", s AS (SELECT id, work_id, language, kind, date_lower, title, series_id, score FROM m)");
    } else {
        b.push(
            ", s AS (SELECT id, work_id, language, kind, date_lower, title, series_id, best AS score FROM \
             (SELECT m.*, row_number() OVER (PARTITION BY work_id ORDER BY lang_rank, language, id) AS rn, \
              max(score) OVER (PARTITION BY work_id) AS best FROM m) WHERE rn = 1)",
        );
    }
    b
}

/// The number of matches (works, with a language preference), in its cheapest form.
pub fn total(r: &Resolved) -> SqlBuilder {
    let mut b = SqlBuilder::default();
    if !r.prefer.is_empty() {
        b.push("SELECT count(DISTINCT p.work_id)");
        push_from_where(&mut b, r);
    } else if r.has_filters() {
        b.push("SELECT count(*)");
        push_from_where(&mut b, r);
    } else if let Some(expr) = &r.fts {
        b.push("SELECT count(*) FROM publication_fts WHERE publication_fts MATCH ");
        b.bind(Value::Text(expr.clone()));
    } else {
        b.push("SELECT count(*) FROM publication");
    }
    b
}

/// The sort key expression of `sort`.
pub fn key_expr(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "score",
        Sort::DateDesc | Sort::DateAsc => "date_lower",
        Sort::Title => "title",
        Sort::Added => "id",
    }
}

/// How the page query finds its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Compute the matched set, then sort it (ranked by bm25 for relevance).
    Sort,
    /// Walk the sort order's index and keep the rows the text matches (probing the FTS
    /// index for each), stopping after the page: for text matching a large share of the
    /// catalogue, sorted by date or title.
    Walk,
}

/// Whether `sort` can walk an index in its order (date ascending sorts undated rows last,
/// which no index gives).
pub fn walkable(r: &Resolved, sort: Sort) -> bool {
    r.fts.is_some() && r.prefer.is_empty() && matches!(sort, Sort::DateDesc | Sort::Title)
}

/// Appends the keyset condition "strictly after `after`" in `sort` order.
fn push_keyset(b: &mut SqlBuilder, sort: Sort, after: &Cursor) {
    let id = Value::Integer(after.id);
    match (sort, &after.key) {
        (Sort::Relevance, Key::Score(k)) => {
            b.push(" AND (score < ");
            b.bind(Value::Real(*k));
            b.push(" OR (score = ");
            b.bind(Value::Real(*k));
            b.push(" AND id > ");
            b.bind(id);
            b.push("))");
        }
        (Sort::DateDesc, Key::Text(k)) => {
            b.push(" AND (date_lower < ");
            b.bind(Value::Text(k.clone()));
            b.push(" OR (date_lower = ");
            b.bind(Value::Text(k.clone()));
            b.push(" AND id < ");
            b.bind(id);
            b.push(") OR date_lower IS NULL)");
        }
        (Sort::DateDesc, Key::Null) => {
            b.push(" AND date_lower IS NULL AND id < ");
            b.bind(id);
        }
        (Sort::DateAsc, Key::Text(k)) => {
            b.push(" AND (date_lower > ");
            b.bind(Value::Text(k.clone()));
            b.push(" OR (date_lower = ");
            b.bind(Value::Text(k.clone()));
            b.push(" AND id > ");
            b.bind(id);
            b.push(") OR date_lower IS NULL)");
        }
        (Sort::DateAsc, Key::Null) => {
            b.push(" AND date_lower IS NULL AND id > ");
            b.bind(id);
        }
        (Sort::Title, Key::Text(k)) => {
            b.push(" AND (title COLLATE NOCASE > ");
            b.bind(Value::Text(k.clone()));
            b.push(" OR (title COLLATE NOCASE = ");
            b.bind(Value::Text(k.clone()));
            b.push(" AND id > ");
            b.bind(id);
            b.push("))");
        }
        (Sort::Added, _) => {
            b.push(" AND id < ");
            b.bind(id);
        }
        _ => b.push(" AND 0"),
    }
}

fn push_order_limit(b: &mut SqlBuilder, sort: Sort, limit: u32) {
    b.push(match sort {
        Sort::Relevance => " ORDER BY score DESC, id ASC",
        Sort::DateDesc => " ORDER BY date_lower DESC, id DESC",
        Sort::DateAsc => " ORDER BY date_lower IS NULL, date_lower ASC, id ASC",
        Sort::Title => " ORDER BY title COLLATE NOCASE ASC, id ASC",
        Sort::Added => " ORDER BY id DESC",
    });
    b.push(" LIMIT ");
    b.bind(Value::Integer(i64::from(limit)));
}

/// The page query: rows `(id, value)` strictly after `after`, in `sort` order, at most
/// `limit` of them. The value is the relevance score for [`Sort::Relevance`] and the sort
/// key otherwise.
pub fn page(
    r: &Resolved,
    sort: Sort,
    after: Option<&Cursor>,
    limit: u32,
    plan: Plan,
) -> SqlBuilder {
    let mut b;
    match (sort, &r.fts) {
        (Sort::Relevance, Some(expr)) if r.prefer.is_empty() => {
            // One ranked pass. `LIMIT -1` keeps the subquery from being flattened into the
            // outer query, so bm25 runs once per row even when a keyset condition and the
            // ORDER BY both read the score.
            b = SqlBuilder::default();
            b.push("SELECT id, score FROM (SELECT f.rowid AS id, -f.rank AS score FROM publication_fts f");
            if r.has_filters() {
                b.push(" JOIN publication p ON p.id = f.rowid");
            }
            b.push(" WHERE publication_fts MATCH ");
            b.bind(Value::Text(expr.clone()));
            push_filters(&mut b, r);
            b.push(" LIMIT -1) WHERE 1");
        }
        (Sort::Added, Some(expr)) if r.prefer.is_empty() => {
            // FTS5 yields its matches by descending rowid (= publication id) and the outer
            // `ORDER BY id DESC LIMIT` stops it after the page: no match set is built.
            b = SqlBuilder::default();
            b.push("SELECT id, id FROM (SELECT f.rowid AS id FROM publication_fts f");
            if r.has_filters() {
                b.push(" JOIN publication p ON p.id = f.rowid");
            }
            b.push(" WHERE publication_fts MATCH ");
            b.bind(Value::Text(expr.clone()));
            push_filters(&mut b, r);
            b.push(") WHERE 1");
        }
        (_, Some(expr)) if plan == Plan::Walk && walkable(r, sort) => {
            b = SqlBuilder::default();
            b.push("SELECT id, ");
            b.push(key_expr(sort));
            b.push(" FROM publication p WHERE 1");
            push_filters(&mut b, r);
            b.push(" AND EXISTS (SELECT 1 FROM publication_fts f WHERE publication_fts MATCH ");
            b.bind(Value::Text(expr.clone()));
            b.push(" AND f.rowid = p.id)");
        }
        _ => {
            let score = sort == Sort::Relevance;
            b = with_matched(r, score, false);
            b.push(" SELECT id, ");
            b.push(key_expr(sort));
            b.push(" FROM s WHERE 1");
        }
    }
    if let Some(after) = after {
        push_keyset(&mut b, sort, after);
    }
    push_order_limit(&mut b, sort, limit);
    b
}
