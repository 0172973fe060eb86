//! Search as you type (`Catalog::type_ahead`): completions, hits that agree with `search` on
//! the completed text, both orders, filters, the language preference, refusals and hostile
//! input. Speed is measured by the benchmark (`scripts/bench`, cases `typeahead/...`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::Format;
use pubcat::query::{Facet, Query, Sort, TypeAhead, COMPLETIONS, RANK_AT_MOST};
use pubcat::{Catalog, ErrorKind};

/// A generated catalogue (works in one or two languages, dated, with summaries and bodies).
fn generated(count: u64) -> Catalog {
    let mut jsonl = Vec::new();
    pubcat_generate::write_jsonl(
        &pubcat_generate::GenerateOptions { count, seed: 5 },
        &mut jsonl,
    )
    .unwrap();
    let c = Catalog::open_in_memory().unwrap();
    c.import_reader(jsonl.as_slice(), Format::Jsonl, &mut |_| {})
        .unwrap();
    c
}

/// Every concept label of `c` that is not ambiguous, folded as the index folds words (lower case, no accents,
/// tokens joined by single spaces).
fn label_keys(c: &Catalog) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    fn walk(nodes: &[pubcat::model::ConceptNode], out: &mut Vec<String>) {
        for node in nodes {
            let concept = &node.concept;
            let texts = concept
                .labels
                .values()
                .chain(concept.alt_labels.iter().map(|l| &l.label));
            // Ambiguous labels (French `or`) are searched as words.
            let ambiguous: Vec<&String> = concept.ambiguous.iter().map(|l| &l.label).collect();
            for text in texts.filter(|t| !ambiguous.contains(t)) {
                let folded: String = text
                    .nfd()
                    .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                    .flat_map(char::to_lowercase)
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                out.push(folded.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            walk(&node.narrower, out);
        }
    }
    let mut out = Vec::new();
    walk(&c.concepts(None).unwrap(), &mut out);
    out
}

/// The text `type_ahead` searches for `head` and its completions: each completion as
/// written (quoted, so that search does not expand it), except a concept's label, which
/// type-ahead expands as search expands typed words (unquoted).
fn completed(c: &Catalog, head: &str, typed: &TypeAhead) -> String {
    let labels = label_keys(c);
    let alternatives: Vec<String> = typed
        .completions
        .iter()
        .map(|c| {
            if labels.contains(&c.word) {
                c.word.clone()
            } else {
                format!("\"{}\"", c.word)
            }
        })
        .collect();
    format!("{head}{}", alternatives.join(" OR "))
}

fn uids(hits: &[pubcat::query::Hit]) -> Vec<String> {
    hits.iter().map(|h| h.uid.clone()).collect()
}

#[test]
fn completions_are_index_words_with_the_prefix_most_frequent_first() {
    let c = generated(3000);
    for prefix in ["m", "mi", "min", "g", "ko", "s"] {
        let typed = c.type_ahead(&Query::text(prefix)).unwrap();
        assert!(!typed.completions.is_empty(), "{prefix}");
        assert!(typed.completions.len() <= COMPLETIONS);
        for pair in typed.completions.windows(2) {
            assert!(
                pair[0].publications >= pair[1].publications,
                "{prefix}: {pair:?}"
            );
        }
        for completion in &typed.completions {
            assert!(completion.word.starts_with(prefix), "{completion:?}");
            // The count is the number of publications the word finds on its own.
            let page = c
                .search(&Query {
                    text: Some(format!("\"{}\"", completion.word)),
                    limit: Some(0),
                    ..Query::default()
                })
                .unwrap();
            assert!(page.total >= completion.publications, "{completion:?}");
        }
    }
}

#[test]
fn hits_are_the_first_page_of_search_on_the_completed_text_in_the_order_it_says() {
    let c = generated(3000);
    // 3,000 publications never reach the ranking bound: lower it (for this thread) so that
    // frequent prefixes are answered most recently added first, as on a large catalogue.
    pubcat::query::set_rank_at_most(400.0);
    let mut orders = Vec::new();
    for text in [
        "m", "mi", "min", "mini", "gold ko", "cobalt s", "kon", "tin ro",
    ] {
        let typed = c.type_ahead(&Query::text(text)).unwrap();
        let head = &text[..text.rfind(' ').map_or(0, |i| i + 1)];
        let page = c
            .search(&Query {
                text: Some(completed(&c, head, &typed)),
                sort: Some(typed.order),
                ..Query::default()
            })
            .unwrap();
        assert_eq!(
            uids(&typed.hits),
            uids(&page.hits),
            "{text}: {:?}",
            typed.order
        );
        assert!(!typed.hits.is_empty(), "{text}");
        orders.push(typed.order);
    }
    // Frequent prefixes are answered added first, rare ones ranked.
    let few = c.type_ahead(&Query::text("kongol")).unwrap();
    assert_eq!(few.order, Sort::Relevance);
    assert!(orders.contains(&Sort::Added), "{orders:?}");
    assert!(orders.contains(&Sort::Relevance), "{orders:?}");
}

#[test]
fn the_added_first_order_needs_many_estimated_matches() {
    // 3,000 publications cannot reach the ranking bound: everything is ranked.
    const { assert!(RANK_AT_MOST > 3000.0) };
    let c = generated(3000);
    for text in ["m", "mi", "s", "gold ko"] {
        assert_eq!(
            c.type_ahead(&Query::text(text)).unwrap().order,
            Sort::Relevance
        );
    }
    // An explicit sort other than relevance is kept.
    let typed = c
        .type_ahead(&Query {
            text: Some("m".into()),
            sort: Some(Sort::Title),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(typed.order, Sort::Title);
    let titles: Vec<String> = typed.hits.iter().map(|h| h.title.to_lowercase()).collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

#[test]
fn filters_and_the_language_preference_hold() {
    let c = generated(3000);
    pubcat::query::set_rank_at_most(400.0);
    let french = c
        .type_ahead(&Query {
            text: Some("mi".into()),
            languages: vec!["fr".into()],
            limit: Some(50),
            ..Query::default()
        })
        .unwrap();
    assert!(!french.hits.is_empty());
    assert!(french.hits.iter().all(|h| h.language.starts_with("fr")));
    for sort in [None, Some(Sort::DateDesc), Some(Sort::Added)] {
        let typed = c
            .type_ahead(&Query {
                text: Some("m".into()),
                prefer_languages: vec!["fr".into(), "en".into()],
                sort,
                limit: Some(100),
                ..Query::default()
            })
            .unwrap();
        let mut works: Vec<&str> = typed.hits.iter().map(|h| h.work.as_str()).collect();
        let n = works.len();
        works.sort();
        works.dedup();
        assert_eq!(works.len(), n, "each work once");
        assert_eq!(n, 100);
        // Shown in French whenever a French version of the work matches too.
        let search = c
            .search(&Query {
                text: Some(completed(&c, "", &typed)),
                prefer_languages: vec!["fr".into(), "en".into()],
                limit: Some(1000),
                ..Query::default()
            })
            .unwrap();
        let mut hits = search.hits;
        let mut cursor = search.next_cursor;
        while let Some(next) = cursor {
            let page = c
                .search(&Query {
                    text: Some(completed(&c, "", &typed)),
                    prefer_languages: vec!["fr".into(), "en".into()],
                    limit: Some(1000),
                    cursor: Some(next),
                    ..Query::default()
                })
                .unwrap();
            hits.extend(page.hits);
            cursor = page.next_cursor;
        }
        for hit in &typed.hits {
            let chosen = hits.iter().find(|h| h.work == hit.work).unwrap();
            assert_eq!(chosen.uid, hit.uid, "{sort:?}: work {}", hit.work);
        }
    }
}

#[test]
fn a_word_without_completions_finds_nothing_and_a_finished_word_is_searched_as_is() {
    let c = generated(500);
    let typed = c.type_ahead(&Query::text("gold zzzzq")).unwrap();
    assert!(typed.completions.is_empty());
    assert!(typed.hits.is_empty());
    let finished = c.type_ahead(&Query::text("gold ")).unwrap();
    assert!(finished.completions.is_empty());
    let page = c.search(&Query::text("gold")).unwrap();
    assert_eq!(uids(&finished.hits), uids(&page.hits));
    let nothing = c.type_ahead(&Query::default()).unwrap();
    assert_eq!(nothing.order, Sort::DateDesc);
    assert_eq!(nothing.hits.len(), 20);
}

#[test]
fn a_place_typed_in_french_completes_and_finds_the_english_texts() {
    let c = Catalog::demo().unwrap();
    let typed = c.type_ahead(&Query::text("Sud-Ki")).unwrap();
    assert_eq!(typed.completions[0].word, "kivu");
    assert!(typed.hits.iter().any(|h| h.language == "en"), "{typed:?}");
    assert!(typed
        .hits
        .iter()
        .any(|h| h.matched_concepts.iter().any(|m| m.concept == "south-kivu")));
}

#[test]
fn cursors_facets_and_bad_values_are_refused_with_invalid_query() {
    let c = Catalog::demo().unwrap();
    for query in [
        Query {
            text: Some("co".into()),
            cursor: Some("00".into()),
            ..Query::default()
        },
        Query {
            text: Some("co".into()),
            facets: vec![Facet::Language],
            ..Query::default()
        },
        Query {
            text: Some("co".into()),
            limit: Some(-1),
            ..Query::default()
        },
        Query {
            text: Some("co".into()),
            languages: vec!["not a language!".into()],
            ..Query::default()
        },
    ] {
        let err = c.type_ahead(&query).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidQuery, "{query:?}: {err}");
    }
}

#[test]
fn hostile_text_never_errors() {
    let c = generated(300);
    let long = "m".repeat(100_000);
    for text in [
        "\"",
        "-",
        "***",
        "OR",
        "AND",
        "NEAR(",
        "don't",
        "multi-ag",
        "\"abc",
        "😀",
        "\u{0}",
        "a OR",
        "l'o",
        "é",
        "Ł",
        "(",
        ")",
        "col:x",
        long.as_str(),
    ] {
        c.type_ahead(&Query::text(text))
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

#[test]
fn words_written_after_the_word_list_was_read_complete_at_once() {
    let c = generated(500);
    // Reads the word list into memory.
    assert!(c
        .type_ahead(&Query::text("zebr"))
        .unwrap()
        .completions
        .is_empty());
    // One new publication: type-ahead keeps the list it has, and still finds the new word.
    let p = pubcat::model::Publication::new(
        "new-zebrafish",
        "en",
        "Zebrafish and tin",
        pubcat::model::Kind::Report,
    );
    c.upsert_publication(&p).unwrap();
    let typed = c.type_ahead(&Query::text("zebr")).unwrap();
    assert_eq!(typed.completions[0].word, "zebrafish");
    assert_eq!(typed.completions[0].publications, 1);
    assert_eq!(uids(&typed.hits), ["new-zebrafish"]);
    // Many changes: the list is read again, with the new words and counts.
    for i in 0..150 {
        let p = pubcat::model::Publication::new(
            format!("quokka-{i}"),
            "en",
            format!("Quokka report {i}"),
            pubcat::model::Kind::Report,
        );
        c.upsert_publication(&p).unwrap();
    }
    let typed = c.type_ahead(&Query::text("quo")).unwrap();
    assert_eq!(typed.completions[0].word, "quokka");
    assert_eq!(typed.completions[0].publications, 150);
    let zebra = c.type_ahead(&Query::text("zebr")).unwrap();
    assert_eq!(zebra.completions[0].publications, 1);
    // A deleted publication's words go with it.
    c.delete_publication("new-zebrafish").unwrap();
    let gone = c.type_ahead(&Query::text("zebr")).unwrap();
    assert!(gone.hits.is_empty(), "{gone:?}");
}
