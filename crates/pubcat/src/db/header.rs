//! Identifying a file from its 100-byte SQLite header, before SQLite opens it.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::schema;
use crate::error::{Error, Result};

/// The 16-byte header every SQLite database file starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Reads a big-endian u32 from the 100-byte database header.
fn header_u32(header: &[u8; 100], offset: usize) -> u32 {
    u32::from_be_bytes([
        header[offset],
        header[offset + 1],
        header[offset + 2],
        header[offset + 3],
    ])
}

/// Identifies a file from its 100-byte header alone, before SQLite opens it (SQLite could
/// create `-wal`/`-shm` files or change the header): refuses non-SQLite files, foreign SQLite
/// databases and newer catalogues without touching them. Returns whether the file is WAL mode.
///
/// With a non-empty `-wal` file beside it, the header on disk may be stale or still blank (a
/// catalogue another connection is writing: its pages, page 1 included, can be in the WAL
/// only), so the file is left to SQLite and [`schema::check_identity`].
pub(crate) fn check_header(path: &Path, allow_empty: bool) -> Result<bool> {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Ok(true);
    }
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && allow_empty => return Ok(false),
        Err(err) => return Err(Error::Io(err)),
    };
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 && allow_empty {
        return Ok(false);
    }
    let not_sqlite = || Error::NotACatalog(format!("{} is not a SQLite database", path.display()));
    if read < header.len() || &header[..16] != SQLITE_HEADER {
        return Err(not_sqlite());
    }
    let app_id = header_u32(&header, 68) as i32;
    let version = i64::from(header_u32(&header, 60));
    let schema_cookie = header_u32(&header, 40);
    if app_id == schema::APPLICATION_ID {
        if version > schema::VERSION {
            return Err(Error::TooNew {
                found: version,
                supported: schema::VERSION,
            });
        }
    } else if app_id != 0 || version != 0 || schema_cookie != 0 || !allow_empty {
        return Err(Error::NotACatalog(format!(
            "{} is a SQLite database but not a pubcat catalogue (application_id {app_id:#x})",
            path.display()
        )));
    }
    check_length(path, &header, file.metadata()?.len())?;
    Ok(header[18] == 2 && header[19] == 2)
}

/// Refuses a file shorter than its header says (a truncated download or copy), when nothing
/// beside it could hold the missing pages: with a `-wal` or `-journal` file, SQLite recovers
/// them from there. SQLite trusts the header's page count only when the "version valid for"
/// field matches the change counter; so does this check.
fn check_length(path: &Path, header: &[u8; 100], length: u64) -> Result<()> {
    let page_size = match u32::from(u16::from_be_bytes([header[16], header[17]])) {
        1 => 65_536,
        size => u64::from(size),
    };
    let pages = u64::from(header_u32(header, 28));
    let counter_valid = header_u32(header, 24) == header_u32(header, 92);
    let companion = |suffix: &str| PathBuf::from(format!("{}{suffix}", path.display())).exists();
    if !counter_valid || pages == 0 || companion("-wal") || companion("-journal") {
        return Ok(());
    }
    if length < page_size.saturating_mul(pages) {
        return Err(Error::Corrupt(format!(
            "{} is truncated: {length} bytes, its header says {pages} pages of {page_size} bytes",
            path.display()
        )));
    }
    Ok(())
}

/// `file:` URI of `path` with `immutable=1`, percent-encoding what URIs reserve.
pub(crate) fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}
