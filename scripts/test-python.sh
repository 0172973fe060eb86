#!/usr/bin/env bash
# Tests of the Python package, against the freshly built wheel:
#   1. the project venv (.venv, scripts/lib/ensure-python.sh: maturin, pytest, mypy, pandas,
#      pyarrow, matplotlib, nbclient, ipykernel, ...);
#   1b. the generated records are fresh: `bindings/python/tools/generate.py --check` builds the
#      JSON Schema from the Rust types (cargo, feature json-schema) and regenerates the schema
#      file, pubcat/_records.py and the stub's typed dicts into memory; any difference from the
#      committed files fails, naming the command that regenerates them;
#   1c. a generated catalogue (`pubcat generate`, 3,000 publications) for tests/test_parquet.py;
#   2. `maturin build --profile wheel --features test-panic` (with the default `parquet`
#      feature: `Catalog.to_parquet`) with its own target dir
#      (target/python: plain `cargo` builds never invalidate it, nor it theirs);
#   3. `pip install --force-reinstall --no-deps` of that wheel into the venv;
#   4. pytest over bindings/python/tests (API, errors, threads, frames, conformance vectors);
#   5. `python -m mypy.stubtest pubcat` (stubs against the compiled module);
#   6. examples/notebook.ipynb executed through a real Jupyter kernel (nbclient).
# Exits non-zero on any failure.
# Environment: PUBCAT_PY_TARGET_DIR (default target/python), PUBCAT_VENV (see ensure-python.sh).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

step() { echo; echo "---- python: $*"; }
t0=$SECONDS

step "virtualenv"
# shellcheck source=lib/ensure-python.sh
source scripts/lib/ensure-python.sh
py="$PUBCAT_VENV/bin/python"
echo "$PUBCAT_VENV ($("$py" --version))"

step "generated records match the Rust types (tools/generate.py --check)"
"$py" bindings/python/tools/generate.py --check

step "a generated catalogue for tests/test_parquet.py (pubcat generate, 3,000 publications)"
generated_dir="$(mktemp -d "${TMPDIR:-/tmp}/pubcat-generated.XXXXXX")"
trap 'rm -rf "$generated_dir"' EXIT
generated="$generated_dir/generated.jsonl"
cargo run -q -p pubcat-cli -- generate --count 3000 --seed 16 --out "$generated"
export PUBCAT_TEST_GENERATED="$generated"

step "build the wheel (maturin, profile 'wheel', features test-panic and parquet (default))"
export CARGO_TARGET_DIR="${PUBCAT_PY_TARGET_DIR:-$repo/target/python}"
wheels="$CARGO_TARGET_DIR/wheels"
mkdir -p "$wheels"
rm -f "$wheels"/pubcat-*.whl
(cd bindings/python && "$PUBCAT_VENV/bin/maturin" build --quiet --profile wheel --features test-panic \
    --interpreter "$py" --out "$wheels")
wheel=("$wheels"/pubcat-*.whl)
[[ -f "${wheel[0]}" ]] || { echo "no wheel was built" >&2; exit 1; }
echo "built ${wheel[0]##*/} ($(( SECONDS - t0 )) s so far)"

step "install the wheel"
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "${wheel[0]}"

# Run from a folder without a `pubcat` directory, so the installed package is what is tested.
work="$(mktemp -d "${TMPDIR:-/tmp}/pubcat-python-tests.XXXXXX")"
trap 'rm -rf "$work" "$generated_dir"' EXIT

step "pytest"
(cd "$work" && "$py" -m pytest -q -p no:cacheprovider --rootdir "$repo/bindings/python" \
    -c "$repo/bindings/python/pyproject.toml" "$repo/bindings/python/tests")

step "stubtest (type stubs against the compiled module)"
(cd "$work" && "$py" -m mypy.stubtest pubcat --mypy-config-file "$repo/bindings/python/pyproject.toml" \
    --allowlist "$repo/bindings/python/stubtest-allowlist.txt")

step "notebook (examples/notebook.ipynb through a Jupyter kernel)"
(cd "$work" && MPLBACKEND=Agg "$py" "$repo/bindings/python/tests/run_notebook.py" "$repo/examples/notebook.ipynb")

echo
echo "python: all steps passed in $(( SECONDS - t0 )) s"
