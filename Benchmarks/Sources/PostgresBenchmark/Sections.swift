import BenchmarkPostgresCluster
import Civic311
import Civic311Postgres
import Civic311SampleCounty
import Foundation

/// Opens a store on `url` with the default configuration (four connections, a leased node), as a
/// county's process would.
func openStore(_ url: String) throws -> PostgresRequestStore {
    try PostgresRequestStore(connectionString: url)
}

/// Creates the store's tables in the database `url`, leasing no node.
func migrate(_ url: String) throws {
    try PostgresRequestStore(connectionString: url, configuration: .init(connections: 1, node: .none)).close()
}

/// Submits every draft through a ServiceCenter of the sample county (its routing rules and
/// service levels) over a PostgreSQL store on `url`, one request per transaction; returns the
/// process's CPU and wall time of the submissions alone.
func submitAll(_ drafts: [ServiceRequestDraft], url: String, startingAt start: Date? = nil) async throws -> RunTime {
    let store = try openStore(url)
    defer { store.close() }
    guard let node = store.node else { throw BenchmarkError("the store leased no node") }
    let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
    let center = try await ServiceCenter(
        jurisdiction: .sampleCounty,
        store: store,
        configuration: .init(node: node, clock: clock, triage: "311")
    )
    let participant = Participant.callTaker("bench")
    if let start {
        let wait = start.timeIntervalSinceNow
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
    }
    return try await Measurement.processTimes {
        for (index, draft) in drafts.enumerated() {
            if index % 100 == 0 { try clock.advance(by: 1) }
            _ = try await center.submit(draft, by: participant)
        }
    }
}

/// Figure 1: intake one request per transaction, SDK against raw libpq.
enum Intake {
    static func run(_ server: Server, _ options: Options) async throws {
        let count = options.intake
        print("1. Intake, one request per transaction, synchronous_commit on: \(count) requests a run")
        let drafts = try SampleDrafts.make(for: .sampleCounty, count: count)
        // A warm-up run of the store, whose rows the baseline inserts.
        let warmURL = try server.makeDatabase("bench_intake_warm")
        _ = try await submitAll(drafts, url: warmURL)
        let rows = try StoredRequestRows.read(from: warmURL)
        try server.dropDatabase("bench_intake_warm")
        guard rows.count == count else { throw BenchmarkError("the warm-up stored \(rows.count) of \(count)") }
        let events = rows.reduce(0) { $0 + 1 + $1.laterEvents.count }
        print(
            "   rows: \(rows.reduce(0) { $0 + $1.bytes } / count) bytes of column text per request on average, "
                + String(format: "%.2f events per request", Double(events) / Double(count))
        )
        var sdk: [RunTime] = []
        var raw: [RunTime] = []
        for run in 0..<options.runs {
            let sdkURL = try server.makeDatabase("bench_intake_sdk")
            let rawURL = try server.makeDatabase("bench_intake_raw")
            try migrate(rawURL)
            let sdkFirst = run % 2 == 0
            if sdkFirst { sdk.append(try await submitAll(drafts, url: sdkURL)) }
            raw.append(try RawIntake.insert(rows, perTransaction: 1, url: rawURL))
            if !sdkFirst { sdk.append(try await submitAll(drafts, url: sdkURL)) }
            print(
                String(
                    format:
                        "   run %d (%@ first): SDK %.0f/s (%.0f µs CPU each), raw %.0f/s (%.0f µs CPU each): %.2f of raw",
                    run + 1,
                    sdkFirst ? "SDK" : "raw",
                    Double(count) / sdk[run].wall,
                    sdk[run].cpu / Double(count) * 1e6,
                    Double(count) / raw[run].wall,
                    raw[run].cpu / Double(count) * 1e6,
                    raw[run].wall / sdk[run].wall
                )
            )
        }
        try server.dropDatabase("bench_intake_sdk")
        try server.dropDatabase("bench_intake_raw")
        Measurement.report("   SDK: ServiceCenter.submit → PostgresRequestStore", Measurement.wallSpread(count, sdk))
        Measurement.report("   raw: libpq prepared statements, same rows", Measurement.wallSpread(count, raw))
        let ratios = zip(sdk, raw).map { $1.wall / $0.wall }.sorted()
        Measurement.report(
            "   SDK throughput / raw (per run, wall)",
            String(
                format: "min %.2f / median %.2f / max %.2f",
                ratios.first ?? .nan,
                Measurement.percentile(ratios, 0.5),
                ratios.last ?? .nan
            ),
            target: "≥ 0.70"
        )
        print("   \(Measurement.load())\n")
    }
}

