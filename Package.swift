// swift-tools-version:6.1
import PackageDescription

// Dependencies, each chosen because a well-kept library does the job better than
// hand-written code would — and each costs CI build time, so the list stays short:
// - swift-argument-parser: the `competence` command line (subcommands, flags, help).
// - swift-log: PostgreSQL server notices and store diagnostics go to a logger, not stderr.
// - swift-crypto: SHA-256 for the FileStore's tamper-evident hash chain (no hand-written crypto).
// - CSV.swift: RFC 4180 parsing for imports (quoted fields with delimiters and line breaks inside).
let package = Package(
    name: "CompetenceLedger",
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
    ],
    targets: [
        .target(name: "CompetenceCore"),
        .target(name: "EventStoreConformance", dependencies: ["CompetenceCore"]),
        .target(
            name: "FileStore",
            dependencies: [
                "CompetenceCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "CompetenceCore",
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "Demo",
            dependencies: [
                "CompetenceCore",
                "FileStore",
                "PostgresStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Test-only support shared by the test targets: child processes that cannot hang each other, and the
        // throwaway PostgreSQL cluster every PostgreSQL test (store and tool) runs against.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "CompetenceCoreTests",
            dependencies: ["CompetenceCore", "EventStoreConformance"]
        ),
        // Launched by FileStoreTests as a real process (killed with SIGKILL, run without privileges).
        .executableTarget(name: "FileStoreCrashChild", dependencies: ["FileStore", "CompetenceCore"]),
        .testTarget(
            name: "FileStoreTests",
            dependencies: ["FileStore", "EventStoreConformance", "CompetenceCore", "FileStoreCrashChild", "TestSupport"]
        ),
        // A second OS process for the PostgresStore fault tests: appends to shared streams and reports.
        .executableTarget(
            name: "PostgresStoreStressChild",
            dependencies: ["CompetenceCore", "PostgresStore"]
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "EventStoreConformance", "CompetenceCore", "PostgresStoreStressChild", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The README's embedding example, compiled against the public API only and run.
        .testTarget(name: "EmbeddingTests", dependencies: ["CompetenceCore", "FileStore"]),
        // End-to-end tests of the `competence` tool: they run the built executable as a real process.
        .testTarget(name: "CLITests", dependencies: ["Demo", "CompetenceCore", "TestSupport"]),
    ]
)
