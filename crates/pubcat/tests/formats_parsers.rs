//! CSV and BibTeX as other tools write them (read with the `csv` and `biblatex` crates):
//! spreadsheet delimiters, BibTeX names with particles and suffixes, macros, LaTeX, crossref,
//! and organisations that must come back as one organisation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod formats_common;

use formats_common::{export, import, parse_failure};
use pubcat::formats::Format;
use pubcat::model::{Agent, AgentKind, Contributor, Kind, Publication, Role};
use pubcat::Catalog;

/// The authors of publication `uid` as (name, kind, given, family).
fn authors(
    catalog: &Catalog,
    uid: &str,
) -> Vec<(String, AgentKind, Option<String>, Option<String>)> {
    let p = catalog.publication_as_written(uid).unwrap();
    p.contributors
        .iter()
        .filter(|c| c.role == Role::Author)
        .map(|c| {
            let a = catalog.agent(&c.agent).unwrap().agent;
            (a.name, a.kind, a.given, a.family)
        })
        .collect()
}

fn one_author_catalogue(agent: Agent) -> Catalog {
    let catalog = Catalog::open_in_memory().unwrap();
    catalog.upsert_agent(&agent).unwrap();
    let mut p = Publication::new("p", "en", "Land governance", Kind::Report);
    p.contributors = vec![Contributor::new(agent.uid.clone(), Role::Author)];
    catalog.upsert_publication(&p).unwrap();
    catalog
}

/// The bug of issue 13: "Law and Development" was written `Development, Law and and {IPIS
/// Research}` and came back as the person "Law Development".
#[test]
fn an_organisation_with_and_in_its_name_comes_back_as_one_organisation() {
    let catalog = Catalog::open_in_memory().unwrap();
    for (uid, name) in [
        ("law-and-development", "Law and Development"),
        ("ipis-research", "IPIS Research"),
    ] {
        catalog
            .upsert_agent(&Agent::new(uid, AgentKind::Organization, name))
            .unwrap();
    }
    let mut p = Publication::new("p", "en", "Land governance", Kind::Report);
    p.contributors = vec![
        Contributor::new("law-and-development", Role::Author),
        Contributor::new("ipis-research", Role::Author),
        Contributor::new("law-and-development", Role::Publisher),
    ];
    catalog.upsert_publication(&p).unwrap();
    let bytes = export(&catalog.export_document().unwrap(), Format::Bibtex);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("  author = {{Law and Development} and {IPIS Research}},\n"),
        "{text}"
    );
    assert!(
        text.contains("  institution = {{Law and Development}},\n"),
        "{text}"
    );

    let empty = Catalog::open_in_memory().unwrap();
    import(&empty, &bytes, Format::Bibtex).unwrap();
    assert_eq!(
        authors(&empty, "p"),
        [
            (
                "Law and Development".into(),
                AgentKind::Organization,
                None,
                None
            ),
            ("IPIS Research".into(), AgentKind::Organization, None, None),
        ]
    );
    assert_eq!(empty.agents().unwrap().len(), 2, "no person was created");
}

#[test]
fn a_person_whose_given_name_holds_and_keeps_it() {
    let mut person = Agent::new("odd", AgentKind::Person, "Law and Development");
    person.given = Some("Law and".into());
    person.family = Some("Development".into());
    let catalog = one_author_catalogue(person);
    let bytes = export(&catalog.export_document().unwrap(), Format::Bibtex);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("  author = {Development, {Law and}},\n"),
        "{text}"
    );
    let empty = Catalog::open_in_memory().unwrap();
    import(&empty, &bytes, Format::Bibtex).unwrap();
    assert_eq!(
        authors(&empty, "p"),
        [(
            "Law and Development".into(),
            AgentKind::Person,
            Some("Law and".into()),
            Some("Development".into())
        )]
    );
}

#[test]
fn particles_and_suffixes_survive_a_round_trip() {
    let mut person = Agent::new("neumann", AgentKind::Person, "John von Neumann Jr.");
    person.given = Some("John".into());
    person.family = Some("von Neumann".into());
    let catalog = one_author_catalogue(person);
    let bytes = export(&catalog.export_document().unwrap(), Format::Bibtex);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("  author = {von Neumann, Jr., John},\n"),
        "{text}"
    );
    let empty = Catalog::open_in_memory().unwrap();
    import(&empty, &bytes, Format::Bibtex).unwrap();
    assert_eq!(
        authors(&empty, "p"),
        [(
            "John von Neumann Jr.".into(),
            AgentKind::Person,
            Some("John".into()),
            Some("von Neumann".into())
        )]
    );
}

/// A file as reference managers and hand-editing leave them.
const FOREIGN_BIB: &str = r#"% exported by hand
@STRING{WB = "World Bank"}
@String{ipis = {IPIS}}
@Comment{jabref-meta: groups {nested {braces}};}
Contact: someone@example.org (text between entries is ignored)

