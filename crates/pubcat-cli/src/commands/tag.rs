//! `pubcat tag UID CONCEPT...` and `pubcat untag UID CONCEPT...` (curated tags), and
//! `pubcat tag --auto` / `pubcat untag --auto` (automatic tags, from the loaded vocabularies).

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use pubcat::{Catalog, Result, TaggingSummary, Upsert};
use serde::Serialize;

use crate::output::print_json;

/// Arguments of `pubcat tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The publication's uid.
    #[arg(required_unless_present = "auto", conflicts_with = "auto")]
    pub uid: Option<String>,
    /// Concept uids (tags it already has are left as they are).
    #[arg(value_name = "CONCEPT", required_unless_present = "auto")]
    pub concepts: Vec<String>,
    /// Tag every publication automatically with the concepts whose labels its title,
    /// subtitle, summary or body names, in any language of the loaded vocabularies. Automatic
    /// tags carry the label found (`show` marks them), never replace a curated tag, and are
    /// brought up to date by running it again (`untag --auto` removes them).
    #[arg(long)]
    pub auto: bool,
    /// Print {"uid", "outcome", "given", "concepts"}: the concepts it has now; with --auto,
    /// {"publications", "changed", "added", "removed"}.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `pubcat untag`.
#[derive(Debug, Args)]
pub struct UntagArgs {
    /// The publication's uid.
    #[arg(required_unless_present = "auto", conflicts_with = "auto")]
    pub uid: Option<String>,
    /// Concept uids.
    #[arg(value_name = "CONCEPT", required_unless_present = "auto")]
    pub concepts: Vec<String>,
    /// Remove every automatic tag (those `tag --auto` and imports added); the curated tags
    /// (those a person gave) stay.
    #[arg(long)]
    pub auto: bool,
    /// Print {"uid", "outcome", "given", "concepts"}: the concepts it has now; with --auto,
    /// {"publications", "changed", "added", "removed"}.
    #[arg(long)]
    pub json: bool,
}

/// What `tag --json` and `untag --json` print.
#[derive(Debug, Serialize)]
struct Tagged<'a> {
    /// The publication (the one it was merged into, when the uid given was merged).
    uid: String,
    /// `updated`, or `unchanged` when it already had (tag) or lacked (untag) every concept.
    outcome: Upsert,
    /// The concepts given.
    given: &'a [String],
    /// Every concept a person tagged it with now, in its order.
    concepts: Vec<String>,
}

/// Runs `pubcat tag`: `--auto` (the core's `Catalog::tag_automatically`) or one publication.
pub fn tag(catalog: &Catalog, args: &TagArgs, out: &mut dyn Write) -> Result<ExitCode> {
    match (&args.uid, args.auto) {
        (Some(uid), false) => run(catalog, uid, &args.concepts, true, args.json, out),
        _ => {
            let summary = catalog.tag_automatically()?;
            print_tagging(out, &summary, true, args.json)
        }
    }
}

/// Runs `pubcat untag`: `--auto` (the core's `Catalog::remove_automatic_tags`) or one
/// publication.
pub fn untag(catalog: &Catalog, args: &UntagArgs, out: &mut dyn Write) -> Result<ExitCode> {
    match (&args.uid, args.auto) {
        (Some(uid), false) => run(catalog, uid, &args.concepts, false, args.json, out),
        _ => {
            let summary = catalog.remove_automatic_tags()?;
            print_tagging(out, &summary, false, args.json)
        }
    }
}

/// Prints what automatic tagging (`added`) or its undoing did: the TaggingSummary as JSON, or
/// one line for people.
fn print_tagging(
    out: &mut dyn Write,
    summary: &TaggingSummary,
    added: bool,
    json: bool,
) -> Result<ExitCode> {
    if json {
        print_json(out, summary)?;
    } else if added {
        writeln!(out, "tagged automatically: {}", tagging_line(summary))?;
    } else {
        writeln!(
            out,
            "removed the automatic tags: {} tag(s) from {} publication(s); the curated tags stay",
            summary.removed, summary.changed
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What a tagging run did, on one line (`tag --auto`, `import`).
pub fn tagging_line(summary: &TaggingSummary) -> String {
    format!(
        "{} publication(s) read, {} changed: {} tag(s) added, {} removed",
        summary.publications, summary.changed, summary.added, summary.removed
    )
}

/// Tags (`add`) or untags publication `uid` with `concepts` (the core's `Catalog::tag` /
/// `Catalog::untag`, one transaction; an unknown uid or concept is `not_found`), and prints
/// the outcome and the concepts it has now.
fn run(
    catalog: &Catalog,
    uid: &str,
    concepts: &[String],
    add: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let given: Vec<&str> = concepts.iter().map(String::as_str).collect();
    let outcome = if add {
        catalog.tag(uid, &given)?
    } else {
        catalog.untag(uid, &given)?
    };
    let now = catalog.publication_as_written(uid)?;
    let tagged = Tagged {
        uid: now.uid,
        outcome,
        given: concepts,
        concepts: now.concepts,
    };
    if json {
        print_json(out, &tagged)?;
        return Ok(ExitCode::SUCCESS);
    }
    let done = match (outcome, add) {
        (Upsert::Unchanged, true) => "already tagged: nothing changed",
        (Upsert::Unchanged, false) => "not tagged with these: nothing changed",
        (_, true) => "tagged",
        (_, false) => "untagged",
    };
    writeln!(out, "{}: {done}", tagged.uid)?;
    writeln!(
        out,
        "concepts: {}",
        if tagged.concepts.is_empty() {
            "(none)".to_owned()
        } else {
            tagged.concepts.join(", ")
        }
    )?;
    Ok(ExitCode::SUCCESS)
}
