// swift-tools-version:6.1
import PackageDescription

// Dependencies, each chosen because a well-kept library does the job better than
// hand-written code would — and each costs CI build time, so the list stays short:
// - swift-argument-parser: the `competence` command line (subcommands, flags, help).
// - swift-log: PostgreSQL server notices and both stores' diagnostics (a failed fsync, a cut tail) go to a logger.
// - swift-crypto: SHA-256 for the history chain (CompetenceCore), the FileStore's record chain and import ids,
//   and AES-256-GCM (with HKDF and HMAC for its synthetic nonces) sealing personal text per data subject
//   (crypto-shredding): audited primitives, no hand-written crypto.
// - CSV.swift: RFC 4180 parsing for imports (quoted fields with delimiters and line breaks inside).
// - swift-docc-plugin: `swift package generate-documentation` for the DocC catalogs (a build tool only).
// - ZIPFoundation: the zip container of Excel workbooks (.xlsx) that imports read (no zip or deflate code by hand);
//   the XML parts inside are read with Foundation's XMLParser (FoundationXML on Linux). On Linux it links zlib
//   (zlib1g-dev).
// - swift-system: the FileStore's system calls as typed `FileDescriptor`/`FilePath`/`Errno` on Linux and Darwin
//   alike, instead of a hand-written libc shim per platform (the few calls it lacks are in one file).
// - swift-property-based (tests only): random inputs with seeds and shrinking in Swift Testing, for the
//   property that a snapshot caught up equals a full replay on random histories (hand-written generators would
//   lack the shrinking that makes a failure readable).

