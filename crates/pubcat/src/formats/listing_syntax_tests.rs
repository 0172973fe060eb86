//! Tests of the listing parser; fixtures are realistic copies of institute web listings.

use super::*;
use crate::error::ErrorKind;

const SAMPLE: &str = include_str!("../../../../examples/data/ipis-partner-listing.txt");

/// Layout fixture, also at `tests/fixtures/layout_a_excerpt.txt` in the scratch crate.
const LAYOUT_A: &str = r#"Briefing – Armed groups and roadblocks in eastern DRC

This briefing maps the roadblocks erected by armed groups and state actors along the main trade routes of North and South Kivu. Roadblocks remain one of the main sources of revenue for [...]

Story map — Gold from the Great Lakes region

Artisanal gold mining provides a livelihood to hundreds of thousands of miners in the region. This story map follows the gold from the mine site to the export counters of Bukavu and Kampala…

Policy brief - Responsible sourcing of cobalt

Industrial cobalt production in Lualaba is expanding quickly.

Artisanal miners, however, remain largely excluded from the formal supply chains, and the risks for […]

Sustainable Mining Series - Women in artisanal mining

Women make up a large share of the workforce at artisanal mine sites.
This paper looks at the roles they take on and at the barriers they face.
"#;

/// Layout fixture, also at `tests/fixtures/layout_b_byline.txt` in the scratch crate.
const LAYOUT_B: &str = r#"Conflict analysis of the mining sector in Ituri
- Ana Kiza, Jean-Paul Lonema (IMPACT) | March 1, 2022

This report analyses the dynamics of conflict around artisanal gold mines in Djugu and Mambasa territories [...]

Report – Cartographie des sites miniers artisanaux au Sud-Kivu
- | 22 décembre 2023

Ce rapport présente les résultats de la dernière campagne de collecte de données sur les sites miniers artisanaux de la province du Sud-Kivu [...]

Due diligence in the 3T supply chain: five years on
– Marie Tshibanda, , Koen Verhoeven (IPIS, Antwerp) | Mar 1, 2022
The OECD Due Diligence Guidance has become the reference for responsible sourcing of tin, tantalum and tungsten. Five years after […]
"#;

/// Layout fixture, also at `tests/fixtures/layout_c_dateline.txt` in the scratch crate.
const LAYOUT_C: &str = r#"Map – Mining sites in eastern DRC: 2023 update

14 april 2023

The interactive map now covers more than 2,800 artisanal mining sites visited by IPIS teams since 2009 […]

Working paper – Les taxes illégales sur les routes du Nord-Kivu
1er mars 2022

Les barrières routières constituent une source majeure de revenus pour les groupes armés et certains acteurs étatiques […]

Factsheet – Ambachtelijke mijnbouw in Oost-Congo
mei 2021

Deze factsheet geeft een overzicht van de ambachtelijke mijnbouw in het oosten van de Democratische Republiek Congo en van de risico's voor de mensenrechten...

Briefing – Cobalt prices and artisanal miners
March 2022

Falling cobalt prices hit the artisanal miners of Kolwezi hardest. This briefing looks at what the price drop means for their income.
"#;

/// Layout fixture, also at `tests/fixtures/layout_d_glued.txt` in the scratch crate.
const LAYOUT_D: &str = r#"Gold trade between eastern DRC and Uganda

April 14, 2023This report traces the trade in artisanal gold from mine sites in Ituri to refineries abroad […]

L’or artisanal dans l’Est de la RDC

22 decembre 2023L’exploitation artisanale de l’or fait vivre des centaines de milliers de personnes dans l’Est du pays […]

Goudhandel tussen Oost-Congo en Oeganda

3 mei 2021Dit rapport volgt de handel in ambachtelijk goud van de mijnsites in Ituri naar de raffinaderijen in het buitenland […]
"#;

