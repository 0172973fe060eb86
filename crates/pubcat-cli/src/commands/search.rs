//! `pubcat search`.

use std::process::ExitCode;

use clap::Args;
use pubcat::query::Facet;
use pubcat::{Catalog, Result};

use crate::filters::{parse_sort, FilterArgs};
use crate::output::{clip, plain_snippet, print_json};

/// Arguments of `pubcat search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Search text: words, "phrases", prefix*, -exclusion, OR.
    pub text: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order: relevance, date_desc, date_asc, title.
    #[arg(long)]
    pub sort: Option<String>,
    /// Hits per page (0 to 1000).
    #[arg(long)]
    pub limit: Option<u32>,
    /// Continue after a previous page (its next_cursor).
    #[arg(long)]
    pub cursor: Option<String>,
    /// Facets to count (comma-separated): language, kind, year, project, series, agent, mineral, place, actor, theme.
    #[arg(long, value_delimiter = ',')]
    pub facets: Vec<String>,
    /// Print the SearchPage as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs a search and prints the page.
pub fn run(catalog: &Catalog, args: &SearchArgs) -> Result<ExitCode> {
    let mut query = args.filters.to_query(args.text.clone())?;
    query.sort = args.sort.as_deref().map(parse_sort).transpose()?;
    query.limit = args.limit;
    query.cursor = args.cursor.clone();
    query.facets = args
        .facets
        .iter()
        .map(|f| f.parse::<Facet>())
        .collect::<Result<_>>()?;
    let page = catalog.search(&query)?;
    if args.json {
        print_json(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} match(es)", page.total);
    for (i, hit) in page.hits.iter().enumerate() {
        let date = hit.date.clone().unwrap_or_else(|| "n.d.".into());
        println!(
            "{:>3}. [{}] {} ({}, {})",
            i + 1,
            hit.language,
            clip(&hit.title, 100),
            hit.kind,
            date
        );
        let mut details = vec![format!("uid {}", hit.uid)];
        if !hit.authors.is_empty() {
            details.push(hit.authors.join(", "));
        }
        if !hit.other_languages.is_empty() {
            details.push(format!(
                "also in {}",
                hit.other_languages
                    .iter()
                    .map(|t| t.language.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        println!("     {}", details.join(" · "));
        if let Some(snippet) = &hit.snippet {
            println!("     {}", clip(&plain_snippet(snippet), 160));
        }
    }
    for (facet, counts) in &page.facets {
        let values: Vec<String> = counts
            .iter()
            .map(|c| format!("{} ({})", c.label, c.count))
            .collect();
        println!("{facet}: {}", values.join(", "));
    }
    if let Some(cursor) = &page.next_cursor {
        println!("more: --cursor {cursor}");
    }
    Ok(ExitCode::SUCCESS)
}
