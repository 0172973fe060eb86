//! Import and export formats.
//!
//! | [`Format`] | import | export | what it holds |
//! |---|---|---|---|
//! | `json` ([`CatalogDocument`]) | whole document | streamed | everything (lossless) |
//! | `jsonl` | streamed | streamed | everything (lossless) |
//! | `csv` | streamed | streamed | publications, flat |
//! | `listing` | whole text | streamed | titles, summaries, authors, dates |
//! | `csl-json` | whole document | streamed | bibliographic fields |
//! | `bibtex` | whole text | streamed | bibliographic fields |
//! | `ris` | streamed | streamed | bibliographic fields |
//!
//! Imports: [`Catalog::import_file`](crate::Catalog::import_file),
//! [`Catalog::import_reader`](crate::Catalog::import_reader). Exports:
//! [`Catalog::export`](crate::Catalog::export) (streamed, any selection),
//! [`Catalog::export_to_path`](crate::Catalog::export_to_path) (atomic), and [`write_export`]
//! (a [`CatalogDocument`] held in memory). `docs/FORMATS.md` documents every mapping and
//! limit.
//!
//! Every import runs in one transaction: a bad record anywhere leaves the catalogue exactly
//! as it was. Incoming publications are matched to stored ones by uid, then DOI/URL, then
//! normalised title + language + year, so importing a file twice creates no duplicates.

pub(crate) mod atomic;
mod bibtex;
mod bibtex_syntax;
mod csl_json;
pub(crate) mod csv;
mod draft;
pub(crate) mod export;
mod format;
pub(crate) mod import;
mod ingest;
mod jsonl;
pub(crate) mod latex;
mod lines;
pub(crate) mod listing;
pub(crate) mod listing_syntax;
mod matching;
pub(crate) mod names;
pub(crate) mod native;
pub(crate) mod policy;
mod ris;
pub(crate) mod text;
pub(crate) mod vocabulary;

pub use export::{write_export, ExportSummary};
pub use format::Format;
pub use native::{CatalogDocument, FORMAT_NAME, FORMAT_VERSION};
pub use policy::{Conflict, FieldChange, OnConflict};
pub use vocabulary::{Vocabulary, VocabularyConcept, BUILTIN_VOCABULARIES, VOCABULARY_FORMAT};

use serde::{Deserialize, Serialize};

use crate::Upsert;

/// How many records of one kind an import added, changed and found unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Counts {
    /// Records that were new.
    pub added: i64,
    /// Records that existed and changed.
    pub updated: i64,
    /// Records that existed with the same values.
    pub unchanged: i64,
}

impl Counts {
    fn count(&mut self, outcome: Upsert) {
        match outcome {
            Upsert::Added => self.added += 1,
            Upsert::Updated => self.updated += 1,
            Upsert::Unchanged => self.unchanged += 1,
        }
    }
}

/// What an import did: the totals, and the same counts for each kind of record (an import of
/// 152 publications that creates 73 agents and 13 series says so).
///
/// ```
/// let catalog = pubcat::Catalog::open_in_memory()?;
/// let summary = catalog.load_demo()?;
/// assert_eq!(summary.publications.added, 7);
/// assert_eq!(summary.agents.added, 3);
/// assert_eq!(summary.added, 7 + 3 + 2 + 1 + summary.concepts.added + summary.relations.added);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportSummary {
    /// Records of every kind that were new.
    pub added: i64,
    /// Records of every kind that existed and changed.
    pub updated: i64,
    /// Records of every kind that existed with the same values.
    pub unchanged: i64,
    /// Publications.
    pub publications: Counts,
    /// Agents (people and organisations), including those created from names.
    pub agents: Counts,
    /// Series, including those created from names.
    pub series: Counts,
    /// Projects.
    pub projects: Counts,
    /// Concepts.
    pub concepts: Counts,
    /// Relations.
    pub relations: Counts,
}

