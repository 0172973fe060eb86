//! Fixtures shared by the format tests: a catalogue that uses every field, and helpers to
//! export, import and compare.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::CatalogDocument;
use pubcat::formats::ImportSummary;
use pubcat::formats::{write_export, Format};
use pubcat::model::{
    Agent, AgentKind, Contributor, IdScheme, Identifier, Kind, Link, LinkKind, Publication,
    Relation, RelationType, Role, Series,
};
use pubcat::{Catalog, Error};

/// The demo catalogue plus publications that use every field: persons with accents,
/// several roles and affiliations, identifiers, links, a subtitle, a multi-paragraph summary,
/// month/day, approximate, uncertain and interval dates, a translated work, a relation.
pub fn rich_catalog() -> Catalog {
    let catalog = pubcat::Catalog::demo().unwrap();
    let mut lonema = Agent::new("lonema", AgentKind::Person, "Jean-Paul Lonema");
    lonema.given = Some("Jean-Paul".into());
    lonema.family = Some("Lonema".into());
    let mut muller = Agent::new("muller-brandt", AgentKind::Person, "Élodie Müller-Brandt");
    muller.given = Some("Élodie".into());
    muller.family = Some("Müller-Brandt".into());
    for agent in [
        lonema,
        muller,
        Agent::new("impact", AgentKind::Organization, "IMPACT"),
        Agent::new(
            "eu-commission",
            AgentKind::Organization,
            "European Commission",
        ),
    ] {
        catalog.upsert_agent(&agent).unwrap();
    }
    catalog
        .upsert_series(&Series::new("ipis-briefings", "IPIS Briefing series"))
        .unwrap();

    let mut gold = Publication::new(
        "gold-ituri-2023",
        "en",
        "Gold & 3T supply chains in Ituri – a 100% traceable future?",
        Kind::Briefing,
    );
    gold.subtitle = Some("Lessons from Mambasa {2018–2023}".into());
    gold.summary = Some(
        "First paragraph, with “quotes” and a naïve café.\n\nSecond paragraph: $5 per gram_weight #1."
            .into(),
    );
    gold.date = Some("2023-12-22".into());
    gold.series = Some("ipis-briefings".into());
    gold.series_number = Some("7".into());
    gold.contributors = vec![
        Contributor {
            affiliation: Some("IPIS".into()),
            ..Contributor::new("lonema", Role::Author)
        },
        Contributor::new("muller-brandt", Role::Author),
        Contributor::new("impact", Role::Editor),
        Contributor::new("muller-brandt", Role::Contributor),
        Contributor::new("ipis", Role::Publisher),
        Contributor::new("eu-commission", Role::Funder),
    ];
    gold.projects = vec!["madini".into()];
    gold.concepts = vec!["gold".into(), "ituri".into()];
    gold.identifiers = vec![
        Identifier::new(IdScheme::Doi, "10.5281/zenodo.1234567"),
        Identifier::new(IdScheme::Isbn, "978-90-6445-012-3"),
        Identifier::new(
            IdScheme::Url,
            "https://ipisresearch.be/publication/gold-ituri/",
        ),
    ];
    gold.links = vec![
        Link {
            media_type: Some("application/pdf".into()),
            label: Some("Full report".into()),
            ..Link::new(
                "https://ipisresearch.be/wp-content/uploads/gold.pdf",
                LinkKind::Pdf,
            )
        },
        Link::new("https://ipisresearch.be/gold", LinkKind::LandingPage),
    ];

    let mut map_en = Publication::new(
        "cobalt-map-en",
        "en",
        "Map of artisanal cobalt mining sites",
        Kind::Map,
    );
    map_en.work = Some("cobalt-map".into());
    map_en.original = true;
    map_en.date = Some("2016/2017".into());
    map_en.contributors = vec![Contributor::new("lonema", Role::Author)];
    let mut map_fr = Publication::new(
        "cobalt-map-fr",
        "fr",
        "Carte des sites miniers artisanaux de cobalt",
        Kind::Map,
    );
    map_fr.work = Some("cobalt-map".into());
    map_fr.date = Some("2021-07~".into());
    map_fr.summary = Some("Une carte des sites miniers du Haut-Katanga.".into());
    map_fr.contributors = vec![
        Contributor::new("lonema", Role::Author),
        Contributor::new("muller-brandt", Role::Translator),
    ];
    let mut dataset = Publication::new(
        "mining-sites-dataset",
        "en",
        "Artisanal mining sites dataset",
        Kind::Dataset,
    );
    dataset.date = Some("2019?".into());
    dataset.contributors = vec![Contributor::new("ipis", Role::Author)];
    dataset.identifiers = vec![
        Identifier::new(IdScheme::Url, "https://geo.ipisresearch.be/sites"),
        Identifier::new(IdScheme::Handle, "20.500.12345/678"),
    ];
    for p in [gold, map_en, map_fr, dataset] {
        catalog.upsert_publication(&p).unwrap();
    }
    catalog
        .add_relation(&Relation::new(
            "mining-sites-dataset",
            RelationType::IsSupplementTo,
            "cobalt-map-en",
        ))
        .unwrap();
    catalog
}

/// A catalogue holding `source`'s agents, series, projects and concepts, but no
/// publication: what a flat file's references resolve against.
pub fn references_of(source: &Catalog) -> Catalog {
    let mut doc = source.export_document().unwrap();
    doc.publications.clear();
    doc.relations.clear();
    let catalog = Catalog::open_in_memory().unwrap();
    catalog.import_document(&doc).unwrap();
    catalog
}

/// `doc` written in `format`.
pub fn export(doc: &CatalogDocument, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    write_export(doc, format, &mut out).unwrap();
    out
}

/// Imports `bytes` into `catalog`.
pub fn import(catalog: &Catalog, bytes: &[u8], format: Format) -> Result<ImportSummary, Error> {
    catalog.import_reader(bytes, format, &mut |_| {})
}

/// The whole catalogue as native JSON text.
pub fn snapshot(catalog: &Catalog) -> String {
    catalog.export_document().unwrap().to_json().unwrap()
}

/// Imports `bytes`, expects a parse error, checks the catalogue did not change and returns
/// the error's `(line, record, field)`.
pub fn parse_failure(
    catalog: &Catalog,
    bytes: &[u8],
    format: Format,
) -> (Option<u64>, Option<u64>, Option<String>) {
    let before = snapshot(catalog);
    let version = catalog.version().unwrap();
    let err = import(catalog, bytes, format).expect_err("the import should fail");
    assert_eq!(err.kind(), pubcat::ErrorKind::Parse, "{err}");
    assert_eq!(
        snapshot(catalog),
        before,
        "the catalogue changed after {err}"
    );
    assert_eq!(catalog.version().unwrap(), version);
    let pos = err.position().unwrap().clone();
    (pos.line, pos.record, pos.field)
}
