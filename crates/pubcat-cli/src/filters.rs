//! Query filters shared by `search` and `export`.

use clap::Args;
use pubcat::query::{Query, Sort};
use pubcat::{Error, Result};

/// Filters that select publications.
#[derive(Debug, Clone, Args, Default)]
pub struct FilterArgs {
    /// Publication language (repeatable); `fr` also matches `fr-CD`.
    #[arg(long = "lang", value_name = "L")]
    pub languages: Vec<String>,
    /// Preferred languages, best first (comma-separated): each work once, in the best one.
    #[arg(long, value_name = "L,L", value_delimiter = ',')]
    pub prefer: Vec<String>,
    /// Publication kind (repeatable): report, briefing, review_paper, map, story_map, ...
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Vec<String>,
    /// Project uid (repeatable).
    #[arg(long = "project", value_name = "P")]
    pub projects: Vec<String>,
    /// Agent uid (repeatable).
    #[arg(long = "agent", value_name = "A")]
    pub agents: Vec<String>,
    /// Contributor role (repeatable): author, editor, ...; with --agent, that agent in that role
    #[arg(long = "role", value_name = "R")]
    pub roles: Vec<String>,
    /// Series uid (repeatable).
    #[arg(long = "series", value_name = "S")]
    pub series: Vec<String>,
    /// Concept uid (repeatable); includes narrower concepts.
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
    /// The query these filters describe.
    pub fn to_query(&self, text: Option<String>) -> Result<Query> {
        Ok(Query {
            text,
            languages: self.languages.clone(),
            kinds: parse_all(&self.kinds)?,
            projects: self.projects.clone(),
            agents: self.agents.clone(),
            agent_roles: parse_all(&self.roles)?,
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
        })
    }
}

/// Parses every value of a repeatable option into a vocabulary enum.
fn parse_all<T: std::str::FromStr<Err = Error>>(values: &[String]) -> Result<Vec<T>> {
    values
        .iter()
        .map(|v| v.parse())
        .collect::<Result<Vec<T>>>()
        .map_err(|e| match e {
            Error::InvalidInput { field, message } => {
                Error::InvalidQuery(format!("{field}: {message}"))
            }
            other => other,
        })
}

/// Parses `--sort`.
pub fn parse_sort(text: &str) -> Result<Sort> {
    text.parse()
}
