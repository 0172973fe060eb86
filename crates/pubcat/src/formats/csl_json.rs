//! CSL-JSON (citation-style-language input data, `csl-data.json` schema) import and export.
//!
//! Items map to publications as documented in `docs/FORMATS.md`. What CSL cannot say (the
//! exact kind, subtitle, excerpt flag, EDTF dates such as `2012?` or `2019/..`, work and
//! original) travels in the schema's free-form `custom` object, under `custom.pubcat`.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::draft::{AgentName, Draft, DraftContributor};
use super::export::{ExportContext, Exporter};
use super::ingest::{at, locate, parse_error, Importer};
use super::text::{kind_from_label, kind_label, language_tag, non_empty, page_count};
use crate::error::{Error, Result};
use crate::model::{AgentKind, IdScheme, Identifier, Kind, PartialDate, Publication, Role};

/// The CSL type a kind is written as.
fn csl_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Report
        | Kind::Briefing
        | Kind::ReviewPaper
        | Kind::PolicyBrief
        | Kind::WorkingPaper
        | Kind::Factsheet => "report",
        Kind::Map | Kind::StoryMap => "map",
        Kind::Dataset => "dataset",
        Kind::Article => "article-journal",
        Kind::Book => "book",
        Kind::Chapter => "chapter",
        Kind::News => "article-newspaper",
        Kind::Statement | Kind::Other => "document",
    }
}

/// The kind a CSL type stands for when neither `custom.pubcat.kind` nor `genre` names one.
fn kind_of_type(ty: &str) -> Kind {
    match ty {
        "report" => Kind::Report,
        "map" => Kind::Map,
        "dataset" => Kind::Dataset,
        "article" | "article-journal" | "article-magazine" => Kind::Article,
        "article-newspaper" => Kind::News,
        "book" => Kind::Book,
        "chapter" => Kind::Chapter,
        _ => Kind::Other,
    }
}

/// A CSL name.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Name {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    given: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    literal: Option<String>,
    #[serde(default, rename = "non-dropping-particle", skip_serializing)]
    particle: Option<String>,
}

/// A CSL date: `date-parts` (one or two `[year, month?, day?]`) and `circa`.
#[derive(Debug, Serialize)]
struct DateOut {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<u32>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
}

/// What CSL cannot hold, under `custom.pubcat`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Extra {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    summary_is_excerpt: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    work: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    original: bool,
}

#[derive(Debug, Serialize)]
struct Custom {
    pubcat: Extra,
}

/// One exported item, fields in this order.
#[derive(Debug, Serialize)]
struct Item<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    ty: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Name>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<Name>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    translator: Vec<Name>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contributor: Vec<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<String>,
    #[serde(rename = "collection-title", skip_serializing_if = "Option::is_none")]
    collection_title: Option<&'a str>,
    #[serde(rename = "collection-number", skip_serializing_if = "Option::is_none")]
    collection_number: Option<&'a str>,
    #[serde(rename = "number-of-pages", skip_serializing_if = "Option::is_none")]
    number_of_pages: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<DateOut>,
    language: &'a str,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(rename = "ISBN", skip_serializing_if = "Option::is_none")]
    isbn: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    custom: Custom,
}

/// `[year, month?, day?]` of one side of an EDTF date (qualifiers dropped).
fn side_parts(side: &str) -> Option<Vec<u32>> {
    let core = side.trim_end_matches(['?', '~', '%']);
    if core.is_empty() || core == ".." {
        return None;
    }
    core.split('-').map(|p| p.parse().ok()).collect()
}

/// The EDTF text CSL `date-parts` and `circa` stand for.
fn edtf_from_parts(parts: &[Vec<u32>], circa: bool) -> Result<String> {
    let side = |p: &Vec<u32>| -> Result<String> {
        let text = match p.as_slice() {
            [y] => format!("{y:04}"),
            [y, m] => format!("{y:04}-{m:02}"),
            [y, m, d, ..] => format!("{y:04}-{m:02}-{d:02}"),
            [] => return Err(Error::invalid("issued", "empty date-parts")),
        };
        Ok(if circa { format!("{text}~") } else { text })
    };
    let text = match parts {
        [one] => side(one)?,
        [start, end, ..] => format!("{}/{}", side(start)?, side(end)?),
        [] => return Err(Error::invalid("issued", "empty date-parts")),
    };
    Ok(PartialDate::parse(&text)?.edtf().to_owned())
}

