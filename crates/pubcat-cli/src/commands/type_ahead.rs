//! `pubcat type-ahead`: what an app shows while the user types (completions of the last word
//! and a first page of hits), as fast on a large catalogue as a whole-word search.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use pubcat::query::{Sort, TypeAhead};
use pubcat::{Catalog, Result};

use crate::filters::FilterArgs;
use crate::output::{clip, plain_snippet, print_json};
use crate::values::SortArg;

/// Arguments of `pubcat type-ahead`.
#[derive(Debug, Args)]
pub struct TypeAheadArgs {
    /// The text typed so far; its last word is completed unless the text ends in a space
    /// (`"cobalt mi"`, `"Sud-Ki"`).
    pub text: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Keep this order (default: relevance when the matches are few, else most recently
    /// added first).
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,
    /// Hits to show (0 to 1000; default 20).
    #[arg(long)]
    pub limit: Option<u32>,
    /// Print the answer as one JSON object: "completions" (word, publications), "hits",
    /// "order".
    #[arg(long)]
    pub json: bool,
}

/// Runs type-ahead and prints the completions and the hits.
pub fn run(catalog: &Catalog, args: &TypeAheadArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let mut query = args.filters.to_query(Some(args.text.clone()));
    query.sort = args.sort.map(|s| s.0);
    query.limit = args.limit.map(|n| i32::try_from(n).unwrap_or(i32::MAX));
    let typed = catalog.type_ahead(&query)?;
    if args.json {
        print_json(out, &typed)?;
    } else {
        print_typed(&typed, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_typed(typed: &TypeAhead, out: &mut dyn Write) -> Result<()> {
    if !typed.completions.is_empty() {
        let words: Vec<String> = typed
            .completions
            .iter()
            .map(|c| format!("{} ({})", c.word, c.publications))
            .collect();
        writeln!(out, "completions: {}", words.join(", "))?;
    }
    let order = match typed.order {
        Sort::Relevance => "best match first",
        Sort::Added => "most recently added first",
        Sort::DateDesc => "newest first",
        Sort::DateAsc => "oldest first",
        Sort::Title => "by title",
    };
    writeln!(out, "{} hit(s), {order}", typed.hits.len())?;
    for (i, hit) in typed.hits.iter().enumerate() {
        let date = hit.date.as_deref().unwrap_or("n.d.");
        let unmarked = |s: &str| {
            s.replace(pubcat::query::HIGHLIGHT_START, "")
                .replace(pubcat::query::HIGHLIGHT_END, "")
        };
        // The snippet is the marked title when the words matched there, else a passage of
        // the summary (shown below the title).
        let (title, passage) = match hit.snippet.as_deref() {
            Some(s) if unmarked(s) == hit.title => (plain_snippet(s), None),
            Some(s) => (hit.title.clone(), Some(plain_snippet(s))),
            None => (hit.title.clone(), None),
        };
        writeln!(
            out,
            "{:>3}. [{}] {} ({})  {}",
            i + 1,
            hit.language,
            clip(&title, 100),
            date,
            hit.uid
        )?;
        if let Some(passage) = passage {
            writeln!(out, "     {}", clip(&passage, 160))?;
        }
    }
    Ok(())
}
