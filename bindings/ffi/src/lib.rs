//! # pubcat-ffi
//!
//! The UniFFI bindings of [pubcat](pubcat) for Kotlin (Android, the JVM) and Swift (iOS):
//! one `Catalog` object and one error enum with a variant per error kind. The records and
//! enums are the core's own types (`pubcat::model`, `pubcat::query`, `pubcat::formats`), which
//! derive `uniffi::Record`/`uniffi::Enum` under the core's `uniffi` feature: this crate
//! declares none of them again. Each call hands its arguments to the core and maps the error.
//!
//! ```
//! use pubcat_ffi::{Catalog, Query};
//! let catalog = Catalog::demo(None)?;
//! let page = catalog.search(Query::text("cobalt"))?;
//! assert!(page.total > 0);
//! # Ok::<(), pubcat_ffi::PubcatError>(())
//! ```
//!
//! Generated bindings: Kotlin packages `org.pubcat` (this crate) and `org.pubcat.core` (the
//! core's types), Swift module `PubCat` (see the two `uniffi.toml` and `docs/MOBILE.md`).

// UniFFI's scaffolding (extern "C" functions) needs unsafe code; this crate writes none.
#![allow(unsafe_code)]

uniffi::setup_scaffolding!();

mod asynchronous;
mod background;
mod catalog;
mod check;
mod error;
mod formats;
mod json;
mod sync;
mod type_ahead;

pub use catalog::Catalog;
pub use check::{check_file, check_file_async};
pub use error::{PubcatError, Result};
pub use json::{
    agent_from_json, concept_from_json, project_from_json, publication_from_json, query_from_json,
    relation_from_json, series_from_json,
};

// The value types of the API, re-exported for Rust callers of this crate.
pub use pubcat::cite::{Bibliography, CiteFormat, CiteOptions, Reference};
pub use pubcat::formats::{
    Conflict, Counts, FieldChange, Format, ImportOptions, ImportReport, ImportSummary, OnConflict,
    RecordChange, UnplacedLine,
};
pub use pubcat::model::{
    Agent, AgentKind, AgentRecord, ChangeOp, ChangeRecord, Changes, Concept, ConceptNode,
    ConceptRef, Contributor, ContributorRecord, DateInfo, IdScheme, Identifier, Kind, Label, Link,
    LinkKind, Project, ProjectMember, ProjectMemberRecord, ProjectRecord, ProjectRef, ProjectRole,
    Publication, PublicationRecord, PublicationRef, RelatedRecord, Relation, RelationType, Role,
    Scheme, Series, SeriesRef, Stats, TranslationRef,
};
pub use pubcat::query::{Completion, Facet, FacetCount, Hit, Query, SearchPage, Sort, TypeAhead};
pub use pubcat::{
    CheckReport, CheckResult, Evidence, EvidenceKind, LinkSummary, RepairSummary, SuggestOptions,
    TaggingSummary, TranslationSuggestion, Upsert,
};
