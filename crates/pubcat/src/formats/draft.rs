//! [`Draft`]: a publication as a flat or bibliographic format gives it (CSV, CSL-JSON,
//! BibTeX, RIS, listings), before its agents and series are resolved and before it is merged
//! with the publication it matches.
//!
//! Merge rule: a field the draft leaves empty keeps the stored value, so importing a file
//! never deletes data it cannot express. Contributors are replaced role by role (the roles
//! the draft names; a contributor without affiliation keeps the stored one), links kind by
//! kind; identifiers are added, never removed; a summary that differs from the stored one
//! only in spacing (RIS loses paragraph breaks) keeps the stored text, and a date that
//! says the stored date less precisely (`2016` for `2016/2017`) keeps the stored date.

use super::text::collapse_spaces;
use crate::model::{
    AgentKind, Contributor, Identifier, Kind, Link, PartialDate, Publication, Role,
};

/// How a format names an agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AgentRef {
    /// A name, matched against the agents' names or created.
    Name(AgentName),
    /// A stored agent's uid if there is one, else a name (CSV's `contributors` column).
    UidOrName(String),
}

/// An agent's name as a format gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct AgentName {
    /// Display name ("Jean-Paul Lonema", "IPIS").
    pub display: String,
    /// Given name(s), when the format separates them.
    pub given: Option<String>,
    /// Family name, when the format separates them.
    pub family: Option<String>,
    /// Person or organisation, when the format says (else guessed from the name).
    pub kind: Option<AgentKind>,
}

impl AgentName {
    /// A name with only a display form.
    pub fn display(name: impl Into<String>) -> AgentName {
        AgentName {
            display: name.into(),
            ..AgentName::default()
        }
    }

    /// A person with family and given names; the display form is "Given Family".
    pub fn person(family: &str, given: Option<&str>) -> AgentName {
        let family = family.trim();
        let given = given.map(str::trim).filter(|g| !g.is_empty());
        AgentName {
            display: match given {
                Some(given) => format!("{given} {family}"),
                None => family.to_owned(),
            },
            given: given.map(str::to_owned),
            family: Some(family.to_owned()),
            kind: Some(AgentKind::Person),
        }
    }

    /// An organisation (or any name the format marks as literal).
    pub fn literal(name: &str) -> AgentName {
        AgentName::display(name.trim())
    }
}

/// A contributor before its agent is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftContributor {
    /// The agent.
    pub agent: AgentRef,
    /// Its role.
    pub role: Role,
    /// Affiliation as printed.
    pub affiliation: Option<String>,
    /// Whether a name ending in `(…)` carries the affiliation there (`Ana Kiza (IMPACT)`),
    /// unless an agent has the whole text as its name.
    pub affiliation_in_name: bool,
}

impl DraftContributor {
    /// A contributor named by text, without affiliation.
    pub fn named(name: AgentName, role: Role) -> Self {
        DraftContributor {
            agent: AgentRef::Name(name),
            role,
            affiliation: None,
            affiliation_in_name: false,
        }
    }
}

/// A publication as read from a flat format. `None`/empty means "the file does not say".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Draft {
    /// The uid the file gives (CSV `uid`, CSL `id`, BibTeX key, RIS `ID`).
    pub uid: Option<String>,
    /// The work uid.
    pub work: Option<String>,
    /// BCP 47 tag.
    pub language: Option<String>,
    /// Whether `language` was guessed from the text (listings) rather than given by the
    /// file: a guess does not decide which stored publication matches, nor replace the
    /// stored language.
    pub language_guessed: bool,
    /// Whether it is the original version.
    pub original: Option<bool>,
    /// Title (required by every format).
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Whether the summary is an excerpt, when the format says.
    pub summary_is_excerpt: Option<bool>,
    /// Kind.
    pub kind: Option<Kind>,
    /// EDTF date.
    pub date: Option<String>,
    /// Series uid or name.
    pub series: Option<String>,
    /// Number in the series.
    pub series_number: Option<String>,
    /// Page count.
    pub pages: Option<i32>,
    /// Contributors in order.
    pub contributors: Vec<DraftContributor>,
    /// Project uids (must exist).
    pub projects: Vec<String>,
    /// Concept uids (must exist).
    pub concepts: Vec<String>,
    /// Identifiers (DOI, ISBN, URL ...).
    pub identifiers: Vec<Identifier>,
    /// Links.
    pub links: Vec<Link>,
}

/// A draft whose agents and series are resolved to uids, ready to merge.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    /// The draft's scalar fields.
    pub draft: Draft,
    /// Series uid.
    pub series: Option<String>,
    /// Contributors with agent uids.
    pub contributors: Vec<Contributor>,
}

