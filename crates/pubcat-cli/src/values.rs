//! Options with fixed values, as clap [`ValueEnum`]s over the core's own types.
//!
//! Each is a newtype around a core vocabulary (`pubcat::formats::Format`/`OnConflict`,
//! `pubcat::query::Sort`/`Facet`, `pubcat::model::Kind`/`Role`/`Scheme`): its values are the
//! core's list of variants and their names the core's stable codes, so `--help`, shell
//! completion and the man page show exactly what the core accepts, and a value the core adds
//! appears here without a change. An unknown value is a clap usage error (exit status 2).

use std::sync::OnceLock;

use clap::builder::PossibleValue;
use clap::ValueEnum;
use pubcat::cite::CiteFormat;
use pubcat::formats::{Format, OnConflict};
use pubcat::model::{Kind, Role, Scheme};
use pubcat::query::{Facet, Sort};

/// Declares `$name($core)`, a [`ValueEnum`] whose values are `$values` (an iterator of core
/// values, evaluated once), each named by `$code` and accepting the `$aliases` it returns.
macro_rules! value_enum {
    (
        $(#[$meta:meta])*
        $name:ident($core:ty), values = $values:expr, code = $code:expr, aliases = $aliases:expr
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $core);

        impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                static VALUES: OnceLock<Vec<$name>> = OnceLock::new();
                VALUES.get_or_init(|| $values.into_iter().map($name).collect())
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                let aliases: &[&'static str] = $aliases(self.0);
                Some(PossibleValue::new($code(self.0)).aliases(aliases.iter().copied()))
            }
        }
    };
}

/// Values without aliases.
fn none<T>(_: T) -> &'static [&'static str] {
    &[]
}

/// The names the core also accepts for a format.
fn format_aliases(format: Format) -> &'static [&'static str] {
    match format {
        Format::CslJson => &["csljson"],
        Format::Jsonl => &["ndjson"],
        Format::Bibtex => &["bib"],
        _ => &[],
    }
}

/// Every sort order, as the core lists them.
const SORTS: [Sort; 5] = Sort::ALL;

/// The names the core also accepts for a sort order.
fn sort_aliases(sort: Sort) -> &'static [&'static str] {
    match sort {
        Sort::DateDesc => &["date", "newest"],
        Sort::DateAsc => &["oldest"],
        _ => &[],
    }
}

value_enum! {
    /// `import --format`: every format, `auto` (guess from the name and first bytes) included.
    ImportFormat(Format), values = Format::ALL, code = Format::code, aliases = format_aliases
}

value_enum! {
    /// `export --format`: every format but `auto`.
    ExportFormat(Format),
    values = Format::ALL.into_iter().filter(|f| *f != Format::Auto),
    code = Format::code,
    aliases = format_aliases
}

/// Every merge policy (the core declares no list of them, nor their names: they are its
/// serde names, which its `FromStr` reads back).
const ON_CONFLICTS: [OnConflict; 3] = [OnConflict::Keep, OnConflict::Replace, OnConflict::Report];

/// The core's name of a merge policy.
fn on_conflict_code(policy: OnConflict) -> &'static str {
    match policy {
        OnConflict::Keep => "keep",
        OnConflict::Replace => "replace",
        OnConflict::Report => "report",
    }
}

/// `export --format`: a file format, or `bibliography` (formatted references in a CSL style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    /// A file format of the core.
    File(ExportFormat),
    /// A bibliography in a CSL style (`--style`, `--locale`, `--csl`, `--markup`).
    Bibliography,
    /// A folder of Parquet files (`--out DIR`; the CLI's `parquet` feature).
    Parquet,
}

impl ValueEnum for ExportTarget {
    fn value_variants<'a>() -> &'a [Self] {
        static VALUES: OnceLock<Vec<ExportTarget>> = OnceLock::new();
        VALUES.get_or_init(|| {
            ExportFormat::value_variants()
                .iter()
                .copied()
                .map(ExportTarget::File)
                .chain([ExportTarget::Bibliography, ExportTarget::Parquet])
                .collect()
        })
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            ExportTarget::File(format) => format.to_possible_value(),
            ExportTarget::Bibliography => Some(PossibleValue::new("bibliography")),
            ExportTarget::Parquet => Some(PossibleValue::new("parquet")),
        }
    }
}