/// CSL date of an EDTF date, and whether `custom.pubcat.date` must carry the EDTF too.
fn csl_date(edtf: &str) -> Option<(DateOut, bool)> {
    let date = PartialDate::parse(edtf).ok()?;
    let sides: Vec<&str> = date.edtf().split('/').collect();
    let date_parts: Vec<Vec<u32>> = sides.iter().filter_map(|s| side_parts(s)).collect();
    if date_parts.is_empty() {
        return None;
    }
    let circa = date.is_approximate();
    let exact = edtf_from_parts(&date_parts, circa).is_ok_and(|back| back == date.edtf());
    Some((DateOut { date_parts, circa }, !exact))
}

fn csl_name(ctx: &ExportContext, agent_uid: &str) -> Name {
    match ctx.agent(agent_uid) {
        Some(a) if a.kind == AgentKind::Person && a.family.is_some() => Name {
            family: a.family.clone(),
            given: a.given.clone(),
            ..Name::default()
        },
        _ => Name {
            literal: Some(ctx.agent_name(agent_uid).to_owned()),
            ..Name::default()
        },
    }
}

/// Writes a JSON array of items.
#[derive(Debug, Default)]
pub(crate) struct CslExporter {
    written: u64,
}

impl Exporter for CslExporter {
    fn begin(&mut self, out: &mut dyn Write) -> Result<()> {
        out.write_all(b"[")?;
        Ok(())
    }

    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        ctx: &ExportContext,
    ) -> Result<()> {
        let names = |role: Role| -> Vec<Name> {
            ctx.with_role(p, role)
                .map(|(c, _)| csl_name(ctx, &c.agent))
                .collect()
        };
        let publishers: Vec<&str> = ctx
            .with_role(p, Role::Publisher)
            .map(|(c, _)| ctx.agent_name(&c.agent))
            .collect();
        let id = |scheme: IdScheme| {
            p.identifiers
                .iter()
                .find(|i| i.scheme == scheme)
                .map(|i| i.value.as_str())
        };
        let date = p.date.as_deref().and_then(csl_date);
        let ty = csl_type(p.kind);
        let item = Item {
            id: &p.uid,
            ty,
            title: &p.title,
            author: names(Role::Author),
            editor: names(Role::Editor),
            translator: names(Role::Translator),
            contributor: names(Role::Contributor),
            publisher: (!publishers.is_empty()).then(|| publishers.join("; ")),
            genre: (kind_of_type(ty) != p.kind).then(|| kind_label(p.kind)),
            collection_title: p.series.as_deref().map(|s| ctx.series_name(s)),
            collection_number: p.series_number.as_deref(),
            number_of_pages: p.pages,
            issued: date.as_ref().map(|(d, _)| DateOut {
                date_parts: d.date_parts.clone(),
                circa: d.circa,
            }),
            language: &p.language,
            doi: id(IdScheme::Doi),
            isbn: id(IdScheme::Isbn),
            url: id(IdScheme::Url),
            summary: p.summary.as_deref(),
            custom: Custom {
                pubcat: Extra {
                    kind: Some(p.kind.to_string()),
                    subtitle: p.subtitle.clone(),
                    summary_is_excerpt: p.summary_is_excerpt,
                    date: match date {
                        Some((_, false)) => None,
                        _ => p.date.clone(),
                    },
                    work: p.work.clone().filter(|w| *w != p.uid),
                    original: p.original,
                },
            },
        };
        let text = serde_json::to_string_pretty(&item)
            .map_err(|e| Error::invalid("publication", e.to_string()))?;
        let separator = if self.written == 0 { "\n" } else { ",\n" };
        out.write_all(separator.as_bytes())?;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
        self.written += 1;
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write) -> Result<()> {
        out.write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}

