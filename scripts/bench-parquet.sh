#!/usr/bin/env bash
# The Parquet figures of docs/SCALE.md and docs/BENCHMARKS.md: a generated catalogue of N
# publications (default 1,000,000), exported with `pubcat export --format parquet`, then
# grouped by DuckDB (the project venv's `duckdb`) and, for comparison, by pubcat's own facets.
#
# Usage: scripts/bench-parquet.sh [--count N] [--dir DIR] [--keep] [--pubcat BIN]
#   --pubcat  a release `pubcat` binary to use (default: cargo build --release -p pubcat-cli)
#   --dir   where the catalogue and the export go (default target/scale; about 3.5 GB at 1M)
#   --keep  keep the catalogue and the export (by default the catalogue is kept for a rerun,
#           which then skips the import; the export is removed)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
count=1000000
dir="$repo/target/scale"
keep=0
pubcat=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --dir) dir="$(realpath -m "$2")"; shift 2 ;;
    --keep) keep=1; shift ;;
    --pubcat) pubcat="$(realpath "$2")"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "bench-parquet: unknown argument $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=lib/ensure-python.sh
source scripts/lib/ensure-python.sh
py="$PUBCAT_VENV/bin/python"
if [[ -z "$pubcat" ]]; then
  cargo build -q --release -p pubcat-cli
  pubcat="${CARGO_TARGET_DIR:-$repo/target}/release/pubcat"
fi
mkdir -p "$dir"
db="$dir/catalogue-$count.db"
out="$dir/parquet-$count"
if [[ ! -f "$db" ]]; then
  echo "import: pubcat generate --count $count --seed 1 | pubcat import -"
  t0=$(date +%s.%N)
  "$pubcat" generate --count "$count" --seed 1 --out - | "$pubcat" --db "$db.tmp" import - --no-tag >/dev/null
  mv "$db.tmp" "$db"
  echo "import: $(echo "$(date +%s.%N) - $t0" | bc) s"
fi
rm -rf "$out"
echo "export: pubcat --db $db export --format parquet --out $out"
/usr/bin/time -f "export: %e s wall, %U s user, %S s system, %M KB max RSS" "$pubcat" --db "$db" export --format parquet --out "$out"
du -b "$out"/*.parquet
echo "catalogue: $(du -b "$db" | cut -f1) bytes"
"$py" - "$out" "$pubcat" "$db" <<'PY'
import statistics, subprocess, sys, time
import duckdb
out, pubcat, db = sys.argv[1:4]
p = f"read_parquet('{out}/publications.parquet')"
queries = {
    "publications per year and language": f"SELECT year, language, count(*) FROM {p} GROUP BY ALL",
    "publications per kind": f"SELECT kind, count(*) FROM {p} GROUP BY ALL",
    "publications per theme (unnest a list)": f"SELECT t, count(*) FROM (SELECT unnest(theme_uids) AS t FROM {p}) GROUP BY t",
    "publications per place, narrower places included (join concepts.parquet)":
        f"SELECT place, count(DISTINCT uid) FROM (SELECT x.uid, unnest(list_prepend(c.uid, c.ancestors)) AS place "
        f"FROM (SELECT uid, unnest(place_uids) AS tag FROM {p}) x "
        f"JOIN '{out}/concepts.parquet' c ON c.uid = x.tag) GROUP BY place",
}
con = duckdb.connect()
threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
print(f"duckdb {duckdb.__version__}, {threads} threads")
for name, sql in queries.items():
    times = []
    for i in range(6):
        t0 = time.perf_counter()
        rows = con.execute(sql).fetchall()
        times.append(time.perf_counter() - t0)
    print(f"duckdb: {name}: first {times[0]*1000:.0f} ms, median of the next 5 {statistics.median(times[1:])*1000:.0f} ms ({len(rows)} groups)")
import polars as pl
scan = pl.scan_parquet(f"{out}/publications.parquet")
plans = {
    "publications per year and language": lambda: scan.group_by("year", "language").len().collect(),
    "publications per theme (explode a list)": lambda: scan.select("theme_uids").explode("theme_uids").group_by("theme_uids").len().collect(),
}
print(f"polars {pl.__version__}")
for name, run in plans.items():
    times = []
    for i in range(6):
        t0 = time.perf_counter()
        frame = run()
        times.append(time.perf_counter() - t0)
    print(f"polars: {name}: first {times[0]*1000:.0f} ms, median of the next 5 {statistics.median(times[1:])*1000:.0f} ms ({frame.height} groups)")
for facets in ["year,language", "theme"]:
    times = []
    for i in range(3):
        t0 = time.perf_counter()
        subprocess.run([pubcat, "--db", db, "search", "--facets", facets, "--limit", "0", "--json"],
                       check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    print(f"pubcat search --facets {facets} --limit 0 (a process each): median {statistics.median(times)*1000:.0f} ms of 3")
PY
if [[ $keep -eq 0 ]]; then rm -rf "$out"; fi
