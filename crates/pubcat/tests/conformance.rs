//! Runs every conformance vector of `tests/conformance/` against the Rust API.
//! The format is described in `tests/conformance/README.md`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

#[path = "sync_support/ops.rs"]
mod sync_ops;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pubcat::formats::{CatalogDocument, ImportOptions};
use pubcat::model::{Agent, Concept, Project, Publication, Relation, Scheme, Series};
use pubcat::query::Query;
use pubcat::{Catalog, Error, Result, SuggestOptions};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

fn arg<T: DeserializeOwned>(args: &Value, name: &str) -> Result<T> {
    serde_json::from_value(args.get(name).cloned().unwrap_or(Value::Null))
        .map_err(|e| Error::invalid(name, e.to_string()))
}

fn query_arg(args: &Value) -> Result<Query> {
    serde_json::from_value(args.get("query").cloned().unwrap_or(json!({})))
        .map_err(|e| Error::InvalidQuery(e.to_string()))
}

/// A native document argument (parsed like a file: format and version checked).
fn document_arg(args: &Value) -> Result<CatalogDocument> {
    let text = serde_json::to_string(args.get("document").unwrap_or(&Value::Null))
        .map_err(|e| Error::invalid("document", e.to_string()))?;
    CatalogDocument::parse(&text)
}

fn to_json<T: serde::Serialize>(value: T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::invalid("result", e.to_string()))
}

