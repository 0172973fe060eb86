//! Mirrors of the core's closed vocabularies as UniFFI enums (Kotlin `enum class`, Swift
//! `enum`), with lossless conversions both ways.

/// Declares a UniFFI enum with the same variants as a core enum, and `From` both ways.
macro_rules! mirror_enum {
    (
        $(#[$meta:meta])*
        $name:ident = $core:path {
            $( $(#[$vmeta:meta])* $variant:ident ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        // Variants mean what they mean in the core type.
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl From<$core> for $name {
            fn from(value: $core) -> Self {
                type Core = $core;
                match value {
                    $( Core::$variant => $name::$variant ),+
                }
            }
        }

        impl From<$name> for $core {
            fn from(value: $name) -> Self {
                type Core = $core;
                match value {
                    $( $name::$variant => Core::$variant ),+
                }
            }
        }
    };
}

mirror_enum! {
    /// The kind of a publication.
    Kind = pubcat::model::Kind {
        Report, Briefing, ReviewPaper, PolicyBrief, WorkingPaper, Map, StoryMap, Dataset,
        Article, Book, Chapter, News, Statement, Factsheet, Other,
    }
}

mirror_enum! {
    /// The role of a contributor to a publication.
    Role = pubcat::model::Role {
        Author, Editor, Translator, Commissioner, Funder, Partner, Publisher, Contributor,
    }
}

mirror_enum! {
    /// The role of an agent in a project.
    ProjectRole = pubcat::model::ProjectRole { Coordinator, Partner, Funder }
}

mirror_enum! {
    /// A person or an organisation.
    AgentKind = pubcat::model::AgentKind { Person, Organization }
}

mirror_enum! {
    /// A controlled vocabulary of concepts.
    Scheme = pubcat::model::Scheme { Mineral, Place, Actor, Theme }
}

mirror_enum! {
    /// The scheme of an external identifier.
    IdScheme = pubcat::model::IdScheme {
        Doi, Isbn, Issn, Handle, Url, Orcid, Ror, Isni, Viaf, Wikidata, Geonames,
    }
}

mirror_enum! {
    /// What a link of a publication points to.
    LinkKind = pubcat::model::LinkKind { LandingPage, Pdf, File, Dataset, Map, Other }
}

mirror_enum! {
    /// A DataCite relation type between two publications (inverse pairs are stored once).
    RelationType = pubcat::model::RelationType {
        IsNewVersionOf, IsPreviousVersionOf, IsPartOf, HasPart, IsSupplementTo,
        IsSupplementedBy, References, IsReferencedBy, Cites, IsCitedBy, IsVersionOf,
        HasVersion, Continues, IsContinuedBy, Documents, IsDocumentedBy, IsDerivedFrom,
        IsSourceOf, Reviews, IsReviewedBy, Compiles, IsCompiledBy, IsVariantFormOf,
        IsOriginalFormOf, Describes, IsDescribedBy, Requires, IsRequiredBy, Obsoletes,
        IsObsoletedBy, IsIdenticalTo,
    }
}

mirror_enum! {
    /// What a write did.
    Upsert = pubcat::Upsert { Added, Updated, Unchanged }
}

mirror_enum! {
    /// Whether a change-log entry wrote or deleted its entity.
    ChangeOp = pubcat::model::ChangeOp { Upsert, Delete }
}

mirror_enum! {
    /// The order of search hits.
    Sort = pubcat::query::Sort {
        /// Best match first; needs search text, else newest first.
        Relevance,
        /// Newest first; undated last.
        DateDesc,
        /// Oldest first; undated last.
        DateAsc,
        /// By title, case-insensitively.
        Title,
    }
}

mirror_enum! {
    /// A facet to count over the whole match set (its key in `SearchPage.facets` is the
    /// lower-case name: `language`, `kind`, ...).
    Facet = pubcat::query::Facet {
        Language, Kind, Year, Project, Series, Agent, Mineral, Place, Actor, Theme,
    }
}
