// swift-tools-version:6.0
// Portail: a static open-data portal generator.
import PackageDescription

let package = Package(
    name: "portail",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portail", targets: ["portail"]),
        .library(name: "PortailKit", targets: ["PortailKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SHA-256 of published files (DCAT spdx:checksum); AES-GCM and PBKDF2 for members' data.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Reads the XLSX and ODS exports back in the tests (PortailKit writes them with zlib).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The HTTP server of `portail serve` (PortailServe only: the generator does not need it).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // cmark-gfm from Debian's libcmark-gfm-dev (GitHub-flavoured Markdown).
        .systemLibrary(
            name: "CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // zlib from Debian's zlib1g-dev: the spreadsheets' ZIP packages, whose rows are deflated
        // as they are written, and the render cache's path lists.
        .systemLibrary(
            name: "SystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The whole pipeline: Load → Validate → Model → Render → Write. No process exit, no globals.
        .target(
            name: "PortailKit",
            dependencies: [
                "CCmarkGFM",
                "SystemZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                // PBKDF2 for the members' key (docs/members.md).
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            // The exporters write through a buffered writer class; Swift checks every access to a
            // class's stored properties for exclusivity at run time, which cost a third of the
            // export time. The code has no overlapping accesses (debug builds and tests still check).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // `portail serve`: the live preview (HTTP server, watcher, reload), apart from the generator.
        .target(
            name: "PortailServe",
            dependencies: [
                "PortailKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // The thin command line over PortailKit.
        .executableTarget(
            name: "portail",
            dependencies: [
                "PortailKit",
                "PortailServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PortailKitTests",
            dependencies: ["PortailKit", .product(name: "Mustache", package: "swift-mustache"),
                           // An independent reader of the spreadsheets' ZIP packages.
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures", "Snapshots"]
        ),
        .testTarget(
            name: "PortailCLITests",
            dependencies: ["portail", "PortailKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzzing (`make fuzz`, scripts/fuzz.sh, Fuzz/README.md): three libFuzzer executables, declared
// only when PORTAIL_FUZZ is set, so that `swift build`, `swift test`, release builds and CI never
// see them. scripts/fuzz.sh builds them in their own build folder with coverage and AddressSanitizer
// on every Swift and C module:
//   PORTAIL_FUZZ=1 swift build --build-path .build-fuzz -c debug \
//     -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address --product FuzzCSV
// A target has no main: libFuzzer's provides it and calls the target's LLVMFuzzerTestOneInput
// (hence -parse-as-library). Debug builds keep -enable-testing, which `@testable import
// PortailKit` needs to reach the loaders' internal API.
if Context.environment["PORTAIL_FUZZ"] != nil {
    package.targets.append(.target(
        name: "FuzzSupport",
        dependencies: ["PortailKit"],
        path: "Fuzz/Support"
    ))
    for (name, folder) in [("FuzzCSV", "CSV"), ("FuzzYAML", "YAML"), ("FuzzFrontMatter", "FrontMatter")] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: ["PortailKit", "FuzzSupport"],
            path: "Fuzz/\(folder)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
        ))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
