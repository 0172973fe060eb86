//! BibTeX / BibLaTeX import and export: entry types and fields mapped to publications (see
//! `docs/FORMATS.md`), LaTeX escaping both ways ([`super::latex`]), capitals in titles
//! protected with braces on export.

use std::io::Write;

use super::bibtex_syntax::{self, Entry, Name};
use super::draft::{AgentName, Draft, DraftContributor};
use super::export::{ExportContext, Exporter};
use super::ingest::{at, locate, parse_error, Importer};
use super::latex::encode;
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

/// Whether a name part must be braced to stay one part: a comma would split it into name
/// parts, an `and` into two names.
fn needs_braces(part: &str) -> bool {
    part.contains(',')
        || part
            .split_whitespace()
            .any(|word| word.eq_ignore_ascii_case("and"))
}

/// A name part in LaTeX, braced when [`needs_braces`].
fn name_part(part: &str) -> String {
    let encoded = encode(part);
    if needs_braces(part) {
        format!("{{{encoded}}}")
    } else {
        encoded
    }
}

/// An agent as a BibTeX name: an organisation as one braced literal (`{Law and
/// Development}`: never split into names or name parts); a person as `Family, Given`
/// (`Family, Suffix, Given` when the display name is "Given Family Suffix"), each part braced
/// when it holds a comma or an `and`; a person without family name as written (braced when
/// it holds a comma or an `and`).
fn bib_name(ctx: &ExportContext, agent_uid: &str) -> String {
    let name = ctx.agent_name(agent_uid);
    match ctx.agent(agent_uid) {
        Some(a) if a.kind == AgentKind::Person => {
            let family = a.family.as_deref().map(str::trim).filter(|f| !f.is_empty());
            let given = a.given.as_deref().map(str::trim).filter(|g| !g.is_empty());
            match (family, given) {
                (Some(family), Some(given)) => {
                    let suffix = name
                        .strip_prefix(&format!("{given} {family} "))
                        .map(str::trim)
                        .filter(|s| !s.is_empty());
                    match suffix {
                        Some(suffix) => format!(
                            "{}, {}, {}",
                            name_part(family),
                            name_part(suffix),
                            name_part(given)
                        ),
                        None => format!("{}, {}", name_part(family), name_part(given)),
                    }
                }
                (Some(family), None) => name_part(family),
                (None, _) => name_part(name),
            }
        }
        _ => format!("{{{}}}", encode(name)),
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
            .map(|(c, _)| name_part(ctx.agent_name(&c.agent)))
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

/// A name as a draft names an agent: a braced literal is an organisation; `Family, Given`
/// a person (display "Given Family", with the suffix after it); a name without comma keeps
/// its text, with the crate's given/family split for when it is guessed to be a person.
fn agent_name(name: &Name) -> AgentName {
    match name {
        Name::Literal(text) => AgentName {
            kind: Some(AgentKind::Organization),
            ..AgentName::literal(text)
        },
        Name::Parts {
            family,
            given,
            suffix,
            comma: true,
            ..
        } if !given.is_empty() && !family.is_empty() => {
            let mut person = AgentName::person(family, Some(given));
            if !suffix.is_empty() {
                person.display = format!("{} {suffix}", person.display);
            }
            person
        }
        Name::Parts {
            family,
            given,
            comma,
            text,
            ..
        } => AgentName {
            display: if *comma {
                text.trim_end_matches([',', ' ']).to_owned()
            } else {
                text.clone()
            },
            given: non_empty(given),
            family: non_empty(family),
            kind: None,
        },
    }
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
            .text(name)
            .and_then(|(v, _)| non_empty(&collapse_spaces(&v)))
    };
    let title =
        text("title").ok_or_else(|| err("title", entry.line, "the entry has no title".into()))?;
    let kind = text("type")
        .and_then(|v| kind_from_label(&v))
        .unwrap_or_else(|| kind_of_entry(&entry.kind));
    let date = if let Some((raw, line)) = entry.verbatim("date") {
        Some(checked(
            "date",
            line,
            PartialDate::parse(&raw).map(|d| d.edtf().to_owned()),
        )?)
    } else if let Some((raw, line)) = entry.verbatim("year") {
        let year: i32 = raw
            .parse()
            .map_err(|_| err("year", line, format!("`{raw}` is not a year")))?;
        let month = match entry.text("month") {
            Some((raw, line)) => Some(
                month_number(raw.trim())
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
    let language = match entry.text("language").or_else(|| entry.text("langid")) {
        Some((raw, line)) => Some(checked("language", line, language_tag(raw.trim()))?),
        None => None,
    };
    let mut contributors = Vec::new();
    for (field, role) in [
        ("author", Role::Author),
        ("editor", Role::Editor),
        ("translator", Role::Translator),
    ] {
        for name in entry.names(field).unwrap_or_default() {
            contributors.push(DraftContributor::named(agent_name(&name), role));
        }
    }
    for field in ["institution", "publisher", "organization"] {
        for name in entry.names(field).unwrap_or_default() {
            let text = match &name {
                Name::Literal(text) | Name::Parts { text, .. } => text,
            };
            let mut name = AgentName::literal(text);
            name.kind = Some(AgentKind::Organization);
            contributors.push(DraftContributor::named(name, Role::Publisher));
        }
    }
    let mut identifiers = Vec::new();
    for (field, scheme) in [
        ("doi", IdScheme::Doi),
        ("isbn", IdScheme::Isbn),
        ("url", IdScheme::Url),
    ] {
        if let Some((raw, line)) = entry.verbatim(field) {
            let id = Identifier::new(scheme, raw).normalized();
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
        summary: entry.text("abstract").and_then(|(v, _)| non_empty(&v)),
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

    /// The agent names of `field` of the first entry of `text`.
    fn names(text: &str, field: &str) -> Vec<AgentName> {
        let entries = bibtex_syntax::parse(text).unwrap();
        entries[0]
            .names(field)
            .unwrap()
            .iter()
            .map(agent_name)
            .collect()
    }

    #[test]
    fn names_are_read_in_every_form() {
        let read = names(
            "@misc{a, author = {Lonema, Jean-Paul and {Levin Sources} AND Ana Kiza and \
             {Bill and Melinda Gates Foundation} and M{\\\"u}ller, J{\\\"o}rg and {IPIS} and \
             von Neumann, Jr., John and others}}",
            "author",
        );
        assert_eq!(read.len(), 7);
        assert_eq!(read[0], AgentName::person("Lonema", Some("Jean-Paul")));
        let org = |name: &str| AgentName {
            kind: Some(AgentKind::Organization),
            ..AgentName::literal(name)
        };
        assert_eq!(read[1], org("Levin Sources"));
        assert_eq!(
            read[2],
            AgentName {
                given: Some("Ana".into()),
                family: Some("Kiza".into()),
                ..AgentName::display("Ana Kiza")
            }
        );
        assert_eq!(read[3], org("Bill and Melinda Gates Foundation"));
        assert_eq!(read[4].display, "Jörg Müller");
        assert_eq!(read[5], org("IPIS"));
        assert_eq!(
            read[6],
            AgentName {
                display: "John von Neumann Jr.".into(),
                ..AgentName::person("von Neumann", Some("John"))
            }
        );
        let bare = names("@misc{a, author = {Levin Sources}}", "author");
        assert_eq!(bare[0].display, "Levin Sources");
        assert_eq!(bare[0].kind, None, "a bare name's kind is guessed");
    }

    #[test]
    fn name_parts_with_and_or_commas_are_braced() {
        assert_eq!(name_part("Law and"), "{Law and}");
        assert_eq!(name_part("Smith, Jones"), "{Smith, Jones}");
        assert_eq!(name_part("Anderson"), "Anderson");
        assert_eq!(name_part("Müller"), r#"M{\"u}ller"#);
        assert!(needs_braces("Law AND Order"));
    }

    #[test]
    fn titles_protect_capitals() {
        assert_eq!(
            protected_title("Étain in the DRC"),
            r"{{\'E}tain} in the {DRC}"
        );
        assert_eq!(citation_key("a b{c}"), "a-b-c-");
    }
}
