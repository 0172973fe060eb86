//! Automatic tagging next to curated tags: a re-run that finds nothing new writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::model::{Kind, Publication};
use pubcat::{Catalog, TaggingSummary};

fn unchanged(publications: u64) -> TaggingSummary {
    TaggingSummary {
        publications,
        ..TaggingSummary::default()
    }
}

#[test]
fn a_curated_tag_on_a_concept_the_text_names_keeps_reruns_idempotent() {
    let catalog = Catalog::open_in_memory().unwrap();
    catalog.load_builtin_vocabularies().unwrap();
    let p = Publication::new("p", "fr", "L'or et le coltan du Sud-Kivu", Kind::Report);
    catalog.upsert_publication(&p).unwrap();
    let first = catalog.tag_automatically().unwrap();
    assert_eq!((first.changed, first.added), (1, 3));
    // A person tags a concept the tagger also finds: it becomes curated.
    catalog.tag("p", &["tantalum"]).unwrap();
    let concepts = catalog.publication("p").unwrap().concepts;
    let tantalum = concepts.iter().find(|c| c.uid == "tantalum").unwrap();
    assert_eq!(tantalum.matched_label, None);

    // Re-runs change nothing: no tag, no change version.
    let version = catalog.version().unwrap();
    assert_eq!(catalog.tag_automatically().unwrap(), unchanged(1));
    assert_eq!(catalog.tag_automatically().unwrap(), unchanged(1));
    assert_eq!(catalog.version().unwrap(), version);

    // Undone and redone: the curated tag stays as it is throughout.
    let removed = catalog.remove_automatic_tags().unwrap();
    assert_eq!((removed.changed, removed.removed), (1, 2));
    let redone = catalog.tag_automatically().unwrap();
    assert_eq!((redone.changed, redone.added, redone.removed), (1, 2, 0));
    let version = catalog.version().unwrap();
    assert_eq!(catalog.tag_automatically().unwrap(), unchanged(1));
    assert_eq!(catalog.version().unwrap(), version);
    let concepts = catalog.publication("p").unwrap().concepts;
    let tags: Vec<(&str, Option<&str>)> = concepts
        .iter()
        .map(|c| (c.uid.as_str(), c.matched_label.as_deref()))
        .collect();
    assert_eq!(
        tags,
        [
            ("gold", Some("Or")),
            ("tantalum", None),
            ("south-kivu", Some("Sud-Kivu"))
        ]
    );
}
