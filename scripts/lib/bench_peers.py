#!/usr/bin/env python3
"""pubcat against its peers (crates/pubcat-peer-bench): merges a peer run into the main
bench's results, and renders the "Peers" tables of docs/BENCHMARKS.md.

    python3 scripts/lib/bench_peers.py merge target/bench/results-N.json target/bench/peers-N.json
    python3 scripts/lib/bench_peers.py markdown target/bench > target/bench/BENCHMARKS-peers.md

`merge` adds to every ranked case of results-N.json that the peer run measured:
`tantivy_p50_ms`, `tantivy_p95_ms`, `tantivy_top_only_p50_ms`, `tantivy_total`,
`tantivy_overlap`, `fts5_only_p50_ms`, `fts5_only_p95_ms`, `fts5_only_total`,
`fts5_only_overlap`, and the ratios of the peer run (pubcat timed alternately with the peers
in that run: `peer_run_pubcat_p50_ms`, `pubcat_to_tantivy`, `pubcat_to_fts5_only`); and at the
top level `fts5_only_build` and `tantivy_build` (shaped like `build`: `seconds`,
`publications_per_s`, `db_bytes`, ...; null when the peer run reused its builds) and `peers`
(sizes, load, the text check). With the in-file spike (issue 15, item 5): `tantivy_in_file_*`
on each ranked case, and `tantivy_in_file_build` at the top level.
"""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Any, Dict, List, Optional

CASE_FIELDS = [
    "tantivy_p50_ms", "tantivy_p95_ms", "tantivy_top_only_p50_ms", "tantivy_total", "tantivy_overlap",
    "fts5_only_p50_ms", "fts5_only_p95_ms", "fts5_only_total", "fts5_only_overlap",
    "pubcat_to_tantivy", "pubcat_to_fts5_only",
    "tantivy_in_file_p50_ms", "tantivy_in_file_p95_ms", "tantivy_in_file_total",
    "tantivy_in_file_overlap_with_tantivy", "pubcat_to_tantivy_in_file",
]

# Issue 15's targets for the peers' comparison.
RANKED_TARGET = 3.0   # every ranked case <= 3x tantivy's p50 (at 100k and 1M)
BUILD_TARGET = 1.5    # pubcat's build <= 1.5x the FTS5-only floor's time
SIZE_TARGET = 1.5     # the catalogue file <= 1.5x its JSON Lines


def merge(results_path: pathlib.Path, peers_path: pathlib.Path) -> None:
    results = json.loads(results_path.read_text())
    peers = json.loads(peers_path.read_text())
    by_name = {c["name"]: c for c in peers.get("cases", [])}
    for case in results.get("cases", []):
        p = by_name.get(case["name"])
        if p is None:
            continue
        for field in CASE_FIELDS:
            case[field] = p.get(field)
        case["peer_run_pubcat_p50_ms"] = p["pubcat_p50_ms"]
    results["fts5_only_build"] = peers.get("fts5_only_build")
    results["tantivy_build"] = peers.get("tantivy_build")
    results["tantivy_in_file_build"] = peers.get("tantivy_in_file_build")
    results["peers"] = {
        key: peers.get(key)
        for key in ("machine", "load_average_at_end", "pubcat_db_bytes", "fts5_only_db_bytes",
                    "tantivy_index_bytes", "tantivy_segments", "tantivy_memory_budget_bytes",
                    "tantivy_indexing_threads", "pubcat_build", "text_check", "pubcat_fts5_bytes",
                    "tantivy_in_file_db_bytes", "tantivy_in_file_open")
    }
    tmp = results_path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results))
    tmp.replace(results_path)


def load(folder: pathlib.Path, prefix: str) -> Dict[int, Dict[str, Any]]:
    out = {}
    for path in folder.glob(f"{prefix}-*.json"):
        try:
            size = int(path.stem.split("-")[-1])
            out[size] = json.loads(path.read_text())
        except (ValueError, json.JSONDecodeError):
            print(f"skipping {path}", file=sys.stderr)
    return dict(sorted(out.items()))


def ms(v: Optional[float]) -> str:
    if v is None:
        return "–"
    return f"{v:,.3f}" if v < 10 else f"{v:,.1f}"


def ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return a / b if a is not None and b else None


def fx(v: Optional[float], digits: int = 2) -> str:
    if v is None:
        return "–"
    return f"{v:,.{digits}f}" if v < 100 else f"{v:,.0f}"


def mb(n: Optional[int]) -> str:
    return "–" if not n else f"{n / 1e6:,.1f} MB"


