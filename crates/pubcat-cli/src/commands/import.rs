//! `pubcat import FILE|-`: imports a file or standard input in one transaction, or reports
//! what it would do (`--dry-run`), under a merge policy (`--on-conflict`).

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use indicatif::ProgressBar;
use pubcat::formats::{Counts, Format, ImportOptions, ImportReport, ImportSummary, OnConflict};
use pubcat::{Catalog, Error, LinkSummary, Result};

use crate::commands::tag::tagging_line;
use crate::commands::{is_blank, open_or_create, remove_created};
use crate::exit;
use crate::output::{clip, column_width, note, print_json};
use crate::progress;
use crate::values::{ImportFormat, OnConflictArg};

/// The read buffer: large enough for the format to be guessed from its first bytes.
const BUFFER: usize = 64 * 1024;

/// The widest value shown in text output (old, new, stored, incoming); `--json` has them whole.
const VALUE_WIDTH: usize = 100;

/// What `import --help` says after the options.
const AFTER_HELP: &str = "\
Exit status: 0 imported (with --dry-run: nothing written, the report says what would be);
6 with --on-conflict report, the file gives stored values differently: every conflict is
printed and nothing was written; 4 the file is invalid (a parse error names the line, record
and field; a listing line that cannot be placed, without --lenient); 1 the file cannot be
read, or the catalogue is not one.";

/// Arguments of `pubcat import`.
#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ImportArgs {
    /// The file to import; `-` reads standard input (the format is then given or guessed
    /// from the first bytes).
    pub file: PathBuf,
    /// The file's format; `auto` guesses it from the file's name and first bytes.
    #[arg(long, value_enum, default_value_t = ImportFormat(Format::Auto))]
    pub format: ImportFormat,
    /// Read the whole file and print what the import would do: the records it would add
    /// (with their fields), update (field by field, old → new) and leave unchanged, and the
    /// conflicts; write nothing (a catalogue that does not exist is not created either).
    #[arg(long)]
    pub dry_run: bool,
    /// What to do with a stored value the file gives differently: `keep` it, `replace` it
    /// with the file's, or `report` (write nothing at all when the file disagrees anywhere:
    /// exit status 6). Default: the format's own, `replace` for json and jsonl (whole
    /// records), `keep` for every other format (what a person curated wins over a flat
    /// file). Whatever the policy, an empty value never erases a stored one, and a degraded
    /// copy (typographic characters as `?`, lost diacritics, an excerpt) never replaces it.
    #[arg(long, value_enum, value_name = "POLICY")]
    pub on_conflict: Option<OnConflictArg>,
    /// Listings: import the entries placed with certainty and list the lines that could not
    /// be placed (without it, such a listing is refused, naming the lines).
    #[arg(long)]
    pub lenient: bool,
    /// Do not tag the imported publications automatically. Without it, when the catalogue
    /// has vocabularies (`init` loads the shipped ones), the publications the file adds or
    /// changes are tagged with the concepts their texts name, as `pubcat tag --auto` does.
    #[arg(long)]
    pub no_tag: bool,
    /// After the import, link the imported publications to their other language versions
    /// where link discovery is confident (as `pubcat links suggest --apply` would, for them
    /// only), in the same transaction; prints what was linked after the counts. With
    /// --dry-run: what would be linked.
    #[arg(long)]
    pub link_translations: bool,
    /// Print the core's ImportReport as one JSON object: summary (totals, and counts per
    /// kind of record), format, on_conflict, dry_run, written, changes, conflicts, unplaced,
    /// tagging (what automatic tagging did, or null), links (with --link-translations:
    /// {"linked": [suggestions], "publications"}, else null).
    #[arg(long)]
    pub json: bool,
}

/// Where the records come from: a file (its length known) or standard input.
struct Source {
    reader: Box<dyn Read>,
    len: Option<u64>,
    path: Option<PathBuf>,
}

