//! Helpers the CLI test suites share: a temporary folder, and what a run of `pubcat` gave.

#![allow(dead_code)] // each suite uses its own share of these

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A folder removed when dropped, unique per test and process.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "pubcat-cli-test-{name}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes `text` to the file `name` in the folder; returns its path as text.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a run of `pubcat` gave.
#[derive(Debug)]
pub struct Out {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Asserts exit status 0 and returns the output.
    pub fn ok(self) -> Out {
        assert_eq!(self.code, 0, "pubcat {}: {self:#?}", self.args.join(" "));
        self
    }

    /// Asserts exit status `code` with nothing on standard output.
    pub fn fails(self, code: i32) -> Out {
        assert_eq!(self.code, code, "pubcat {}: {self:#?}", self.args.join(" "));
        assert!(self.stdout.is_empty(), "{self:#?}");
        self
    }

    /// The error kind a failed command printed (`pubcat: message [kind]`).
    pub fn kind(&self) -> &str {
        self.stderr
            .trim_end()
            .rsplit_once('[')
            .and_then(|(_, k)| k.strip_suffix(']'))
            .unwrap_or_else(|| panic!("no error kind: {self:#?}"))
    }

    /// Standard output as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {self:#?}"))
    }
}

/// Runs `pubcat ARGS` in `dir` (without `PUBCAT_DB`, standard input closed); asserts it did
/// not panic.
pub fn run(dir: &std::path::Path, args: &[&str]) -> Out {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pubcat"))
        .args(args)
        .current_dir(dir)
        .env_remove("PUBCAT_DB")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let out = Out {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        code: output.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(
        out.code != 101 && !out.stderr.contains("panicked"),
        "a panic: {out:#?}"
    );
    out
}
