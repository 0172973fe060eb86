#!/usr/bin/env python3
"""What one index token per concept would cost, against pubcat's query-time expansion.

    python3 scripts/experiments/concept-token.py [CATALOGUE] [WORK_DB]

A measurement for issue 14's last figure (docs/BENCHMARKS.md, "Search expansion"), not part of
pubcat. A word that is a concept label (`taxation`) is searched today as
`("taxation" OR "Fiscalité" OR "Ushuru")`: FTS5 merges three doclists. The alternative is an
index-time synonym: a concept token written beside every label, so that the search reads one
doclist. pubcat cannot do that without an FTS5 tokenizer of its own (see the document); this
script emulates it with plain SQL: it copies the text columns of the catalogue's
`publication_search_doc` (default: the 100k benchmark catalogue) into two new FTS5 tables in
WORK_DB (default /tmp/pubcat-concept-token.db), with pubcat's tokenizer: `plain`, and
`colocated`, where every occurrence of a label of the taxation theme is followed by the
token `zzctaxation`. It then times, on `colocated`, the search without expansion, today's
expansion and the concept token: count, the 20 best by bm25, the 20 last rowids (the shape of
pubcat's walk along a sort index). CPU ms, median of the repetitions, Python's own SQLite
(same FTS5 algorithm as pubcat's bundled one; compare the rows with each other, not with
pubcat's figures). Never run it on a live catalogue: it only reads CATALOGUE, through ATTACH.
"""

import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

catalogue = sys.argv[1] if len(sys.argv) > 1 else "target/bench-data/pubcat-100000-s1.db"
work = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/pubcat-concept-token.db")
COLUMNS = "title, subtitle, summary, body, agents, concepts, context"
LABELS = re.compile(r"\b(taxation|fiscalit[eé]|ushuru)\b", re.I)  # the theme's labels (en, fr, sw)

work.unlink(missing_ok=True)
db = sqlite3.connect(f"file:{work}", uri=True)  # URIs on, for the read-only ATTACH
db.execute(f"ATTACH 'file:{catalogue}?mode=ro' AS s")


def colocate(text):
    """`text` with the token `zzctaxation` after every label of the theme."""
    return None if text is None else LABELS.sub(lambda m: m.group(0) + " zzctaxation", text)


db.create_function("colocate", 1, colocate, deterministic=True)
columns = COLUMNS.split(", ")
t = time.time()
db.execute(f"CREATE VIRTUAL TABLE colocated USING fts5({COLUMNS}, "
           "tokenize='unicode61 remove_diacritics 2')")
colocated = ", ".join(f"colocate({c})" for c in columns)
db.execute(f"INSERT INTO colocated(rowid, {COLUMNS}) "
           f"SELECT id, {colocated} FROM s.publication_search_doc")
db.execute("INSERT INTO colocated(colocated) VALUES('optimize')")
db.commit()
print(f"built the emulated index in {time.time() - t:.1f} s "
      f"(Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version})")


def ms(sql: str, match: str) -> float:
    start = time.process_time_ns()
    db.execute(sql, (match,)).fetchall()
    return (time.process_time_ns() - start) / 1e6


CASES = [
    ("without expansion", '"taxation"'),
    ("today: the labels OR'd", '("taxation" OR "Fiscalité" OR "Ushuru")'),
    ("one concept token", '"zzctaxation"'),
]
MATCHED = "SELECT {} FROM colocated WHERE colocated MATCH ?"
SHAPES = [
    ("count", MATCHED.format("count(*)"), 301),
    ("top 20 by bm25", MATCHED.format("rowid") + " ORDER BY rank LIMIT 20", 61),
    ("last 20 rowids", MATCHED.format("rowid") + " ORDER BY rowid DESC LIMIT 20", 301),
]
# The cases alternate within each repetition, so that the machine's slow spells touch all three.
for run in (1, 2):
    print(f"run {run} (CPU ms, median)")
    medians = {}
    for shape, sql, reps in SHAPES:
        times = {name: [] for name, _ in CASES}
        for _ in range(reps):
            for name, match in CASES:
                times[name].append(ms(sql, match))
        for name, _ in CASES:
            medians[name, shape] = statistics.median(times[name])
    for name, match in CASES:
        n = db.execute(MATCHED.format("count(*)"), (match,)).fetchone()[0]
        shown = "   ".join(f"{shape} {medians[name, shape]:8.3f}" for shape, _, _ in SHAPES)
        without = CASES[0][0]
        ratios = " ".join(f"{medians[name, shape] / medians[without, shape]:.2f}"
                          for shape, _, _ in SHAPES)
        print(f"  {name:24} {n:6} matches   {shown}   ratio to without: {ratios}")
db.close()
work.unlink(missing_ok=True)
