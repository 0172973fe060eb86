//! Hostile catalogue files: altered schemas, foreign databases, truncated, corrupted and
//! random files. Shared by the core tests and the CLI tests (included with `#[path]`).
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// A tiny deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Writes the demo catalogue to `path`, closed (WAL checkpointed, no -wal left).
pub fn demo_file(path: &Path) {
    pubcat::Catalog::create_demo(path).unwrap().close().unwrap();
    assert!(!PathBuf::from(format!("{}-wal", path.display())).exists());
}

/// Runs `sql` on `path` with SQLite's own defences off (as an attacker's tool would) and
/// `writable_schema` on, then closes it cleanly.
fn tamper(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, false)
        .unwrap();
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA,
        true,
    )
    .unwrap();
    conn.execute_batch(sql)
        .unwrap_or_else(|e| panic!("tampering failed: {e}\n{sql}"));
    conn.close().unwrap();
}

/// One catalogue per kind of schema alteration, each made from the demo catalogue. Every
/// added object either writes a row into `marker` or calls `pubcat_evil()`, a function no
/// connection defines: if pubcat ever ran one, a marker row would change the file or the
/// call would fail with an untyped `sqlite` error.
pub fn altered_schemas(dir: &Path) -> Vec<(String, PathBuf)> {
    const MARKER: &str = "CREATE TABLE marker (what TEXT);";
    let cases: Vec<(&str, String)> = vec![
        (
            "trigger on a table every write touches",
            format!(
                "{MARKER} CREATE TRIGGER evil AFTER UPDATE ON catalog_state BEGIN \
                 INSERT INTO marker VALUES ('trigger ran'); END;"
            ),
        ),
        (
            "trigger calling a function",
            "CREATE TRIGGER evil BEFORE INSERT ON publication BEGIN SELECT pubcat_evil(); END;"
                .into(),
        ),
        (
            "trigger named like an internal object",
            format!(
                "{MARKER} CREATE TRIGGER sqliteevil AFTER INSERT ON work BEGIN \
                 INSERT INTO marker VALUES ('trigger ran'); END;"
            ),
        ),
        (
            "view named like an internal object",
            "CREATE VIEW sqlitexview AS SELECT pubcat_evil() AS x;".into(),
        ),
        (
            "extra view calling a function",
            "CREATE VIEW sneaky AS SELECT pubcat_evil(title) AS t FROM publication;".into(),
        ),
        (
            "view publication_search_doc replaced",
            "DROP VIEW publication_search_doc; CREATE VIEW publication_search_doc AS \
             SELECT p.id AS id, pubcat_evil(p.title) AS title, p.subtitle AS subtitle, \
             p.summary AS summary, p.body AS body, '' AS agents, '' AS concepts \
             FROM publication p;"
                .into(),
        ),
        (
            "FTS table with another tokenizer",
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
             replace(sql, 'unicode61 remove_diacritics 2', 'pubcat_evil') \
             WHERE name = 'publication_fts'; PRAGMA writable_schema = OFF;"
                .into(),
        ),
        (
            "FTS table over another content table",
            format!(
                "{MARKER} PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
                 replace(sql, '''publication_search_doc''', '''marker''') \
                 WHERE name = 'publication_fts'; PRAGMA writable_schema = OFF;"
            ),
        ),
        (
            "FTS rank function replaced",
            "UPDATE publication_fts_config SET v = 'pubcat_evil()' WHERE k = 'rank';".into(),
        ),
        (
            "FTS configuration added",
            "INSERT INTO publication_fts_config VALUES ('secure-delete', 1);".into(),
        ),
        (
            "CHECK constraint calling a function",
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
             replace(sql, 'id   INTEGER PRIMARY KEY', 'id INTEGER PRIMARY KEY CHECK (pubcat_evil(id))') \
             WHERE name = 'work'; PRAGMA writable_schema = OFF;"
                .into(),
        ),
        (
            "generated column calling a function",
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
             replace(sql, 'CREATE TABLE work (', 'CREATE TABLE work (evil AS (pubcat_evil(uid)), ') \
             WHERE name = 'work'; PRAGMA writable_schema = OFF;"
                .into(),
        ),
        (
            "expression index calling a function",
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
             'CREATE INDEX publication_by_title ON publication (pubcat_evil(title), id)' \
             WHERE name = 'publication_by_title'; PRAGMA writable_schema = OFF;"
                .into(),
        ),
        (
            "partial index calling a function",
            "CREATE INDEX evil ON work (uid) WHERE length(uid) > 0;\
             PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
             'CREATE INDEX evil ON work (uid) WHERE pubcat_evil(uid)' WHERE name = 'evil'; \
             PRAGMA writable_schema = OFF;"
                .into(),
        ),
        (
            "object named sqlite_*",
            format!(
                "{MARKER} PRAGMA writable_schema = ON; INSERT INTO sqlite_schema VALUES \
                 ('trigger', 'sqlite_evil', 'work', 0, 'CREATE TRIGGER sqlite_evil AFTER INSERT ON work \
                 BEGIN INSERT INTO marker VALUES (''trigger ran''); END'); PRAGMA writable_schema = OFF;"
            ),
        ),
        (
            "table dropped",
            "DROP TABLE relation;".into(),
        ),
        (
            "column added",
            "ALTER TABLE work ADD COLUMN evil TEXT DEFAULT 'x';".into(),
        ),
        (
            "foreign keys changed",
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
             replace(sql, 'REFERENCES work', 'REFERENCES marker') \
             WHERE name = 'publication'; PRAGMA writable_schema = OFF;"
                .into(),
        ),
    ];
    cases
        .into_iter()
        .enumerate()
        .map(|(i, (name, sql))| {
            let path = dir.join(format!("altered-{i}.db"));
            demo_file(&path);
            tamper(&path, &sql);
            (name.to_owned(), path)
        })
        .collect()
}