/// Imports a CSL-JSON array (or a single item) through `imp`.
pub(crate) fn import(imp: &mut Importer<'_, '_>, reader: impl Read) -> Result<()> {
    let value: Value = serde_json::from_reader(reader)
        .map_err(|e| parse_error(Some(e.line() as u64), None, None, e.to_string()))?;
    let items = match value {
        Value::Array(items) => items,
        item @ Value::Object(_) => vec![item],
        _ => {
            return Err(parse_error(
                Some(1),
                None,
                None,
                "expected an array of CSL items",
            ))
        }
    };
    for (i, item) in items.iter().enumerate() {
        let record = i as u64 + 1;
        let draft = draft(item, record)?;
        imp.draft(draft)
            .map_err(|e| locate(e, &at(None, Some(record)), ""))?;
        imp.tick();
    }
    Ok(())
}

/// A string, or a number written as text.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => non_empty(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn draft(item: &Value, record: u64) -> Result<Draft> {
    let err = |field: &str, message: String| parse_error(None, Some(record), Some(field), message);
    let checked = |field: &str, result: Result<String>| {
        result.map_err(|e| match e {
            Error::InvalidInput { message, .. } => err(field, message),
            other => other,
        })
    };
    let Value::Object(map) = item else {
        return Err(err("item", "expected an object".into()));
    };
    let get = |key: &str| map.get(key).and_then(text_of);
    let extra: Extra = match map.get("custom").and_then(|c| c.get("pubcat")) {
        Some(value) => serde_json::from_value(value.clone())
            .map_err(|e| err("custom.pubcat", e.to_string()))?,
        None => Extra::default(),
    };
    let title = get("title").ok_or_else(|| err("title", "the item has no title".into()))?;
    let ty = get("type").unwrap_or_default();
    let kind = match &extra.kind {
        Some(code) => checked(
            "custom.pubcat.kind",
            code.parse::<Kind>().map(|k| k.to_string()),
        )?
        .parse()
        .ok(),
        None => get("genre").and_then(|g| kind_from_label(&g)),
    }
    .unwrap_or_else(|| kind_of_type(&ty));
    let date = match (&extra.date, map.get("issued")) {
        (Some(edtf), _) => Some(checked(
            "custom.pubcat.date",
            PartialDate::parse(edtf).map(|d| d.edtf().to_owned()),
        )?),
        (None, Some(issued)) => Some(checked("issued", issued_edtf(issued))?),
        (None, None) => None,
    };
    let language = get("language")
        .map(|l| checked("language", language_tag(&l)))
        .transpose()?;
    let mut contributors = Vec::new();
    for (key, role) in [
        ("author", Role::Author),
        ("editor", Role::Editor),
        ("translator", Role::Translator),
        ("contributor", Role::Contributor),
    ] {
        let Some(names) = map.get(key) else { continue };
        let names: Vec<Name> =
            serde_json::from_value(names.clone()).map_err(|e| err(key, e.to_string()))?;
        for name in names {
            contributors.push(DraftContributor::named(
                agent_name(name)
                    .ok_or_else(|| err(key, "a name without family or literal".into()))?,
                role,
            ));
        }
    }
    if let Some(publisher) = get("publisher") {
        for name in publisher.split(';').filter_map(non_empty) {
            let mut name = AgentName::literal(&name);
            name.kind = Some(AgentKind::Organization);
            contributors.push(DraftContributor::named(name, Role::Publisher));
        }
    }
    let mut identifiers = Vec::new();
    for (key, scheme) in [
        ("DOI", IdScheme::Doi),
        ("ISBN", IdScheme::Isbn),
        ("URL", IdScheme::Url),
    ] {
        if let Some(value) = get(key) {
            let id = Identifier::new(scheme, value)
                .normalized()
                .map_err(|e| match e {
                    Error::InvalidInput { message, .. } => err(key, message),
                    other => other,
                })?;
            identifiers.push(id);
        }
    }
    let series = get("collection-title");
    Ok(Draft {
        uid: map.get("id").and_then(text_of),
        work: extra.work.clone(),
        language,
        original: extra.original.then_some(true),
        title,
        subtitle: extra.subtitle.clone(),
        summary: get("abstract"),
        summary_is_excerpt: Some(extra.summary_is_excerpt),
        kind: Some(kind),
        date,
        series_number: get("collection-number").filter(|_| series.is_some()),
        series,
        pages: get("number-of-pages").as_deref().and_then(page_count),
        contributors,
        identifiers,
        ..Draft::default()
    })
}