fn parse(text: &str) -> Vec<ListingEntry> {
    match parse_listing(text) {
        Ok(entries) => entries,
        Err(err) => panic!("parse failed: {err}"),
    }
}

fn parse_err(text: &str) -> Error {
    match parse_listing(text) {
        Ok(entries) => panic!("expected an error, got {entries:?}"),
        Err(err) => err,
    }
}

fn titles(entries: &[ListingEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.title.as_str()).collect()
}

fn dates(entries: &[ListingEntry]) -> Vec<Option<&str>> {
    entries.iter().map(|e| e.date.as_deref()).collect()
}

fn languages(entries: &[ListingEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.language.as_str()).collect()
}

fn author(name: &str, affiliation: Option<&str>) -> ListedAuthor {
    ListedAuthor {
        name: name.to_string(),
        affiliation: affiliation.map(str::to_string),
    }
}

#[test]
fn real_sample_gives_seven_entries() {
    let entries = parse(SAMPLE);
    assert_eq!(
        titles(&entries),
        [
            "Advocating for an improved enabling environment for the production, trade and export of OECD Due Diligence Guidance (DDG)-conformant minerals from eastern DRC",
            "Madini – Conflict analysis and stakeholder mapping in the mining regions of South Kivu and Ituri",
            "Comparative analysis between cobalt and 3T sourcing from the DRC",
            "The EU Conflict Minerals Regulation: Implementation at the EU Member State level",
            "Initiatives en matière de ‘minerais de conflit’ en RD Congo: perceptions des communautés minières locales",
            "‘Conflict Minerals’ initiatives in DR Congo: Perceptions of local mining communities",
            "Mapping Conflict Motives: M23 (2012)",
        ]
    );
    assert_eq!(
        languages(&entries),
        ["en", "en", "en", "en", "fr", "en", "en"]
    );
    assert_eq!(
        dates(&entries),
        [None, None, None, None, None, None, Some("2012")]
    );
    let lines: Vec<u64> = entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [1, 5, 9, 13, 17, 21, 25]);
    assert!(entries
        .iter()
        .all(|e| e.summary_is_excerpt && e.authors.is_empty()));
    assert_eq!(
        entries[2].series.as_deref(),
        Some("IPIS Due Diligence series")
    );
    assert_eq!(entries[3].kind.as_deref(), Some("review_paper"));
    assert_eq!(entries[1].project_hint.as_deref(), Some("Madini"));
    let hints = entries.iter().filter(|e| e.project_hint.is_some()).count();
    let series = entries.iter().filter(|e| e.series.is_some()).count();
    let kinds = entries.iter().filter(|e| e.kind.is_some()).count();
    assert_eq!((hints, series, kinds), (1, 1, 1));
}

#[test]
fn real_sample_summaries_are_clean_excerpts() {
    let entries = parse(SAMPLE);
    let summary = |i: usize| entries[i].summary.as_deref().unwrap_or_default();
    assert!(summary(0).starts_with("As part of the Madini project, a review"));
    assert!(summary(0).ends_with("OECD-conformant sourcing of these minerals"));
    // Non-breaking spaces are folded into single spaces; curly quotes are kept.
    assert!(summary(1).contains("IPIS conducted a conflict sensitivity analysis"));
    assert!(summary(1).contains("‘conflict minerals’ is only a symptom. In South Kivu"));
    assert!(summary(1).ends_with("In South Kivu and Ituri,"));
    assert!(summary(4).starts_with("L’exploitation minière"));
    for entry in &entries {
        let text = entry.summary.as_deref().unwrap_or_default();
        assert!(!text.contains('…') && !text.contains('\u{a0}') && !text.contains("  "));
        assert!(!text.contains('\n'), "one paragraph each: {text}");
    }
}

