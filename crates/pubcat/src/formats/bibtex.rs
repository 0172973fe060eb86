//! BibTeX / BibLaTeX import and export: entry types and fields mapped to publications (see
//! `docs/FORMATS.md`), LaTeX escaping both ways ([`super::latex`]), capitals in titles
//! protected with braces on export.

use std::io::Write;

use super::bibtex_syntax::{self, Entry};
use super::draft::{AgentName, Draft, DraftContributor};
use super::export::{ExportContext, Exporter};
use super::ingest::{at, locate, parse_error, Importer};
use super::latex::{decode, encode};
use super::names::read_name_text;
use super::text::{
    collapse_spaces, kind_from_label, kind_label, language_tag, month_number, non_empty, page_count,
};
use crate::error::{Error, Result};
use crate::model::{AgentKind, IdScheme, Identifier, Kind, PartialDate, Publication, Role};

/// The entry type a kind is written as.
fn entry_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Report
        | Kind::Briefing
        | Kind::ReviewPaper
        | Kind::PolicyBrief
        | Kind::WorkingPaper
        | Kind::Factsheet => "techreport",
        Kind::Article => "article",
        Kind::Book => "book",
        Kind::Chapter => "incollection",
        Kind::Dataset | Kind::Map | Kind::StoryMap | Kind::News | Kind::Statement | Kind::Other => {
            "misc"
        }
    }
}

/// The kind an entry type stands for when no `type` field names one.
fn kind_of_entry(entry_type: &str) -> Kind {
    match entry_type {
        "techreport" | "report" => Kind::Report,
        "article" => Kind::Article,
        "book" | "mvbook" | "booklet" => Kind::Book,
        "incollection" | "inbook" | "inproceedings" | "conference" => Kind::Chapter,
        "dataset" => Kind::Dataset,
        _ => Kind::Other,
    }
}

