import Civic311
import Civic311SampleCounty
import Foundation
import Testing

@Suite struct AccessPolicyTests {
    private typealias Fixtures = FoundationFixtures

    /// The roles of the matrix, on a request submitted by a resident and assigned to `department`.
    enum Role: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case anonymousResident
        case submittingResident
        case submittingResidentByPhone
        case submittingResidentSpelledDifferently
        case otherResident
        case callTaker
        case callTakerForTheSubmitter
        case callTakerForTheSubmitterByEmail
        case callTakerForAnotherCaller
        case callTakerWithLastDigitsOnly
        case assignedStaff
        case otherStaff
        case supervisor
        case assignedIntegration
        case otherIntegration
        case system

        func participant(assignedTo department: DepartmentID) -> Participant {
            let elsewhere: DepartmentID = department == "PKS" ? "DOT" : "PKS"
            return switch self {
            case .anonymousResident: .resident(nil)
            case .submittingResident: .resident(ResidentID(Fixtures.residentEmail))
            case .submittingResidentByPhone: .resident(ResidentID(Fixtures.residentPhone))
            case .submittingResidentSpelledDifferently: .resident("SAM.RIVERA@Example.com")
            case .otherResident: Fixtures.otherResident
            case .callTaker, .callTakerForTheSubmitter, .callTakerForTheSubmitterByEmail, .callTakerForAnotherCaller,
                .callTakerWithLastDigitsOnly:
                Fixtures.callTaker
            case .assignedStaff: .departmentStaff("crew", department: department)
            case .otherStaff: .departmentStaff("crew", department: elsewhere)
            case .supervisor: Fixtures.supervisor
            case .assignedIntegration: .integration("cityworks", department: department)
            case .otherIntegration: .integration("cityworks", department: elsewhere)
            case .system: .system
            }
        }

        /// What the caller on the phone showed the call-taker.
        var caller: SubmitterProof? {
            switch self {
            case .callTakerForTheSubmitter: .phone("(555) 010 7788")
            case .callTakerForTheSubmitterByEmail: .email("Sam.Rivera@example.com")
            case .callTakerForAnotherCaller: .phone("555-010-9999")
            case .callTakerWithLastDigitsOnly: .phoneEnding("7788")
            default: nil
            }
        }

