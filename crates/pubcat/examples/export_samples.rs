//! Writes the demo catalogue in every export format, one file per format, into the directory
//! given as argument:
//!
//! ```text
//! cargo run -q -p pubcat --example export_samples -- DIR
//! ```
//! Files: `demo.json`, `demo.jsonl`, `demo.csv`, `demo.txt` (listing), `demo.csl.json`,
//! `demo.bib`, `demo.ris`. To exercise third-party parsers, one publication is added to the
//! demo data: persons with accented names, an editor, a DOI, a URL, a full date and a title
//! with LaTeX special characters (`tests/python/test_third_party_formats.py` reads the files).

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use pubcat::formats::{write_export, Format};
use pubcat::model::{Agent, AgentKind, Contributor, IdScheme, Identifier, Kind, Publication, Role};
use pubcat::Catalog;

/// Adds a publication that uses what the demo data does not: persons, accents, identifiers.
fn add_sample(catalog: &Catalog) -> pubcat::Result<()> {
    for (uid, given, family) in [
        ("lonema", "Jean-Paul", "Lonema"),
        ("muller-brandt", "Élodie", "Müller-Brandt"),
    ] {
        let mut person = Agent::new(uid, AgentKind::Person, format!("{given} {family}"));
        person.given = Some(given.into());
        person.family = Some(family.into());
        catalog.upsert_agent(&person)?;
    }
    let mut p = Publication::new(
        "gold-ituri-2023",
        "fr",
        "L’or & les 3T en Ituri – une traçabilité à 100 % ?",
        Kind::Briefing,
    );
    p.summary = Some("Études de cas à Mambasa : coûts, façonnage et « due diligence ».".into());
    p.date = Some("2023-12-22".into());
    p.series = Some("ipis-due-diligence".into());
    p.series_number = Some("7".into());
    p.contributors = vec![
        Contributor::new("lonema", Role::Author),
        Contributor::new("muller-brandt", Role::Author),
        Contributor::new("ipis", Role::Editor),
    ];
    p.identifiers = vec![
        Identifier::new(IdScheme::Doi, "10.5281/zenodo.1234567"),
        Identifier::new(
            IdScheme::Url,
            "https://ipisresearch.be/publication/gold-ituri/",
        ),
    ];
    catalog.upsert_publication(&p)?;
    Ok(())
}

fn run(dir: PathBuf) -> pubcat::Result<()> {
    std::fs::create_dir_all(&dir)?;
    let catalog = pubcat::Catalog::demo()?;
    add_sample(&catalog)?;
    let doc = catalog.export_document()?;
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Auto) {
        let path = dir.join(format!("demo.{}", format.extension()));
        let mut out = BufWriter::new(File::create(&path)?);
        write_export(&doc, format, &mut out)?;
        println!("{format:>9}  {}", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: export_samples DIR");
        return ExitCode::from(2);
    };
    match run(PathBuf::from(dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("export_samples: {err}");
            ExitCode::FAILURE
        }
    }
}
