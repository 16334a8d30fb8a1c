import Civic311
import Civic311SQLite
import Civic311SampleCounty
import Foundation

/// The department outbox, in memory and in SQLite, against plain intake into the same store in
/// the same run.
///
/// Each run submits requests through `ServiceCenter.submit` (the county's own routing rules and
/// service levels) into a fresh store, then lets a `DepartmentOutbox` whose destination serves
/// every department dispatch each of them through an adapter that does nothing but answer a
/// reference. A dispatch reads the feed and records the reference on the request (one append, one
/// commit in SQLite), which is what a deployment pays per request. Times are the process's CPU
/// time (the SQLite store's own threads included). The figure the issue sets a target for is the
/// throughput of intake plus delivery against intake alone: at least 0.5.
enum OutboxBenchmark {
    /// A back office that takes everything at once.
    struct NoOpAdapter: DepartmentAdapter {
        var system: String { "noop" }
        func dispatch(_ delivery: Delivery) async throws -> String { "R-\(delivery.request.ticket)" }
        func update(_ delivery: Delivery) async throws {}
        func cancel(_ delivery: Delivery) async throws {}
    }

    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let runs = Int(environment["OUTBOX_RUNS"] ?? "") ?? 5
        let inMemory = Int(environment["OUTBOX_REQUESTS"] ?? "") ?? 100_000
        let inSQLite = Int(environment["OUTBOX_SQLITE_REQUESTS"] ?? "") ?? 5_000
        let county = Jurisdiction.sampleCounty
        let drafts = try SampleDrafts.make(for: county, count: 5_000)

        try await measure("in memory", requests: inMemory, runs: runs) { _ in
            InMemoryRequestStore()
        } using: {
            try await cycle(store: $0, county: county, drafts: drafts, requests: inMemory)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civic311-outbox-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await measure("SQLite (full durability)", requests: inSQLite, runs: runs) { run in
            try SQLiteRequestStore(path: "\(directory)/outbox-\(run).sqlite", mode: .create)
        } using: {
            try await cycle(store: $0, county: county, drafts: drafts, requests: inSQLite)
        }
    }

    private static func measure<Store: RequestStore>(
        _ name: String,
        requests: Int,
        runs: Int,
        makeStore: (Int) throws -> Store,
        using cycle: (Store) async throws -> (intake: Double, delivery: Double)
    ) async throws {
        var cycles: [(intake: Double, delivery: Double)] = []
        for run in 0..<runs {
            cycles.append(try await cycle(try makeStore(run)))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let intake = cycles.map(\.intake)
        let delivery = cycles.map(\.delivery).sorted()
        // Requests a second with the outbox over requests a second without it, run by run.
        let kept = cycles.map { $0.intake / ($0.intake + $0.delivery) }.sorted()
        Measurement.report(
            "outbox, \(name): intake of \(requests) requests",
            String(format: "%@ CPU (median of %d)", Measurement.rate(requests, median(intake)), runs)
        )
        Measurement.report(
            "outbox, \(name): dispatches through a no-op adapter",
            String(
                format: "%@ CPU (best %@, worst %@)",
                Measurement.rate(requests, median(delivery)),
                Measurement.rate(requests, delivery[0]),
                Measurement.rate(requests, delivery[delivery.count - 1])
            )
        )
        Measurement.report(
            "outbox, \(name): throughput kept with the outbox",
            String(
                format: "%.2f of intake alone (median; %.2f–%.2f over %d runs)",
                median(kept),
                kept[0],
                kept[kept.count - 1],
                runs
            ),
            target: "≥ 0.5"
        )
    }

    private static func cycle(
        store: some RequestStore,
        county: Jurisdiction,
        drafts: [ServiceRequestDraft],
        requests: Int
    ) async throws -> (intake: Double, delivery: Double) {
        let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
        let center = try await ServiceCenter(
            jurisdiction: county,
            store: store,
            configuration: .init(node: 3, clock: clock, triage: "311")
        )
        let participant = Participant.callTaker("bench")
        let intake = try await Measurement.processCPUSeconds {
            for index in 0..<requests {
                if index % 100 == 0 { try clock.advance(by: 1) }
                _ = try await center.submit(drafts[index % drafts.count], by: participant)
            }
        }
        let destination = try OutboxDestination(name: "everything", departments: Set(county.departments.map(\.id)))
        let outbox = try await DepartmentOutbox(center: center, adapter: NoOpAdapter(), destination: destination)
        var figures = OutboxFigures()
        let delivery = try await Measurement.processCPUSeconds {
            figures = try await outbox.deliverDue()
        }
        guard figures.delivered == requests, figures.pending == 0 else {
            throw BenchmarkFailure("the outbox delivered \(figures) for \(requests) requests")
        }
        return (intake, delivery)
    }
}
