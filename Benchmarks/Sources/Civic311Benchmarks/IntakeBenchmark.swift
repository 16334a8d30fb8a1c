import Civic311
import Civic311SampleCounty
import Foundation

/// Intake through the public API into the in-memory store, against a bare dictionary insert of
/// the same records measured in the same run. First on the path a county configured as documented
/// takes (the sample county with its routing rules and service levels: the figure the target is
/// for), then with the catalog alone (catalog routing and catalog due dates), which shows what the
/// rules and calendars cost.
///
/// Every draft is different: its own description, address, point in the county and client request
/// ID (so intake keeps the retry index a real caller's IDs fill, and the nearby grid and the
/// district lookups meet points as residents' reports spread them). Runs are interleaved (documented, catalog only,
/// baseline; again), so a change in the machine's load falls on all three.
enum IntakeBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let count = Int(environment["INTAKE_COUNT"] ?? "") ?? 500_000
        let runs = max(1, Int(environment["INTAKE_RUNS"] ?? "") ?? 5)
        print("intake: \(count) requests, \(runs) runs, CPU time; \(Measurement.load())")
        let documented = Path(
            name: "sample county",
            county: .sampleCounty,
            drafts: try SampleDrafts.make(
                for: .sampleCounty,
                count: count,
                clientRequestIDs: true,
                spreadOverCounty: true
            )
        )
        let catalogCounty = try Jurisdiction.sampleCounty.adopting(routingRules: nil, serviceLevels: nil)
        let catalogOnly = Path(
            name: "catalog only",
            county: catalogCounty,
            drafts: try SampleDrafts.make(
                for: catalogCounty,
                count: count,
                clientRequestIDs: true,
                spreadOverCounty: true
            )
        )
        let participant = Participant.callTaker("bench")

        // Warm up the code paths and the allocator on a small store of each kind.
        for path in [documented, catalogOnly] {
            let center = try await path.center(over: InMemoryRequestStore())
            for draft in path.drafts.prefix(2_000) { _ = try await center.submit(draft, by: participant) }
        }

        // The first run of each path keeps its store until the end: freed, its pages would be
        // reused by the next run, whose resident growth would then read as nothing.
        var kept: [InMemoryRequestStore] = []
        var times: [[(cpu: Double, wall: Double)]] = [[], [], []]
        var latencies: [[Double]] = [[], []]
        var residentBytes: [Double] = [0, 0]
        var records: [ServiceRequest] = []
        var dictionary: [TicketNumber: ServiceRequest] = [:]
        for run in 0..<runs {
            for (index, path) in [documented, catalogOnly].enumerated() {
                let store = InMemoryRequestStore()
                let measured = try await path.measure(over: store, by: participant)
                times[index].append(measured.time)
                latencies[index] += measured.latencies
                guard run == 0 else { continue }
                residentBytes[index] = measured.residentBytesPerRequest
                kept.append(store)
                if index == 0 { records = try await store.requests(measured.tickets) }
            }
            // Baseline: the same finished records into a dictionary reserved and touched beforehand
            // (filled once, then emptied keeping its storage), so it pays no growth or page faults.
            if run == 0 {
                dictionary.reserveCapacity(count)
                for record in records { dictionary[record.ticket] = record }
            }
            dictionary.removeAll(keepingCapacity: true)
            times[2].append(Measurement.cpuSeconds { for record in records { dictionary[record.ticket] = record } })
            guard dictionary.count == count else { throw BenchmarkFailure("the baseline lost records") }
        }

        let textBytes = documented.drafts.reduce(0) { $0 + $1.description.utf8.count } / max(1, count)
        for (index, path) in [documented, catalogOnly].enumerated() {
            Measurement.report("intake (\(path.name)): ServiceCenter.submit", "")
            Measurement.report(
                "  CPU rate (min / median / max)",
                Measurement.spread(count, times[index]),
                target: index == 0 ? "≥ 500,000/s" : nil
            )
            let sorted = latencies[index].sorted()
            Measurement.report(
                "  latency p50 / p99 (wall, every 16th call)",
                String(
                    format: "%.2f µs / %.2f µs",
                    Measurement.percentile(sorted, 0.5) * 1e6,
                    Measurement.percentile(sorted, 0.99) * 1e6
                )
            )
            Measurement.report(
                "  resident bytes per stored request",
                String(format: "%.0f B (text ≈ %d B of it)", residentBytes[index], textBytes),
                target: "< 1 KB plus text"
            )
            Measurement.report(
                "  against the baseline",
                Measurement.ratio("intake", times[index], per: count, "a dictionary insert", times[2], per: count)
            )
        }
        Measurement.report(
            "baseline: reserved Dictionary insert of the same records",
            Measurement.spread(count, times[2])
        )
        Floor.rate("intake (sample county)", Floor.medianRate(count, times[0]), target: 500_000, reached: 250_000)
        withExtendedLifetime(kept) {}
    }

    /// One configuration of intake and its drafts.
    private struct Path {
        var name: String
        var county: Jurisdiction
        var drafts: [ServiceRequestDraft]

        func center(
            over store: InMemoryRequestStore,
            clock: ManualWallClock? = nil
        ) async throws -> ServiceCenter {
            let clock = try clock ?? ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
            return try await ServiceCenter(
                jurisdiction: county,
                store: store,
                configuration: .init(node: 1, clock: clock, triage: "311")
            )
        }

        /// Submits every draft into a fresh center over `store`, advancing its clock a second
        /// every 100 requests and timing every 16th call.
        func measure(
            over store: InMemoryRequestStore,
            by participant: Participant
        ) async throws -> (
            time: (cpu: Double, wall: Double), latencies: [Double], tickets: [TicketNumber],
            residentBytesPerRequest: Double
        ) {
            let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
            let center = try await center(over: store, clock: clock)
            var latencies: [Double] = []
            latencies.reserveCapacity(drafts.count / 16 + 1)
            var tickets: [TicketNumber] = []
            tickets.reserveCapacity(drafts.count)
            let residentBefore = Measurement.residentBytes()
            let time = try await Measurement.asyncCPUSeconds {
                for (index, draft) in drafts.enumerated() {
                    if index % 100 == 0 { try clock.advance(by: 1) }
                    if index & 15 == 0 {
                        let start = ContinuousClock.now
                        tickets.append(try await center.submit(draft, by: participant).ticket)
                        latencies.append((ContinuousClock.now - start).seconds)
                    } else {
                        tickets.append(try await center.submit(draft, by: participant).ticket)
                    }
                }
            }
            let perRequest = Double(Measurement.residentBytes() - residentBefore) / Double(max(1, drafts.count))
            return (time, latencies, tickets, perRequest)
        }
    }
}

extension InMemoryRequestStore {
    /// The stored requests of `tickets`, in order.
    fileprivate func requests(_ tickets: [TicketNumber]) async throws -> [ServiceRequest] {
        var records: [ServiceRequest] = []
        records.reserveCapacity(tickets.count)
        for ticket in tickets {
            guard let record = try await request(ticket) else { throw BenchmarkFailure("a stored request is missing") }
            records.append(record)
        }
        return records
    }
}
