//! The query API: [`Query`] in, [`SearchPage`] out
//! ([`Catalog::search`](crate::Catalog::search)), and flat [`PublicationRow`]s for columnar
//! consumers ([`Catalog::scan_publications`](crate::Catalog::scan_publications)).
//!
//! Inside (not public): `syntax` compiles pubcat's user search syntax to a safe FTS5
//! expression; `expand` widens it to the other labels of the concepts it names
//! (`lexicon`), to inflections (`inflections`) and, when fuzzy, to close words
//! (`suggestions`); `why` says which concept a hit matched through; `sql` turns a validated
//! query into SQL; `cursor` makes opaque keyset cursors;
//! `facets` counts facets and the total in one statement; `snapshot` keeps relevance rankings
//! for later pages; `search` runs it all; `typeahead` answers search as you type; `table` streams flat rows, with the list columns
//! (authors, projects, concepts, other versions) that `lists` reads in bulk.

pub(crate) mod cursor;
pub(crate) mod deletions;
mod expand;
pub(crate) mod facets;
mod highlight;
mod hits;
mod inflections;
pub(crate) mod lexicon;
mod lists;
pub(crate) mod search;
pub(crate) mod snapshot;
pub(crate) mod sql;
mod suggestions;
#[cfg(not(feature = "test-hooks"))]
pub(crate) mod syntax;
/// The search syntax parser, public only for the fuzz targets (feature `test-hooks`).
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub mod syntax;
pub(crate) mod table;
pub(crate) mod typeahead;
mod why;

pub use lists::{TextList, TextListIter};
pub use table::PublicationRow;
pub use typeahead::{Completion, TypeAhead, COMPLETIONS, RANK_AT_MOST};

#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub use expand::{set_expansion_enabled, set_expansion_memo_enabled};
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub use typeahead::set_rank_at_most;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Kind, ProjectRef, Role, TranslationRef};

/// The default number of hits per page.
pub const DEFAULT_LIMIT: i32 = 20;
/// The largest accepted page size.
pub const MAX_LIMIT: i32 = 1000;
/// The most values counted per facet.
pub const MAX_FACET_VALUES: usize = 100;

/// Marks the start of a highlighted match in [`Hit::snippet`].
pub const HIGHLIGHT_START: &str = "<mark>";
/// Marks the end of a highlighted match in [`Hit::snippet`].
pub const HIGHLIGHT_END: &str = "</mark>";

/// A search: free text plus filters, language preference, sort, page and facets.
///
/// Every field is optional (`Query::default()` matches everything). Within one filter the
/// values are alternatives (OR); different filters must all hold (AND). Concepts are grouped
/// by scheme: OR within a scheme, AND across schemes, and each concept matches its narrower
/// concepts too.
///
/// ```
/// use pubcat::query::{Query, Sort};
/// let q = Query { text: Some("cobalt".into()), sort: Some(Sort::Relevance), ..Query::default() };
/// let json = serde_json::to_string(&q).unwrap();
/// assert_eq!(serde_json::from_str::<Query>(&json).unwrap(), q);
/// let q: Query = serde_json::from_str(r#"{"text": "gold", "languages": ["fr"]}"#).unwrap();
/// assert_eq!(q.languages, ["fr"]);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default, deny_unknown_fields)]
pub struct Query {
    /// Search text in pubcat's syntax: words, `"phrases"`, `prefix*`, `-exclusion`, `OR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub text: Option<String>,
    /// Publication languages (BCP 47); `fr` also matches `fr-CD`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub languages: Vec<String>,
    /// Publication kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kinds: Vec<Kind>,
    /// Project uids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub projects: Vec<String>,
    /// Agent uids (merged agents are followed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agents: Vec<String>,
    /// Restricts `agents` to these roles (empty: any role). Without `agents`: publications
    /// with any contributor in one of these roles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agent_roles: Vec<Role>,
    /// Series uids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub series: Vec<String>,
    /// Concept uids; each includes its narrower concepts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub concepts: Vec<String>,
    /// Earliest date (EDTF); publications whose date span overlaps the range match.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub date_from: Option<String>,
    /// Latest date (EDTF).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub date_to: Option<String>,
    /// Reader's languages, best first: each work appears once, in the best available
    /// language (RFC 4647 lookup: `fr-CD` → `fr` → next preference → the original).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub prefer_languages: Vec<String>,
    /// Order of hits; default: relevance with text, newest first without.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sort: Option<Sort>,
    /// Page size, 0 to 1000 (0: only `total` and facets); default 20. Signed so that it is
    /// `Int` in Kotlin and Swift; a negative limit is `InvalidQuery`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: Option<i32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cursor: Option<String>,
    /// Facets to count over the whole match set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub facets: Vec<Facet>,
    /// Also search the close words suggested for query words that find little (the
    /// page's [`SearchPage::suggestions`]): `cobolt` then finds `cobalt`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fuzzy: bool,
}

