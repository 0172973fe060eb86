//! Columnar exports of a pubcat catalogue, outside the core library (which knows nothing of
//! Arrow): the publication table as Arrow record batches (the rows of the Python package's
//! DataFrames, read by the core's
//! [`Catalog::scan_publications`](pubcat::Catalog::scan_publications)), the agents, concepts
//! and projects as small tables, and, with the `parquet` feature, all of them as a folder of
//! Parquet files ([`export_parquet`]).
//!
//! Used by the CLI (`pubcat export --format parquet`, its `parquet` feature) and the Python
//! package (`Catalog.to_parquet`, its `parquet` feature); never by the mobile bindings.

pub mod publications;
pub mod vocabularies;

#[cfg(feature = "parquet")]
mod parquet_dir;

#[cfg(feature = "parquet")]
pub use parquet_dir::{
    export_parquet, ParquetOptions, ParquetSummary, AGENTS_FILE, CONCEPTS_FILE, FILES,
    PROJECTS_FILE, PUBLICATIONS_FILE,
};
