#!/usr/bin/env bash
# Builds the UniFFI library, generates the Kotlin and Swift bindings, compiles the Kotlin tests
# with the real kotlinc and runs them on the JVM (JNA). The last line of output is
# `N passed, N failed` (read by CI); the exit status is non-zero if anything failed.
#
#     scripts/test-kotlin.sh                # everything
#     scripts/test-kotlin.sh conformance    # only tests whose name contains "conformance"
#
# Installs what is missing (JDK 17, kotlinc from npm, JNA from Debian) through
# scripts/lib/ensure-kotlin.sh. Environment:
#     CARGO_TARGET_DIR   cargo's target directory (default: ./target)
#     PUBCAT_PROFILE     cargo profile of the library under test (default: dev -> target/debug)
#     PUBCAT_CONFORMANCE_DIR  the vectors to run (default: tests/conformance)
# Outputs (all under build/, git-ignored):
#     build/kotlin/generated/   the Kotlin bindings: org/pubcat/pubcat_ffi.kt (Catalog, the error) and
#                               org/pubcat/core/pubcat.kt (the core's records and enums)
#     build/kotlin/lib/         the libpubcat_ffi.so the tests load
#     build/kotlin/*classes/    the compiled bindings and tests (recompiled only when an input changed)
#     bindings/swift/Sources/   the Swift bindings (PubCat.swift and PubCatCore.swift; PubCatFFI.h,
#                               PubCatCoreFFI.h and the module.modulemap of both)
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

# 2. The library (with the test-only panic method) and the bindgen ------------------------
step "cargo build"
cargo build --quiet --profile "$PROFILE" -p pubcat-ffi --features test-panic
cargo build --quiet --profile "$PROFILE" -p uniffi-bindgen
LIB="$CARGO_TARGET_DIR/$PROFILE_DIR/$LIB_NAME"
BINDGEN="$CARGO_TARGET_DIR/$PROFILE_DIR/uniffi-bindgen"
mkdir -p "$OUT/lib"
cp "$LIB" "$OUT/lib/$LIB_NAME.tmp" && mv "$OUT/lib/$LIB_NAME.tmp" "$OUT/lib/$LIB_NAME"

# 3. Bindings, generated from the library just built. Library mode finds two UniFFI components
# in it, each configured by its crate's uniffi.toml: pubcat-ffi (bindings/ffi: Catalog, the
# error) and the core (crates/pubcat, feature `uniffi`: the records and enums).
step "generate"
rm -rf "$OUT/generated" "$OUT/swift-gen"
"$BINDGEN" generate --no-format --library "$OUT/lib/$LIB_NAME" --language kotlin --out-dir "$OUT/generated" >/dev/null
"$BINDGEN" generate --no-format --library "$OUT/lib/$LIB_NAME" --language swift --out-dir "$OUT/swift-gen" >/dev/null
mkdir -p "$SWIFT_SRC/PubCat" "$SWIFT_SRC/PubCatFFI"
rm -f "$SWIFT_SRC/PubCat/"*.swift "$SWIFT_SRC/PubCatFFI/"*.h
cp "$OUT/swift-gen/PubCat.swift" "$OUT/swift-gen/PubCatCore.swift" "$SWIFT_SRC/PubCat/"
cp "$OUT/swift-gen/PubCatFFI.h" "$OUT/swift-gen/PubCatCoreFFI.h" "$SWIFT_SRC/PubCatFFI/"
# One C module for both Swift files: pubcat-ffi's module map, listing the core's header too.
# (The same awk as scripts/build-ios.sh, which runs on macOS.)
awk '{ if ($0 ~ /header "PubCatFFI.h"/) { core = $0; sub(/PubCatFFI\.h/, "PubCatCoreFFI.h", core); print core } print }' \
    "$OUT/swift-gen/PubCatFFI.modulemap" >"$SWIFT_SRC/PubCatFFI/module.modulemap"
grep -q 'header "PubCatCoreFFI.h"' "$SWIFT_SRC/PubCatFFI/module.modulemap"
KT_BINDINGS="$OUT/generated/org/pubcat/pubcat_ffi.kt"
KT_CORE="$OUT/generated/org/pubcat/core/pubcat.kt"
# Without a Swift compiler, check what can be checked: the C headers declare exactly the
# functions the library exports (both components: prefixes *_pubcat_ffi_ and *_pubcat_).
exported="$(nm -D --defined-only "$LIB" | awk '{print $3}' | grep -E '^(uniffi|ffi)_pubcat_' | sort -u)"
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
CP_RUNTIME="$KOTLIN_LIB/kotlin-stdlib.jar:$KOTLIN_LIB/kotlin-reflect.jar:$KOTLIN_LIB/kotlin-test.jar:$JNA_JAR"
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
compile bindings-classes "$CP_RUNTIME" "$KT_BINDINGS" "$KT_CORE"
compile classes "$OUT/bindings-classes:$CP_RUNTIME" "$REPO"/bindings/kotlin/src/test/*.kt \
    "$REPO/examples/android/app/src/main/kotlin/org/pubcat/example/OfflineCatalog.kt"
wait "$stale_pid"

# 5. Run -------------------------------------------------------------------------------------
step "run"
set +e
"$JAVA" -Xss4m \
    -Djna.library.path="$OUT/lib" \
    -Dpubcat.repo="$REPO" \
    -Dpubcat.conformance.dir="${PUBCAT_CONFORMANCE_DIR:-$REPO/tests/conformance}" \
    -Dpubcat.stale.classpath="$OUT/stale-classes:$CP_RUNTIME" \
    -cp "$OUT/classes:$OUT/bindings-classes:$CP_RUNTIME" org.pubcat.test.HarnessKt "$@" 2>&1 | tee "$OUT/last-run.log" | {
        # Hold back the summary line so the timing note goes before it.
        summary=""
        while IFS= read -r line; do
            if [[ "$line" =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]]; then summary="$line"; else printf '%s\n' "$line"; fi
        done
        echo "test-kotlin: total $((SECONDS - T0)) s" >&2
        if [[ -n "$summary" ]]; then echo "$summary"; else echo "0 passed, 1 failed"; fi
    }
rc=${PIPESTATUS[0]}
exit "$rc"
