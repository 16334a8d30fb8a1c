import Civic311
@_spi(Benchmarks) import Civic311SQLite
import Civic311SampleCounty
import Foundation

// Status lookup by ticket on a database of `size` requests (issue 15: p99 < 20 µs at 1M):
//
//     swift run -c release --package-path Benchmarks civic311-sqlite-benchmark lookups DIR SIZE [RUNS]
//
// DIR/lookup-SIZE.sqlite is built once and kept. Three sides, each the same 100,000 random
// tickets per run: the raw C API (RawLookup: the store's statement, on the calling thread),
// store.request(ticket), and ServiceCenter.status(of:). RUNS runs (5 by default); each run takes
// the sides in turn, the order reversed every other run so that a change in the machine's load
// falls on every side alike. Per side: p50 and p99 latency, and per lookup the process CPU time
// (the store's threads included) and the wall time, each as min / median / max over the runs,
// with the load average before and after. The lookups run in a task on Swift's cooperative pool,
// as a server's request handler would, not on the main actor.
extension SQLiteBenchmark {
    /// One side's figures for one run.
    struct LookupRun {
        var p50: Double
        var p99: Double
        var cpu: Double
        var wall: Double
    }

    static func lookupFile(size: Int, directory: String) async throws -> String {
        let path = "\(directory)/lookup-\(size).sqlite"
        let marker = path + ".complete"
        guard !FileManager.default.fileExists(atPath: marker) else { return path }
        try? FileManager.default.removeItem(atPath: path)
        print("\nBuilding a database of \(size) requests…")
        var generator = Generator(seed: 2, node: 2)
        let build = try SQLiteRequestStore(path: path)
        let start = ContinuousClock.now
        var made = 0
        while made < size {
            let count = min(10_000, size - made)
            _ = try await build.open(batch: (0..<count).map { _ in generator.opening() })
            made += count
        }
        build.close()
        _ = FileManager.default.createFile(atPath: marker, contents: nil)
        print(String(format: "  built in %.1f s", seconds(ContinuousClock.now - start)))
        return path
    }

    @concurrent static func lookups(size: Int, directory: String, runs: Int = 5) async throws {
        let path = try await lookupFile(size: size, directory: directory)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        print(
            String(
                format: "\nStatus lookup by ticket, %d requests (%.0f MB file), %d runs, %@",
                size,
                Double((attributes[.size] as? NSNumber)?.int64Value ?? 0) / 1e6,
                runs,
                Measurement.load()
            )
        )

        // The tickets are regenerated from the same seed, so no scan is needed to find them.
        var replay = Generator(seed: 2, node: 2)
        var tickets: [TicketNumber] = []
        tickets.reserveCapacity(size)
        for _ in 0..<size { tickets.append(replay.ticket()) }

        let store = try SQLiteRequestStore(path: path)
        let raw = RawLookup(path: path, memoryMapSize: store.configuration.memoryMapSize)
        let clock = try ManualWallClock(Generator.start)
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: ServiceCenter.Configuration(node: 9, clock: clock, triage: "311")
        )
        var random = Generator.Random(seed: 3)
        let samples = 100_000
        let order = (0..<samples).map { _ in tickets[Int(random.next() % UInt64(tickets.count))] }
        // Warm up the page cache and the statement caches, on every side.
        for ticket in order.prefix(20_000) {
            _ = raw.lookUp(Int64(ticket.payload))
            _ = try await store.request(ticket)
        }

        let sides = ["raw C API", "store.request(ticket)", "ServiceCenter.status(of:)"]
        var results = Array(repeating: [LookupRun](), count: sides.count)
        for run in 0..<runs {
            let loadBefore = Measurement.load()
            let turn = run % 2 == 0 ? Array(sides.indices) : sides.indices.reversed()
            for side in turn {
                let figures: LookupRun
                switch side {
                case 0: figures = try await measure(order) { ticket in raw.lookUp(Int64(ticket.payload)) }
                case 1: figures = try await measure(order) { ticket in try await store.request(ticket) != nil }
                default:
                    figures = try await measure(order) { ticket in try await center.status(of: ticket).ticket == ticket
                    }
                }
                results[side].append(figures)
            }
            print(
                "  run \(run + 1) (\(turn.map { sides[$0] }.joined(separator: ", "))): "
                    + sides.indices.map { side in
                        let last = results[side][run]
                        return String(format: "%@ p50 %.1f p99 %.1f µs", sides[side], last.p50, last.p99)
                    }.joined(separator: "; ") + "; \(loadBefore), after \(Measurement.load())"
            )
        }
        for side in sides.indices {
            let figures = results[side]
            func spread(_ values: [Double]) -> String {
                let sorted = values.sorted()
                return String(
                    format: "%.1f / %.1f / %.1f",
                    sorted.first ?? .nan,
                    Measurement.percentile(sorted, 0.5),
                    sorted.last ?? .nan
                )
            }
            print(
                "  \(sides[side]), µs, min / median / max over \(runs) runs: p50 \(spread(figures.map(\.p50))), "
                    + "p99 \(spread(figures.map(\.p99))), CPU per lookup \(spread(figures.map(\.cpu))), "
                    + "wall per lookup \(spread(figures.map(\.wall)))"
            )
        }
        let median = { (side: Int, value: KeyPath<LookupRun, Double>) in
            Measurement.percentile(results[side].map { $0[keyPath: value] }.sorted(), 0.5)
        }
        print(
            String(
                format:
                    "  median p99: store %.2f× raw, status %.2f× raw; median CPU: store %.2f× raw, status %.2f× raw",
                median(1, \.p99) / median(0, \.p99),
                median(2, \.p99) / median(0, \.p99),
                median(1, \.cpu) / median(0, \.cpu),
                median(2, \.cpu) / median(0, \.cpu)
            )
        )
        precondition(raw.checksum != 0)

        // The same lookups from four tasks at once (reader pool).
        let perTask = samples / 4
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<4 {
                let slice = Array(order[(task * perTask)..<((task + 1) * perTask)])
                group.addTask {
                    var hits = 0
                    for ticket in slice where try await store.request(ticket) != nil { hits += 1 }
                    return hits
                }
            }
            var hits = 0
            for try await count in group { hits += count }
            precondition(hits == perTask * 4)
        }
        let elapsed = seconds(ContinuousClock.now - start)
        print(
            String(
                format: "  4 concurrent tasks: %.0f lookups/s, %@",
                Double(perTask * 4) / elapsed,
                Measurement.load()
            )
        )
        store.close()
    }

    /// One side's pass over `order`: every lookup must find its request.
    static func measure(
        _ order: [TicketNumber],
        _ lookUp: (TicketNumber) async throws -> Bool
    ) async throws -> LookupRun {
        var latencies: [Double] = []
        latencies.reserveCapacity(order.count)
        let startCPU = Measurement.processCPUTime()
        let startWall = ContinuousClock.now
        for ticket in order {
            let start = ContinuousClock.now
            let found = try await lookUp(ticket)
            latencies.append(seconds(ContinuousClock.now - start))
            precondition(found, "ticket \(ticket) not found")
        }
        let wall = seconds(ContinuousClock.now - startWall)
        let cpu = Measurement.processCPUTime() - startCPU
        latencies.sort()
        let count = Double(order.count)
        return LookupRun(
            p50: Measurement.percentile(latencies, 0.5) * 1e6,
            p99: Measurement.percentile(latencies, 0.99) * 1e6,
            cpu: cpu / count * 1e6,
            wall: wall / count * 1e6
        )
    }
}
