#!/usr/bin/env bash
# The mobile benchmark (docs/BENCHMARKS.md, "Mobile"): per-call cost of a trivial method
# (`version()`) and of a 100-hit search page, in Rust and through the Kotlin bindings (JNA),
# on the same release library and the same catalogue of 2000 publications.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
OUT="$REPO/build/bench"
source "$REPO/scripts/lib/ensure-kotlin.sh" || exit 1

cargo build --quiet --release -p pubcat-ffi --lib --example ffi-bench
cargo build --quiet -p uniffi-bindgen
RUST_BENCH="$CARGO_TARGET_DIR/release/examples/ffi-bench"
mkdir -p "$OUT/lib"
cp "$CARGO_TARGET_DIR/release/libpubcat_ffi.so" "$OUT/lib/"
[[ -f "$OUT/bench.db" ]] || "$RUST_BENCH" create "$OUT/bench.db" 2000

# Bindings from this (release, no test-panic) library, and the Kotlin bench against them.
rm -rf "$OUT/generated"
"$CARGO_TARGET_DIR/debug/uniffi-bindgen" generate --no-format --library "$OUT/lib/libpubcat_ffi.so" \
    --language kotlin --out-dir "$OUT/generated" >/dev/null
# (kotlinx-coroutines: the bindings' suspend functions need it; the kotlin-compiler package ships it.)
CP="$KOTLIN_LIB/kotlin-stdlib.jar:$KOTLIN_LIB/kotlinx-coroutines-core-jvm.jar:$JNA_JAR"
# Two variants of the same bindings, each compiled with the bench and run in its own JVM:
# `uniffi`, as uniffi-bindgen writes them, and `pubcat`, with the rewrite scripts/test-kotlin.sh
# applies to the bindings it ships (scripts/lib/patch-kotlin-bindings.py: one call status per
# thread instead of one JNA Structure per call).
rm -rf "$OUT/generated-uniffi"
cp -r "$OUT/generated" "$OUT/generated-uniffi"
python3 "$REPO/scripts/lib/patch-kotlin-bindings.py" \
    "$OUT/generated/org/pubcat/pubcat_ffi.kt" "$OUT/generated/org/pubcat/core/pubcat.kt"
# compile CLASSES GENERATED: two files of bindings (org.pubcat, and the core's records in
# org.pubcat.core) and the bench, unless they did not change.
compile() {
    local classes="$OUT/$1" generated="$OUT/$2" hash
    local sources=("$generated/org/pubcat/pubcat_ffi.kt" "$generated/org/pubcat/core/pubcat.kt" bindings/kotlin/src/bench/Bench.kt)
    hash="$(cat "${sources[@]}" | sha256sum | cut -c1-64)"
    if [[ "$(cat "$classes/.stamp" 2>/dev/null)" != "$hash" ]]; then
        rm -rf "$classes"
        "$KOTLINC" -nowarn -jvm-target 17 -cp "$CP" -d "$classes" "${sources[@]}"
        echo "$hash" >"$classes/.stamp"
    fi
}
compile classes-uniffi generated-uniffi
compile classes generated

echo "== $(nproc) cores, $(uname -sm), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$RUST_BENCH" run "$OUT/bench.db"
for variant in uniffi pubcat; do
    classes="$OUT/classes"; [[ "$variant" == uniffi ]] && classes="$OUT/classes-uniffi"
    echo "== Kotlin bindings: $variant, load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$JAVA_HOME/bin/java" -Djna.library.path="$OUT/lib" -cp "$classes:$CP" org.pubcat.bench.BenchKt "$OUT/bench.db"
done
