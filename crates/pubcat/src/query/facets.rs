//! Facet counts and the total in one statement.
//!
//! The matched set is computed once (`WITH m AS MATERIALIZED`) and every facet, and the
//! total, is a `GROUP BY` over it, joined by `UNION ALL`: one full-text pass whatever the
//! number of facets. When nothing restricts the set (no text, no filter, no collapse), each
//! facet is counted straight from the table or link table that holds it (mostly covering
//! index scans) and nothing is materialized.
//!
//! Every row of the statement is `(tag, value, label, count)`: tag 0 is the total, tag `i`
//! (1-based) the `i`-th requested facet.

use rusqlite::types::Value;

use super::sql::{with_matched, Resolved, SqlBuilder};
use super::{Facet, MAX_FACET_VALUES};
use crate::store::rows::PUBLICATION_YEAR_SQL;

/// The concept scheme of a concept facet.
fn scheme(facet: Facet) -> Option<&'static str> {
    match facet {
        Facet::Mineral => Some("mineral"),
        Facet::Place => Some("place"),
        Facet::Actor => Some("actor"),
        Facet::Theme => Some("theme"),
        _ => None,
    }
}

/// The label of concept `k` in `label_language` (else English, else any language).
pub(crate) fn push_concept_label(b: &mut SqlBuilder, label_language: &str) {
    b.push(
        "(SELECT label FROM concept_label WHERE concept_id = k.id AND preferred = 1 \
         ORDER BY CASE language WHEN ",
    );
    b.bind(Value::Text(label_language.to_owned()));
    b.push(" THEN 0 WHEN 'en' THEN 1 ELSE 2 END, language LIMIT 1)");
}

/// One facet over the matched rows `s` (`all`: over the whole catalogue, from the tables).
fn push_facet(b: &mut SqlBuilder, tag: usize, facet: Facet, all: bool, label_language: &str) {
    b.push(&format!(" UNION ALL SELECT * FROM (SELECT {tag}, "));
    match (facet, all) {
        (Facet::Language, false) => b.push("language, language, count(*) AS n FROM s GROUP BY 2"),
        (Facet::Language, true) => {
            b.push("language, language, count(*) AS n FROM publication GROUP BY 2")
        }
        (Facet::Kind, false) => b.push("kind, kind, count(*) AS n FROM s GROUP BY 2"),
        (Facet::Kind, true) => b.push("kind, kind, count(*) AS n FROM publication GROUP BY 2"),
        // A row's year is `PUBLICATION_YEAR_SQL` (as `PartialDate::year`): only rows whose lower
        // bound is the open-start placeholder look at their upper bound.
        (Facet::Year, false) => b.push(&format!(
            "y, y, count(*) AS n FROM (SELECT CASE WHEN date_lower = '1000-01-01' \
             THEN (SELECT {PUBLICATION_YEAR_SQL} FROM publication WHERE id = s.id) \
             ELSE substr(date_lower, 1, 4) END AS y FROM s WHERE date_lower IS NOT NULL) GROUP BY 2"
        )),
        // Over the whole catalogue: one range count on the date index per year between the
        // first and the last (a grouping by `substr` sorts every row: 4.6x slower at 1M), and
        // the rows on the open-start placeholder `1000-01-01` grouped by their own year.
        (Facet::Year, true) => b.push(&format!(
            "y, y, n FROM (WITH RECURSIVE years(v) AS ( \
               SELECT CAST(substr(min(date_lower), 1, 4) AS INTEGER) FROM publication \
                WHERE date_lower > '1000-01-01' \
               UNION ALL SELECT v + 1 FROM years \
                WHERE v < (SELECT CAST(substr(max(date_lower), 1, 4) AS INTEGER) FROM publication)), \
             counted(y, n) AS ( \
               SELECT printf('%04d', v), (SELECT count(*) FROM publication \
                WHERE date_lower >= printf('%04d', v) AND date_lower < printf('%04d', v + 1) \
                  AND date_lower > '1000-01-01') FROM years WHERE v IS NOT NULL \
               UNION ALL SELECT {PUBLICATION_YEAR_SQL}, count(*) FROM publication \
                WHERE date_lower = '1000-01-01' GROUP BY 1) \
             SELECT y, sum(n) AS n FROM counted GROUP BY y) WHERE n > 0"
        )),
        (Facet::Project, false) => b.push(
            "x.uid, x.name, count(*) AS n FROM s JOIN project_publication l ON l.publication_id = s.id \
             JOIN project x ON x.id = l.project_id GROUP BY x.id",
        ),
        // Over the whole catalogue, the link and publication tables are counted on their own
        // indexes first, and only each group is joined to its name.
        (Facet::Project, true) => b.push(
            "x.uid, x.name, g.n AS n FROM (SELECT project_id, count(*) AS n \
             FROM project_publication GROUP BY project_id) g JOIN project x ON x.id = g.project_id",
        ),
        (Facet::Series, false) => b.push(
            "x.uid, x.name, count(*) AS n FROM s JOIN series x ON x.id = s.series_id GROUP BY x.id",
        ),
        (Facet::Series, true) => b.push(
            "x.uid, x.name, g.n AS n FROM (SELECT series_id, count(*) AS n FROM publication \
             WHERE series_id IS NOT NULL GROUP BY series_id) g JOIN series x ON x.id = g.series_id",
        ),
        (Facet::Agent, false) => b.push(
            "a.uid, a.name, count(DISTINCT s.id) AS n FROM s JOIN contribution c ON c.publication_id = s.id \
             JOIN agent a ON a.id = c.agent_id GROUP BY a.id",
        ),
        // Each agent's publication count is kept by the writes (`agent_publication_count`,
        // schema version 5): only the agents whose count reaches the last place of the facet
        // (ties included) are read, through the count's index, then sorted and cut like every
        // facet (the test below checks the plan).
        (Facet::Agent, true) => b.push(&format!(
            "a.uid, a.name, g.publications AS n FROM agent_publication_count g \
             JOIN agent a ON a.id = g.agent_id \
             WHERE g.publications >= coalesce((SELECT publications FROM agent_publication_count \
             ORDER BY publications DESC LIMIT 1 OFFSET {}), 1)",
            MAX_FACET_VALUES - 1
        )),
        // Over the whole catalogue: one range count per concept of the scheme on the
        // concept-first index of the tags.
        (concept, true) => {
            b.push("k.uid, ");
            push_concept_label(b, label_language);
            b.push(
                ", k.n AS n FROM (SELECT c.id, c.uid, (SELECT count(*) FROM publication_concept pc \
                 WHERE pc.concept_id = c.id) AS n FROM concept c WHERE c.scheme = ",
            );
            b.bind(Value::Text(scheme(concept).unwrap_or("theme").to_owned()));
            b.push(") k WHERE k.n > 0");
        }
        (concept, false) => {
            b.push("k.uid, ");
            push_concept_label(b, label_language);
            b.push(", count(*) AS n FROM s JOIN publication_concept pc ON pc.publication_id = s.id");
            b.push(" JOIN concept k ON k.id = pc.concept_id WHERE k.scheme = ");
            b.bind(Value::Text(scheme(concept).unwrap_or("theme").to_owned()));
            b.push(" GROUP BY k.id");
        }
    }
    b.push(&format!(" ORDER BY n DESC, 2 LIMIT {MAX_FACET_VALUES})"));
}

