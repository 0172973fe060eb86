//! `pubcat set UID FIELD VALUE`: one field of a publication.

use std::io::Write;
use std::process::ExitCode;

use clap::builder::PossibleValuesParser;
use clap::Args;
use pubcat::{Catalog, Error, Result, Upsert};
use serde::Serialize;
use serde_json::Value;

use crate::output::print_json;

/// Arguments of `pubcat set`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The publication's uid.
    pub uid: String,
    /// The field, by its JSON name in the native format (docs/FORMATS.md); the uid cannot be
    /// set (`pubcat merge publications` moves a publication to another uid).
    #[arg(value_parser = PossibleValuesParser::new(settable_fields()))]
    pub field: String,
    /// The value: read as the field's JSON value when it is one (`48`, `true`,
    /// `["gold","ituri"]`, `[{"agent":"ipis","role":"author"}]`), as text otherwise; an
    /// empty value (`""`) clears the field. Checked like any write: a bad value changes
    /// nothing.
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// Print {"uid", "field", "outcome": "updated"|"unchanged", "value": the stored value}.
    #[arg(long)]
    pub json: bool,
}

/// The fields `set` takes: the core's `Catalog::publication_fields()`, but the uid.
fn settable_fields() -> Vec<String> {
    pubcat::Catalog::publication_fields()
        .into_iter()
        .filter(|field| field != "uid")
        .collect()
}

/// What `set --json` prints.
#[derive(Debug, Serialize)]
struct Set<'a> {
    uid: String,
    field: &'a str,
    outcome: Upsert,
    value: Value,
}

/// Sets one field of a publication (the core's `Catalog::set_field`, one transaction) and
/// prints the value stored now.
pub fn run(catalog: &Catalog, args: &SetArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let outcome = catalog.set_field(&args.uid, &args.field, &args.value)?;
    let now = catalog.publication_as_written(&args.uid)?;
    let value = serde_json::to_value(&now)
        .map_err(|e| Error::invalid("publication", e.to_string()))?
        .get(&args.field)
        .cloned()
        .unwrap_or(Value::Null);
    let set = Set {
        uid: now.uid,
        field: &args.field,
        outcome,
        value,
    };
    if args.json {
        print_json(out, &set)?;
        return Ok(ExitCode::SUCCESS);
    }
    let shown = match &set.value {
        Value::Null => "(none)".to_owned(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let outcome = match outcome {
        Upsert::Unchanged => "unchanged",
        _ => "updated",
    };
    writeln!(out, "{}: {} = {shown} ({outcome})", set.uid, set.field)?;
    Ok(ExitCode::SUCCESS)
}
