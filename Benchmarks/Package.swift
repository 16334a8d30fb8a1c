// swift-tools-version:6.2
import PackageDescription

// The benchmarks live in their own package so that the root package keeps no dependencies.
// Run from the repository root:
//
//     swift run -c release --package-path Benchmarks civic311-benchmarks [name…]

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
    ]
)