/// Every citation markup.
const CITE_FORMATS: [CiteFormat; 3] = [CiteFormat::Text, CiteFormat::Html, CiteFormat::Markdown];

/// The names the core also accepts for a citation markup.
fn cite_format_aliases(format: CiteFormat) -> &'static [&'static str] {
    match format {
        CiteFormat::Text => &["plain", "txt"],
        CiteFormat::Markdown => &["md"],
        CiteFormat::Html => &[],
    }
}

value_enum! {
    /// `cite --format`, `export --markup`: the markup of formatted references.
    CiteFormatArg(CiteFormat), values = CITE_FORMATS, code = CiteFormat::code, aliases = cite_format_aliases
}

value_enum! {
    /// `import --on-conflict`: what an import does with a stored value the file gives
    /// differently.
    OnConflictArg(OnConflict), values = ON_CONFLICTS, code = on_conflict_code, aliases = none
}

value_enum! {
    /// `--sort`: the order of hits.
    SortArg(Sort), values = SORTS, code = Sort::as_str, aliases = sort_aliases
}

value_enum! {
    /// `--facets`: a facet to count.
    FacetArg(Facet), values = Facet::ALL, code = Facet::as_str, aliases = none
}

value_enum! {
    /// `--kind`: a publication kind.
    KindArg(Kind), values = Kind::ALL.iter().copied(), code = Kind::as_str, aliases = none
}

value_enum! {
    /// `--role`: a contributor role.
    RoleArg(Role), values = Role::ALL.iter().copied(), code = Role::as_str, aliases = none
}

value_enum! {
    /// `list concepts --scheme`: a concept scheme.
    SchemeArg(Scheme), values = Scheme::ALL.iter().copied(), code = Scheme::as_str, aliases = none
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Every value's name and alias is read by the core as that very value.
    fn names_parse_back<T, C>(to_core: impl Fn(&T) -> C)
    where
        T: ValueEnum,
        C: std::str::FromStr + PartialEq + std::fmt::Debug,
        C::Err: std::fmt::Debug,
    {
        assert!(!T::value_variants().is_empty());
        for value in T::value_variants() {
            let possible = value.to_possible_value().unwrap();
            for name in possible.get_name_and_aliases() {
                assert_eq!(name.parse::<C>().unwrap(), to_core(value), "{name}");
            }
        }
    }

    #[test]
    fn every_value_is_the_cores() {
        names_parse_back(|v: &ImportFormat| v.0);
        names_parse_back(|v: &ExportFormat| v.0);
        names_parse_back(|v: &SortArg| v.0);
        names_parse_back(|v: &FacetArg| v.0);
        names_parse_back(|v: &KindArg| v.0);
        names_parse_back(|v: &RoleArg| v.0);
        names_parse_back(|v: &SchemeArg| v.0);
        names_parse_back(|v: &OnConflictArg| v.0);
        names_parse_back(|v: &CiteFormatArg| v.0);
    }

    #[test]
    fn policy_names_are_the_cores_serde_names() {
        for policy in ON_CONFLICTS {
            let json = serde_json::to_value(policy).unwrap();
            assert_eq!(json, on_conflict_code(policy), "{policy:?}");
        }
    }

    #[test]
    fn export_formats_are_the_import_formats_but_auto() {
        let names = |values: Vec<Option<PossibleValue>>| -> Vec<String> {
            values
                .into_iter()
                .map(|v| v.unwrap().get_name().to_owned())
                .collect()
        };
        let import = names(
            ImportFormat::value_variants()
                .iter()
                .map(ValueEnum::to_possible_value)
                .collect(),
        );
        let export = names(
            ExportFormat::value_variants()
                .iter()
                .map(ValueEnum::to_possible_value)
                .collect(),
        );
        assert_eq!(import[0], "auto");
        assert_eq!(import[1..], export[..]);
        assert_eq!(
            export,
            ["json", "jsonl", "csv", "listing", "csl-json", "bibtex", "ris"]
        );
    }

    #[test]
    fn sorts_are_every_sort() {
        // A sort added to the core without a name here fails to parse back.
        for name in ["relevance", "date_desc", "date_asc", "title", "added"] {
            let sort: Sort = name.parse().unwrap();
            assert!(SORTS.contains(&sort), "{name}");
        }
    }
}
