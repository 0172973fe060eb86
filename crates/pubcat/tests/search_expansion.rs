//! Search across languages, inflections and typos (issue 14, items 3 and 4): a query word
//! that names a concept finds the concept's other labels and the publications tagged with it;
//! inflections match in English, French and Dutch; close words are suggested and, with
//! `fuzzy`, searched; series and project names are searchable. The user's syntax keeps its
//! meaning throughout.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use pubcat::model::*;
use pubcat::query::{Facet, Query, Sort};
use pubcat::Catalog;

fn publication(uid: &str, language: &str, title: &str, summary: &str) -> Publication {
    let mut p = Publication::new(uid, language, title, Kind::Report);
    if !summary.is_empty() {
        p.summary = Some(summary.to_owned());
    }
    p
}

/// A catalogue with the shipped vocabularies and untagged publications in four languages.
fn catalogue() -> Catalog {
    let c = Catalog::open_in_memory().unwrap();
    c.load_builtin_vocabularies().unwrap();
    for p in [
        publication(
            "sk-en",
            "en",
            "Roadblocks in South Kivu",
            "Armed groups tax traders.",
        ),
        publication(
            "sk-fr",
            "fr",
            "Les barrages routiers au Sud-Kivu",
            "Taxation illégale.",
        ),
        publication("sk-nl", "nl", "Wegversperringen in Zuid-Kivu", ""),
        publication("sk-sw", "sw", "Vizuizi vya barabarani Kivu Kusini", ""),
        publication(
            "it-en",
            "en",
            "Gold mining in Ituri",
            "A roadblock on every road.",
        ),
        publication(
            "or-fr",
            "fr",
            "L'exploitation de l'or à Mambasa",
            "Sites miniers et or.",
        ),
        publication(
            "nu-fr",
            "fr",
            "Or, la paix reste fragile",
            "Un dialogue politique.",
        ),
        publication(
            "car-en",
            "en",
            "Diamonds in the Central African Republic",
            "",
        ),
        publication(
            "car-fr",
            "fr",
            "Le diamant en République centrafricaine",
            "Les minerais.",
        ),
        publication(
            "co-en",
            "en",
            "Cobalt supply chains",
            "Copper and cobalt from Katanga.",
        ),
        publication(
            "mi-fr",
            "fr",
            "Le minerai et la fraude",
            "Un minerai exporté.",
        ),
    ] {
        c.upsert_publication(&p).unwrap();
    }
    c
}

fn uids(c: &Catalog, q: &Query) -> BTreeSet<String> {
    let mut q = q.clone();
    q.limit = Some(1000);
    c.search(&q)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.uid)
        .collect()
}

