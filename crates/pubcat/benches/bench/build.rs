//! The corpus files and the two builds: pubcat's import, and a hand-written rusqlite bulk
//! load of the same records into the same schema (the floor for import speed).

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

use pubcat::formats::CatalogDocument;
use pubcat::model::{PartialDate, Relation};
use pubcat::Catalog;
use pubcat_generate::{write_jsonl_file, GenerateOptions};

use crate::timing::CpuClock;
use rusqlite::{params, Connection};

/// What a build produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Build {
    /// Wall time, seconds (parsing the file, importing, indexing, final checkpoint).
    pub seconds: f64,
    /// On-CPU time of the building thread, seconds.
    pub cpu_seconds: f64,
    /// Publications per second.
    pub rate: f64,
    /// Publications per second of CPU time.
    pub cpu_rate: f64,
    /// Database size after closing (bytes).
    pub db_bytes: u64,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The corpus file for `size`/`seed` in `dir`, generated once and reused afterwards.
pub fn corpus(dir: &Path, size: u64, seed: u64) -> Result<(PathBuf, u64), String> {
    std::fs::create_dir_all(dir).map_err(err)?;
    let path = dir.join(format!("corpus-{size}-s{seed}.jsonl"));
    if !path.exists() {
        let partial = dir.join(format!("corpus-{size}-s{seed}.jsonl.partial"));
        let _ = std::fs::remove_file(&partial);
        let t = Instant::now();
        write_jsonl_file(&GenerateOptions { count: size, seed }, &partial).map_err(err)?;
        std::fs::rename(&partial, &path).map_err(err)?;
        eprintln!(
            "  generated {} in {:.1} s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    let bytes = std::fs::metadata(&path).map_err(err)?.len();
    Ok((path, bytes))
}

/// Reads pubcat JSON Lines into one document (the header line is checked).
pub fn read_document(path: &Path) -> Result<CatalogDocument, String> {
    let file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path).map_err(err)?);
    let mut doc = CatalogDocument::default();
    for (n, line) in file.lines().enumerate() {
        let line = line.map_err(err)?;
        if n == 0 {
            if !line.contains("\"pubcat\"") {
                return Err(format!("{}: not a pubcat JSON Lines file", path.display()));
            }
            continue;
        }
        let (key, rest) = line
            .strip_prefix("{\"")
            .and_then(|l| l.split_once("\":"))
            .ok_or_else(|| format!("line {}: not a record", n + 1))?;
        let body = rest
            .strip_suffix('}')
            .ok_or_else(|| format!("line {}: not a record", n + 1))?;
        let bad = |e: serde_json::Error| format!("line {}: {e}", n + 1);
        match key {
            "agent" => doc.agents.push(serde_json::from_str(body).map_err(bad)?),
            "series" => doc.series.push(serde_json::from_str(body).map_err(bad)?),
            "project" => doc.projects.push(serde_json::from_str(body).map_err(bad)?),
            "concept" => doc.concepts.push(serde_json::from_str(body).map_err(bad)?),
            "publication" => doc
                .publications
                .push(serde_json::from_str(body).map_err(bad)?),
            "relation" => doc.relations.push(serde_json::from_str(body).map_err(bad)?),
            other => return Err(format!("line {}: unknown record type {other}", n + 1)),
        }
    }
    Ok(doc)
}

/// Removes a database file and its `-wal`/`-shm` companions.
pub fn remove_db(path: &Path) -> Result<(), String> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            std::fs::remove_file(&file).map_err(err)?;
        }
    }
    Ok(())
}

fn file_size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

/// Imports `jsonl` into a new catalogue at `db` with pubcat, timed end to end.
pub fn pubcat_build(jsonl: &Path, db: &Path, publications: u64) -> Result<Build, String> {
    remove_db(db)?;
    let mut clock = CpuClock::new();
    let cpu = clock.now();
    let t = Instant::now();
    let catalog = Catalog::open(db).map_err(err)?;
    let doc = read_document(jsonl)?;
    catalog.import_document(&doc).map_err(err)?;
    drop(doc);
    catalog.close().map_err(err)?;
    finish(t, cpu, &mut clock, publications, db)
}