/// Calls one operation of the public API by name. `own_file`: the file of the vector's
/// catalogue (a `copy:` fixture), which `check_file` checks when given no path.
fn call(catalog: &Catalog, own_file: Option<&Path>, op: &str, args: &Value) -> Result<Value> {
    match op {
        "search" => to_json(catalog.search(&query_arg(args)?)?),
        "type_ahead" => to_json(catalog.type_ahead(&query_arg(args)?)?),
        "publication" => to_json(catalog.publication(&arg::<String>(args, "uid")?)?),
        "translations" => to_json(catalog.translations(&arg::<String>(args, "uid")?)?),
        "related" => to_json(catalog.related(&arg::<String>(args, "uid")?)?),
        "project" => to_json(catalog.project(&arg::<String>(args, "uid")?)?),
        "projects" => to_json(catalog.projects()?),
        "agent" => to_json(catalog.agent(&arg::<String>(args, "uid")?)?),
        "agents" => to_json(catalog.agents()?),
        "concepts" => to_json(catalog.concepts(arg::<Option<Scheme>>(args, "scheme")?)?),
        "stats" => to_json(catalog.stats()?),
        "version" => to_json(catalog.version()?),
        "changes_since" => to_json(catalog.changes_since(arg(args, "version")?)?),
        "upsert_publication" => {
            to_json(catalog.upsert_publication(&arg::<Publication>(args, "value")?)?)
        }
        "upsert_agent" => to_json(catalog.upsert_agent(&arg::<Agent>(args, "value")?)?),
        "upsert_project" => to_json(catalog.upsert_project(&arg::<Project>(args, "value")?)?),
        "upsert_series" => to_json(catalog.upsert_series(&arg::<Series>(args, "value")?)?),
        "upsert_concept" => to_json(catalog.upsert_concept(&arg::<Concept>(args, "value")?)?),
        "delete_publication" => to_json(catalog.delete_publication(&arg::<String>(args, "uid")?)?),
        "delete_agent" => to_json(catalog.delete_agent(&arg::<String>(args, "uid")?)?),
        "delete_project" => to_json(catalog.delete_project(&arg::<String>(args, "uid")?)?),
        "delete_series" => to_json(catalog.delete_series(&arg::<String>(args, "uid")?)?),
        "delete_concept" => to_json(catalog.delete_concept(&arg::<String>(args, "uid")?)?),
        "link_translation" => to_json(
            catalog.link_translation(&arg::<String>(args, "a")?, &arg::<String>(args, "b")?)?,
        ),
        "add_relation" => to_json(catalog.add_relation(&arg::<Relation>(args, "value")?)?),
        "remove_relation" => to_json(catalog.remove_relation(&arg::<Relation>(args, "value")?)?),
        "merge_agents" => to_json(
            catalog.merge_agents(&arg::<String>(args, "from")?, &arg::<String>(args, "into")?)?,
        ),
        "series" => to_json(catalog.series(&arg::<String>(args, "uid")?)?),
        "unlink_translation" => to_json(catalog.unlink_translation(&arg::<String>(args, "uid")?)?),
        "tag" | "untag" => {
            let uid: String = arg(args, "uid")?;
            let concepts: Vec<String> = arg(args, "concepts")?;
            let concepts: Vec<&str> = concepts.iter().map(String::as_str).collect();
            to_json(if op == "tag" {
                catalog.tag(&uid, &concepts)?
            } else {
                catalog.untag(&uid, &concepts)?
            })
        }
        "set_field" => to_json(catalog.set_field(
            &arg::<String>(args, "uid")?,
            &arg::<String>(args, "field")?,
            &arg::<String>(args, "value")?,
        )?),
        "publication_fields" => to_json(Catalog::publication_fields()),
        "merge_series" => to_json(
            catalog.merge_series(&arg::<String>(args, "from")?, &arg::<String>(args, "into")?)?,
        ),
        "merge_publications" => to_json(
            catalog
                .merge_publications(&arg::<String>(args, "from")?, &arg::<String>(args, "into")?)?,
        ),
        "export_vocabulary" => {
            to_json(catalog.export_vocabulary(arg::<Option<Scheme>>(args, "scheme")?)?)
        }
        "import_vocabulary" => to_json(catalog.import_vocabulary(&document_arg(args)?)?),
        "load_builtin_vocabularies" => to_json(catalog.load_builtin_vocabularies()?),
        "load_vocabulary" => {
            let text = serde_json::to_string(args.get("vocabulary").unwrap_or(&Value::Null))
                .map_err(|e| Error::invalid("vocabulary", e.to_string()))?;
            to_json(catalog.load_vocabulary(&text)?)
        }
        "tag_automatically" => to_json(catalog.tag_automatically()?),
        "remove_automatic_tags" => to_json(catalog.remove_automatic_tags()?),
        "suggest_translations" => {
            let options: SuggestOptions = serde_json::from_value(args.clone())
                .map_err(|e| Error::invalid("options", e.to_string()))?;
            to_json(catalog.suggest_translations(&options)?)
        }
        "link_suggested_translations" => {
            to_json(catalog.link_suggested_translations(arg::<Option<f64>>(args, "min_score")?)?)
        }
        "cite" => {
            let options: pubcat::cite::CiteOptions =
                serde_json::from_value(args.get("options").cloned().unwrap_or(Value::Null))
                    .map_err(|e| Error::invalid("options", e.to_string()))?;
            to_json(catalog.cite(&arg::<Vec<String>>(args, "uids")?, &options)?)
        }
        "bibliography" => {
            let options: pubcat::cite::CiteOptions =
                serde_json::from_value(args.get("options").cloned().unwrap_or(Value::Null))
                    .map_err(|e| Error::invalid("options", e.to_string()))?;
            let query: Query = arg(args, "query")?;
            to_json(catalog.bibliography(&query, &options)?)
        }
        "score_translation" => to_json(
            catalog.score_translation(&arg::<String>(args, "a")?, &arg::<String>(args, "b")?)?,
        ),
        "import_text" => {
            let text: String = arg(args, "text")?;
            let mut options = args.clone();
            if let Some(map) = options.as_object_mut() {
                map.remove("text");
            }
            let options: ImportOptions = serde_json::from_value(options)
                .map_err(|e| Error::invalid("options", e.to_string()))?;
            to_json(catalog.import_reader_with(text.as_bytes(), &options, &mut |_| {})?)
        }
        "import_document" => to_json(catalog.import_document(&document_arg(args)?)?),
        "export_document" => to_json(catalog.export_document()?),
        "close" => to_json(catalog.close()?),
        "open_read_only" => {
            let path = vectors_dir().join(arg::<String>(args, "path")?);
            let other = Catalog::open_read_only(path)?;
            let stats = other.stats()?;
            other.close()?;
            to_json(stats)
        }
        "check_file" => {
            let path = match arg::<Option<String>>(args, "path")? {
                Some(path) => vectors_dir().join(path),
                None => own_file
                    .expect("check_file without a path needs a copy: fixture")
                    .to_owned(),
            };
            to_json(Catalog::check_file(
                path,
                arg::<Option<bool>>(args, "full")?.unwrap_or(false),
            )?)
        }
        "repair" => to_json(catalog.repair()?),
        other => panic!("unknown op `{other}`"),
    }
}

