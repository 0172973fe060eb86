//! The publication count of each agent that the writes keep (`agent_publication_count`, schema
//! version 5: the agent facet of the whole catalogue reads it) equals a count of the
//! contributions after every kind of write that changes who is credited: an import, a
//! re-import, publications written again with other contributors (an agent in two roles of
//! one publication counts once), deleted publications, merged and deleted agents, and writes
//! that fail and roll back. After a run of such writes, the agent facet of the whole catalogue
//! also equals the one grouped over a match set that holds every publication.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::TempDir;
use pubcat::formats::Format;
use pubcat::model::{Agent, AgentKind, Contributor, Kind, Publication, Role};
use pubcat::query::Facet;
use pubcat::Catalog;
use rusqlite::Connection;

fn rows(conn: &Connection, sql: &str) -> BTreeMap<i64, i64> {
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<BTreeMap<i64, i64>, _>>()
        .unwrap();
    rows
}

/// The kept counts equal the counted ones, and no agent is kept at zero.
fn check(path: &Path, when: &str) {
    let conn = Connection::open(path).unwrap();
    let kept = rows(
        &conn,
        "SELECT agent_id, publications FROM agent_publication_count",
    );
    let counted = rows(
        &conn,
        "SELECT agent_id, count(DISTINCT publication_id) FROM contribution GROUP BY agent_id",
    );
    assert!(!kept.is_empty(), "{when}: nothing kept");
    assert_eq!(kept, counted, "{when}");
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

#[test]
fn kept_agent_counts_equal_the_contributions_after_every_kind_of_write() {
    let dir = TempDir::new("agent-counts");
    let path = dir.path("counts.db");
    let c = Catalog::open(&path).unwrap();
    let mut jsonl = Vec::new();
    pubcat_generate::write_jsonl(
        &pubcat_generate::GenerateOptions {
            count: 600,
            seed: 5,
        },
        &mut jsonl,
    )
    .unwrap();
    c.import_reader(jsonl.as_slice(), Format::Jsonl, &mut |_| {})
        .unwrap();
    check(&path, "after the import");
    c.import_reader(jsonl.as_slice(), Format::Jsonl, &mut |_| {})
        .unwrap();
    check(&path, "after the same import again");
    let generated: Vec<String> = String::from_utf8_lossy(&jsonl)
        .split("\"publication\":{\"uid\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect();
    assert!(generated.len() >= 600, "{}", generated.len());

    let agents: Vec<String> = (0..8).map(|i| format!("counted-agent-{i}")).collect();
    for (i, uid) in agents.iter().enumerate() {
        c.upsert_agent(&Agent::new(uid, AgentKind::Person, format!("Agent {i}")))
            .unwrap();
    }
    let roles = [Role::Author, Role::Editor, Role::Translator];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut failed, mut merged) = (0, 0);
    for step in 0..300 {
        let op = rng.below(12);
        let result = match op {
            // A publication written (again) with 0 to 5 contributors; an agent may hold two
            // roles in it.
            0..=6 => {
                let mut p = Publication::new(
                    format!("counted-{}", rng.below(40)),
                    "en",
                    "Counted",
                    Kind::Report,
                );
                for _ in 0..rng.below(6) {
                    let contributor = Contributor::new(
                        agents[rng.below(agents.len() as u64) as usize].clone(),
                        roles[rng.below(3) as usize],
                    );
                    if !p
                        .contributors
                        .iter()
                        .any(|o| o.agent == contributor.agent && o.role == contributor.role)
                    {
                        p.contributors.push(contributor);
                    }
                }
                c.upsert_publication(&p).map(drop)
            }
            7 => c.delete_publication(&format!("counted-{}", rng.below(40))),
            8 => {
                let from = &agents[rng.below(agents.len() as u64) as usize];
                let into = &agents[rng.below(agents.len() as u64) as usize];
                let result = c.merge_agents(from, into);
                merged += usize::from(result.is_ok());
                result
            }
            9 => c.delete_agent(&agents[rng.below(agents.len() as u64) as usize]),
            // An agent written again (after a merge or a deletion it is a new record again).
            10 => c
                .upsert_agent(&Agent::new(
                    agents[rng.below(agents.len() as u64) as usize].clone(),
                    AgentKind::Organization,
                    "Again",
                ))
                .map(drop),
            // A publication of the generated set deleted (its agents lose one).
            _ => c.delete_publication(&generated[rng.below(generated.len() as u64) as usize]),
        };
        failed += usize::from(result.is_err());
        check(&path, &format!("step {step} (operation {op}, {result:?})"));
    }
    assert!(failed > 0 && merged > 0, "failed {failed}, merged {merged}");

    let (whole, filtered) = common::whole_and_filtered_facets(&c, &[Facet::Agent]);
    assert!(!whole.facets["agent"].is_empty());
    assert_eq!(whole.facets["agent"], filtered.facets["agent"]);
    c.close().unwrap();
}