/// Every target is compiled with these: strict Swift 6 plus the upcoming features the project has adopted.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "CompetenceLedger",
    // Platforms: Linux, and macOS 15 for the libraries and the tool (the FileStore's system calls go through
    // swift-system, with `fcntl(F_FULLFSYNC)` for durability on Darwin). The tests and their helper processes
    // (TestSupport, FileStoreCrashChild) are Linux-only: glibc's spawn extensions, RLIMIT_FSIZE, dropping to
    // nobody; elsewhere they compile to stubs. CI builds and tests on Linux.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CompetenceCore", targets: ["CompetenceCore"]),
        .library(name: "EventStoreConformance", targets: ["EventStoreConformance"]),
        .library(name: "FileStore", targets: ["FileStore"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        .executable(name: "competence", targets: ["Demo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: The library products

        // The model: envelope, store protocol, codec, catalogue, ledger, projections, analytics. Foundation, and
        // swift-crypto for the SHA-256 of the history chain (one definition every store and tool shares) and the
        // AES-GCM sealing of personal text.
        .target(
            name: "CompetenceCore",
            dependencies: ["CMemoryHints", "CShuffleDraws", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings),
        // The permutation test's random draws eight at a time (AVX-512's 64-bit vector multiplies and conversions,
        // which Swift has no portable spelling for): the same draws as one at a time, a third of the time.
        .target(name: "CShuffleDraws"),
        // What Swift has no spelling for: a prefetch instruction for the folds' hash indexes (inserting each
        // answer's id in an index of millions of slots waited for a cache miss, 74 % of the answer table's fold),
        // and glibc's malloc_trim, which the report command calls once the replayed state has ended.
        .target(name: "CMemoryHints"),
        // The checks every EventStore backend passes unchanged.
        .target(name: "EventStoreConformance", dependencies: ["CompetenceCore"], swiftSettings: strictSettings),
        // The embedded store: segment files in a directory.
        .target(
            name: "FileStore",
            dependencies: [
                "CompetenceCore",
                "CHardwareCRC",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        // CRC-32C with the processor's instruction (SSE 4.2), for the FileStore's record checksums: opening and
        // reading check every record's, and the table-driven Swift code cost ~4 instructions a byte.
        .target(name: "CHardwareCRC"),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // The server store: a PostgreSQL schema through libpq.
        .target(
            name: "PostgresStore",
            dependencies: [
                "CompetenceCore",
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: The tool's libraries (package access; each has its own in-process tests)

        // Opens any store from a location (`PATH`, `file:`, `postgres://`, `memory:`) and verifies it.
        .target(
            name: "CompetenceStores",
            dependencies: [
                "CompetenceCore", "CompetenceOutput", "FileStore", "PostgresStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Where results go: standard output or a file written atomically; messages and progress on stderr.
        .target(
            name: "CompetenceOutput",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // CSV files and Excel workbooks (long files, survey tools' wide exports) → validated ledger calls, one atomic
        // call per file.
        .target(
            name: "CompetenceImport",
            dependencies: [
                "CompetenceCore",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        // The portable history: NDJSON export and import between stores, and the read-back soundness check.
        .target(
            name: "CompetenceHistory",
            dependencies: ["CompetenceCore", "CompetenceOutput"],
            swiftSettings: strictSettings
        ),
        // The ledger for analysts and other systems: tidy CSV tables with a Frictionless data package, xAPI
        // statements, a Moodle competency framework. swift-crypto for the name-based statement ids.
        .target(
            name: "CompetenceExport",
            dependencies: [
                "CompetenceCore", "CompetenceOutput", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Report rendering: aligned text, CSV, JSON, and one HTML page with SVG charts.
        .target(
            name: "CompetenceReports", dependencies: ["CompetenceCore", "CompetenceOutput"],
            swiftSettings: strictSettings),
        // The demo programmes (LOSSI and TULOS) as a deterministic history recorded through the ledger, and the demo run.
        // Also the generated programmes of any size (the import files, and their events written quickly).
        .target(
            name: "CompetenceScenario", dependencies: ["CompetenceCore", "CompetenceReports", "CompetenceImport"],
            swiftSettings: strictSettings
        ),
        // The cases of `competence bench`.
        .target(
            name: "CompetenceBench",
            dependencies: [
                "CompetenceCore", "CompetenceStores", "FileStore", "PostgresStore", "CompetenceImport",
                "CompetenceScenario", "CompetenceReports",
            ],
            swiftSettings: strictSettings
        ),

        // MARK: The executable: argument parsing and wiring only

        .executableTarget(
            name: "Demo",
            dependencies: [
                "CompetenceCore", "CompetenceStores", "CompetenceOutput", "CompetenceImport", "CompetenceHistory",
                "CompetenceReports", "CompetenceScenario", "CompetenceBench", "CompetenceExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Tests

        // Test-only support shared by the test targets: child processes that cannot hang each other, and the
        // throwaway PostgreSQL cluster every PostgreSQL test (store and tool) runs against.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(
            name: "CompetenceCoreTests",
            dependencies: [
                "CompetenceCore", "EventStoreConformance",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        // Launched by FileStoreTests as a real process (killed with SIGKILL, run without privileges).
        .executableTarget(
            name: "FileStoreCrashChild",
            dependencies: ["FileStore", "CompetenceCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FileStoreTests",
            dependencies: [
                "FileStore", "EventStoreConformance", "CompetenceCore", "FileStoreCrashChild", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // A second OS process for the PostgresStore fault tests: appends to shared streams and reports.
        .executableTarget(
            name: "PostgresStoreStressChild",
            dependencies: ["CompetenceCore", "PostgresStore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "EventStoreConformance", "CompetenceCore", "PostgresStoreStressChild", "TestSupport",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CompetenceImportTests",
            dependencies: [
                "CompetenceImport", "CompetenceCore", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CompetenceHistoryTests",
            dependencies: [
                "CompetenceHistory", "CompetenceCore", "CompetenceOutput", "CompetenceScenario", "FileStore",
                "PostgresStore", "TestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CompetenceExportTests",
            dependencies: [
                "CompetenceExport", "CompetenceCore", "CompetenceOutput", "CompetenceScenario", "TestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CompetenceReportsTests",
            dependencies: ["CompetenceReports", "CompetenceCore", "CompetenceScenario", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CompetenceScenarioTests",
            dependencies: ["CompetenceScenario", "CompetenceCore", "CompetenceImport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CompetenceStoresTests",
            dependencies: ["CompetenceStores", "CompetenceCore", "FileStore", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CompetenceOutputTests",
            dependencies: ["CompetenceOutput", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        // The README's embedding example, compiled against the public API only and run.
        .testTarget(
            name: "EmbeddingTests", dependencies: ["CompetenceCore", "FileStore"], swiftSettings: strictSettings),
        // Issue 10's reproductions in one suite (hostile input, mistakes, faults): every case asserts the refusal
        // or the safe result and that nothing was appended or changed; plus the seeded fuzz test of the readers.
        .testTarget(
            name: "AdversarialTests",
            dependencies: [
                "CompetenceCore", "CompetenceOutput", "CompetenceStores", "CompetenceHistory", "CompetenceImport",
                "CompetenceReports", "FileStore", "PostgresStore", "TestSupport",
            ],
            swiftSettings: strictSettings),
        // End-to-end tests of the `competence` tool: they run the built executable as a real process.
        .testTarget(
            name: "CLITests", dependencies: ["Demo", "CompetenceCore", "CompetenceScenario", "TestSupport"],
            swiftSettings: strictSettings),
    ]
)
