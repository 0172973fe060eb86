//! Tests of the search syntax: unit tests, a real FTS5 table, and randomised properties.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use rusqlite::Connection;
use std::collections::BTreeSet;

use crate::test_rng::Rng;

fn fts(input: &str) -> Option<String> {
    parse(input).to_fts5()
}

fn fts_is(input: &str, expected: &str) {
    assert_eq!(fts(input).as_deref(), Some(expected), "input {input:?}");
}

/// Checks the shape of an FTS5 expression we wrote: outside quoted strings only `(`, `)`,
/// spaces, `*` right after a string, and the words AND, OR, NOT; inside, no control char.
fn assert_safe(q: &str) {
    let b = q.as_bytes();
    let (mut i, mut depth, mut strings) = (0, 0i32, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                strings += 1;
                i += 1;
                loop {
                    assert!(i < b.len(), "unterminated string in {q:?}");
                    if b[i] == b'"' {
                        if b.get(i + 1) == Some(&b'"') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    assert!(b[i] >= 0x20 && b[i] != 0x7f, "control byte in {q:?}");
                    i += 1;
                }
                i += 1;
                if b.get(i) == Some(&b'*') {
                    i += 1;
                }
            }
            b'(' => (depth, i) = (depth + 1, i + 1),
            b')' => (depth, i) = (depth - 1, i + 1),
            b' ' => i += 1,
            _ => {
                let word = ["AND ", "OR ", "NOT "]
                    .into_iter()
                    .find(|w| q[i..].starts_with(w));
                let word = word.unwrap_or_else(|| panic!("raw text at byte {i} of {q:?}"));
                i += word.len();
            }
        }
        assert!(depth >= 0, "unbalanced parentheses in {q:?}");
    }
    assert_eq!(depth, 0, "unbalanced parentheses in {q:?}");
    assert!(strings > 0, "no string in {q:?}");
}

// ---- constructs -------------------------------------------------------------------------

