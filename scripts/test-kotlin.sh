#!/usr/bin/env bash
# Builds the UniFFI library, generates the Kotlin and Swift bindings, compiles the Kotlin tests
# with the real kotlinc and runs them on the JVM (JNA) with JUnit 5 (the Jupiter engine, the
# console launcher). The last line of output is `N passed, N failed` (read by CI); the exit
# status is non-zero if anything failed.
#
#     scripts/test-kotlin.sh                # everything
#     scripts/test-kotlin.sh conformance    # only test classes whose name contains "conformance"
#                                           # (case-insensitive; several words: any of them)
#     PUBCAT_BLESS_SWIFT=1 scripts/test-kotlin.sh   # rewrite the committed Swift bindings
#
# Installs what is missing: JDK 17, kotlinc from npm (its lib/ also gives kotlinx-coroutines),
# JNA from Debian (scripts/lib/ensure-kotlin.sh), and Debian's junit5 (the JUnit 5 console
# launcher). Environment:
#     CARGO_TARGET_DIR   cargo's target directory (default: ./target)
#     PUBCAT_PROFILE     cargo profile of the library under test (default: dev -> target/debug)
#     PUBCAT_CONFORMANCE_DIR  the vectors to run (default: tests/conformance)
#     PUBCAT_BLESS_SWIFT  1: write the generated Swift bindings over the committed ones instead
#                         of failing when they differ
# Outputs (all under build/, git-ignored):
#     build/kotlin/generated/   the Kotlin bindings: org/pubcat/pubcat_ffi.kt (Catalog, the error) and
#                               org/pubcat/core/pubcat.kt (the core's records and enums)
#     build/kotlin/lib/         the libpubcat_ffi.so the tests load
#     build/kotlin/*classes/    the compiled bindings and tests (recompiled only when an input changed)
#     build/kotlin/pubcat-kotlin.jar  the bindings with bindings/kotlin/src/main (versions(),
#                               SearchPager): what an app or the standalone program compiles against
# Checked, not written (unless PUBCAT_BLESS_SWIFT=1): bindings/swift/Sources/, the committed Swift
# bindings (PubCat.swift, PubCatCore.swift, PubCatFFI.h, PubCatCoreFFI.h, module.modulemap),
# generated from the library as an app links it (without the test-only `test-panic` feature).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
PROFILE="${PUBCAT_PROFILE:-dev}"
PROFILE_DIR="$([[ "$PROFILE" == dev ]] && echo debug || echo "$PROFILE")"
OUT="$REPO/build/kotlin"
SWIFT_SRC="$REPO/bindings/swift/Sources"
LIB_NAME=libpubcat_ffi.so

T0=$SECONDS
STEP_T=$SECONDS
CURRENT_STEP="start"
step() {
    echo "test-kotlin: $CURRENT_STEP took $((SECONDS - STEP_T)) s" >&2
    CURRENT_STEP="$1"
    STEP_T=$SECONDS
}
# Any failure before the tests run still ends with the summary line CI reads.
trap 'rc=$?; if (( rc != 0 )) && [[ "$CURRENT_STEP" != run ]]; then echo "test-kotlin: step \"$CURRENT_STEP\" failed" >&2; echo "0 passed, 1 failed"; fi' EXIT

# 1. Tools -------------------------------------------------------------------------------
CURRENT_STEP="tools"
# shellcheck source=lib/ensure-kotlin.sh
source "$REPO/scripts/lib/ensure-kotlin.sh" || exit 1
JAVA="$JAVA_HOME/bin/java"
# kotlinx-coroutines (the generated suspend functions need it): the jar shipped in the npm
# kotlin-compiler package, built for this Kotlin (Debian's libkotlinx-coroutines-java is 1.0.1,
# from 2018, too old for the coroutines API UniFFI's Kotlin uses).
COROUTINES_JAR="$KOTLIN_LIB/kotlinx-coroutines-core-jvm.jar"
[[ -f "$COROUTINES_JAR" ]] || { echo "test-kotlin: $COROUTINES_JAR missing from the kotlin-compiler package" >&2; exit 1; }
# JUnit 5: Debian's junit5 ships the console launcher (a standalone jar with the Jupiter engine).
JUNIT_JAR=/usr/share/java/junit-platform-console-standalone.jar
if [[ ! -f "$JUNIT_JAR" ]]; then
    sudo=""; [[ "$(id -u)" == 0 ]] || sudo=sudo
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends junit5; } \
        >"$REPO/build/junit5-install.log" 2>&1 || { cat "$REPO/build/junit5-install.log" >&2; exit 1; }
