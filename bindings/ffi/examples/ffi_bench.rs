//! The Rust side of the mobile benchmark (docs/BENCHMARKS.md, "Mobile"): the same calls as
//! `bindings/kotlin/src/bench/Bench.kt`, timed in Rust, on the same catalogue file.
//!
//! ```text
//! cargo run --release -p pubcat-ffi --example ffi-bench -- create build/bench/bench.db 2000
//! cargo run --release -p pubcat-ffi --example ffi-bench -- run build/bench/bench.db
//! ```
//! `run` times each call through the core (`pubcat::Catalog`) and through this crate's
//! `Catalog` (the core plus the conversion to the UniFFI records, without the FFI boundary).

#![allow(clippy::unwrap_used, missing_docs)]
// The benchmark calls the library's C functions (the ones the Kotlin bindings call) directly, to
// time the Rust half of the boundary; nothing else here is unsafe.
#![allow(unsafe_code)]

use std::hint::black_box;
use std::time::Instant;

use pubcat::model::{Agent, AgentKind, Contributor, Kind, Publication, Role};
use uniffi::{RustBuffer, RustCallStatus};

// The C functions the Kotlin bindings call (UniFFI's scaffolding in this library), called here
// from Rust: the Rust half of the boundary (catch_unwind, handle clone, lifting and lowering),
// without JNA and the JVM.
extern "C" {
    fn uniffi_pubcat_ffi_fn_constructor_catalog_open_read_only(
        path: RustBuffer,
        status: &mut RustCallStatus,
    ) -> u64;
    fn uniffi_pubcat_ffi_fn_clone_catalog(handle: u64, status: &mut RustCallStatus) -> u64;
    fn uniffi_pubcat_ffi_fn_free_catalog(handle: u64, status: &mut RustCallStatus);
    fn uniffi_pubcat_ffi_fn_method_catalog_version(handle: u64, status: &mut RustCallStatus)
        -> i64;
}

const WORDS: &[&str] = &[
    "cobalt",
    "gold",
    "tin",
    "tantalum",
    "tungsten",
    "mining",
    "artisanal",
    "supply",
    "chain",
    "conflict",
    "Kivu",
    "Ituri",
    "traceability",
    "due",
    "diligence",
    "cooperative",
    "export",
    "roadblock",
    "security",
    "governance",
    "women",
    "children",
    "trade",
    "market",
    "price",
];

/// A small deterministic generator (no dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn create(path: &str, count: usize) -> pubcat::Result<()> {
    let catalog = pubcat::Catalog::open(path)?;
    for (uid, name) in [
        ("ipis", "IPIS"),
        ("levin", "Levin Sources"),
        ("eu", "European Union"),
    ] {
        catalog.upsert_agent(&Agent::new(uid, AgentKind::Organization, name))?;
    }
    let mut rng = Lcg(42);
    for i in 0..count {
        let language = if i % 4 == 0 { "fr" } else { "en" };
        let mut p = Publication::new(
            format!("bench-{i:05}"),
            language,
            rng.words(6),
            Kind::Report,
        );
        p.date = Some(format!("{}", 2000 + rng.next() % 25));
        p.summary = Some(rng.words(60));
        p.contributors.push(Contributor::new(
            ["ipis", "levin", "eu"][rng.next() % 3],
            Role::Author,
        ));
        catalog.upsert_publication(&p)?;
    }
    catalog.close()
}

/// Median nanoseconds per call over `rounds` rounds of `calls` calls.
fn time(rounds: usize, calls: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..calls {
        f(); // warm-up
    }
    let mut per_call: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed().as_nanos() as f64 / calls as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[rounds / 2]
}

fn report(name: &str, ns: f64) {
    println!("{name:<44} {:>12.1} µs/call", ns / 1000.0);
}

