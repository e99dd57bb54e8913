// swift-tools-version: 6.1
import PackageDescription

/// gevinst: import → trends → gains → report. Each stage is one library module; stages meet only in
/// the warehouse. `GevinstCore` holds the plain domain values every stage shares.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
/// Tests: a member of a module is visible only where the file imports that module, as in the sources.
let testSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "gevinst",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gevinst", targets: ["gevinst"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Plain domain values: periods, numbers, money, enums, pipeline description. No I/O, no C.
        .target(name: "GevinstCore", swiftSettings: swiftSettings),
        // The bounded queue that hands work between a stage's threads.
        .target(name: "GevinstConcurrency", swiftSettings: swiftSettings),
        // libxml2, for the XML import only.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // renameat2(RENAME_EXCHANGE), which swaps a new report set in as a whole; malloc_trim.
        .systemLibrary(name: "CSystemCalls"),
        // The SQLite warehouse: schema, migrations, and the reads and writes the stages share.
        .target(name: "GevinstWarehouse", dependencies: [
            "GevinstCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ], swiftSettings: swiftSettings),
        // Stage 1: CSV, XML and SAF-T exports into the warehouse.
        .target(name: "GevinstImport", dependencies: [
            "GevinstCore", "GevinstWarehouse", "GevinstConcurrency",
            .product(name: "GRDB", package: "GRDB.swift"), "CLibXML2",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // Stage 2: indicator trend statistics.
        .target(name: "GevinstTrends", dependencies: [
            "GevinstCore", "GevinstWarehouse", "GevinstConcurrency",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // Stage 3: realised versus planned gains.
        .target(name: "GevinstGains", dependencies: [
            "GevinstCore", "GevinstWarehouse", "GevinstConcurrency", "CSystemCalls",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // Stage 4: CSV, JSON, Markdown and HTML reports. GRDBSQLite: column reads straight from SQLite
        // when millions of rows stream to the CSV and JSON files.
        .target(name: "GevinstReport", dependencies: [
            "GevinstCore", "GevinstWarehouse", "CSystemCalls",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // Stage 5: the municipality's current state into a shared PostgreSQL database, by COPY.
        .target(name: "GevinstPublish", dependencies: [
            "GevinstCore", "GevinstWarehouse",
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // Pipeline files, the warehouse lock, run records, and the stages in order.
        .target(name: "GevinstRunner", dependencies: [
            "GevinstCore", "GevinstWarehouse", "GevinstImport", "GevinstTrends", "GevinstGains", "GevinstReport",
            "GevinstPublish", "CSystemCalls",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // The thin command-line front end.
        .executableTarget(name: "gevinst", dependencies: [
            "GevinstRunner", "GevinstCore", "GevinstImport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        // The seeded random generator the test targets share; a plain target, as test targets cannot depend on each other.
        .target(name: "GevinstTestSupport", path: "Tests/GevinstTestSupport", swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstCoreTests", dependencies: ["GevinstCore"], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstConcurrencyTests", dependencies: ["GevinstConcurrency"], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstWarehouseTests", dependencies: ["GevinstWarehouse", "GevinstCore", "GevinstTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstImportTests", dependencies: ["GevinstImport", "GevinstWarehouse", "GevinstCore", "GevinstTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    resources: [.copy("Fixtures")], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstTrendsTests", dependencies: ["GevinstTrends", "GevinstCore"],
                    resources: [.copy("Fixtures")], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstGainsTests", dependencies: ["GevinstGains", "GevinstWarehouse", "GevinstCore", "GevinstTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                                                       .product(name: "Logging", package: "swift-log")],
                    resources: [.copy("Fixtures")], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstReportTests", dependencies: ["GevinstReport", "GevinstWarehouse", "GevinstCore", "GevinstTestSupport", "CLibXML2", .product(name: "GRDB", package: "GRDB.swift"),
                                                         .product(name: "Logging", package: "swift-log")],
                    exclude: ["Golden"], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstRunnerTests", dependencies: ["GevinstRunner", "GevinstCore"], swiftSettings: testSwiftSettings),
        .testTarget(name: "GevinstPublishTests", dependencies: ["GevinstPublish", "GevinstCore", "GevinstTestSupport"], swiftSettings: testSwiftSettings),
        // EndToEndTests run the built binary; the reliability replay calls the fuzz entry functions
        // (fuzz/, Tests/EndToEndTests/ReliabilityFuzzEntries.swift), hence the library modules; Crypto
        // hashes warehouse contents; the PostgreSQL migration test sets up the first schema version.
        .testTarget(name: "EndToEndTests", dependencies: ["gevinst", "GevinstCore", "GevinstImport", "GevinstRunner", "GevinstPublish", "GevinstTestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift"),
                                                         .product(name: "Crypto", package: "swift-crypto"),
                                                         .product(name: "Logging", package: "swift-log")], swiftSettings: testSwiftSettings),
    ]
)
