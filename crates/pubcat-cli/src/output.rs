//! Printing helpers: JSON and plain tables.

use pubcat::{Error, Result};
use serde::Serialize;

/// Prints `value` as one pretty JSON object.
pub fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| Error::invalid("output", e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// Shortens `text` to `width` characters, with an ellipsis.
pub fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Replaces highlight markers by terminal-friendly brackets.
pub fn plain_snippet(snippet: &str) -> String {
    snippet
        .replace(pubcat::query::HIGHLIGHT_START, "[")
        .replace(pubcat::query::HIGHLIGHT_END, "]")
        .replace('\n', " ")
}
