//! `pubcat link UID UID` and `pubcat unlink UID`: language versions of one work.

use std::io::Write;
use std::process::ExitCode;

use pubcat::model::TranslationRef;
use pubcat::{Catalog, Result};
use serde::Serialize;

use crate::output::print_json;

/// What `link --json` and `unlink --json` print.
#[derive(Debug, Serialize)]
struct Versions<'a> {
    /// The publication named first.
    uid: &'a str,
    /// Every language version of its work now, itself included: the original first.
    translations: Vec<TranslationRef>,
}

/// Makes `a` and `b` language versions of one work, `a`'s (the core's
/// `Catalog::link_translation`, one transaction), and prints the versions of that work.
pub fn link(
    catalog: &Catalog,
    a: &str,
    b: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    catalog.link_translation(a, b)?;
    print_versions(catalog, a, json, out)
}

/// Makes `uid` a work of its own (the core's `Catalog::unlink_translation`, one
/// transaction), and prints the versions of its work: itself.
pub fn unlink(catalog: &Catalog, uid: &str, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    catalog.unlink_translation(uid)?;
    print_versions(catalog, uid, json, out)
}

/// Prints the language versions of `uid`'s work: one per line (language, uid, title, the
/// original marked), or as JSON.
fn print_versions(
    catalog: &Catalog,
    uid: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let translations = catalog.translations(uid)?;
    if json {
        print_json(out, &Versions { uid, translations })?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{uid}: {} language version(s) of one work",
        translations.len()
    )?;
    for t in &translations {
        writeln!(
            out,
            "  {:<5} {}{}  {}",
            t.language,
            t.uid,
            if t.original { " (original)" } else { "" },
            t.title
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
