import Civic311
import Civic311SQLite
import Civic311SampleCounty
import Foundation

/// Reading the change feed, in memory and in SQLite, against plain intake into the same store in
/// the same run.
///
/// Each run submits requests through `ServiceCenter.submit` into a fresh store (two feed entries
/// each: the contact and the opening event), then reads the whole feed back in pages of 1,000,
/// the largest, as a consumer catching up does. Times are the process's CPU time, which counts
/// the SQLite store's own threads; the ratio compares the feed read of one request's entries with
/// that request's intake, run by run.
enum FeedBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let runs = Int(environment["FEED_RUNS"] ?? "") ?? 5
        let inMemory = Int(environment["FEED_REQUESTS"] ?? "") ?? 200_000
        let inSQLite = Int(environment["FEED_SQLITE_REQUESTS"] ?? "") ?? 20_000
        // The county as the documentation configures it: its routing rules and service levels run
        // on every intake, as in a real deployment.
        let county = Jurisdiction.sampleCounty
        let drafts = try SampleDrafts.make(for: county, count: 5_000)

        try await measure("in memory", requests: inMemory, runs: runs) { _ in
            InMemoryRequestStore()
        } using: {
            try await cycle(store: $0, county: county, drafts: drafts, requests: inMemory)
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civic311-feed-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await measure("SQLite (full durability)", requests: inSQLite, runs: runs) { run in
            try SQLiteRequestStore(path: "\(directory)/feed-\(run).sqlite", mode: .create)
        } using: {
            try await cycle(store: $0, county: county, drafts: drafts, requests: inSQLite)
        }
    }

    /// One run's CPU seconds: intake of the requests, then the read of the whole feed.
    struct Cycle {
        var intake: Double
        var read: Double
        var entries: Int
    }

    private static func measure<Store: RequestStore>(
        _ name: String,
        requests: Int,
        runs: Int,
        makeStore: (Int) throws -> Store,
        using cycle: (Store) async throws -> Cycle
    ) async throws {
        var cycles: [Cycle] = []
        for run in 0..<runs {
            let store = try makeStore(run)
            cycles.append(try await cycle(store))
        }
        let intake = cycles.map(\.intake).sorted()
        let read = cycles.map(\.read).sorted()
        let ratios = cycles.map { $0.intake / $0.read }.sorted()
        let entries = cycles[0].entries
        func median(_ values: [Double]) -> Double { values[values.count / 2] }
        Measurement.report(
            "feed, \(name): intake of \(requests) requests",
            String(format: "%@ CPU (median of %d)", Measurement.rate(requests, median(intake)), runs)
        )
        Measurement.report(
            "feed, \(name): read of its \(entries) entries",
            String(
                format: "%@ CPU (best %@, worst %@)",
                Measurement.rate(entries, median(read)),
                Measurement.rate(entries, read[0]),
                Measurement.rate(entries, read[read.count - 1])
            )
        )
        Measurement.report(
            "feed, \(name): read / intake, per request",
            String(
                format: "%.1f× faster (median; %.1f–%.1f over %d runs)",
                median(ratios),
                ratios[0],
                ratios[ratios.count - 1],
                runs
            )
        )
    }

    private static func cycle(
        store: some RequestStore,
        county: Jurisdiction,
        drafts: [ServiceRequestDraft],
        requests: Int
    ) async throws -> Cycle {
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
        var entries = 0
        let read = try await Measurement.processCPUSeconds {
            var position = FeedPosition.start
            while true {
                let page = try await store.changes(after: position, limit: FeedPage.maximumLimit)
                entries += page.entries.count
                position = page.next
                if page.isCaughtUp { break }
            }
        }
        guard entries == 2 * requests else {
            throw StorageError(.corrupted, reason: "the feed held \(entries) entries for \(requests) requests")
        }
        return Cycle(intake: intake, read: read, entries: entries)
    }
}
