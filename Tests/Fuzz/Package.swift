// swift-tools-version:6.2
import PackageDescription

// The fuzzing harness: one libFuzzer binary with a target per parser of outside input. It lives in
// its own package, under Tests/ beside the other tests, so that `-sanitize=fuzzer` never reaches a
// normal build and the root package keeps no dependencies. Build and run it with the script:
//
//     Tests/Fuzz/fuzz --seconds 20                 every target, 20 s each (what CI runs)
//
// The examples' command-line parts are not products of the root package (and their declarations
// are `package` or internal), so this package compiles the same source folders again through the
// symbolic links Sources/FuzzExampleCommandLine and Sources/FuzzCallDay, under other module names.
// ErlangQuery.swift uses a `package` declaration of Civic311Simulation (ReportValue), which a
// module of another package cannot see; SwiftPM names each package's modules after the package,
// so FuzzCallDay alone is compiled without access control.

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "Civic311Fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Civic311", path: "../..")],
    targets: [
        // Examples/CommandLine, as the root package's ExampleCommandLine.
        .target(
            name: "FuzzExampleCommandLine",
            dependencies: [
                .product(name: "Civic311", package: "Civic311"),
                .product(name: "Civic311SQLite", package: "Civic311"),
                .product(name: "Civic311Postgres", package: "Civic311"),
            ],
            swiftSettings: settings
        ),
        // Examples/CallDay without its main.swift; it imports the module above by its usual name.
        .target(
            name: "FuzzCallDay",
            dependencies: [
                "FuzzExampleCommandLine",
                .product(name: "Civic311", package: "Civic311"),
                .product(name: "Civic311SampleCounty", package: "Civic311"),
                .product(name: "Civic311Simulation", package: "Civic311"),
            ],
            exclude: ["main.swift"],
            swiftSettings: settings + [
                .unsafeFlags([
                    "-enable-testing", "-module-alias", "ExampleCommandLine=FuzzExampleCommandLine",
                    "-Xfrontend", "-disable-access-control",
                ])
            ]
        ),
        // No main: libFuzzer's comes with -sanitize=fuzzer.
        .executableTarget(
            name: "civic311-fuzz",
            dependencies: [
                "FuzzExampleCommandLine",
                "FuzzCallDay",
                .product(name: "Civic311", package: "Civic311"),
                .product(name: "Civic311Open311", package: "Civic311"),
                .product(name: "Civic311SampleCounty", package: "Civic311"),
                .product(name: "Civic311Simulation", package: "Civic311"),
                .product(name: "Civic311SQLite", package: "Civic311"),
            ],
            path: "Sources/Civic311Fuzz",
            swiftSettings: settings + [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
