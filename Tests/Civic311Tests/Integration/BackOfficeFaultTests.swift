@_spi(Benchmarks) import Civic311
import Civic311Testing
import Foundation
import Testing

/// The inbound half of the fault matrix: a back office whose status updates arrive duplicated and
/// interleaved, whose records are re-keyed, and whose calls take time, ends with every request
/// where a fault-free back office leaves it.
@Suite struct BackOfficeFaultTests {
    private typealias Fixtures = FoundationFixtures
    private static let publicWorks = try! OutboxDestination(name: "public-works", departments: ["DOT"])
    private static let bridge = Participant.integration("workorders", department: "DOT")
    private static let map = try! BackOfficeStatusMap(
        system: "workorders",
        entries: [
            .init(code: "WO_ACCEPTED", transition: .accept),
            .init(code: "WO_STARTED", transition: .start),
            .init(code: "WO_DONE", transition: .resolve),
            .init(code: "WO_CLOSED", transition: .close(.completed)),
        ]
    )
    /// What the crew reports for a work order, in order, with the note the resident reads.
    private static let lifecycle: [(status: String, note: String?)] = [
        ("WO_ACCEPTED", nil), ("WO_STARTED", nil), ("WO_DONE", "Patched with hot asphalt."),
        ("WO_CLOSED", "Patched with hot asphalt."),
    ]

    /// What a request ended as, compared across runs.
    private struct Outcome: Equatable, CustomStringConvertible {
        let state: RequestState
        let publicNotes: [String]
        let closureNote: String?
        var description: String { "\(state) \(publicNotes) \(closureNote ?? "-")" }
    }

    /// One seeded script: eight potholes dispatched, then the crew reports on them in a random
    /// order of work orders; with `faults`, updates are duplicated and interleaved, some records
    /// are re-keyed before the crew reports on them, and every call takes a millisecond.
    private static func run(seed: UInt64, faults: Bool) async throws -> [Outcome] {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(
            clock: fixture.clock,
            latency: faults ? .milliseconds(1) : .zero,
            seed: seed
        )
        if faults { try backOffice.setUpdateFaults(duplicateRate: 0.4, reorders: true) }
        let outbox = try await DepartmentOutbox(center: fixture.center, adapter: backOffice, destination: publicWorks)
        var tickets: [TicketNumber] = []
        for _ in 0..<8 { tickets.append(try await fixture.pothole()) }
        try await outbox.deliverDue()
        var references = try tickets.map { ticket in try #require(backOffice.workOrder(for: ticket)?.reference) }
        var reported = [Int](repeating: 0, count: tickets.count)
        var random = SplitMix64(seed: seed)
        var duplicates = 0
        for step in 0..<40 {
            let index = Int(random.next() % UInt64(tickets.count))
            // Drawn in both runs, so the scripts stay the same.
            let rekeys = random.next() % 5 == 0
            if faults, rekeys, let new = backOffice.rekey(references[index]) {
                try await fixture.center.addExternalReference(
                    tickets[index],
                    system: "workorders",
                    identifier: new,
                    by: bridge
                )
                references[index] = new
            }
            if reported[index] < lifecycle.count {
                let (status, note) = lifecycle[reported[index]]
                backOffice.report(status, on: references[index], note: note)
                reported[index] += 1
            }
            try fixture.clock.advance(by: 30)
            guard step % 5 == 4 else { continue }
            for update in backOffice.sendUpdates() {
                let outcome = try await fixture.center.receive(update, mappedBy: map, servingDepartments: ["DOT"])
                if case .duplicate = outcome { duplicates += 1 }
                if case .parked(_, let reason) = outcome { Issue.record("seed \(seed): parked: \(reason)") }
            }
            try await outbox.deliverDue()
        }
        if faults { #expect(duplicates > 0, "seed \(seed): no update arrived twice") }
        #expect(backOffice.duplicateEffects == 0)
        var outcomes: [Outcome] = []
        for ticket in tickets {
            let request = try await fixture.center.request(ticket, by: .system)
            outcomes.append(
                Outcome(
                    state: request.state,
                    publicNotes: try await fixture.center.status(of: ticket).notes.map(\.text),
                    closureNote: request.closure?.note
                )
            )
        }
        return outcomes
    }

    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func duplicatedInterleavedAndReKeyedUpdatesEndWhereCleanOnesDo(seed: UInt64) async throws {
        let clean = try await Self.run(seed: seed, faults: false)
        let faulty = try await Self.run(seed: seed, faults: true)
        #expect(clean.contains { $0.state == .closed }, "seed \(seed): the script closed nothing")
        #expect(faulty == clean, "seed \(seed)")
    }

    @Test func theFakesFaultSettingsAreValidated() throws {
        let clock = try ManualWallClock(Fixtures.start)
        #expect {
            try FakeBackOffice(clock: clock, latency: .milliseconds(-1))
        } throws: { ($0 as? ValidationError)?.field == "latency" }
        let backOffice = try FakeBackOffice(clock: clock)
        #expect {
            try backOffice.setUpdateFaults(duplicateRate: 1.5, reorders: false)
        } throws: { ($0 as? ValidationError)?.field == "duplicateRate" }
        #expect(backOffice.rekey("WO-404") == nil)
        #expect(backOffice.report("WO_ACCEPTED", on: "WO-404") == nil)
        #expect(backOffice.sendUpdates().isEmpty)
    }
}