def rate(b: Optional[Dict[str, Any]]) -> str:
    if not b:
        return "–"
    return f"{b['publications_per_s']:,.0f}/s ({b['seconds']:.1f} s)"


def overlap(v: Optional[float]) -> str:
    return "–" if v is None else f"{v:.2f}"


def markdown(folder: pathlib.Path) -> int:
    peers = load(folder, "peers")
    if not peers:
        print(f"no peers-*.json in {folder}", file=sys.stderr)
        return 1
    results = load(folder, "results")
    lines: List[str] = []
    emit = lines.append
    first = next(iter(peers.values()))
    m = first["machine"]
    emit(f"Machine: {m['cpu']} × {m['cores']} cores, {int(m['memory'].split()[0]) // 1024 // 1024 + 1} GiB, "
         f"Linux {m['kernel']}, {m['rustc']}, SQLite {m['sqlite']}, {m['tantivy']} (commit {m['commit']}); "
         "load average (1 min) at the start and the end of each peer run: "
         + "; ".join(f"{n:,}: {p['machine']['load_average'].split()[0]} → {p.get('load_average_at_end', float('nan')):.2f}"
                     for n, p in peers.items()) + ".")
    emit("")
    emit("#### Build and size (import of the same JSON Lines file, full-text index included)")
    emit("")
    emit("| publications | JSONL | pubcat | pubcat file (/ JSONL) | FTS5 only | FTS5-only file (/ JSONL) "
         "| tantivy (CPU s) | tantivy index | pubcat / FTS5 only (time) | pubcat / tantivy (time) |")
    emit("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, p in peers.items():
        r = results.get(n, {})
        jsonl = p["jsonl_bytes"]
        pub = p.get("pubcat_build") or r.get("build")  # the peer run's own build first
        fts, tv = p.get("fts5_only_build"), p.get("tantivy_build")
        pub_bytes = (pub or {}).get("db_bytes") or p.get("pubcat_db_bytes")
        fts_bytes = (fts or {}).get("db_bytes") or p.get("fts5_only_db_bytes")
        tv_bytes = (tv or {}).get("db_bytes") or p.get("tantivy_index_bytes")
        tv_rate = f"{rate(tv)}, {tv['cpu_seconds']:.1f} s CPU" if tv else "–"
        emit(f"| {n:,} | {mb(jsonl)} | {rate(pub)} | {mb(pub_bytes)} ({fx(ratio(pub_bytes, jsonl))}×) | "
             f"{rate(fts)} | {mb(fts_bytes)} ({fx(ratio(fts_bytes, jsonl))}×) | {tv_rate} | "
             f"{mb(tv_bytes)} ({p.get('tantivy_segments', '–')} segment{'' if p.get('tantivy_segments') == 1 else 's'}) | "
             f"{fx(ratio((pub or {}).get('seconds'), (fts or {}).get('seconds')))} | "
             f"{fx(ratio((pub or {}).get('seconds'), (tv or {}).get('seconds')))} |")
    emit("")
    emit("#### Ranked top-20: p50 / p95 in ms of CPU time, measured alternately in one run")
    emit("")
    for n, p in peers.items():
        t = p["terms"]
        check = p.get("text_check") or {}
        emit(f"**{n:,} publications** — terms: " + ", ".join(
            f"{k.replace('_', ' ')} `{v['term']}` ({v['docs']:,})" for k, v in t.items())
             + f"; searchable text identical to pubcat's for {check.get('compared', 0):,} sampled publications"
             + (f" (differs for {len(check['differ'])})" if check.get("differ") else ""))
        emit("")
        emit("| case | matches pubcat / FTS5 only / tantivy | pubcat | FTS5 only | tantivy | tantivy page only "
             "| pubcat / tantivy | pubcat / FTS5 only | FTS5 only / tantivy | top-20 overlap FTS5 only, tantivy | reps |")
        emit("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for c in p["cases"]:
            same = c["total"] == c["fts5_only_total"] == c["tantivy_total"]
            totals = f"{c['total']:,}" + (" (all three)" if same else
                                         f" / {c['fts5_only_total']:,} / {c['tantivy_total']:,}")
            emit(f"| {c['name']} | {totals} | {ms(c['pubcat_p50_ms'])} / {ms(c['pubcat_p95_ms'])} | "
                 f"{ms(c['fts5_only_p50_ms'])} / {ms(c['fts5_only_p95_ms'])} | "
                 f"{ms(c['tantivy_p50_ms'])} / {ms(c['tantivy_p95_ms'])} | {ms(c['tantivy_top_only_p50_ms'])} | "
                 f"{fx(c['pubcat_to_tantivy'], 1)} | {fx(c['pubcat_to_fts5_only'])} | "
                 f"{fx(ratio(c['fts5_only_p50_ms'], c['tantivy_p50_ms']), 1)} | "
                 f"{overlap(c['fts5_only_overlap'])}, {overlap(c['tantivy_overlap'])} | {c['reps']} |")
        emit("")
    if len(peers) > 1:
        sizes = list(peers)
        emit("#### Growth: p50 (ms) by catalogue size, pubcat / FTS5 only / tantivy")
        emit("")
        emit("| case | " + " | ".join(f"{n:,}" for n in sizes) + " |")
        emit("| --- | " + " | ".join("---:" for _ in sizes) + " |")
        for name in [c["name"] for c in peers[sizes[0]]["cases"]]:
            row = []
            for n in sizes:
                c = next((c for c in peers[n]["cases"] if c["name"] == name), None)
                row.append("–" if c is None else
                           f"{ms(c['pubcat_p50_ms'])} / {ms(c['fts5_only_p50_ms'])} / {ms(c['tantivy_p50_ms'])}")
            emit(f"| {name} | " + " | ".join(row) + " |")
        emit("")
    emit("#### Issue 15's targets against the peers")
    emit("")
    emit("| target | size | measured | met? |")
    emit("| --- | ---: | --- | --- |")
    for n, p in peers.items():
        if n >= 100_000:
            worst = max((c for c in p["cases"] if c["pubcat_to_tantivy"] is not None),
                        key=lambda c: c["pubcat_to_tantivy"], default=None)
            met = [c["name"].split("/")[1] for c in p["cases"]
                   if c["pubcat_to_tantivy"] is not None and c["pubcat_to_tantivy"] <= RANKED_TARGET]
            best = min((c for c in p["cases"] if c["pubcat_to_tantivy"] is not None),
                       key=lambda c: c["pubcat_to_tantivy"], default=None)
            if worst and best:
                emit(f"| every ranked case ≤ {RANKED_TARGET:g}× tantivy's p50 | {n:,} | "
                     f"best {best['name']} {best['pubcat_to_tantivy']:,.1f}×, worst {worst['name']} "
                     f"{worst['pubcat_to_tantivy']:,.1f}×; within: "
                     f"{', '.join(met) if met else 'none'} | {'yes' if len(met) == len(p['cases']) else '**no**'} |")
        if n >= 1_000_000:
            for name, limit in (("top20/common", 100), ("top20/very_common", 250)):
                c = next((c for c in p["cases"] if c["name"] == name), None)
                if c:
                    emit(f"| {name.split('/')[1].replace('_', ' ')} word ranked top 20 ≤ {limit} ms p50 | {n:,} | "
                         f"{ms(c['pubcat_p50_ms'])} ms (the FTS5-only floor {ms(c['fts5_only_p50_ms'])} ms, "
                         f"tantivy {ms(c['tantivy_p50_ms'])} ms) | {'yes' if c['pubcat_p50_ms'] <= limit else '**no**'} |")
        r = results.get(n, {})
        pub = p.get("pubcat_build") or r.get("build")  # the peer run's own build first
        fts = p.get("fts5_only_build")
        if pub and n == 100_000:
            emit(f"| build ≥ 15,000 publications/s | {n:,} | {pub['publications_per_s']:,.0f}/s (the FTS5-only "
                 f"floor: {(fts or {}).get('publications_per_s', 0):,.0f}/s) | "
                 f"{'yes' if pub['publications_per_s'] >= 15_000 else '**no**'} |")
        if pub and fts:
            x = pub["seconds"] / fts["seconds"]
            emit(f"| build ≤ {BUILD_TARGET:g}× the FTS5-only floor's time | {n:,} | "
                 f"{pub['seconds']:.1f} s vs {fts['seconds']:.1f} s: {x:.2f}× | {'yes' if x <= BUILD_TARGET else '**no**'} |")
        pub_bytes = (pub or {}).get("db_bytes") or p.get("pubcat_db_bytes")
        if pub_bytes:
            x = pub_bytes / p["jsonl_bytes"]
            fts_bytes = (fts or {}).get("db_bytes") or p.get("fts5_only_db_bytes")
            emit(f"| file ≤ {SIZE_TARGET:g}× JSONL | {n:,} | {x:.2f}× (the FTS5-only file: "
                 f"{fx(ratio(fts_bytes, p['jsonl_bytes']))}×) | {'yes' if x <= SIZE_TARGET else '**no**'} |")
    emit("")
    in_file(peers, emit)
    print("\n".join(lines))
    return 0


def in_file(peers: Dict[int, Dict[str, Any]], emit: Any) -> None:
    """The spike of issue 15, item 5: tantivy's index kept inside a SQLite file."""
    peers = {n: p for n, p in peers.items() if p.get("tantivy_in_file_db_bytes")}
    if not peers:
        return
    emit("#### The spike: tantivy's index inside a SQLite file (item 5)")
    emit("")
    emit("| publications | build into the file (CPU s) | file (/ JSONL) | open: read into memory | "
         "pubcat's FTS5 index (dbstat) | pubcat with it instead of FTS5 (/ JSONL, estimate) |")
    emit("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, p in peers.items():
        b = p.get("tantivy_in_file_build")
        jsonl = p["jsonl_bytes"]
        size = p["tantivy_in_file_db_bytes"]
        fts = p.get("pubcat_fts5_bytes")
        pub = (p.get("pubcat_build") or {}).get("db_bytes") or p.get("pubcat_db_bytes")
        estimate = pub - fts + size if pub and fts else None
        opened = p.get("tantivy_in_file_open") or {}
        built = f"{rate(b)}, {b['cpu_seconds']:.1f} s" if b else "– (reused)"
        emit(f"| {n:,} | {built} | {mb(size)} ({fx(ratio(size, jsonl))}×) | "
             f"{opened.get('seconds', 0):.2f} s ({mb(opened.get('index_bytes'))}) | {mb(fts)} | "
             f"{mb(estimate)} ({fx(ratio(estimate, jsonl))}×) |")
    emit("")
    emit("Ranked top 20, p50 / p95 ms, measured alternately with the columns above; \"in file\": tantivy "
         "read from the SQLite file (count, top 20) and the page's rows read from pubcat's `publication` table")
    emit("")
    emit("| case | size | matches | pubcat | in file | pubcat / in file | in file / tantivy | top-20 overlap with tantivy |")
    emit("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, p in peers.items():
        for c in p["cases"]:
            if c.get("tantivy_in_file_p50_ms") is None:
                continue
            emit(f"| {c['name']} | {n:,} | {c['tantivy_in_file_total']:,} | {ms(c['pubcat_p50_ms'])} | "
                 f"{ms(c['tantivy_in_file_p50_ms'])} / {ms(c['tantivy_in_file_p95_ms'])} | "
                 f"{fx(c['pubcat_to_tantivy_in_file'], 1)} | "
                 f"{fx(ratio(c['tantivy_in_file_p50_ms'], c['tantivy_p50_ms']))} | "
                 f"{overlap(c.get('tantivy_in_file_overlap_with_tantivy'))} |")
    emit("")
    typed = {n: p["typeahead"] for n, p in peers.items() if p.get("typeahead")}
    if typed:
        emit("Search as you type: each prefix of the five type-ahead words, from one letter; the in-file "
             "index asked for a ranked prefix (count and top 20), alternately with pubcat's "
             "`Catalog::type_ahead`; the slowest p95 (ms) by prefix length")
        emit("")
        emit("| size | prefix letters | prefixes | pubcat type-ahead, slowest p95 | in file, ranked prefix, slowest p95 | in file ≤ 50 ms p95 |")
        emit("| ---: | --- | ---: | ---: | ---: | --- |")
        for n, rows in typed.items():
            for label, test in (("1", lambda k: k == 1), ("2", lambda k: k == 2), ("3 and more", lambda k: k >= 3)):
                group = [r for r in rows if test(len(r["prefix"]))]
                if not group:
                    continue
                worst_p = max(group, key=lambda r: r["pubcat_p95_ms"])
                worst_i = max(group, key=lambda r: r["in_file_p95_ms"])
                within = sum(r["in_file_p95_ms"] <= 50 for r in group)
                emit(f"| {n:,} | {label} | {len(group)} | {ms(worst_p['pubcat_p95_ms'])} (`{worst_p['prefix']}`) | "
                     f"{ms(worst_i['in_file_p95_ms'])} (`{worst_i['prefix']}`) | {within} of {len(group)} |")
        emit("")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "merge":
        merge(pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]))
        return 0
    if len(sys.argv) in (2, 3) and sys.argv[1] == "markdown":
        return markdown(pathlib.Path(sys.argv[2] if len(sys.argv) == 3 else "target/bench"))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
