//! Closed vocabularies: publication kinds, contributor roles, concept schemes, identifier
//! schemes, link kinds and DataCite relation types.
//!
//! Each is an enum that reads and writes a stable text code (`review_paper`, `author`,
//! `IsNewVersionOf`, ...) through [`std::str::FromStr`], [`Display`](std::fmt::Display) and
//! serde, so the same codes are used in SQLite, JSON, the CLI and every binding.

use crate::error::Error;

/// Declares a closed vocabulary: the enum, its codes, `FromStr`, `Display` and serde.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[cfg_attr(feature = "json-schema", schemars(rename = $code))]
                $variant
            ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text code of this value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(text: &str) -> Result<Self, Error> {
                match text.trim() {
                    $($code => Ok($name::$variant),)+
                    other => Err(Error::invalid(
                        $field,
                        format!(
                            "unknown value `{}`; expected one of: {}",
                            other.chars().take(80).collect::<String>(),
                            [$($code),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// What a publication is.
    ///
    /// ```
    /// use pubcat::model::Kind;
    /// assert_eq!("review_paper".parse::<Kind>().unwrap(), Kind::ReviewPaper);
    /// assert!("poem".parse::<Kind>().is_err());
    /// ```
    Kind, field = "kind" {
        /// A research report.
        Report => "report",
        /// A short briefing.
        Briefing => "briefing",
        /// A review paper.
        ReviewPaper => "review_paper",
        /// A policy brief.
        PolicyBrief => "policy_brief",
        /// A working paper.
        WorkingPaper => "working_paper",
        /// A (static or web) map.
        Map => "map",
        /// A story map.
        StoryMap => "story_map",
        /// A dataset.
        Dataset => "dataset",
        /// A journal or web article.
        Article => "article",
        /// A book.
        Book => "book",
        /// A book chapter.
        Chapter => "chapter",
        /// A news item.
        News => "news",
        /// A public statement.
        Statement => "statement",
        /// A factsheet.
        Factsheet => "factsheet",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// The role of an agent in a publication.
    ///
    /// ```
    /// use pubcat::model::Role;
    /// assert_eq!(Role::Author.as_str(), "author");
    /// ```
    Role, field = "role" {
        /// Wrote it.
        Author => "author",
        /// Edited it.
        Editor => "editor",
        /// Translated it.
        Translator => "translator",
        /// Commissioned it.
        Commissioner => "commissioner",
        /// Funded it.
        Funder => "funder",
        /// Partnered in it.
        Partner => "partner",
        /// Published it.
        Publisher => "publisher",
        /// Contributed otherwise.
        Contributor => "contributor",
    }
}

vocabulary! {
    /// The role of an agent in a project.
    ///
    /// ```
    /// use pubcat::model::ProjectRole;
    /// assert_eq!("funder".parse::<ProjectRole>().unwrap(), ProjectRole::Funder);
    /// ```
    ProjectRole, field = "project role" {
        /// Leads the project.
        Coordinator => "coordinator",
        /// Takes part in it.
        Partner => "partner",
        /// Pays for it.
        Funder => "funder",
    }
}

vocabulary! {
    /// Whether an agent is a person or an organisation.
    ///
    /// ```
    /// use pubcat::model::AgentKind;
    /// assert_eq!(AgentKind::Organization.as_str(), "organization");
    /// ```
    AgentKind, field = "agent kind" {
        /// A person.
        Person => "person",
        /// An organisation (NGO, consultancy, coalition, institute).
        Organization => "organization",
    }
}

vocabulary! {
    /// A controlled vocabulary that concepts belong to.
    ///
    /// ```
    /// use pubcat::model::Scheme;
    /// assert_eq!("place".parse::<Scheme>().unwrap(), Scheme::Place);
    /// ```
    Scheme, field = "scheme" {
        /// Minerals: tin, tantalum, tungsten, gold, cobalt.
        Mineral => "mineral",
        /// Places: countries, provinces, towns.
        Place => "place",
        /// Actors: armed groups, companies, institutions written about.
        Actor => "actor",
        /// Themes: due diligence, conflict analysis.
        Theme => "theme",
    }
}

vocabulary! {
    /// The scheme of an identifier. Which schemes an entity accepts is checked on write.
    ///
    /// ```
    /// use pubcat::model::IdScheme;
    /// assert_eq!("doi".parse::<IdScheme>().unwrap(), IdScheme::Doi);
    /// ```
    IdScheme, field = "identifier scheme" {
        /// Digital Object Identifier (publications).
        Doi => "doi",
        /// ISBN (publications).
        Isbn => "isbn",
        /// ISSN (publications).
        Issn => "issn",
        /// Handle (publications).
        Handle => "handle",
        /// A web address (publications, agents, concepts).
        Url => "url",
        /// ORCID iD (persons).
        Orcid => "orcid",
        /// Research Organization Registry id (organisations).
        Ror => "ror",
        /// ISNI (agents).
        Isni => "isni",
        /// VIAF (agents).
        Viaf => "viaf",
        /// Wikidata item (agents, concepts).
        Wikidata => "wikidata",
        /// GeoNames id (place concepts).
        Geonames => "geonames",
    }
}

vocabulary! {
    /// What a link of a publication points to.
    ///
    /// ```
    /// use pubcat::model::LinkKind;
    /// assert_eq!(LinkKind::Pdf.as_str(), "pdf");
    /// ```
    LinkKind, field = "link kind" {
        /// The publication's web page.
        LandingPage => "landing_page",
        /// A PDF file.
        Pdf => "pdf",
        /// Another downloadable file.
        File => "file",
        /// A dataset download.
        Dataset => "dataset",
        /// An interactive map.
        Map => "map",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// A DataCite `relationType` between two publications.
    ///
    /// Pairs of inverse types are stored once, in their canonical direction
    /// ([`RelationType::canonical`]); reads derive the inverse.
    ///
    /// ```
    /// use pubcat::model::RelationType;
    /// let (ty, swapped) = RelationType::IsPreviousVersionOf.canonical();
    /// assert_eq!(ty, RelationType::IsNewVersionOf);
    /// assert!(swapped);
    /// ```
    RelationType, field = "relation type" {
        /// The source is a new version (e.g. a "2023 update") of the target.
        IsNewVersionOf => "IsNewVersionOf",
        /// Inverse of `IsNewVersionOf`.
        IsPreviousVersionOf => "IsPreviousVersionOf",
        /// The source is part of the target.
        IsPartOf => "IsPartOf",
        /// Inverse of `IsPartOf`.
        HasPart => "HasPart",
        /// The source supplements the target.
        IsSupplementTo => "IsSupplementTo",
        /// Inverse of `IsSupplementTo`.
        IsSupplementedBy => "IsSupplementedBy",
        /// The source references the target.
        References => "References",
        /// Inverse of `References`.
        IsReferencedBy => "IsReferencedBy",
        /// The source cites the target.
        Cites => "Cites",
        /// Inverse of `Cites`.
        IsCitedBy => "IsCitedBy",
        /// The source is a version of the target.
        IsVersionOf => "IsVersionOf",
        /// Inverse of `IsVersionOf`.
        HasVersion => "HasVersion",
        /// The source continues the target.
        Continues => "Continues",
        /// Inverse of `Continues`.
        IsContinuedBy => "IsContinuedBy",
        /// The source documents the target.
        Documents => "Documents",
        /// Inverse of `Documents`.
        IsDocumentedBy => "IsDocumentedBy",
        /// The source is derived from the target.
        IsDerivedFrom => "IsDerivedFrom",
        /// Inverse of `IsDerivedFrom`.
        IsSourceOf => "IsSourceOf",
        /// The source reviews the target.
        Reviews => "Reviews",
        /// Inverse of `Reviews`.
        IsReviewedBy => "IsReviewedBy",
        /// The source compiles the target.
        Compiles => "Compiles",
        /// Inverse of `Compiles`.
        IsCompiledBy => "IsCompiledBy",
        /// The source is a variant form of the target.
        IsVariantFormOf => "IsVariantFormOf",
        /// Inverse of `IsVariantFormOf`.
        IsOriginalFormOf => "IsOriginalFormOf",
        /// The source describes the target.
        Describes => "Describes",
        /// Inverse of `Describes`.
        IsDescribedBy => "IsDescribedBy",
        /// The source requires the target.
        Requires => "Requires",
        /// Inverse of `Requires`.
        IsRequiredBy => "IsRequiredBy",
        /// The source obsoletes the target.
        Obsoletes => "Obsoletes",
        /// Inverse of `Obsoletes`.
        IsObsoletedBy => "IsObsoletedBy",
        /// Both are the same resource (symmetric).
        IsIdenticalTo => "IsIdenticalTo",
    }
}

impl RelationType {
    /// The inverse relation type (`IsNewVersionOf` ↔ `IsPreviousVersionOf`); symmetric types
    /// are their own inverse.
    ///
    /// ```
    /// use pubcat::model::RelationType;
    /// assert_eq!(RelationType::HasPart.inverse(), RelationType::IsPartOf);
    /// ```
    pub fn inverse(self) -> RelationType {
        use RelationType::*;
        match self {
            IsNewVersionOf => IsPreviousVersionOf,
            IsPreviousVersionOf => IsNewVersionOf,
            IsPartOf => HasPart,
            HasPart => IsPartOf,
            IsSupplementTo => IsSupplementedBy,
            IsSupplementedBy => IsSupplementTo,
            References => IsReferencedBy,
            IsReferencedBy => References,
            Cites => IsCitedBy,
            IsCitedBy => Cites,
            IsVersionOf => HasVersion,
            HasVersion => IsVersionOf,
            Continues => IsContinuedBy,
            IsContinuedBy => Continues,
            Documents => IsDocumentedBy,
            IsDocumentedBy => Documents,
            IsDerivedFrom => IsSourceOf,
            IsSourceOf => IsDerivedFrom,
            Reviews => IsReviewedBy,
            IsReviewedBy => Reviews,
            Compiles => IsCompiledBy,
            IsCompiledBy => Compiles,
            IsVariantFormOf => IsOriginalFormOf,
            IsOriginalFormOf => IsVariantFormOf,
            Describes => IsDescribedBy,
            IsDescribedBy => Describes,
            Requires => IsRequiredBy,
            IsRequiredBy => Requires,
            Obsoletes => IsObsoletedBy,
            IsObsoletedBy => Obsoletes,
            IsIdenticalTo => IsIdenticalTo,
        }
    }

    /// The stored direction of this type and whether source and target must be swapped to
    /// store it. The stored directions are the even entries of [`RelationType::ALL`].
    pub fn canonical(self) -> (RelationType, bool) {
        let index = RelationType::ALL
            .iter()
            .position(|t| *t == self)
            .unwrap_or(0);
        if self == RelationType::IsIdenticalTo || index % 2 == 0 {
            (self, false)
        } else {
            (self.inverse(), true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_unknown_codes_are_typed_errors() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>().unwrap(), *kind);
        }
        for ty in RelationType::ALL {
            assert_eq!(ty.as_str().parse::<RelationType>().unwrap(), *ty);
            assert_eq!(ty.inverse().inverse(), *ty);
            let (canonical, _) = ty.canonical();
            assert_eq!(canonical.canonical(), (canonical, false));
        }
        let err = "Report".parse::<Kind>().unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        assert!("author ".parse::<Role>().is_ok());
        assert!("reader".parse::<Role>().is_err());
        let json = serde_json::to_string(&Kind::StoryMap).unwrap();
        assert_eq!(json, "\"story_map\"");
        assert!(serde_json::from_str::<Kind>("\"novel\"").is_err());
    }
}
