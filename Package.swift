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
        .library(name: "Civic311SampleCounty", targets: ["Civic311SampleCounty"]),
        .library(name: "Civic311Simulation", targets: ["Civic311Simulation"]),
        .library(name: "Civic311Testing", targets: ["Civic311Testing"]),
        .library(name: "Civic311SQLite", targets: ["Civic311SQLite"]),
        .library(name: "Civic311Open311", targets: ["Civic311Open311"]),
        .library(name: "Civic311Postgres", targets: ["Civic311Postgres"]),
        .executable(name: "lifecycle", targets: ["Lifecycle"]),
        .executable(name: "call-day", targets: ["CallDay"]),
        .executable(name: "department-adapter", targets: ["DepartmentAdapter"]),
        .executable(name: "closing-the-loop", targets: ["ClosingTheLoop"]),
        .executable(name: "open-data", targets: ["OpenData"]),
    ],
    targets: [
        .target(name: "Civic311"),
        // A fictional county for examples, tests and simulations; kept out of the core so a program
        // that links Civic311 carries no sample data.
        .target(name: "Civic311SampleCounty", dependencies: ["Civic311"]),
        .target(name: "Civic311Simulation", dependencies: ["Civic311"]),
        .target(name: "Civic311Testing", dependencies: ["Civic311", "Civic311SampleCounty"]),
        // The system SQLite that Debian ships (libsqlite3-dev); no vendored C, no package.
        .systemLibrary(name: "CCivic311SQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Civic311SQLite", dependencies: ["Civic311", "CCivic311SQLite"]),
        // The system libpq that Debian ships (libpq-dev); the client library only, no server.
        .systemLibrary(name: "CCivic311Postgres", providers: [.apt(["libpq-dev"])]),
        .target(name: "Civic311Postgres", dependencies: ["Civic311", "CCivic311Postgres"]),
        // Open311 GeoReport v2: JSON and XML (read and written by the module itself), a
        // transport-agnostic server handler and a client; no package.
        .target(name: "Civic311Open311", dependencies: ["Civic311"]),
        // The storage contract written to be read; the backend article walks through it.
        .target(name: "MinimalStore", dependencies: ["Civic311"], path: "Examples/MinimalStore"),
        // The examples' shared command-line parts (`--store`, argument reading, exit statuses);
        // not a product: nothing outside this package sees it.
        .target(
            name: "ExampleCommandLine",
            dependencies: ["Civic311", "Civic311SQLite", "Civic311Postgres"],
            path: "Examples/CommandLine"
        ),
        .executableTarget(
            name: "Lifecycle",
            dependencies: ["Civic311", "Civic311SampleCounty", "ExampleCommandLine"],
            path: "Examples/Lifecycle"
        ),
        .executableTarget(
            name: "CallDay",
            dependencies: ["Civic311", "Civic311SampleCounty", "Civic311Simulation", "ExampleCommandLine"],
            path: "Examples/CallDay"
        ),
        .executableTarget(
            name: "DepartmentAdapter",
            dependencies: ["Civic311", "Civic311SampleCounty", "ExampleCommandLine"],
            path: "Examples/DepartmentAdapter"
        ),
        .executableTarget(
            name: "ClosingTheLoop",
            dependencies: ["Civic311", "Civic311SampleCounty", "ExampleCommandLine"],
            path: "Examples/ClosingTheLoop"
        ),
        .executableTarget(
            name: "OpenData",
            dependencies: ["Civic311", "ExampleCommandLine"],
            path: "Examples/OpenData"
        ),
        // The code samples of the README and the DocC catalogs, as programs CI builds and runs;
        // DocumentationTests checks that the documents show exactly these sources.
        .executableTarget(
            name: "SnippetQuickStart",
            dependencies: ["Civic311", "Civic311SampleCounty"],
            path: "Examples/Snippets/QuickStart"
        ),
        .executableTarget(
            name: "SnippetGettingStarted",
            dependencies: ["Civic311", "Civic311SampleCounty"],
            path: "Examples/Snippets/GettingStarted"
        ),
        .executableTarget(
            name: "SnippetOwnRules",
            dependencies: ["Civic311", "Civic311SampleCounty"],
            path: "Examples/Snippets/OwnRules"
        ),
        .executableTarget(
            name: "SnippetNotices",
            dependencies: ["Civic311", "Civic311SampleCounty"],
            path: "Examples/Snippets/Notices"
        ),
        .executableTarget(
            name: "SnippetDuplicates",
            dependencies: ["Civic311", "Civic311SampleCounty"],
            path: "Examples/Snippets/Duplicates"
        ),
        .executableTarget(
            name: "SnippetSQLiteStore",
            dependencies: ["Civic311", "Civic311SampleCounty", "Civic311SQLite"],
            path: "Examples/Snippets/SQLiteStore"
        ),
        .executableTarget(
            name: "SnippetCallDaySimulation",
            dependencies: ["Civic311SampleCounty", "Civic311Simulation"],
            path: "Examples/Snippets/CallDaySimulation"
        ),
        .executableTarget(
            name: "SnippetOpen311",
            dependencies: ["Civic311", "Civic311Open311", "Civic311SampleCounty"],
            path: "Examples/Snippets/Open311"
        ),
        .executableTarget(
            name: "SnippetKnowledgeBase",
            dependencies: ["Civic311", "Civic311SampleCounty"],
            path: "Examples/Snippets/KnowledgeBase"
        ),
        .testTarget(name: "DocumentationTests"),
        // What the examples' tests share: transcripts, golden files, built programs.
        .target(name: "ExampleTestSupport", dependencies: ["ExampleCommandLine"], path: "Tests/ExampleTestSupport"),
        // A throwaway PostgreSQL cluster (initdb, pg_ctl), raw libpq statements and child
        // processes: shared by the store's tests and the examples' tests on PostgreSQL.
        .target(name: "PostgresTestSupport", dependencies: ["CCivic311Postgres"], path: "Tests/PostgresTestSupport"),
        .testTarget(
            name: "CallDayTests",
            dependencies: [
                "CallDay", "Civic311", "Civic311Simulation", "ExampleCommandLine", "ExampleTestSupport",
                "PostgresTestSupport",
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ClosingTheLoopTests",
            dependencies: ["ClosingTheLoop", "ExampleCommandLine", "ExampleTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "OpenDataExampleTests",
            dependencies: ["OpenData", "ExampleCommandLine", "ExampleTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "LifecycleTests",
            dependencies: [
                "Lifecycle", "Civic311", "Civic311SampleCounty", "Civic311SQLite", "ExampleCommandLine",
                "ExampleTestSupport", "PostgresTestSupport",
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "DepartmentAdapterTests",
            dependencies: ["DepartmentAdapter", "Civic311", "ExampleCommandLine", "ExampleTestSupport"]
        ),
        .testTarget(
            name: "Civic311Tests",
            dependencies: ["Civic311", "Civic311SampleCounty", "Civic311Testing"],
            exclude: ["OpenData/Fixtures"]  // the open-data layouts' CSV samples, read by path
        ),
        .testTarget(name: "Civic311SimulationTests", dependencies: ["Civic311Simulation", "Civic311SampleCounty"]),
        .testTarget(
            name: "Civic311Open311Tests",
            dependencies: ["Civic311", "Civic311Open311", "Civic311SampleCounty"],
            exclude: ["Fixtures"]  // read from disk by path, as the shared captures are
        ),
        .testTarget(
            name: "Civic311TestingTests",
            dependencies: ["Civic311", "Civic311SampleCounty", "Civic311Testing", "MinimalStore"]
        ),
        .testTarget(
            name: "Civic311SQLiteTests",
            dependencies: ["Civic311", "Civic311Testing", "Civic311SQLite", "CCivic311SQLite"]
        ),
        .testTarget(
            name: "Civic311PostgresTests",
            dependencies: [
                "Civic311", "Civic311Testing", "Civic311Postgres", "CCivic311Postgres", "Civic311SampleCounty",
                "PostgresTestSupport",
            ]
        ),
        // One of the processes the multi-process PostgreSQL test runs at once on one database.
        .executableTarget(
            name: "civic311-postgres-writer",
            dependencies: ["Civic311", "Civic311Postgres", "CrashWriterKit"],
            path: "Tests/PostgresWriter"
        ),
        // What the crash-test writers share: whole-line output, the department script, a draft.
        .target(name: "CrashWriterKit", dependencies: ["Civic311"], path: "Tests/CrashWriterKit"),
        // Writes requests and prints each acknowledged ticket; the crash-safety test SIGKILLs it.
        .executableTarget(
            name: "civic311-crash-writer",
            dependencies: ["Civic311", "Civic311SQLite", "CrashWriterKit"],
            path: "Tests/CrashWriter"
        ),
        // Submits requests and runs a department outbox into a back office kept in a file; the
        // outbox crash test SIGKILLs it.
        .executableTarget(
            name: "civic311-outbox-crash",
            dependencies: ["Civic311", "Civic311SampleCounty", "Civic311SQLite", "CrashWriterKit"],
            path: "Tests/OutboxCrashWriter"
        ),
        // Works requests through their lifecycle and runs a notice dispatcher into a message
        // gateway kept in files; the notice crash test SIGKILLs it.
        .executableTarget(
            name: "civic311-notice-crash",
            dependencies: ["Civic311", "Civic311SampleCounty", "Civic311SQLite", "CrashWriterKit"],
            path: "Tests/NoticeCrashWriter"
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
