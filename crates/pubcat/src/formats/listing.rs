//! Publication listings as an import and export format: the entries read by
//! [`super::listing_syntax::parse_listing`] become publications, and publications are written in
//! the listing layout that parser reads back (title, byline, summary).

use std::io::Write;

use super::draft::{AgentName, Draft, DraftContributor};
use super::export::{ExportContext, Exporter};
use super::ingest::{at, locate, Importer};
use super::listing_syntax::{parse_listing, ListingEntry};
use super::text::{kind_from_label, kind_label};
use super::UnplacedLine;
use crate::error::{Error, Position, Result};
use crate::model::ENGLISH_MONTHS as MONTHS;
use crate::model::{Kind, PartialDate, Publication, Role};
use crate::store::writer::Writer;

/// Kinds a listing names with a title prefix (`Review paper – …`); others are not written.
const PREFIXED_KINDS: [Kind; 7] = [
    Kind::ReviewPaper,
    Kind::Briefing,
    Kind::PolicyBrief,
    Kind::Map,
    Kind::StoryMap,
    Kind::WorkingPaper,
    Kind::Factsheet,
];

/// Writes entries in listing layout (b): title, byline, summary.
#[derive(Debug, Default)]
pub(crate) struct ListingExporter;

/// `March 1, 2022`, `March 2022` or `2022` for a date (intervals and qualifiers are lost).
fn listing_date(edtf: &str) -> Option<String> {
    let date = PartialDate::parse(edtf).ok()?;
    let first = date.edtf().split('/').next().unwrap_or_default();
    let parts: Vec<u32> = first
        .trim_end_matches(['?', '~', '%'])
        .split('-')
        .filter_map(|p| p.parse().ok())
        .collect();
    let month = |m: &u32| {
        (*m as usize)
            .checked_sub(1)
            .and_then(|i| MONTHS.get(i))
            .copied()
    };
    match parts.as_slice() {
        [y, m, d] => Some(format!("{} {d}, {y}", month(m)?)),
        [y, m] => Some(format!("{} {y}", month(m)?)),
        [y] => Some(y.to_string()),
        _ => None,
    }
}

impl Exporter for ListingExporter {
    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        ctx: &ExportContext,
    ) -> Result<()> {
        let mut title = String::new();
        if let Some(series) = &p.series {
            let name = ctx.series_name(series);
            if name.to_lowercase().ends_with(" series") {
                title.push_str(name);
                title.push_str(" – ");
            }
        }
        if PREFIXED_KINDS.contains(&p.kind) {
            title.push_str(&kind_label(p.kind));
            title.push_str(" – ");
        }
        title.push_str(&p.title);
        let authors: Vec<String> = ctx
            .with_role(p, Role::Author)
            .map(|(c, _)| {
                let name = ctx.agent_name(&c.agent);
                match &c.affiliation {
                    Some(aff) => format!("{name} ({aff})"),
                    None => name.to_owned(),
                }
            })
            .collect();
        let date = p.date.as_deref().and_then(listing_date).unwrap_or_default();
        let mut text = format!("{title}\n- {} | {date}\n\n", authors.join(", "));
        if let Some(summary) = &p.summary {
            text.push_str(summary);
            if p.summary_is_excerpt {
                text.push_str(" […]");
            }
            text.push_str("\n\n");
        }
        out.write_all(text.as_bytes())?;
        Ok(())
    }
}

/// The uid of the project a listing's hint names (uid, name or acronym), if any.
fn project_named(w: &Writer<'_>, hint: &str) -> Result<Option<String>> {
    crate::store::lookup::project_named(w.conn(), hint)
}

fn draft(entry: ListingEntry, project: Option<String>) -> Draft {
    let contributors = entry
        .authors
        .into_iter()
        .map(|a| DraftContributor {
            affiliation: a.affiliation,
            ..DraftContributor::named(AgentName::display(a.name), Role::Author)
        })
        .collect();
    Draft {
        language: Some(entry.language),
        language_guessed: true,
        title: entry.title,
        summary: entry.summary,
        summary_is_excerpt: Some(entry.summary_is_excerpt),
        kind: entry.kind.as_deref().and_then(kind_from_label),
        date: entry.date,
        series: entry.series,
        contributors,
        projects: project.into_iter().collect(),
        ..Draft::default()
    }
}

/// Imports a listing through `imp`: every entry becomes a publication (uid: slug of the
/// title and year; kind `report` unless a prefix says otherwise; authors matched or created
/// by name; series created by name; a project hint kept when it names a project).
pub(crate) fn import(
    imp: &mut Importer<'_, '_>,
    text: &str,
    lenient: bool,
) -> Result<Vec<UnplacedLine>> {
    let listing = parse_listing(text)?;
    let unplaced: Vec<UnplacedLine> = listing
        .unplaced
        .into_iter()
        .map(|u| UnplacedLine {
            line: u.line as i64,
            text: u.text,
            reason: u.reason,
        })
        .collect();
    if !lenient && !unplaced.is_empty() {
        return Err(unplaced_error(&unplaced));
    }
    for (i, entry) in listing.entries.into_iter().enumerate() {
        let position = at(Some(entry.line), Some(i as u64 + 1));
        let project = match &entry.project_hint {
            Some(hint) => imp.with_writer(|w| project_named(w, hint))?,
            None => None,
        };
        imp.draft(draft(entry, project))
            .map_err(|e| locate(e, &position, ""))?;
        imp.tick();
    }
    Ok(unplaced)
}

/// The parse error of a listing with lines the parser could not place: every line is named
/// (the import writes nothing; `lenient` imports the rest).
fn unplaced_error(unplaced: &[UnplacedLine]) -> Error {
    let lines: Vec<String> = unplaced
        .iter()
        .map(|u| format!("line {}: {} (`{}`)", u.line, u.reason, u.text))
        .collect();
    Error::parse_at(
        Position {
            line: unplaced.first().map(|u| u.line as u64),
            record: None,
            field: None,
        },
        format!(
            "{} line(s) could not be placed in an entry, so nothing was imported (import with \
             lenient to take the certain entries and list these): {}",
            unplaced.len(),
            lines.join("; ")
        ),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_english() {
        assert_eq!(listing_date("2022-03-01").as_deref(), Some("March 1, 2022"));
        assert_eq!(listing_date("2021-07~").as_deref(), Some("July 2021"));
        assert_eq!(listing_date("2016/2017").as_deref(), Some("2016"));
        assert_eq!(listing_date("../2017").as_deref(), None);
    }
}
