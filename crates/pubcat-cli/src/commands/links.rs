//! `pubcat links suggest` and `pubcat links score UID UID`: link discovery, publications in
//! different languages that are probably versions of one work (the core's
//! `Catalog::suggest_translations`, `link_suggested_translations`, `score_translation`).

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use pubcat::{Catalog, LinkSummary, Result, SuggestOptions, TranslationSuggestion};

use crate::output::{clip, column_width, note, print_json};

/// The widest title shown in text output (`--json` has them whole).
const TITLE_WIDTH: usize = 90;

/// Arguments of `pubcat links`.
#[derive(Debug, Args)]
pub struct LinksArgs {
    #[command(subcommand)]
    pub action: Action,
}

/// Suggest (and link), or score one pair.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// List the publications in different languages that are probably versions of one work,
    /// best first, each with its score (0 to 1) and evidence for and against; with --apply,
    /// link them. Never suggested: two publications of one language, two of one work, a
    /// publication whose work has a version in the other's language, or a pair a person
    /// separated (`pubcat unlink` records that decision).
    #[command(after_help = "Examples:\n  pubcat --db my.db links suggest\n  \
        pubcat --db my.db links suggest --min-score 0.5 --limit 20\n  \
        pubcat --db my.db links suggest --only UID --json\n  \
        pubcat --db my.db links suggest --apply")]
    Suggest {
        /// The lowest score listed (or linked), between 0 and 1; default: the confident
        /// ones, at or above the core's DEFAULT_MIN_TRANSLATION_SCORE (0.8).
        #[arg(long, value_name = "S", allow_negative_numbers = true)]
        min_score: Option<f64>,
        /// List at most N suggestions, the best ones.
        #[arg(long, value_name = "N", conflicts_with = "apply")]
        limit: Option<u32>,
        /// Only the suggestions involving these publications (uids, repeatable; the rest of
        /// the catalogue is still searched for their versions).
        #[arg(long, value_name = "UID", num_args = 1.., conflicts_with = "apply")]
        only: Vec<String>,
        /// Link every suggestion at or above the threshold, in one transaction: each becomes
        /// one work. Running it again links nothing more.
        #[arg(long)]
        apply: bool,
        /// Print a JSON array of suggestions, {"uids", "languages", "titles", "score",
        /// "evidence": [{"kind", "detail", "weight"}]}; with --apply, {"linked": [...],
        /// "publications"}: the suggestions linked and the publications that joined a work.
        #[arg(long)]
        json: bool,
    },
    /// The score and evidence of two publications as versions of one work, whether or not
    /// they would be suggested: to see why a pair is, or is not, suggested.
    Score {
        /// A publication's uid.
        a: String,
        /// The other publication's uid.
        b: String,
        /// Print {"uids", "languages", "titles", "score", "evidence": [...]}.
        #[arg(long)]
        json: bool,
    },
}

impl Action {
    /// The command line of the action when it writes the catalogue (refused with
    /// --read-only).
    pub fn writes(&self) -> Option<&'static str> {
        match self {
            Action::Suggest { apply: true, .. } => Some("links suggest --apply"),
            _ => None,
        }
    }
}

