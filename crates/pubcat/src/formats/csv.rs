//! The CSV publications table: one row per publication, the columns of [`COLUMNS`],
//! multi-valued cells joined with `; `. See `docs/FORMATS.md` for the column mapping.

use std::io::{BufRead, Write};

use super::draft::{AgentName, AgentRef, Draft, DraftContributor};
use super::export::{ExportContext, Exporter};
use super::ingest::{at, locate, parse_error, Importer};
use super::rfc4180::{write_row, CsvReader, Row};
use super::text::{kind_from_label, non_empty, split_list, LIST_SEPARATOR};
use crate::error::{Error, Result};
use crate::model::language::normalize_language;
use crate::model::{IdScheme, Identifier, Link, LinkKind, PartialDate, Publication, Role};

/// The columns, in export order. Import accepts them in any order (names are matched case
/// insensitively); only `title` is required.
pub const COLUMNS: [&str; 21] = [
    "uid",
    "work",
    "language",
    "original",
    "title",
    "subtitle",
    "summary",
    "summary_is_excerpt",
    "kind",
    "date",
    "series",
    "series_number",
    "pages",
    "authors",
    "contributors",
    "projects",
    "concepts",
    "doi",
    "isbn",
    "url",
    "links",
];

/// Writes the table.
#[derive(Debug, Default)]
pub(crate) struct CsvExporter;

impl Exporter for CsvExporter {
    fn begin(&mut self, out: &mut dyn Write) -> Result<()> {
        write_row(out, &COLUMNS)
    }

    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        ctx: &ExportContext,
    ) -> Result<()> {
        let join = |items: Vec<String>| items.join(LIST_SEPARATOR);
        let ids = |scheme: IdScheme| {
            join(
                p.identifiers
                    .iter()
                    .filter(|i| i.scheme == scheme)
                    .map(|i| i.value.clone())
                    .collect(),
            )
        };
        let authors = ctx
            .with_role(p, Role::Author)
            .map(|(c, _)| {
                let name = ctx.agent_name(&c.agent);
                match &c.affiliation {
                    Some(aff) => format!("{name} ({aff})"),
                    None => name.to_owned(),
                }
            })
            .collect();
        let contributors = p
            .contributors
            .iter()
            .filter(|c| c.role != Role::Author)
            .map(|c| format!("{}:{}", ctx.agent_name(&c.agent), c.role))
            .collect();
        let links = p
            .links
            .iter()
            .map(|l| format!("{}:{}", l.kind, l.url))
            .collect();
        let flag = |b: bool| if b { "true" } else { "false" }.to_owned();
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let row = [
            p.uid.clone(),
            text(&p.work),
            p.language.clone(),
            flag(p.original),
            p.title.clone(),
            text(&p.subtitle),
            text(&p.summary),
            flag(p.summary_is_excerpt),
            p.kind.to_string(),
            text(&p.date),
            p.series
                .as_deref()
                .map(|s| ctx.series_name(s).to_owned())
                .unwrap_or_default(),
            text(&p.series_number),
            p.pages.map(|n| n.to_string()).unwrap_or_default(),
            join(authors),
            join(contributors),
            join(
                p.projects
                    .iter()
                    .map(|uid| ctx.project_name(uid).to_owned())
                    .collect(),
            ),
            join(p.concepts.iter().map(|uid| ctx.concept_ref(uid)).collect()),
            ids(IdScheme::Doi),
            ids(IdScheme::Isbn),
            ids(IdScheme::Url),
            join(links),
        ];
        write_row(out, &row)
    }
}

/// Imports a CSV table through `imp`, one row at a time.
pub(crate) fn import(imp: &mut Importer<'_, '_>, reader: impl BufRead) -> Result<()> {
    let mut csv = CsvReader::new(reader);
    let Some(header) = csv.next_row()? else {
        return Err(parse_error(
            Some(1),
            None,
            None,
            "the file is empty: expected a header row",
        ));
    };
    let columns = read_header(&header)?;
    let mut record = 0u64;
    while let Some(row) = csv.next_row()? {
        record += 1;
        if row.fields.len() != columns.len() {
            return Err(parse_error(
                Some(row.line),
                Some(record),
                None,
                format!(
                    "the row has {} fields; the header has {}",
                    row.fields.len(),
                    columns.len()
                ),
            ));
        }
        let cells = Cells {
            columns: &columns,
            row: &row,
            record,
        };
        let draft = cells.draft()?;
        imp.draft(draft)
            .map_err(|e| locate(e, &at(Some(row.line), Some(record)), ""))?;
        imp.tick();
    }
    Ok(())
}

/// The column name of each field of the header, checked.
fn read_header(header: &Row) -> Result<Vec<&'static str>> {
    let mut columns = Vec::with_capacity(header.fields.len());
    for (i, name) in header.fields.iter().enumerate() {
        let wanted = name.trim().to_ascii_lowercase();
        let field = format!("column {}", i + 1);
        let Some(column) = COLUMNS.iter().find(|c| **c == wanted) else {
            return Err(parse_error(
                Some(header.line),
                None,
                Some(&field),
                format!(
                    "unknown column `{}`; the columns are: {}",
                    name.trim(),
                    COLUMNS.join(", ")
                ),
            ));
        };
        if columns.contains(column) {
            return Err(parse_error(
                Some(header.line),
                None,
                Some(&field),
                format!("column `{column}` appears twice"),
            ));
        }
        columns.push(*column);
    }
    if !columns.contains(&"title") {
        return Err(parse_error(
            Some(header.line),
            None,
            Some("title"),
            "the header has no `title` column",
        ));
    }
    Ok(columns)
}

