#!/usr/bin/env bash
# Ensure a JDK 17, the Kotlin compiler (npm: kotlin-compiler) and JNA (Debian) are present.
#
# Meant to be sourced:
#     source "$REPO/scripts/lib/ensure-kotlin.sh"   # installs if needed, then exports
#                                                   # KOTLINC KOTLIN_LIB JNA_JAR JAVA_HOME
#                                                   # and puts $JAVA_HOME/bin first on PATH
#     (returns non-zero on failure; never exits the caller; leaves its shell options alone)
# or executed, printing shell-quoted assignments (eval-able):
#     eval "$(scripts/lib/ensure-kotlin.sh)"
#
# Sourcing defines:
#     pubcat_ensure_kotlin   install what is missing and export the variables (called on source)
#     pubcat_kotlin_env      print KEY=value lines (values shell-quoted with printf %q)
# Set PUBCAT_KOTLIN_NO_AUTO=1 before sourcing to only define the functions.
#
# Environment:
#     PUBCAT_KOTLIN_VERSION  kotlin-compiler version on npm (default 2.4.20)
#     PUBCAT_KOTLIN_HOME     install prefix (default $REPO/build/tools/kotlin)
#
# Quiet unless something fails (then the captured log goes to stderr). Fast when
# everything is already there: no npm, apt or network calls are made then.

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
fi

_PUBCAT_KT_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# --- helpers (all run in subshells: strict, no leakage into the caller) ------

# _pubcat_kt_java_major JAVA_HOME -> prints the major version (e.g. 17). Reads
# $JAVA_HOME/release (no JVM start-up); falls back to `java -version`.
_pubcat_kt_java_major() (
    set -euo pipefail
    local v=""
    if [[ -f "$1/release" ]]; then
        v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n1)"
    fi
    if [[ -z "$v" ]]; then
        v="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)[."].*/\1/p' | head -n1)"
    fi
    printf '%s\n' "$v"
)

# Print the JAVA_HOME of a JDK 17 (bin/java and bin/javac), or nothing.
_pubcat_kt_find_jdk17() (
    set -euo pipefail
    local cand javac_path
    javac_path="$(command -v javac 2>/dev/null || true)"
    [[ -n "$javac_path" ]] && javac_path="$(dirname "$(dirname "$(readlink -f "$javac_path")")")"
    for cand in "${JAVA_HOME:-}" "$javac_path" /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-17-*; do
        [[ -n "$cand" && -x "$cand/bin/javac" && -x "$cand/bin/java" ]] || continue
        if [[ "$(_pubcat_kt_java_major "$cand")" == 17 ]]; then
            printf '%s\n' "$cand"
            return 0
        fi
    done
    return 0
)

# _pubcat_kt_apt_install LOG PKG... : apt-get install, running `apt-get update`
# only when the package lists cannot provide the packages (or the install fails
# because the lists are stale).
_pubcat_kt_apt_install() (
    set -euo pipefail
    local log="$1"; shift
    local sudo=""
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null 2>&1 || { echo "ensure-kotlin: need root (or sudo) to apt-get install $*" >&2; return 1; }
        sudo="sudo -n"
    fi
    export DEBIAN_FRONTEND=noninteractive
    local need_update=0 p cand
    for p in "$@"; do
        cand="$(apt-cache policy "$p" 2>/dev/null | sed -n 's/^ *Candidate: *//p')"
        if [[ -z "$cand" || "$cand" == "(none)" ]]; then need_update=1; fi
    done
    # Explicit `|| return 1`: callers use `_pubcat_kt_apt_install ... || fail`,
    # and bash ignores `set -e` inside a function called from an || list.
    if (( need_update )); then
        $sudo apt-get update -qq >>"$log" 2>&1 || return 1
    fi
    if ! $sudo apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1; then
        # Stale lists (404 on a superseded .deb): refresh once and retry.
        if (( need_update )); then return 1; fi
        $sudo apt-get update -qq >>"$log" 2>&1 || return 1
        $sudo apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1 || return 1
    fi
    return 0
)

