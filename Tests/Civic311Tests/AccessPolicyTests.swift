import Civic311
import Foundation
import Testing

@Suite struct AccessPolicyTests {
    private typealias Fixtures = FoundationFixtures

    /// The roles of the matrix, on a request assigned to DOT and submitted by a resident.
    enum Role: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case anonymousResident
        case submittingResident
        case submittingResidentByPhone
        case otherResident
        case callTaker
        case assignedStaff
        case otherStaff
        case supervisor
        case assignedIntegration
        case otherIntegration
        case system

        var participant: Participant {
            switch self {
            case .anonymousResident: .resident(nil)
            case .submittingResident: .resident(ResidentID(Fixtures.residentEmail))
            case .submittingResidentByPhone: .resident(ResidentID(Fixtures.residentPhone))
            case .otherResident: Fixtures.otherResident
            case .callTaker: Fixtures.callTaker
            case .assignedStaff: Fixtures.roadCrew
            case .otherStaff: Fixtures.parksCrew
            case .supervisor: Fixtures.supervisor
            case .assignedIntegration: .integration("cityworks", department: "DOT")
            case .otherIntegration: .integration("cityworks", department: "PKS")
            case .system: .system
            }
        }

        var testDescription: String { rawValue }
    }

    // The expected table, written out in full: every operation a role may perform on the request.
    // Anything not listed must be refused.
    private static let departmentWork: Set<RequestOperation> = [
        .submitRequest, .viewPublic, .viewFull, .accept, .start, .putOnHold, .resume, .resolve, .close, .reopen,
        .returnAsNotOurs, .addPublicNote, .addInternalNote, .addExternalReference, .link, .changePriority,
    ]
    private static let allowed: [Role: Set<RequestOperation>] = [
        .anonymousResident: [.submitRequest, .viewPublic],
        .submittingResident: [.submitRequest, .viewPublic, .cancel, .reopen],
        .submittingResidentByPhone: [.submitRequest, .viewPublic, .cancel, .reopen],
        .otherResident: [.submitRequest, .viewPublic],
        .callTaker: [.submitRequest, .recordContact, .viewPublic, .viewFull, .cancel, .reopen, .addInternalNote],
        .assignedStaff: departmentWork,
        .otherStaff: [.submitRequest, .viewPublic],
        .supervisor: Set(RequestOperation.allCases),
        .assignedIntegration: departmentWork,
        .otherIntegration: [.submitRequest, .viewPublic],
        .system: Set(RequestOperation.allCases),
    ]

    /// The request the matrix is checked against, as intake stores it.
    private static func request() async throws -> (Fixtures.Center, TicketNumber) {
        let fixture = try await Fixtures.Center()
        return (fixture, try await fixture.pothole())
    }

    @Test func theMatrixIsComplete() {
        #expect(Set(Self.allowed.keys) == Set(Role.allCases))
        #expect(RequestOperation.allCases.count == 20)
    }

    @Test(arguments: Role.allCases)
    func policyMatchesTheTable(role: Role) async throws {
        let (fixture, ticket) = try await Self.request()
        let request = try #require(try await fixture.store.request(ticket))
        #expect(request.department == "DOT")
        for operation in RequestOperation.allCases {
            let expected = Self.allowed[role]!.contains(operation)
            #expect(
                AccessPolicy.allows(role.participant, operation, on: request) == expected,
                "\(role) \(operation)"
            )
            if expected {
                #expect(throws: Never.self) { try AccessPolicy.authorize(role.participant, operation, on: request) }
            } else {
                let error = #expect(throws: AuthorizationError.self) {
                    try AccessPolicy.authorize(role.participant, operation, on: request)
                }
                #expect(error?.code == .denied)
                #expect(error?.participant == role.participant)
                #expect(error?.operation == operation)
                #expect(error?.reason.isEmpty == false)
            }
        }
    }

    @Test func operationsWithoutARequest() {
        // Submitting and recording concern no existing request.
        for role in Role.allCases {
            let participant = role.participant
            #expect(AccessPolicy.allows(participant, .submitRequest, on: nil), "\(role)")
            #expect(
                AccessPolicy.allows(participant, .recordContact, on: nil)
                    == [.callTaker, .supervisor, .system].contains(role),
                "\(role)"
            )
        }
        // A department cannot work "no request".
        #expect(!AccessPolicy.allows(Fixtures.roadCrew, .accept, on: nil))
    }

    @Test func anAnonymousRequestHasNoSubmitterToMatch() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole(submitter: nil)
        let request = try #require(try await fixture.store.request(ticket))
        for role in [Role.anonymousResident, .submittingResident, .otherResident] {
            #expect(!AccessPolicy.allows(role.participant, .cancel, on: request))
            #expect(!AccessPolicy.allows(role.participant, .reopen, on: request))
        }
    }

    @Test func staffFollowTheRequestWhenItMoves() async throws {
        let (fixture, ticket) = try await Self.request()
        try await fixture.center.reassign(
            ticket,
            to: "PKS",
            reason: "Tree roots lifted the road",
            by: Fixtures.supervisor
        )
        let moved = try #require(try await fixture.store.request(ticket))
        #expect(!AccessPolicy.allows(Fixtures.roadCrew, .accept, on: moved))
        #expect(AccessPolicy.allows(Fixtures.parksCrew, .accept, on: moved))
    }

    // MARK: Through the facade

    /// Brings the request to a state in which `operation` is allowed by the lifecycle, so that
    /// only authorization can refuse it.
    private static func prepare(
        _ operation: RequestOperation,
        _ ticket: TicketNumber,
        in center: ServiceCenter
    ) async throws {
        let boss = Fixtures.supervisor
        switch operation {
        case .putOnHold, .resolve:
            try await center.accept(ticket, by: boss)
        case .resume:
            try await center.start(ticket, by: boss)
            try await center.putOnHold(ticket, waitingFor: "A photo", by: boss)
        case .reopen:
            try await center.start(ticket, by: boss)
            try await center.resolve(ticket, note: "Patched", by: boss)
        default:
            break
        }
    }

    /// Performs `operation` through the center as `participant`.
    private static func perform(
        _ operation: RequestOperation,
        on ticket: TicketNumber,
        other: TicketNumber,
        in center: ServiceCenter,
        as participant: Participant
    ) async throws {
        switch operation {
        case .submitRequest: _ = try await center.submit(Fixtures.potholeDraft(), by: participant)
        case .recordContact:
            _ = try await center.record(
                ContactDraft(.information(article: "KB-HOURS"), channel: .phone),
                by: participant
            )
        case .viewPublic: _ = try await center.status(of: ticket)
        case .viewFull:
            _ = try await center.request(ticket, by: participant)
            _ = try await center.history(of: ticket, by: participant)
        case .accept: try await center.accept(ticket, by: participant)
        case .start: try await center.start(ticket, by: participant)
        case .putOnHold: try await center.putOnHold(ticket, waitingFor: "Access to the yard", by: participant)
        case .resume: try await center.resume(ticket, by: participant)
        case .resolve: try await center.resolve(ticket, note: "Patched", by: participant)
        case .close:
            try await center.close(
                ticket,
                reason: .closedWithoutAction(code: "NO_DEFECT"),
                note: "None found",
                by: participant
            )
        case .cancel: try await center.close(ticket, reason: .cancelledByResident, note: "Withdrawn", by: participant)
        case .reopen: try await center.reopen(ticket, reason: "Still there", by: participant)
        case .returnAsNotOurs: try await center.returnAsNotOurs(ticket, reason: "A state road", by: participant)
        case .reassign: try await center.reassign(ticket, to: "PKS", reason: "Tree roots", by: participant)
        case .addPublicNote: try await center.addNote(ticket, "Crew booked", visibility: .public, by: participant)
        case .addInternalNote: try await center.addNote(ticket, "Bring cones", visibility: .internal, by: participant)
        case .addExternalReference:
            try await center.addExternalReference(ticket, system: "cityworks", identifier: "WO-1", by: participant)
        case .link: try await center.link(ticket, .related, to: other, by: participant)
        case .changePriority: try await center.changePriority(ticket, to: .high, by: participant)
        case .escalate:
            // The center escalates as the system when it evaluates service levels; no participant
            // asks for it through the facade, so the matrix above is its test.
            break
        }
    }

    @Test(arguments: Role.allCases)
    func theFacadeEnforcesTheTable(role: Role) async throws {
        for operation in RequestOperation.allCases where operation != .escalate {
            let (fixture, ticket) = try await Self.request()
            let other = try await fixture.pothole()
            try await Self.prepare(operation, ticket, in: fixture.center)
            try fixture.clock.advance(by: 600)
            let before = try await fixture.snapshot(ticket)
            let counts = try await fixture.counts()
            let expected = Self.allowed[role]!.contains(operation)
            do {
                try await Self.perform(operation, on: ticket, other: other, in: fixture.center, as: role.participant)
                #expect(expected, "\(role) was allowed to \(operation)")
            } catch let error as AuthorizationError {
                #expect(!expected, "\(role) was refused \(operation): \(error)")
                #expect(error.participant == role.participant)
                #expect(error.operation == operation)
                #expect(try await fixture.snapshot(ticket) == before, "\(role) \(operation) changed the request")
                #expect(try await fixture.counts() == counts, "\(role) \(operation) stored something")
            } catch {
                Issue.record("\(role) \(operation): unexpected \(error)")
            }
        }
    }

    @Test func residentsCannotListRequests() async throws {
        let (fixture, _) = try await Self.request()
        for participant in [Role.anonymousResident.participant, Role.submittingResident.participant] {
            await #expect(throws: AuthorizationError.self) {
                _ = try await fixture.center.requests(matching: RequestQuery(), by: participant)
            }
        }
    }

    @Test func departmentsListOnlyTheirOwnRequests() async throws {
        let (fixture, dot) = try await Self.request()
        let parks = try await fixture.center.submit(
            ServiceRequestDraft(
                serviceType: "TREE_TRIM",
                description: "Branches over the sidewalk",
                location: Location(address: "9 Oak Lane"),
                channel: .web
            ),
            by: .resident(nil)
        )
        let everything = RequestQuery()
        let seenByRoads = try await fixture.center.requests(matching: everything, by: Fixtures.roadCrew).items
        #expect(seenByRoads.map(\.ticket) == [dot])
        let asking = RequestQuery(departments: ["PKS"])
        #expect(try await fixture.center.requests(matching: asking, by: Fixtures.roadCrew).items.isEmpty)
        let seenByParks = try await fixture.center.requests(matching: everything, by: Fixtures.parksCrew).items
        #expect(seenByParks.map(\.ticket) == [parks.ticket])
        let seenBySupervisor = try await fixture.center.requests(matching: everything, by: Fixtures.supervisor).items
        #expect(seenBySupervisor.count == 2)
    }
}
