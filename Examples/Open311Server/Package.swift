// swift-tools-version:6.2
import PackageDescription

// A real HTTP server for the Open311 GeoReport v2 handler: Hummingbird 2 in front of the sample
// county. It is its own package so that the root package keeps no dependencies. From the
// repository root:
//
//     swift run --package-path Examples/Open311Server open311-server --port 8080

let package = Package(
    name: "Open311Server",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Civic311", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // Already in Hummingbird's graph; named because the responder uses their types directly.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "open311-server",
            dependencies: [
                .product(name: "Civic311", package: "Civic311"),
                .product(name: "Civic311Open311", package: "Civic311"),
                .product(name: "Civic311SampleCounty", package: "Civic311"),
                .product(name: "Civic311SQLite", package: "Civic311"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Open311Server",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
            ]
        )
    ]
)