/// The statement counting the matches and every facet of `facets` (see the module
/// documentation for its rows).
pub fn facets(r: &Resolved, facets: &[Facet], label_language: &str) -> SqlBuilder {
    let all = r.fts.is_none() && !r.has_filters() && r.prefer.is_empty();
    let mut b = if all {
        let mut b = SqlBuilder::default();
        b.push("SELECT 0, NULL, NULL, count(*) FROM publication");
        b
    } else {
        let mut b = with_matched(r, false, true);
        b.push(" SELECT 0, NULL, NULL, count(*) FROM s");
        b
    };
    for (i, facet) in facets.iter().enumerate() {
        push_facet(&mut b, i + 1, *facet, all, label_language);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::schema;
    use rusqlite::Connection;

    /// The plan of the facets statement over the whole catalogue for `facet`, one line per
    /// step.
    fn whole_catalogue_plan(facet: Facet) -> Vec<String> {
        plan_of(&Resolved::default(), facet)
    }

    /// The plan of the facets statement of `r` for `facet`, one line per step.
    fn plan_of(r: &Resolved, facet: Facet) -> Vec<String> {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::prepare(&mut conn).unwrap();
        let b = facets(r, &[facet], "en");
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", b.sql))
            .unwrap();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(b.params.iter()), |r| {
                r.get::<_, String>(3)
            })
            .unwrap()
            .collect::<std::result::Result<Vec<_>, _>>()
            .unwrap();
        rows
    }

    /// The agent facet over the whole catalogue reads the publication counts the writes keep
    /// (`agent_publication_count`, schema version 5) through their index, from the top, and no
    /// contribution: before, it counted every contribution (about 580 ms at a million
    /// publications, docs/BENCHMARKS.md).
    #[test]
    fn the_whole_catalogue_agent_facet_reads_the_kept_counts() {
        let plan = whole_catalogue_plan(Facet::Agent);
        assert!(
            !plan.iter().any(|step| step.contains("contribution")),
            "{plan:#?}"
        );
        assert!(
            plan.iter().any(|step| step.starts_with(
                "SEARCH g USING COVERING INDEX agent_publication_count_by_count (publications>?)"
            )),
            "{plan:#?}"
        );
        assert!(
            plan.iter().any(|step| step
                .starts_with("SCAN agent_publication_count USING COVERING INDEX agent_publication_count_by_count")),
            "the last place is read from the top of the index: {plan:#?}"
        );
    }

    /// The agent filter, with and without roles, still finds an agent's publications by a
    /// search of the contribution index (agent first), not by a scan of the table.
    #[test]
    fn the_agent_filter_searches_the_contribution_index() {
        for roles in [vec![], vec!["author".to_owned()]] {
            let r = Resolved {
                agents: vec![1, 2],
                agent_roles: roles,
                ..Resolved::default()
            };
            let plan = plan_of(&r, Facet::Agent);
            assert!(
                plan.iter().any(|step| step.starts_with(
                    "SEARCH contribution USING COVERING INDEX sqlite_autoindex_contribution_2 (agent_id=?"
                )),
                "{plan:#?}"
            );
            assert!(
                !plan
                    .iter()
                    .any(|step| step.starts_with("SCAN contribution")),
                "{plan:#?}"
            );
        }
    }
}
