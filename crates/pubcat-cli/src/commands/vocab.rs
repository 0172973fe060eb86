//! `pubcat vocab export|import|load`: the concepts (the vocabularies) on their own: as a
//! native JSON document, to hand from one catalogue to another (`export`, `import`), or from
//! vocabulary files, the shipped ones or a user's (`load`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use pubcat::formats::CatalogDocument;
use pubcat::{Catalog, Error, Result};

use crate::commands::import::print_summary;
use crate::output::{note, print_json};
use crate::values::SchemeArg;

/// Arguments of `pubcat vocab`.
#[derive(Debug, Args)]
pub struct VocabArgs {
    #[command(subcommand)]
    pub action: Action,
}

/// Export, import or load.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Write the concepts (all, or one scheme's) as a native JSON document holding only them.
    Export {
        /// Only the concepts of this scheme.
        #[arg(long, value_enum)]
        scheme: Option<SchemeArg>,
        /// The file to write, atomically (replaced if it exists); `-` or no --out: standard
        /// output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import the concepts of a native JSON document (from `vocab export`) in one
    /// transaction; a document holding other records is refused (`invalid_input`).
    Import {
        /// The document; `-` reads standard input.
        file: PathBuf,
        /// Print the core's ImportSummary as one JSON object (totals, counts per kind).
        #[arg(long)]
        json: bool,
    },
    /// Load vocabularies in pubcat's vocabulary format (`"format": "pubcat-vocabulary"`: one
    /// scheme, its sources, its concepts with labels per language): the ones shipped with
    /// pubcat (--builtin: places, minerals, actors, themes) or a file of your own, in one
    /// transaction. Concepts are matched by uid: a loaded concept replaces the stored one.
    /// Publications are not tagged: run `pubcat tag --auto` afterwards.
    #[command(after_help = "Examples:\n  pubcat --db my.db vocab load --builtin\n  \
        pubcat --db my.db vocab load my-places.json\n  \
        cat my-places.json | pubcat --db my.db vocab load -")]
    Load {
        /// A vocabulary file; `-` reads standard input.
        #[arg(required_unless_present = "builtin", conflicts_with = "builtin")]
        file: Option<PathBuf>,
        /// The vocabularies shipped with pubcat.
        #[arg(long)]
        builtin: bool,
        /// Print the core's ImportSummary as one JSON object (totals, counts per kind).
        #[arg(long)]
        json: bool,
    },
}

impl Action {
    /// The command line of the action when it writes the catalogue (refused with
    /// --read-only).
    pub fn writes(&self) -> Option<&'static str> {
        match self {
            Action::Export { .. } => None,
            Action::Import { .. } => Some("vocab import"),
            Action::Load { .. } => Some("vocab load"),
        }
    }
}

/// Runs `vocab export` (the core's `Catalog::export_vocabulary`), `vocab import`
/// (`CatalogDocument::parse`, then `Catalog::import_vocabulary`) or `vocab load`
/// (`Catalog::load_builtin_vocabularies`, `Catalog::load_vocabulary`).
pub fn run(catalog: &Catalog, args: &VocabArgs, out: &mut dyn Write) -> Result<ExitCode> {
    match &args.action {
        Action::Export { scheme, out: file } => {
            let text = catalog.export_vocabulary(scheme.map(|s| s.0))?.to_json()?;
            match file.as_deref().filter(|path| path.as_os_str() != "-") {
                Some(path) => {
                    write_atomically(path, text.as_bytes())?;
                    note(format!("wrote the vocabulary to {}", path.display()));
                }
                None => out.write_all(text.as_bytes())?,
            }
        }
        Action::Import { file, json } => {
            let text = read_text(file)?;
            let document = CatalogDocument::parse(&text)?;
            let summary = catalog.import_vocabulary(&document)?;
            if *json {
                print_json(out, &summary)?;
            } else {
                print_summary(out, &summary)?;
            }
        }
        Action::Load {
            file,
            builtin,
            json,
        } => {
            let summary = match file.as_deref().filter(|_| !builtin) {
                Some(file) => catalog.load_vocabulary(&read_text(file)?)?,
                None => catalog.load_builtin_vocabularies()?,
            };
            if *json {
                print_json(out, &summary)?;
            } else {
                print_summary(out, &summary)?;
            }
            if summary.added + summary.updated > 0 && catalog.stats()?.publications > 0 {
                note("the publications are not tagged with them yet: `pubcat tag --auto` does it");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The text of `file` (`-`: standard input); errors name the file.
fn read_text(file: &Path) -> Result<String> {
    let mut text = String::new();
    let result = if file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text))
    };
    result.map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", file.display()),
        ))
    })?;
    Ok(text)
}

/// Writes `bytes` to `path` whole or not at all: to a new file beside it, then renamed over
/// it.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("--out", format!("{} is not a file name", path.display())))?;
    let mut temporary = name.to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary);
    let named = |e: std::io::Error| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", path.display()),
        ))
    };
    let written = std::fs::File::create_new(&temporary)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(named(e));
    }
    Ok(())
}
