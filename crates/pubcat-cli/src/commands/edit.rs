//! `pubcat edit UID`: a publication's native JSON in the user's editor, written back when
//! valid.
//!
//! The publication as written (`Catalog::publication_as_written`, references as uids) goes
//! to a new file in the temporary folder; `$VISUAL`, else `$EDITOR`, else `vi` runs on it
//! (through `sh -c`, so the variable may hold options: `code --wait`); the file is read back,
//! parsed and written with `Catalog::upsert_publication` (one transaction, validated like
//! any write). An unchanged file writes nothing. When the edit cannot be written (not JSON,
//! not a publication, another uid, a value the core refuses, the record changed meanwhile),
//! nothing changes and the file is kept: its path is printed on standard error, to fix it and
//! run `pubcat edit UID --resume FILE`, which reopens the editor on it. The editor is never
//! reopened on its own: a script as `$EDITOR` would loop.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use pubcat::model::Publication;
use pubcat::{Catalog, Error, Result, Upsert};
use serde::Serialize;

use crate::output::{note, print_json};

/// What `edit --help` says after the options.
const AFTER_HELP: &str = "\
The editor is $VISUAL, else $EDITOR, else vi, run through `sh -c` (it may hold options, as in
EDITOR='code --wait'). Saving the file unchanged writes nothing. When the edit cannot be
written (not JSON, not a publication, a changed uid, a value the catalogue refuses, the record
changed meanwhile), nothing changes and the file is kept: its path is printed, to fix it and
run `pubcat edit UID --resume FILE`.

Exit status: 0 written, or nothing to write; 4 the edit is invalid (the file is kept); 3 no
such publication; 1 the editor failed, or the record changed while it was edited (conflict).";

/// Arguments of `pubcat edit`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct EditArgs {
    /// The publication's uid.
    pub uid: String,
    /// Reopen the editor on FILE, the edit a refusal kept, instead of the stored record; the
    /// file is removed once written.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Print {"uid", "outcome": "updated"|"unchanged"}.
    #[arg(long)]
    pub json: bool,
}

/// What `edit --json` prints.
#[derive(Debug, Serialize)]
struct Edited {
    uid: String,
    outcome: Upsert,
}

/// Edits publication `args.uid` of the catalogue at `db` in the user's editor.
pub fn run(catalog: &Catalog, db: &Path, args: &EditArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let original = catalog.publication_as_written(&args.uid)?;
    let uid = original.uid.clone();
    let (file, written_here) = match &args.resume {
        Some(file) => (file.clone(), None),
        None => {
            let mut text = serde_json::to_string_pretty(&original)
                .map_err(|e| Error::invalid("publication", e.to_string()))?;
            text.push('\n');
            (new_temporary(&uid, &text)?, Some(text))
        }
    };
    if let Err(err) = run_editor(&editor(), &file) {
        if written_here.is_some() {
            let _ = std::fs::remove_file(&file);
        }
        return Err(err);
    }
    let kept = |err: Error| -> Error {
        note(format!(
            "pubcat: nothing was changed; your edit is kept in {}: fix it, then run \
             `pubcat --db {} edit {uid} --resume {}`",
            file.display(),
            db.display(),
            file.display()
        ));
        err
    };
    let text = std::fs::read_to_string(&file).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", file.display()),
        ))
    })?;
    let outcome = if written_here.as_deref() == Some(text.as_str()) {
        Upsert::Unchanged
    } else {
        let edited: Publication = serde_json::from_str(&text).map_err(|e| {
            kept(Error::invalid(
                "publication",
                format!("the edited file is not a publication: {e}"),
            ))
        })?;
        if edited.uid != uid {
            return Err(kept(Error::invalid(
                "uid",
                format!(
                    "the uid cannot change (it is `{uid}`, the edit says `{}`): to move a \
                     publication to another uid, merge it (`pubcat merge publications`)",
                    edited.uid
                ),
            )));
        }
        if args.resume.is_none() && catalog.publication_as_written(&uid)? != original {
            return Err(kept(Error::Conflict(format!(
                "publication `{uid}` was changed by someone else while you edited it"
            ))));
        }
        catalog.upsert_publication(&edited).map_err(kept)?
    };
    let _ = std::fs::remove_file(&file);
    if args.json {
        print_json(out, &Edited { uid, outcome })?;
    } else if outcome == Upsert::Unchanged {
        writeln!(out, "{uid}: no change")?;
    } else {
        writeln!(out, "{uid}: updated")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Runs `editor` on `file` with the terminal, and waits for it; a failure to start it or a
/// non-zero exit is an error.
fn run_editor(editor: &str, file: &Path) -> Result<()> {
    #[cfg(unix)]
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(file)
        .status();
    #[cfg(not(unix))]
    let status = {
        let mut words = editor.split_whitespace();
        std::process::Command::new(words.next().unwrap_or("vi"))
            .args(words)
            .arg(file)
            .status()
    };
    let failed = |message: String| {
        Error::Io(std::io::Error::other(format!(
            "the editor `{editor}` {message}: nothing was changed"
        )))
    };
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(failed(format!("failed ({status})"))),
        Err(e) => Err(failed(format!("could not be started ({e})"))),
    }
}

/// A new file in the temporary folder holding `text`, named after `uid`.
fn new_temporary(uid: &str, text: &str) -> Result<PathBuf> {
    let safe: String = uid
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let folder = std::env::temp_dir();
    let mut attempt = 0u32;
    loop {
        let path = folder.join(format!(
            "pubcat-edit-{safe}-{}-{attempt}.json",
            std::process::id()
        ));
        match std::fs::File::create_new(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(e) => {
                return Err(Error::Io(std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}", path.display()),
                )))
            }
        }
    }
}