/// Other files that are not usable catalogues: foreign, newer, empty, random, text,
/// a header alone, an old or invalid version.
pub fn other_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| {
        let path = dir.join(format!("other-{}.db", out.len()));
        std::fs::write(&path, bytes).unwrap();
        out.push((name.to_owned(), path));
    };
    let demo = dir.join("other-demo.db");
    demo_file(&demo);
    let demo_bytes = std::fs::read(&demo).unwrap();
    std::fs::remove_file(&demo).unwrap();
    add("empty file", Vec::new());
    let mut rng = Rng(0x5eed);
    for len in [1, 99, 100, 512, 4096, 65_536] {
        add(
            &format!("{len} random bytes"),
            (0..len).map(|_| rng.next() as u8).collect(),
        );
    }
    let mut header_only = demo_bytes[..100].to_vec();
    add("SQLite header alone", header_only.clone());
    header_only.resize(4096, 0);
    add("SQLite header and zeros", header_only);
    add(
        "text file",
        b"title,author\nGold,IPIS\n".repeat(200).to_vec(),
    );
    let mut with_random_body = demo_bytes[..100].to_vec();
    with_random_body.extend((100..demo_bytes.len()).map(|_| rng.next() as u8));
    add("catalogue header, random pages", with_random_body);
    // SQLite databases built by hand.
    for (name, setup) in [
        (
            "foreign SQLite database",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');",
        ),
        (
            "foreign database with pubcat's tables",
            "CREATE TABLE publication (id INTEGER PRIMARY KEY, uid TEXT);",
        ),
        (
            "pubcat application id, version 0",
            "PRAGMA application_id = 1347764803; CREATE TABLE t (x);",
        ),
        (
            "pubcat application id, negative version",
            "PRAGMA application_id = 1347764803; PRAGMA user_version = -1; CREATE TABLE t (x);",
        ),
        (
            "pubcat application id, newer version",
            "PRAGMA application_id = 1347764803; PRAGMA user_version = 99; CREATE TABLE t (x);",
        ),
        (
            "pubcat application id, no tables",
            "PRAGMA application_id = 1347764803; PRAGMA user_version = 1;",
        ),
    ] {
        let path = dir.join(format!("other-{}.db", out.len()));
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(setup).unwrap();
        }
        out.push((name.to_owned(), path));
    }
    let newer = dir.join(format!("other-{}.db", out.len()));
    demo_file(&newer);
    tamper(
        &newer,
        &format!("PRAGMA user_version = {};", pubcat::SCHEMA_VERSION + 1),
    );
    out.push(("newer catalogue".into(), newer));
    out
}

/// The demo catalogue's bytes cut at `len`.
pub fn truncated(demo: &[u8], len: usize) -> Vec<u8> {
    demo[..len.min(demo.len())].to_vec()
}

/// The demo catalogue with `flips` random bytes changed in random pages (the first 100
/// header bytes included when `header` is set).
pub fn corrupted(demo: &[u8], seed: u64, flips: usize, header: bool) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    let mut bytes = demo.to_vec();
    let start = if header { 0 } else { 100 };
    for _ in 0..flips {
        let at = start + rng.below((bytes.len() - start) as u64) as usize;
        let new = rng.next() as u8;
        bytes[at] = if new == bytes[at] { !new } else { new };
    }
    bytes
}

/// Every file in `dir` with its bytes, to prove nothing was created, changed or removed.
pub fn dir_state(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect()
}

/// Pieces of hostile search text: FTS5 operators and syntax, quotes, NUL, bidi and combining
/// marks, SQL, words of the demo; the hostile-query tests join random runs of them.
pub const TEXT_PIECES: &[&str] = &[
    "\"",
    "*",
    "-",
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR/2",
    ":",
    "^",
    "+",
    "{",
    "}",
    "'",
    "\0",
    " ",
    "don't",
    "multi-agent",
    "10.0.0.1",
    "é",
    "école",
    "Sud-Kivu",
    "M23",
    "🦀",
    "\u{202e}",
    "\\",
    ";",
    "--",
    "/*",
    "%",
    "_",
    "[",
    "]",
    "gold",
    "cob*",
    "title:",
    "x",
    "\t",
    "\n",
    "ا",
    "中",
    "\u{301}",
    "rank",
    "bm25(",
    "publication_fts",
    "MATCH",
    "'); DROP TABLE",
    "*\"",
    "\"*",
    "- -",
    "OR OR",
    "\u{fffd}",
    "\u{feff}",
    "ǅ",
    "ß",
    "İ",
];
