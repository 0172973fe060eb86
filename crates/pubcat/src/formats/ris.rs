//! RIS import (streamed, line by line) and export: `TY  - RPRT` … `ER  - ` records, tags
//! mapped to publications as documented in `docs/FORMATS.md`.

use std::io::{BufRead, Write};

use super::draft::{AgentName, Draft, DraftContributor};
use super::export::{ExportContext, Exporter};
use super::ingest::{at, locate, parse_error, Importer};
use super::lines::Lines;
use super::names::read_name_text;
use super::text::{
    collapse_spaces, kind_from_label, kind_label, language_tag, non_empty, page_count,
};
use crate::error::{Error, Result};
use crate::model::{
    AgentKind, IdScheme, Identifier, Kind, Link, LinkKind, PartialDate, Publication, Role,
};

/// The RIS type a kind is written as.
fn ris_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Report
        | Kind::Briefing
        | Kind::ReviewPaper
        | Kind::PolicyBrief
        | Kind::WorkingPaper
        | Kind::Factsheet => "RPRT",
        Kind::Map | Kind::StoryMap => "MAP",
        Kind::Dataset => "DATA",
        Kind::Article => "JOUR",
        Kind::Book => "BOOK",
        Kind::Chapter => "CHAP",
        Kind::News => "NEWS",
        Kind::Statement | Kind::Other => "GEN",
    }
}

/// The kind a RIS type stands for when no `M3` names one.
fn kind_of_type(ty: &str) -> Kind {
    match ty {
        "RPRT" => Kind::Report,
        "MAP" => Kind::Map,
        "DATA" | "DBASE" => Kind::Dataset,
        "JOUR" | "JFULL" | "EJOUR" | "MGZN" => Kind::Article,
        "BOOK" | "EBOOK" | "EDBOOK" => Kind::Book,
        "CHAP" | "ECHAP" => Kind::Chapter,
        "NEWS" => Kind::News,
        _ => Kind::Other,
    }
}

/// Writes one record per publication.
#[derive(Debug)]
pub(crate) struct RisExporter;

impl Exporter for RisExporter {
    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        ctx: &ExportContext,
    ) -> Result<()> {
        let mut tags: Vec<(&str, String)> = vec![
            ("TY", ris_type(p.kind).to_owned()),
            ("ID", p.uid.clone()),
            ("TI", p.title.clone()),
        ];
        for (tag, role) in [
            ("AU", Role::Author),
            ("A2", Role::Editor),
            ("A4", Role::Translator),
        ] {
            for (c, agent) in ctx.with_role(p, role) {
                let name = match agent {
                    Some(a) if a.kind == AgentKind::Person && a.family.is_some() => {
                        match &a.given {
                            Some(given) => {
                                format!("{}, {given}", a.family.as_deref().unwrap_or_default())
                            }
                            None => a.family.clone().unwrap_or_default(),
                        }
                    }
                    _ => ctx.agent_name(&c.agent).to_owned(),
                };
                tags.push((tag, name));
            }
        }
        for (c, _) in ctx.with_role(p, Role::Publisher) {
            tags.push(("PB", ctx.agent_name(&c.agent).to_owned()));
        }
        if let Some(date) = p.date.as_deref().and_then(|d| PartialDate::parse(d).ok()) {
            tags.push(("PY", date.year().to_string()));
            if !date.is_interval() {
                let parts: Vec<&str> = date
                    .edtf()
                    .trim_end_matches(['?', '~', '%'])
                    .split('-')
                    .collect();
                if parts.len() > 1 {
                    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
                    tags.push(("DA", format!("{}/{}/{}/", part(0), part(1), part(2))));
                }
            }
        }
        if let Some(series) = &p.series {
            tags.push(("T3", ctx.series_name(series).to_owned()));
        }
        if let Some(number) = &p.series_number {
            tags.push(("IS", number.clone()));
        }
        // The page count as reference managers write it for reports and books: `SP` alone
        // (no `EP`: a range would be the pages of a chapter or an article).
        if let Some(pages) = p.pages {
            tags.push(("SP", pages.to_string()));
        }
        tags.push(("LA", p.language.clone()));
        if kind_of_type(ris_type(p.kind)) != p.kind {
            tags.push(("M3", kind_label(p.kind)));
        }
        for (tag, scheme) in [
            ("DO", IdScheme::Doi),
            ("SN", IdScheme::Isbn),
            ("UR", IdScheme::Url),
        ] {
            for id in p.identifiers.iter().filter(|i| i.scheme == scheme) {
                tags.push((tag, id.value.clone()));
            }
        }
        for link in p.links.iter().filter(|l| l.kind == LinkKind::Pdf) {
            tags.push(("L1", link.url.clone()));
        }
        if let Some(summary) = &p.summary {
            tags.push(("AB", summary.clone()));
        }
        let mut text = String::new();
        for (tag, value) in tags {
            text.push_str(&format!("{tag}  - {}\r\n", collapse_spaces(&value)));
        }
        text.push_str("ER  - \r\n\r\n");
        out.write_all(text.as_bytes())?;
        Ok(())
    }
}

