import Civic311
import Foundation
import Testing

/// A department that held a request can still see where it went, and nothing more of it.
@Suite struct RequestWhereaboutsTests {
    private typealias Fixtures = FoundationFixtures
    private static let roads = Participant.integration("workorders", department: "DOT")
    private static let sewers = Participant.departmentStaff("s.kim", department: "SWR")

    @Test func aFormerHolderFindsWhereTheRequestWentByTicketAndByItsReference() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.addExternalReference(ticket, system: "workorders", identifier: "WO-9", by: Self.roads)
        try fixture.clock.advance(by: 3_600)
        try await fixture.center.reassign(ticket, to: "SWR", reason: "A sewer cave-in.", by: Fixtures.supervisor)
        let movedAt = try #require(try await fixture.store.request(ticket)).updatedAt

        // Roads no longer sees the request in full…
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.request(
                externalReference: .init(system: "workorders", identifier: "WO-9"),
                by: Self.roads
            )
        }
        // …but learns where it went, by its own reference or the ticket.
        let byReference = try await fixture.center.whereabouts(
            externalReference: .init(system: "workorders", identifier: "WO-9"),
            by: Self.roads
        )
        let byTicket = try await fixture.center.whereabouts(of: ticket, by: Fixtures.roadCrew)
        #expect(byReference == byTicket)
        #expect(byTicket.ticket == ticket)
        #expect(byTicket.department == "SWR")
        #expect(byTicket.state == .new)
        #expect(byTicket.heldSince == movedAt)
        #expect(byTicket.formerHolders == ["DOT"])
        #expect(!byTicket.departmentName.isEmpty)

        // The holder sees it too; it was received at the move.
        #expect(try await fixture.center.whereabouts(of: ticket, by: Self.sewers).department == "SWR")
    }

    @Test func aReturnedRequestNamesEveryHolderInOrder() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.reassign(ticket, to: "SWR", reason: "A sewer cave-in.", by: Fixtures.supervisor)
        try await fixture.center.reassign(
            ticket,
            to: "DOT",
            reason: "It was the road after all.",
            by: Fixtures.supervisor
        )
        try await fixture.center.returnAsNotOurs(ticket, reason: "A state highway.", by: Fixtures.roadCrew)
        let whereabouts = try await fixture.center.whereabouts(of: ticket, by: Self.sewers)
        let request = try #require(try await fixture.store.request(ticket))
        #expect(whereabouts.department == request.department)
        #expect(whereabouts.formerHolders == ["DOT", "SWR", "DOT"])
    }

    @Test func departmentsThatNeverHeldItAndResidentsAreRefused() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        for participant in [Fixtures.parksCrew, Self.sewers, Fixtures.submittingResident, .resident(nil)] {
            do {
                _ = try await fixture.center.whereabouts(of: ticket, by: participant)
                Issue.record("\(participant) saw the whereabouts")
            } catch let error as AuthorizationError {
                #expect(error.operation == .viewWhereabouts)
            }
        }
        // A resident trying references learns nothing about which exist.
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.whereabouts(
                externalReference: .init(system: "workorders", identifier: "WO-404"),
                by: .resident(nil)
            )
        }
        await #expect(throws: StorageError.self) {
            try await fixture.center.whereabouts(
                externalReference: .init(system: "workorders", identifier: "WO-404"),
                by: Self.roads
            )
        }
        await #expect(throws: ValidationError.self) {
            try await fixture.center.whereabouts(
                externalReference: .init(system: " ", identifier: "WO-1"),
                by: Self.roads
            )
        }
        #expect(try await fixture.center.whereabouts(of: ticket, by: Fixtures.callTaker).department == "DOT")
    }
}
