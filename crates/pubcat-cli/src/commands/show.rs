//! `pubcat show UID`.

use std::io::Write;
use std::process::ExitCode;

use pubcat::{Catalog, Result};

use crate::output::print_json;

/// Prints one publication. Its concepts are marked `(automatic: found “LABEL”)` when
/// automatic tagging added them (the `--json` record has the label as `matched_label`).
pub fn run(catalog: &Catalog, uid: &str, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let p = catalog.publication(uid)?;
    if json {
        print_json(out, &p)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}", p.title)?;
    if let Some(subtitle) = &p.subtitle {
        writeln!(out, "  {subtitle}")?;
    }
    writeln!(out)?;
    writeln!(out, "uid        {}", p.uid)?;
    writeln!(out, "work       {}", p.work)?;
    writeln!(
        out,
        "language   {}{}",
        p.language,
        if p.original { " (original)" } else { "" }
    )?;
    writeln!(out, "kind       {}", p.kind)?;
    if let Some(pages) = p.pages {
        writeln!(out, "pages      {pages}")?;
    }
    if let Some(d) = &p.date {
        writeln!(out, "date       {} ({} to {})", d.edtf, d.lower, d.upper)?;
    }
    if let Some(s) = &p.series {
        writeln!(
            out,
            "series     {}{}",
            s.name,
            s.number
                .as_ref()
                .map(|n| format!(" no. {n}"))
                .unwrap_or_default()
        )?;
    }
    for c in &p.contributors {
        writeln!(
            out,
            "{:<10} {}{}",
            c.role.as_str(),
            c.name,
            c.affiliation
                .as_ref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default()
        )?;
    }
    for project in &p.projects {
        writeln!(out, "project    {}", project.name)?;
    }
    for c in &p.concepts {
        // One entry per distinct label, with the languages that share it: "Goma [en, fr, nl, sw]".
        let mut labels: Vec<(&str, Vec<&str>)> = Vec::new();
        for (language, text) in &c.labels {
            match labels.iter_mut().find(|(t, _)| *t == text.as_str()) {
                Some((_, languages)) => languages.push(language.as_str()),
                None => labels.push((text.as_str(), vec![language.as_str()])),
            }
        }
        let labels: Vec<String> = labels
            .iter()
            .map(|(text, languages)| format!("{text} [{}]", languages.join(", ")))
            .collect();
        // An automatic tag says so, with the label found in the text; a curated one does not.
        let provenance = c
            .matched_label
            .as_ref()
            .map(|label| format!("  (automatic: found “{label}”)"))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<10} {}{provenance}",
            c.scheme.as_str(),
            labels.join(" / ")
        )?;
    }
    for id in &p.identifiers {
        writeln!(out, "{:<10} {}", id.scheme.as_str(), id.value)?;
    }
    for link in &p.links {
        writeln!(out, "link       {} ({})", link.url, link.kind)?;
    }
    for t in &p.translations {
        writeln!(out, "also in    {}: {} ({})", t.language, t.title, t.uid)?;
    }
    for r in &p.relations {
        writeln!(
            out,
            "{:<10} {} ({})",
            r.relation_type.as_str(),
            r.title,
            r.uid
        )?;
    }
    if let Some(summary) = &p.summary {
        writeln!(out)?;
        writeln!(
            out,
            "{summary}{}",
            if p.summary_is_excerpt { " […]" } else { "" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
