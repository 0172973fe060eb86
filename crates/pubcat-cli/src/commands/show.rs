//! `pubcat show UID`.

use std::process::ExitCode;

use pubcat::{Catalog, Result};

use crate::output::print_json;

/// Prints one publication.
pub fn run(catalog: &Catalog, uid: &str, json: bool) -> Result<ExitCode> {
    let p = catalog.publication(uid)?;
    if json {
        print_json(&p)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", p.title);
    if let Some(subtitle) = &p.subtitle {
        println!("  {subtitle}");
    }
    println!();
    println!("uid        {}", p.uid);
    println!("work       {}", p.work);
    println!(
        "language   {}{}",
        p.language,
        if p.original { " (original)" } else { "" }
    );
    println!("kind       {}", p.kind);
    if let Some(pages) = p.pages {
        println!("pages      {pages}");
    }
    if let Some(d) = &p.date {
        println!("date       {} ({} to {})", d.edtf, d.lower, d.upper);
    }
    if let Some(s) = &p.series {
        println!(
            "series     {}{}",
            s.name,
            s.number
                .as_ref()
                .map(|n| format!(" no. {n}"))
                .unwrap_or_default()
        );
    }
    for c in &p.contributors {
        println!(
            "{:<10} {}{}",
            c.role.as_str(),
            c.name,
            c.affiliation
                .as_ref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default()
        );
    }
    for project in &p.projects {
        println!("project    {}", project.name);
    }
    for c in &p.concepts {
        let labels: Vec<String> = c.labels.iter().map(|(l, t)| format!("{t} [{l}]")).collect();
        println!("{:<10} {}", c.scheme.as_str(), labels.join(" / "));
    }
    for id in &p.identifiers {
        println!("{:<10} {}", id.scheme.as_str(), id.value);
    }
    for link in &p.links {
        println!("link       {} ({})", link.url, link.kind);
    }
    for t in &p.translations {
        println!("also in    {}: {} ({})", t.language, t.title, t.uid);
    }
    for r in &p.relations {
        println!("{:<10} {} ({})", r.relation_type.as_str(), r.title, r.uid);
    }
    if let Some(summary) = &p.summary {
        println!();
        println!(
            "{summary}{}",
            if p.summary_is_excerpt { " […]" } else { "" }
        );
    }
    Ok(ExitCode::SUCCESS)
}