/// Figure 2: batch intake (open(batch:)) against raw batches of the same rows, and append(batch:).
enum BatchIntake {
    static func run(_ server: Server, _ options: Options) async throws {
        let size = options.batch
        let count = size * options.batches
        print("2. Batch intake, \(size) requests per transaction, \(options.batches) transactions a run")
        var generator = Generator(seed: 1, node: 1)
        let items = (0..<count).map { _ in generator.opening() }
        let batches = stride(from: 0, to: count, by: size).map { Array(items[$0..<min($0 + size, count)]) }
        let warmURL = try server.makeDatabase("bench_batch_warm")
        _ = try await openAll(batches, url: warmURL)
        let rows = try StoredRequestRows.read(from: warmURL)
        try server.dropDatabase("bench_batch_warm")
        print("   rows: \(rows.reduce(0) { $0 + $1.bytes } / count) bytes of column text per request on average")
        var sdk: [RunTime] = []
        var raw: [RunTime] = []
        var appends: [RunTime] = []
        for run in 0..<options.runs {
            let sdkURL = try server.makeDatabase("bench_batch_sdk")
            let rawURL = try server.makeDatabase("bench_batch_raw")
            try migrate(rawURL)
            let sdkFirst = run % 2 == 0
            if sdkFirst { sdk.append(try await openAll(batches, url: sdkURL)) }
            raw.append(try RawIntake.insert(rows, perTransaction: size, url: rawURL))
            if !sdkFirst { sdk.append(try await openAll(batches, url: sdkURL)) }
            appends.append(try await noteAll(batches, url: sdkURL))
            print(
                String(
                    format: "   run %d: open(batch:) %.0f/s, raw %.0f/s: %.2f of raw; append(batch:) %.0f appends/s",
                    run + 1,
                    Double(count) / sdk[run].wall,
                    Double(count) / raw[run].wall,
                    raw[run].wall / sdk[run].wall,
                    Double(count) / appends[run].wall
                )
            )
        }
        try server.dropDatabase("bench_batch_sdk")
        try server.dropDatabase("bench_batch_raw")
        Measurement.report("   PostgresRequestStore.open(batch:)", Measurement.wallSpread(count, sdk))
        Measurement.report("   raw: libpq prepared statements, same rows", Measurement.wallSpread(count, raw))
        let ratios = zip(sdk, raw).map { $1.wall / $0.wall }.sorted()
        Measurement.report(
            "   open(batch:) throughput / raw (per run, wall)",
            String(
                format: "min %.2f / median %.2f / max %.2f",
                ratios.first ?? .nan,
                Measurement.percentile(ratios, 0.5),
                ratios.last ?? .nan
            )
        )
        Measurement.report(
            "   PostgresRequestStore.append(batch:), a note each",
            Measurement.wallSpread(count, appends, unit: "append")
        )
        print("   \(Measurement.load())\n")
    }

    /// Opens every batch in a transaction of its own.
    static func openAll(_ batches: [[(contact: Contact, opening: RequestEvent)]], url: String) async throws -> RunTime {
        let store = try PostgresRequestStore(connectionString: url, configuration: .init(node: .none))
        defer { store.close() }
        return try await Measurement.processTimes {
            for batch in batches { _ = try await store.open(batch: batch) }
        }
    }

    /// Adds a note to every request, a batch of appends per transaction.
    static func noteAll(_ batches: [[(contact: Contact, opening: RequestEvent)]], url: String) async throws -> RunTime {
        let store = try PostgresRequestStore(connectionString: url, configuration: .init(node: .none))
        defer { store.close() }
        let entries = batches.map { batch in
            batch.map { item in
                let note = RequestEvent(
                    ticket: item.opening.ticket,
                    sequence: 2,
                    recordedAt: item.opening.recordedAt.addingTimeInterval(60),
                    actor: .callTaker("agent-7"),
                    change: .noteAdded("Called back: the resident confirmed the location."),
                    fromState: .new,
                    toState: .new,
                    visibility: .internal
                )
                return (events: [note], expectedVersion: 1)
            }
        }
        return try await Measurement.processTimes {
            for batch in entries {
                for result in try await store.append(batch: batch) { _ = try result.get() }
            }
        }
    }
}

