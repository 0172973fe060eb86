//! Query filters shared by `search` and `export`.

use clap::Args;
use pubcat::query::Query;

use crate::values::{KindArg, RoleArg};

/// Filters that select publications.
#[derive(Debug, Clone, Args, Default)]
pub struct FilterArgs {
    /// Publication language (repeatable); `fr` also matches `fr-CD`.
    #[arg(long = "lang", value_name = "L")]
    pub languages: Vec<String>,
    /// Preferred languages, best first (comma-separated): each work once, in the best one.
    #[arg(long, value_name = "L,L", value_delimiter = ',')]
    pub prefer: Vec<String>,
    /// Publication kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", value_enum)]
    pub kinds: Vec<KindArg>,
    /// Project uid (repeatable; `pubcat list projects` shows them).
    #[arg(long = "project", value_name = "P")]
    pub projects: Vec<String>,
    /// Agent uid (repeatable; `pubcat list agents` shows them).
    #[arg(long = "agent", value_name = "A")]
    pub agents: Vec<String>,
    /// Contributor role (repeatable); with --agent, that agent in that role.
    #[arg(long = "role", value_name = "ROLE", value_enum)]
    pub roles: Vec<RoleArg>,
    /// Series uid (repeatable; `pubcat list series` shows them).
    #[arg(long = "series", value_name = "S")]
    pub series: Vec<String>,
    /// Concept uid (repeatable; `pubcat list concepts` shows them); includes narrower
    /// concepts.
    #[arg(long = "concept", value_name = "C")]
    pub concepts: Vec<String>,
    /// Earliest date (EDTF: 2012, 2021-07, 2024-02-15).
    #[arg(long = "from", value_name = "DATE")]
    pub date_from: Option<String>,
    /// Latest date (EDTF).
    #[arg(long = "to", value_name = "DATE")]
    pub date_to: Option<String>,
}

impl FilterArgs {
    /// The query these filters describe, with search text `text`.
    pub fn to_query(&self, text: Option<String>) -> Query {
        Query {
            text,
            languages: self.languages.clone(),
            kinds: self.kinds.iter().map(|k| k.0).collect(),
            projects: self.projects.clone(),
            agents: self.agents.clone(),
            agent_roles: self.roles.iter().map(|r| r.0).collect(),
            series: self.series.clone(),
            concepts: self.concepts.clone(),
            date_from: self.date_from.clone(),
            date_to: self.date_to.clone(),
            prefer_languages: self
                .prefer
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            ..Query::default()
        }
    }
}
