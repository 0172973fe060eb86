// swift-tools-version:5.9
//
// The Swift package of pubcat's UniFFI bindings. The sources under Sources/ are generated
// (scripts/test-kotlin.sh or the commands in docs/MOBILE.md); they are not committed.
//
// Two ways to supply the Rust library:
// - an app: build PubCatFFI.xcframework with scripts/build-ios.sh, then
//   `PUBCAT_XCFRAMEWORK=1` when resolving the package;
// - `swift test` on a Mac: `cargo build --release -p pubcat-ffi --features test-panic`, then
//   `swift test` here (the static library is taken from ../../target/release, or from
//   $PUBCAT_LIB_DIR).
import Foundation
import PackageDescription

let env = ProcessInfo.processInfo.environment
let useXCFramework = env["PUBCAT_XCFRAMEWORK"] != nil
let libDir = env["PUBCAT_LIB_DIR"] ?? "../../target/release"

let ffi: Target = useXCFramework
    ? .binaryTarget(name: "PubCatFFI", path: "PubCatFFI.xcframework")
    : .systemLibrary(name: "PubCatFFI", path: "Sources/PubCatFFI")

let package = Package(
    name: "PubCat",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [.library(name: "PubCat", targets: ["PubCat"])],
    targets: [
        ffi,
        .target(
            name: "PubCat",
            dependencies: ["PubCatFFI"],
            path: "Sources/PubCat",
            linkerSettings: useXCFramework ? [] : [
                .linkedLibrary("pubcat_ffi"),
                .unsafeFlags(["-L", libDir]),
            ]
        ),
        .testTarget(name: "PubCatTests", dependencies: ["PubCat"], path: "Tests/PubCatTests"),
    ]
)
