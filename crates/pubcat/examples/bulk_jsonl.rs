//! Generates and imports large JSON Lines files, to measure import time and memory:
//!
//! ```text
//! cargo run --release -p pubcat --example bulk_jsonl -- generate 1000000 /tmp/bulk.jsonl
//! /usr/bin/time -v target/release/examples/bulk_jsonl import /tmp/bulk.jsonl /tmp/bulk.db
//! ```
//! `generate` writes one agent, one series and N publications (streamed, constant memory);
//! `import` imports a file of any format (guessed) into the catalogue at DB in one
//! transaction and prints the summary and the time taken.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use pubcat::formats::Format;
use pubcat::Catalog;

fn generate(count: u64, path: &str) -> pubcat::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, r#"{{"format":"pubcat","version":1}}"#)?;
    writeln!(
        out,
        r#"{{"agent":{{"uid":"bulk-institute","kind":"organization","name":"Bulk Institute"}}}}"#
    )?;
    writeln!(
        out,
        r#"{{"series":{{"uid":"bulk-series","name":"Bulk series","publisher":"bulk-institute"}}}}"#
    )?;
    for i in 0..count {
        writeln!(
            out,
            r#"{{"publication":{{"uid":"bulk-{i:07}","language":"{}","title":"Bulk report number {i} on artisanal mining","summary":"Generated record {i}: a short summary of an imaginary report about supply chains.","kind":"report","date":"{}-{:02}","series":"bulk-series","series_number":"{i}","contributors":[{{"agent":"bulk-institute","role":"author"}}]}}}}"#,
            if i % 3 == 0 { "fr" } else { "en" },
            2000 + i % 25,
            1 + i % 12
        )?;
    }
    out.flush()?;
    Ok(())
}

fn import(path: &str, db: &str) -> pubcat::Result<()> {
    let catalog = Catalog::open(db)?;
    let start = Instant::now();
    let mut last = 0;
    let summary = catalog.import_file_with_progress(path, Format::Auto, &mut |n| {
        if n % 100_000 == 0 {
            eprintln!("{n} records, {:.1} s", start.elapsed().as_secs_f64());
        }
        last = n;
    })?;
    println!(
        "{last} records: added {}, updated {}, unchanged {} in {:.1} s",
        summary.added,
        summary.updated,
        summary.unchanged,
        start.elapsed().as_secs_f64()
    );
    catalog.close()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", count, path] => match count.parse() {
            Ok(count) => generate(count, path),
            Err(_) => Err(pubcat::Error::invalid(
                "count",
                format!("`{count}` is not a number"),
            )),
        },
        ["import", path, db] => import(path, db),
        _ => {
            eprintln!("usage: bulk_jsonl generate N FILE | bulk_jsonl import FILE DB");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bulk_jsonl: {err}");
            ExitCode::FAILURE
        }
    }
}