fn finish(
    t: Instant,
    cpu: Option<u64>,
    clock: &mut CpuClock,
    publications: u64,
    db: &Path,
) -> Result<Build, String> {
    let seconds = t.elapsed().as_secs_f64();
    let cpu_seconds = match (cpu, clock.now()) {
        (Some(a), Some(b)) => b.saturating_sub(a) as f64 / 1e9,
        _ => seconds,
    };
    Ok(Build {
        seconds,
        cpu_seconds,
        rate: publications as f64 / seconds,
        cpu_rate: publications as f64 / cpu_seconds,
        db_bytes: file_size(db),
    })
}

/// Row ids by uid, per table.
#[derive(Default)]
struct Ids {
    agents: HashMap<String, i64>,
    series: HashMap<String, i64>,
    projects: HashMap<String, i64>,
    concepts: HashMap<String, i64>,
    publications: HashMap<String, i64>,
    works: HashMap<String, i64>,
}

fn id(map: &HashMap<String, i64>, uid: &str) -> Result<i64, String> {
    map.get(uid)
        .copied()
        .ok_or_else(|| format!("unknown uid {uid}"))
}

/// Loads `jsonl` into a new catalogue at `db` with hand-written SQL: the same rows (change
/// log included) as pubcat writes, then one FTS5 `rebuild`. Validation is skipped (the
/// generated data is valid), which is the point of a floor.
pub fn raw_build(jsonl: &Path, db: &Path, publications: u64) -> Result<Build, String> {
    remove_db(db)?;
    Catalog::open(db).and_then(|c| c.close()).map_err(err)?; // the schema, untimed
    let mut clock = CpuClock::new();
    let cpu = clock.now();
    let t = Instant::now();
    let mut conn = Connection::open(db).map_err(err)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(err)?;
    let doc = read_document(jsonl)?;
    let tx = conn.transaction().map_err(err)?;
    let now = "2026-01-01T00:00:00.000Z";
    let mut ids = Ids::default();
    let mut log = tx
        .prepare("INSERT INTO change_log (entity, uid, op, version) VALUES (?1, ?2, 'upsert', 1)")
        .map_err(err)?;
    {
        let mut agent = tx.prepare("INSERT INTO agent (uid, kind, name, given, family, acronym, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)").map_err(err)?;
        let mut name = tx
            .prepare("INSERT INTO agent_name (agent_id, position, name) VALUES (?1, ?2, ?3)")
            .map_err(err)?;
        let mut ident = tx
            .prepare("INSERT INTO agent_identifier (agent_id, scheme, value) VALUES (?1, ?2, ?3)")
            .map_err(err)?;
        for a in &doc.agents {
            agent
                .execute(params![
                    a.uid,
                    a.kind.as_str(),
                    a.name,
                    a.given,
                    a.family,
                    a.acronym,
                    now
                ])
                .map_err(err)?;
            let aid = tx.last_insert_rowid();
            ids.agents.insert(a.uid.clone(), aid);
            for (i, n) in a.names.iter().enumerate() {
                name.execute(params![aid, i as i64, n]).map_err(err)?;
            }
            for x in &a.identifiers {
                ident
                    .execute(params![aid, x.scheme.as_str(), x.value])
                    .map_err(err)?;
            }
            log.execute(params!["agent", a.uid]).map_err(err)?;
        }
        let mut series = tx.prepare("INSERT INTO series (uid, name, publisher_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)").map_err(err)?;
        for s in &doc.series {
            let publisher = s
                .publisher
                .as_deref()
                .map(|u| id(&ids.agents, u))
                .transpose()?;
            series
                .execute(params![s.uid, s.name, publisher, now])
                .map_err(err)?;
            ids.series.insert(s.uid.clone(), tx.last_insert_rowid());
            log.execute(params!["series", s.uid]).map_err(err)?;
        }
        let mut project = tx.prepare("INSERT INTO project (uid, name, acronym, summary, url, date_edtf, date_lower, date_upper, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)").map_err(err)?;
        let mut member = tx.prepare("INSERT INTO project_agent (project_id, agent_id, role, position) VALUES (?1, ?2, ?3, ?4)").map_err(err)?;
        for p in &doc.projects {
            let date = p
                .date
                .as_deref()
                .map(PartialDate::parse)
                .transpose()
                .map_err(err)?;
            project
                .execute(params![
                    p.uid,
                    p.name,
                    p.acronym,
                    p.summary,
                    p.url,
                    date.as_ref().map(|d| d.edtf().to_owned()),
                    date.as_ref().map(|d| d.lower().to_string()),
                    date.as_ref().map(|d| d.upper().to_string()),
                    now
                ])
                .map_err(err)?;
            let pid = tx.last_insert_rowid();
            ids.projects.insert(p.uid.clone(), pid);
            for (i, m) in p.members.iter().enumerate() {
                member
                    .execute(params![
                        pid,
                        id(&ids.agents, &m.agent)?,
                        m.role.as_str(),
                        i as i64
                    ])
                    .map_err(err)?;
            }
            log.execute(params!["project", p.uid]).map_err(err)?;
        }
        let mut concept = tx.prepare("INSERT INTO concept (uid, scheme, broader_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)").map_err(err)?;
        let mut label = tx.prepare("INSERT INTO concept_label (concept_id, language, label, preferred) VALUES (?1, ?2, ?3, ?4)").map_err(err)?;
        let mut cident = tx
            .prepare(
                "INSERT INTO concept_identifier (concept_id, scheme, value) VALUES (?1, ?2, ?3)",
            )
            .map_err(err)?;
        for c in &doc.concepts {
            let broader = c
                .broader
                .as_deref()
                .map(|u| id(&ids.concepts, u))
                .transpose()?;
            concept
                .execute(params![c.uid, c.scheme.as_str(), broader, now])
                .map_err(err)?;
            let cid = tx.last_insert_rowid();
            ids.concepts.insert(c.uid.clone(), cid);
            for (lang, l) in &c.labels {
                label.execute(params![cid, lang, l, 1]).map_err(err)?;
            }
            for l in &c.alt_labels {
                label
                    .execute(params![cid, l.language, l.label, 0])
                    .map_err(err)?;
            }
            for x in &c.identifiers {
                cident
                    .execute(params![cid, x.scheme.as_str(), x.value])
                    .map_err(err)?;
            }
            log.execute(params!["concept", c.uid]).map_err(err)?;
        }
    }
    insert_publications(&tx, &doc, &mut ids, now, &mut log)?;
    insert_relations(&tx, &doc.relations, &ids, &mut log)?;
    drop(log);
    tx.execute("UPDATE catalog_state SET version = 1", [])
        .map_err(err)?;
    tx.execute(
        "INSERT INTO publication_fts (publication_fts) VALUES ('rebuild')",
        [],
    )
    .map_err(err)?;
    tx.commit().map_err(err)?;
    drop(doc);
    conn.close().map_err(|(_, e)| err(e))?;
    finish(t, cpu, &mut clock, publications, db)
}