#[test]
fn layout_a_title_blank_summary_with_each_excerpt_marker() {
    let entries = parse(LAYOUT_A);
    assert_eq!(
        titles(&entries),
        [
            "Armed groups and roadblocks in eastern DRC",
            "Gold from the Great Lakes region",
            "Responsible sourcing of cobalt",
            "Women in artisanal mining",
        ]
    );
    let kinds: Vec<_> = entries.iter().map(|e| e.kind.as_deref()).collect();
    assert_eq!(
        kinds,
        [
            Some("briefing"),
            Some("story_map"),
            Some("policy_brief"),
            None
        ]
    );
    assert_eq!(
        entries[3].series.as_deref(),
        Some("Sustainable Mining Series")
    );
    let excerpts: Vec<bool> = entries.iter().map(|e| e.summary_is_excerpt).collect();
    assert_eq!(excerpts, [true, true, true, false]);
    assert!(entries[0]
        .summary
        .as_deref()
        .is_some_and(|s| s.ends_with("main sources of revenue for")));
    assert!(entries[1]
        .summary
        .as_deref()
        .is_some_and(|s| s.ends_with("Bukavu and Kampala")));
    assert_eq!(
        entries[2].summary.as_deref(),
        Some(
            "Industrial cobalt production in Lualaba is expanding quickly.\n\nArtisanal miners, \
             however, remain largely excluded from the formal supply chains, and the risks for"
        )
    );
    assert_eq!(
        entries[3].summary.as_deref(),
        Some(
            "Women make up a large share of the workforce at artisanal mine sites. This paper \
             looks at the roles they take on and at the barriers they face."
        )
    );
    assert!(entries
        .iter()
        .all(|e| e.date.is_none() && e.language == "en"));
}

#[test]
fn layout_b_byline_authors_affiliations_and_empty_slots() {
    let entries = parse(LAYOUT_B);
    assert_eq!(entries.len(), 3);
    assert_eq!(
        entries[0].authors,
        [
            author("Ana Kiza", None),
            author("Jean-Paul Lonema", Some("IMPACT"))
        ]
    );
    assert_eq!(
        entries[0].title,
        "Conflict analysis of the mining sector in Ituri"
    );
    // `- | 22 décembre 2023`: no author at all.
    assert!(entries[1].authors.is_empty());
    assert_eq!(entries[1].kind.as_deref(), Some("report"));
    assert_eq!(
        entries[1].title,
        "Cartographie des sites miniers artisanaux au Sud-Kivu"
    );
    // An empty slot between commas is dropped; a comma inside parentheses is kept.
    assert_eq!(
        entries[2].authors,
        [
            author("Marie Tshibanda", None),
            author("Koen Verhoeven", Some("IPIS, Antwerp"))
        ]
    );
    assert!(entries[2]
        .summary
        .as_deref()
        .is_some_and(|s| s.starts_with("The OECD Due Diligence")));
    assert_eq!(
        dates(&entries),
        [Some("2022-03-01"), Some("2023-12-22"), Some("2022-03-01")]
    );
    assert_eq!(languages(&entries), ["en", "fr", "en"]);
    assert_eq!(
        entries.iter().map(|e| e.line).collect::<Vec<_>>(),
        [1, 6, 11]
    );
}

#[test]
fn layout_b_bylines_without_authors_or_date() {
    let text = "First title\n-   |   March 1, 2022\n\nFirst summary.\n\n\
                Second title\n- Ana Kiza and Ben Mulumba & Chloé Janssens |\n\nSecond summary.\n";
    let entries = parse(text);
    assert_eq!(titles(&entries), ["First title", "Second title"]);
    assert!(entries[0].authors.is_empty());
    assert_eq!(dates(&entries), [Some("2022-03-01"), None]);
    let names: Vec<&str> = entries[1].authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Ana Kiza", "Ben Mulumba", "Chloé Janssens"]);
}