impl Query {
    /// A query for `text` with everything else default.
    ///
    /// ```
    /// assert_eq!(pubcat::query::Query::text("gold").text.as_deref(), Some("gold"));
    /// ```
    pub fn text(text: impl Into<String>) -> Query {
        Query {
            text: Some(text.into()),
            ..Query::default()
        }
    }
}

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (column-weighted bm25); needs search text, else newest first.
    Relevance,
    /// Newest first; undated last.
    DateDesc,
    /// Oldest first; undated last.
    DateAsc,
    /// By title, case-insensitively.
    Title,
    /// Most recently added to the catalogue first (the order publications were first
    /// written in; re-importing or editing one does not move it). The cheapest order for
    /// text that matches a large share of the catalogue: the full-text index yields its
    /// matches in this order and the page stops after `limit` of them
    /// ([`Catalog::type_ahead`](crate::Catalog::type_ahead) uses it for frequent prefixes).
    Added,
}

impl Sort {
    /// Every order.
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::DateDesc,
        Sort::DateAsc,
        Sort::Title,
        Sort::Added,
    ];

    /// The stable code (`relevance`, `date_desc`, `date_asc`, `title`, `added`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::DateDesc => "date_desc",
            Sort::DateAsc => "date_asc",
            Sort::Title => "title",
            Sort::Added => "added",
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = crate::Error;
    fn from_str(text: &str) -> crate::Result<Sort> {
        match text.trim() {
            "relevance" => Ok(Sort::Relevance),
            "date_desc" | "date" | "newest" => Ok(Sort::DateDesc),
            "date_asc" | "oldest" => Ok(Sort::DateAsc),
            "title" => Ok(Sort::Title),
            "added" => Ok(Sort::Added),
            other => Err(crate::Error::InvalidQuery(format!(
                "unknown sort `{other}`; expected relevance, date_desc, date_asc, title or added"
            ))),
        }
    }
}

/// A facet to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    /// Publication language.
    Language,
    /// Publication kind.
    Kind,
    /// Year of the date's lower bound.
    Year,
    /// Project.
    Project,
    /// Series.
    Series,
    /// Agent (any role).
    Agent,
    /// Concepts of the mineral scheme.
    Mineral,
    /// Concepts of the place scheme.
    Place,
    /// Concepts of the actor scheme.
    Actor,
    /// Concepts of the theme scheme.
    Theme,
}

impl Facet {
    /// Every facet.
    pub const ALL: [Facet; 10] = [
        Facet::Language,
        Facet::Kind,
        Facet::Year,
        Facet::Project,
        Facet::Series,
        Facet::Agent,
        Facet::Mineral,
        Facet::Place,
        Facet::Actor,
        Facet::Theme,
    ];

