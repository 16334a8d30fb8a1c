import Civic311
import Foundation
import Testing

@Suite struct ServiceCenterExternalReferenceTests {
    private typealias Fixtures = FoundationFixtures

    private static let bridge = Participant.integration("cityworks-bridge", department: "DOT")
    private static let workOrder = ExternalReference.Key(system: "cityworks", identifier: "WO-1001")

    /// Regression: recording the same reference twice stored it twice, with two events.
    @Test func recordingTheSameReferenceAgainChangesNothing() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let first = try await fixture.center.addExternalReference(
            ticket,
            system: "cityworks",
            identifier: "WO-1001",
            by: Self.bridge
        )
        try fixture.clock.advance(by: 60)
        let again = try await fixture.center.addExternalReference(
            ticket,
            system: "cityworks",
            identifier: "WO-1001",
            by: Self.bridge
        )
        #expect(again == first)
        #expect(again.externalReferences.map(\.identifier) == ["WO-1001"])
        #expect(try await fixture.store.events(for: ticket).count == 2)
    }

    @Test func concurrentRetriesRecordTheReferenceOnce() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let center = fixture.center
        let results = try await withThrowingTaskGroup(of: ServiceRequest.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await center.addExternalReference(
                        ticket,
                        system: "cityworks",
                        identifier: "WO-7",
                        by: Self.bridge
                    )
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.externalReferences.map(\.identifier) == ["WO-7"] })
        #expect(try await fixture.store.events(for: ticket).count == 2)
    }

    @Test func aRequestIsFoundByItsReferenceByThoseAllowedToSeeIt() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        _ = try await fixture.pothole()
        try await fixture.center.addExternalReference(
            ticket,
            system: Self.workOrder.system,
            identifier: Self.workOrder.identifier,
            by: Self.bridge
        )
        let found = try await fixture.center.request(externalReference: Self.workOrder, by: Self.bridge)
        #expect(found.ticket == ticket)
        #expect(try await fixture.center.request(externalReference: Self.workOrder, by: Fixtures.supervisor) == found)

        await #expect(throws: AuthorizationError.self) {
            _ = try await fixture.center.request(externalReference: Self.workOrder, by: Fixtures.parksCrew)
        }
        await #expect(throws: AuthorizationError.self) {
            _ = try await fixture.center.request(externalReference: Self.workOrder, by: Fixtures.otherResident)
        }
        let unknown = await #expect(throws: StorageError.self) {
            _ = try await fixture.center.request(
                externalReference: ExternalReference.Key(system: "cityworks", identifier: "WO-1002"),
                by: Self.bridge
            )
        }
        #expect(unknown?.code == .notFound)
        // The system is part of the key, and keys are case-sensitive.
        for key in [
            ExternalReference.Key(system: "hansen", identifier: "WO-1001"),
            ExternalReference.Key(system: "cityworks", identifier: "wo-1001"),
        ] {
            let missing = await #expect(throws: StorageError.self) {
                _ = try await fixture.center.request(externalReference: key, by: Self.bridge)
            }
            #expect(missing?.code == .notFound)
        }
        let blank = await #expect(throws: ValidationError.self) {
            _ = try await fixture.center.request(
                externalReference: ExternalReference.Key(system: " ", identifier: "WO-1001"),
                by: Self.bridge
            )
        }
        #expect(blank?.field == "system")
    }

    @Test func aReferenceHeldByAnotherRequestIsRefusedAndNothingIsWritten() async throws {
        let fixture = try await Fixtures.Center()
        let holder = try await fixture.pothole()
        let other = try await fixture.pothole()
        try await fixture.center.addExternalReference(holder, system: "cityworks", identifier: "WO-1", by: Self.bridge)
        let before = try await fixture.snapshot(other)
        let refused = await #expect(throws: StorageError.self) {
            try await fixture.center.addExternalReference(
                other,
                system: "cityworks",
                identifier: "WO-1",
                by: Self.bridge
            )
        }
        #expect(refused?.code == .duplicate)
        #expect(try await fixture.snapshot(other) == before)
        #expect(try await fixture.center.request(externalReference: Self.key("WO-1"), by: Self.bridge).ticket == holder)
    }

    @Test func twoRequestsRacingForOneReferenceLeaveItWithOne() async throws {
        let fixture = try await Fixtures.Center()
        var tickets: [TicketNumber] = []
        for _ in 0..<6 { tickets.append(try await fixture.pothole()) }
        let center = fixture.center
        let winners = await withTaskGroup(of: TicketNumber?.self) { group in
            for ticket in tickets {
                group.addTask {
                    let recorded = try? await center.addExternalReference(
                        ticket,
                        system: "cityworks",
                        identifier: "WO-RACE",
                        by: Self.bridge
                    )
                    return recorded?.ticket
                }
            }
            return await group.reduce(into: [TicketNumber]()) { winners, ticket in
                if let ticket { winners.append(ticket) }
            }
        }
        #expect(winners.count == 1)
        let holder = try await fixture.center.request(externalReference: Self.key("WO-RACE"), by: Self.bridge)
        #expect([holder.ticket] == winners)
        for ticket in tickets where ticket != holder.ticket {
            #expect(try await fixture.store.events(for: ticket).count == 1)
        }
    }

    @Test func aReKeyedRequestIsFoundByItsOldAndNewKeys() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.addExternalReference(
            ticket,
            system: "cityworks",
            identifier: "ENQ-55",
            by: Self.bridge
        )
        try fixture.clock.advance(by: 3_600)
        let reKeyed = try await fixture.center.addExternalReference(
            ticket,
            system: "cityworks",
            identifier: "WO-9001",
            by: Self.bridge
        )
        #expect(reKeyed.externalReference(in: "cityworks")?.identifier == "WO-9001")
        for identifier in ["ENQ-55", "WO-9001"] {
            let found = try await fixture.center.request(externalReference: Self.key(identifier), by: Self.bridge)
            #expect(found.ticket == ticket)
        }
        // A former key of the same request may become current again; another request may not take it.
        let back = try await fixture.center.addExternalReference(
            ticket,
            system: "cityworks",
            identifier: "ENQ-55",
            by: Self.bridge
        )
        #expect(back.externalReference(in: "cityworks")?.identifier == "ENQ-55")
        #expect(back.version == 4)
        let other = try await fixture.pothole()
        let refused = await #expect(throws: StorageError.self) {
            try await fixture.center.addExternalReference(
                other,
                system: "cityworks",
                identifier: "WO-9001",
                by: Self.bridge
            )
        }
        #expect(refused?.code == .duplicate)
    }

    @Test func recordingIsAuthorizedBeforeAnythingElse() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.addExternalReference(ticket, system: "cityworks", identifier: "WO-1", by: Self.bridge)
        let parksBridge = Participant.integration("parks-bridge", department: "PKS")
        // Even when there would be nothing to record.
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.addExternalReference(
                ticket,
                system: "cityworks",
                identifier: "WO-1",
                by: parksBridge
            )
        }
        let blank = await #expect(throws: ValidationError.self) {
            try await fixture.center.addExternalReference(ticket, system: "cityworks", identifier: "", by: Self.bridge)
        }
        #expect(blank?.field == "identifier")
    }

    private static func key(_ identifier: String) -> ExternalReference.Key {
        ExternalReference.Key(system: "cityworks", identifier: identifier)
    }
}
