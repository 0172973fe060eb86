//! End-to-end tests of `pubcat cite` and `pubcat export --format bibliography` (issue 16,
//! item 1) on the demo catalogue, run as a process in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const M23: &str = "ipis-mapping-conflict-motives-m23-2012";
const EN: &str = "conflict-minerals-perceptions-en";
const FR: &str = "conflict-minerals-perceptions-fr";

/// A folder removed when dropped, unique per test and process, with the demo catalogue.
struct Demo(PathBuf);

impl Demo {
    fn new(name: &str) -> Demo {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "pubcat-cli-cite-{name}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let demo = Demo(dir);
        let out = demo.run(&["demo"]);
        assert_eq!(out.0, 0, "{out:?}");
        demo
    }

    /// `pubcat --db demo.db ARGS`: (exit status, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_pubcat"))
            .arg("--db")
            .arg(self.0.join("demo.db"))
            .args(args)
            .current_dir(&self.0)
            .env_remove("PUBCAT_DB")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "pubcat {args:?}: {err}");
        out
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn cite_in_styles_locales_and_formats() {
    let demo = Demo::new("styles");
    assert_eq!(
        demo.ok(&["cite", M23]),
        "IPIS. (2012). Mapping Conflict Motives: M23 (Mapping Conflict Motives).\n"
    );
    let fr = demo.ok(&["cite", M23, EN, "--style", "apa", "--locale", "fr-FR"]);
    let lines: Vec<&str> = fr.lines().collect();
    assert_eq!(lines.len(), 2, "{fr}");
    assert!(lines[0].starts_with("IPIS. (2012)."), "{fr}");
    assert!(lines[1].contains("(s.\u{a0}d.)"), "{fr}");
    let ieee = demo.ok(&["cite", EN, M23, "--style", "ieee"]);
    assert!(ieee.starts_with("[1] "), "{ieee}");
    assert!(
        ieee.lines().nth(1).unwrap().starts_with("[2] IPIS"),
        "{ieee}"
    );
    let html = demo.ok(&[
        "cite",
        M23,
        "--format",
        "html",
        "--style",
        "chicago-author-date",
    ]);
    assert_eq!(
        html,
        "IPIS. 2012. <i>Mapping Conflict Motives: M23</i>. Mapping Conflict Motives.\n"
    );
    let md = demo.ok(&[
        "cite", M23, "--format", "md", "--style", "harvard", "--locale", "en-GB",
    ]);
    assert!(md.contains("*Mapping Conflict Motives: M23*"), "{md}");
}

#[test]
fn cite_json_prefer_and_csl_file() {
    let demo = Demo::new("json");
    let json: Value =
        serde_json::from_str(&demo.ok(&["cite", EN, "--prefer", "fr,en", "--json"])).unwrap();
    assert_eq!(json[0]["uid"], FR);
    assert!(json[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Initiatives en matière"));
    assert!(json[0]["citation"].as_str().unwrap().starts_with('('));
    let csl = demo.0.join("mine.csl");
    std::fs::write(
        &csl,
        r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Mine</title><id>http://example.org/mine</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text value="REF: "/><text variable="title"/></layout></bibliography>
</style>"#,
    )
    .unwrap();
    assert_eq!(
        demo.ok(&["cite", M23, "--csl", csl.to_str().unwrap()]),
        "REF: Mapping Conflict Motives: M23\n"
    );
}

#[test]
fn export_a_bibliography_with_filters() {
    let demo = Demo::new("export");
    let text = demo.ok(&[
        "export",
        "--format",
        "bibliography",
        "--style",
        "apa",
        "--project",
        "madini",
    ]);
    // Two references, one paragraph each, in the style's order (IPIS before Levin Sources).
    let refs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(refs.len(), 2, "{text}");
    assert!(refs[0].starts_with("IPIS. (n.d.)."), "{text}");
    assert!(refs[1].starts_with("Levin Sources. (n.d.)."), "{text}");
    let html = demo.ok(&[
        "export",
        "--format",
        "bibliography",
        "--markup",
        "html",
        "--locale",
        "nl-NL",
        "--lang",
        "fr",
    ]);
    assert!(html.starts_with("<div class=\"csl-bib-body\">"), "{html}");
    assert_eq!(html.matches("csl-entry").count(), 1, "{html}");
    assert!(html.contains("z.d."), "{html}");
    let out = demo.0.join("refs.md");
    demo.ok(&[
        "export",
        "--format",
        "bibliography",
        "--markup",
        "markdown",
        "--out",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(md.split("\n\n").count(), 7, "{md}");
}

#[test]
fn errors_have_their_kinds() {
    let demo = Demo::new("errors");
    let kind = |args: &[&str]| {
        let (code, out, err) = demo.run(args);
        assert_ne!(code, 0);
        assert!(out.is_empty(), "{out}");
        err.trim_end()
            .rsplit_once('[')
            .and_then(|(_, k)| k.strip_suffix(']'))
            .unwrap()
            .to_owned()
    };
    assert_eq!(kind(&["cite", "no-such-uid"]), "not_found");
    assert_eq!(
        kind(&["cite", M23, "--style", "no-such-style"]),
        "invalid_input"
    );
    assert_eq!(kind(&["cite", M23, "--locale", "xx-YY"]), "invalid_input");
    std::fs::write(demo.0.join("bad.csl"), "<style").unwrap();
    assert_eq!(kind(&["cite", M23, "--csl", "bad.csl"]), "parse");
    assert_eq!(
        kind(&["export", "--format", "bibliography", "--style", "nope"]),
        "invalid_input"
    );
    // No uid: a usage error.
    assert_eq!(demo.run(&["cite"]).0, 2);
}
