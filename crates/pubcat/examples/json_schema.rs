//! Prints the JSON Schema of pubcat's public data types ([`pubcat::json_schema`]), or writes
//! it to the file given as the first argument. Needs the `json-schema` feature:
//!
//! ```sh
//! cargo run -p pubcat --features json-schema --example json_schema -- schema.json
//! ```
//! The Python records are generated from it: `python3 bindings/python/tools/generate.py`.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = serde_json::to_string_pretty(&pubcat::json_schema())?;
    text.push('\n');
    match std::env::args_os().nth(1) {
        Some(path) => std::fs::write(path, text)?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}
