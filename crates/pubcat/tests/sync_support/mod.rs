//! Shared by the sync tests: the state of a catalogue as a delta file carries it, comparable
//! between a source and a replica, and a generator of random writes.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use pubcat::model::{
    Agent, AgentKind, Concept, Contributor, IdScheme, Identifier, Kind, Project, Publication,
    Relation, RelationType, Role, Scheme, Series,
};
use pubcat::query::Query;
use pubcat::Catalog;
use serde_json::Value;

/// Every record of the catalogue in its full state (as a delta since 0 carries it: write
/// form, automatic tags and matched labels, removed tags, decisions, merged uids, timestamps),
/// sorted by entity and uid; deletions left out. Equal states mean equal catalogues.
pub fn full_state(c: &Catalog) -> Vec<Value> {
    let mut file = Vec::new();
    c.export_changes(0, &mut file).unwrap();
    let text = String::from_utf8(file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Value> = lines[1..lines.len() - 1]
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v.get("state").is_some())
        .map(|mut v| {
            v.as_object_mut().unwrap().remove("version");
            v
        })
        .collect();
    out.sort_by_key(|v| (v["entity"].to_string(), v["uid"].to_string()));
    out
}

/// The native export, as text.
pub fn native(c: &Catalog) -> String {
    c.export_document().unwrap().to_json().unwrap()
}

/// The uids each word of [`WORDS`] finds: the full-text index agrees with the records.
pub fn word_hits(c: &Catalog) -> Vec<(String, Vec<String>)> {
    WORDS
        .iter()
        .chain(NAMES.iter())
        .map(|w| {
            let page = c
                .search(&Query {
                    text: Some((*w).to_owned()),
                    limit: Some(1000),
                    ..Default::default()
                })
                .unwrap();
            let mut uids: Vec<String> = page.hits.into_iter().map(|h| h.uid).collect();
            uids.sort();
            ((*w).to_owned(), uids)
        })
        .collect()
}

/// Asserts that `replica` holds exactly what `source` holds.
pub fn assert_same(source: &Catalog, replica: &Catalog, context: &str) {
    let (a, b) = (native(source), native(replica));
    if a != b {
        let dump = std::env::temp_dir().join("pubcat-sync-states");
        let _ = std::fs::create_dir_all(&dump);
        let _ = std::fs::write(dump.join("source.json"), &a);
        let _ = std::fs::write(dump.join("replica.json"), &b);
        let log = |c: &Catalog| format!("{:#?}", c.changes_since(0).map(|x| x.changes));
        let _ = std::fs::write(dump.join("source-log.txt"), log(source));
        let _ = std::fs::write(dump.join("replica-log.txt"), log(replica));
        panic!(
            "{context}: native exports differ (diff {0}/source.json {0}/replica.json)",
            dump.display()
        );
    }
    let (a, b) = (full_state(source), full_state(replica));
    if a != b {
        // The records, one per line, for a diff.
        let dump = std::env::temp_dir().join("pubcat-sync-states");
        let _ = std::fs::create_dir_all(&dump);
        let lines = |v: &[Value]| v.iter().map(|x| format!("{x}\n")).collect::<String>();
        let _ = std::fs::write(dump.join("source.jsonl"), lines(&a));
        let _ = std::fs::write(dump.join("replica.jsonl"), lines(&b));
        panic!(
            "{context}: states differ (diff {0}/source.jsonl {0}/replica.jsonl)",
            dump.display()
        );
    }
    assert_eq!(
        word_hits(source),
        word_hits(replica),
        "{context}: searches differ"
    );
}

pub const WORDS: [&str; 8] = [
    "cobalt", "mining", "kivu", "conflict", "gold", "report", "trade", "water",
];
const NAMES: [&str; 4] = ["ipis", "lonema", "madini", "unicef"];

/// A small deterministic random generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn uid(rng: &mut Rng, prefix: &str, n: u64) -> String {
    format!("{prefix}{}", rng.below(n))
}

/// The uids the catalogue holds, by family: references are mostly picked among them.
struct Existing {
    publications: Vec<String>,
    agents: Vec<String>,
    concepts: Vec<String>,
}

impl Existing {
    fn of(c: &Catalog) -> Existing {
        fn flatten(nodes: Vec<pubcat::model::ConceptNode>, out: &mut Vec<String>) {
            for n in nodes {
                out.push(n.concept.uid.clone());
                flatten(n.narrower, out);
            }
        }
        let mut concepts = Vec::new();
        flatten(c.concepts(None).unwrap(), &mut concepts);
        Existing {
            publications: c
                .search(&Query {
                    limit: Some(1000),
                    ..Default::default()
                })
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.uid)
                .collect(),
            agents: c.agents().unwrap().into_iter().map(|a| a.uid).collect(),
            concepts,
        }
    }
}

/// Mostly a uid that exists (`existing`), sometimes any uid of the pool.
fn some(rng: &mut Rng, existing: &[String], prefix: &str, n: u64) -> String {
    if !existing.is_empty() && rng.chance(80) {
        rng.pick(existing).clone()
    } else {
        uid(rng, prefix, n)
    }
}

