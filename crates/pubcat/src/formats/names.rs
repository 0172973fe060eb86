//! Resolving agents and series that flat formats name by text: match an existing record by
//! name (case and spacing ignored; agents also by name variants, acronym and "Family,
//! Given"), or create one with a uid slugged from the name.

use std::collections::HashMap;

use super::draft::AgentName;
use super::text::slug;
use crate::error::Result;
use crate::model::{Agent, AgentKind, Series};
use crate::store::lookup;
use crate::store::writer::Writer;
use crate::store::{agents, find_id, series, Table};

/// Words that mark a name as an organisation's (compared in lower case, whole words).
const ORGANISATION_WORDS: &[&str] = &[
    "agency",
    "alliance",
    "asbl",
    "association",
    "bank",
    "bureau",
    "campaign",
    "center",
    "centre",
    "coalition",
    "college",
    "commission",
    "committee",
    "company",
    "consortium",
    "council",
    "department",
    "fondation",
    "forum",
    "foundation",
    "fund",
    "gmbh",
    "group",
    "inc",
    "initiative",
    "institut",
    "institute",
    "international",
    "ipis",
    "laboratory",
    "league",
    "ltd",
    "ministere",
    "ministry",
    "network",
    "ngo",
    "ngos",
    "observatory",
    "office",
    "organisation",
    "organization",
    "partnership",
    "programme",
    "program",
    "project",
    "reseau",
    "research",
    "sarl",
    "secretariat",
    "service",
    "services",
    "society",
    "sources",
    "trust",
    "union",
    "universite",
    "university",
    "watch",
];

/// Guesses whether a bare name is a person's or an organisation's: organisation when it
/// contains a word such as Institute, Sources, NGO, coalition, IPIS (see the source for the
/// list), is a single all-capitals word (an acronym), or has more than five words.
pub fn guess_agent_kind(name: &str) -> AgentKind {
    let key = slug(name);
    let words: Vec<&str> = key.split('-').filter(|w| !w.is_empty()).collect();
    let acronym = words.len() == 1
        && name.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !name.chars().any(char::is_lowercase);
    if acronym || words.len() > 5 || words.iter().any(|w| ORGANISATION_WORDS.contains(w)) {
        AgentKind::Organization
    } else {
        AgentKind::Person
    }
}

/// Reads a name written as text: `Family, Given` (or `Family, Suffix, Given`) is a person;
/// anything else is a display name whose kind is guessed when the agent is created.
pub(crate) fn read_name_text(text: &str) -> AgentName {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [family, given] | [family, _, given] if !family.is_empty() && !given.is_empty() => {
            AgentName::person(family, Some(given))
        }
        _ => AgentName::display(text),
    }
}

/// The key names are compared by: lower case, spacing collapsed, "Family, Given" read as
/// "Given Family".
fn name_key(name: &str) -> String {
    let name = match name.split_once(',') {
        Some((family, given)) if !given.contains(',') && !given.trim().is_empty() => {
            format!("{} {}", given.trim(), family.trim())
        }
        _ => name.to_owned(),
    };
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a person's bare name into (given, family): "Family, Given" or "Given … Family".
fn split_person(name: &str) -> (Option<String>, Option<String>) {
    if let Some((family, given)) = name.split_once(',') {
        let (family, given) = (family.trim(), given.trim());
        if !family.is_empty() && !given.is_empty() {
            return (Some(given.to_owned()), Some(family.to_owned()));
        }
    }
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => (
            Some(given.trim().to_owned()),
            Some(family.trim().to_owned()),
        ),
        None => (None, Some(name.trim().to_owned())),
    }
}