    /// The stable code, also the key in [`SearchPage::facets`].
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Language => "language",
            Facet::Kind => "kind",
            Facet::Year => "year",
            Facet::Project => "project",
            Facet::Series => "series",
            Facet::Agent => "agent",
            Facet::Mineral => "mineral",
            Facet::Place => "place",
            Facet::Actor => "actor",
            Facet::Theme => "theme",
        }
    }
}

impl std::str::FromStr for Facet {
    type Err = crate::Error;
    fn from_str(text: &str) -> crate::Result<Facet> {
        Facet::ALL
            .into_iter()
            .find(|f| f.as_str() == text.trim())
            .ok_or_else(|| crate::Error::InvalidQuery(format!("unknown facet `{text}`")))
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchPage {
    /// How many hits match in all (works, with `prefer_languages`).
    pub total: i64,
    /// This page's hits.
    pub hits: Vec<Hit>,
    /// Counts per requested facet, over the whole match set.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Pass as `cursor` to get the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// "Did you mean": close words (from the catalogue's words and concept labels) for
    /// query words that found nothing or far fewer publications, best first; empty when
    /// every word is well represented. Set [`Query::fuzzy`] to search them too.
    #[serde(default)]
    pub suggestions: Vec<String>,
}

/// One hit: a publication summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Hit {
    /// Publication uid.
    pub uid: String,
    /// Work uid.
    pub work: String,
    /// Title.
    pub title: String,
    /// Language.
    pub language: String,
    /// Kind.
    pub kind: Kind,
    /// Date (EDTF).
    pub date: Option<String>,
    /// Year of the date's lower bound.
    pub year: Option<i32>,
    /// Author names in order (all contributors' names when none is an author).
    pub authors: Vec<String>,
    /// Projects.
    pub projects: Vec<ProjectRef>,
    /// Relevance (higher is better; 0 without search text).
    pub score: f64,
    /// A passage with the matches between [`HIGHLIGHT_START`] and [`HIGHLIGHT_END`]
    /// (`None` without search text).
    pub snippet: Option<String>,
    /// The other language versions of the same work.
    pub other_languages: Vec<TranslationRef>,
    /// The concepts the query named that this publication is about (tagged with, or naming
    /// them in its text), so an app can say why it matched (`Sud-Kivu` finds an English
    /// report on South Kivu). Empty without search text.
    #[serde(default)]
    pub matched_concepts: Vec<ConceptMatch>,
}

/// Why a hit matched a query word that names a concept: see [`Hit::matched_concepts`].
///
/// ```
/// use pubcat::query::Query;
/// let catalog = pubcat::Catalog::open_in_memory()?;
/// catalog.load_builtin_vocabularies()?;
/// let p = pubcat::model::Publication::new(
///     "p", "en", "Roadblocks in South Kivu", pubcat::model::Kind::Report,
/// );
/// catalog.upsert_publication(&p)?;
/// let page = catalog.search(&Query::text("Sud-Kivu"))?;
/// let why = &page.hits[0].matched_concepts[0];
/// assert_eq!((why.query.as_str(), why.concept.as_str()), ("Sud-Kivu", "south-kivu"));
/// assert_eq!(why.found.as_deref(), Some("South Kivu"));
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConceptMatch {
    /// The concept's label that the query words matched, as the vocabulary writes it
    /// (`Sud-Kivu` for `sud kivu`).
    pub query: String,
    /// The concept's uid.
    pub concept: String,
    /// The concept's label for the reader: in the first of the query's
    /// `prefer_languages` it has, else the publication's language, else English.
    pub label: String,
    /// How the publication names the concept: the label automatic tagging found, else the
    /// label its text uses (the one the query matched, if the text uses it); `None` when
    /// only a person's tag says it is about the concept.
    pub found: Option<String>,
}

/// A facet value and how many hits have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FacetCount {
    /// The value (language tag, kind code, year, uid).
    pub value: String,
    /// A readable label (name, concept label).
    pub label: String,
    /// Number of hits.
    pub count: i64,
}