fi

# 2. The library (with the test-only panic method) and the bindgen ------------------------
step "cargo build"
LIB="$CARGO_TARGET_DIR/$PROFILE_DIR/$LIB_NAME"
BINDGEN="$CARGO_TARGET_DIR/$PROFILE_DIR/uniffi-bindgen"
mkdir -p "$OUT/lib" "$OUT/app-lib"
# The library as an app links it (no test-only methods): the Swift bindings come from it.
cargo build --quiet --profile "$PROFILE" -p pubcat-ffi
cp "$LIB" "$OUT/app-lib/$LIB_NAME.tmp" && mv "$OUT/app-lib/$LIB_NAME.tmp" "$OUT/app-lib/$LIB_NAME"
# The library under test, with Catalog.panicForTest (feature test-panic).
cargo build --quiet --profile "$PROFILE" -p pubcat-ffi --features test-panic
cargo build --quiet --profile "$PROFILE" -p uniffi-bindgen
cp "$LIB" "$OUT/lib/$LIB_NAME.tmp" && mv "$OUT/lib/$LIB_NAME.tmp" "$OUT/lib/$LIB_NAME"

# 3. Bindings, generated from the library just built. Library mode finds two UniFFI components
# in it, each configured by its crate's uniffi.toml: pubcat-ffi (bindings/ffi: Catalog, the
# error) and the core (crates/pubcat, feature `uniffi`: the records and enums).
step "generate"
rm -rf "$OUT/generated" "$OUT/swift-gen"
"$BINDGEN" generate --no-format --library "$OUT/lib/$LIB_NAME" --language kotlin --out-dir "$OUT/generated" >/dev/null
# One call status per thread instead of a JNA Structure allocated per call: most of what a
# call cost from Kotlin (issue 15; docs/BENCHMARKS.md, "Mobile"). Fails if UniFFI changed the
# helper it rewrites.
python3 "$REPO/scripts/lib/patch-kotlin-bindings.py" \
    "$OUT/generated/org/pubcat/pubcat_ffi.kt" "$OUT/generated/org/pubcat/core/pubcat.kt"
"$BINDGEN" generate --no-format --library "$OUT/app-lib/$LIB_NAME" --language swift --out-dir "$OUT/swift-gen" >/dev/null
# The Swift package's sources as committed (bindings/swift/Sources): the two generated Swift
# files (next to the hand-written PubCat+Concurrency.swift), the two headers, and one module
# map for both (pubcat-ffi's, listing the core's header too; the same awk as
# scripts/build-ios.sh, which runs on macOS).
SWIFT_NEW="$OUT/swift-sources"
rm -rf "$SWIFT_NEW"
mkdir -p "$SWIFT_NEW/PubCat" "$SWIFT_NEW/PubCatFFI"
cp "$OUT/swift-gen/PubCat.swift" "$OUT/swift-gen/PubCatCore.swift" "$SWIFT_NEW/PubCat/"
cp "$OUT/swift-gen/PubCatFFI.h" "$OUT/swift-gen/PubCatCoreFFI.h" "$SWIFT_NEW/PubCatFFI/"
awk '{ if ($0 ~ /header "PubCatFFI.h"/) { core = $0; sub(/PubCatFFI\.h/, "PubCatCoreFFI.h", core); print core } print }' \
    "$OUT/swift-gen/PubCatFFI.modulemap" >"$SWIFT_NEW/PubCatFFI/module.modulemap"
grep -q 'header "PubCatCoreFFI.h"' "$SWIFT_NEW/PubCatFFI/module.modulemap"
SWIFT_FILES=(PubCat/PubCat.swift PubCat/PubCatCore.swift PubCatFFI/PubCatFFI.h PubCatFFI/PubCatCoreFFI.h PubCatFFI/module.modulemap)
if [[ "${PUBCAT_BLESS_SWIFT:-}" == 1 ]]; then
    for f in "${SWIFT_FILES[@]}"; do mkdir -p "$(dirname "$SWIFT_SRC/$f")"; cp "$SWIFT_NEW/$f" "$SWIFT_SRC/$f"; done
    echo "test-kotlin: wrote the Swift bindings to $SWIFT_SRC (commit them)" >&2