impl Resolved {
    /// The publication to write under `uid`, merged with what is stored (`existing`).
    pub fn merge(self, uid: String, existing: Option<Publication>) -> Publication {
        let Resolved {
            draft: d,
            series,
            contributors,
        } = self;
        let Some(old) = existing else {
            return Publication {
                uid,
                work: d.work,
                language: d.language.unwrap_or_else(|| "und".to_owned()),
                original: d.original.unwrap_or(false),
                title: d.title,
                summary_is_excerpt: d.summary.is_some() && d.summary_is_excerpt.unwrap_or(false),
                subtitle: d.subtitle,
                summary: d.summary,
                body: None,
                kind: d.kind.unwrap_or(Kind::Report),
                pages: d.pages,
                date: d.date,
                series_number: d.series_number.filter(|_| series.is_some()),
                series,
                contributors,
                projects: d.projects,
                concepts: d.concepts,
                identifiers: d.identifiers,
                links: d.links,
            };
        };
        let summary_is_excerpt = match (&d.summary, d.summary_is_excerpt) {
            (None, _) => old.summary_is_excerpt,
            (Some(_), Some(flag)) => flag,
            (Some(text), None) => {
                old.summary_is_excerpt
                    && old
                        .summary
                        .as_deref()
                        .is_some_and(|o| collapse_spaces(o) == collapse_spaces(text))
            }
        };
        let (series, series_number) = match series {
            Some(uid) if old.series.as_ref() == Some(&uid) => {
                (Some(uid), d.series_number.or(old.series_number))
            }
            Some(uid) => (Some(uid), d.series_number),
            None => (old.series, old.series_number),
        };
        let merged_contributors = merge_contributors(contributors, old.contributors);
        let mut identifiers = old.identifiers;
        for id in d.identifiers {
            if !identifiers.contains(&id) {
                identifiers.push(id);
            }
        }
        let link_kinds: Vec<_> = d.links.iter().map(|l| l.kind).collect();
        let same_link = |a: &Link, b: &Link| a.url == b.url && a.kind == b.kind;
        let mut links: Vec<Link> = old
            .links
            .iter()
            .filter(|l| !link_kinds.contains(&l.kind) || d.links.iter().any(|n| same_link(n, l)))
            .cloned()
            .collect();
        for link in d.links {
            if !links.iter().any(|l| same_link(l, &link)) {
                links.push(link);
            }
        }
        let summary = match (d.summary, old.summary) {
            (Some(new), Some(old)) if collapse_spaces(&new) == collapse_spaces(&old) => Some(old),
            (new, old) => new.or(old),
        };
        let or_old = |new: Vec<String>, old: Vec<String>| if new.is_empty() { old } else { new };
        Publication {
            uid,
            work: d.work.or(old.work),
            language: match d.language {
                Some(language) if !d.language_guessed => language,
                _ => old.language,
            },
            original: d.original.unwrap_or(old.original),
            title: d.title,
            subtitle: d.subtitle.or(old.subtitle),
            summary,
            summary_is_excerpt,
            body: old.body,
            kind: d.kind.unwrap_or(old.kind),
            pages: d.pages.or(old.pages),
            date: match (d.date, old.date) {
                (Some(new), Some(old)) if coarser_or_equal(&new, &old) => Some(old),
                (new, old) => new.or(old),
            },
            series,
            series_number,
            contributors: merged_contributors,
            projects: or_old(d.projects, old.projects),
            concepts: or_old(d.concepts, old.concepts),
            identifiers,
            links,
        }
    }
}

/// The stored contributors with those of the roles `incoming` names replaced by `incoming`'s
/// (in place of the first stored contributor of that role; roles new to the publication go
/// last). An incoming contributor without affiliation keeps the stored one.
fn merge_contributors(incoming: Vec<Contributor>, stored: Vec<Contributor>) -> Vec<Contributor> {
    let incoming: Vec<Contributor> = incoming
        .into_iter()
        .map(|mut c| {
            if c.affiliation.is_none() {
                c.affiliation = stored
                    .iter()
                    .find(|o| o.agent == c.agent && o.role == c.role)
                    .and_then(|o| o.affiliation.clone());
            }
            c
        })
        .collect();
    let mut roles: Vec<Role> = Vec::new();
    for c in &incoming {
        if !roles.contains(&c.role) {
            roles.push(c.role);
        }
    }
    let of_role = |role: Role| incoming.iter().filter(move |c| c.role == role).cloned();
    let mut placed: Vec<Role> = Vec::new();
    let mut merged = Vec::with_capacity(stored.len().max(incoming.len()));
    for c in stored {
        if !roles.contains(&c.role) {
            merged.push(c);
        } else if !placed.contains(&c.role) {
            placed.push(c.role);
            merged.extend(of_role(c.role));
        }
    }
    for role in roles.iter().filter(|r| !placed.contains(r)) {
        merged.extend(of_role(*role));
    }
    merged
}