fn insert_publications(
    tx: &Connection,
    doc: &CatalogDocument,
    ids: &mut Ids,
    now: &str,
    log: &mut rusqlite::Statement<'_>,
) -> Result<(), String> {
    let mut work = tx
        .prepare("INSERT INTO work (uid) VALUES (?1)")
        .map_err(err)?;
    let mut publication = tx.prepare("INSERT INTO publication (uid, work_id, language, is_original, title, subtitle, summary, summary_is_excerpt, body, kind, date_edtf, date_lower, date_upper, date_precision, series_id, series_number, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)").map_err(err)?;
    let mut contribution = tx.prepare("INSERT INTO contribution (publication_id, agent_id, role, position, affiliation) VALUES (?1, ?2, ?3, ?4, ?5)").map_err(err)?;
    let mut project = tx
        .prepare("INSERT INTO project_publication (project_id, publication_id) VALUES (?1, ?2)")
        .map_err(err)?;
    let mut concept = tx
        .prepare("INSERT INTO publication_concept (publication_id, concept_id) VALUES (?1, ?2)")
        .map_err(err)?;
    let mut ident = tx.prepare("INSERT INTO publication_identifier (publication_id, scheme, value) VALUES (?1, ?2, ?3)").map_err(err)?;
    let mut link = tx.prepare("INSERT INTO publication_link (publication_id, position, url, link_kind, media_type, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").map_err(err)?;
    for p in &doc.publications {
        let work_uid = p.work.clone().unwrap_or_else(|| p.uid.clone());
        let work_id = match ids.works.get(&work_uid) {
            Some(id) => *id,
            None => {
                work.execute([&work_uid]).map_err(err)?;
                let id = tx.last_insert_rowid();
                ids.works.insert(work_uid, id);
                id
            }
        };
        let date = p
            .date
            .as_deref()
            .map(PartialDate::parse)
            .transpose()
            .map_err(err)?;
        let series = p
            .series
            .as_deref()
            .map(|u| id(&ids.series, u))
            .transpose()?;
        publication
            .execute(params![
                p.uid,
                work_id,
                p.language,
                p.original,
                p.title,
                p.subtitle,
                p.summary,
                p.summary_is_excerpt,
                p.body,
                p.kind.as_str(),
                date.as_ref().map(|d| d.edtf().to_owned()),
                date.as_ref().map(|d| d.lower().to_string()),
                date.as_ref().map(|d| d.upper().to_string()),
                date.as_ref().map(|d| d.precision().as_str()),
                series,
                p.series_number,
                now
            ])
            .map_err(err)?;
        let pid = tx.last_insert_rowid();
        ids.publications.insert(p.uid.clone(), pid);
        for (i, c) in p.contributors.iter().enumerate() {
            contribution
                .execute(params![
                    pid,
                    id(&ids.agents, &c.agent)?,
                    c.role.as_str(),
                    i as i64,
                    c.affiliation
                ])
                .map_err(err)?;
        }
        for uid in &p.projects {
            project
                .execute(params![id(&ids.projects, uid)?, pid])
                .map_err(err)?;
        }
        for uid in &p.concepts {
            concept
                .execute(params![pid, id(&ids.concepts, uid)?])
                .map_err(err)?;
        }
        for x in &p.identifiers {
            let x = x.normalized().map_err(err)?;
            ident
                .execute(params![pid, x.scheme.as_str(), x.value])
                .map_err(err)?;
        }
        for (i, l) in p.links.iter().enumerate() {
            link.execute(params![
                pid,
                i as i64,
                l.url,
                l.kind.as_str(),
                l.media_type,
                l.label
            ])
            .map_err(err)?;
        }
        log.execute(params!["publication", p.uid]).map_err(err)?;
    }
    Ok(())
}

fn insert_relations(
    tx: &Connection,
    relations: &[Relation],
    ids: &Ids,
    log: &mut rusqlite::Statement<'_>,
) -> Result<(), String> {
    let mut insert = tx.prepare("INSERT OR IGNORE INTO relation (source_id, relation_type, target_id) VALUES (?1, ?2, ?3)").map_err(err)?;
    for r in relations {
        let c = r.canonical();
        let added = insert
            .execute(params![
                id(&ids.publications, &c.source)?,
                c.relation_type.as_str(),
                id(&ids.publications, &c.target)?
            ])
            .map_err(err)?;
        if added > 0 {
            log.execute(params!["relation", r.change_key()])
                .map_err(err)?;
        }
    }
    Ok(())
}
