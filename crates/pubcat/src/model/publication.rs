//! The write form of a publication: one language version of a work.

use serde::{Deserialize, Serialize};

use super::vocab::{IdScheme, Kind, LinkKind, Role};

/// Declares a publication struct with the fields every form of a publication has, written in
/// one place: the write form ([`Publication`]) and the read form
/// ([`PublicationRecord`](super::PublicationRecord)) differ only in the fields before and after
/// them (references as uids, or resolved) and in how empty values serialise (the first two
/// bracketed attribute lists go on optional values and on flags: the write form omits them when
/// empty, and gives them defaults in the UniFFI bindings). A new scalar field of a publication is
/// added here, once, and reaches every binding from here.
macro_rules! with_publication_fields {
    (
        [$(#[$optional:meta])*] [$(#[$flag:meta])*]
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$head_meta:meta])* pub $head:ident : $head_ty:ty,)*
            ..
            $($(#[$tail_meta:meta])* pub $tail:ident : $tail_ty:ty,)*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$head_meta])* pub $head: $head_ty,)*
            /// BCP 47 language tag; normalised on write (`FR` → `fr`).
            pub language: String,
            /// Whether this is the version the others were translated from.
            $(#[$flag])*
            pub original: bool,
            /// Title (required, non-empty).
            pub title: String,
            /// Subtitle.
            $(#[$optional])*
            pub subtitle: Option<String>,
            /// Summary or abstract.
            $(#[$optional])*
            pub summary: Option<String>,
            /// Whether the summary is a truncated excerpt (a listing's "[…]").
            $(#[$flag])*
            pub summary_is_excerpt: bool,
            /// Full text, searchable.
            $(#[$optional])*
            pub body: Option<String>,
            /// What it is.
            pub kind: Kind,
            /// Number of pages (of a report, a book), when known; at least 1.
            $(#[$optional])*
            pub pages: Option<i32>,
            $($(#[$tail_meta])* pub $tail: $tail_ty,)*
        }
    };
}
pub(crate) use with_publication_fields;

with_publication_fields! {
    [
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
    ]
    [
        #[serde(default, skip_serializing_if = "is_false")]
        #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    ]
    /// One language version of a work, as written to the catalogue.
    ///
    /// Other entities are referred to by uid: they must exist before the publication is written
    /// (agents, projects, series, concepts). Upserting the same value twice changes nothing.
    ///
    /// ```
    /// use pubcat::model::{Publication, Kind};
    /// let mut p = Publication::new("ipis-m23-2012", "en", "Mapping Conflict Motives: M23", Kind::Report);
    /// p.date = Some("2012".into());
    /// assert_eq!(p.language, "en");
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
    #[serde(deny_unknown_fields)]
    pub struct Publication {
        /// Stable key chosen by the caller.
        pub uid: String,
        /// The work this is a language version of (its uid). `None` on a new publication starts
        /// a new work named after the publication; on an existing one it keeps the current work.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub work: Option<String>,
        ..
        /// Publication date as EDTF (`2012`, `2021-07`, `2024-02-15`, `2012~`, `2016/2017`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub date: Option<String>,
        /// The series it belongs to (uid).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub series: Option<String>,
        /// Its number in the series.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub series_number: Option<String>,
        /// Authors, editors, funders ... in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub contributors: Vec<Contributor>,
        /// Projects it came out of (uids).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub projects: Vec<String>,
        /// Concepts it is about (uids).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub concepts: Vec<String>,
        /// DOI, ISBN, URL ...
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub identifiers: Vec<Identifier>,
        /// Landing page, PDF, files.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        pub links: Vec<Link>,
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Publication {
    /// A publication with the required fields set and everything else empty.
    pub fn new(
        uid: impl Into<String>,
        language: impl Into<String>,
        title: impl Into<String>,
        kind: Kind,
    ) -> Self {
        Publication {
            uid: uid.into(),
            work: None,
            language: language.into(),
            original: false,
            title: title.into(),
            subtitle: None,
            summary: None,
            summary_is_excerpt: false,
            body: None,
            kind,
            pages: None,
            date: None,
            series: None,
            series_number: None,
            contributors: Vec::new(),
            projects: Vec::new(),
            concepts: Vec::new(),
            identifiers: Vec::new(),
            links: Vec::new(),
        }
    }
}

/// An agent's part in a publication.
///
/// ```
/// use pubcat::model::{Contributor, Role};
/// let c = Contributor::new("levin-sources", Role::Author);
/// assert_eq!(c.role, Role::Author);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Contributor {
    /// The agent's uid.
    pub agent: String,
    /// What the agent did.
    pub role: Role,
    /// Affiliation as printed on the publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub affiliation: Option<String>,
}

impl Contributor {
    /// A contributor without affiliation.
    pub fn new(agent: impl Into<String>, role: Role) -> Self {
        Contributor {
            agent: agent.into(),
            role,
            affiliation: None,
        }
    }
}

/// An identifier of a publication, agent or concept.
///
/// ```
/// use pubcat::model::{Identifier, IdScheme};
/// let doi = Identifier::new(IdScheme::Doi, "10.1234/ABC");
/// assert_eq!(doi.normalized().unwrap().value, "10.1234/abc");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Identifier {
    /// The scheme.
    pub scheme: IdScheme,
    /// The value, normalised on write.
    pub value: String,
}

impl Identifier {
    /// A new identifier (not yet normalised).
    pub fn new(scheme: IdScheme, value: impl Into<String>) -> Self {
        Identifier {
            scheme,
            value: value.into(),
        }
    }

    /// The canonical form: DOIs lower-case without resolver prefix, ORCID without URL,
    /// ISBN without hyphens or spaces, everything trimmed.
    pub fn normalized(&self) -> crate::Result<Identifier> {
        let raw = self.value.trim();
        if raw.len() > super::MAX_SHORT_TEXT || raw.contains('\0') {
            return Err(crate::Error::invalid(
                self.scheme.as_str(),
                format!(
                    "an identifier is at most {} bytes, without NUL characters",
                    super::MAX_SHORT_TEXT
                ),
            ));
        }
        let value = match self.scheme {
            IdScheme::Doi => {
                let lower = raw.to_lowercase();
                let stripped = [
                    "https://doi.org/",
                    "http://doi.org/",
                    "https://dx.doi.org/",
                    "http://dx.doi.org/",
                    "doi:",
                ]
                .iter()
                .find_map(|prefix| lower.strip_prefix(prefix).map(str::to_owned))
                .unwrap_or(lower);
                if !stripped.starts_with("10.") || !stripped.contains('/') {
                    return Err(crate::Error::invalid(
                        "doi",
                        format!("`{raw}` is not a DOI (10.xxxx/…)"),
                    ));
                }
                stripped
            }
            IdScheme::Isbn | IdScheme::Issn => {
                let compact: String = raw.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
                let compact = compact.to_uppercase();
                let ok_len = if self.scheme == IdScheme::Isbn {
                    [10, 13].contains(&compact.len())
                } else {
                    compact.len() == 8
                };
                if !ok_len || !compact.chars().all(|c| c.is_ascii_digit() || c == 'X') {
                    return Err(crate::Error::invalid(
                        self.scheme.as_str(),
                        format!("`{raw}` is not well formed"),
                    ));
                }
                compact
            }
            IdScheme::Orcid => {
                let id = raw
                    .trim_start_matches("https://orcid.org/")
                    .trim_start_matches("http://orcid.org/");
                let valid = id.len() == 19
                    && id.chars().enumerate().all(|(i, c)| {
                        if [4, 9, 14].contains(&i) {
                            c == '-'
                        } else {
                            c.is_ascii_digit() || (i == 18 && c == 'X')
                        }
                    });
                if !valid {
                    return Err(crate::Error::invalid(
                        "orcid",
                        format!("`{raw}` is not an ORCID iD (0000-0000-0000-0000)"),
                    ));
                }
                id.to_owned()
            }
            IdScheme::Url => {
                if !(raw.starts_with("https://") || raw.starts_with("http://"))
                    || raw.contains(char::is_whitespace)
                {
                    return Err(crate::Error::invalid(
                        "url",
                        format!("`{raw}` is not an http(s) URL"),
                    ));
                }
                raw.to_owned()
            }
            _ => {
                if raw.is_empty() || raw.contains(char::is_whitespace) {
                    return Err(crate::Error::invalid(
                        self.scheme.as_str(),
                        format!("`{raw}` is not a valid identifier"),
                    ));
                }
                raw.to_owned()
            }
        };
        Ok(Identifier {
            scheme: self.scheme,
            value,
        })
    }
}

/// A link or file of a publication.
///
/// ```
/// use pubcat::model::{Link, LinkKind};
/// let pdf = Link::new("https://ipisresearch.be/m23.pdf", LinkKind::Pdf);
/// assert_eq!(pdf.kind, LinkKind::Pdf);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Where it is.
    pub url: String,
    /// What it is.
    pub kind: LinkKind,
    /// Media type, e.g. `application/pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub media_type: Option<String>,
    /// A label to show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub label: Option<String>,
}

impl Link {
    /// A link without media type or label.
    pub fn new(url: impl Into<String>, kind: LinkKind) -> Self {
        Link {
            url: url.into(),
            kind,
            media_type: None,
            label: None,
        }
    }
}