/// Figure 3: status lookups by ticket on a large database.
enum Lookup {
    static func run(_ server: Server, _ options: Options) async throws {
        let size = options.lookupSize
        let name = "bench_lookup_\(size)"
        print("3. Status lookup by ticket, \(size) requests, \(options.lookups) random lookups a run")
        // The tickets come again from the same seed, so no scan is needed to find them.
        var generator = Generator(seed: 2, node: 2)
        let url: String
        if try server.databaseExists(name),
            try Libpq(try server.connectionString(database: name)).query("SELECT count(*) FROM civic311.request")
                .first?.first == .some(String(size))
        {
            url = try server.connectionString(database: name)
            print("   the database \(name) of an earlier run is used again")
        } else {
            url = try server.makeDatabase(name)
            let store = try PostgresRequestStore(connectionString: url, configuration: .init(node: .none))
            let start = ContinuousClock.now
            var made = 0
            while made < size {
                let count = min(5_000, size - made)
                _ = try await store.open(batch: (0..<count).map { _ in generator.opening() })
                made += count
            }
            store.close()
            try Libpq(url).query("VACUUM ANALYZE")
            let elapsed = (ContinuousClock.now - start).seconds
            print(
                String(
                    format: "   loaded through open(batch:) in %.0f s (%.0f requests/s)",
                    elapsed,
                    Double(size) / elapsed
                )
            )
        }
        let bytes = try Libpq(url).query("SELECT pg_database_size(current_database())").first?.first??.description
        print("   database size: \(Int64(bytes ?? "0").map { String(format: "%.0f MB", Double($0) / 1e6) } ?? "?")")
        var replay = Generator(seed: 2, node: 2)
        var tickets: [TicketNumber] = []
        tickets.reserveCapacity(size)
        for _ in 0..<size { tickets.append(replay.ticket()) }

        let store = try PostgresRequestStore(connectionString: url, configuration: .init(node: .none))
        defer { store.close() }
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: .init(node: 9, clock: try ManualWallClock(Generator.start), triage: "311")
        )
        var random = Generator.Random(seed: 3)
        // Warm the server's caches and the connections.
        for _ in 0..<min(5_000, options.lookups) {
            _ = try await store.request(tickets[Int(random.next() % UInt64(size))])
        }
        var storeRuns: [(p50: Double, p99: Double)] = []
        var centerRuns: [(p50: Double, p99: Double)] = []
        for run in 0..<options.runs {
            let order = (0..<options.lookups).map { _ in tickets[Int(random.next() % UInt64(size))] }
            let storeLatencies = try await latencies(order) { ticket in
                guard try await store.request(ticket) != nil else { throw BenchmarkError("\(ticket) not found") }
            }
            let centerLatencies = try await latencies(order) { ticket in
                guard try await center.status(of: ticket).ticket == ticket else { throw BenchmarkError("\(ticket)") }
            }
            storeRuns.append(storeLatencies)
            centerRuns.append(centerLatencies)
            print(
                String(
                    format:
                        "   run %d: store.request p50 %.0f µs, p99 %.0f µs; ServiceCenter.status p50 %.0f µs, p99 %.0f µs",
                    run + 1,
                    storeLatencies.p50 * 1e6,
                    storeLatencies.p99 * 1e6,
                    centerLatencies.p50 * 1e6,
                    centerLatencies.p99 * 1e6
                )
            )
        }
        for (label, runs) in [("store.request(ticket)", storeRuns), ("ServiceCenter.status(of:)", centerRuns)] {
            let p50 = runs.map(\.p50).sorted()
            let p99 = runs.map(\.p99).sorted()
            Measurement.report(
                "   \(label)",
                String(
                    format: "p50 min %.0f / median %.0f / max %.0f µs; p99 min %.0f / median %.0f / max %.0f µs",
                    p50.first! * 1e6,
                    Measurement.percentile(p50, 0.5) * 1e6,
                    p50.last! * 1e6,
                    p99.first! * 1e6,
                    Measurement.percentile(p99, 0.5) * 1e6,
                    p99.last! * 1e6
                )
            )
        }
        print("   (the database \(name) is kept for the next run on this server)")
        print("   \(Measurement.load())\n")
    }

    /// The p50 and p99 of `lookup` over `tickets`, one after another.
    static func latencies(
        _ tickets: [TicketNumber],
        _ lookup: (TicketNumber) async throws -> Void
    ) async throws -> (p50: Double, p99: Double) {
        var latencies: [Double] = []
        latencies.reserveCapacity(tickets.count)
        for ticket in tickets {
            let start = ContinuousClock.now
            try await lookup(ticket)
            latencies.append((ContinuousClock.now - start).seconds)
        }
        latencies.sort()
        return (Measurement.percentile(latencies, 0.5), Measurement.percentile(latencies, 0.99))
    }
}

