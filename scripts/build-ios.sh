#!/usr/bin/env bash
# Builds bindings/swift/PubCatFFI.xcframework (static libraries for iOS devices, the iOS
# simulator (arm64 + x86_64) and macOS (arm64 + x86_64), each with PubCatFFI.h,
# PubCatCoreFFI.h and their module map), on a Mac with Xcode, and checks that the committed
# Swift sources (bindings/swift/Sources) are what UniFFI generates from this library.
# NOT RUN on the Linux machines this project is developed on (no Apple toolchain there):
# see docs/MOBILE.md for what is and is not verified.
#
#     scripts/build-ios.sh                   # then: cd bindings/swift && swift build / swift test
#     scripts/build-ios.sh --test            # the same with the test-only `test-panic` feature
#                                            # (what bindings/swift/Tests call)
#     scripts/build-ios.sh --release URL     # also zips the xcframework and writes its URL and
#                                            # checksum into bindings/swift/Package.swift (commit
#                                            # and tag; upload the zip to URL)
#
# Package.swift takes PubCatFFI.xcframework from bindings/swift/ when it exists (this script's
# output, for development), else from the release URL (an app adding the package by URL).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
PROFILE=mobile
OUT="$REPO/build/ios"
SWIFT="$REPO/bindings/swift"
FEATURES=()
RELEASE_URL=""
while (( $# > 0 )); do
    case "$1" in
        --test) FEATURES=(--features test-panic); shift ;;
        --release) RELEASE_URL="${2:?--release needs the URL the zip will be downloaded from}"; shift 2 ;;
        *) echo "build-ios: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [[ -n "$RELEASE_URL" && ${#FEATURES[@]} -gt 0 ]]; then
    echo "build-ios: a release is never built with --test" >&2; exit 2
fi

TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${TARGETS[@]}"
for target in "${TARGETS[@]}"; do
    cargo build --profile "$PROFILE" -p pubcat-ffi --target "$target" "${FEATURES[@]}"
done
lib() { echo "$CARGO_TARGET_DIR/$1/$PROFILE/libpubcat_ffi.a"; }

# Bindings, from the device library (every slice has the same API).
cargo build -p uniffi-bindgen
rm -rf "$OUT"
mkdir -p "$OUT/headers" "$OUT/simulator" "$OUT/macos"
"$CARGO_TARGET_DIR/debug/uniffi-bindgen" generate --no-format --library "$(lib aarch64-apple-ios)" \
    --language swift --out-dir "$OUT/swift"
cp "$OUT/swift/PubCatFFI.h" "$OUT/swift/PubCatCoreFFI.h" "$OUT/headers/"
# Two UniFFI components in the library (pubcat-ffi and the core): both headers in the one C
# module PubCatFFI. (awk, not sed: BSD sed has no \n in replacements; the same awk as
# scripts/test-kotlin.sh.)
awk '{ if ($0 ~ /header "PubCatFFI.h"/) { core = $0; sub(/PubCatFFI\.h/, "PubCatCoreFFI.h", core); print core } print }' \
    "$OUT/swift/PubCatFFI.modulemap" >"$OUT/headers/module.modulemap"
grep -q 'header "PubCatCoreFFI.h"' "$OUT/headers/module.modulemap"

# The committed Swift sources must be what this library generates (scripts/test-kotlin.sh
# checks the same on Linux; PUBCAT_BLESS_SWIFT=1 scripts/test-kotlin.sh rewrites them). A
# --test build has the extra test methods: its sources go to build/ios only.
if (( ${#FEATURES[@]} == 0 )); then
    for f in PubCat.swift PubCatCore.swift; do
        cmp -s "$OUT/swift/$f" "$SWIFT/Sources/PubCat/$f" || { echo "build-ios: $SWIFT/Sources/PubCat/$f is stale" >&2; exit 1; }
    done
    for f in PubCatFFI.h PubCatCoreFFI.h module.modulemap; do
        cmp -s "$OUT/headers/$f" "$SWIFT/Sources/PubCatFFI/$f" || { echo "build-ios: $SWIFT/Sources/PubCatFFI/$f is stale" >&2; exit 1; }
    done
else
    echo "build-ios: --test: use the Swift sources in $OUT/swift (they include panicForTest)" >&2
fi

# One library per platform: the simulator's and the Mac's two architectures each in one file.
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$OUT/simulator/libpubcat_ffi.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$OUT/macos/libpubcat_ffi.a"

rm -rf "$SWIFT/PubCatFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$(lib aarch64-apple-ios)" -headers "$OUT/headers" \
    -library "$OUT/simulator/libpubcat_ffi.a" -headers "$OUT/headers" \
    -library "$OUT/macos/libpubcat_ffi.a" -headers "$OUT/headers" \
    -output "$SWIFT/PubCatFFI.xcframework"
echo "built $SWIFT/PubCatFFI.xcframework"

if [[ -n "$RELEASE_URL" ]]; then
    (cd "$SWIFT" && rm -f "$OUT/PubCatFFI.xcframework.zip" && zip -qry "$OUT/PubCatFFI.xcframework.zip" PubCatFFI.xcframework)
    checksum="$(cd "$SWIFT" && swift package compute-checksum "$OUT/PubCatFFI.xcframework.zip")"
    sed -i '' -E \
        -e "s|^let releaseURL = \".*\"|let releaseURL = \"$RELEASE_URL\"|" \
        -e "s|^let releaseChecksum = \".*\"|let releaseChecksum = \"$checksum\"|" \
        "$SWIFT/Package.swift"
    grep -q "$checksum" "$SWIFT/Package.swift"
    echo "wrote $OUT/PubCatFFI.xcframework.zip (upload it to $RELEASE_URL) and its checksum $checksum into Package.swift"
fi
