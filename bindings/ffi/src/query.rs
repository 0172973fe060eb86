//! The query API: [`Query`] in, [`SearchPage`] out (mirrors of `pubcat::query`).

use std::collections::HashMap;

use crate::records::{ProjectRef, TranslationRef};
use crate::vocab::{Facet, Kind, Role, Sort};

/// A search: free text plus filters, language preference, sort, page and facets.
///
/// Every field has a default, so `Query(text = "cobalt")` (Kotlin) or
/// `Query(text: "cobalt")` (Swift) is a whole query, and `Query()` matches everything.
/// Within one filter the values are alternatives (OR); different filters must all hold (AND).
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct Query {
    /// Search text: words, `"phrases"`, `prefix*`, `-exclusion`, `OR`.
    #[uniffi(default)]
    pub text: Option<String>,
    /// Publication languages (BCP 47); `fr` also matches `fr-CD`.
    #[uniffi(default)]
    pub languages: Vec<String>,
    /// Publication kinds.
    #[uniffi(default)]
    pub kinds: Vec<Kind>,
    /// Project uids.
    #[uniffi(default)]
    pub projects: Vec<String>,
    /// Agent uids (merged agents are followed).
    #[uniffi(default)]
    pub agents: Vec<String>,
    /// Restricts `agents` to these roles (empty: any role).
    #[uniffi(default)]
    pub agent_roles: Vec<Role>,
    /// Series uids.
    #[uniffi(default)]
    pub series: Vec<String>,
    /// Concept uids; each includes its narrower concepts.
    #[uniffi(default)]
    pub concepts: Vec<String>,
    /// Earliest date (EDTF, e.g. `2012` or `2021-07`).
    #[uniffi(default)]
    pub date_from: Option<String>,
    /// Latest date (EDTF).
    #[uniffi(default)]
    pub date_to: Option<String>,
    /// The reader's languages, best first (e.g. the device's locales): each work appears
    /// once, in the best available language.
    #[uniffi(default)]
    pub prefer_languages: Vec<String>,
    /// Order of hits; default: relevance with text, newest first without.
    #[uniffi(default)]
    pub sort: Option<Sort>,
    /// Page size, 0 to 1000 (0: only `total` and facets); default 20.
    #[uniffi(default)]
    pub limit: Option<u32>,
    /// The previous page's `nextCursor`.
    #[uniffi(default)]
    pub cursor: Option<String>,
    /// Facets to count over the whole match set.
    #[uniffi(default)]
    pub facets: Vec<Facet>,
}

impl From<Query> for pubcat::query::Query {
    fn from(q: Query) -> Self {
        pubcat::query::Query {
            text: q.text,
            languages: q.languages,
            kinds: q.kinds.into_iter().map(Into::into).collect(),
            projects: q.projects,
            agents: q.agents,
            agent_roles: q.agent_roles.into_iter().map(Into::into).collect(),
            series: q.series,
            concepts: q.concepts,
            date_from: q.date_from,
            date_to: q.date_to,
            prefer_languages: q.prefer_languages,
            sort: q.sort.map(Into::into),
            limit: q.limit,
            cursor: q.cursor,
            facets: q.facets.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<pubcat::query::Query> for Query {
    fn from(q: pubcat::query::Query) -> Self {
        Query {
            text: q.text,
            languages: q.languages,
            kinds: q.kinds.into_iter().map(Into::into).collect(),
            projects: q.projects,
            agents: q.agents,
            agent_roles: q.agent_roles.into_iter().map(Into::into).collect(),
            series: q.series,
            concepts: q.concepts,
            date_from: q.date_from,
            date_to: q.date_to,
            prefer_languages: q.prefer_languages,
            sort: q.sort.map(Into::into),
            limit: q.limit,
            cursor: q.cursor,
            facets: q.facets.into_iter().map(Into::into).collect(),
        }
    }
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SearchPage {
    /// How many hits match in all (works, with `prefer_languages`).
    pub total: u64,
    /// This page's hits.
    pub hits: Vec<Hit>,
    /// Counts per requested facet (`language`, `kind`, ...), over the whole match set.
    pub facets: HashMap<String, Vec<FacetCount>>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl From<pubcat::query::SearchPage> for SearchPage {
    fn from(page: pubcat::query::SearchPage) -> Self {
        SearchPage {
            total: page.total,
            hits: page.hits.into_iter().map(Into::into).collect(),
            facets: page
                .facets
                .into_iter()
                .map(|(facet, counts)| (facet, counts.into_iter().map(Into::into).collect()))
                .collect(),
            next_cursor: page.next_cursor,
        }
    }
}

/// One hit: a publication summary.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Hit {
    /// Publication uid.
    pub uid: String,
    /// Work uid.
    pub work: String,
    /// Title.
    pub title: String,
    /// Language (BCP 47).
    pub language: String,
    /// Kind.
    pub kind: Kind,
    /// Date (EDTF).
    pub date: Option<String>,
    /// Year of the date's lower bound.
    pub year: Option<i32>,
    /// Author names in order.
    pub authors: Vec<String>,
    /// Projects.
    pub projects: Vec<ProjectRef>,
    /// Relevance (higher is better; 0 without search text).
    pub score: f64,
    /// A passage with the matches between `<mark>` and `</mark>` (null without text).
    pub snippet: Option<String>,
    /// The other language versions of the same work.
    pub other_languages: Vec<TranslationRef>,
}

impl From<pubcat::query::Hit> for Hit {
    fn from(hit: pubcat::query::Hit) -> Self {
        Hit {
            uid: hit.uid,
            work: hit.work,
            title: hit.title,
            language: hit.language,
            kind: hit.kind.into(),
            date: hit.date,
            year: hit.year,
            authors: hit.authors,
            projects: hit.projects.into_iter().map(Into::into).collect(),
            score: hit.score,
            snippet: hit.snippet,
            other_languages: hit.other_languages.into_iter().map(Into::into).collect(),
        }
    }
}

/// A facet value and how many hits have it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FacetCount {
    /// The value (language tag, kind code, year, uid).
    pub value: String,
    /// A readable label (name, concept label).
    pub label: String,
    /// Number of hits.
    pub count: u64,
}

impl From<pubcat::query::FacetCount> for FacetCount {
    fn from(c: pubcat::query::FacetCount) -> Self {
        FacetCount {
            value: c.value,
            label: c.label,
            count: c.count,
        }
    }
}
