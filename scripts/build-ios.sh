#!/usr/bin/env bash
# Builds bindings/swift/PubCatFFI.xcframework (static libraries for iOS devices and the
# simulator, with PubCatFFI.h, PubCatCoreFFI.h and their module map) and the Swift sources
# (PubCat.swift: Catalog and its error; PubCatCore.swift: the core's records), on a Mac with Xcode.
# NOT RUN on the Linux machines this project is developed on (no Apple toolchain there):
# see docs/MOBILE.md for what is and is not verified.
#
#     scripts/build-ios.sh            # then: cd bindings/swift && PUBCAT_XCFRAMEWORK=1 swift build
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
PROFILE=mobile
OUT="$REPO/build/ios"
SWIFT="$REPO/bindings/swift"

rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
    cargo build --profile "$PROFILE" -p pubcat-ffi --target "$target"
done

# Bindings, from the device library (any slice describes the same API).
cargo build -p uniffi-bindgen
rm -rf "$OUT"
mkdir -p "$OUT/headers" "$OUT/simulator" "$SWIFT/Sources/PubCat"
"$CARGO_TARGET_DIR/debug/uniffi-bindgen" generate --library "$CARGO_TARGET_DIR/aarch64-apple-ios/$PROFILE/libpubcat_ffi.a" \
    --language swift --out-dir "$OUT/swift"
# Two UniFFI components in the library (pubcat-ffi and the core): both Swift files go into the
# one module PubCat, both headers into the one C module PubCatFFI.
cp "$OUT/swift/PubCat.swift" "$OUT/swift/PubCatCore.swift" "$SWIFT/Sources/PubCat/"
cp "$OUT/swift/PubCatFFI.h" "$OUT/swift/PubCatCoreFFI.h" "$OUT/headers/"
# (awk, not sed: BSD sed has no \n in replacements.)
awk '{ if ($0 ~ /header "PubCatFFI.h"/) { core = $0; sub(/PubCatFFI\.h/, "PubCatCoreFFI.h", core); print core } print }' \
    "$OUT/swift/PubCatFFI.modulemap" >"$OUT/headers/module.modulemap"
grep -q 'header "PubCatCoreFFI.h"' "$OUT/headers/module.modulemap"

# One simulator library for both architectures.
lipo -create \
    "$CARGO_TARGET_DIR/aarch64-apple-ios-sim/$PROFILE/libpubcat_ffi.a" \
    "$CARGO_TARGET_DIR/x86_64-apple-ios/$PROFILE/libpubcat_ffi.a" \
    -output "$OUT/simulator/libpubcat_ffi.a"

rm -rf "$SWIFT/PubCatFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$CARGO_TARGET_DIR/aarch64-apple-ios/$PROFILE/libpubcat_ffi.a" -headers "$OUT/headers" \
    -library "$OUT/simulator/libpubcat_ffi.a" -headers "$OUT/headers" \
    -output "$SWIFT/PubCatFFI.xcframework"
echo "built $SWIFT/PubCatFFI.xcframework"