#[test]
fn layout_c_date_alone_on_a_line() {
    let entries = parse(LAYOUT_C);
    assert_eq!(
        titles(&entries),
        [
            "Mining sites in eastern DRC: 2023 update",
            "Les taxes illégales sur les routes du Nord-Kivu",
            "Ambachtelijke mijnbouw in Oost-Congo",
            "Cobalt prices and artisanal miners",
        ]
    );
    let kinds: Vec<_> = entries
        .iter()
        .map(|e| e.kind.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["map", "working_paper", "factsheet", "briefing"]);
    assert_eq!(
        dates(&entries),
        [
            Some("2023-04-14"),
            Some("2022-03-01"),
            Some("2021-05"),
            Some("2022-03")
        ]
    );
    assert_eq!(languages(&entries), ["en", "fr", "nl", "en"]);
    let excerpts: Vec<bool> = entries.iter().map(|e| e.summary_is_excerpt).collect();
    assert_eq!(excerpts, [true, true, true, false]);
    assert!(entries[2]
        .summary
        .as_deref()
        .is_some_and(|s| s.ends_with("voor de mensenrechten")));
}

#[test]
fn layout_d_date_glued_to_summary() {
    let entries = parse(LAYOUT_D);
    assert_eq!(
        titles(&entries),
        [
            "Gold trade between eastern DRC and Uganda",
            "L’or artisanal dans l’Est de la RDC",
            "Goudhandel tussen Oost-Congo en Oeganda",
        ]
    );
    assert_eq!(
        dates(&entries),
        [Some("2023-04-14"), Some("2023-12-22"), Some("2021-05-03")]
    );
    assert_eq!(languages(&entries), ["en", "fr", "nl"]);
    assert!(entries[0]
        .summary
        .as_deref()
        .is_some_and(|s| s.starts_with("This report traces")));
    assert!(entries[1]
        .summary
        .as_deref()
        .is_some_and(|s| s.starts_with("L’exploitation")));
    assert!(entries[2]
        .summary
        .as_deref()
        .is_some_and(|s| s.starts_with("Dit rapport")));
}

#[test]
fn glued_date_needs_glue_or_separator() {
    let text = "A title\n\nMarch 2022 saw a sharp drop in cobalt prices.\n\n\
                Another title\n\n1 March 2022 – The price of cobalt fell.\n";
    let entries = parse(text);
    assert_eq!(entries[0].date, None);
    assert!(entries[0]
        .summary
        .as_deref()
        .is_some_and(|s| s.starts_with("March 2022 saw")));
    assert_eq!(entries[1].date.as_deref(), Some("2022-03-01"));
    assert_eq!(
        entries[1].summary.as_deref(),
        Some("The price of cobalt fell.")
    );
}

#[test]
fn english_dates() {
    for (text, want) in [
        ("March 1, 2022", "2022-03-01"),
        ("1 March 2022", "2022-03-01"),
        ("Mar 1, 2022", "2022-03-01"),
        ("Mar. 1 2022", "2022-03-01"),
        ("1st March 2022", "2022-03-01"),
        ("September 30, 2019", "2019-09-30"),
        ("Sept 3, 2019", "2019-09-03"),
        ("March 2022", "2022-03"),
        ("Dec. 2021", "2021-12"),
        ("2022-03-01", "2022-03-01"),
        ("2012", "2012"),
    ] {
        assert_eq!(parse_date(text).as_deref(), Some(want), "{text}");
    }
    let entries = parse("A title\n- Ana Kiza | Feb 29, 2024\n\nSummary.");
    assert_eq!(entries[0].date.as_deref(), Some("2024-02-29"));
}

#[test]
fn french_dates() {
    for (text, want) in [
        ("22 décembre 2023", "2023-12-22"),
        ("22 decembre 2023", "2023-12-22"),
        ("22 Décembre 2023", "2023-12-22"),
        ("1er mars 2022", "2022-03-01"),
        ("1 mars 2022", "2022-03-01"),
        ("15 août 2020", "2020-08-15"),
        ("3 févr. 2021", "2021-02-03"),
        ("mars 2022", "2022-03"),
        ("juillet 2019", "2019-07"),
    ] {
        assert_eq!(parse_date(text).as_deref(), Some(want), "{text}");
    }
    let entries = parse("Un titre\n\n22 décembre 2023\n\nLe rapport est publié.");
    assert_eq!(entries[0].date.as_deref(), Some("2023-12-22"));
    assert_eq!(entries[0].language, "fr");
}