/// One record as read: `(tag, value, line)` in order.
struct Record {
    line: u64,
    number: u64,
    tags: Vec<(String, String, u64)>,
}

impl Record {
    fn first(&self, tags: &[&str]) -> Option<(&str, u64)> {
        tags.iter().find_map(|t| {
            self.tags
                .iter()
                .find(|(tag, value, _)| tag == t && !value.trim().is_empty())
                .map(|(_, v, line)| (v.trim(), *line))
        })
    }

    fn all<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = (&'a str, u64)> + 'a {
        self.tags
            .iter()
            .filter(move |(t, v, _)| t == tag && !v.trim().is_empty())
            .map(|(_, v, line)| (v.trim(), *line))
    }

    fn error(&self, field: &str, line: u64, message: impl Into<String>) -> Error {
        parse_error(Some(line), Some(self.number), Some(field), message)
    }

    fn checked<T>(&self, field: &str, line: u64, result: Result<T>) -> Result<T> {
        result.map_err(|e| match e {
            Error::InvalidInput { message, .. } => self.error(field, line, message),
            other => other,
        })
    }
}

/// Splits `XX  - value` into tag and value.
fn tagged(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let mut chars = tag.chars();
    let tag_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let rest = line.get(2..)?.strip_prefix("  -")?;
    (tag_ok && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (tag, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// Imports a RIS stream through `imp`, one record at a time.
pub(crate) fn import(imp: &mut Importer<'_, '_>, reader: impl BufRead) -> Result<()> {
    let mut lines = Lines::new(reader);
    let mut current: Option<Record> = None;
    let mut count = 0u64;
    while let Some((line_no, line)) = lines.next_line()? {
        let trimmed = line.trim_end();
        if trimmed.trim().is_empty() {
            continue;
        }
        match (tagged(trimmed), &mut current) {
            (Some(("TY", value)), None) => {
                count += 1;
                current = Some(Record {
                    line: line_no,
                    number: count,
                    tags: vec![("TY".into(), value.to_owned(), line_no)],
                });
            }
            (Some(("ER", _)), Some(_)) => {
                if let Some(record) = current.take() {
                    let draft = draft(&record)?;
                    imp.draft(draft)
                        .map_err(|e| locate(e, &at(Some(record.line), Some(record.number)), ""))?;
                    imp.tick();
                }
            }
            (Some(("TY", _)), Some(record)) => {
                return Err(record.error(
                    "ER",
                    line_no,
                    format!(
                        "the record starting on line {} has no `ER  - `",
                        record.line
                    ),
                ));
            }
            (Some((tag, value)), Some(record)) => {
                record
                    .tags
                    .push((tag.to_owned(), value.to_owned(), line_no))
            }
            (None, Some(record)) => {
                if let Some((_, value, _)) = record.tags.last_mut() {
                    value.push(' ');
                    value.push_str(trimmed.trim());
                }
            }
            (_, None) => {
                return Err(parse_error(
                    Some(line_no),
                    Some(count + 1),
                    Some("TY"),
                    "expected `TY  - ` to start a record",
                ));
            }
        }
    }
    match current {
        Some(record) => Err(record.error(
            "ER",
            record.line,
            format!(
                "the record starting on line {} has no `ER  - `",
                record.line
            ),
        )),
        None => Ok(()),
    }
}

fn date(record: &Record) -> Result<Option<String>> {
    for tag in ["DA", "PY", "Y1"] {
        let Some((value, line)) = record.first(&[tag]) else {
            continue;
        };
        if value.contains('-') && !value.contains('/') {
            let date = record.checked(tag, line, PartialDate::parse(value))?;
            return Ok(Some(date.edtf().to_owned()));
        }
        let parts: Vec<&str> = value.split('/').map(str::trim).collect();
        let number = |i: usize| -> Result<Option<u32>> {
            match parts.get(i).filter(|p| !p.is_empty()) {
                None => Ok(None),
                Some(p) => p.parse().map(Some).map_err(|_| {
                    record.error(
                        tag,
                        line,
                        format!("`{value}` is not a RIS date (YYYY/MM/DD/)"),
                    )
                }),
            }
        };
        let Some(year) = number(0)? else {
            if tag == "DA" {
                continue; // `DA  - //` says nothing
            }
            return Err(record.error(tag, line, format!("`{value}` has no year")));
        };
        let (month, day) = (number(1)?, number(2)?);
        if tag == "DA" && month.is_none() && record.first(&["PY"]).is_some() {
            continue; // let PY give the year
        }
        let date = record.checked(
            tag,
            line,
            PartialDate::from_ymd(year as i32, month, day.filter(|_| month.is_some())),
        )?;
        return Ok(Some(date.edtf().to_owned()));
    }
    Ok(None)
}

fn draft(record: &Record) -> Result<Draft> {
    let (ty, _) = record.first(&["TY"]).unwrap_or(("GEN", record.line));
    let title = record
        .first(&["TI", "T1"])
        .map(|(t, _)| collapse_spaces(t))
        .ok_or_else(|| record.error("TI", record.line, "the record has no title (TI)"))?;
    let kind = record
        .first(&["M3"])
        .and_then(|(v, _)| kind_from_label(v))
        .unwrap_or_else(|| kind_of_type(ty));
    let mut contributors = Vec::new();
    let roles: [(&[&str], Role); 3] = [
        (&["AU", "A1"], Role::Author),
        (&["A2", "ED"], Role::Editor),
        (&["A4"], Role::Translator),
    ];
    for (tags, role) in roles {
        for tag in tags {
            for (name, _) in record.all(tag) {
                contributors.push(DraftContributor::named(read_name_text(name), role));
            }
        }
    }
    for (name, _) in record.all("PB") {
        let mut name = AgentName::literal(name);
        name.kind = Some(AgentKind::Organization);
        contributors.push(DraftContributor::named(name, Role::Publisher));
    }
    let language = match record.first(&["LA"]) {
        Some((value, line)) => Some(record.checked("LA", line, language_tag(value))?),
        None => None,
    };
    let mut identifiers = Vec::new();
    for (tag, scheme) in [("DO", IdScheme::Doi), ("UR", IdScheme::Url)] {
        for (value, line) in record.all(tag) {
            identifiers.push(record.checked(
                tag,
                line,
                Identifier::new(scheme, value).normalized(),
            )?);
        }
    }
    for (value, _) in record.all("SN") {
        // SN holds ISBNs, ISSNs or report numbers: keep what reads as an ISBN or ISSN.
        if let Ok(id) = Identifier::new(IdScheme::Isbn, value).normalized() {
            identifiers.push(id);
        } else if let Ok(id) = Identifier::new(IdScheme::Issn, value).normalized() {
            identifiers.push(id);
        }
    }
    let mut links = Vec::new();
    for (value, line) in record.all("L1") {
        let url = record
            .checked(
                "L1",
                line,
                Identifier::new(IdScheme::Url, value).normalized(),
            )?
            .value;
        links.push(Link::new(url, LinkKind::Pdf));
    }
    let series = record.first(&["T3"]).map(|(v, _)| collapse_spaces(v));
    Ok(Draft {
        uid: record.first(&["ID"]).and_then(|(v, _)| non_empty(v)),
        language,
        title,
        summary: record.first(&["AB", "N2"]).and_then(|(v, _)| non_empty(v)),
        kind: Some(kind),
        date: date(record)?,
        series_number: record
            .first(&["IS"])
            .map(|(v, _)| v.to_owned())
            .filter(|_| series.is_some()),
        series,
        pages: match record.first(&["EP"]) {
            Some(_) => None,
            None => record.first(&["SP"]).and_then(|(v, _)| page_count(v)),
        },
        contributors,
        identifiers,
        links,
        ..Draft::default()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_recognised_strictly() {
        assert_eq!(tagged("TY  - RPRT"), Some(("TY", "RPRT")));
        assert_eq!(tagged("ER  -"), Some(("ER", "")));
        assert_eq!(tagged("A2  - Kiza, Ana"), Some(("A2", "Kiza, Ana")));
        assert_eq!(tagged("ty  - x"), None);
        assert_eq!(tagged("TY - x"), None);
        assert_eq!(tagged("continued text"), None);
    }

    #[test]
    fn dates_read_from_da_or_py() {
        let rec = |tags: &[(&str, &str)]| Record {
            line: 1,
            number: 1,
            tags: tags
                .iter()
                .map(|(t, v)| ((*t).into(), (*v).into(), 2))
                .collect(),
        };
        assert_eq!(
            date(&rec(&[("PY", "2012")])).unwrap().as_deref(),
            Some("2012")
        );
        assert_eq!(
            date(&rec(&[("PY", "2012"), ("DA", "2012/07//")]))
                .unwrap()
                .as_deref(),
            Some("2012-07")
        );
        assert_eq!(
            date(&rec(&[("DA", "2021/07/15/Summer")]))
                .unwrap()
                .as_deref(),
            Some("2021-07-15")
        );
        assert_eq!(
            date(&rec(&[("PY", "2012///"), ("DA", "//")]))
                .unwrap()
                .as_deref(),
            Some("2012")
        );
        assert_eq!(
            date(&rec(&[("DA", "2016-03")])).unwrap().as_deref(),
            Some("2016-03")
        );
        let err = date(&rec(&[("PY", "20x2")])).unwrap_err();
        assert_eq!(err.position().unwrap().field.as_deref(), Some("PY"));
        assert_eq!(date(&rec(&[])).unwrap(), None);
    }
}
