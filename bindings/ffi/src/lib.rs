//! # pubcat-ffi
//!
//! The UniFFI bindings of [pubcat](pubcat) for Kotlin (Android, the JVM) and Swift (iOS):
//! one `Catalog` object, plain records for every value, one error enum with a variant per
//! error kind. The crate is thin: each call converts its arguments, calls the core and maps
//! the result; the core knows nothing of UniFFI.
//!
//! ```
//! use pubcat_ffi::{Catalog, Query};
//! let catalog = Catalog::demo(None)?;
//! let page = catalog.search(Query { text: Some("cobalt".into()), ..Query::default() })?;
//! assert!(page.total > 0);
//! # Ok::<(), pubcat_ffi::PubcatError>(())
//! ```
//!
//! Generated bindings: Kotlin package `org.pubcat`, Swift module `PubCat` (see `uniffi.toml`
//! and `docs/MOBILE.md`).

// UniFFI's scaffolding (extern "C" functions) needs unsafe code; this crate writes none.
#![allow(unsafe_code)]

uniffi::setup_scaffolding!();

mod catalog;
mod error;
mod formats;
mod json;
mod query;
mod records;
mod vocab;
mod write;

pub use catalog::Catalog;
pub use error::{PubcatError, Result};
pub use formats::Format;
pub use json::{
    agent_from_json, concept_from_json, project_from_json, publication_from_json, query_from_json,
    relation_from_json, series_from_json,
};
pub use query::{FacetCount, Hit, Query, SearchPage};
pub use records::{
    AgentRecord, ChangeRecord, Changes, ConceptNode, ConceptRef, ContributorRecord, DateInfo,
    ImportSummary, ProjectMemberRecord, ProjectRecord, ProjectRef, PublicationRecord,
    PublicationRef, RelatedRecord, SeriesRef, Stats, TranslationRef,
};
pub use vocab::{
    AgentKind, ChangeOp, Facet, IdScheme, Kind, LinkKind, ProjectRole, RelationType, Role, Scheme,
    Sort, Upsert,
};
pub use write::{
    Agent, Concept, Contributor, Identifier, Label, Link, Project, ProjectMember, Publication,
    Relation, Series,
};