/// One data row with its column names.
struct Cells<'a> {
    columns: &'a [&'static str],
    row: &'a Row,
    record: u64,
}

impl Cells<'_> {
    /// The trimmed, non-empty cell of `column`.
    fn get(&self, column: &str) -> Option<String> {
        let i = self.columns.iter().position(|c| *c == column)?;
        self.row.fields.get(i).and_then(|cell| non_empty(cell))
    }

    fn error(&self, column: &str, message: impl Into<String>) -> Error {
        parse_error(
            Some(self.row.line),
            Some(self.record),
            Some(column),
            message,
        )
    }

    /// Runs a validation whose error belongs to `column`.
    fn checked<T>(&self, column: &str, result: Result<T>) -> Result<T> {
        result.map_err(|e| match e {
            Error::InvalidInput { message, .. } => self.error(column, message),
            other => other,
        })
    }

    fn flag(&self, column: &str) -> Result<Option<bool>> {
        match self.get(column).map(|v| v.to_ascii_lowercase()).as_deref() {
            None => Ok(None),
            Some("true" | "yes" | "1") => Ok(Some(true)),
            Some("false" | "no" | "0") => Ok(Some(false)),
            Some(other) => {
                Err(self.error(column, format!("expected true or false, found `{other}`")))
            }
        }
    }

    fn pages(&self) -> Result<Option<u32>> {
        match self.get("pages") {
            None => Ok(None),
            Some(text) => match text.trim().parse::<u32>() {
                Ok(n) if n > 0 => Ok(Some(n)),
                _ => Err(self.error("pages", format!("expected a page count, found `{text}`"))),
            },
        }
    }

    fn identifiers(&self, column: &str, scheme: IdScheme, out: &mut Vec<Identifier>) -> Result<()> {
        for value in split_list(&self.get(column).unwrap_or_default()) {
            out.push(self.checked(column, Identifier::new(scheme, value).normalized())?);
        }
        Ok(())
    }

    fn draft(&self) -> Result<Draft> {
        let title = self
            .get("title")
            .ok_or_else(|| self.error("title", "the title is empty"))?;
        let language = self
            .get("language")
            .map(|l| self.checked("language", normalize_language(&l)))
            .transpose()?;
        let kind = match self.get("kind") {
            Some(text) => Some(
                kind_from_label(&text)
                    .ok_or_else(|| self.error("kind", format!("unknown kind `{text}`")))?,
            ),
            None => None,
        };
        let date = match self.get("date") {
            Some(text) => Some(
                self.checked("date", PartialDate::parse(&text))?
                    .edtf()
                    .to_owned(),
            ),
            None => None,
        };
        let mut contributors = Vec::new();
        for name in split_list(&self.get("authors").unwrap_or_default()) {
            contributors.push(DraftContributor {
                agent: AgentRef::Name(AgentName::display(name)),
                role: Role::Author,
                affiliation: None,
                affiliation_in_name: true,
            });
        }
        for entry in split_list(&self.get("contributors").unwrap_or_default()) {
            let Some((agent, role)) = entry.rsplit_once(':') else {
                return Err(self.error("contributors", format!("`{entry}` is not `agent:role`")));
            };
            contributors.push(DraftContributor {
                agent: AgentRef::UidOrName(agent.trim().to_owned()),
                role: self.checked("contributors", role.parse())?,
                affiliation: None,
                affiliation_in_name: false,
            });
        }
        let mut identifiers = Vec::new();
        self.identifiers("doi", IdScheme::Doi, &mut identifiers)?;
        self.identifiers("isbn", IdScheme::Isbn, &mut identifiers)?;
        self.identifiers("url", IdScheme::Url, &mut identifiers)?;
        let mut links = Vec::new();
        for entry in split_list(&self.get("links").unwrap_or_default()) {
            let (kind, url) = match entry.split_once(':') {
                Some((kind, url)) if kind.parse::<LinkKind>().is_ok() => {
                    (self.checked("links", kind.parse())?, url.trim().to_owned())
                }
                _ if entry.to_ascii_lowercase().ends_with(".pdf") => (LinkKind::Pdf, entry.clone()),
                _ => (LinkKind::LandingPage, entry.clone()),
            };
            let url = self
                .checked("links", Identifier::new(IdScheme::Url, url).normalized())?
                .value;
            links.push(Link::new(url, kind));
        }
        let series = self.get("series");
        let series_number = self.get("series_number");
        if series_number.is_some() && series.is_none() {
            return Err(self.error("series_number", "a series number needs a series"));
        }
        Ok(Draft {
            uid: self.get("uid"),
            work: self.get("work"),
            language,
            language_guessed: false,
            original: self.flag("original")?,
            title,
            subtitle: self.get("subtitle"),
            summary: self.get("summary"),
            summary_is_excerpt: self.flag("summary_is_excerpt")?,
            kind,
            date,
            series,
            series_number,
            pages: self.pages()?,
            contributors,
            projects: split_list(&self.get("projects").unwrap_or_default()),
            concepts: split_list(&self.get("concepts").unwrap_or_default()),
            identifiers,
            links,
        })
    }
}

/// The examples of this module's items (crate-private, so not doc tests).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod examples {
    #[test]
    fn example_columns() -> crate::Result<()> {
        use crate::formats::{csv::COLUMNS, write_export, Format};
        let doc = crate::Catalog::demo()?.export_document()?;
        let mut out = Vec::new();
        write_export(&doc, Format::Csv, &mut out)?;
        let header = String::from_utf8(out)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(header, COLUMNS.join(","));
        Ok(())
    }
}
