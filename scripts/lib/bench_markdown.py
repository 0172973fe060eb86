#!/usr/bin/env python3
"""Renders the results of `scripts/bench` (target/bench/results-N.json, and python-N.json
when `--python` ran) as the Markdown tables of docs/BENCHMARKS.md.

    python3 scripts/lib/bench_markdown.py target/bench > target/bench/BENCHMARKS-core.md
"""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Any, Dict, List


def load(folder: pathlib.Path, prefix: str) -> Dict[int, Dict[str, Any]]:
    out = {}
    for path in folder.glob(f"{prefix}-*.json"):
        try:
            size = int(path.stem.split("-")[-1])
        except ValueError:
            continue
        try:
            out[size] = json.loads(path.read_text())
        except json.JSONDecodeError:
            print(f"skipping {path}: not complete JSON (a run in progress?)", file=sys.stderr)
    return dict(sorted(out.items()))


def fmt_ms(ms: float) -> str:
    return f"{ms:,.3f}" if ms < 10 else f"{ms:,.1f}"


def fmt_ratio(ratio: Any) -> str:
    return "–" if ratio is None else f"{ratio:.2f}"


def typeahead_table(emit: Any, n: int, cases: List[Dict[str, Any]]) -> None:
    """The type-ahead cases (`typeahead/CLASS/PREFIX/ORDER`, and the ones timed once)."""
    emit(f"**Search as you type, {n:,} publications** — each prefix of the five words typed "
         "one letter at a time; baseline: the same expression ranked by FTS5, top 20")
    emit("")
    emit("| word | prefix | order | hits | pubcat p50 | pubcat p95 | ranked top 20 p50 | ratio | reps |")
    emit("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    once = []
    for c in cases:
        parts = c["name"].split("/")
        if len(parts) != 4:
            once.append(c)
            continue
        _, word, prefix, order = parts
        same = "" if c["same_answer"] else " (answers differ)"
        emit(f"| {word} | `{prefix}` | {order} | {c['total']:,} | {fmt_ms(c['pubcat_p50_ms'])} | "
             f"{fmt_ms(c['pubcat_p95_ms'])} | {fmt_ms(c['baseline_p50_ms'])} | "
             f"{fmt_ratio(c['ratio'])}{same} | {c['reps']} |")
    emit("")
    worst = max((c for c in cases if len(c["name"].split("/")) == 4),
                key=lambda c: c["pubcat_p95_ms"], default=None)
    if worst:
        emit(f"Slowest prefix: `{worst['name']}`, p95 {fmt_ms(worst['pubcat_p95_ms'])} ms.")
    for c in once:
        emit(f"{c['name']}: {fmt_ms(c['pubcat_p50_ms'])} ms (wall clock, timed once).")
    emit("")


def main() -> int:
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench")
    results = load(folder, "results")
    if not results:
        print(f"no results-*.json in {folder}", file=sys.stderr)
        return 1
    lines: List[str] = []
    emit = lines.append
    first = next(iter(results.values()))
    m = first["machine"]
    emit(f"Machine: {m['cpu']} × {m['cores']} cores, {int(m['memory'].split()[0]) // 1024 // 1024 + 1} GiB, "
         f"Linux {m['kernel']}, {m['rustc']}, SQLite {m['sqlite']}, pubcat {m['pubcat']} "
         f"(commit {m['commit']}); load average at the start of each size: "
         + "; ".join(f"{n:,}: {r['machine']['load_average'].split()[0]}" for n, r in results.items()) + ".")
    emit("")
    emit("### Build (import of the generated JSON Lines file, full-text index included)")
    emit("")
    emit("| publications | JSONL | database | db / JSONL | pubcat | raw rusqlite | pubcat / raw (time) |")
    emit("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, r in results.items():
        b, raw = r.get("build"), r.get("baseline_build")
        if not b:
            continue
        rate = f"{b['publications_per_s']:,.0f}/s ({b['seconds']:.1f} s)"
        raw_rate = f"{raw['publications_per_s']:,.0f}/s ({raw['seconds']:.1f} s)" if raw else "–"
        ratio = f"{b['seconds'] / raw['seconds']:.2f}" if raw else "–"
        emit(f"| {n:,} | {r['jsonl_bytes'] / 1e6:,.1f} MB | {r['db_bytes'] / 1e6:,.1f} MB | "
             f"{r['db_to_jsonl']:.2f}× | {rate} | {raw_rate} | {ratio} |")
    emit("")
    emit("### Queries: p50 / p95 in ms of CPU time, and the p50 ratio pubcat / raw rusqlite SQL")
    emit("")
    for n, r in results.items():
        t = r["terms"]
        emit(f"**{n:,} publications** — terms: " + ", ".join(
            f"{k.replace('_', ' ')} `{v['term']}` ({v['docs']:,} publications)" for k, v in t.items()))
        emit("")
        emit("| case | matches | pubcat p50 | pubcat p95 | raw p50 | raw p95 | ratio | reps |")
        emit("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        typed = [c for c in r["cases"] if c["name"].startswith("typeahead/")]
        for c in r["cases"]:
            if c in typed:
                continue
            same = "" if c["same_answer"] else " (answers differ)"
            emit(f"| {c['name']} | {c['total']:,} | {fmt_ms(c['pubcat_p50_ms'])} | {fmt_ms(c['pubcat_p95_ms'])} | "
                 f"{fmt_ms(c['baseline_p50_ms'])} | {fmt_ms(c['baseline_p95_ms'])} | {fmt_ratio(c['ratio'])}{same} | "
                 f"{c['reps']} |")
        emit("")
        if typed:
            typeahead_table(emit, n, typed)
    if len(results) > 1:
        sizes = list(results)
        emit("### Growth: pubcat p50 (ms) by catalogue size")
        emit("")
        emit("| case | " + " | ".join(f"{n:,}" for n in sizes) + f" | ×{sizes[-1] // sizes[0]:,} size → × time |")
        emit("| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |")
        names = [c["name"] for c in results[sizes[0]]["cases"]]
        for name in names:
            row = []
            for n in sizes:
                case = next((c for c in results[n]["cases"] if c["name"] == name), None)
                row.append(case["pubcat_p50_ms"] if case else None)
            growth = f"{row[-1] / row[0]:,.1f}" if row[0] and row[-1] else "–"
            emit(f"| {name} | " + " | ".join(fmt_ms(v) if v is not None else "–" for v in row) + f" | {growth} |")
        emit("")
    python = load(folder, "python")
    if python:
        emit("### Python binding vs Python's sqlite3 and pandas (median wall time, same catalogue)")
        emit("")
        for n, p in python.items():
            v = p["versions"]
            emit(f"**{n:,} publications** — common word `{p['common']}`, rare word `{p['rare']}`; "
                 f"Python {v['python']}, pandas {v['pandas']}, Python's SQLite {v['python_sqlite']}")
            emit("")
            emit("| benchmark | pubcat | baseline | pubcat / baseline | target |")
            emit("| --- | ---: | ---: | ---: | --- |")
            for c in p["cases"]:
                emit(f"| {c['name']} | {fmt_ms(c['pubcat_p50_ms'])} ms | {fmt_ms(c['baseline_p50_ms'])} ms | "
                     f"{c['ratio']:.2f}× | {c['target']} |")
            emit("")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
