//! Style and locale resolution, and running hayagriva on CSL-JSON items.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use hayagriva::archive::{locales as archived_locales, ArchivedStyle};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, LocaleCode, Style,
    TextDecoration, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, Formatting,
};

use super::{CiteFormat, CiteOptions};
use crate::error::{Error, Position, Result};

/// hayagriva's bundled locales, decoded once.
fn all_locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(archived_locales)
}

/// The codes of the bundled locales, sorted.
pub(crate) fn locale_codes() -> Vec<String> {
    let mut codes: Vec<String> = all_locales()
        .iter()
        .filter_map(|l| l.lang.as_ref().map(|c| c.0.clone()))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// A style and locale ready to format with.
pub(crate) struct Resolved {
    style: IndependentStyle,
    locale: Option<LocaleCode>,
}

/// The bundled locale `requested` names: exact (any case), else `xx` → `xx-XX`, else the
/// first `xx-*`.
fn resolve_locale(requested: &str) -> Result<LocaleCode> {
    let codes = locale_codes();
    let wanted = requested.trim().replace('_', "-");
    let found = codes
        .iter()
        .find(|c| c.eq_ignore_ascii_case(&wanted))
        .or_else(|| {
            (!wanted.contains('-')).then_some(()).and_then(|()| {
                let main = format!("{}-{}", wanted, wanted.to_ascii_uppercase());
                codes
                    .iter()
                    .find(|c| c.eq_ignore_ascii_case(&main))
                    .or_else(|| {
                        codes.iter().find(|c| {
                            c.split('-')
                                .next()
                                .is_some_and(|p| p.eq_ignore_ascii_case(&wanted))
                        })
                    })
            })
        });
    match found {
        Some(code) => Ok(LocaleCode(code.clone())),
        None => Err(Error::invalid(
            "locale",
            format!(
                "unknown CSL locale `{requested}` (known: {})",
                codes.join(", ")
            ),
        )),
    }
}

/// The independent style `options` name.
fn resolve_style(options: &CiteOptions) -> Result<IndependentStyle> {
    let style = match &options.csl {
        Some(text) => Style::from_xml(text).map_err(|e| Error::Parse {
            position: Position {
                field: Some("csl".into()),
                ..Position::default()
            },
            message: format!("not a valid CSL style: {e}"),
        })?,
        None => {
            let name = options.style.trim().to_ascii_lowercase();
            let archived = match name.as_str() {
                "harvard" => "harvard-cite-them-right",
                "chicago" => "chicago-author-date",
                other => other,
            };
            ArchivedStyle::by_name(archived)
                .ok_or_else(|| {
                    Error::invalid(
                        "style",
                        format!(
                            "unknown style `{}` (built in: apa, chicago-author-date, harvard, \
                             ieee; or supply a .csl file)",
                            options.style
                        ),
                    )
                })?
                .get()
        }
    };
    match style {
        Style::Independent(style) => Ok(style),
        Style::Dependent(dependent) => Err(Error::invalid(
            "csl",
            format!(
                "a dependent style that only names its parent ({}): supply the parent style",
                dependent.parent_link.href
            ),
        )),
    }
}

/// Resolves the style and locale of `options` (before any reading, so that a bad option
/// fails fast).
pub(crate) fn resolve(options: &CiteOptions) -> Result<Resolved> {
    let locale = options.locale.as_deref().map(resolve_locale).transpose()?;
    Ok(Resolved {
        style: resolve_style(options)?,
        locale,
    })
}

/// What formatting `items` gives: the in-text citation of each item (in `items`' order) and
/// the bibliography (uid, reference) in the style's order.
pub(crate) struct Output {
    pub(crate) citations: Vec<String>,
    pub(crate) bibliography: Vec<(String, String)>,
}

/// Formats `items` (each cited once, in this order) with `resolved` in `format`.
pub(crate) fn render(items: &[Item], resolved: &Resolved, format: CiteFormat) -> Result<Output> {
    // hayagriva is a large processor and a user's .csl file is untrusted input: a panic in it
    // becomes an error instead of crossing into the caller (or a binding's FFI boundary).
    catch_unwind(AssertUnwindSafe(|| {
        render_unguarded(items, resolved, format)
    }))
    .map_err(|_| {
        Error::invalid(
            "csl",
            "the citation processor failed on this style and these records",
        )
    })
}

fn render_unguarded(items: &[Item], resolved: &Resolved, format: CiteFormat) -> Output {
    let locales = all_locales();
    let style = &resolved.style;
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    for item in items {
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_entry(item)],
            style,
            resolved.locale.clone(),
            locales,
            None,
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(
        style,
        resolved.locale.clone(),
        locales,
    ));
    let citations: Vec<String> = rendered
        .citations
        .iter()
        .map(|c| write(&c.citation, format))
        .collect();
    let bibliography = match rendered.bibliography {
        Some(bib) => bib
            .items
            .iter()
            .map(|item| {
                let mut text = String::new();
                if let Some(first) = &item.first_field {
                    text = write(&ElemChildren(vec![first.clone()]), format);
                    text.push(' ');
                }
                text.push_str(&write(&item.content, format));
                (item.key.clone(), text)
            })
            .collect(),
        // A style without a bibliography: the citation is the reference.
        None => items
            .iter()
            .zip(&citations)
            .map(|(item, c)| (item.id().unwrap_or_default().into_owned(), c.clone()))
            .collect(),
    };
    Output {
        citations,
        bibliography,
    }
}