/// Whether `incoming` is `stored` said less precisely (`2016` for `2016/2017`, `2021-07` for
/// `2021-07~`): the span of `incoming` contains the start of `stored`.
fn coarser_or_equal(incoming: &str, stored: &str) -> bool {
    match (PartialDate::parse(incoming), PartialDate::parse(stored)) {
        (Ok(incoming), Ok(stored)) => {
            incoming.lower() <= stored.lower() && stored.lower() <= incoming.upper()
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::IdScheme;

    fn stored() -> Publication {
        let mut p = Publication::new("m23", "en", "M23", Kind::Report);
        p.summary = Some("Short".into());
        p.summary_is_excerpt = true;
        p.concepts = vec!["m23".into()];
        p.contributors = vec![
            Contributor::new("ipis", Role::Author),
            Contributor::new("eu", Role::Funder),
        ];
        p.identifiers = vec![
            Identifier::new(IdScheme::Doi, "10.1/x"),
            Identifier::new(IdScheme::Url, "https://a.example"),
        ];
        p.series = Some("mcm".into());
        p.series_number = Some("4".into());
        p
    }

    #[test]
    fn empty_fields_keep_stored_values() {
        let draft = Draft {
            title: "M23 (updated)".into(),
            summary: Some("Short".into()),
            identifiers: vec![Identifier::new(IdScheme::Url, "https://b.example")],
            ..Draft::default()
        };
        let resolved = Resolved {
            draft,
            series: Some("mcm".into()),
            contributors: vec![Contributor::new("levin", Role::Author)],
        };
        let p = resolved.merge("m23".into(), Some(stored()));
        assert_eq!(p.title, "M23 (updated)");
        assert!(p.summary_is_excerpt, "same summary keeps its excerpt flag");
        assert_eq!(p.concepts, ["m23"]);
        assert_eq!(p.series_number.as_deref(), Some("4"));
        let agents: Vec<_> = p.contributors.iter().map(|c| c.agent.as_str()).collect();
        assert_eq!(agents, ["levin", "eu"], "authors replaced, funder kept");
        assert_eq!(
            p.identifiers.len(),
            3,
            "identifiers are added, never removed"
        );
        assert!(p.identifiers.iter().any(|i| i.value == "https://a.example"));
        assert!(p.identifiers.iter().any(|i| i.value == "https://b.example"));
        assert!(p.identifiers.iter().any(|i| i.value == "10.1/x"));
    }

    #[test]
    fn new_publications_get_defaults() {
        let resolved = Resolved {
            draft: Draft {
                title: "T".into(),
                series_number: Some("3".into()),
                summary_is_excerpt: Some(true),
                ..Draft::default()
            },
            series: None,
            contributors: Vec::new(),
        };
        let p = resolved.merge("t".into(), None);
        assert_eq!((p.language.as_str(), p.kind), ("und", Kind::Report));
        assert_eq!(p.series_number, None, "a number without series is dropped");
        assert!(!p.summary_is_excerpt, "no summary, no excerpt");
        assert_eq!(
            AgentName::person("Lonema", Some("Jean-Paul")).display,
            "Jean-Paul Lonema"
        );
    }
    #[test]
    fn contributors_are_replaced_role_by_role_in_place() {
        let c = |agent: &str, role: Role| Contributor::new(agent, role);
        let stored = vec![
            c("a", Role::Author),
            c("b", Role::Editor),
            c("c", Role::Author),
        ];
        let incoming = vec![
            c("c", Role::Author),
            c("d", Role::Translator),
            c("a", Role::Author),
        ];
        let merged = merge_contributors(incoming, stored);
        let order: Vec<(&str, Role)> = merged.iter().map(|m| (m.agent.as_str(), m.role)).collect();
        assert_eq!(
            order,
            [
                ("c", Role::Author),
                ("a", Role::Author),
                ("b", Role::Editor),
                ("d", Role::Translator)
            ]
        );
    }

    #[test]
    fn less_precise_dates_keep_the_stored_one() {
        assert!(coarser_or_equal("2016", "2016/2017"));
        assert!(coarser_or_equal("2021-07", "2021-07~"));
        assert!(coarser_or_equal("2012", "2012-05-03"));
        assert!(
            !coarser_or_equal("2012-05-03", "2012"),
            "a more precise date wins"
        );
        assert!(!coarser_or_equal("2013", "2012-05"));
        assert!(!coarser_or_equal("someday", "2012"));
    }
}
