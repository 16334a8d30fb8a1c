import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Inputs that cost memory or storage in proportion to their size: each is capped, and a refused
/// one stores nothing.
@Suite struct ResourceLimitTests {
    private typealias Fixtures = FoundationFixtures

    /// An audit stored 10 MB identifiers: 20 submissions made a 600 MB database.
    @Test func oversizedIdentifiersAreRefusedAndStoreNothing() async throws {
        let fixture = try await Fixtures.Center()
        let huge = String(repeating: "a", count: Participant.maximumIdentifierBytes + 1)
        let longest = String(repeating: "a", count: Participant.maximumIdentifierBytes)

        var draft = Fixtures.potholeDraft()
        draft.agent = AgentID(huge)
        var error = await #expect(throws: ValidationError.self) {
            try await fixture.center.submit(draft, by: Fixtures.callTaker)
        }
        #expect(error?.code == .tooLong && error?.field == "agent")

        draft = Fixtures.potholeDraft(
            submitter: Submitter(name: "Sam", phone: String(repeating: " ", count: 40) + "5550107788")
        )
        error = await #expect(throws: ValidationError.self) {
            try await fixture.center.submit(draft, by: Fixtures.callTaker)
        }
        #expect(error?.code == .tooLong && error?.field == "submitter.phone")

        let participants: [(Participant, String)] = [
            (.callTaker(AgentID(huge)), "participant.callTaker"),
            (.supervisor(StaffID(huge)), "participant.supervisor"),
            (.departmentStaff("j.okafor", department: DepartmentID(huge)), "participant.department"),
            (.integration(huge, department: "DOT"), "participant.integration"),
            (.resident(ResidentID(huge)), "participant.resident"),
        ]
        for (participant, field) in participants {
            error = await #expect(throws: ValidationError.self) {
                try await fixture.center.submit(Fixtures.potholeDraft(), by: participant)
            }
            #expect(error?.code == .tooLong && error?.field == field, "\(field)")
        }
        let contact = ContactDraft(.information(article: "KB-HOURS"), channel: .phone, agent: AgentID(huge))
        error = await #expect(throws: ValidationError.self) {
            try await fixture.center.record(contact, by: Fixtures.callTaker)
        }
        #expect(error?.field == "agent")
        #expect(try await fixture.store.countRequests(matching: RequestQuery()) == 0)
        #expect(try await fixture.store.countContacts(matching: ContactQuery()) == 0)

        // A change by an oversized participant is refused before the request is touched.
        let ticket = try await fixture.pothole()
        let before = try await fixture.snapshot(ticket)
        await #expect(throws: ValidationError.self) {
            try await fixture.center.accept(ticket, by: .departmentStaff(StaffID(huge), department: "DOT"))
        }
        #expect(try await fixture.snapshot(ticket) == before)

        // The limit itself is accepted.
        draft = Fixtures.potholeDraft()
        draft.agent = AgentID(longest)
        _ = try await fixture.center.submit(draft, by: .callTaker(AgentID(longest)))
    }

    /// The feed buffered every unread event: 200,000 of them used 365 MB.
    @Test(.timeLimit(.minutes(1))) func aSlowSubscriberKeepsTheNewestEventsUpToTheLimit() async throws {
        let fixture = try await Fixtures.Center(eventBufferLimit: 3)
        let stream = fixture.center.events()
        var tickets: [TicketNumber] = []
        for _ in 0..<3 { tickets.append(try await fixture.pothole()) }
        // Six events were published (a contact and an opening each); only the newest three remain.
        var iterator = stream.makeAsyncIterator()
        var received: [CenterEvent] = []
        for _ in 0..<3 {
            if let event = await iterator.next() { received.append(event) }
        }
        guard received.count == 3, case .requestChanged(_, let request) = received[0],
            case .contactRecorded(let contact) = received[1], case .requestChanged(_, let last) = received[2]
        else {
            Issue.record("expected the second opening, the third contact and the third opening, got \(received)")
            return
        }
        #expect(request.ticket == tickets[1])
        #expect(contact.ticket == tickets[2])
        #expect(last.ticket == tickets[2])

        await #expect(throws: ValidationError.self) { try await Fixtures.Center(eventBufferLimit: 0) }
    }
}
