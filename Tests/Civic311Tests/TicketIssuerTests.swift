import Civic311
import Civic311SampleCounty
import Foundation
import Synchronization
import Testing

@Suite struct TicketIssuerTests {
    private static let base = FoundationFixtures.start

    /// Seconds since the epoch of the second a ticket was issued in, read straight from the
    /// documented payload layout (DDDDD TTTTT NN QQ) so these tests do not lean on the accessors.
    private static func slot(_ ticket: TicketNumber) -> UInt64 {
        ticket.payload / 1_000_000_000 * 86_400 + ticket.payload / 10_000 % 100_000
    }

    @Test func twoMillionNumbersFromOneNodeAreUniqueAndIncreasing() throws {
        let issuer = try TicketIssuer(node: 42)
        let count = 2_000_000
        var payloads = Set<UInt64>(minimumCapacity: count)
        var previous: UInt64 = 0
        var outOfOrder = 0
        var behindTheClock = 0
        var wrongNode = 0
        var borrowed = 0
        let epochOffset = Self.base.timeIntervalSince(TicketNumber.epoch)
        for index in 0..<count {
            // 250 numbers per clock second for the first half: 150 a second must be borrowed. Then
            // the clock jumps a day ahead, and later steps back an hour, as real clocks do.
            let seconds: Double
            if index < count / 2 {
                seconds = epochOffset + Double(index / 250)
            } else {
                let stepBack: Double = index >= count * 3 / 4 ? 3_600 : 0
                seconds = epochOffset + 86_400 + Double((index - count / 2) / 50) - stepBack
            }
            let ticket = try issuer.issue(at: TicketNumber.epoch.addingTimeInterval(seconds))
            if ticket.payload <= previous && index > 0 { outOfOrder += 1 }
            if Self.slot(ticket) < UInt64(seconds) { behindTheClock += 1 }
            if Self.slot(ticket) > UInt64(seconds) { borrowed += 1 }
            if ticket.node != 42 { wrongNode += 1 }
            previous = ticket.payload
            payloads.insert(ticket.payload)
        }
        #expect(payloads.count == count)
        #expect(outOfOrder == 0)
        #expect(behindTheClock == 0)
        #expect(wrongNode == 0)
        #expect(borrowed > count / 4, "the borrowing path must have been exercised")
    }

    @Test func concurrentNodesNeverCollide() async throws {
        let nodes = 6
        let tasksPerNode = 2
        let perTask = 40_000
        let issuers = try (0..<nodes).map { try TicketIssuer(node: $0 * 17) }
        let runs = try await withThrowingTaskGroup(of: [TicketNumber].self) { group in
            for issuer in issuers {
                for _ in 0..<tasksPerNode {
                    group.addTask {
                        var issued: [TicketNumber] = []
                        issued.reserveCapacity(perTask)
                        for index in 0..<perTask {
                            // All nodes share one slow clock: 300 numbers per second per task.
                            let instant = Self.base.addingTimeInterval(Double(index / 300))
                            issued.append(try issuer.issue(at: instant))
                        }
                        return issued
                    }
                }
            }
            var runs: [[TicketNumber]] = []
            for try await run in group { runs.append(run) }
            return runs
        }
        var payloads = Set<UInt64>(minimumCapacity: nodes * tasksPerNode * perTask)
        for run in runs {
            // Each task sees its own numbers strictly increase.
            #expect(zip(run, run.dropFirst()).allSatisfy { $0 < $1 })
            for ticket in run { payloads.insert(ticket.payload) }
        }
        #expect(runs.count == nodes * tasksPerNode)
        #expect(payloads.count == nodes * tasksPerNode * perTask)
        let perNode = Dictionary(grouping: runs.joined(), by: \.node).mapValues(\.count)
        #expect(perNode == Dictionary(uniqueKeysWithValues: (0..<nodes).map { ($0 * 17, tasksPerNode * perTask) }))
    }

