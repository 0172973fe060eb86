#!/usr/bin/env bash
# pubcat's citations against citeproc-js, the CSL reference processor (docs/CITATIONS.md):
# installs the npm packages `citeproc` and `@citation-js/plugin-csl` (its CSL locale files)
# into target/citeproc when missing, then runs the ignored test crates/pubcat/tests/cite_oracle.rs,
# which fails when agreement drops below the measured rates. The entries that differ are left
# in target/citeproc-differences.txt.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
prefix="$repo/target/citeproc"
citeproc_version=2.4.63
plugin_version=0.7.22
have() { sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1" 2>/dev/null | head -n1; }
if [[ "$(have "$prefix/node_modules/citeproc/package.json")" != "$citeproc_version" ||
      "$(have "$prefix/node_modules/@citation-js/plugin-csl/package.json")" != "$plugin_version" ]]; then
    command -v npm >/dev/null 2>&1 || { echo "test-citeproc: npm not found" >&2; exit 1; }
    mkdir -p "$prefix"
    # A package.json in the prefix keeps npm from walking up to another project.
    [[ -f "$prefix/package.json" ]] || printf '{ "private": true }\n' >"$prefix/package.json"
    npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
        "citeproc@$citeproc_version" "@citation-js/plugin-csl@$plugin_version" "@citation-js/core@0.7"
fi
PUBCAT_CITEPROC_NODE_PATH="$prefix/node_modules" \
    cargo test -q -p pubcat --test cite_oracle -- --ignored --nocapture