/// Partial match of `actual` against `expected` (see the README); returns a description of
/// the first difference.
fn matches(expected: &Value, actual: &Value, path: &str) -> std::result::Result<(), String> {
    let fail = |why: &str| Err(format!("{path}: {why}: expected {expected}, got {actual}"));
    if let Value::Object(e) = expected {
        if let Some(n) = e.get("$len") {
            return match actual.as_array() {
                Some(a) if Some(a.len() as u64) == n.as_u64() => Ok(()),
                _ => fail("length differs"),
            };
        }
        if let Some(x) = e.get("$contains") {
            return match actual.as_array() {
                Some(a) if a.iter().any(|v| matches(x, v, path).is_ok()) => Ok(()),
                _ => fail("no element matches"),
            };
        }
        if let Some(x) = e.get("$none") {
            return match actual.as_array() {
                Some(a) if !a.iter().any(|v| matches(x, v, path).is_ok()) => Ok(()),
                _ => fail("an element matches"),
            };
        }
        if let Some(n) = e.get("$gte") {
            return match (actual.as_f64(), n.as_f64()) {
                (Some(a), Some(n)) if a >= n => Ok(()),
                _ => fail("not >="),
            };
        }
        if let Some(s) = e.get("$contains_text") {
            return match (actual.as_str(), s.as_str()) {
                (Some(a), Some(s)) if a.contains(s) => Ok(()),
                _ => fail("text not contained"),
            };
        }
        if e.get("$absent").is_some() {
            return if actual.is_null() {
                Ok(())
            } else {
                fail("present")
            };
        }
        let Some(a) = actual.as_object() else {
            return fail("not an object");
        };
        for (key, value) in e {
            let got = a.get(key).unwrap_or(&Value::Null);
            matches(value, got, &format!("{path}/{key}"))?;
        }
        return Ok(());
    }
    match (expected, actual) {
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return fail("array length differs");
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                matches(x, y, &format!("{path}/{i}"))?;
            }
            Ok(())
        }
        (Value::Number(e), Value::Number(a)) => match (e.as_f64(), a.as_f64()) {
            (Some(x), Some(y)) if (x - y).abs() <= 1e-9 => Ok(()),
            _ => fail("numbers differ"),
        },
        _ if expected == actual => Ok(()),
        _ => fail("values differ"),
    }
}

