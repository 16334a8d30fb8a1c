import Civic311
import Civic311SampleCounty
import Foundation

/// How intake, status lookup, the work queue's page and its count grow with the in-memory store:
/// at each size (`SCALING_SIZES`, default 100,000 and 1,000,000; add 5,000,000 for the table in
/// Performance.md), a store is filled `SCALING_FILLS` times (default 3) through
/// `ServiceCenter.submit` on the sample county's documented path (its routing rules and service
/// levels), with drafts that are all different and carry client request IDs. The last fill is kept
/// and read: five runs of each reading, min / median / max, with the load beside them.
///
/// Intake is reported twice: over the whole fill, and over its last tenth, which is the rate at
/// that size (a store that slowed as it grew would show it there).
enum ScalingBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let sizes = (environment["SCALING_SIZES"] ?? "100000,1000000").split(separator: ",").compactMap { Int($0) }
        let fills = max(1, Int(environment["SCALING_FILLS"] ?? "") ?? 3)
        let runs = 5
        print("scaling (in memory, sample county): sizes \(sizes), \(fills) fills each; \(Measurement.load())")
        for size in sizes {
            var whole: [(cpu: Double, wall: Double)] = []
            var lastTenth: [(cpu: Double, wall: Double)] = []
            var filled: (store: InMemoryRequestStore, tickets: [TicketNumber])?
            for _ in 0..<fills {
                filled = nil  // frees the previous fill before the next one grows
                let fill = try await Fill(size: size)
                whole.append(fill.whole)
                lastTenth.append(fill.lastTenth)
                filled = (fill.store, fill.tickets)
            }
            guard let (store, tickets) = filled else { continue }
            print("\nscaling at \(size) requests (\(Measurement.load()))")
            Measurement.report("  intake, whole fill", Measurement.spread(size, whole))
            Measurement.report("  intake, last tenth of the fill", Measurement.spread(size - size * 9 / 10, lastTenth))
            try await readings(of: store, tickets: tickets, runs: runs)
        }
    }

    /// A store filled through the center, timed as a whole and over its last tenth.
    private struct Fill {
        var store = InMemoryRequestStore()
        var tickets: [TicketNumber] = []
        var whole: (cpu: Double, wall: Double) = (0, 0)
        var lastTenth: (cpu: Double, wall: Double) = (0, 0)

        init(size: Int) async throws {
            let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
            let center = try await ServiceCenter(
                jurisdiction: .sampleCounty,
                store: store,
                configuration: .init(node: 1, clock: clock, triage: "311")
            )
            let participant = Participant.callTaker("bench")
            tickets.reserveCapacity(size)
            let tenth = size * 9 / 10
            // Drafts are made a chunk at a time, outside the timed loops, so five million of
            // them never sit in memory at once.
            let chunk = 10_000
            var start = 0
            while start < size {
                let drafts = try SampleDrafts.make(
                    for: .sampleCounty,
                    count: min(chunk, size - start),
                    first: start,
                    clientRequestIDs: true,
                    spreadOverCounty: true
                )
                // The chunk is split where the last tenth begins, so that part is timed alone.
                let end = start + drafts.count
                let split = min(max(start, tenth), end)
                for part in [start..<split, split..<end] where !part.isEmpty {
                    let time = try await Measurement.asyncCPUSeconds {
                        for index in part {
                            if index % 100 == 0 { try clock.advance(by: 1) }
                            tickets.append(try await center.submit(drafts[index - start], by: participant).ticket)
                        }
                    }
                    whole.cpu += time.cpu
                    whole.wall += time.wall
                    if part.lowerBound >= tenth {
                        lastTenth.cpu += time.cpu
                        lastTenth.wall += time.wall
                    }
                }
                start += drafts.count
            }
        }
    }

    /// Status lookups, the busiest department's queue page and its count, five runs each.
    private static func readings(of store: InMemoryRequestStore, tickets: [TicketNumber], runs: Int) async throws {
        // The department with the most new requests: the largest queue, the hardest page.
        var largest: (department: DepartmentID, count: Int)?
        for department in Jurisdiction.sampleCounty.departments.map(\.id) {
            let count = try await store.countRequests(matching: RequestQuery(states: [.new], departments: [department]))
            if count > largest?.count ?? -1 { largest = (department, count) }
        }
        guard let largest else { return }
        let queue = RequestQuery(states: [.new], departments: [largest.department], order: .dueAscending)
        let page = try PageRequest(limit: 100)
        var generator = SystemRandomNumberGenerator()
        let lookups = 200_000
        let repeats = 1_000
        var p50: [Double] = []
        var p99: [Double] = []
        var pages: [Double] = []
        var counts: [Double] = []
        for _ in 0..<runs {
            var latencies: [Double] = []
            latencies.reserveCapacity(lookups)
            for _ in 0..<lookups {
                let ticket = tickets[Int.random(in: 0..<tickets.count, using: &generator)]
                let start = ContinuousClock.now
                guard try await store.request(ticket) != nil else {
                    throw BenchmarkFailure("a stored request is missing")
                }
                latencies.append((ContinuousClock.now - start).seconds)
            }
            latencies.sort()
            p50.append(Measurement.percentile(latencies, 0.5))
            p99.append(Measurement.percentile(latencies, 0.99))
            pages.append(
                try await Measurement.asyncCPUSeconds {
                    for _ in 0..<repeats { _ = try await store.requests(matching: queue, page: page) }
                }.cpu / Double(repeats)
            )
            counts.append(
                try await Measurement.asyncCPUSeconds {
                    for _ in 0..<repeats { _ = try await store.countRequests(matching: queue) }
                }.cpu / Double(repeats)
            )
        }
        Measurement.report("  status lookup p50 (wall, \(lookups) random tickets)", spread(p50))
        Measurement.report("  status lookup p99", spread(p99))
        Measurement.report(
            "  queue first page of 100 (\(largest.department), \(largest.count) new), CPU",
            spread(pages)
        )
        Measurement.report("  queue count, CPU", spread(counts))
    }

    /// "min / median / max" of durations.
    private static func spread(_ samples: [Double]) -> String {
        let sorted = samples.sorted()
        func text(_ seconds: Double) -> String {
            seconds >= 1e-3 ? String(format: "%.2f ms", seconds * 1e3) : String(format: "%.2f µs", seconds * 1e6)
        }
        return "\(text(sorted[0])) / \(text(Measurement.percentile(sorted, 0.5))) / \(text(sorted[sorted.count - 1]))"
    }
}