/// Runs `links suggest` (`Catalog::suggest_translations`, or with `--apply`
/// `Catalog::link_suggested_translations`) or `links score` (`Catalog::score_translation`).
/// A score outside 0..1 is `invalid_input`, an unknown uid `not_found`: the core's errors.
pub fn run(catalog: &Catalog, args: &LinksArgs, out: &mut dyn Write) -> Result<ExitCode> {
    match &args.action {
        Action::Suggest {
            min_score,
            apply: true,
            json,
            ..
        } => {
            let summary = catalog.link_suggested_translations(*min_score)?;
            if *json {
                print_json(out, &summary)?;
            } else {
                print_linked(out, &summary, threshold(*min_score))?;
            }
        }
        Action::Suggest {
            min_score,
            limit,
            only,
            json,
            ..
        } => {
            let options = SuggestOptions {
                min_score: *min_score,
                only: only.clone(),
                limit: limit.map(|n| i32::try_from(n).unwrap_or(i32::MAX)),
            };
            let suggestions = catalog.suggest_translations(&options)?;
            if *json {
                print_json(out, &suggestions)?;
            } else if suggestions.is_empty() {
                writeln!(
                    out,
                    "no suggestion at or above score {:.2}",
                    threshold(*min_score)
                )?;
            } else {
                writeln!(
                    out,
                    "{} suggestion(s) at or above score {:.2}, best first:",
                    suggestions.len(),
                    threshold(*min_score)
                )?;
                for (i, s) in suggestions.iter().enumerate() {
                    writeln!(out)?;
                    print_suggestion(out, &format!("{}.", i + 1), s)?;
                }
                note(
                    "link them all with --apply (the same --min-score), one pair with \
                     `pubcat link UID UID`; `pubcat unlink UID` after linking records that a \
                     pair is not one work",
                );
            }
        }
        Action::Score { a, b, json } => {
            let pair = catalog.score_translation(a, b)?;
            if *json {
                print_json(out, &pair)?;
            } else {
                print_suggestion(out, "", &pair)?;
                let default = pubcat::DEFAULT_MIN_TRANSLATION_SCORE;
                let side = if pair.score >= default {
                    "at or above"
                } else {
                    "below"
                };
                writeln!(
                    out,
                    "{side} the default threshold {default:.2} (`links suggest` also leaves \
                     out pairs of one language or one work, and pairs a person separated)"
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The threshold applied: the one given, or the core's default.
fn threshold(min_score: Option<f64>) -> f64 {
    min_score.unwrap_or(pubcat::DEFAULT_MIN_TRANSLATION_SCORE)
}

/// Prints what `--apply` linked: a count line, then each suggestion linked.
fn print_linked(out: &mut dyn Write, summary: &LinkSummary, min: f64) -> Result<()> {
    if summary.linked.is_empty() {
        writeln!(out, "nothing to link at or above score {min:.2}")?;
        return Ok(());
    }
    writeln!(
        out,
        "linked {} suggestion(s) at or above score {min:.2}: {} publication(s) joined another \
         work",
        summary.linked.len(),
        summary.publications
    )?;
    for (i, s) in summary.linked.iter().enumerate() {
        writeln!(out)?;
        print_suggestion(out, &format!("{}.", i + 1), s)?;
    }
    Ok(())
}

/// Prints one suggestion: `PREFIX score S`, one line per publication (language, uid, title),
/// then the evidence, one signal a line (its weight, for or against, its kind, what was
/// found).
fn print_suggestion(out: &mut dyn Write, prefix: &str, s: &TranslationSuggestion) -> Result<()> {
    let head = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix} ")
    };
    writeln!(out, "{head}score {:.2}", s.score)?;
    let language_width = column_width(s.languages.iter().map(String::as_str), 10);
    let uid_width = column_width(s.uids.iter().map(String::as_str), 60);
    for ((uid, language), title) in s.uids.iter().zip(&s.languages).zip(&s.titles) {
        writeln!(
            out,
            "  {language:<language_width$}  {uid:<uid_width$}  {}",
            clip(title, TITLE_WIDTH)
        )?;
    }
    if !s.evidence.is_empty() {
        writeln!(out, "  evidence:")?;
        let kind_width = column_width(s.evidence.iter().map(|e| kind_code(e.kind)), 20);
        for e in &s.evidence {
            writeln!(
                out,
                "    {:+.2}  {:<kind_width$}  {}",
                e.weight,
                kind_code(e.kind),
                e.detail
            )?;
        }
    }
    Ok(())
}

/// The core's code of an evidence kind (its serde name, as `--json` prints it).
fn kind_code(kind: pubcat::EvidenceKind) -> &'static str {
    use pubcat::EvidenceKind as K;
    match kind {
        K::TitleWords => "title_words",
        K::SummaryWords => "summary_words",
        K::Numbers => "numbers",
        K::ProperNouns => "proper_nouns",
        K::Concepts => "concepts",
        K::Authors => "authors",
        K::Series => "series",
        K::Projects => "projects",
        K::Identifiers => "identifiers",
        K::Dates => "dates",
        K::Kind => "kind",
        K::Length => "length",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_are_the_cores_serde_names() {
        use pubcat::EvidenceKind as K;
        for kind in [
            K::TitleWords,
            K::SummaryWords,
            K::Numbers,
            K::ProperNouns,
            K::Concepts,
            K::Authors,
            K::Series,
            K::Projects,
            K::Identifiers,
            K::Dates,
            K::Kind,
            K::Length,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind_code(kind));
        }
    }
}
