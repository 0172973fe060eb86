//! `pubcat demo`: builds the demo catalogue and shows a short tour.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pubcat::query::{Facet, Query};
use pubcat::{Catalog, Result};

use crate::output::{clip, plain_snippet};

/// Builds the demo catalogue at `db` (default `pubcat-demo.db`, replaced if it exists and is
/// a pubcat demo) and prints the tour.
pub fn run(db: Option<&Path>, out: &mut dyn Write) -> Result<ExitCode> {
    let path = db
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("pubcat-demo.db"));
    if path.exists() {
        // Only replace a file that is a pubcat catalogue: never delete anything else.
        pubcat::Catalog::open_read_only(&path)?.close()?;
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            if file.exists() {
                std::fs::remove_file(&file)?;
            }
        }
    }
    let catalog = Catalog::create_demo(&path)?;
    let stats = catalog.stats()?;
    writeln!(out, "Demo catalogue written to {}", path.display())?;
    writeln!(
        out,
        "  {} publications in {} works, {} agents, {} projects, {} series, {} concepts",
        stats.publications, stats.works, stats.agents, stats.projects, stats.series, stats.concepts
    )?;
    writeln!(
        out,
        "  languages: {}",
        stats
            .by_language
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;

    let madini = catalog.project("madini")?;
    writeln!(out)?;
    writeln!(
        out,
        "Project {} (partners: {})",
        madini.project.name,
        madini
            .member_records
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for p in &madini.publications {
        writeln!(out, "  - {}", clip(&p.title, 110))?;
    }

    writeln!(out)?;
    writeln!(out, "A work in two languages:")?;
    let versions = catalog.translations("conflict-minerals-perceptions-en")?;
    for t in &versions {
        writeln!(out, "  [{}] {}", t.language, t.title)?;
    }

    writeln!(out)?;
    writeln!(out, "Search \"cobalt\":")?;
    let page = catalog.search(&Query::text("cobalt"))?;
    for hit in &page.hits {
        writeln!(out, "  {:.2}  {}", hit.score, clip(&hit.title, 100))?;
        if let Some(s) = &hit.snippet {
            writeln!(out, "        {}", clip(&plain_snippet(s), 120))?;
        }
    }

    writeln!(out)?;
    writeln!(
        out,
        "Everything, once per work, for a French reader (--prefer fr,en):"
    )?;
    let q = Query {
        prefer_languages: vec!["fr".into(), "en".into()],
        limit: Some(50),
        facets: vec![Facet::Language],
        ..Query::default()
    };
    let page = catalog.search(&q)?;
    writeln!(out, "  {} works", page.total)?;
    for hit in &page.hits {
        writeln!(out, "  [{}] {}", hit.language, clip(&hit.title, 100))?;
    }

    writeln!(out)?;
    writeln!(
        out,
        "Publications about eastern DRC (concept eastern-drc and the places in it):"
    )?;
    let q = Query {
        concepts: vec!["eastern-drc".into()],
        limit: Some(50),
        ..Query::default()
    };
    for hit in catalog.search(&q)?.hits {
        writeln!(out, "  - {}", clip(&hit.title, 100))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Try: pubcat --db {} search \"Sud-Kivu\"",
        path.display()
    )?;
    catalog.close()?;
    Ok(ExitCode::SUCCESS)
}