impl Source {
    /// Opens `file` (`-`: standard input); errors name the file.
    fn open(file: &Path) -> Result<Source> {
        if file.as_os_str() == "-" {
            if std::io::stdin().is_terminal() {
                note("reading the records from standard input (end with Ctrl-D)");
            }
            return Ok(Source {
                reader: Box::new(std::io::stdin()),
                len: None,
                path: None,
            });
        }
        let named = |e: std::io::Error| {
            Error::Io(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", file.display()),
            ))
        };
        let opened = File::open(file).map_err(named)?;
        let len = opened.metadata().map_err(named)?.len();
        Ok(Source {
            reader: Box::new(opened),
            len: Some(len),
            path: Some(file.to_path_buf()),
        })
    }
}

/// Imports the file into the catalogue at `db` in one transaction (all or nothing), creating
/// the catalogue when `db` does not exist (and removing it again if the import fails or
/// writes nothing). A dry run into a catalogue that does not exist runs against an empty one
/// in memory: it creates nothing. Prints the report; a progress bar on standard error when
/// it is a terminal. Exit status [`exit::CONFLICTS`] when the `report` policy found
/// conflicts.
pub fn run(db: &Path, args: &ImportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    // The source is opened and its format known before the catalogue is created: a missing
    // or unreadable file creates nothing. (This is what the core's `import_file_with` does,
    // done here so that the bar counts the bytes read.)
    let source = Source::open(&args.file)?;
    let bar = progress::import(source.len);
    let mut reader = BufReader::with_capacity(BUFFER, bar.wrap_read(source.reader));
    let format = match args.format.0 {
        Format::Auto => match &source.path {
            Some(path) => Format::detect(Some(path), reader.fill_buf()?)?,
            // Standard input: the core guesses from the first bytes.
            None => Format::Auto,
        },
        other => other,
    };
    let mut options = ImportOptions {
        format,
        dry_run: args.dry_run,
        on_conflict: args.on_conflict.map(|policy| policy.0),
        lenient: args.lenient,
        link_translations: args.link_translations,
        ..ImportOptions::default()
    };
    if args.no_tag {
        options.tag = Some(false);
    }
    let report = if args.dry_run && (!db.exists() || is_blank(db)) {
        import(&Catalog::open_in_memory()?, reader, &options, &bar)?
    } else {
        let (catalog, created) = open_or_create(db)?;
        match import(&catalog, reader, &options, &bar) {
            Ok(report) if report.written || !created => {
                catalog.close()?;
                if created {
                    note(format!(
                        "created the catalogue {} (without vocabularies: `pubcat --db {} vocab load --builtin` loads them, `init` before an import does both)",
                        db.display(),
                        db.display()
                    ));
                }
                report
            }
            Ok(report) => {
                remove_created(catalog, db);
                report
            }
            Err(err) => {
                if created {
                    remove_created(catalog, db);
                }
                return Err(err);
            }
        }
    };
    if args.json {
        print_json(out, &report)?;
    } else {
        print_report(out, &report)?;
    }
    if refused_for_conflicts(&report) {
        return Ok(ExitCode::from(exit::CONFLICTS));
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the import, showing the records done on `bar`.
fn import(
    catalog: &Catalog,
    reader: impl BufRead,
    options: &ImportOptions,
    bar: &ProgressBar,
) -> Result<ImportReport> {
    let report =
        catalog.import_reader_with(reader, options, &mut |done| progress::records(bar, done));
    bar.finish_and_clear();
    report
}

/// Whether the `report` policy found conflicts, so that (dry run or not) nothing is written.
fn refused_for_conflicts(report: &ImportReport) -> bool {
    report.on_conflict == Some(OnConflict::Report) && !report.conflicts.is_empty()
}

/// Prints the report for people: what was written (or why not), the counts, the records
/// changed field by field (a dry run, or the `report` policy), the conflicts and the lines
/// a lenient listing could not place.
fn print_report(out: &mut dyn Write, report: &ImportReport) -> Result<()> {
    if report.dry_run {
        writeln!(out, "dry run: nothing was written; the import would give:")?;
    } else if refused_for_conflicts(report) {
        writeln!(
            out,
            "nothing was written: the file gives {} stored value(s) differently \
             (--on-conflict report); the import would have given:",
            report.conflicts.len()
        )?;
    }
    print_summary(out, &report.summary)?;
    if let Some(tagging) = &report.tagging {
        writeln!(out, "tagged automatically: {}", tagging_line(tagging))?;
    }
    if let Some(links) = &report.links {
        print_links(out, links)?;
    }
    for change in &report.changes {
        let verb = match change.outcome {
            pubcat::Upsert::Added => "add",
            pubcat::Upsert::Updated => "update",
            pubcat::Upsert::Unchanged => "keep",
        };
        writeln!(out, "{verb} {} {}", change.entity, change.uid)?;
        for field in &change.fields {
            if change.outcome == pubcat::Upsert::Added {
                writeln!(out, "    {}: {}", field.field, shown(&field.new))?;
            } else {
                writeln!(
                    out,
                    "    {}: {} → {}",
                    field.field,
                    shown(&field.old),
                    shown(&field.new)
                )?;
            }
        }
    }
    if !report.conflicts.is_empty() {
        writeln!(out, "conflicts: {}", report.conflicts.len())?;
        for conflict in &report.conflicts {
            writeln!(
                out,
                "  {} {}: {}",
                conflict.uid, conflict.field, conflict.resolution
            )?;
            writeln!(out, "    stored:   {}", shown(&conflict.stored))?;
            writeln!(out, "    incoming: {}", shown(&conflict.incoming))?;
        }
    }
    if !report.unplaced.is_empty() {
        writeln!(out, "lines not placed: {}", report.unplaced.len())?;
        for line in &report.unplaced {
            writeln!(
                out,
                "  line {}: {} ({})",
                line.line,
                shown(&line.text),
                line.reason
            )?;
        }
    }
    Ok(())
}

/// Prints what `--link-translations` linked (or, dry, would link): a count line, then one
/// line per suggestion linked (its score, then each publication's language and uid).
fn print_links(out: &mut dyn Write, links: &LinkSummary) -> Result<()> {
    writeln!(
        out,
        "linked language versions: {} work(s), {} publication(s) joined another work",
        links.linked.len(),
        links.publications
    )?;
    for s in &links.linked {
        let versions: Vec<String> = s
            .languages
            .iter()
            .zip(&s.uids)
            .map(|(language, uid)| format!("{language} {uid}"))
            .collect();
        writeln!(out, "  {:.2}  {}", s.score, versions.join(" + "))?;
    }
    Ok(())
}

/// Prints the totals (`added N, updated N, unchanged N`), then the same counts for each kind
/// of record the import met, one line each.
pub fn print_summary(out: &mut dyn Write, summary: &ImportSummary) -> Result<()> {
    writeln!(
        out,
        "{}",
        counts(summary.added, summary.updated, summary.unchanged)
    )?;
    let kinds: [(&str, &Counts); 6] = [
        ("publications", &summary.publications),
        ("agents", &summary.agents),
        ("series", &summary.series),
        ("projects", &summary.projects),
        ("concepts", &summary.concepts),
        ("relations", &summary.relations),
    ];
    let met: Vec<_> = kinds
        .into_iter()
        .filter(|(_, c)| c.added + c.updated + c.unchanged > 0)
        .collect();
    let width = column_width(met.iter().map(|(name, _)| *name), 20);
    for (name, c) in met {
        writeln!(
            out,
            "  {name:<width$}  {}",
            counts(c.added, c.updated, c.unchanged)
        )?;
    }
    Ok(())
}

fn counts(added: i64, updated: i64, unchanged: i64) -> String {
    format!("added {added}, updated {updated}, unchanged {unchanged}")
}

/// A value on one line, shortened; `(none)` when empty.
fn shown(value: &str) -> String {
    if value.trim().is_empty() {
        return "(none)".to_owned();
    }
    let one_line: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    clip(&one_line, VALUE_WIDTH)
}
