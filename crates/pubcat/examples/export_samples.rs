//! Writes the demo catalogue in every export format, one file per format, into the directory
//! given as argument:
//!
//! ```text
//! cargo run -q -p pubcat --example export_samples -- DIR
//! ```
//! Files: `demo.json`, `demo.jsonl`, `demo.csv`, `demo.txt` (listing), `demo.csl.json`,
//! `demo.bib`, `demo.ris`.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use pubcat::formats::{write_export, Format};

fn run(dir: PathBuf) -> pubcat::Result<()> {
    std::fs::create_dir_all(&dir)?;
    let catalog = pubcat::demo::open_demo_in_memory()?;
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
