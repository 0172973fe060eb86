//! Standard output that survives a closed pipe, notes on standard error, JSON and text helpers.
//!
//! Every command writes its results through [`Stdout`] rather than `println!` (which panics
//! when the reader is gone, as in `pubcat search … | head -1`). [`Stdout`] remembers that the
//! pipe closed, so `main` can end quietly with status 0 whatever error the write became on its
//! way up (an I/O error, or the core's error wrapping it).

use std::io::{self, BufWriter, Write};

use pubcat::{Error, Result};
use serde::Serialize;

/// Buffered standard output that records a closed pipe (`EPIPE`).
pub struct Stdout {
    inner: BufWriter<io::Stdout>,
    closed: bool,
}

impl Stdout {
    /// Standard output, buffered.
    pub fn new() -> Stdout {
        Stdout {
            inner: BufWriter::new(io::stdout()),
            closed: false,
        }
    }

    /// Whether a write failed because the reader closed the pipe.
    pub fn closed(&self) -> bool {
        self.closed
    }

    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(err) = &result {
            if err.kind() == io::ErrorKind::BrokenPipe {
                self.closed = true;
            }
        }
        result
    }
}

impl Default for Stdout {
    fn default() -> Stdout {
        Stdout::new()
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// Prints a line on standard error: what a command did besides its output (`created …`).
/// A closed standard error is not worth failing for.
pub fn note(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "{message}");
}

/// Writes `value` as one pretty JSON object and a newline.
pub fn print_json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| {
        if e.is_io() {
            Error::Io(e.into())
        } else {
            Error::invalid("output", e.to_string())
        }
    })?;
    writeln!(out)?;
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

/// The width of the widest of `items` (in characters), at most `max`: for aligned columns.
pub fn column_width<'a>(items: impl IntoIterator<Item = &'a str>, max: usize) -> usize {
    items
        .into_iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        .min(max)
}