#[test]
fn dutch_dates() {
    for (text, want) in [
        ("14 april 2023", "2023-04-14"),
        ("3 mei 2021", "2021-05-03"),
        ("1 maart 2022", "2022-03-01"),
        ("12 okt. 2020", "2020-10-12"),
        ("mei 2021", "2021-05"),
        ("augustus 2018", "2018-08"),
    ] {
        assert_eq!(parse_date(text).as_deref(), Some(want), "{text}");
    }
    let entries =
        parse("Een titel\n- Jan Peeters | 3 mei 2021\n\nDit is het rapport van de onderzoekers.");
    assert_eq!(entries[0].date.as_deref(), Some("2021-05-03"));
    assert_eq!(entries[0].language, "nl");
}

#[test]
fn impossible_or_foreign_dates_are_not_dates() {
    for text in [
        "February 30, 2022",
        "13 mars",
        "Marchés 2022",
        "2022-13-01",
        "March 1, 20222",
        "32 May 2020",
        "0999",
        "2007-2010",
        "",
    ] {
        assert_eq!(parse_date(text), None, "{text}");
    }
}

#[test]
fn year_in_title_only_when_no_other_date() {
    let entries = parse("Mapping Conflict Motives: M23 (2012)\n\nAn update.\n\n\
                         Mapping Conflict Motives: Eastern DRC (2007)\n- | 1 March 2008\n\nAn analysis.\n\n\
                         Roadblocks (March 2017)\n\nA study.");
    assert_eq!(
        dates(&entries),
        [Some("2012"), Some("2008-03-01"), Some("2017-03")]
    );
    assert_eq!(entries[0].title, "Mapping Conflict Motives: M23 (2012)");
}

#[test]
fn title_prefix_rules() {
    let cases = [
        (
            "IPIS Due Diligence series – Cobalt",
            "Cobalt",
            Some("IPIS Due Diligence series"),
            None,
            None,
        ),
        (
            "Insights Series - Gold",
            "Gold",
            Some("Insights Series"),
            None,
            None,
        ),
        (
            "Review paper — The EU Regulation",
            "The EU Regulation",
            None,
            Some("review_paper"),
            None,
        ),
        (
            "Report - Roadblocks",
            "Roadblocks",
            None,
            Some("report"),
            None,
        ),
        ("Story map – Gold", "Gold", None, Some("story_map"), None),
        ("Map – Mine sites", "Mine sites", None, Some("map"), None),
        (
            "Working paper – Taxes",
            "Taxes",
            None,
            Some("working_paper"),
            None,
        ),
        (
            "Madini – Conflict analysis",
            "Madini – Conflict analysis",
            None,
            None,
            Some("Madini"),
        ),
        (
            "Gold in Ituri - an overview",
            "Gold in Ituri - an overview",
            None,
            None,
            None,
        ),
        (
            "madini – lower case",
            "madini – lower case",
            None,
            None,
            None,
        ),
        ("Mid-term review", "Mid-term review", None, None, None),
        (
            "Cobalt series – Briefing – Prices",
            "Prices",
            Some("Cobalt series"),
            Some("briefing"),
            None,
        ),
    ];
    for (raw, title, series, kind, hint) in cases {
        let (t, s, k, h) = split_title(raw);
        assert_eq!(
            (t.as_str(), s.as_deref(), k.as_deref(), h.as_deref()),
            (title, series, kind, hint),
            "{raw}"
        );
    }
}

