// swift-tools-version:6.2
import PackageDescription

// The benchmarks live in their own package so that the root package keeps no dependencies.
// Run from the repository root:
//
//     swift run -c release --package-path Benchmarks civic311-benchmarks [name…]
//     swift run -c release --package-path Benchmarks civic311-sqlite-benchmark
//     swift run -c release --package-path Benchmarks civic311-postgres-benchmark [options, see its header]

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "Civic311Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Civic311", path: "../")],
    targets: [
        .executableTarget(
            name: "civic311-benchmarks",
            dependencies: [
                .product(name: "Civic311", package: "Civic311"),
                .product(name: "Civic311SampleCounty", package: "Civic311"),
                .product(name: "Civic311SQLite", package: "Civic311"),
                .product(name: "Civic311Simulation", package: "Civic311"),
                .product(name: "Civic311Open311", package: "Civic311"),
            ],
            path: "Sources/Civic311Benchmarks",
            swiftSettings: settings
        ),
        .executableTarget(
            name: "civic311-sqlite-benchmark",
            dependencies: [
                .product(name: "Civic311", package: "Civic311"),
                .product(name: "Civic311SampleCounty", package: "Civic311"),
                .product(name: "Civic311SQLite", package: "Civic311"),
            ],
            path: "Sources/SQLiteBenchmark",
            swiftSettings: settings
        ),
        // The tests' throwaway PostgreSQL cluster (Tests/PostgresTestSupport, through a symbolic
        // link as Tests/Fuzz does), so the benchmark starts its server the way the tests do.
        .target(
            name: "BenchmarkPostgresCluster",
            dependencies: [.product(name: "Civic311Postgres", package: "Civic311")],
            path: "Sources/BenchmarkPostgresCluster",
            swiftSettings: settings
        ),
        // Measurement.swift, SampleDrafts.swift and Generator.swift are symbolic links to the
        // other benchmarks' files: one copy of the house measurement and of the sample rows.
        .executableTarget(
            name: "civic311-postgres-benchmark",
            dependencies: [
                "BenchmarkPostgresCluster",
                .product(name: "Civic311", package: "Civic311"),
                .product(name: "Civic311SampleCounty", package: "Civic311"),
                .product(name: "Civic311Postgres", package: "Civic311"),
            ],
            path: "Sources/PostgresBenchmark",
            swiftSettings: settings
        ),
    ]
)