/// Figure 4: 1, 2 and 4 writer processes on one database.
enum Writers {
    /// What a writer process is told to do.
    struct Assignment: Sendable {
        let url: String
        let count: Int
        /// Seconds since 1970 at which to start submitting.
        let start: Double
    }

    /// A writer process: opens the store (leasing a node), waits for the start, submits, and
    /// prints the wall-clock start and end of its submissions.
    static func child(_ assignment: Assignment) async throws {
        let drafts = try SampleDrafts.make(for: .sampleCounty, count: assignment.count)
        let start = Date(timeIntervalSince1970: assignment.start)
        let time = try await submitAll(drafts, url: assignment.url, startingAt: start)
        let end = Date().timeIntervalSince1970
        print(String(format: "%.6f %.6f %.6f", end - time.wall, end, time.cpu))
    }

    static func run(_ server: Server, _ options: Options) async throws {
        let perWriter = options.writerRequests
        print("4. Writer processes on one database, \(perWriter) requests each, one per transaction")
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var rows: [(writers: Int, rates: [Double])] = []
        for writers in [1, 2, 4] {
            var rates: [Double] = []
            for run in 0..<options.runs {
                let url = try server.makeDatabase("bench_writers")
                try migrate(url)
                // Every writer opens its store first; all start submitting at this moment.
                let start = Date().timeIntervalSince1970 + 1.5
                let processes = try (0..<writers).map { index in
                    try ChildProcess.start(
                        executable,
                        ["--writer", url, String(perWriter), String(format: "%.6f", start)],
                        output: FileManager.default.temporaryDirectory.appendingPathComponent(
                            "civic311-bench-writer-\(index).out"
                        ).path
                    )
                }
                var spans: [(start: Double, end: Double)] = []
                for process in processes {
                    let status = await process.wait()
                    let fields = process.standardOutput.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
                    guard status == 0, fields.count == 3 else {
                        throw BenchmarkError("a writer failed (status \(status)): \(process.errors)")
                    }
                    spans.append((fields[0], fields[1]))
                }
                let elapsed = spans.map(\.end).max()! - spans.map(\.start).min()!
                let stored = try Libpq(url).query("SELECT count(*) FROM civic311.request").first?.first ?? nil
                guard stored == String(writers * perWriter) else {
                    throw BenchmarkError("\(writers) writers stored \(stored ?? "?") requests")
                }
                rates.append(Double(writers * perWriter) / elapsed)
                print(String(format: "   %d writer(s), run %d: %.0f requests/s in all", writers, run + 1, rates.last!))
            }
            try server.dropDatabase("bench_writers")
            rows.append((writers, rates.sorted()))
        }
        let single = Measurement.percentile(rows[0].rates, 0.5)
        for row in rows {
            let median = Measurement.percentile(row.rates, 0.5)
            Measurement.report(
                "   \(row.writers) writer process\(row.writers == 1 ? "" : "es")",
                String(
                    format: "min %.0f / median %.0f / max %.0f requests/s; %.2f× one writer",
                    row.rates.first!,
                    median,
                    row.rates.last!,
                    median / single
                )
            )
        }
        print("   \(Measurement.load())\n")
    }
}