#[test]
fn crlf_bom_and_messy_whitespace_parse_like_clean_text() {
    for fixture in [SAMPLE, LAYOUT_A, LAYOUT_B, LAYOUT_C, LAYOUT_D] {
        let clean = parse(fixture);
        let crlf = format!("\u{feff}{}", fixture.replace('\n', "\r\n"));
        assert_eq!(parse(&crlf), clean, "CRLF + BOM");
        let messy: String = fixture
            .trim_end()
            .lines()
            .map(|line| {
                let line = line.replace(' ', "\u{a0}").replacen('\u{a0}', "\t", 1);
                if line.is_empty() {
                    "  \t\n\u{a0}\n".to_string()
                } else {
                    format!(" {line}  \n")
                }
            })
            .collect();
        let mut messy_entries = parse(messy.trim_end_matches('\n'));
        for (entry, want) in messy_entries.iter_mut().zip(&clean) {
            entry.line = want.line;
        }
        assert_eq!(
            messy_entries, clean,
            "tabs, NBSP, extra blank lines, no final newline"
        );
    }
}

#[test]
fn lone_carriage_returns_and_curly_quotes() {
    let entries = parse("“Conflict gold” in Ituri\r\r“It is a symptom,” the report says.\r");
    assert_eq!(titles(&entries), ["“Conflict gold” in Ituri"]);
    assert_eq!(
        entries[0].summary.as_deref(),
        Some("“It is a symptom,” the report says.")
    );
}

#[test]
fn summaries_span_paragraphs_until_the_next_title() {
    let text = "First report\n\nParagraph one.\n\nParagraph two, still the\nsame entry.\n\n\
                Second report\n\nOnly paragraph.\n\n\n\nThird report\n- | mars 2022";
    let entries = parse(text);
    assert_eq!(
        titles(&entries),
        ["First report", "Second report", "Third report"]
    );
    assert_eq!(
        entries[0].summary.as_deref(),
        Some("Paragraph one.\n\nParagraph two, still the same entry.")
    );
    assert_eq!(entries[2].summary, None);
    assert_eq!(entries[2].date.as_deref(), Some("2022-03"));
    assert_eq!(entries[2].line, 14);
}

#[test]
fn long_line_after_a_finished_summary_is_still_a_title_after_an_excerpt() {
    let long = "A very long title ".repeat(15);
    let text = format!("Short title\n\nSummary […]\n\n{long}\n\nNext summary.");
    let entries = parse(&text);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].title, long.trim());
}

#[test]
fn a_byline_marks_even_a_long_title() {
    let long = format!(
        "{}in eastern DRC, 2015–2020.",
        "Artisanal mining ".repeat(14)
    );
    let text =
        format!("First title\n\nA finished summary.\n\n{long}\n- Ana Kiza | 2021\n\nSummary.");
    let entries = parse(&text);
    assert_eq!(titles(&entries), ["First title", long.as_str()]);
    assert_eq!(entries[1].date.as_deref(), Some("2021"));
    assert_eq!(entries[1].authors, [author("Ana Kiza", None)]);
}

#[test]
fn an_entry_without_summary_before_a_dated_entry() {
    let text = "Map – Mine sites in Ituri\n\nStory map\u{a0}– Gold\n\nMarch 2022\n\nA story. […]\n";
    let entries = parse(text);
    assert_eq!(titles(&entries), ["Mine sites in Ituri", "Gold"]);
    assert_eq!(entries[0].summary, None);
    assert_eq!(entries[1].kind.as_deref(), Some("story_map"));
    assert_eq!(entries[1].date.as_deref(), Some("2022-03"));
    assert_eq!(entries[1].summary.as_deref(), Some("A story."));
}