fn text(c: &Catalog, text: &str) -> BTreeSet<String> {
    uids(c, &Query::text(text))
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn every_label_of_a_place_finds_the_same_works_in_every_language() {
    let c = catalogue();
    let expected = set(&["sk-en", "sk-fr", "sk-nl", "sk-sw"]);
    for query in [
        "Sud-Kivu",
        "South Kivu",
        "Zuid-Kivu",
        "Kivu Kusini",
        "sud kivu",
        "SOUTH KIVU",
    ] {
        assert_eq!(text(&c, query), expected, "{query}");
    }
    // The same once the publications are tagged (the labels are then also indexed).
    c.tag_automatically().unwrap();
    for query in ["Sud-Kivu", "South Kivu", "Zuid-Kivu", "Kivu Kusini"] {
        assert_eq!(text(&c, query), expected, "{query}");
    }
    // A country by its French short name, which no text uses.
    assert_eq!(text(&c, "Centrafrique"), set(&["car-en", "car-fr"]));
}

#[test]
fn hits_say_which_concept_they_matched_through() {
    let c = catalogue();
    let q = Query {
        text: Some("Sud-Kivu".into()),
        prefer_languages: vec!["fr".into()],
        limit: Some(10),
        ..Query::default()
    };
    let page = c.search(&q).unwrap();
    let english = page.hits.iter().find(|h| h.uid == "sk-en").unwrap();
    assert_eq!(english.matched_concepts.len(), 1);
    let why = &english.matched_concepts[0];
    assert_eq!(why.concept, "south-kivu");
    assert_eq!(why.query, "Sud-Kivu");
    assert_eq!(why.label, "Sud-Kivu"); // the reader prefers French
    assert_eq!(why.found.as_deref(), Some("South Kivu"));
    // Tagged: the label found by tagging.
    c.tag_automatically().unwrap();
    let page = c.search(&Query::text("Zuid-Kivu")).unwrap();
    let swahili = page.hits.iter().find(|h| h.uid == "sk-sw").unwrap();
    assert_eq!(
        swahili.matched_concepts[0].found.as_deref(),
        Some("Kivu Kusini")
    );
    assert_eq!(swahili.matched_concepts[0].label, "Kivu Kusini"); // its own language
                                                                  // A word that names no concept: no reasons.
    let page = c.search(&Query::text("traders")).unwrap();
    assert!(page.hits.iter().all(|h| h.matched_concepts.is_empty()));
}

#[test]
fn the_users_syntax_keeps_its_meaning() {
    let c = catalogue();
    // AND with another word.
    assert_eq!(text(&c, "Sud-Kivu taxation"), set(&["sk-fr"]));
    // Exclusion of a concept excludes its other labels and the word's inflections.
    assert_eq!(text(&c, "Kivu -Sud-Kivu"), set(&[]));
    assert_eq!(text(&c, "road -roadblocks"), set(&[]));
    // OR groups.
    assert_eq!(
        text(&c, "Zuid-Kivu OR Centrafrique"),
        set(&["sk-en", "sk-fr", "sk-nl", "sk-sw", "car-en", "car-fr"])
    );
    // Quotes turn expansion off: the exact phrase and the exact word.
    assert_eq!(text(&c, "\"Sud-Kivu\""), set(&["sk-fr"]));
    assert_eq!(text(&c, "\"roadblocks\""), set(&["sk-en"]));
    // A prefix is searched as typed.
    assert_eq!(text(&c, "Zuid*"), set(&["sk-nl"]));
    // Only exclusions: everything else.
    let rest = text(&c, "-Sud-Kivu");
    assert!(!rest.contains("sk-en") && !rest.contains("sk-sw") && rest.contains("co-en"));
}

#[test]
fn inflections_match_in_english_french_and_dutch() {
    let c = catalogue();
    // `roadblock` is also a label of the theme: its French and Dutch labels match too.
    assert_eq!(
        text(&c, "roadblock"),
        set(&["sk-en", "it-en", "sk-fr", "sk-nl"])
    );
    assert_eq!(text(&c, "roadblocks"), text(&c, "roadblock"));
    assert_eq!(text(&c, "minerais"), set(&["car-fr", "mi-fr"]));
    assert_eq!(text(&c, "minerai"), text(&c, "minerais"));
    assert_eq!(text(&c, "diamonds"), text(&c, "diamond"));
    assert!(text(&c, "diamond").contains("car-en"));
}

#[test]
fn the_ambiguous_french_or_means_gold_only_alone() {
    let c = catalogue();
    c.upsert_publication(&publication("go-en", "en", "Gold exports", ""))
        .unwrap();
    let alone = text(&c, "or");
    assert!(alone.contains("go-en") && alone.contains("it-en") && alone.contains("or-fr"));
    // The conjunction text matches the word, not the concept: no reason given.
    let page = c.search(&Query::text("or")).unwrap();
    let conjunction = page.hits.iter().find(|h| h.uid == "nu-fr").unwrap();
    assert!(conjunction.matched_concepts.is_empty());
    let english = page.hits.iter().find(|h| h.uid == "go-en").unwrap();
    assert_eq!(english.matched_concepts[0].found.as_deref(), Some("Gold"));
    // Not expanded next to other words: `or` is then just the word.
    assert_eq!(text(&c, "or Mambasa"), set(&["or-fr"]));
    // `gold` never adds the ambiguous `or`: the French text where `or` means "now" is out.
    assert!(!text(&c, "gold").contains("nu-fr"));
    c.tag_automatically().unwrap();
    let concepts = |uid: &str| -> Vec<String> {
        c.publication(uid)
            .unwrap()
            .concepts
            .into_iter()
            .map(|c| c.uid)
            .collect()
    };
    assert!(!concepts("nu-fr").contains(&"gold".to_owned()));
    assert!(!text(&c, "gold").contains("nu-fr"));
}

#[test]
fn close_words_are_suggested_and_searched_when_fuzzy() {
    let c = catalogue();
    let page = c.search(&Query::text("cobolt")).unwrap();
    assert_eq!(page.total, 0);
    assert_eq!(page.suggestions, ["cobalt"]);
    let fuzzy = Query {
        text: Some("cobolt".into()),
        fuzzy: true,
        ..Query::default()
    };
    assert_eq!(uids(&c, &fuzzy), set(&["co-en"]));
    let page = c.search(&Query::text("Mambassa")).unwrap();
    assert_eq!(page.suggestions, ["Mambasa"]); // cased as typed
                                               // Well-represented and short words get none.
    assert!(c
        .search(&Query::text("cobalt"))
        .unwrap()
        .suggestions
        .is_empty());
    assert!(c.search(&Query::text("xq")).unwrap().suggestions.is_empty());
    // Quoted words are exact: no suggestion needed, none searched.
    let quoted = Query {
        text: Some("\"cobolt\"".into()),
        fuzzy: true,
        ..Query::default()
    };
    assert!(uids(&c, &quoted).is_empty());
}

/// Expansion keeps what it works out for a word per catalogue version: the same search again
/// expands as the first did (cased as typed each time), and a write makes it work it out
/// again from the new index.
#[test]
fn a_repeated_search_expands_like_the_first_until_the_catalogue_changes() {
    let c = catalogue();
    // An excluded word gets no suggestion, and what is kept of it does not keep the next
    // search from suggesting.
    let excluded = c.search(&Query::text("gold -cobolt")).unwrap();
    assert!(
        excluded.suggestions.is_empty(),
        "{:?}",
        excluded.suggestions
    );
    let first = c.search(&Query::text("cobolt")).unwrap();
    let again = c.search(&Query::text("cobolt")).unwrap();
    assert_eq!(first.suggestions, ["cobalt"]);
    assert_eq!(again.suggestions, first.suggestions);
    let shouted = c.search(&Query::text("COBOLT")).unwrap();
    assert_eq!(shouted.suggestions, ["COBALT"]);
    // The expression the search matches names no inflection of `warehouse` yet.
    let warehouse = Query::text("warehouse");
    let before = c.fts_expression(&warehouse).unwrap().unwrap();
    assert_eq!(before, "\"warehouse\"");
    // Twelve publications now write `cobolt` (so it is no longer rare), one `warehouses`.
    for i in 0..12 {
        let uid = format!("cobolt-{i}");
        c.upsert_publication(&publication(&uid, "en", "Cobolt mining", ""))
            .unwrap();
    }
    c.upsert_publication(&publication("wh-en", "en", "The warehouses of Goma", ""))
        .unwrap();
    let after = c.search(&Query::text("cobolt")).unwrap();
    assert_eq!(after.total, 12);
    assert!(after.suggestions.is_empty(), "{:?}", after.suggestions);
    let expression = c.fts_expression(&warehouse).unwrap().unwrap();
    assert!(expression.contains("\"warehouses\""), "{expression}");
    assert_eq!(uids(&c, &warehouse), set(&["wh-en"]));
}

#[test]
fn series_and_project_names_are_searchable_and_follow_renames() {
    let dir = std::env::temp_dir().join(format!("pubcat-expansion-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("series.db");
    let _ = std::fs::remove_file(&path);
    let c = Catalog::open(&path).unwrap();
    for uid in ["mi-fr", "co-en"] {
        let p = catalogue().publication_as_written(uid).unwrap();
        c.upsert_publication(&p).unwrap();
    }
    c.upsert_series(&Series::new("rm", "Rapport de monitoring"))
        .unwrap();
    let mut project = Project::new("madini", "Responsible sourcing in eastern DRC");
    project.acronym = Some("Madini".into());
    c.upsert_project(&project).unwrap();
    let mut p = c.publication_as_written("mi-fr").unwrap();
    p.series = Some("rm".into());
    p.projects = vec!["madini".into()];
    c.upsert_publication(&p).unwrap();
    assert_eq!(text(&c, "\"rapport de monitoring\""), set(&["mi-fr"]));
    assert_eq!(text(&c, "Madini"), set(&["mi-fr"]));
    c.upsert_series(&Series::new("rm", "Bulletin trimestriel"))
        .unwrap();
    assert!(text(&c, "\"rapport de monitoring\"").is_empty());
    assert_eq!(text(&c, "trimestriel"), set(&["mi-fr"]));
    c.delete_project("madini").unwrap();
    assert!(text(&c, "Madini").is_empty());
    c.close().unwrap();
    let report = Catalog::check_file(&path, true).unwrap();
    assert!(report.ok(), "the index follows the changes: {report:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn expansion_works_with_filters_facets_preferences_and_cursors() {
    let c = catalogue();
    c.tag_automatically().unwrap();
    c.link_translation("sk-en", "sk-fr").unwrap();
    let q = Query {
        text: Some("Kivu Kusini".into()),
        languages: vec!["en".into(), "fr".into(), "nl".into()],
        facets: vec![Facet::Language, Facet::Place],
        ..Query::default()
    };
    let page = c.search(&q).unwrap();
    assert_eq!(page.total, 3);
    let places = &page.facets["place"];
    assert!(places
        .iter()
        .any(|f| f.value == "south-kivu" && f.count == 3));
    // Each work once, in the reader's language.
    let q = Query {
        text: Some("South Kivu".into()),
        prefer_languages: vec!["fr".into()],
        ..Query::default()
    };
    let hits = uids(&c, &q);
    assert!(hits.contains("sk-fr") && !hits.contains("sk-en"));
    // Pages of one, every sort: all four, each once.
    for sort in [Sort::Relevance, Sort::DateDesc, Sort::Title] {
        let mut q = Query {
            text: Some("Sud-Kivu".into()),
            sort: Some(sort),
            limit: Some(1),
            ..Query::default()
        };
        let mut seen = Vec::new();
        loop {
            let page = c.search(&q).unwrap();
            seen.extend(page.hits.iter().map(|h| h.uid.clone()));
            match page.next_cursor {
                Some(next) => q.cursor = Some(next),
                None => break,
            }
        }
        seen.sort();
        assert_eq!(seen, ["sk-en", "sk-fr", "sk-nl", "sk-sw"], "{sort:?}");
    }
}

#[test]
fn hostile_queries_stay_safe_when_expanded() {
    let c = catalogue();
    for q in [
        "Sud-Kivu\" OR \"x",
        "NEAR(Sud-Kivu) AND -",
        "South Kivu Kivu Kusini Zuid-Kivu Sud-Kivu -South -Kivu",
        "cobolt* \"cobolt",
        "or OR or -or",
        &"Kivu ".repeat(200),
    ] {
        for fuzzy in [false, true] {
            let query = Query {
                text: Some(q.to_owned()),
                fuzzy,
                ..Query::default()
            };
            c.search(&query).unwrap_or_else(|e| panic!("{q}: {e}"));
        }
    }
}

#[test]
fn the_first_searches_after_a_change_find_what_later_ones_do() {
    // The first searches of a catalogue version look index words up in the index, later
    // ones in the list read into memory: both give the same pages.
    let c = catalogue();
    for text in ["roadblock", "minerais", "cobolt", "Sud-Kivu"] {
        let fuzzy = Query {
            text: Some(text.into()),
            fuzzy: true,
            ..Query::default()
        };
        c.upsert_publication(&publication("touch", "en", "A change", ""))
            .unwrap();
        let pages: Vec<_> = (0..5).map(|_| c.search(&fuzzy).unwrap()).collect();
        assert!(pages.windows(2).all(|w| w[0] == w[1]), "{text}");
        c.delete_publication("touch").unwrap();
    }
}
