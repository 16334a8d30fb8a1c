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
        .executable(name: "lifecycle", targets: ["Lifecycle"]),
        .executable(name: "call-day", targets: ["CallDay"]),
    ],
    targets: [
        .target(name: "Civic311"),
        .target(name: "Civic311Simulation", dependencies: ["Civic311"]),
        .executableTarget(name: "Lifecycle", dependencies: ["Civic311"], path: "Examples/Lifecycle"),
        .executableTarget(
            name: "CallDay",
            dependencies: ["Civic311", "Civic311Simulation"],
            path: "Examples/CallDay"
        ),
        .testTarget(name: "Civic311Tests", dependencies: ["Civic311"]),
        .testTarget(name: "Civic311SimulationTests", dependencies: ["Civic311Simulation"]),
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