#[test]
fn empty_listing_is_a_parse_error_at_line_one() {
    for text in ["", "   ", "\n\n\r\n", "\u{feff}", "\u{feff}\u{a0}\t\n \n"] {
        let err = parse_err(text);
        assert_eq!(err.kind(), ErrorKind::Parse);
        let position = err.position().cloned().unwrap_or_default();
        assert_eq!(position.line, Some(1), "{text:?}");
        assert!(err.to_string().contains("empty"));
    }
}

#[test]
fn unreadable_byline_date_names_line_and_field() {
    let text = "First title\n\nFirst summary [...]\n\nSecond title\n- Ana Kiza | Marhc 1, 2022\n\nSummary.";
    let err = parse_err(text);
    assert_eq!(err.kind(), ErrorKind::Parse);
    let position = err.position().cloned().unwrap_or_default();
    assert_eq!(position.line, Some(6));
    assert_eq!(position.record, Some(2));
    assert_eq!(position.field.as_deref(), Some("date"));
    assert!(err.to_string().contains("Marhc 1, 2022"));
}

#[test]
fn detects_languages_by_stop_words() {
    assert_eq!(detect_language(""), "en");
    assert_eq!(
        detect_language("Mapping Conflict Motives: M23 (2012)"),
        "en"
    );
    assert_eq!(
        detect_language("Initiatives en matière de ‘minerais de conflit’ en RD Congo"),
        "fr"
    );
    assert_eq!(
        detect_language("De handel in goud tussen Congo en Oeganda"),
        "nl"
    );
    assert_eq!(
        detect_language("The trade in gold between Congo and Uganda"),
        "en"
    );
}

#[test]
fn entries_serialise_to_json() {
    let entries = parse(LAYOUT_B);
    let json = match serde_json::to_value(&entries[0]) {
        Ok(json) => json,
        Err(err) => panic!("{err}"),
    };
    assert_eq!(json["date"], "2022-03-01");
    assert_eq!(json["authors"][1]["affiliation"], "IMPACT");
    assert_eq!(json["summary_is_excerpt"], true);
    assert_eq!(json["project_hint"], serde_json::Value::Null);
}

fn assert_no_panic(text: &str) {
    match std::panic::catch_unwind(|| parse_listing(text)) {
        Ok(Ok(_)) => {}
        Ok(Err(err)) => assert_eq!(err.kind(), ErrorKind::Parse, "{text:?}"),
        Err(_) => panic!("parse_listing panicked on {text:?}"),
    }
}

#[test]
fn every_truncation_of_the_fixtures_parses_or_errs() {
    let ends = |text: &'static str| text.char_indices().map(|(at, _)| at).chain([text.len()]);
    for at in ends(SAMPLE) {
        assert_no_panic(&SAMPLE[..at]);
        assert_no_panic(&SAMPLE[at..]);
    }
    for fixture in [LAYOUT_A, LAYOUT_B, LAYOUT_C, LAYOUT_D] {
        for at in ends(fixture) {
            assert_no_panic(&fixture[..at]);
        }
    }
}

/// xorshift64*: deterministic pseudo-random numbers without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2_000 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() >> 24) as u8).collect();
        assert_no_panic(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_listing_like_text_never_panics() {
    const PIECES: [&str; 32] = [
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\t",
        "\u{a0}",
        "\u{feff}",
        "–",
        " - ",
        "—",
        "|",
        "- ",
        "[…]",
        "[...]",
        "…",
        ".",
        ",",
        "(",
        ")",
        "March",
        "mars",
        "1er",
        "31",
        "2022",
        "1 March 2022",
        "Review paper – ",
        "Madini – ",
        "series – ",
        "Title",
        "é",
        "the report",
        "de la",
    ];
    let mut rng = Rng(42);
    for _ in 0..2_000 {
        let text: String = (0..rng.below(40))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        assert_no_panic(&text);
    }
}

#[test]
fn stop_words_are_sorted_and_unique() {
    for words in STOP_WORDS {
        assert!(words.windows(2).all(|pair| pair[0] < pair[1]), "{words:?}");
    }
}