fn agent_name(name: Name) -> Option<AgentName> {
    if let Some(literal) = name.literal.as_deref().and_then(non_empty) {
        return Some(AgentName::literal(&literal));
    }
    let family = name.family.as_deref().and_then(non_empty)?;
    let family = match name.particle.as_deref().and_then(non_empty) {
        Some(particle) => format!("{particle} {family}"),
        None => family,
    };
    Some(AgentName::person(&family, name.given.as_deref()))
}

/// The EDTF text of a CSL date (object with `date-parts`, `raw` or `literal`, or an EDTF
/// string).
fn issued_edtf(issued: &Value) -> Result<String> {
    let bad = |why: &str| Error::invalid("issued", why.to_owned());
    match issued {
        Value::String(text) => Ok(PartialDate::parse(text)?.edtf().to_owned()),
        Value::Object(map) => {
            if let Some(parts) = map.get("date-parts") {
                let parts: Vec<Vec<Value>> = serde_json::from_value(parts.clone())
                    .map_err(|_| bad("date-parts must be an array of arrays"))?;
                let numbers = parts
                    .iter()
                    .map(|side| {
                        side.iter()
                            .map(|v| text_of(v).and_then(|t| t.parse::<u32>().ok()))
                            .collect::<Option<Vec<u32>>>()
                    })
                    .collect::<Option<Vec<Vec<u32>>>>()
                    .ok_or_else(|| bad("date-parts must hold numbers"))?;
                let circa = match map.get("circa") {
                    Some(Value::Bool(b)) => *b,
                    Some(Value::Number(n)) => n.as_f64().is_some_and(|n| n != 0.0),
                    Some(Value::String(s)) => !s.is_empty(),
                    _ => false,
                };
                return edtf_from_parts(&numbers, circa);
            }
            match map
                .get("raw")
                .or_else(|| map.get("literal"))
                .and_then(text_of)
            {
                Some(text) => Ok(PartialDate::parse(&text)?.edtf().to_owned()),
                None => Err(bad("expected date-parts, raw or literal")),
            }
        }
        _ => Err(bad("expected a date object")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_convert_both_ways() {
        for (edtf, parts, circa, needs_custom) in [
            ("2012", json!([[2012]]), false, false),
            ("2021-07-05", json!([[2021, 7, 5]]), false, false),
            ("2012~", json!([[2012]]), true, false),
            ("2016/2017-03", json!([[2016], [2017, 3]]), false, false),
            ("2012?", json!([[2012]]), false, true),
            ("2019/..", json!([[2019]]), false, true),
        ] {
            let (date, custom) = csl_date(edtf).unwrap();
            assert_eq!(
                serde_json::to_value(&date.date_parts).unwrap(),
                parts,
                "{edtf}"
            );
            assert_eq!((date.circa, custom), (circa, needs_custom), "{edtf}");
        }
        assert_eq!(
            issued_edtf(&json!({"date-parts": [["2012", "7"]]})).unwrap(),
            "2012-07"
        );
        assert_eq!(issued_edtf(&json!({"raw": "2012-05"})).unwrap(), "2012-05");
        assert_eq!(issued_edtf(&json!("2012~")).unwrap(), "2012~");
        assert!(issued_edtf(&json!({"date-parts": [[]]})).is_err());
        assert!(issued_edtf(&json!({"date-parts": [["x"]]})).is_err());
        assert!(issued_edtf(&json!({"season": 1})).is_err());
    }

    #[test]
    fn names_read_literal_or_parts() {
        let name = |v: Value| agent_name(serde_json::from_value(v).unwrap());
        assert_eq!(name(json!({"literal": "IPIS"})).unwrap().display, "IPIS");
        let p = name(json!({"family": "Dijk", "given": "Ans", "non-dropping-particle": "van"}))
            .unwrap();
        assert_eq!(
            (p.display.as_str(), p.family.as_deref()),
            ("Ans van Dijk", Some("van Dijk"))
        );
        assert!(name(json!({"given": "Only"})).is_none());
    }
}
