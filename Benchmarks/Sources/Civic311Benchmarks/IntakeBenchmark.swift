import Civic311
import Civic311SampleCounty
import Foundation

/// Intake through the public API into the in-memory store, against a bare dictionary insert of
/// the same records measured in the same run. First on the path a county configured as documented
/// takes (the sample county with its routing rules and service levels: the figure the target is
/// for), then with the catalog alone (catalog routing and catalog due dates), which shows what the
/// rules and calendars cost.
enum IntakeBenchmark {
    static func run() async throws {
        let count = Int(ProcessInfo.processInfo.environment["INTAKE_COUNT"] ?? "") ?? 500_000
        print("intake: \(count) requests, CPU time; \(Measurement.load())")
        // Each run's store is kept until both have run: freed, the first store's pages would be
        // reused by the second, whose resident growth would then read as nothing.
        let documented = try await run(
            county: .sampleCounty,
            path: "sample county",
            count: count,
            target: "≥ 500,000/s"
        )
        let catalogOnly = try await run(
            county: try Jurisdiction.sampleCounty.adopting(routingRules: nil, serviceLevels: nil),
            path: "catalog only",
            count: count,
            target: nil
        )
        withExtendedLifetime((documented, catalogOnly)) {}
    }

    /// Measures intake over `county`; returns the store it filled.
    private static func run(
        county: Jurisdiction,
        path: String,
        count: Int,
        target: String?
    ) async throws -> InMemoryRequestStore {
        let drafts = try SampleDrafts.make(for: county, count: 5_000)
        let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
        let store = InMemoryRequestStore()
        let center = try await ServiceCenter(
            jurisdiction: county,
            store: store,
            configuration: .init(node: 1, clock: clock, triage: "311")
        )
        let participant = Participant.callTaker("bench")

        // Warm up the code paths and the allocator, then measure on a fresh store.
        for draft in drafts.prefix(1_000) { _ = try await center.submit(draft, by: participant) }

        let (total, latencies, tickets, measuredStore, perRequest) = try await measure(
            count: count,
            store: InMemoryRequestStore(),
            drafts: drafts,
            county: county,
            clock: clock,
            node: 2
        )

        // Baseline: the same request records inserted into a bare dictionary.
        var records: [ServiceRequest] = []
        records.reserveCapacity(count)
        for ticket in tickets { records.append(try await measuredStore.request(ticket)!) }
        var dictionary: [TicketNumber: ServiceRequest] = [:]
        let bare = Measurement.seconds {
            for record in records { dictionary[record.ticket] = record }
        }

        let textBytes = drafts.reduce(0) { $0 + $1.description.utf8.count } / drafts.count
        Measurement.report(
            "intake (\(path)): ServiceCenter.submit",
            Measurement.rates(count, total),
            target: target
        )
        if target != nil { Floor.rate("intake (\(path))", Double(count) / total.cpu, target: 500_000) }
        Measurement.report(
            "intake (\(path)): p50 latency",
            String(format: "%.2f µs", Measurement.percentile(latencies, 0.5) * 1e6)
        )
        Measurement.report(
            "intake (\(path)): p99 latency",
            String(format: "%.2f µs", Measurement.percentile(latencies, 0.99) * 1e6)
        )
        Measurement.report("baseline: bare Dictionary insert of the same records", Measurement.rate(count, bare))
        Measurement.report(
            "intake (\(path)) / bare dictionary (time ratio)",
            String(format: "%.1f× the time (wall)", total.wall / bare)
        )
        Measurement.report(
            "intake (\(path)): resident bytes per stored request",
            String(format: "%.0f B (text ≈ %d B of it)", perRequest, textBytes),
            target: "< 1 KB plus text"
        )
        guard dictionary.count == count else { throw BenchmarkFailure("the baseline lost records") }
        return measuredStore
    }

    /// Submits `count` drafts into a fresh center over `store`, timing every 16th call.
    private static func measure(
        count: Int,
        store: InMemoryRequestStore,
        drafts: [ServiceRequestDraft],
        county: Jurisdiction,
        clock: ManualWallClock,
        node: Int
    ) async throws -> ((cpu: Double, wall: Double), [Double], [TicketNumber], InMemoryRequestStore, Double) {
        let center = try await ServiceCenter(
            jurisdiction: county,
            store: store,
            configuration: .init(node: node, clock: clock, triage: "311")
        )
        let participant = Participant.callTaker("bench")
        var latencies: [Double] = []
        latencies.reserveCapacity(count / 16 + 1)
        var tickets: [TicketNumber] = []
        tickets.reserveCapacity(count)
        let residentBefore = Measurement.residentBytes()
        let total = try await Measurement.asyncCPUSeconds {
            for index in 0..<count {
                if index % 100 == 0 { try clock.advance(by: 1) }
                let draft = drafts[index % drafts.count]
                if index & 15 == 0 {
                    let start = ContinuousClock.now
                    tickets.append(try await center.submit(draft, by: participant).ticket)
                    latencies.append((ContinuousClock.now - start).seconds)
                } else {
                    tickets.append(try await center.submit(draft, by: participant).ticket)
                }
            }
        }
        let perRequest = Double(Measurement.residentBytes() - residentBefore) / Double(count)
        latencies.sort()
        return (total, latencies, tickets, store, perRequest)
    }
}
