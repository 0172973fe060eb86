//! Turns a validated, resolved query into SQL.
//!
//! Every search is built from one common table expression, `s`: the matched publications
//! (after language collapse, one per work) with the columns `id, work_id, language, kind,
//! date_lower, title, series_id, score`. The page, the total and each facet are queries over
//! `s`. All user values are bound parameters; the only text spliced into SQL is pubcat's own.

use rusqlite::types::Value;

use super::cursor::{Cursor, Key};
use super::{Facet, Sort};

/// A query whose values were validated and whose uids were resolved to row ids.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// The FTS5 expression to match (already made safe by [`super::syntax`]).
    pub fts: Option<String>,
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
}

/// Builds SQL text and its parameters together.
#[derive(Debug, Default)]
pub struct SqlBuilder {
    /// The SQL text.
    pub sql: String,
    /// Positional parameters, in order.
    pub params: Vec<Value>,
}

impl SqlBuilder {
    fn push(&mut self, text: &str) {
        self.sql.push_str(text);
    }

    fn bind(&mut self, value: Value) {
        self.params.push(value);
        self.sql.push_str(&format!("?{}", self.params.len()));
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

/// `WITH m AS (...), s AS (...)`: the matched set.
pub fn with_matched(r: &Resolved) -> SqlBuilder {
    let mut b = SqlBuilder::default();
    b.push("WITH m AS (SELECT p.id, p.work_id, p.language, p.kind, p.date_lower, p.title, p.series_id, ");
    b.push(if r.fts.is_some() {
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
    match &r.fts {
        Some(expr) => {
            b.push(" FROM publication_fts f JOIN publication p ON p.id = f.rowid WHERE publication_fts MATCH ");
            b.bind(Value::Text(expr.clone()));
        }
        None => b.push(" FROM publication p WHERE 1"),
    }
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

/// The sort key expression of `sort` over `s`.
pub fn key_expr(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "score",
        Sort::DateDesc | Sort::DateAsc => "date_lower",
        Sort::Title => "title",
    }
}

/// Appends the page query: hits strictly after `after`, in `sort` order, `limit` rows.
pub fn page(mut b: SqlBuilder, sort: Sort, after: Option<&Cursor>, limit: u32) -> SqlBuilder {
    b.push(" SELECT id, score, ");
    b.push(key_expr(sort));
    b.push(" FROM s WHERE 1");
    if let Some(c) = after {
        let id = Value::Integer(c.i);
        match (sort, &c.k) {
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
            _ => b.push(" AND 0"),
        }
    }
    b.push(match sort {
        Sort::Relevance => " ORDER BY score DESC, id ASC",
        Sort::DateDesc => " ORDER BY date_lower DESC, id DESC",
        Sort::DateAsc => " ORDER BY date_lower IS NULL, date_lower ASC, id ASC",
        Sort::Title => " ORDER BY title COLLATE NOCASE ASC, id ASC",
    });
    b.push(" LIMIT ");
    b.bind(Value::Integer(i64::from(limit)));
    b
}

/// Appends the total count.
pub fn total(mut b: SqlBuilder) -> SqlBuilder {
    b.push(" SELECT count(*) FROM s");
    b
}

/// Appends the counting query of one facet: rows of `(value, label, count)`.
pub fn facet(mut b: SqlBuilder, facet: Facet, label_language: &str) -> SqlBuilder {
    let scheme = match facet {
        Facet::Language => {
            b.push(" SELECT language, language, count(*) AS n FROM s GROUP BY 1");
            None
        }
        Facet::Kind => {
            b.push(" SELECT kind, kind, count(*) AS n FROM s GROUP BY 1");
            None
        }
        Facet::Year => {
            b.push(" SELECT substr(date_lower, 1, 4), substr(date_lower, 1, 4), count(*) AS n FROM s WHERE date_lower IS NOT NULL GROUP BY 1");
            None
        }
        Facet::Project => {
            b.push(
                " SELECT x.uid, x.name, count(*) AS n FROM s JOIN project_publication l ON l.publication_id = s.id \
                 JOIN project x ON x.id = l.project_id GROUP BY x.id",
            );
            None
        }
        Facet::Series => {
            b.push(" SELECT x.uid, x.name, count(*) AS n FROM s JOIN series x ON x.id = s.series_id GROUP BY x.id");
            None
        }
        Facet::Agent => {
            b.push(
                " SELECT a.uid, a.name, count(DISTINCT s.id) AS n FROM s JOIN contribution c ON c.publication_id = s.id \
                 JOIN agent a ON a.id = c.agent_id GROUP BY a.id",
            );
            None
        }
        Facet::Mineral => Some("mineral"),
        Facet::Place => Some("place"),
        Facet::Actor => Some("actor"),
        Facet::Theme => Some("theme"),
    };
    if let Some(scheme) = scheme {
        b.push(
            " SELECT k.uid, (SELECT label FROM concept_label WHERE concept_id = k.id AND preferred = 1 \
             ORDER BY CASE language WHEN ",
        );
        b.bind(Value::Text(label_language.to_owned()));
        b.push(
            " THEN 0 WHEN 'en' THEN 1 ELSE 2 END, language LIMIT 1), count(*) AS n FROM s \
             JOIN publication_concept pc ON pc.publication_id = s.id JOIN concept k ON k.id = pc.concept_id \
             WHERE k.scheme = ",
        );
        b.bind(Value::Text(scheme.to_owned()));
        b.push(" GROUP BY k.id");
    }
    b.push(&format!(
        " ORDER BY n DESC, 1 LIMIT {}",
        super::MAX_FACET_VALUES
    ));
    b
}