/// A citation key made of the uid's safe characters.
fn citation_key(uid: &str) -> String {
    uid.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_:./+".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A title with LaTeX escapes and every word holding a capital letter in braces.
fn protected_title(title: &str) -> String {
    title
        .split(' ')
        .map(|word| {
            let encoded = encode(word);
            if word.chars().any(char::is_uppercase) {
                format!("{{{encoded}}}")
            } else {
                encoded
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Family, Given` for persons with a family name, `{Name}` otherwise.
fn bib_name(ctx: &ExportContext, agent_uid: &str) -> String {
    match ctx.agent(agent_uid) {
        Some(a) if a.kind == AgentKind::Person && a.family.is_some() => {
            let family = encode(a.family.as_deref().unwrap_or_default());
            match &a.given {
                Some(given) => format!("{family}, {}", encode(given)),
                None => family,
            }
        }
        _ => format!("{{{}}}", encode(ctx.agent_name(agent_uid))),
    }
}

/// Writes one entry per publication.
#[derive(Debug)]
pub(crate) struct BibtexExporter;

impl Exporter for BibtexExporter {
    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        ctx: &ExportContext,
    ) -> Result<()> {
        let ty = entry_type(p.kind);
        let mut fields: Vec<(&str, String)> = vec![("title", protected_title(&p.title))];
        if let Some(subtitle) = &p.subtitle {
            fields.push(("subtitle", protected_title(subtitle)));
        }
        for (name, role) in [
            ("author", Role::Author),
            ("editor", Role::Editor),
            ("translator", Role::Translator),
        ] {
            let names: Vec<String> = ctx
                .with_role(p, role)
                .map(|(c, _)| bib_name(ctx, &c.agent))
                .collect();
            if !names.is_empty() {
                fields.push((name, names.join(" and ")));
            }
        }
        let publishers: Vec<String> = ctx
            .with_role(p, Role::Publisher)
            .map(|(c, _)| encode(ctx.agent_name(&c.agent)))
            .collect();
        if !publishers.is_empty() {
            let name = if ty == "techreport" {
                "institution"
            } else {
                "publisher"
            };
            fields.push((name, publishers.join(" and ")));
        }
        if kind_of_entry(ty) != p.kind {
            fields.push(("type", kind_label(p.kind)));
        }
        if let Some(series) = &p.series {
            fields.push(("series", encode(ctx.series_name(series))));
        }
        if let Some(number) = &p.series_number {
            fields.push(("number", encode(number)));
        }
        if let Some(pages) = p.pages {
            fields.push(("pagetotal", pages.to_string()));
        }
        if let Some(date) = p.date.as_deref().and_then(|d| PartialDate::parse(d).ok()) {
            fields.push(("year", date.year().to_string()));
            if date.edtf() != date.year().to_string() {
                fields.push(("date", date.edtf().to_owned()));
            }
        }
        fields.push(("language", p.language.clone()));
        for (name, scheme) in [
            ("doi", IdScheme::Doi),
            ("isbn", IdScheme::Isbn),
            ("url", IdScheme::Url),
        ] {
            if let Some(id) = p.identifiers.iter().find(|i| i.scheme == scheme) {
                fields.push((name, id.value.clone()));
            }
        }
        if let Some(summary) = &p.summary {
            fields.push(("abstract", encode(summary)));
        }
        let mut text = format!("@{ty}{{{},\n", citation_key(&p.uid));
        for (name, value) in fields {
            text.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        text.push_str("}\n\n");
        out.write_all(text.as_bytes())?;
        Ok(())
    }
}

/// Imports every entry of a BibTeX text through `imp`.
pub(crate) fn import(imp: &mut Importer<'_, '_>, text: &str) -> Result<()> {
    for entry in bibtex_syntax::parse(text)? {
        let draft = draft(&entry)?;
        imp.draft(draft)
            .map_err(|e| locate(e, &at(Some(entry.line), Some(entry.record)), ""))?;
        imp.tick();
    }
    Ok(())
}

/// Splits a name list on ` and ` outside braces.
fn split_names(raw: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0u32;
    let mut current = String::new();
    let words: Vec<&str> = raw.split_whitespace().collect();
    for word in words {
        if depth == 0 && word.eq_ignore_ascii_case("and") {
            names.push(std::mem::take(&mut current));
            continue;
        }
        for c in word.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    names.push(current);
    names
        .into_iter()
        .filter(|n| !n.is_empty() && n != "others")
        .collect()
}

/// Reads one BibTeX name: `{Organisation}`, `Family, Given`, `Family, Jr, Given` or
/// `Given Family`.
fn read_name(raw: &str) -> AgentName {
    let raw = raw.trim();
    let whole_group = raw.starts_with('{') && raw.ends_with('}') && {
        let mut depth = 0i32;
        raw.char_indices().all(|(i, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            depth > 0 || i == raw.len() - 1
        })
    };
    if whole_group {
        return AgentName::literal(&decode(raw));
    }
    let top_commas = split_top_level_commas(raw).len().saturating_sub(1);
    let name = collapse_spaces(&decode(raw));
    if top_commas == 0 {
        return AgentName::display(name);
    }
    read_name_text(&name)
}

fn split_top_level_commas(raw: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0u32, 0usize);
    for (i, c) in raw.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(raw.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(raw.get(start..).unwrap_or_default());
    parts
}

/// A verbatim field (DOI, URL): braces and `\` escapes removed, no LaTeX decoding.
fn verbatim(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

fn draft(entry: &Entry) -> Result<Draft> {
    let err = |field: &str, line: u64, message: String| {
        parse_error(Some(line), Some(entry.record), Some(field), message)
    };
    let checked = |field: &str, line: u64, result: Result<String>| {
        result.map_err(|e| match e {
            Error::InvalidInput { message, .. } => err(field, line, message),
            other => other,
        })
    };
    let text = |name: &str| {
        entry
            .get(name)
            .and_then(|(v, _)| non_empty(&collapse_spaces(&decode(v))))
    };
    let title =
        text("title").ok_or_else(|| err("title", entry.line, "the entry has no title".into()))?;
    let kind = entry
        .get("type")
        .and_then(|(v, _)| kind_from_label(&decode(v)))
        .unwrap_or_else(|| kind_of_entry(&entry.kind));
    let date = if let Some((raw, line)) = entry.get("date") {
        Some(checked(
            "date",
            line,
            PartialDate::parse(&verbatim(raw)).map(|d| d.edtf().to_owned()),
        )?)
    } else if let Some((raw, line)) = entry.get("year") {
        let year: i32 = verbatim(raw)
            .parse()
            .map_err(|_| err("year", line, format!("`{}` is not a year", verbatim(raw))))?;
        let month = match entry.get("month") {
            Some((raw, line)) => Some(
                month_number(&decode(raw))
                    .ok_or_else(|| err("month", line, format!("`{raw}` is not a month")))?,
            ),
            None => None,
        };
        Some(checked(
            "year",
            line,
            PartialDate::from_ymd(year, month, None).map(|d| d.edtf().to_owned()),
        )?)
    } else {
        None
    };
    let language = match entry.get("language").or_else(|| entry.get("langid")) {
        Some((raw, line)) => Some(checked("language", line, language_tag(&decode(raw)))?),
        None => None,
    };
    let mut contributors = Vec::new();
    for (field, role) in [
        ("author", Role::Author),
        ("editor", Role::Editor),
        ("translator", Role::Translator),
    ] {
        if let Some((raw, _)) = entry.get(field) {
            contributors.extend(
                split_names(raw)
                    .iter()
                    .map(|n| DraftContributor::named(read_name(n), role)),
            );
        }
    }
    for field in ["institution", "publisher", "organization"] {
        if let Some((raw, _)) = entry.get(field) {
            for name in split_names(raw) {
                let mut name = AgentName::literal(&collapse_spaces(&decode(&name)));
                name.kind = Some(AgentKind::Organization);
                contributors.push(DraftContributor::named(name, Role::Publisher));
            }
        }
    }
    let mut identifiers = Vec::new();
    for (field, scheme) in [
        ("doi", IdScheme::Doi),
        ("isbn", IdScheme::Isbn),
        ("url", IdScheme::Url),
    ] {
        if let Some((raw, line)) = entry.get(field) {
            let id = Identifier::new(scheme, verbatim(raw)).normalized();
            let id = id.map_err(|e| match e {
                Error::InvalidInput { message, .. } => err(field, line, message),
                other => other,
            })?;
            identifiers.push(id);
        }
    }
    let series = text("series");
    Ok(Draft {
        uid: non_empty(&entry.key),
        language,
        title,
        subtitle: text("subtitle"),
        summary: entry
            .get("abstract")
            .and_then(|(v, _)| non_empty(&decode(v))),
        kind: Some(kind),
        date,
        series_number: text("number").filter(|_| series.is_some()),
        series,
        pages: text("pagetotal").as_deref().and_then(page_count),
        contributors,
        identifiers,
        ..Draft::default()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_every_form() {
        let names = split_names("Lonema, Jean-Paul and {Levin Sources} AND Ana Kiza and {Bill and Melinda Gates Foundation} and others");
        assert_eq!(names.len(), 4);
        let read: Vec<AgentName> = names.iter().map(|n| read_name(n)).collect();
        assert_eq!(read[0], AgentName::person("Lonema", Some("Jean-Paul")));
        assert_eq!(read[1], AgentName::literal("Levin Sources"));
        assert_eq!(read[2], AgentName::display("Ana Kiza"));
        assert_eq!(read[3].display, "Bill and Melinda Gates Foundation");
        assert_eq!(read_name(r#"M{\"u}ller, J{\"o}rg"#).display, "Jörg Müller");
        assert_eq!(read_name("{IPIS}").kind, None);
        assert_eq!(
            read_name("Levin Sources"),
            AgentName::display("Levin Sources")
        );
        assert_eq!(read_name("{A}{B}").display, "A B".replace(' ', ""));
    }

    #[test]
    fn titles_protect_capitals() {
        assert_eq!(
            protected_title("Étain in the DRC"),
            r"{{\'E}tain} in the {DRC}"
        );
        assert_eq!(citation_key("a b{c}"), "a-b-c-");
        assert_eq!(verbatim(r"{https://x.org/a\_b}"), "https://x.org/a_b");
    }
}
