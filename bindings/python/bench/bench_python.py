"""Benchmarks of the Python package (not a test). Prints timings and ratios.

    python bindings/python/bench/bench_python.py [--n 100000] [--workdir /tmp/pubcat-bench]
    python bindings/python/bench/bench_python.py --db CATALOG --common WORD --rare WORD \
        [--json RESULTS.json]

Builds (once, cached in --workdir) a catalogue of N generated publications, or uses the
catalogue given by ``--db`` (``scripts/bench --python`` passes the one its Rust benchmark
built from ``pubcat generate``, with the common and rare terms it picked), then compares:
1. ``Catalog.search`` returning 100 hits as objects vs Python's ``sqlite3`` running the
   equivalent SQL into dicts;
2. ``Catalog.to_pandas()`` of every publication vs ``pandas.read_sql_query`` of one SQL
   statement returning the same information (``TABLE_SQL``: the list columns as
   ``group_concat`` text, one grouped pass per link table, checked against ``to_arrow()``
   before timing), and the same followed by splitting that text into lists;
3. full-text search (``Catalog.search``) vs ``pandas.Series.str.contains`` on the same data.

Python's sqlite3 only ever reads a *copy* made by ``Catalog.backup`` (never a live catalogue:
a second SQLite library in the same process can corrupt it).
"""

from __future__ import annotations

import argparse
import gc
import json
import itertools
import pathlib
import random
import sqlite3
import statistics
import sys
import time
from typing import Any, Callable, Dict, List, Tuple

import pandas as pd

import pubcat

# Domain words, placed at fixed ranks of a Zipf-distributed vocabulary of 20,000 generated
# words, so a query word matches a realistic share of the publications (cobalt: a few %).
DOMAIN = ("gold cobalt tin tantalum tungsten coltan mine miners artisanal supply chain due diligence "
          "conflict armed groups traders export province kivu ituri katanga tax road barrier militia "
          "smuggling cooperative certification audit survey women children health water police army "
          "border price market buyer refinery mercury concession license").split()
SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu".split()


def vocabulary(rnd: random.Random, size: int = 20_000) -> List[str]:
    words = list(dict.fromkeys(
        "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4))) for _ in range(size * 2)
    ))[:size]
    for i, word in enumerate(DOMAIN):
        words[50 + i * 7] = word  # ranks 50..~400
    return words


KINDS = ("report", "briefing", "map", "dataset", "article", "policy_brief", "working_paper")
LANGS = ("en", "fr", "nl")


