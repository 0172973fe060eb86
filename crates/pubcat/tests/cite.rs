//! Citations and bibliographies (`Catalog::cite`, `Catalog::bibliography`): the demo
//! catalogue and a small catalogue of people, dates and series in every built-in style and the
//! required locales, a user-supplied `.csl` style, and the typed errors.
#![cfg(feature = "citations")]
#![allow(clippy::unwrap_used)]

use pubcat::cite::{CiteFormat, CiteOptions, STYLES};
use pubcat::model::{Agent, AgentKind, Contributor, Kind, Publication, Role, Series};
use pubcat::query::Query;
use pubcat::{Catalog, ErrorKind};

const M23: &str = "ipis-mapping-conflict-motives-m23-2012";
const LOCALES: [&str; 4] = ["en-US", "en-GB", "fr-FR", "nl-NL"];

fn options(style: &str, locale: &str) -> CiteOptions {
    CiteOptions {
        style: style.into(),
        locale: Some(locale.into()),
        ..CiteOptions::default()
    }
}

/// `text` with the no-break spaces of French typography (`s.\u{a0}d.`) as plain spaces.
fn spaces(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

fn person(uid: &str, family: &str, given: &str) -> Agent {
    let mut a = Agent::new(uid, AgentKind::Person, format!("{given} {family}"));
    a.family = Some(family.into());
    a.given = Some(given.into());
    a
}

/// People, an organisation, three authors, partial and approximate dates, a series with
/// numbers, a news item with a full date, and a work in two languages.
fn people_catalog() -> Catalog {
    let c = Catalog::open_in_memory().unwrap();
    for a in [
        person("bahati", "Bahati", "Amani"),
        person("dubois", "Dubois", "Claire"),
        person("lemaire", "Lemaire", "Marie"),
        person("devries", "de Vries", "Jan"),
    ] {
        c.upsert_agent(&a).unwrap();
    }
    c.upsert_agent(&Agent::new(
        "ipis",
        AgentKind::Organization,
        "International Peace Information Service",
    ))
    .unwrap();
    c.upsert_series(&Series::new("insights", "IPIS Insights"))
        .unwrap();
    let mut three = Publication::new(
        "three",
        "en",
        "Artisanal gold mining in South Kivu",
        Kind::Report,
    );
    three.date = Some("2019".into());
    for a in ["bahati", "dubois", "lemaire"] {
        three.contributors.push(Contributor::new(a, Role::Author));
    }
    three
        .contributors
        .push(Contributor::new("ipis", Role::Publisher));
    three.series = Some("insights".into());
    three.series_number = Some("12".into());
    c.upsert_publication(&three).unwrap();

    let mut approx = Publication::new("approx", "en", "Tin trade routes", Kind::Report);
    approx.date = Some("2012~".into());
    approx
        .contributors
        .push(Contributor::new("devries", Role::Author));
    c.upsert_publication(&approx).unwrap();

    let mut month = Publication::new("month", "en", "Cobalt prices", Kind::WorkingPaper);
    month.date = Some("2016-03".into());
    month
        .contributors
        .push(Contributor::new("bahati", Role::Author));
    c.upsert_publication(&month).unwrap();

    let mut news = Publication::new("news", "en", "Miners return to Walikale", Kind::News);
    news.date = Some("2021-07-05".into());
    news.contributors
        .push(Contributor::new("dubois", Role::Author));
    c.upsert_publication(&news).unwrap();

    let mut org = Publication::new("org", "en", "Annual report", Kind::Report);
    org.date = Some("2020".into());
    org.contributors
        .push(Contributor::new("ipis", Role::Author));
    c.upsert_publication(&org).unwrap();

    let mut en = Publication::new("study-en", "en", "A study of trading houses", Kind::Report);
    en.original = true;
    en.contributors
        .push(Contributor::new("lemaire", Role::Author));
    c.upsert_publication(&en).unwrap();
    let mut fr = Publication::new("study-fr", "fr", "Une étude des comptoirs", Kind::Report);
    fr.contributors
        .push(Contributor::new("lemaire", Role::Author));
    c.upsert_publication(&fr).unwrap();
    c.link_translation("study-en", "study-fr").unwrap();
    c
}

#[test]
fn demo_in_every_style_and_locale() {
    let catalog = Catalog::demo().unwrap();
    let total = catalog.stats().unwrap().publications as usize;
    for (style, _) in STYLES {
        for locale in LOCALES {
            for format in [CiteFormat::Text, CiteFormat::Html, CiteFormat::Markdown] {
                let o = CiteOptions {
                    format,
                    ..options(style, locale)
                };
                let bib = catalog.bibliography(&Query::default(), &o).unwrap();
                assert_eq!(bib.references.len(), total, "{style} {locale}");
                let m23 = bib.references.iter().find(|r| r.uid == M23).unwrap();
                assert!(m23.text.contains("IPIS"), "{style} {locale}: {}", m23.text);
                assert!(m23.text.contains("2012"), "{style} {locale}: {}", m23.text);
                assert!(
                    m23.text.contains("Mapping Conflict Motives: M23"),
                    "{style} {locale}: {}",
                    m23.text
                );
                for r in &bib.references {
                    assert!(
                        !r.text.is_empty() && !r.citation.is_empty(),
                        "{style}: {r:?}"
                    );
                    if format == CiteFormat::Html {
                        assert!(!r.text.contains("<div"), "{r:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn apa_in_english_french_and_dutch() {
    let catalog = Catalog::demo().unwrap();
    let bib = |locale: &str| {
        catalog
            .bibliography(&Query::default(), &options("apa", locale))
            .unwrap()
    };
    let en = bib("en-US");
    let m23 = en.references.iter().find(|r| r.uid == M23).unwrap();
    assert_eq!(
        m23.text,
        "IPIS. (2012). Mapping Conflict Motives: M23 (Mapping Conflict Motives)."
    );
    assert_eq!(m23.citation, "(IPIS, 2012)");
    // Undated works: `n.d.`, disambiguated by letters for one author.
    let levin = en
        .references
        .iter()
        .find(|r| r.uid == "madini-enabling-environment-review")
        .unwrap();
    assert!(
        levin.text.starts_with("Levin Sources. (n.d.). "),
        "{}",
        levin.text
    );
    assert_eq!(levin.citation, "(Levin Sources, n.d.)");
    assert!(en.references.iter().any(|r| r.citation == "(IPIS, n.d.-a)"));
    // The organisation with a long name is one literal author, never inverted.
    assert!(en.references.iter().any(|r| r
        .text
        .starts_with("Coalition of European NGOs on responsible mineral sourcing. (n.d.).")));

    let fr = bib("fr-FR");
    let levin = fr
        .references
        .iter()
        .find(|r| r.uid == "madini-enabling-environment-review")
        .unwrap();
    // French typography: a no-break space inside `s. d.`.
    assert!(levin.text.contains("s.\u{a0}d."), "{}", levin.text);
    assert!(
        spaces(&levin.text).starts_with("Levin Sources. (s. d.). "),
        "{}",
        levin.text
    );
    assert_eq!(spaces(&levin.citation), "(Levin Sources, s. d.)");

    let nl = bib("nl-NL");
    assert!(nl
        .references
        .iter()
        .any(|r| r.citation == "(Levin Sources, z.d.)"));
}

#[test]
fn people_dates_and_series() {
    let c = people_catalog();
    let apa = c
        .cite(
            &["three", "approx", "month", "news", "org"],
            &options("apa", "en-US"),
        )
        .unwrap();
    let uids: Vec<&str> = apa.iter().map(|r| r.uid.as_str()).collect();
    assert_eq!(uids, ["three", "approx", "month", "news", "org"]);
    // Three authors: et al. in the text, every name in the reference.
    assert_eq!(apa[0].citation, "(Bahati et al., 2019)");
    assert!(
        apa[0].text.starts_with(
            "Bahati, A., Dubois, C., & Lemaire, M. (2019). Artisanal gold mining in South Kivu"
        ),
        "{}",
        apa[0].text
    );
    // The series and its number, and the publisher.
    assert!(apa[0].text.contains("IPIS Insights"), "{}", apa[0].text);
    assert!(apa[0].text.contains("12"), "{}", apa[0].text);
    assert!(
        apa[0]
            .text
            .contains("International Peace Information Service"),
        "{}",
        apa[0].text
    );
    // hayagriva reads the lowercase particle of a family name as a particle and demotes it
    // (citeproc-js keeps `de Vries, J.`: docs/CITATIONS.md). An approximate date is `ca.`.
    assert!(
        apa[1].text.starts_with("Vries, J. de. (ca. 2012)."),
        "{}",
        apa[1].text
    );
    assert!(apa[2].text.contains("2016"), "{}", apa[2].text);
    // A news item keeps its full date.
    assert!(apa[3].text.contains("(2021, July 5)"), "{}", apa[3].text);
    // An organisation as author.
    assert_eq!(
        apa[4].citation,
        "(International Peace Information Service, 2020)"
    );

    let fr = c
        .cite(&["three", "news"], &options("apa", "fr-FR"))
        .unwrap();
    assert_eq!(fr[0].citation, "(Bahati et al., 2019)");
    assert!(fr[1].text.contains("juillet"), "{}", fr[1].text);

    let chicago = c
        .cite(&["three", "news"], &options("chicago-author-date", "en-US"))
        .unwrap();
    assert!(
        chicago[0]
            .text
            .starts_with("Bahati, Amani, Claire Dubois, and Marie Lemaire. 2019."),
        "{}",
        chicago[0].text
    );
    assert!(chicago[1].text.contains("July 5"), "{}", chicago[1].text);

    let ieee = c
        .cite(&["news", "three"], &options("ieee", "en-US"))
        .unwrap();
    assert_eq!(ieee[0].citation, "[1]");
    assert_eq!(ieee[1].citation, "[2]");
    assert!(
        ieee[1]
            .text
            .starts_with("[2] A. Bahati, C. Dubois, and M. Lemaire"),
        "{}",
        ieee[1].text
    );

    let harvard = c.cite(&["three"], &options("harvard", "en-GB")).unwrap();
    assert!(
        harvard[0]
            .text
            .starts_with("Bahati, A., Dubois, C. and Lemaire, M. (2019)"),
        "{}",
        harvard[0].text
    );
}

#[test]
fn formats_mark_up_titles() {
    let c = people_catalog();
    let cite = |format| {
        c.cite(
            &["org"],
            &CiteOptions {
                format,
                ..options("apa", "en-US")
            },
        )
        .unwrap()
        .remove(0)
        .text
    };
    assert!(cite(CiteFormat::Html).contains("<i>Annual report</i>"));
    assert!(cite(CiteFormat::Markdown).contains("*Annual report*"));
    assert!(cite(CiteFormat::Text).contains(" Annual report."));
    let bib = c
        .bibliography(
            &Query::default(),
            &CiteOptions {
                format: CiteFormat::Html,
                ..CiteOptions::default()
            },
        )
        .unwrap();
    let html = bib.to_string();
    assert!(html.starts_with("<div class=\"csl-bib-body\">"));
    assert_eq!(
        html.matches("<div class=\"csl-entry\">").count(),
        bib.references.len()
    );
}

#[test]
fn preferred_language_version_is_cited() {
    let c = people_catalog();
    let fr = c
        .cite(
            &["study-en"],
            &CiteOptions {
                prefer_languages: vec!["fr-CD".into(), "en".into()],
                ..CiteOptions::default()
            },
        )
        .unwrap();
    assert_eq!(fr[0].uid, "study-fr");
    assert!(
        fr[0].text.contains("Une étude des comptoirs"),
        "{}",
        fr[0].text
    );
    let en = c.cite(&["study-en"], &CiteOptions::default()).unwrap();
    assert_eq!(en[0].uid, "study-en");
    // A bibliography collapses the work to one version.
    let q = Query {
        prefer_languages: vec!["fr".into()],
        ..Query::default()
    };
    let bib = c.bibliography(&q, &CiteOptions::default()).unwrap();
    assert!(bib.references.iter().any(|r| r.uid == "study-fr"));
    assert!(!bib.references.iter().any(|r| r.uid == "study-en"));
}

const MINIMAL_CSL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info>
    <title>pubcat test style</title>
    <id>http://example.org/styles/pubcat-test</id>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <citation>
    <layout prefix="{" suffix="}">
      <names variable="author"><name form="short"/></names>
    </layout>
  </citation>
  <bibliography>
    <layout>
      <text variable="title" font-style="italic" suffix=" / "/>
      <names variable="author"><name name-as-sort-order="all" sort-separator=", " delimiter="; "/></names>
      <date variable="issued" prefix=" [" suffix="]"><date-part name="year"/></date>
    </layout>
  </bibliography>
</style>
"#;

#[test]
fn a_user_supplied_style() {
    let c = people_catalog();
    let o = CiteOptions {
        style: "ignored-when-csl-is-given".into(),
        csl: Some(MINIMAL_CSL.into()),
        format: CiteFormat::Markdown,
        ..CiteOptions::default()
    };
    let refs = c.cite(&["three"], &o).unwrap();
    assert_eq!(refs[0].citation, "{Bahati, Dubois, Lemaire}");
    assert_eq!(
        refs[0].text,
        // hayagriva formats a suffix with its element (`font-style` covers ` / `).
        "*Artisanal gold mining in South Kivu /* Bahati, Amani; Dubois, Claire; Lemaire, Marie [2019]"
    );
}

#[test]
fn typed_errors() {
    let c = Catalog::demo().unwrap();
    let kind = |uids: &[&str], o: &CiteOptions| c.cite(uids, o).unwrap_err().kind();
    assert_eq!(
        kind(&["no-such-uid"], &CiteOptions::default()),
        ErrorKind::NotFound
    );
    assert_eq!(
        kind(&[M23], &options("no-such-style", "en-US")),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        kind(&[M23], &options("apa", "xx-YY")),
        ErrorKind::InvalidInput
    );
    let malformed = CiteOptions {
        csl: Some("<style><citation>".into()),
        ..CiteOptions::default()
    };
    assert_eq!(kind(&[M23], &malformed), ErrorKind::Parse);
    let dependent = CiteOptions {
        csl: Some(
            r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info>
    <title>A journal</title>
    <id>http://example.org/styles/a-journal</id>
    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
</style>"#
                .into(),
        ),
        ..CiteOptions::default()
    };
    assert_eq!(kind(&[M23], &dependent), ErrorKind::InvalidInput);
    assert_eq!(
        c.bibliography(&Query::default(), &options("apa", "zz"))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
    // A merged uid would cite its target; an empty list cites nothing.
    assert!(c
        .cite::<&str>(&[], &CiteOptions::default())
        .unwrap()
        .is_empty());
}