@TechReport(wb-2020,
  Title = {The {DRC}'s {\'e}tat des lieux: \emph{cobalt}~and {\"U}ber --- a ``review''},
  Author = {van Beethoven, Ludwig and Johann Sebastian Bach and {World Bank Group}},
  Institution = WB # " and " # ipis,
  Year = 2020, Month = jul,
  Abstract = "First paragraph {"quoted"}.

     Second paragraph.",
  URL = {https://example.org/~wb/a\_b},
)

@book{parent, title = {Collected Papers}, publisher = {Levin Sources}}
@incollection{child, title = {A Chapter}, crossref = {parent}}
"#;

#[test]
fn bibtex_from_other_tools_reads_macros_names_latex_and_crossref() {
    let catalog = Catalog::open_in_memory().unwrap();
    let summary = import(&catalog, FOREIGN_BIB.as_bytes(), Format::Bibtex).unwrap();
    assert_eq!(summary.publications.added, 3);
    let p = catalog.publication_as_written("wb-2020").unwrap();
    assert_eq!(
        p.title,
        "The DRC's état des lieux: cobalt and Über — a “review”"
    );
    assert_eq!(p.date.as_deref(), Some("2020-07"));
    assert_eq!(
        p.summary.as_deref(),
        Some("First paragraph \"quoted\".\n\nSecond paragraph.")
    );
    assert_eq!(
        p.identifiers[0].value, "https://example.org/~wb/a_b",
        "URLs are verbatim"
    );
    let people = authors(&catalog, "wb-2020");
    assert_eq!(people.len(), 3);
    assert_eq!(
        people[0],
        (
            "Ludwig van Beethoven".into(),
            AgentKind::Person,
            Some("Ludwig".into()),
            Some("van Beethoven".into())
        )
    );
    assert_eq!(
        people[1],
        (
            "Johann Sebastian Bach".into(),
            AgentKind::Person,
            Some("Johann Sebastian".into()),
            Some("Bach".into())
        ),
        "a name without comma: given and family as the crate splits them"
    );
    assert_eq!(
        (people[2].0.as_str(), people[2].1),
        ("World Bank Group", AgentKind::Organization)
    );
    let publishers: Vec<String> = p
        .contributors
        .iter()
        .filter(|c| c.role == Role::Publisher)
        .map(|c| catalog.agent(&c.agent).unwrap().agent.name)
        .collect();
    assert_eq!(publishers, ["World Bank", "IPIS"]);
    let child = catalog.publication_as_written("child").unwrap();
    assert_eq!(child.kind, Kind::Chapter);
    let child_publisher = &child
        .contributors
        .iter()
        .find(|c| c.role == Role::Publisher)
        .expect("the publisher comes from the crossref parent")
        .agent;
    assert_eq!(
        catalog.agent(child_publisher).unwrap().agent.name,
        "Levin Sources"
    );
}

#[test]
fn bibtex_errors_still_name_their_line() {
    let catalog = Catalog::open_in_memory().unwrap();
    let good = "@misc{one,\n  title = {One},\n}\n\n";
    let case =
        |bad: &str| parse_failure(&catalog, format!("{good}{bad}").as_bytes(), Format::Bibtex);
    assert_eq!(
        case("@misc{two,\n  title = {Two},\n  author = NOMACRO,\n}\n"),
        (Some(7), Some(2), Some("author".into()))
    );
    assert_eq!(
        case("@misc{one,\n  title = {Again},\n}\n"),
        (Some(5), Some(2), None),
        "a key used twice"
    );
    assert_eq!(
        case("@misc(two,\n  title = {Two}\n"),
        (Some(5), Some(2), None),
        "a parenthesised entry that is not closed"
    );
    assert_eq!(
        case("@string{a = b # x}\n@string{b = a}\n@misc{two, title = a}\n").0,
        Some(5),
        "a macro defined through itself"
    );
}

#[test]
fn csv_from_spreadsheets_with_semicolons_or_tabs_imports() {
    // Excel in a French locale: `;`, a byte-order mark, CRLF, a comma and a quoted `;` in cells.
    let excel = "\u{feff}uid;title;date;authors;summary\r\n\
                 etain-2020;Étain, or et tantale;2020;Lonema, Jean-Paul;\"Une ligne; deux\"\r\n";
    let catalog = Catalog::open_in_memory().unwrap();
    import(&catalog, excel.as_bytes(), Format::Csv).unwrap();
    let p = catalog.publication_as_written("etain-2020").unwrap();
    assert_eq!(p.title, "Étain, or et tantale");
    assert_eq!(p.summary.as_deref(), Some("Une ligne; deux"));
    assert_eq!(
        authors(&catalog, "etain-2020")[0].2.as_deref(),
        Some("Jean-Paul")
    );

    let tabs = "title\tdate\tkind\nMaps, 2021\t2021\tmap\n";
    import(&catalog, tabs.as_bytes(), Format::Csv).unwrap();
    let doc = catalog.export_document().unwrap();
    let maps = doc.publications.iter().find(|p| p.title == "Maps, 2021");
    assert_eq!(maps.map(|p| p.kind), Some(Kind::Map));

    // A `.csv` file of either kind is detected by its name.
    let dir = std::env::temp_dir().join(format!("pubcat-semicolon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("excel.csv");
    std::fs::write(&path, excel).unwrap();
    let summary = catalog.import_file(&path, Format::Auto).unwrap();
    assert_eq!(summary.publications.unchanged, 1, "the same row again");
    std::fs::remove_dir_all(&dir).unwrap();

    // Errors keep naming line, record and column with any delimiter.
    assert_eq!(
        parse_failure(
            &catalog,
            b"uid;title;date\r\na;A;2020\r\nb;B\"x;2020\r\n",
            Format::Csv
        ),
        (Some(3), None, Some("column 2".into()))
    );
    assert_eq!(
        parse_failure(&catalog, b"uid;title;date\r\na;A;someday\r\n", Format::Csv),
        (Some(2), Some(1), Some("date".into()))
    );
}

#[test]
fn csv_export_bytes_are_unchanged() {
    let catalog = Catalog::demo().unwrap();
    let bytes = export(&catalog.export_document().unwrap(), Format::Csv);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("uid,work,language,original,title,"));
    assert!(!text.starts_with('\u{feff}'));
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "CRLF everywhere"
    );
}