/// How to import a file: [`Catalog::import_file_with`](crate::Catalog::import_file_with).
///
/// ```
/// use pubcat::formats::{Format, ImportOptions, OnConflict};
/// let options = ImportOptions { dry_run: true, ..ImportOptions::default() };
/// assert_eq!(options.format, Format::Auto);
/// assert_eq!(options.policy_for(Format::Ris), OnConflict::Keep);
/// assert_eq!(options.policy_for(Format::Json), OnConflict::Replace);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportOptions {
    /// The file's format; [`Format::Auto`] guesses it from the name and content. (No UniFFI
    /// default: UniFFI 0.32 cannot write an enum default in Kotlin or Swift.)
    pub format: Format,
    /// Compute everything the import would do (the report, field by field) and write
    /// nothing.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dry_run: bool,
    /// What to do with stored values the file gives differently; `None`: `replace` for
    /// pubcat's native JSON and JSON Lines, `keep` for every other format.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub on_conflict: Option<OnConflict>,
    /// Listings: import the entries placed with certainty and list the lines that could not
    /// be placed, instead of failing.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub lenient: bool,
    /// Tag the imported publications automatically with the loaded vocabularies; `None`:
    /// when the catalogue has vocabularies.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tag: Option<bool>,
    /// After the import, link the imported publications to their other language versions
    /// where link discovery is confident (a score at or above
    /// [`DEFAULT_MIN_TRANSLATION_SCORE`](crate::DEFAULT_MIN_TRANSLATION_SCORE)), in the same
    /// transaction; the report's `links` says what was linked (or, dry, would be).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub link_translations: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            format: Format::Auto,
            dry_run: false,
            on_conflict: None,
            lenient: false,
            tag: None,
            link_translations: false,
        }
    }
}

impl ImportOptions {
    /// The merge policy for a file in `format`: the one given, else the format's default.
    pub fn policy_for(&self, format: Format) -> OnConflict {
        self.on_conflict.unwrap_or(match format {
            Format::Json | Format::Jsonl => OnConflict::Replace,
            _ => OnConflict::Keep,
        })
    }
}

/// What an import did (or, dry, would do), in detail.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportReport {
    /// The counts.
    pub summary: ImportSummary,
    /// The format read (after detection).
    pub format: Format,
    /// The merge policy applied.
    pub on_conflict: Option<OnConflict>,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Whether the import was written (false for a dry run, and for `report` when the file
    /// disagreed with stored values).
    pub written: bool,
    /// Every record added or changed, with its changed fields (old and new values).
    pub changes: Vec<RecordChange>,
    /// Every stored value the file gave differently, and what was done with it.
    pub conflicts: Vec<Conflict>,
    /// Listings with `lenient`: the lines that could not be placed in an entry.
    pub unplaced: Vec<UnplacedLine>,
    /// What automatic tagging of the imported publications did, when it ran.
    pub tagging: Option<crate::TaggingSummary>,
    /// The language versions linked after the import (`link_translations`), when asked.
    pub links: Option<crate::LinkSummary>,
}

/// One record an import added or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordChange {
    /// `publication`, `agent`, `series`, `project` or `concept`.
    pub entity: String,
    /// Its uid.
    pub uid: String,
    /// Added or updated.
    pub outcome: Upsert,
    /// The fields that changed (for an added record: every field it has).
    pub fields: Vec<FieldChange>,
}

/// A line of a listing that could not be placed in an entry (`lenient` imports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UnplacedLine {
    /// 1-based line number.
    pub line: i64,
    /// Its text (shortened).
    pub text: String,
    /// Why it could not be placed.
    pub reason: String,
}

/// The kind of record an import counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordKind {
    Publication,
    Agent,
    Series,
    Project,
    Concept,
    Relation,
}

impl RecordKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            RecordKind::Publication => "publication",
            RecordKind::Agent => "agent",
            RecordKind::Series => "series",
            RecordKind::Project => "project",
            RecordKind::Concept => "concept",
            RecordKind::Relation => "relation",
        }
    }
}

impl ImportSummary {
    pub(crate) fn count(&mut self, kind: RecordKind, outcome: Upsert) {
        match outcome {
            Upsert::Added => self.added += 1,
            Upsert::Updated => self.updated += 1,
            Upsert::Unchanged => self.unchanged += 1,
        }
        match kind {
            RecordKind::Publication => &mut self.publications,
            RecordKind::Agent => &mut self.agents,
            RecordKind::Series => &mut self.series,
            RecordKind::Project => &mut self.projects,
            RecordKind::Concept => &mut self.concepts,
            RecordKind::Relation => &mut self.relations,
        }
        .count(outcome);
    }
}