#[test]
fn words_are_anded() {
    fts_is("cobalt gold", r#""cobalt" "gold""#);
    fts_is("  cobalt\t\ngold  ", r#""cobalt" "gold""#);
    assert_eq!(parse("cobalt gold").terms(), ["cobalt", "gold"]);
}

#[test]
fn phrases() {
    fts_is(r#""gold rush""#, r#""gold rush""#);
    fts_is(r#""gold   rush, 1849""#, r#""gold rush 1849""#);
    fts_is(r#""abc"#, r#""abc""#);
    fts_is(r#"x "a b"#, r#""x" "a b""#);
    fts_is(r#""gold ru"*"#, r#""gold ru"*"#);
    fts_is(r#"don"t"#, r#""don" "t""#);
    fts_is(r#""a"b"#, r#""a" "b""#);
    fts_is(r#""OR" "AND" "NOT""#, r#""OR" "AND" "NOT""#);
    assert_eq!(fts(r#""""#), None);
    assert_eq!(fts(r#"" ( ) ""#), None);
}

#[test]
fn prefixes() {
    fts_is("cob*", r#""cob"*"#);
    fts_is("cob**", r#""cob"*"#);
    fts_is("multi-ag*", r#""multi ag"*"#);
    fts_is("co*b", r#""co b""#);
    fts_is("*cob", r#""cob""#);
    assert_eq!(fts("*"), None);
    assert_eq!(fts("**"), None);
    assert_eq!(fts("* ** ***"), None);
    assert_eq!(parse("cob*").terms(), ["cob*"]);
}

#[test]
fn exclusions() {
    fts_is("gold -cobalt", r#""gold" NOT "cobalt""#);
    fts_is("gold -cob*", r#""gold" NOT "cob"*"#);
    fts_is(r#"gold -"gold rush""#, r#""gold" NOT "gold rush""#);
    fts_is("a b -c -d", r#"("a" "b") NOT "c" NOT "d""#);
    fts_is("a-b", r#""a b""#);
    fts_is("gold - cobalt", r#""gold" "cobalt""#);
    let only = parse("-cobalt -\"gold rush\"");
    assert!(only.is_empty());
    assert_eq!(only.to_fts5(), None);
    assert_eq!(only.excluded().len(), 2);
    assert_eq!(
        only.exclusions_to_fts5().as_deref(),
        Some(r#""cobalt" OR "gold rush""#)
    );
    assert_eq!(parse("gold").exclusions_to_fts5(), None);
    let dash = parse("-");
    assert!(dash.is_empty() && dash.excluded().is_empty());
    let double = parse("--x");
    assert_eq!(double.excluded()[0].tokens(), ["x"]);
    assert!(double.is_empty());
    assert!(parse("gold -cobalt").terms() == ["gold"]);
}

#[test]
fn or_groups() {
    fts_is("gold OR cobalt", r#"("gold" OR "cobalt")"#);
    fts_is("a OR b OR c", r#"("a" OR "b" OR "c")"#);
    fts_is("a OR b c", r#"("a" OR "b") AND "c""#);
    fts_is("c a OR b", r#""c" AND ("a" OR "b")"#);
    fts_is("a OR b c OR d", r#"("a" OR "b") AND ("c" OR "d")"#);
    fts_is("a OR b c d -e", r#"(("a" OR "b") AND "c" "d") NOT "e""#);
    fts_is("a OR OR b", r#"("a" OR "b")"#);
    fts_is("OR x", r#""x""#);
    fts_is("x OR", r#""x""#);
    assert_eq!(fts("OR"), None);
    assert_eq!(fts("OR OR"), None);
    fts_is("a or b", r#""a" "or" "b""#);
    fts_is("a Or b", r#""a" "Or" "b""#);
    fts_is("a OR -b", r#""a" NOT "b""#);
    fts_is("a OR -b OR c", r#"("a" "c") NOT "b""#);
    fts_is("-b OR a", r#""a" NOT "b""#);
    fts_is("a OR ( b", r#"("a" OR "b")"#);
    fts_is("a OR* b", r#""a" "OR"* "b""#);
    fts_is(r#"a "OR" b"#, r#""a" "OR" "b""#);
    let negated_or = parse("gold -OR");
    assert_eq!(negated_or.excluded()[0].tokens(), ["OR"]);
    let groups = parse("a OR b c").groups().to_vec();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].len(), 2);
    assert_eq!(parse("a OR b c").terms(), ["a", "b", "c"]);
}

// ---- hostile input ----------------------------------------------------------------------

#[test]
fn hostile_examples_are_quoted_text() {
    let cases: &[(&str, Option<&str>)] = &[
        ("don't", Some(r#""don t""#)),
        ("multi-agent", Some(r#""multi agent""#)),
        ("10.0.0.1", Some(r#""10 0 0 1""#)),
        ("e-mail", Some(r#""e mail""#)),
        ("M23", Some(r#""M23""#)),
        ("Sud-Kivu", Some(r#""Sud Kivu""#)),
        ("l’exploitation", Some(r#""l exploitation""#)),
        ("AND", Some(r#""AND""#)),
        ("NOT", Some(r#""NOT""#)),
        ("a AND NOT b", Some(r#""a" "AND" "NOT" "b""#)),
        ("(", None),
        (")", None),
        ("()", None),
        ("NEAR(", Some(r#""NEAR""#)),
        ("NEAR(a b)", Some(r#""NEAR a" "b""#)),
        ("NEAR(a b, 3)", Some(r#""NEAR a" "b" "3""#)),
        ("a:b", Some(r#""a b""#)),
        ("col:x", Some(r#""col x""#)),
        ("title : x", Some(r#""title" "x""#)),
        ("{title body}:x", Some(r#""title" "body x""#)),
        ("-title:x", None),
        ("^x", Some(r#""x""#)),
        ("+x", Some(r#""x""#)),
        ("a + b", Some(r#""a" "b""#)),
        ("{a b}", Some(r#""a" "b""#)),
        ("", None),
        ("   \t\n\r ", None),
        ("\0", None),
        ("a\0b", Some(r#""a b""#)),
        ("\u{1}\u{7f}\u{1b}[31m", Some(r#""31m""#)),
        ("'; DROP TABLE t; --", Some(r#""DROP" "TABLE" "t""#)),
        ("\\\"x\\\"", Some(r#""x""#)),
        ("\"\"\"", None),
        ("😀 🦀 👩‍🔬", None),
        ("gold 😀", Some(r#""gold""#)),
        ("rust😀crab", Some(r#""rust crab""#)),
        ("שלום עולם", Some(r#""שלום" "עולם""#)),
        ("السلام‎ عليكم", Some(r#""السلام" "عليكم""#)),
        ("\u{202E}evil\u{202C}", Some(r#""evil""#)),
        ("école", Some(r#""école""#)),
        ("e\u{301}cole", Some("\"e\u{301}cole\"")),
        ("\u{301}e", Some(r#""e""#)),
        ("中文文献", Some(r#""中文文献""#)),
        ("Ⅻ ½ ²", Some(r#""Ⅻ" "½" "²""#)),
    ];
    for &(input, expected) in cases {
        let expr = parse(input);
        assert_eq!(expr.to_fts5().as_deref(), expected, "input {input:?}");
        assert_eq!(expr.is_empty(), expected.is_none(), "input {input:?}");
        if let Some(q) = expected {
            assert_safe(q);
        }
    }
}

#[test]
fn quotes_inside_tokens_would_be_doubled() {
    // The tokenizer never keeps a `"`, but the writer must not depend on it.
    let term = Term {
        tokens: vec!["a\"b".into(), "\"".into()],
        prefix: true,
        quoted: true,
    };
    let expr = SearchExpr {
        groups: vec![vec![term]],
        excluded: vec![],
    };
    assert_eq!(expr.to_fts5().as_deref(), Some(r#""a""b """*"#));
    assert_safe(r#""a""b """*"#);
}

#[test]
fn tokenize_follows_unicode61() {
    assert_eq!(tokenize("don't"), ["don", "t"]);
    assert_eq!(tokenize("10.0.0.1"), ["10", "0", "0", "1"]);
    assert_eq!(tokenize("snake_case"), ["snake", "case"]);
    assert_eq!(
        tokenize("Straße naïve Ελληνικά Русский"),
        ["Straße", "naïve", "Ελληνικά", "Русский"]
    );
    assert_eq!(tokenize("a\u{301}\u{302}b"), ["a\u{301}\u{302}b"]);
    assert_eq!(tokenize("\u{301}"), Vec::<String>::new());
    assert_eq!(tokenize("x\u{E000}y"), ["x\u{E000}y"]);
    assert_eq!(tokenize("a\u{200B}b\u{FEFF}c\u{A0}d"), ["a", "b", "c", "d"]);
    assert_eq!(tokenize("٣٤ ९"), ["٣٤", "९"]);
}

#[test]
fn lexer_cuts_syntax() {
    let lex = |s| Lexer { rest: s }.collect::<Vec<_>>();
    let term = |text, negated, prefix, quoted| Lexeme::Term {
        text,
        negated,
        prefix,
        quoted,
    };
    assert_eq!(
        lex(r#"a OR -"b c"* --d e* "f"#),
        [
            term("a", false, false, false),
            Lexeme::Or,
            term("b c", true, true, true),
            term("-d", true, false, false),
            term("e", false, true, false),
            term("f", false, false, true),
        ]
    );
    assert_eq!(
        lex("- -OR \"\""),
        [
            term("-", false, false, false),
            term("OR", true, false, false),
            term("", false, false, true)
        ]
    );
}

#[test]
fn limits_are_applied_silently() {
    let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
    let expr = parse(&words.join(" "));
    assert_eq!(expr.terms().len(), MAX_TERMS);
    assert_eq!(expr.terms().last().map(String::as_str), Some("w63"));

    let mixed: Vec<String> = (0..100).map(|i| format!("-x{i} w{i} ( OR")).collect();
    let expr = parse(&mixed.join(" "));
    assert_eq!(expr.terms().len() + expr.excluded().len(), MAX_TERMS);

    // A 120 KB input: its cost is bounded because only the first MAX_INPUT_CHARS characters
    // are read, which the one-word case below shows exactly (no clock in a unit test).
    let long = "ab ".repeat(40_000);
    let expr = parse(&long);
    assert_eq!(expr.terms().len(), MAX_TERMS);

    let one_word = format!("{}XYZ", "a".repeat(MAX_INPUT_CHARS - 1));
    assert_eq!(
        parse(&one_word).groups()[0][0].tokens()[0].len(),
        MAX_INPUT_CHARS
    );
    let hyphens = "a-".repeat(50_000);
    let expr = parse(&hyphens);
    assert_eq!(expr.groups()[0][0].tokens().len(), MAX_INPUT_CHARS / 2);
    let multibyte = "é".repeat(20_000);
    assert_eq!(
        parse(&multibyte).terms()[0].chars().count(),
        MAX_INPUT_CHARS
    );
}

#[test]
fn compile_reports_empty_queries() {
    assert_eq!(
        compile("gold -cobalt").expect("compiles"),
        r#""gold" NOT "cobalt""#
    );
    let err = compile("-cobalt").expect_err("nothing to match");
    assert_eq!(err.kind(), crate::error::ErrorKind::InvalidQuery);
    assert!(compile("").is_err());
}

// ---- against a real FTS5 table ----------------------------------------------------------

const ROWS: &[(&str, &str)] = &[
    ("Don't panic", "a guide to staying calm"),
    ("Multi-agent systems", "coordination of autonomous agents"),
    ("Outage at 10.0.0.1", "router logs"),
    ("L'école publique", "éducation nationale"),
    ("Conflict in Sud-Kivu", "M23 rebels advance"),
    ("Cobalt mining", "artisanal cobalt and gold"),
    ("Gold rush", "gold panning in rivers"),
    ("Copper belt", "copper and cobalt ores"),
    ("E-mail etiquette", "electronic mail"),
    ("L’exploitation minière", "rapport annuel"),
    ("हिन्दी साहित्य", "hindi literature"),
    ("中文文献", "chinese sources"),
    ("العربية الفصحى", "arabic"),
    ("Agent multi", "the words in the other order"),
];

fn table() -> Connection {
    let conn = Connection::open_in_memory().expect("in-memory db");
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');",
    )
    .expect("fts5 table");
    for (i, (title, body)) in ROWS.iter().enumerate() {
        conn.execute(
            "INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)",
            (i as i64 + 1, title, body),
        )
        .expect("insert");
    }
    conn
}

fn matching(conn: &Connection, fts5: &str) -> rusqlite::Result<BTreeSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT rowid FROM t WHERE t MATCH ?1")?;
    let rows = stmt.query_map([fts5], |row| row.get(0))?;
    rows.collect()
}

#[test]
fn real_fts5_table_finds_the_expected_rows() {
    let conn = table();
    let cases: &[(&str, &[i64])] = &[
        ("multi-agent", &[2]),
        ("Multi-Agent systems", &[2]),
        ("\"agent multi\"", &[14]),
        ("ecole", &[4]),
        ("école", &[4]),
        ("ÉCOLE", &[4]),
        ("e\u{301}cole", &[4]),
        ("l'école", &[4]),
        ("educ*", &[4]),
        ("sud-kivu", &[5]),
        ("Sud-Kivu", &[5]),
        ("kivu", &[5]),
        ("M23", &[5]),
        ("m23 rebels", &[5]),
        ("cob*", &[6, 8]),
        ("gold", &[6, 7]),
        ("gold -cobalt", &[7]),
        ("gold OR cobalt", &[6, 7, 8]),
        ("gold OR copper -cobalt", &[7]),
        ("gold OR copper cobalt", &[6, 8]),
        ("don't", &[1]),
        ("DON'T panic", &[1]),
        ("10.0.0.1", &[3]),
        ("10.0.0.2", &[]),
        ("10.0.0.*", &[3]),
        ("e-mail", &[9]),
        ("l’exploitation", &[10]),
        ("l'exploitation", &[10]),
        ("miniere", &[10]),
        ("हिन्दी", &[11]),
        ("हिन्*", &[11]),
        ("中文文献", &[12]),
        ("中文*", &[12]),
        ("العربية", &[13]),
        ("\"gold panning\"", &[7]),
        ("\"panning gold\"", &[]),
        ("\"cobalt an\"*", &[6]),
        ("AND", &[6, 8]),
        ("NEAR(gold cobalt)", &[]),
        ("title:gold", &[]),
        ("gold ( ) 😀 *", &[6, 7]),
        ("gold -\"gold rush\"", &[6]),
        ("agents OR agent* -multi", &[]),
        // Signs Rust calls alphabetic but unicode61 does not: skipped by the implicit AND.
        ("gold ि", &[6, 7]),
        ("Ⓐ gold", &[6, 7]),
    ];
    for &(input, expected) in cases {
        let q = fts(input).unwrap_or_else(|| panic!("{input:?} has a positive term"));
        let got = matching(&conn, &q).unwrap_or_else(|e| panic!("{input:?} -> {q:?}: {e}"));
        assert_eq!(got, expected.iter().copied().collect(), "{input:?} -> {q}");
    }
    // ...but alone (or ANDed with an OR group) they are an empty phrase: no row (documented).
    for lone in ["ि", "Ⓐ", "ि gold OR cobalt"] {
        let q = fts(lone).expect("Rust sees a token");
        assert_eq!(
            matching(&conn, &q).expect("runs"),
            BTreeSet::new(),
            "{lone:?} -> {q}"
        );
    }
    let only = parse("-cobalt -gold");
    assert_eq!(only.to_fts5(), None);
    let excluded = matching(&conn, &only.exclusions_to_fts5().expect("exclusions")).expect("runs");
    assert_eq!(excluded, BTreeSet::from([6, 7, 8]));
}

#[test]
fn queries_at_the_term_cap_run_in_fts5() {
    let conn = table();
    let excl: String = (0..100).map(|i| format!(" -x{i}")).collect();
    let ors: String = (0..100).map(|i| format!("a{i} OR b{i} ")).collect();
    let mixed: String = (0..100)
        .map(|i| format!("c{i} OR d{i} e{i} -f{i} "))
        .collect();
    for input in [format!("gold{excl}"), ors, mixed, "gold ".repeat(100)] {
        let expr = parse(&input);
        assert_eq!(expr.terms().len() + expr.excluded().len(), MAX_TERMS);
        let q = expr.to_fts5().expect("positive terms");
        matching(&conn, &q).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
}

/// Our tokenizer against FTS5's own: the tokens an `fts5vocab` table sees.
#[test]
fn tokenizer_agrees_with_unicode61() {
    let conn = Connection::open_in_memory().expect("db");
    conn.execute_batch(
        "CREATE VIRTUAL TABLE p USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE v USING fts5vocab(p, instance);",
    )
    .expect("tables");
    let words = [
        "don't",
        "multi-agent",
        "10.0.0.1",
        "e-mail",
        "M23",
        "Sud-Kivu",
        "l’exploitation",
        "école",
        "e\u{301}cole",
        "\u{301}e",
        "naïve",
        "Straße",
        "Ελληνικά",
        "Русский",
        "中文文献",
        "日本語のテキスト",
        "한국어",
        "العربية",
        "עברית",
        "١٢٣",
        "Ⅻ½²",
        "snake_case",
        "a\u{0}b",
        "a\u{200B}b",
        "x\u{E000}y",
        "😀gold🌍",
        "NEAR(a,b)",
        "col:x^y+z",
        "{a b}",
        "\"quoted\"",
        "ﬁnance",
        "Ǆemal",
        "İstanbul",
    ];
    for (doc, word) in words.iter().enumerate() {
        conn.execute(
            "INSERT INTO p(rowid, x) VALUES (?1, ?2)",
            (doc as i64, word),
        )
        .expect("insert");
        let mut stmt = conn
            .prepare("SELECT term FROM v WHERE doc = ?1 ORDER BY offset")
            .expect("vocab");
        let theirs: Vec<String> = stmt
            .query_map([doc as i64], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let ours = tokenize(word);
        assert_eq!(
            ours.len(),
            theirs.len(),
            "{word:?}: ours {ours:?}, unicode61 {theirs:?}"
        );
        for (o, t) in ours.iter().zip(&theirs) {
            if o.is_ascii() {
                assert_eq!(&o.to_ascii_lowercase(), t, "{word:?}");
            }
        }
    }
}

// ---- randomised properties --------------------------------------------------------------

/// Pieces that mean something to FTS5, to SQL, to our syntax, or to Unicode.
const HOSTILE: &[&str] = &[
    "\"",
    "\"\"",
    "*",
    "**",
    "-",
    "--",
    "OR",
    "AND",
    "NOT",
    "NEAR",
    "NEAR(",
    "NEAR/2",
    "(",
    ")",
    ":",
    "^",
    "+",
    "{",
    "}",
    ",",
    "col:",
    "title:",
    "{title body}:",
    "\0",
    "\u{1}",
    "\u{7f}",
    " ",
    "  ",
    "\t",
    "\n",
    "'",
    "’",
    ".",
    ";",
    "\\",
    "%",
    "_",
    "$",
    "a",
    "x",
    "gold",
    "cobalt",
    "or",
    "10.0.0.1",
    "don't",
    "é",
    "e\u{301}",
    "\u{301}",
    "😀",
    "🦀",
    "👩\u{200d}🔬",
    "עברית",
    "العربية",
    "中文",
    "हिन्दी",
    "ि",
    "Ⓐ",
    "\u{E000}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{202E}",
    "\u{FFFD}",
    "'; DROP TABLE t; --",
    "\"a b\"*",
];

fn random_input(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => {
            let bytes: Vec<u8> = (0..rng.below(48)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        1 => (0..rng.below(16)).map(|_| *rng.pick(HOSTILE)).collect(),
        2 => (0..rng.below(24))
            .filter_map(|_| match rng.below(3) {
                0 => char::from_u32(rng.below(0x80) as u32),
                1 => char::from_u32(rng.below(0x3000) as u32),
                _ => char::from_u32(rng.below(0x11_0000) as u32),
            })
            .collect(),
        _ => {
            let (a, b) = (random_input(rng), random_input(rng));
            format!("{a}{}{b}", rng.pick(HOSTILE))
        }
    }
}

/// 10,000+ random and adversarial strings: parsing never panics, the invariants hold, the
/// FTS5 expression has the safe shape, and SQLite runs it without error.
#[test]
fn property_any_input_gives_a_valid_fts5_query() {
    let conn = table();
    let mut rng = Rng(0x5EED_CAFE);
    let mut inputs: Vec<String> = (0..10_000).map(|_| random_input(&mut rng)).collect();
    inputs.push(random_input(&mut rng).repeat(2_000));
    inputs.push((0..30_000).map(|_| *rng.pick(HOSTILE)).collect());
    inputs.push("\"".repeat(100_000));
    inputs.push("-".repeat(100_000));
    inputs.push("a OR ".repeat(20_000));
    let mut ran = 0;
    for input in &inputs {
        let expr = parse(input);
        assert!(expr.terms().len() + expr.excluded().len() <= MAX_TERMS);
        let all_terms = expr.groups().iter().flatten().chain(expr.excluded());
        assert!(all_terms.clone().all(|t| !t.tokens().is_empty()));
        assert!(all_terms
            .flat_map(Term::tokens)
            .all(|t| t.chars().all(is_token_char_or_accent)));
        assert_eq!(expr.to_fts5().is_none(), expr.is_empty(), "{input:?}");
        for q in [expr.to_fts5(), expr.exclusions_to_fts5()]
            .into_iter()
            .flatten()
        {
            assert_safe(&q);
            if let Err(e) = matching(&conn, &q) {
                panic!("{input:?} -> {q:?}: {e}");
            }
            ran += 1;
        }
    }
    assert!(ran > 5_000, "only {ran} queries ran");
}

fn is_token_char_or_accent(c: char) -> bool {
    is_token_char(c) || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Whatever word a document contains, typing that word (or a prefix of it with `*`, or a
/// run of its words in quotes) finds the document.
#[test]
fn property_a_word_copied_from_a_row_finds_it() {
    const LETTERS: &[&str] = &[
        "a", "b", "k", "z", "Q", "0", "7", "é", "É", "e\u{301}", "ß", "ø", "ñ", "ω", "Ж", "中",
        "文", "ع", "ש", "ह", "½", "Ⅻ", "ﬁ", "İ",
    ];
    const SEPARATORS: &[&str] = &[
        "-", "'", "’", ".", ":", "(", ")", "^", "+", "{", "}", "_", "/", "😀", "\u{200B}", ",",
        "\u{0}",
    ];
    // Marks FTS5 does not count as token characters, inside words only (no word starts so).
    const MARKS: &[&str] = &["ि", "\u{301}", "\u{332}", "\u{93F}\u{94D}"];
    let conn = table();
    let mut rng = Rng(42);
    for round in 0..400 {
        let words: Vec<String> = (0..1 + rng.below(5))
            .map(|_| {
                let mut word = String::from(*rng.pick(LETTERS));
                for _ in 0..rng.below(10) {
                    let pool = [SEPARATORS, MARKS, LETTERS, LETTERS, LETTERS][rng.below(5)];
                    word.push_str(rng.pick::<&str>(pool));
                }
                word
            })
            .collect();
        let rowid = 1_000 + round as i64;
        conn.execute(
            "INSERT INTO t(rowid, title, body) VALUES (?1, ?2, '')",
            (rowid, words.join(" ")),
        )
        .expect("insert");
        let word = &words[rng.below(words.len())];
        let cut: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
        let prefix = cut
            .get(rng.below(cut.len().max(1)))
            .map_or(word.as_str(), |&i| &word[..i]);
        let start = rng.below(words.len());
        let phrase = format!("\"{}\"", words[start..].join(" "));
        for input in [word.clone(), format!("{prefix}*"), phrase] {
            let Some(q) = fts(&input) else { continue };
            let found = matching(&conn, &q).unwrap_or_else(|e| panic!("{input:?} -> {q:?}: {e}"));
            assert!(found.contains(&rowid), "{input:?} -> {q} misses {words:?}");
        }
    }
}
