#!/usr/bin/env bash
# Regenerates the schema-dependent fixture files of tests/conformance/files/ (run it after a
# schema change): demo.db is `pubcat demo` converted to journal_mode=DELETE; newer.db has
# user_version 99; altered.db has an added trigger; drifted.db has a title and an agent count
# changed with plain SQL (index and count out of date); corrupt.db has the first 64 bytes of
# pages 5 to 30 overwritten with 0xA5. foreign.db and not-sqlite.db do not depend on the schema.
# Then updates SHA256SUMS. Usage: scripts/lib/make-conformance-files.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
files="$repo/tests/conformance/files"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build -q -p pubcat-cli
"${CARGO_TARGET_DIR:-$repo/target}/debug/pubcat" demo --db "$work/demo.db" > /dev/null
python3 - "$work" "$files" <<'PY'
import shutil, sqlite3, sys
work, files = sys.argv[1], sys.argv[2]
c = sqlite3.connect(f"{work}/demo.db")
c.execute("PRAGMA journal_mode=DELETE")
c.execute("VACUUM")
c.close()
shutil.copy(f"{work}/demo.db", f"{files}/demo.db")
# drifted.db: what another tool's plain SQL leaves (the two findings `repair` rebuilds): a
# publication retitled behind the full-text index's back, an agent's kept count deleted.
drift = """UPDATE publication SET title = 'Cassiterite convoys on the road to Bukavu'
               WHERE uid = 'ipis-dd-cobalt-3t-comparative-analysis';
           DELETE FROM agent_publication_count
               WHERE agent_id = (SELECT id FROM agent WHERE uid = 'levin-sources');"""
for name, sql in (("newer", "PRAGMA user_version = 99"),
                  ("altered", "CREATE TRIGGER evil AFTER INSERT ON work BEGIN DELETE FROM publication; END"),
                  ("drifted", drift)):
    shutil.copy(f"{work}/demo.db", f"{work}/{name}.db")
    c = sqlite3.connect(f"{work}/{name}.db")
    c.executescript(sql)
    c.commit()
    c.close()
    shutil.copy(f"{work}/{name}.db", f"{files}/{name}.db")
data = bytearray(open(f"{work}/demo.db", "rb").read())
for page in range(5, 31):
    start = (page - 1) * 4096
    if start + 64 <= len(data):
        data[start:start + 64] = b"\xa5" * 64
open(f"{files}/corrupt.db", "wb").write(bytes(data))
PY
(cd "$files" && sha256sum altered.db corrupt.db demo.db drifted.db foreign.db newer.db not-sqlite.db > SHA256SUMS)
echo "regenerated $(ls "$files" | tr '\n' ' ')"
