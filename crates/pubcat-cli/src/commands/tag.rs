//! `pubcat tag UID CONCEPT...` and `pubcat untag UID CONCEPT...`.

use std::io::Write;
use std::process::ExitCode;

use pubcat::{Catalog, Result, Upsert};
use serde::Serialize;

use crate::output::print_json;

/// What `tag --json` and `untag --json` print.
#[derive(Debug, Serialize)]
struct Tagged<'a> {
    /// The publication (the one it was merged into, when the uid given was merged).
    uid: String,
    /// `updated`, or `unchanged` when it already had (tag) or lacked (untag) every concept.
    outcome: Upsert,
    /// The concepts given.
    given: &'a [String],
    /// Every concept it is tagged with now, in its order.
    concepts: Vec<String>,
}

/// Tags (`add`) or untags publication `uid` with `concepts` (the core's `Catalog::tag` /
/// `Catalog::untag`, one transaction; an unknown uid or concept is `not_found`), and prints
/// the outcome and the concepts it has now.
pub fn run(
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
