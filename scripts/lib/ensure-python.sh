#!/usr/bin/env bash
# Ensure the project's Python virtualenv exists and has the dev requirements.
#
#   scripts/lib/ensure-python.sh            # prints the venv path on success
#   VENV=$(scripts/lib/ensure-python.sh)    # typical use from other scripts
#   source scripts/lib/ensure-python.sh     # same, but exports PUBCAT_VENV and
#                                           # returns (never exits) instead of printing
#
# Environment:
#   PUBCAT_VENV    venv location (default: $REPO/.venv)
#   PUBCAT_PYTHON  interpreter used to create the venv (default: python3)
#
# Idempotent and fast when already done: `pip install` is skipped while the stamp
# file inside the venv holds the SHA-256 of bindings/python/requirements-dev.txt.
# Quiet unless something fails (then the captured log goes to stderr).
# Concurrent runs are serialised with flock on a lock file inside the venv dir.

# When executed (not sourced) the whole script is strict. When sourced, the
# work happens in a subshell function that is strict itself, so the caller's
# shell options are left alone.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
fi

_pubcat_py_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Runs in a subshell: strict mode, its own traps, no leakage into the caller.
_pubcat_ensure_python() (
    set -euo pipefail
    local repo="$1"
    local venv="${PUBCAT_VENV:-$repo/.venv}"
    local python="${PUBCAT_PYTHON:-python3}"
    local req="$repo/bindings/python/requirements-dev.txt"
    local stamp_name=".pubcat-requirements.sha256"

    [[ -f "$req" ]] || { echo "ensure-python: missing $req" >&2; exit 1; }

    local want
    want="$(sha256sum "$req" | cut -d' ' -f1)" && [[ -n "$want" ]] || exit 1

    # Fast path: healthy venv + matching stamp -> nothing to do.
    if [[ -x "$venv/bin/python" && -f "$venv/$stamp_name" ]] \
        && [[ "$(cat "$venv/$stamp_name")" == "$want" ]] \
        && "$venv/bin/python" -c '' 2>/dev/null; then
        printf '%s\n' "$venv"
        return 0
    fi

    command -v "$python" >/dev/null 2>&1 \
        || { echo "ensure-python: interpreter '$python' not found" >&2; exit 1; }

    mkdir -p "$venv" || exit 1
    venv="$(cd "$venv" && pwd)" || exit 1   # absolute path from here on

    local log
    log="$(mktemp "${TMPDIR:-/tmp}/pubcat-ensure-python.XXXXXX")" || exit 1
    trap 'rm -f "$log"' EXIT

    # NB: failures use `exit 1` (this function body is a subshell), because bash
    # ignores `set -e` when the function is called from an if/||/&& context,
    # as the sourced-mode caller below does.
    run() {  # run quietly; on failure dump the log and end the subshell
        if ! "$@" >>"$log" 2>&1; then
            echo "ensure-python: command failed: $*" >&2
            cat "$log" >&2
            exit 1
        fi
    }

    # Serialise concurrent runs (parallel CI steps, two terminals).
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$venv/.pubcat-ensure.lock" || exit 1
        flock 9 || exit 1
    fi

    # (Re)create the venv if missing or broken (e.g. base interpreter gone).
    if ! { [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import pip' 2>/dev/null; }; then
        rm -f "$venv/$stamp_name" || exit 1
        if [[ -e "$venv/pyvenv.cfg" ]]; then
            rm -rf "${venv:?}/bin" "${venv:?}/lib" "${venv:?}/lib64" "${venv:?}/include" "${venv:?}/share" "${venv:?}/pyvenv.cfg"
        fi
        run "$python" -m venv "$venv"
    fi

    # Re-check under the lock: another process may have finished the install.
    if [[ -f "$venv/$stamp_name" && "$(cat "$venv/$stamp_name")" == "$want" ]]; then
        printf '%s\n' "$venv"
        return 0
    fi

    rm -f "$venv/$stamp_name" || exit 1
    run env PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
        "$venv/bin/python" -m pip install --quiet --requirement "$req"
    printf '%s\n' "$want" >"$venv/$stamp_name" || exit 1
    printf '%s\n' "$venv"
)

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    _pubcat_ensure_python "$_pubcat_py_repo"
else
    # Sourced: export PUBCAT_VENV; return non-zero on failure, never exit.
    if _pubcat_py_out="$(_pubcat_ensure_python "$_pubcat_py_repo")"; then
        PUBCAT_VENV="$_pubcat_py_out"
        export PUBCAT_VENV
        unset _pubcat_py_out
    else
        unset _pubcat_py_out
        return 1
    fi
fi
