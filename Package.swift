// swift-tools-version:6.2
import PackageDescription

// The root package declares no package dependencies, ever: Civic311 is embedded into other
// programs and must not pull anything into their graph. Benchmarks live in the nested
// `Benchmarks/` package, which depends on this one by path.

let package = Package(
    name: "Civic311",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Civic311", targets: ["Civic311"]),
        .library(name: "Civic311Simulation", targets: ["Civic311Simulation"]),
        .library(name: "Civic311Testing", targets: ["Civic311Testing"]),
        .library(name: "Civic311SQLite", targets: ["Civic311SQLite"]),
        .executable(name: "lifecycle", targets: ["Lifecycle"]),
        .executable(name: "call-day", targets: ["CallDay"]),
    ],
    targets: [
        .target(name: "Civic311"),
        .target(name: "Civic311Simulation", dependencies: ["Civic311"]),
        .target(name: "Civic311Testing", dependencies: ["Civic311"]),
        // The system SQLite that Debian ships (libsqlite3-dev); no vendored C, no package.
        .systemLibrary(name: "CCivic311SQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Civic311SQLite", dependencies: ["Civic311", "CCivic311SQLite"]),
        // The storage contract written to be read; the backend article walks through it.
        .target(name: "MinimalStore", dependencies: ["Civic311"], path: "Examples/MinimalStore"),
        .executableTarget(name: "Lifecycle", dependencies: ["Civic311", "Civic311SQLite"], path: "Examples/Lifecycle"),
        .executableTarget(
            name: "CallDay",
            dependencies: ["Civic311", "Civic311Simulation", "Civic311SQLite"],
            path: "Examples/CallDay"
        ),
        .testTarget(name: "Civic311Tests", dependencies: ["Civic311", "Civic311Testing"]),
        .testTarget(name: "Civic311SimulationTests", dependencies: ["Civic311Simulation"]),
        .testTarget(name: "Civic311TestingTests", dependencies: ["Civic311", "Civic311Testing", "MinimalStore"]),
        .testTarget(
            name: "Civic311SQLiteTests",
            dependencies: ["Civic311", "Civic311Testing", "Civic311SQLite", "CCivic311SQLite"]
        ),
        // Writes requests and prints each acknowledged ticket; the crash-safety test SIGKILLs it.
        .executableTarget(
            name: "civic311-crash-writer",
            dependencies: ["Civic311", "Civic311SQLite"],
            path: "Tests/CrashWriter"
        ),
    ]
)

// The same language settings for every target: Swift 6 mode with strict concurrency is the
// default for tools 6.x; these upcoming features keep the code explicit about existentials and
// imports, and make nonisolated async functions run on the caller's executor (no hidden hops).
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