def generate(n: int, seed: int = 7) -> Dict[str, Any]:
    """A native document with ``n`` publications (works of up to three languages), 1,000
    agents, 20 projects and 10 series."""
    rnd = random.Random(seed)
    words = vocabulary(rnd)
    cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))

    def text(k: int) -> str:
        return " ".join(rnd.choices(words, cum_weights=cum, k=k))

    agents = [{"uid": f"a{i}", "kind": "person" if i % 5 else "organization",
               "name": f"{rnd.choice(words).title()} {rnd.choice(words).title()} {i}"} for i in range(1000)]
    projects = [{"uid": f"proj{i}", "name": f"Project {rnd.choice(DOMAIN)} {i}"} for i in range(20)]
    series = [{"uid": f"s{i}", "name": f"Series {i}"} for i in range(10)]
    pubs: List[Dict[str, Any]] = []
    work = 0
    while len(pubs) < n:
        work += 1
        year = rnd.randint(1995, 2025)
        precision = rnd.random()
        date = (f"{year}" if precision < 0.5 else f"{year}-{rnd.randint(1, 12):02d}" if precision < 0.8
                else f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
        title = text(rnd.randint(4, 9))
        summary = text(rnd.randint(20, 60))
        base = {
            "kind": rnd.choice(KINDS), "date": date,
            "contributors": [{"agent": a, "role": "author"} for a in
                             dict.fromkeys(f"a{rnd.randrange(1000)}" for _ in range(rnd.randint(1, 3)))],
            "projects": [f"proj{rnd.randrange(20)}"] if rnd.random() < 0.4 else [],
        }
        if rnd.random() < 0.3:
            base["series"] = f"s{rnd.randrange(10)}"
        for j, lang in enumerate(LANGS[: rnd.choice((1, 1, 1, 2, 3))]):
            if len(pubs) >= n:
                break
            pubs.append({"uid": f"w{work}-{lang}", "work": f"w{work}", "language": lang, "original": j == 0,
                         "title": f"{title} ({lang})", "summary": summary, **base})
    return {"format": "pubcat", "version": 1, "agents": agents, "projects": projects,
            "series": series, "publications": pubs}


def compare(ours: Callable[[], Any], theirs: Callable[[], Any], repeat: int) -> Tuple[float, float]:
    """Median seconds of each over ``repeat`` runs, after a warm-up; the two alternate, so
    load from elsewhere on the machine affects both alike."""
    ours()
    theirs()
    a, b = [], []
    for _ in range(repeat):
        for fn, times in ((ours, a), (theirs, b)):
            gc.collect()
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


SEARCH_SQL = """
SELECT p.uid, w.uid AS work, p.title, p.language, p.kind, p.date_edtf AS date,
       CAST(substr(p.date_lower, 1, 4) AS INTEGER) AS year,
       (SELECT group_concat(a.name, '; ') FROM contribution c JOIN agent a ON a.id = c.agent_id
         WHERE c.publication_id = p.id AND c.role = 'author') AS authors,
       (SELECT group_concat(j.uid, '; ') FROM project_publication l JOIN project j ON j.id = l.project_id
         WHERE l.publication_id = p.id) AS projects,
       -f.rank AS score,
       snippet(publication_fts, 2, '<mark>', '</mark>', '…', 24) AS snippet
FROM publication_fts f JOIN publication p ON p.id = f.rowid JOIN work w ON w.id = p.work_id
WHERE publication_fts MATCH ? ORDER BY f.rank LIMIT 100
"""

# The information of ``Catalog.to_pandas()`` in one statement, written to be fast: each link
# table is read in one pass and grouped (``group_concat`` over rows ordered as pubcat orders
# them: authors by position, all contributors where none is an author, projects by name,
# concepts by uid, other versions original first then by language; concept labels in
# English, else the first language), then joined to the publications. The lists come out as
# "; "-joined text (NULL when empty), not lists.
SCHEMES = (("place", "places"), ("mineral", "minerals"), ("actor", "actors"), ("theme", "themes"))
LIST_COLUMNS = ["authors", "author_uids", "projects", *[c for s, p in SCHEMES for c in (p, f"{s}_uids")],
                "other_languages"]
TABLE_SQL = """
WITH lab AS MATERIALIZED (
  SELECT k.id, k.uid, k.scheme,
         coalesce((SELECT l.label FROM concept_label l WHERE l.concept_id = k.id AND l.preferred = 1
                   ORDER BY l.language <> 'en', l.language LIMIT 1), k.uid) AS label
  FROM concept k),
tags AS MATERIALIZED (
  SELECT publication_id, """ + ",\n    ".join(
    f"group_concat(CASE scheme WHEN '{s}' THEN label END, '; ') AS {p}, "
    f"group_concat(CASE scheme WHEN '{s}' THEN uid END, '; ') AS {s}_uids" for s, p in SCHEMES) + """
  FROM (SELECT pc.publication_id, t.scheme, t.uid, t.label FROM publication_concept pc
        JOIN lab t ON t.id = pc.concept_id ORDER BY pc.publication_id, t.uid)
  GROUP BY publication_id),
contributors AS MATERIALIZED (
  SELECT publication_id,
         coalesce(group_concat(CASE WHEN role = 'author' THEN name END, '; '), group_concat(name, '; ')) AS authors,
         coalesce(group_concat(CASE WHEN role = 'author' THEN uid END, '; '), group_concat(uid, '; ')) AS author_uids
  FROM (SELECT c.publication_id, c.role, a.name, a.uid FROM contribution c JOIN agent a ON a.id = c.agent_id
        ORDER BY c.publication_id, c.position)
  GROUP BY publication_id),
projects AS MATERIALIZED (
  SELECT publication_id, group_concat(uid, '; ') AS projects
  FROM (SELECT l.publication_id, j.uid FROM project_publication l JOIN project j ON j.id = l.project_id
        ORDER BY l.publication_id, j.name)
  GROUP BY publication_id),
versions AS MATERIALIZED (
  SELECT id AS publication_id, group_concat(language, '; ') AS other_languages
  FROM (SELECT p.id, o.language FROM publication p JOIN publication o ON o.work_id = p.work_id AND o.id <> p.id
        ORDER BY p.id, o.is_original DESC, o.language)
  GROUP BY id)
SELECT p.uid, w.uid AS work, p.language, p.title, p.kind, p.date_edtf AS date,
       CAST(substr(p.date_lower, 1, 4) AS INTEGER) AS year, p.date_lower, p.date_upper,
       x.uid AS series, p.series_number, p.pages,
       c.authors, c.author_uids, j.projects, """ + ", ".join(f"t.{p}, t.{s}_uids" for s, p in SCHEMES) + """,
       v.other_languages, p.summary
FROM publication p JOIN work w ON w.id = p.work_id LEFT JOIN series x ON x.id = p.series_id
LEFT JOIN contributors c ON c.publication_id = p.id LEFT JOIN projects j ON j.publication_id = p.id
LEFT JOIN tags t ON t.publication_id = p.id LEFT JOIN versions v ON v.publication_id = p.id
ORDER BY p.date_lower DESC, p.id DESC
"""


def split_lists(df: pd.DataFrame) -> pd.DataFrame:
    """The baseline's "; "-joined columns as lists (empty for NULL), as pubcat gives them."""
    for column in LIST_COLUMNS:
        df[column] = [text.split("; ") if isinstance(text, str) and text else [] for text in df[column]]
    return df


def check_same_information(cat: "pubcat.Catalog", conn: sqlite3.Connection) -> None:
    """Fails unless the baseline returns what ``to_arrow()`` returns (uids in the same order,
    every list column equal), so the comparison is fair."""
    ours = cat.to_arrow().to_pydict()
    theirs = split_lists(pd.read_sql_query(TABLE_SQL, conn))
    assert ours["uid"] == list(theirs["uid"]), "baseline rows in another order"
    for column in LIST_COLUMNS:
        differ = sum(a != b for a, b in zip(ours[column], theirs[column]))
        assert differ == 0, f"baseline {column} differs on {differ} rows"
    print(f"baseline checked: same rows, same {len(LIST_COLUMNS)} list columns")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="publications to generate")
    parser.add_argument("--workdir", default="/tmp/pubcat-bench", help="where the catalogues are kept")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="use this existing catalogue instead of generating one")
    parser.add_argument("--common", default="cobalt", help="a common word of the catalogue")
    parser.add_argument("--rare", help="a rare word of the catalogue (default: the generator's)")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    args = parser.parse_args()
    workdir = pathlib.Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if args.db:
        db = pathlib.Path(args.db)
        copy = workdir / f"{db.stem}-copy.db"
    else:
        db = workdir / f"bench-v2-{args.n}.db"
        copy = workdir / f"bench-v2-{args.n}-copy.db"
    if not args.db and not db.exists():
        start = time.perf_counter()
        doc = generate(args.n)
        with pubcat.Catalog(db) as cat:
            cat.import_document(doc)
        print(f"generated and imported {args.n} publications in {time.perf_counter() - start:.1f} s")
    if copy.exists():
        copy.unlink()
    cat = pubcat.Catalog(db)
    cat.backup(copy)  # Python's sqlite3 reads only this copy
    print(f"catalogue: {cat.stats()!r}; pubcat {pubcat.__version__}, pandas {pd.__version__}, "
          f"Python {sys.version.split()[0]}, SQLite (Python) {sqlite3.sqlite_version}")

    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    rows: List[str] = []
    cases: List[Dict[str, Any]] = []
    size = cat.stats().publications

    def report(name: str, times: Tuple[float, float], target: str) -> None:
        ours, theirs = times
        ratio = ours / theirs
        line = f"| {name} | {ours * 1e3:.2f} ms | {theirs * 1e3:.2f} ms | {ratio:.2f}× | {target} |"
        rows.append(line)
        cases.append({"name": name, "pubcat_p50_ms": ours * 1e3, "baseline_p50_ms": theirs * 1e3,
                      "ratio": ratio, "target": target})
        print(line, flush=True)

    print("| benchmark | pubcat | baseline | pubcat / baseline | target |")
    print("| --- | --- | --- | --- | --- |")

    # A common word (a domain word near rank 60 of the Zipf vocabulary: ~7% of publications)
    # and a rare one (rank 5,000: ~0.1%).
    rare = args.rare or vocabulary(random.Random(7))[5000]
    common = args.common
    words = ((common, "common"), (rare, "rare"))

    # 1. 100 hits as objects vs sqlite3 into dicts.
    for word, label in words:
        def ours_search(word: str = word) -> None:
            for hit in cat.search(word, limit=100):
                (hit.uid, hit.title, hit.date, hit.authors, hit.projects, hit.score)

        def theirs_search(word: str = word) -> None:
            for row in conn.execute(SEARCH_SQL, (word,)):
                d = dict(row)
                (d["uid"], d["title"], d["date"], d["authors"], d["projects"], d["score"])

        total = cat.search(word, limit=0).total
        report(f"search({label} word, {total} matches, limit=100): hits as objects vs sqlite3 → dicts",
               compare(ours_search, theirs_search, args.repeat * 4), "≤ 1.05×")
    report(f"binding overhead: search({common!r}, limit=100) as objects vs the core's dicts (_native.search)",
           compare(lambda: [h.authors for h in cat.search(common, limit=100)],
                   lambda: cat._native.search({"text": common, "limit": 100}), args.repeat * 4), "–")

    # 2. every publication to pandas vs read_sql_query of the same information.
    check_same_information(cat, conn)
    read_sql = lambda: pd.read_sql_query(TABLE_SQL, conn)  # noqa: E731
    report(f"to_pandas() of {size} publications vs pandas.read_sql_query (lists as group_concat text)",
           compare(lambda: cat.to_pandas(), read_sql, args.repeat), "≤ 0.33×")
    report(f"to_pandas() of {size} publications vs read_sql_query, then its text split into lists",
           compare(lambda: cat.to_pandas(), lambda: split_lists(read_sql()), args.repeat), "–")
    report(f"to_arrow() of {size} publications vs pandas.read_sql_query (lists as group_concat text)",
           compare(lambda: cat.to_arrow(), read_sql, args.repeat), "–")

    # 3. text search vs str.contains over the same DataFrame (title and summary).
    df = cat.to_pandas()
    for word, label in words:
        def contains(word: str = word) -> int:
            mask = df["title"].str.contains(word, case=False, regex=False) | \
                df["summary"].str.contains(word, case=False, regex=False)
            return int(mask.sum())

        report(f"text search ({label} word): search(limit=100) vs Series.str.contains",
               compare(lambda w=word: cat.search(w, limit=100), contains, args.repeat), "≤ 0.01× (≥ 100× faster)")
        report(f"text search ({label} word): search(limit=0), count only, vs Series.str.contains",
               compare(lambda w=word: cat.search(w, limit=0), contains, args.repeat), "–")
        report(f"text search ({label} word): to_arrow(word), every match, vs Series.str.contains",
               compare(lambda w=word: cat.to_arrow(w), contains, args.repeat), "–")
        print(f"(matches for {word!r}: pubcat {cat.search(word, limit=0).total}, str.contains {contains()}; "
              "str.contains also matches inside longer words)")

    conn.close()
    cat.close()
    copy.unlink()
    (workdir / "results.md").write_text("\n".join(rows) + "\n")
    if args.json:
        versions = {"pubcat": pubcat.__version__, "pandas": pd.__version__,
                    "python": sys.version.split()[0], "python_sqlite": sqlite3.sqlite_version}
        pathlib.Path(args.json).write_text(json.dumps(
            {"size": size, "common": common, "rare": rare, "versions": versions, "cases": cases},
            indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