else
    for f in "${SWIFT_FILES[@]}"; do
        if ! cmp -s "$SWIFT_NEW/$f" "$SWIFT_SRC/$f"; then
            diff -u "$SWIFT_SRC/$f" "$SWIFT_NEW/$f" 2>&1 | head -n 40 >&2 || true
            echo "test-kotlin: the committed Swift bindings ($SWIFT_SRC/$f) differ from what the generator makes of this library: run PUBCAT_BLESS_SWIFT=1 scripts/test-kotlin.sh and commit bindings/swift/Sources" >&2
            exit 1
        fi
    done
fi
KT_BINDINGS="$OUT/generated/org/pubcat/pubcat_ffi.kt"
KT_CORE="$OUT/generated/org/pubcat/core/pubcat.kt"
# Without a Swift compiler, check what can be checked: the C headers declare exactly the
# functions the app library exports (both components: prefixes *_pubcat_ffi_ and *_pubcat_).
exported="$(nm -D --defined-only "$OUT/app-lib/$LIB_NAME" | awk '{print $3}' | grep -E '^(uniffi|ffi)_pubcat_' | sort -u)"
declared="$(grep -ohE '\b(uniffi|ffi)_pubcat_[A-Za-z0-9_]+\(' "$SWIFT_SRC/PubCatFFI/PubCatFFI.h" "$SWIFT_SRC/PubCatFFI/PubCatCoreFFI.h" | tr -d '(' | sort -u)"
if [[ -z "$exported" || "$exported" != "$declared" ]]; then
    echo "test-kotlin: PubCatFFI.h/PubCatCoreFFI.h and $LIB_NAME disagree:" >&2
    diff <(echo "$exported") <(echo "$declared") >&2 || true
    exit 1
fi

# 4. Compile (each part skipped when its inputs did not change) --------------------------------
# The bindings are compiled once into build/kotlin/bindings-classes, the tests against them;
# the stale-library check (a copy of the bindings that expects another checksum for
# Catalog.version, as bindings generated from a different Rust API would) compiles in
# parallel.
step "kotlinc"
CP_RUNTIME="$KOTLIN_LIB/kotlin-stdlib.jar:$KOTLIN_LIB/kotlin-reflect.jar:$KOTLIN_LIB/kotlin-test.jar:$COROUTINES_JAR:$JNA_JAR"
# (The npm package's version: asking `kotlinc -version` would start a JVM.)
KOTLINC_VERSION="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$(dirname "$KOTLINC")/../package.json" | head -n1)"
[[ -n "$KOTLINC_VERSION" ]] || KOTLINC_VERSION="$("$KOTLINC" -version 2>&1 | head -n1)"
# compile NAME CLASSPATH SOURCES...: kotlinc SOURCES into $OUT/NAME, unless the hash of the
# sources, the classpath and the compiler matches the last successful compile.
compile() {
    local name="$1" classpath="$2"; shift 2
    local dest="$OUT/$name" hash
    hash="$( { echo "$KOTLINC_VERSION $classpath"; sha256sum "$@"; \
               for d in ${classpath//:/ }; do if [[ -f "$d/.stamp" ]]; then cat "$d/.stamp"; fi; done; } | sha256sum | cut -c1-64)"
    if [[ -f "$dest/.stamp" && "$(cat "$dest/.stamp")" == "$hash" ]]; then
        echo "test-kotlin: $name up to date" >&2
        return 0
    fi
    rm -rf "$dest"
    mkdir -p "$dest"
    if ! "$KOTLINC" -nowarn -jvm-target 17 -cp "$classpath" -d "$dest" "$@" >"$OUT/$name.log" 2>&1; then
        cat "$OUT/$name.log" >&2
        echo "test-kotlin: kotlinc failed for $name" >&2
        return 1
    fi
    echo "$hash" >"$dest/.stamp"
}
mkdir -p "$OUT/stale-src"
sed -E 's/(checksum_method_catalog_version\(\) and 0xFFFF\) != )([0-9]+)/\1\21/' "$KT_BINDINGS" >"$OUT/stale-src/pubcat_ffi_stale.kt"
if cmp -s "$KT_BINDINGS" "$OUT/stale-src/pubcat_ffi_stale.kt"; then
    echo "test-kotlin: could not alter a checksum in the generated bindings" >&2
    exit 1