fn substitute(value: &Value, saved: &HashMap<String, Value>) -> Value {
    match value {
        Value::String(s) if s.starts_with('$') => {
            saved.get(&s[1..]).cloned().unwrap_or_else(|| value.clone())
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| substitute(v, saved)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), substitute(v, saved)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The vector's catalogue, and its file for a `copy:` fixture (a writable copy of a file of
/// the vectors folder, in a new temporary folder).
fn fixture(spec: &Value, vector: &Path) -> (Catalog, Option<PathBuf>) {
    if let Some(source) = spec.as_str().and_then(|s| s.strip_prefix("copy:")) {
        let name = vector.file_stem().expect("vector name").to_string_lossy();
        let dir =
            std::env::temp_dir().join(format!("pubcat-conformance-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let file = dir.join("catalog.db");
        std::fs::copy(vectors_dir().join(source), &file).expect("fixture file copied");
        return (
            Catalog::open(&file).expect("fixture copy opens"),
            Some(file),
        );
    }
    let catalog = Catalog::open_in_memory().expect("in-memory catalogue");
    match spec {
        Value::String(s) if s == "demo" => {
            catalog.load_demo().expect("demo loads");
        }
        Value::String(s) if s == "empty" => {}
        Value::Object(_) => {
            let doc = CatalogDocument::parse(&spec.to_string()).expect("inline fixture parses");
            catalog
                .import_document(&doc)
                .expect("inline fixture imports");
        }
        other => panic!("unknown fixture {other}"),
    }
    (catalog, None)
}

fn run_file(path: &Path) -> Vec<String> {
    let case: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable vector"))
            .expect("valid JSON vector");
    let (catalog, own_file) = fixture(&case["fixture"], path);
    let mut replica = None; // the second catalogue of the sync operations
    let mut saved = HashMap::new();
    let mut failures = Vec::new();
    for (i, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
        let op = step["op"].as_str().expect("op");
        let args = substitute(step.get("args").unwrap_or(&json!({})), &saved);
        let where_ = format!(
            "{} step {} ({op})",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            i + 1
        );
        let outcome = sync_ops::call(&catalog, &mut replica, op, &args)
            .unwrap_or_else(|| call(&catalog, own_file.as_deref(), op, &args));
        match (outcome, step.get("expect_error")) {
            (Ok(result), None) => {
                if let Some(expected) = step.get("expect") {
                    if let Err(diff) = matches(expected, &result, "") {
                        failures.push(format!("{where_}: {diff}"));
                    }
                }
                if let Some(Value::Object(save)) = step.get("save") {
                    for (name, pointer) in save {
                        let value = result
                            .pointer(pointer.as_str().unwrap_or(""))
                            .cloned()
                            .unwrap_or(Value::Null);
                        saved.insert(name.clone(), value);
                    }
                }
            }
            (Ok(result), Some(kind)) => {
                failures.push(format!("{where_}: expected error {kind}, got {result}"))
            }
            (Err(err), Some(kind)) => {
                if err.kind().code() != kind.as_str().unwrap_or_default() {
                    failures.push(format!(
                        "{where_}: expected error {kind}, got {} ({err})",
                        err.kind()
                    ));
                }
            }
            (Err(err), None) => {
                failures.push(format!("{where_}: unexpected error {} ({err})", err.kind()))
            }
        }
    }
    drop(catalog);
    if let Some(dir) = own_file.as_deref().and_then(Path::parent) {
        let _ = std::fs::remove_dir_all(dir);
    }
    failures
}

#[test]
fn every_conformance_vector_passes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("vectors folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 7,
        "expected the conformance vectors, found {}",
        files.len()
    );
    let fixture_files: Vec<PathBuf> = std::fs::read_dir(vectors_dir().join("files"))
        .expect("files folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let before: Vec<Vec<u8>> = fixture_files
        .iter()
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    let mut failures = Vec::new();
    let mut steps = 0;
    for file in &files {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("readable")).expect("json");
        steps += case["steps"].as_array().map_or(0, Vec::len);
        failures.extend(run_file(file));
    }
    let after: Vec<Vec<u8>> = fixture_files
        .iter()
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    assert!(before == after, "a conformance fixture file was modified");
    let leftovers: Vec<_> = std::fs::read_dir(vectors_dir().join("files"))
        .expect("files")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.path().to_string_lossy().ends_with("-wal")
                || e.path().to_string_lossy().ends_with("-shm")
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "opening fixtures left WAL files behind"
    );
    assert!(
        failures.is_empty(),
        "{} of {steps} conformance steps failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("conformance: {} files, {steps} steps passed", files.len());
}

#[test]
fn matcher_can_fail() {
    assert!(matches(&json!({"a": 1}), &json!({"a": 2}), "").is_err());
    assert!(matches(&json!([1]), &json!([1, 2]), "").is_err());
    assert!(matches(&json!({"$len": 2}), &json!([1]), "").is_err());
    assert!(matches(&json!({"$contains": 3}), &json!([1, 2]), "").is_err());
    assert!(matches(&json!({"$none": 1}), &json!([1, 2]), "").is_err());
    assert!(matches(&json!({"a": {"$absent": true}}), &json!({"a": 1}), "").is_err());
    assert!(matches(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "").is_ok());
}