/// A piece of text with one formatting and, for a link, its target.
struct Run {
    text: String,
    formatting: Formatting,
    url: Option<String>,
}

fn flatten(children: &ElemChildren, runs: &mut Vec<Run>) {
    for child in &children.0 {
        match child {
            ElemChild::Text(t) => push_run(runs, &t.text, t.formatting, None),
            ElemChild::Elem(e) => flatten(&e.children, runs),
            ElemChild::Markup(m) => push_run(runs, m, Formatting::default(), None),
            ElemChild::Link { text, url } => {
                push_run(runs, &text.text, text.formatting, Some(url.clone()))
            }
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// Appends a run, merging it with the previous one when both have the same formatting and
/// neither is a link.
fn push_run(runs: &mut Vec<Run>, text: &str, formatting: Formatting, url: Option<String>) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        if url.is_none() && last.url.is_none() && last.formatting == formatting {
            last.text.push_str(text);
            return;
        }
    }
    runs.push(Run {
        text: text.to_owned(),
        formatting,
        url,
    });
}

/// Writes rendered elements as `format`.
fn write(children: &ElemChildren, format: CiteFormat) -> String {
    let mut runs = Vec::new();
    flatten(children, &mut runs);
    let mut out = String::new();
    for run in &runs {
        match format {
            CiteFormat::Text => out.push_str(&run.text),
            CiteFormat::Html => write_html(&mut out, run),
            CiteFormat::Markdown => write_markdown(&mut out, run),
        }
    }
    out.trim().to_owned()
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn write_html(out: &mut String, run: &Run) {
    let f = run.formatting;
    let mut open = String::new();
    let mut close: Vec<&str> = Vec::new();
    if let Some(url) = &run.url {
        open.push_str(&format!("<a href=\"{}\">", escape_html(url)));
        close.push("</a>");
    }
    if f.font_style == FontStyle::Italic {
        open.push_str("<i>");
        close.push("</i>");
    }
    if f.font_weight == FontWeight::Bold {
        open.push_str("<b>");
        close.push("</b>");
    }
    if f.font_variant == FontVariant::SmallCaps {
        open.push_str("<span style=\"font-variant:small-caps;\">");
        close.push("</span>");
    }
    if f.text_decoration == TextDecoration::Underline {
        open.push_str("<span style=\"text-decoration:underline;\">");
        close.push("</span>");
    }
    match f.vertical_align {
        VerticalAlign::Sup => {
            open.push_str("<sup>");
            close.push("</sup>");
        }
        VerticalAlign::Sub => {
            open.push_str("<sub>");
            close.push("</sub>");
        }
        _ => {}
    }
    out.push_str(&open);
    out.push_str(&escape_html(&run.text));
    for tag in close.iter().rev() {
        out.push_str(tag);
    }
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn write_markdown(out: &mut String, run: &Run) {
    let f = run.formatting;
    let mut marks = String::new();
    if f.font_style == FontStyle::Italic {
        marks.push('*');
    }
    if f.font_weight == FontWeight::Bold {
        marks.push_str("**");
    }
    // Emphasis marks must touch the text: spaces go outside them.
    let core = run.text.trim();
    let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
    let trail = &run.text[run.text.trim_end().len()..];
    let mut body = if core.is_empty() {
        String::new()
    } else {
        format!("{marks}{}{marks}", escape_markdown(core))
    };
    if let Some(url) = &run.url {
        body = format!(
            "[{body}]({})",
            url.replace('(', "%28")
                .replace(')', "%29")
                .replace(' ', "%20")
        );
    }
    out.push_str(lead);
    out.push_str(&body);
    out.push_str(trail);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn locales_resolve_by_code_or_language() {
        assert_eq!(resolve_locale("fr-FR").unwrap().0, "fr-FR");
        assert_eq!(resolve_locale("en_gb").unwrap().0, "en-GB");
        assert_eq!(resolve_locale("nl").unwrap().0, "nl-NL");
        assert!(resolve_locale("xx-YY").is_err());
    }

    #[test]
    fn markdown_keeps_spaces_outside_emphasis() {
        let mut out = String::new();
        let italic = Formatting {
            font_style: FontStyle::Italic,
            ..Formatting::default()
        };
        write_markdown(
            &mut out,
            &Run {
                text: "A *title* ".into(),
                formatting: italic,
                url: None,
            },
        );
        assert_eq!(out, "*A \\*title\\** ");
    }
}
