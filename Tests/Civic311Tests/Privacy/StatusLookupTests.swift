import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Status lookups with and without the verification step, and the paths by which a stranger
/// could learn which tickets exist.
@Suite struct StatusLookupTests {
    private typealias Fixtures = FoundationFixtures

    private static func center(
        _ verification: StatusLookupVerification
    ) async throws -> (Fixtures.Center, ServiceCenter) {
        let fixture = try await Fixtures.Center()
        var configuration = fixture.center.configuration
        configuration.privacy.statusLookup = verification
        return (
            fixture,
            try await ServiceCenter(jurisdiction: .sampleCounty, store: fixture.store, configuration: configuration)
        )
    }

    /// A ticket that no request has, in the same second and node as real ones.
    private static func unknownTicket(near ticket: TicketNumber) throws -> TicketNumber {
        try TicketNumber(day: ticket.day, secondOfDay: ticket.secondOfDay, node: ticket.node, sequence: 99)
    }

    @Test func withTicketOnlyAnyValidTicketShowsItsPublicView() async throws {
        let (fixture, center) = try await Self.center(.ticketOnly)
        let ticket = try await fixture.pothole()
        #expect(try await center.status(of: ticket).ticket == ticket)
        #expect(try await center.status(of: ticket.digits).ticket == ticket)
        // A proof, when given, must still match.
        #expect(try await center.status(of: ticket, verifiedBy: .phoneEnding("7788")).ticket == ticket)
        let wrong = await #expect(throws: AuthorizationError.self) {
            _ = try await center.status(of: ticket, verifiedBy: .phoneEnding("7789"))
        }
        #expect(wrong?.code == .unverified)
        let missing = await #expect(throws: StorageError.self) {
            _ = try await center.status(of: try Self.unknownTicket(near: ticket))
        }
        #expect(missing?.code == .notFound)
    }

    @Test(arguments: [
        SubmitterProof.phoneEnding("7788"), .phoneEnding("0-7788"), .phoneEnding("5550107788"), .phone("5550107788"),
        .phone("+1 (555) 010-7788"), .email("SAM.RIVERA@example.com"),
    ])
    func whenRequiredAMatchingProofShowsThePublicView(proof: SubmitterProof) async throws {
        let (fixture, center) = try await Self.center(.submitterProof())
        let ticket = try await fixture.pothole()
        let view = try await center.status(of: ticket.description, verifiedBy: proof)
        #expect(view.ticket == ticket)
        #expect(view == (try await fixture.center.status(of: ticket)))
    }

    @Test func whenRequiredEveryFailureLooksTheSame() async throws {
        let (fixture, center) = try await Self.center(.submitterProof(minimumPhoneDigits: 4))
        let ticket = try await fixture.pothole()
        let anonymous = try await fixture.pothole(submitter: nil)
        let unknown = try Self.unknownTicket(near: ticket)
        var errors: [AuthorizationError] = []
        let attempts: [(TicketNumber, SubmitterProof?)] = [
            (ticket, nil), (ticket, .phoneEnding("788")), (ticket, .phoneEnding("7789")), (ticket, .phoneEnding("")),
            (ticket, .phoneEnding("77a8")), (ticket, .phone("555-010-7789")), (ticket, .email("sam@example.com")),
            (ticket, .email("not an address")), (anonymous, nil), (anonymous, .phoneEnding("7788")),
            (unknown, nil), (unknown, .phoneEnding("7788")), (unknown, .email(Fixtures.residentEmail)),
        ]
        for (target, proof) in attempts {
            let error = await #expect(throws: AuthorizationError.self) {
                if let proof {
                    _ = try await center.status(of: target, verifiedBy: proof)
                } else {
                    _ = try await center.status(of: target)
                }
            }
            if let error { errors.append(error) }
        }
        #expect(errors.count == attempts.count)
        // One error, word for word, whether the ticket exists, is anonymous, or is missing.
        #expect(Set(errors).count == 1)
        #expect(errors.first?.code == .unverified)
        #expect(errors.first.map { "\($0)" }?.contains(ticket.description) == false)
        // A malformed ticket is still a typing mistake, which reveals nothing.
        await #expect(throws: TicketNumberError.self) {
            _ = try await center.status(of: "12345", verifiedBy: .phoneEnding("7788"))
        }
    }

    @Test func aLongerMinimumRefusesShorterEndings() async throws {
        let (fixture, center) = try await Self.center(.submitterProof(minimumPhoneDigits: 7))
        let ticket = try await fixture.pothole()
        await #expect(throws: AuthorizationError.self) {
            _ = try await center.status(of: ticket, verifiedBy: .phoneEnding("7788"))
        }
        #expect(try await center.status(of: ticket, verifiedBy: .phoneEnding("010-7788")).ticket == ticket)
    }

    @Test(arguments: [0, 3, 16, -1, Int.max])
    func theMinimumIsChecked(digits: Int) async throws {
        let fixture = try await Fixtures.Center()
        var configuration = fixture.center.configuration
        configuration.privacy.statusLookup = .submitterProof(minimumPhoneDigits: digits)
        let error = await #expect(throws: ValidationError.self) {
            _ = try await ServiceCenter(jurisdiction: .sampleCounty, store: fixture.store, configuration: configuration)
        }
        #expect(error?.field == "privacy.statusLookup.minimumPhoneDigits")
        #expect(error?.code == .outOfRange)
    }

    /// A signed-in resident trying tickets through the other entry points learns nothing either:
    /// a missing ticket is refused exactly as someone else's.
    @Test func residentsCannotProbeForTicketsThroughOtherOperations() async throws {
        let fixture = try await Fixtures.Center()
        let theirs = try await fixture.pothole(submitter: Submitter(phone: "555-010-0000"))
        let another = try await fixture.pothole(submitter: Submitter(phone: "555-010-0000"))
        let unknown = try Self.unknownTicket(near: theirs)
        let stranger = Fixtures.otherResident
        func refusal(_ ticket: TicketNumber, _ attempt: (TicketNumber) async throws -> Void) async -> String? {
            do {
                try await attempt(ticket)
                return nil
            } catch { return "\(error)" }
        }
        let attempts: [(TicketNumber) async throws -> Void] = [
            { _ = try await fixture.center.request($0, by: stranger) },
            { _ = try await fixture.center.history(of: $0, by: stranger) },
            { try await fixture.center.reopen($0, reason: "Still there", by: stranger) },
            { try await fixture.center.close($0, reason: .cancelledByResident, note: "Withdrawn", by: stranger) },
            { try await fixture.center.close(another, reason: .duplicate(of: $0), note: "Same", by: stranger) },
            { try await fixture.center.accept($0, by: stranger) },
            { try await fixture.center.link(another, .related, to: $0, by: stranger) },
        ]
        for (index, attempt) in attempts.enumerated() {
            let existing = await refusal(theirs, attempt)
            let missing = await refusal(unknown, attempt)
            #expect(existing != nil && existing == missing, "attempt \(index): \(existing ?? "-") / \(missing ?? "-")")
        }
        // Staff are told plainly.
        await #expect(throws: StorageError.self) {
            _ = try await fixture.center.request(unknown, by: Fixtures.supervisor)
        }
    }

    // MARK: Call-takers and private service types

    @Test func callTakersSeePrivateServiceTypesInThePublicViewOnly() async throws {
        let fixture = try await Fixtures.Center()
        let pothole = try await fixture.pothole()
        let housing = try await fixture.center.submit(
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
        ).ticket
        let listed = try await fixture.center.requests(matching: RequestQuery(), by: Fixtures.callTaker).items
        #expect(listed.map(\.ticket) == [pothole])
        let asked = RequestQuery(serviceTypes: ["HOUSING_CODE", "POTHOLE"])
        #expect(
            try await fixture.center.requests(matching: asked, by: Fixtures.callTaker).items.map(\.ticket) == [pothole]
        )
        await #expect(throws: AuthorizationError.self) {
            _ = try await fixture.center.request(housing, by: Fixtures.callTaker)
        }
        await #expect(throws: AuthorizationError.self) {
            _ = try await fixture.center.history(of: housing, by: Fixtures.callTaker)
        }
        // What the caller is told comes from the public view, and the department sees it all.
        let view = try await fixture.center.status(of: housing)
        #expect(view.description == nil && view.address == nil)
        let inspector = Participant.departmentStaff("l.chen", department: "HCE")
        #expect(try await fixture.center.request(housing, by: inspector).description.contains("Mould"))
        let seenBySupervisor = try await fixture.center.requests(matching: RequestQuery(), by: Fixtures.supervisor)
            .items
        #expect(seenBySupervisor.count == 2)
    }
}