/// A uid based on `base` that no row of `table` uses yet: `base`, `base-2`, `base-3`, …
pub(crate) fn free_uid(w: &Writer<'_>, table: Table, base: &str) -> Result<String> {
    let base = if base.is_empty() { "item" } else { base };
    let mut candidate = base.to_owned();
    let mut n = 1;
    while find_id(w.conn(), table, &candidate)?.is_some() {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}

/// The agents of the catalogue by name key, loaded on first use and kept up to date with
/// the agents this import creates.
#[derive(Debug, Default)]
pub(crate) struct AgentDirectory {
    by_key: Option<HashMap<String, String>>,
}

impl AgentDirectory {
    fn load(w: &Writer<'_>) -> Result<HashMap<String, String>> {
        let (primary, secondary) = lookup::agent_names(w.conn())?;
        let mut map = HashMap::new();
        // Display names first: a display name wins over another agent's other name.
        for (uid, name) in primary.into_iter().chain(secondary) {
            map.entry(name_key(&name)).or_insert(uid);
        }
        Ok(map)
    }

    /// Records an agent written by this import (native records), if the directory is loaded.
    pub fn note(&mut self, agent: &Agent) {
        if let Some(map) = &mut self.by_key {
            map.entry(name_key(&agent.name))
                .or_insert_with(|| agent.uid.clone());
        }
    }

    /// The uid of the agent called `name`, if there is one.
    pub fn find(&mut self, w: &Writer<'_>, name: &str) -> Result<Option<String>> {
        if self.by_key.is_none() {
            self.by_key = Some(Self::load(w)?);
        }
        Ok(self
            .by_key
            .as_ref()
            .and_then(|map| map.get(&name_key(name)))
            .cloned())
    }

    /// The uid of the agent called `name`, creating it (person or organisation, guessed when
    /// the format does not say) when no agent has that name. Returns whether it was created.
    pub fn resolve(&mut self, w: &mut Writer<'_>, name: &AgentName) -> Result<(String, bool)> {
        if let Some(uid) = self.find(w, &name.display)? {
            return Ok((uid, false));
        }
        let key = name_key(&name.display);
        let kind = name.kind.unwrap_or_else(|| guess_agent_kind(&name.display));
        let uid = free_uid(w, Table::Agent, &slug(&name.display))?;
        let mut agent = Agent::new(uid.clone(), kind, name.display.trim());
        if kind == AgentKind::Person {
            let (given, family) = match (&name.given, &name.family) {
                (None, None) => split_person(&name.display),
                (given, family) => (given.clone(), family.clone()),
            };
            agent.given = given;
            agent.family = family;
            if name.display.contains(',') {
                agent.name = match (&agent.given, &agent.family) {
                    (Some(g), Some(f)) => format!("{g} {f}"),
                    _ => agent.name,
                };
            }
        }
        agents::upsert_in(w, &agent)?;
        if let Some(map) = &mut self.by_key {
            map.insert(key, uid.clone());
            map.entry(name_key(&agent.name))
                .or_insert_with(|| uid.clone());
        }
        Ok((uid, true))
    }
}

/// The series of the catalogue by uid and name, loaded on first use.
#[derive(Debug, Default)]
pub(crate) struct SeriesDirectory {
    by_key: Option<HashMap<String, String>>,
}

impl SeriesDirectory {
    /// The uid of the series whose uid or name is `text`, creating a series named `text`
    /// when there is none. Returns whether it was created.
    pub fn resolve(&mut self, w: &mut Writer<'_>, text: &str) -> Result<(String, bool)> {
        let text = text.trim();
        if find_id(w.conn(), Table::Series, text)?.is_some() {
            return Ok((text.to_owned(), false));
        }
        if self.by_key.is_none() {
            let mut map = HashMap::new();
            for (uid, name) in lookup::series_names(w.conn())? {
                map.entry(name_key(&name)).or_insert(uid);
            }
            self.by_key = Some(map);
        }
        let key = name_key(text);
        if let Some(uid) = self.by_key.as_ref().and_then(|map| map.get(&key)) {
            return Ok((uid.clone(), false));
        }
        let uid = free_uid(w, Table::Series, &slug(text))?;
        series::upsert_in(w, &Series::new(uid.clone(), text))?;
        if let Some(map) = &mut self.by_key {
            map.insert(key, uid.clone());
        }
        Ok((uid, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(name_key("Lonema,  Jean-Paul"), name_key("jean-paul LONEMA"));
        assert_ne!(name_key("IPIS"), name_key("IPIS Research"));
    }

    #[test]
    fn kinds_and_name_parts_are_guessed() {
        assert_eq!(
            guess_agent_kind("Coalition of European NGOs"),
            AgentKind::Organization
        );
        assert_eq!(
            guess_agent_kind("Université de Kinshasa"),
            AgentKind::Organization
        );
        assert_eq!(guess_agent_kind("Ana Kiza"), AgentKind::Person);
        assert_eq!(guess_agent_kind("Madonna"), AgentKind::Person);
        assert_eq!(
            split_person("Lonema, Jean-Paul"),
            (Some("Jean-Paul".into()), Some("Lonema".into()))
        );
        assert_eq!(
            split_person("Ana Maria Kiza"),
            (Some("Ana Maria".into()), Some("Kiza".into()))
        );
        assert_eq!(split_person("Madonna"), (None, Some("Madonna".into())));
    }
}

/// The examples of this module's items (crate-private, so not doc tests).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod examples {
    #[test]
    fn example_guess_agent_kind() {
        use crate::{formats::names::guess_agent_kind, model::AgentKind};
        assert_eq!(guess_agent_kind("Levin Sources"), AgentKind::Organization);
        assert_eq!(guess_agent_kind("IMPACT"), AgentKind::Organization);
        assert_eq!(guess_agent_kind("Jean-Paul Lonema"), AgentKind::Person);
    }
}