fn run(path: &str) -> pubcat_ffi::Result<()> {
    let core = pubcat::Catalog::open_read_only(path)?;
    let ffi = pubcat_ffi::Catalog::open_read_only(path.to_owned())?;
    let q100 = pubcat::query::Query {
        limit: Some(100),
        ..Default::default()
    };
    let q100_ffi = pubcat_ffi::Query {
        limit: Some(100),
        ..Default::default()
    };
    let text = pubcat::query::Query {
        text: Some("cobalt".into()),
        limit: Some(100),
        ..Default::default()
    };
    let text_ffi = pubcat_ffi::Query {
        text: Some("cobalt".into()),
        limit: Some(100),
        ..Default::default()
    };
    assert_eq!(
        core.search(&q100)?.hits.len(),
        100,
        "the bench catalogue needs >= 100 publications"
    );

    println!("pubcat mobile benchmark, Rust side ({path})");
    report(
        "version()  core",
        time(15, 20_000, || {
            black_box(core.version().unwrap());
        }),
    );
    report(
        "version()  pubcat-ffi (no FFI boundary)",
        time(15, 20_000, || {
            black_box(ffi.version().unwrap());
        }),
    );
    // Through the C ABI, as the Kotlin bindings call it: clone the handle, call the method.
    // SAFETY: the signatures are those of UniFFI's scaffolding (see the Kotlin `UniffiLib`): a
    // String argument is a RustBuffer the callee frees, a handle is a u64, the call status is
    // written only on error. Each cloned handle is consumed by the method or freed once.
    let handle = unsafe {
        let mut status = RustCallStatus::default();
        let h = uniffi_pubcat_ffi_fn_constructor_catalog_open_read_only(
            RustBuffer::from_vec(path.as_bytes().to_vec()),
            &mut status,
        );
        assert_eq!(status.code, uniffi::RustCallStatusCode::Success);
        h
    };
    report(
        "clone+free handle  C ABI (2 calls)",
        // SAFETY: as above.
        time(15, 20_000, || unsafe {
            let mut status = RustCallStatus::default();
            let h = uniffi_pubcat_ffi_fn_clone_catalog(handle, &mut status);
            uniffi_pubcat_ffi_fn_free_catalog(black_box(h), &mut status);
        }),
    );
    report(
        "version()  C ABI (clone + method, 2 calls)",
        time(15, 20_000, || unsafe {
            let mut status = RustCallStatus::default();
            let h = uniffi_pubcat_ffi_fn_clone_catalog(handle, &mut status);
            black_box(uniffi_pubcat_ffi_fn_method_catalog_version(h, &mut status));
        }),
    );
    // SAFETY: as above; the handle is not used after this.
    unsafe { uniffi_pubcat_ffi_fn_free_catalog(handle, &mut RustCallStatus::default()) };
    report(
        "queryFromJson('{\"limit\": 100}')  pubcat-ffi",
        time(15, 20_000, || {
            black_box(pubcat_ffi::query_from_json(r#"{"limit": 100}"#.to_owned()).unwrap());
        }),
    );
    report(
        "search(limit 100)  core",
        time(15, 40, || {
            black_box(core.search(&q100).unwrap());
        }),
    );
    report(
        "search(limit 100)  pubcat-ffi",
        time(15, 40, || {
            black_box(ffi.search(q100_ffi.clone()).unwrap());
        }),
    );
    report(
        "search(\"cobalt\", limit 100)  core",
        time(15, 40, || {
            black_box(core.search(&text).unwrap());
        }),
    );
    report(
        "search(\"cobalt\", limit 100)  pubcat-ffi",
        time(15, 40, || {
            black_box(ffi.search(text_ffi.clone()).unwrap());
        }),
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["create", path, count] => create(path, count.parse().unwrap()).map_err(Into::into),
        ["run", path] => run(path),
        _ => {
            eprintln!("usage: ffi-bench create PATH COUNT | run PATH");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("ffi-bench: {e}");
        std::process::exit(1);
    }
}