fi
compile stale-classes "$CP_RUNTIME" "$OUT/stale-src/pubcat_ffi_stale.kt" "$KT_CORE" "$REPO/bindings/kotlin/src/stale/StaleCheck.kt" &
stale_pid=$!
# The bindings with the Kotlin that ships with them (bindings/kotlin/src/main: versions(),
# SearchPager), as one jar.
compile bindings-classes "$CP_RUNTIME" "$KT_BINDINGS" "$KT_CORE" "$REPO"/bindings/kotlin/src/main/*.kt
rm -f "$OUT/pubcat-kotlin.jar"
"$JAVA_HOME/bin/jar" --create --file "$OUT/pubcat-kotlin.jar" -C "$OUT/bindings-classes" org
# A program written outside the project (bindings/kotlin/standalone), compiled on its own
# against that jar (StandaloneProgramTest runs it).
CP_APP="$OUT/pubcat-kotlin.jar:$KOTLIN_LIB/kotlin-stdlib.jar:$COROUTINES_JAR:$JNA_JAR"
compile standalone-classes "$CP_APP" "$REPO/bindings/kotlin/standalone/Main.kt" &
standalone_pid=$!
compile classes "$OUT/bindings-classes:$CP_RUNTIME:$JUNIT_JAR" "$REPO"/bindings/kotlin/src/test/*.kt \
    "$REPO/examples/android/app/src/main/kotlin/org/pubcat/example/OfflineCatalog.kt"
wait "$stale_pid"
wait "$standalone_pid"

# 5. Run -------------------------------------------------------------------------------------
step "run"
# Test classes to run: all of org.pubcat.test, or those whose name contains an argument.
select=(--select-package org.pubcat.test)
if (( $# > 0 )); then
    pattern="$(printf '%s|' "$@")"
    select+=(--include-classname "(?i)^org\.pubcat\.test\..*(${pattern%|}).*$")
fi
set +e
"$JAVA" -Xss4m \
    -Djna.library.path="$OUT/lib" \
    -Dpubcat.repo="$REPO" \
    -Dpubcat.conformance.dir="${PUBCAT_CONFORMANCE_DIR:-$REPO/tests/conformance}" \
    -Dpubcat.stale.classpath="$OUT/stale-classes:$CP_RUNTIME" \
    -Dpubcat.standalone.classpath="$OUT/standalone-classes:$CP_APP" \
    -cp "$JUNIT_JAR:$OUT/classes:$OUT/bindings-classes:$CP_RUNTIME" \
    org.junit.platform.console.ConsoleLauncher --disable-banner --disable-ansi-colors \
    --details=tree --details-theme=ascii --fail-if-no-tests "${select[@]}" 2>&1 | tee "$OUT/last-run.log" | {
        # The launcher's summary box ("[  N tests successful  ]", "[  N tests failed  ]")
        # becomes the closing line CI reads.
        ok=""; failed=""; aborted=0
        while IFS= read -r line; do
            printf '%s\n' "$line"
            if [[ "$line" =~ \[\ *([0-9]+)\ tests\ successful ]]; then ok="${BASH_REMATCH[1]}"; fi
            if [[ "$line" =~ \[\ *([0-9]+)\ tests\ failed ]]; then failed="${BASH_REMATCH[1]}"; fi
            if [[ "$line" =~ \[\ *([0-9]+)\ tests\ aborted ]]; then aborted="${BASH_REMATCH[1]}"; fi
            if [[ "$line" =~ \[\ *([0-9]+)\ containers\ failed ]] && (( BASH_REMATCH[1] > 0 )); then failed="$(( ${failed:-0} + BASH_REMATCH[1] ))"; fi
        done
        echo "test-kotlin: total $((SECONDS - T0)) s" >&2
        if [[ -n "$ok" && -n "$failed" ]]; then echo "$ok passed, $((failed + aborted)) failed"; else echo "0 passed, 1 failed"; fi
    }
rc=${PIPESTATUS[0]}
exit "$rc"
