//! The sync operations of the conformance vectors (tests/conformance/README.md), for the Rust
//! runner: `export_changes` on the vector's catalogue (the delta file as text), and the
//! `replica_*` operations on a second catalogue, a new in-memory one made at its first use.

use pubcat::sync::ConflictPolicy;
use pubcat::{Catalog, Error, Result};
use serde_json::Value;

/// Runs `op` if it is a sync operation (`None` otherwise).
pub fn call(
    source: &Catalog,
    replica: &mut Option<Catalog>,
    op: &str,
    args: &Value,
) -> Option<Result<Value>> {
    const OPS: [&str; 5] = [
        "export_changes",
        "replica_apply",
        "replica_set_field",
        "replica_publication",
        "replica_matches",
    ];
    if !OPS.contains(&op) {
        return None;
    }
    let text = |name: &str| {
        args.get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Some((|| -> Result<Value> {
        let rep = |replica: &mut Option<Catalog>| -> Result<()> {
            if replica.is_none() {
                *replica = Some(Catalog::open_in_memory()?);
            }
            Ok(())
        };
        match op {
            "export_changes" => {
                let since = args
                    .get("since_version")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                let mut out = Vec::new();
                source.export_changes(since, &mut out)?;
                Ok(Value::String(
                    String::from_utf8(out).map_err(|e| Error::invalid("delta", e.to_string()))?,
                ))
            }
            "replica_apply" => {
                rep(replica)?;
                let mut data = text("text").into_bytes();
                let cut = args.get("cut").and_then(Value::as_u64).unwrap_or(0) as usize;
                data.truncate(data.len().saturating_sub(cut));
                if let Some(at) = args.get("flip").and_then(Value::as_u64) {
                    if let Some(b) = data.get_mut(at as usize) {
                        *b ^= 1;
                    }
                }
                let policy: ConflictPolicy = match args.get("on_conflict").and_then(Value::as_str) {
                    Some(code) => code.parse()?,
                    None => ConflictPolicy::Refuse,
                };
                let applied = replica
                    .as_ref()
                    .map(|r| r.apply_changes(&mut data.as_slice(), policy));
                to_json(applied.ok_or(Error::Closed)??)
            }
            "replica_set_field" => {
                rep(replica)?;
                let r = replica.as_ref().ok_or(Error::Closed)?;
                to_json(r.set_field(&text("uid"), &text("field"), &text("value"))?)
            }
            "replica_publication" => {
                rep(replica)?;
                let r = replica.as_ref().ok_or(Error::Closed)?;
                to_json(r.publication(&text("uid"))?)
            }
            "replica_matches" => {
                rep(replica)?;
                let r = replica.as_ref().ok_or(Error::Closed)?;
                Ok(Value::Bool(
                    to_json(r.export_document()?)? == to_json(source.export_document()?)?,
                ))
            }
            _ => Err(Error::invalid("op", "not a sync operation")),
        }
    })())
}

fn to_json<T: serde::Serialize>(value: T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::invalid("result", e.to_string()))
}
