//! `pubcat search`.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use pubcat::query::SearchPage;
use pubcat::{Catalog, Result};

use crate::filters::FilterArgs;
use crate::output::{clip, plain_snippet, print_json};
use crate::values::{FacetArg, SortArg};

/// Arguments of `pubcat search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Search text: words, "phrases", prefix*, -exclusion, OR.
    pub text: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of the hits (default: relevance with text, else newest first).
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,
    /// Hits per page (0 to 1000).
    #[arg(long)]
    pub limit: Option<u32>,
    /// Continue after a previous page (its next_cursor).
    #[arg(long)]
    pub cursor: Option<String>,
    /// Facets to count (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FACET,FACET")]
    pub facets: Vec<FacetArg>,
    /// Also search the close words suggested for words that find little ("did you mean").
    #[arg(long)]
    pub fuzzy: bool,
    /// Print the SearchPage as one JSON object (with "suggestions" and, per hit,
    /// "matched_concepts").
    #[arg(long)]
    pub json: bool,
}

/// Runs a search and prints the page.
pub fn run(catalog: &Catalog, args: &SearchArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let mut query = args.filters.to_query(args.text.clone());
    query.sort = args.sort.map(|s| s.0);
    query.limit = args.limit.map(|n| i32::try_from(n).unwrap_or(i32::MAX));
    query.cursor = args.cursor.clone();
    query.facets = args.facets.iter().map(|f| f.0).collect();
    query.fuzzy = args.fuzzy;
    let page = catalog.search(&query)?;
    if args.json {
        print_json(out, &page)?;
    } else {
        print_page(&page, args.fuzzy, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a page as text: the hits (with the concept they matched through), the facets, the
/// suggestions, the cursor of the next page.
fn print_page(page: &SearchPage, fuzzy: bool, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{} match(es)", page.total)?;
    for (i, hit) in page.hits.iter().enumerate() {
        let date = hit.date.as_deref().unwrap_or("n.d.");
        writeln!(
            out,
            "{:>3}. [{}] {} ({}, {})",
            i + 1,
            hit.language,
            clip(&hit.title, 100),
            hit.kind,
            date
        )?;
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
        writeln!(out, "     {}", details.join(" · "))?;
        // Why it matched, when the text does not use the words typed: another label of the
        // concept they name, or a person's tag.
        for why in &hit.matched_concepts {
            match &why.found {
                Some(found) if found == &why.query => {}
                Some(found) => writeln!(
                    out,
                    "     via {}: \"{found}\" (concept {})",
                    why.query, why.concept
                )?,
                None => writeln!(
                    out,
                    "     via {}: tagged {} (concept {})",
                    why.query, why.label, why.concept
                )?,
            }
        }
        if let Some(snippet) = &hit.snippet {
            writeln!(out, "     {}", clip(&plain_snippet(snippet), 160))?;
        }
    }
    for (facet, counts) in &page.facets {
        let values: Vec<String> = counts
            .iter()
            .map(|c| format!("{} ({})", c.label, c.count))
            .collect();
        writeln!(out, "{facet}: {}", values.join(", "))?;
    }
    if !page.suggestions.is_empty() {
        let suggestions = page.suggestions.join(", ");
        if fuzzy {
            writeln!(out, "also searched: {suggestions}")?;
        } else {
            writeln!(
                out,
                "did you mean: {suggestions} (--fuzzy searches them too)"
            )?;
        }
    }
    if let Some(cursor) = &page.next_cursor {
        writeln!(out, "more: --cursor {cursor}")?;
    }
    Ok(())
}