# Does all the installing; prints KEY=value lines (unquoted, one per line) on success.
_pubcat_kt_install() (
    set -euo pipefail
    local repo="$1"
    local version="${PUBCAT_KOTLIN_VERSION:-2.4.20}"
    local prefix="${PUBCAT_KOTLIN_HOME:-$repo/build/tools/kotlin}"
    local pkgdir="$prefix/node_modules/kotlin-compiler"
    local jna_jar=/usr/share/java/jna.jar

    local log
    log="$(mktemp "${TMPDIR:-/tmp}/pubcat-ensure-kotlin.XXXXXX")" || exit 1
    trap 'rm -f "$log"' EXIT
    # `exit 1` ends this subshell whatever the context: bash ignores `set -e` in
    # a function called from an ||/if context, as pubcat_ensure_kotlin does.
    fail() { echo "ensure-kotlin: $*" >&2; if [[ -s "$log" ]]; then cat "$log" >&2; fi; exit 1; }

    # 1. JDK 17 -------------------------------------------------------------
    local jdk
    jdk="$(_pubcat_kt_find_jdk17)"
    if [[ -z "$jdk" ]]; then
        _pubcat_kt_apt_install "$log" openjdk-17-jdk-headless || fail "installing openjdk-17-jdk-headless failed"
        jdk="$(_pubcat_kt_find_jdk17)"
        [[ -n "$jdk" ]] || fail "no JDK 17 found after installing openjdk-17-jdk-headless"
    fi

    # 2. JNA (jar + native libjnidispatch) from Debian ------------------------
    if [[ ! -f "$jna_jar" ]] || ! dpkg-query -W -f='${Status}' libjna-jni 2>/dev/null | grep -q 'ok installed'; then
        _pubcat_kt_apt_install "$log" libjna-java libjna-jni || fail "installing libjna-java libjna-jni failed"
        [[ -f "$jna_jar" ]] || fail "$jna_jar missing after installing libjna-java"
    fi

    # 3. Kotlin compiler from npm --------------------------------------------
    local have=""
    if [[ -f "$pkgdir/package.json" ]]; then
        have="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkgdir/package.json" | head -n1)"
    fi
    if [[ "$have" != "$version" || ! -f "$pkgdir/bin/kotlinc" || ! -f "$pkgdir/lib/kotlin-compiler.jar" ]]; then
        command -v npm >/dev/null 2>&1 || fail "npm not found (needed for kotlin-compiler@$version)"
        mkdir -p "$prefix" || fail "cannot create $prefix"
        # A package.json in the prefix keeps npm from walking up to another project.
        [[ -f "$prefix/package.json" ]] || printf '{ "private": true }\n' >"$prefix/package.json" \
            || fail "cannot write $prefix/package.json"
        npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
            "kotlin-compiler@$version" >>"$log" 2>&1 || fail "npm install kotlin-compiler@$version failed"
    fi
    # npm does not keep the executable bit on files that are not "bin" entries.
    local f
    for f in "$pkgdir"/bin/*; do
        [[ -x "$f" ]] || chmod +x "$f" || fail "chmod +x $f failed"
    done
    local jar
    for jar in kotlin-stdlib.jar kotlin-test.jar kotlinx-coroutines-core-jvm.jar; do
        [[ -f "$pkgdir/lib/$jar" ]] || fail "missing $pkgdir/lib/$jar"
    done

    printf 'KOTLINC=%s\n' "$pkgdir/bin/kotlinc"
    printf 'KOTLIN_LIB=%s\n' "$pkgdir/lib"
    printf 'JNA_JAR=%s\n' "$jna_jar"
    printf 'JAVA_HOME=%s\n' "$jdk"
)

# --- public functions --------------------------------------------------------

pubcat_ensure_kotlin() {
    local _out _line
    _out="$(_pubcat_kt_install "$_PUBCAT_KT_REPO")" || return 1
    while IFS= read -r _line; do
        case "$_line" in
            KOTLINC=*)    export KOTLINC="${_line#KOTLINC=}" ;;
            KOTLIN_LIB=*) export KOTLIN_LIB="${_line#KOTLIN_LIB=}" ;;
            JNA_JAR=*)    export JNA_JAR="${_line#JNA_JAR=}" ;;
            JAVA_HOME=*)  export JAVA_HOME="${_line#JAVA_HOME=}" ;;
        esac
    done <<<"$_out"
    # kotlinc runs "$JAVA_HOME/bin/java" when JAVA_HOME is set; keep java/javac consistent.
    case ":$PATH:" in
        *":$JAVA_HOME/bin:"*) ;;
        *) export PATH="$JAVA_HOME/bin:$PATH" ;;
    esac
}

pubcat_kotlin_env() {
    local v
    for v in KOTLINC KOTLIN_LIB JNA_JAR JAVA_HOME; do
        printf '%s=%q\n' "$v" "${!v-}"
    done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    pubcat_ensure_kotlin
    pubcat_kotlin_env
elif [[ -z "${PUBCAT_KOTLIN_NO_AUTO:-}" ]]; then
    pubcat_ensure_kotlin || return 1
fi