    @Test func resumesAfterTheLastNumberWithinTheSameSecond() throws {
        let instant = Self.base.addingTimeInterval(0.25)
        let first = try TicketIssuer(node: 3)
        var issued: [TicketNumber] = []
        for _ in 0..<37 { issued.append(try first.issue(at: instant)) }
        // The process restarts in the same second and resumes after its last stored number.
        let restarted = try TicketIssuer(node: 3, after: issued.last)
        let next = try restarted.issue(at: instant)
        #expect(next > issued.last!)
        #expect(!issued.contains(next))
        #expect(next.sequence == 37)
        // A clock that stepped back after the restart cannot repeat a number either.
        let again = try TicketIssuer(node: 3, after: next)
        let stepped = try again.issue(at: instant.addingTimeInterval(-7_200))
        #expect(stepped > next)
    }

    @Test func resumingAfterAFullSecondMovesToTheNextSecond() throws {
        let last = try TicketNumber(day: 2_000, secondOfDay: 100, node: 9, sequence: 99)
        let issuer = try TicketIssuer(node: 9, after: last)
        let next = try issuer.issue(at: last.issuedAt)
        #expect(next.secondOfDay == 101)
        #expect(next.sequence == 0)
    }

    @Test func aCenterOnTheSameStoreContinuesNumbering() async throws {
        let fixture = try await FoundationFixtures.Center(node: 5)
        let first = try await fixture.pothole()
        let second = try await fixture.pothole()
        let restarted = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: fixture.store,
            configuration: .init(node: 5, clock: fixture.clock, triage: "311")
        )
        let third = try await restarted.submit(FoundationFixtures.potholeDraft(), by: FoundationFixtures.callTaker)
        #expect(first < second)
        #expect(second < third.ticket)
        #expect(third.ticket.issuedAt == first.issuedAt)
    }

    @Test(arguments: [-1, 100, 1_000, Int.min])
    func invalidNodeIsRejected(node: Int) {
        let error = #expect(throws: ValidationError.self) { try TicketIssuer(node: node) }
        #expect(error?.code == .outOfRange)
        #expect(error?.field == "node")
    }

    @Test func lastIssuedByAnotherNodeIsRejected() throws {
        let foreign = try TicketNumber(day: 1, secondOfDay: 1, node: 8, sequence: 0)
        let error = #expect(throws: ValidationError.self) { try TicketIssuer(node: 7, after: foreign) }
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "lastIssued")
    }

    @Test func instantsBeforeTheEpochAreRejected() throws {
        let issuer = try TicketIssuer(node: 0)
        let error = #expect(throws: TicketNumberError.self) {
            try issuer.issue(at: TicketNumber.epoch.addingTimeInterval(-1))
        }
        #expect(error?.code == .beforeEpoch)
        // The epoch itself is the first second of day zero.
        let first = try issuer.issue(at: TicketNumber.epoch)
        #expect(first.description.hasPrefix("00000-00000-0000"))
    }

    @Test func theLastSecondOfTheRangeHoldsOneHundredNumbers() throws {
        let issuer = try TicketIssuer(node: 1)
        let lastSecond = TicketNumber.epoch.addingTimeInterval(Double(TicketNumber.maximumDay + 1) * 86_400 - 1)
        for sequence in 0..<100 { #expect(try issuer.issue(at: lastSecond).sequence == sequence) }
        let error = #expect(throws: TicketNumberError.self) { try issuer.issue(at: lastSecond) }
        #expect(error?.code == .capacityExhausted)
    }

    @Test func aRefusedInstantChangesNothing() throws {
        // A clock glitch past the year 2293 is refused; the issuer must keep working afterwards.
        let issuer = try TicketIssuer(node: 1)
        let before = try issuer.issue(at: Self.base)
        let error = #expect(throws: TicketNumberError.self) {
            try issuer.issue(at: TicketNumber.epoch.addingTimeInterval(Double(TicketNumber.maximumDay + 5) * 86_400))
        }
        #expect(error?.code == .capacityExhausted)
        let after = try? issuer.issue(at: Self.base)
        #expect(after != nil, "the issuer is stuck after a refused instant")
        if let after {
            #expect(after > before)
            #expect(after.issuedAt == before.issuedAt)
        }
    }
}