fn title(rng: &mut Rng) -> String {
    (0..2 + rng.below(3))
        .map(|_| *rng.pick(&WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One random write (it may be refused: a conflict, a missing reference; that is part of the
/// test). Covers every family of record and every curation.
pub fn random_write(c: &Catalog, rng: &mut Rng) -> Result<(), String> {
    let op = rng.below(24);
    let e = Existing::of(c);
    let result = match op {
        0 | 1 => {
            let mut a = Agent::new(
                uid(rng, "a", 6),
                *rng.pick(&[AgentKind::Person, AgentKind::Organization]),
                *rng.pick(&NAMES),
            );
            if rng.chance(40) {
                a.names = vec![rng.pick(&WORDS).to_string()];
            }
            if rng.chance(30) {
                a.identifiers = vec![Identifier::new(
                    IdScheme::Ror,
                    format!("https://ror.org/0{}abcd12", rng.below(4)),
                )];
            }
            c.upsert_agent(&a).map(|_| ())
        }
        2 => {
            let mut s = Series::new(uid(rng, "s", 3), title(rng));
            if rng.chance(50) {
                s.publisher = Some(some(rng, &e.agents, "a", 6));
            }
            if std::env::var("PUBCAT_SYNC_TRACE").is_ok() {
                eprintln!("series {s:?}");
            }
            c.upsert_series(&s).map(|_| ())
        }
        3 => {
            let mut p = Project::new(uid(rng, "p", 3), *rng.pick(&NAMES));
            if rng.chance(50) {
                p.acronym = Some(rng.pick(&WORDS).to_uppercase());
            }
            if rng.chance(50) {
                p.members = vec![pubcat::model::ProjectMember::new(
                    some(rng, &e.agents, "a", 6),
                    pubcat::model::ProjectRole::Partner,
                )];
            }
            c.upsert_project(&p).map(|_| ())
        }
        4 | 5 => {
            let mut k = Concept::new(uid(rng, "k", 6), Scheme::Theme);
            k.labels.insert("en".into(), rng.pick(&WORDS).to_string());
            if rng.chance(50) {
                k.labels
                    .insert("fr".into(), format!("{} fr", rng.pick(&WORDS)));
            }
            if rng.chance(40) {
                k.broader = Some(some(rng, &e.concepts, "k", 6));
            }
            c.upsert_concept(&k).map(|_| ())
        }
        6..=10 => {
            let language = *rng.pick(&["en", "fr", "nl"]);
            let mut p = Publication::new(uid(rng, "pub", 14), language, title(rng), Kind::Report);
            if rng.chance(40) {
                p.work = Some(some(rng, &e.publications, "pub", 14));
            }
            p.original = rng.chance(30);
            if rng.chance(50) {
                p.summary = Some(title(rng));
            }
            if rng.chance(40) {
                p.date = Some(format!("20{}", 10 + rng.below(15)));
            }
            for _ in 0..rng.below(3) {
                let agent = some(rng, &e.agents, "a", 6);
                if !p.contributors.iter().any(|x| x.agent == agent) {
                    p.contributors.push(Contributor::new(agent, Role::Author));
                }
            }
            if rng.chance(40) {
                p.concepts = vec![some(rng, &e.concepts, "k", 6)];
            }
            if rng.chance(30) {
                p.projects = vec![uid(rng, "p", 3)];
            }
            if rng.chance(30) {
                p.series = Some(uid(rng, "s", 3));
                p.series_number = Some(rng.below(9).to_string());
            }
            if rng.chance(30) {
                p.identifiers = vec![Identifier::new(
                    IdScheme::Doi,
                    format!("10.1234/x{}", rng.below(5)),
                )];
            }
            c.upsert_publication(&p).map(|_| ())
        }
        11 => c.delete_publication(&some(rng, &e.publications, "pub", 14)),
        12 => c.delete_agent(&some(rng, &e.agents, "a", 6)),
        13 => match rng.below(3) {
            0 => c.delete_concept(&some(rng, &e.concepts, "k", 6)),
            1 => c.delete_series(&uid(rng, "s", 3)),
            _ => c.delete_project(&uid(rng, "p", 3)),
        },
        14 | 15 => c.link_translation(
            &some(rng, &e.publications, "pub", 14),
            &some(rng, &e.publications, "pub", 14),
        ),
        16 => c.unlink_translation(&some(rng, &e.publications, "pub", 14)),
        17 => c
            .tag(
                &some(rng, &e.publications, "pub", 14),
                &[some(rng, &e.concepts, "k", 6).as_str()],
            )
            .map(|_| ()),
        18 => c
            .untag(
                &some(rng, &e.publications, "pub", 14),
                &[some(rng, &e.concepts, "k", 6).as_str()],
            )
            .map(|_| ()),
        19 => match rng.below(3) {
            0 => c.merge_agents(&some(rng, &e.agents, "a", 6), &some(rng, &e.agents, "a", 6)),
            1 => c.merge_series(&uid(rng, "s", 3), &uid(rng, "s", 3)),
            _ => c.merge_publications(
                &some(rng, &e.publications, "pub", 14),
                &some(rng, &e.publications, "pub", 14),
            ),
        },
        20 | 21 => {
            let r = Relation {
                source: some(rng, &e.publications, "pub", 14),
                relation_type: *rng.pick(&[
                    RelationType::IsNewVersionOf,
                    RelationType::References,
                    RelationType::IsIdenticalTo,
                ]),
                target: some(rng, &e.publications, "pub", 14),
            };
            if rng.chance(60) {
                c.add_relation(&r)
            } else {
                c.remove_relation(&r)
            }
        }
        22 => {
            if rng.chance(70) {
                c.tag_automatically().map(|_| ())
            } else {
                c.remove_automatic_tags().map(|_| ())
            }
        }
        _ => c
            .set_field(&some(rng, &e.publications, "pub", 14), "title", &title(rng))
            .map(|_| ()),
    };
    if std::env::var("PUBCAT_SYNC_TRACE").is_ok() {
        eprintln!("op {op}: {result:?} -> version {:?}", c.version());
    }
    result.map_err(|e| format!("op {op}: {}", e.kind()))
}