        var testDescription: String { rawValue }
    }

    /// The two kinds of request the matrix is checked on.
    enum Kind: String, CaseIterable, Sendable {
        /// A pothole, assigned to DOT.
        case publicServiceType
        /// A housing-code complaint (a private service type), assigned to HCE.
        case privateServiceType

        var department: DepartmentID { self == .publicServiceType ? "DOT" : "HCE" }
    }

    // The expected table, written out in full: every operation a role may perform on the request.
    // Anything not listed must be refused.
    private static let departmentWork: Set<RequestOperation> = [
        .submitRequest, .viewPublic, .viewFull, .viewWhereabouts, .accept, .start, .putOnHold, .resume, .resolve,
        .close, .reopen,
        .returnAsNotOurs, .addPublicNote, .addInternalNote, .addExternalReference, .link, .changePriority,
        .mergeDuplicate,
    ]
    private static let residentOwner: Set<RequestOperation> = [
        .submitRequest, .viewPublic, .cancel, .reopen, .answerSurvey,
    ]
    private static let stranger: Set<RequestOperation> = [.submitRequest, .viewPublic]
    /// What a call-taker does with no proof from the caller: take contacts, answer from the request
    /// (a private one from its public view), note what the caller said.
    private static let callTaking: Set<RequestOperation> = [
        .submitRequest, .recordContact, .viewPublic, .viewFull, .viewWhereabouts, .addInternalNote,
    ]
    private static func allowed(_ role: Role, on kind: Kind) -> Set<RequestOperation> {
        // Call-takers see private requests in their public view only, and merge public ones only.
        let callTaker =
            kind == .publicServiceType ? callTaking.union([.mergeDuplicate]) : callTaking.subtracting([.viewFull])
        let table: Set<RequestOperation> =
            switch role {
            case .anonymousResident, .otherResident, .otherStaff, .otherIntegration: stranger
            case .submittingResident, .submittingResidentByPhone, .submittingResidentSpelledDifferently: residentOwner
            case .callTaker, .callTakerForAnotherCaller, .callTakerWithLastDigitsOnly: callTaker
            case .callTakerForTheSubmitter, .callTakerForTheSubmitterByEmail:
                callTaker.union([.cancel, .reopen, .answerSurvey])
            case .assignedStaff, .assignedIntegration: departmentWork
            case .supervisor, .system: Set(RequestOperation.allCases)
            }
        // Identified residents and call-takers may follow requests of public service types only.
        let follows: Set<Role> = [
            .submittingResident, .submittingResidentByPhone, .submittingResidentSpelledDifferently, .otherResident,
            .callTaker, .callTakerForTheSubmitter, .callTakerForTheSubmitterByEmail, .callTakerForAnotherCaller,
            .callTakerWithLastDigitsOnly,
        ]
        if follows.contains(role), kind == .publicServiceType { return table.union([.follow]) }
        return role == .supervisor || role == .system ? table : table.subtracting([.follow])
    }

    /// The request the matrix is checked against, as intake stores it.
    private static func request(_ kind: Kind) async throws -> (Fixtures.Center, TicketNumber) {
        let fixture = try await Fixtures.Center()
        switch kind {
        case .publicServiceType:
            return (fixture, try await fixture.pothole())
        case .privateServiceType:
            let acknowledgement = try await fixture.center.submit(
                ServiceRequestDraft(
                    serviceType: "HOUSING_CODE",
                    description: "Mould in the children's bedroom",
                    location: Location(address: "77 Cedar Street, Apt 3B"),
                    answers: ["problem": .choice("mold"), "tenant": .yesNo(true)],
                    submitter: Fixtures.submitter,
                    channel: .phone,
                    agent: "maria"
                ),
                by: Fixtures.callTaker
            )
            return (fixture, acknowledgement.ticket)
        }
    }

    @Test func theMatrixIsComplete() {
        #expect(RequestOperation.allCases.count == 27)
        #expect(Role.allCases.count == 16)
    }

    @Test(arguments: Role.allCases, Kind.allCases)
    func policyMatchesTheTable(role: Role, kind: Kind) async throws {
        let (fixture, ticket) = try await Self.request(kind)
        let request = try #require(try await fixture.store.request(ticket))
        #expect(request.department == kind.department)
        let participant = role.participant(assignedTo: kind.department)
        for operation in RequestOperation.allCases {
            let expected = Self.allowed(role, on: kind).contains(operation)
            #expect(
                AccessPolicy.allows(participant, operation, on: request, in: .sampleCounty, caller: role.caller)
                    == expected,
                "\(role) \(operation)"
            )
            if expected {
                #expect(throws: Never.self) {
                    try AccessPolicy.authorize(
                        participant,
                        operation,
                        on: request,
                        in: .sampleCounty,
                        caller: role.caller
                    )
                }
            } else {
                let error = #expect(throws: AuthorizationError.self) {
                    try AccessPolicy.authorize(
                        participant,
                        operation,
                        on: request,
                        in: .sampleCounty,
                        caller: role.caller
                    )
                }
                #expect(error?.code == .denied)
                #expect(error?.participant == participant)
                #expect(error?.operation == operation)
                #expect(error?.reason.isEmpty == false)
            }
        }
    }

    @Test func operationsWithoutARequest() {
        // Submitting and recording concern no existing request.
        for role in Role.allCases {
            let participant = role.participant(assignedTo: "DOT")
            #expect(AccessPolicy.allows(participant, .submitRequest, on: nil, in: .sampleCounty), "\(role)")
            #expect(
                AccessPolicy.allows(participant, .recordContact, on: nil, in: .sampleCounty)
                    == (role.rawValue.hasPrefix("callTaker") || [.supervisor, .system].contains(role)),
                "\(role)"
            )
        }
        // A department cannot work "no request", and a call-taker cannot act for a caller on it.
        #expect(!AccessPolicy.allows(Fixtures.roadCrew, .accept, on: nil, in: .sampleCounty))
        #expect(
            !AccessPolicy.allows(
                Fixtures.callTaker,
                .cancel,
                on: nil,
                in: .sampleCounty,
                caller: .phone(Fixtures.residentPhone)
            )
        )
    }

    @Test func aServiceTypeMissingFromTheCatalogCountsAsPrivate() async throws {
        let (fixture, ticket) = try await Self.request(.publicServiceType)
        let request = try #require(try await fixture.store.request(ticket))
        let withoutPotholes = try Jurisdiction(
            name: "Smaller",
            timeZoneIdentifier: "America/New_York",
            departments: Jurisdiction.sampleCounty.departments,
            serviceTypes: Jurisdiction.sampleCounty.serviceTypes.filter { $0.id != "POTHOLE" },
            // The service types' bound answers must exist; articles about potholes must go with them.
            knowledgeArticles: Jurisdiction.sampleCounty.knowledgeArticles.filter {
                !$0.serviceTypes.contains("POTHOLE")
            }
        )
        #expect(AccessPolicy.allows(Fixtures.callTaker, .viewFull, on: request, in: .sampleCounty))
        #expect(!AccessPolicy.allows(Fixtures.callTaker, .viewFull, on: request, in: withoutPotholes))
    }

    @Test func anAnonymousRequestHasNoSubmitterToMatch() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole(submitter: nil)
        let request = try #require(try await fixture.store.request(ticket))
        for role in [Role.anonymousResident, .submittingResident, .otherResident, .callTakerForTheSubmitter] {
            let participant = role.participant(assignedTo: "DOT")
            #expect(!AccessPolicy.allows(participant, .cancel, on: request, in: .sampleCounty, caller: role.caller))
            #expect(!AccessPolicy.allows(participant, .reopen, on: request, in: .sampleCounty, caller: role.caller))
        }
    }

    @Test func staffFollowTheRequestWhenItMoves() async throws {
        let (fixture, ticket) = try await Self.request(.publicServiceType)
        try await fixture.center.reassign(
            ticket,
            to: "PKS",
            reason: "Tree roots lifted the road",
            by: Fixtures.supervisor
        )
        let moved = try #require(try await fixture.store.request(ticket))
        #expect(!AccessPolicy.allows(Fixtures.roadCrew, .accept, on: moved, in: .sampleCounty))
        #expect(AccessPolicy.allows(Fixtures.parksCrew, .accept, on: moved, in: .sampleCounty))
    }

    // MARK: Through the facade

    private static let secondReport = "The same again"

    /// Brings the request to a state in which `operation` is allowed by the lifecycle, so that
    /// only authorization can refuse it.
    private static func prepare(
        _ operation: RequestOperation,
        _ ticket: TicketNumber,
        in center: ServiceCenter
    ) async throws {
        let boss = Fixtures.supervisor
        switch operation {
        case .mergeDuplicate:
            // A second report of the same problem, to merge into the request.
            let original = try #require(try await center.store.request(ticket))
            _ = try await center.submit(
                ServiceRequestDraft(
                    serviceType: original.serviceType,
                    description: secondReport,
                    location: original.location,
                    answers: Dictionary(uniqueKeysWithValues: original.answers.map { ($0.question, $0.value) }),
                    submitter: Submitter(email: "second.caller@example.com"),
                    channel: .web
                ),
                by: .system
            )
        case .putOnHold, .resolve:
            try await center.accept(ticket, by: boss)
        case .resume:
            try await center.start(ticket, by: boss)
            try await center.putOnHold(ticket, waitingFor: "A photo", by: boss)
        case .reopen, .answerSurvey:
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
        as participant: Participant,
        caller: SubmitterProof?
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
        case .viewWhereabouts: _ = try await center.whereabouts(of: ticket, by: participant)
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
        case .cancel:
            try await center.close(
                ticket,
                reason: .cancelledByResident,
                note: "Withdrawn",
                caller: caller,
                by: participant
            )
        case .reopen: try await center.reopen(ticket, reason: "Still there", caller: caller, by: participant)
        case .follow:
            // Residents follow for themselves; call-takers and supervisors for a neighbour.
            var follower = Submitter(email: "neighbour@example.com")
            if case .resident(let identity?) = participant {
                follower =
                    identity.rawValue.contains("@")
                    ? Submitter(email: identity.rawValue) : Submitter(phone: identity.rawValue)
            }
            try await center.follow(ticket, as: follower, by: participant)
        case .answerSurvey:
            try await center.answerSurvey(
                try SurveyResponse(satisfaction: 4, wasFixed: true),
                on: ticket,
                caller: caller,
                by: participant
            )
        case .returnAsNotOurs: try await center.returnAsNotOurs(ticket, reason: "A state road", by: participant)
        case .reassign: try await center.reassign(ticket, to: "PKS", reason: "Tree roots", by: participant)
        case .addPublicNote: try await center.addNote(ticket, "Crew booked", visibility: .public, by: participant)
        case .addInternalNote: try await center.addNote(ticket, "Bring cones", visibility: .internal, by: participant)
        case .addExternalReference:
            try await center.addExternalReference(ticket, system: "cityworks", identifier: "WO-1", by: participant)
        case .link: try await center.link(ticket, .related, to: other, by: participant)
        case .mergeDuplicate:
            let reports = try await center.store.requests(matching: RequestQuery(), page: PageRequest(limit: 10))
            let again = try #require(reports.items.last { $0.description == Self.secondReport })
            try await center.linkDuplicate(again.ticket, to: ticket, by: participant)
        case .changePriority: try await center.changePriority(ticket, to: .high, by: participant)
        case .escalate:
            // The center escalates as the system when it evaluates service levels; no participant
            // asks for it through the facade, so the matrix above is its test.
            break
        case .applyRetention:
            _ = try await center.applyRetention(
                try RetentionSchedule(daysAfterClosure: [.internalNotes: 30]),
                by: participant
            )
        case .exportPersonalData:
            _ = try await center.subjectAccessExport(
                of: try #require(ContactIdentity(phone: "555-010-7788")),
                by: participant
            )
        case .erasePersonalData:
            // Nobody the store holds: allowed or not, the request must not change.
            _ = try await center.erasePersonalData(
                of: try #require(ContactIdentity(email: "nobody@example.org")),
                by: participant
            )
        }
    }

    @Test(arguments: Role.allCases, Kind.allCases)
    func theFacadeEnforcesTheTable(role: Role, kind: Kind) async throws {
        let participant = role.participant(assignedTo: kind.department)
        for operation in RequestOperation.allCases where operation != .escalate {
            let (fixture, ticket) = try await Self.request(kind)
            let other = try await fixture.pothole()
            try await Self.prepare(operation, ticket, in: fixture.center)
            try fixture.clock.advance(by: 600)
            let before = try await fixture.snapshot(ticket)
            let counts = try await fixture.counts()
            let expected = Self.allowed(role, on: kind).contains(operation)
            do {
                try await Self.perform(
                    operation,
                    on: ticket,
                    other: other,
                    in: fixture.center,
                    as: participant,
                    caller: role.caller
                )
                #expect(expected, "\(role) was allowed to \(operation)")
            } catch let error as AuthorizationError {
                #expect(!expected, "\(role) was refused \(operation): \(error)")
                #expect(error.participant == participant)
                #expect(error.operation == operation)
                #expect(try await fixture.snapshot(ticket) == before, "\(role) \(operation) changed the request")
                #expect(try await fixture.counts() == counts, "\(role) \(operation) stored something")
            } catch {
                Issue.record("\(role) \(operation): unexpected \(error)")
            }
        }
    }

    @Test func residentsCannotListRequests() async throws {
        let (fixture, _) = try await Self.request(.publicServiceType)
        for participant in [Role.anonymousResident, .submittingResident].map({ $0.participant(assignedTo: "DOT") }) {
            await #expect(throws: AuthorizationError.self) {
                _ = try await fixture.center.requests(matching: RequestQuery(), by: participant)
            }
        }
    }

    @Test func departmentsListOnlyTheirOwnRequests() async throws {
        let (fixture, dot) = try await Self.request(.publicServiceType)
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
