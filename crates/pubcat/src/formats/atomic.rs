//! Writing a file atomically: a temporary file beside the target, flushed to disk, renamed
//! over the target only when everything was written.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A temporary file removed on drop unless it was renamed into place.
struct Temporary(Option<PathBuf>);

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Calls `write` with a buffered writer on a new temporary file in `path`'s folder; when it
/// succeeds, flushes and syncs the file, renames it to `path` (replacing an existing file) and
/// syncs the folder. On any failure the temporary file is removed and `path` is untouched.
pub(crate) fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("path", format!("{} names no file", path.display())))?
        .to_string_lossy()
        .into_owned();
    let (file, temporary) = create_temporary(&dir, &name)?;
    let mut guard = Temporary(Some(temporary.clone()));
    let mut out = BufWriter::new(file);
    let value = write(&mut out)?;
    let file = out
        .into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", path.display()),
        ))
    })?;
    guard.0 = None;
    // The rename is durable once the folder is synced (not possible on every platform).
    if let Ok(folder) = File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(value)
}

/// A new file `.NAME.pubcat-tmp-N` in `dir` that did not exist before.
fn create_temporary(dir: &Path, name: &str) -> Result<(File, PathBuf)> {
    let pid = std::process::id();
    for n in 0..1000u32 {
        let candidate = dir.join(format!(".{name}.pubcat-tmp-{pid}-{n}"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((file, candidate)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Error::Io(std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}", dir.display()),
                )))
            }
        }
    }
    Err(Error::Io(std::io::Error::other(format!(
        "{}: could not create a temporary file",
        dir.display()
    ))))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("pubcat-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomically(&path, |out| {
            out.write_all(b"half")?;
            Err::<(), _>(Error::invalid("x", "failed midway"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        write_atomically(&path, |out| Ok(out.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
