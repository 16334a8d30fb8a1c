import Civic311
import Civic311Testing
import Foundation
import Testing

/// Parallel requests ("bypassing"): a case the department took directly is entered through its
/// system, gets the universal ticket, closes with the department's note, and is one request.
@Suite struct ParallelRequestTests {
    private typealias Fixtures = FoundationFixtures
    private static let system = "workorders"
    private static let bridge = Participant.integration(system, department: "DOT")
    private static let publicWorks = try! OutboxDestination(name: "public-works", departments: ["DOT"])
    private static let map = try! BackOfficeStatusMap(
        system: system,
        entries: [
            .init(code: "STARTED", transition: .start),
            .init(code: "CLOSED", transition: .close(.completed)),
        ]
    )

    /// A pothole reported at the department's own counter.
    private static func draft(description: String = "Pothole reported at the depot counter") -> ServiceRequestDraft {
        var draft = Fixtures.potholeDraft()
        draft.description = description
        draft.channel = .departmentSystem
        draft.agent = nil
        return draft
    }

    @Test func theDepartmentsCaseGetsTheTicketAndItsReference() async throws {
        let fixture = try await Fixtures.Center()
        let acknowledgement = try await fixture.center.enterParallelRequest(
            Self.draft(),
            reference: "WO-77",
            by: Self.bridge
        )
        #expect(!acknowledgement.isRepeat)
        #expect(acknowledgement.department == "DOT")
        let request = try await fixture.center.request(
            externalReference: .init(system: Self.system, identifier: "WO-77"),
            by: Self.bridge
        )
        #expect(request.ticket == acknowledgement.ticket)
        #expect(request.channel == .departmentSystem)
        #expect(request.externalReference(in: Self.system)?.identifier == "WO-77")
        let contact = try #require(try await fixture.store.contact(acknowledgement.ticket))
        #expect(contact.channel == .departmentSystem)
        #expect(try await fixture.counts() == .init(requests: 1, contacts: 1))
    }

    @Test func enteringTheSameCaseAgainStoresNothingEvenConcurrently() async throws {
        let fixture = try await Fixtures.Center()
        let first = try await fixture.center.enterParallelRequest(Self.draft(), reference: "WO-77", by: Self.bridge)
        let again = try await withThrowingTaskGroup(of: Acknowledgement.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await fixture.center.enterParallelRequest(Self.draft(), reference: "WO-78", by: Self.bridge)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(again.map(\.ticket)).count == 1)
        #expect(again.filter { !$0.isRepeat }.count == 1)
        let repeated = try await fixture.center.enterParallelRequest(Self.draft(), reference: "WO-77", by: Self.bridge)
        #expect(repeated.isRepeat)
        #expect(repeated.ticket == first.ticket)
        #expect(try await fixture.counts() == .init(requests: 2, contacts: 2))
        let history = try await fixture.store.events(for: first.ticket)
        #expect(history.filter { if case .externalReferenceAdded = $0.change { true } else { false } }.count == 1)
    }

    @Test func anEntryCutOffBeforeItsReferenceIsFinishedByTheRetry() async throws {
        let fixture = try await Fixtures.Center()
        // What a process killed between storing the request and recording its reference leaves.
        var stored = Self.draft()
        stored.clientRequestID = "WO-79"
        let cut = try await fixture.center.submit(stored, by: Self.bridge)
        #expect(
            try await fixture.store.request(externalReference: .init(system: Self.system, identifier: "WO-79")) == nil
        )

        let retried = try await fixture.center.enterParallelRequest(Self.draft(), reference: "WO-79", by: Self.bridge)
        #expect(retried.ticket == cut.ticket)
        #expect(retried.isRepeat)
        let found = try await fixture.store.request(externalReference: .init(system: Self.system, identifier: "WO-79"))
        #expect(found?.ticket == cut.ticket)
        #expect(try await fixture.counts() == .init(requests: 1, contacts: 1))
    }

    @Test func refusalsNameTheFieldAndStoreNothing() async throws {
        let fixture = try await Fixtures.Center()
        let taken = try await fixture.pothole()
        try await fixture.center.addExternalReference(taken, system: Self.system, identifier: "WO-1", by: Self.bridge)
        _ = try await fixture.center.enterParallelRequest(Self.draft(), reference: "WO-2", by: Self.bridge)
        let counts = try await fixture.counts()

        var phone = Self.draft()
        phone.channel = .phone
        var keyed = Self.draft()
        keyed.clientRequestID = "mine"
        let trees = ServiceRequestDraft(
            serviceType: "TREE_TRIM",
            description: "Branches over the sidewalk",
            location: Location(address: "9 Oak Lane"),
            channel: .departmentSystem
        )
        let refused: [(draft: ServiceRequestDraft, reference: String, field: String)] = [
            (phone, "WO-3", "channel"),
            (keyed, "WO-3", "clientRequestID"),
            (Self.draft(), "  ", "reference"),
            (Self.draft(), String(repeating: "9", count: 129), "reference"),
            (trees, "WO-3", "routing.department"),
            // The reference names a request 311 dispatched, not a case the department entered.
            (Self.draft(), "WO-1", "reference"),
            // The same reference for another case.
            (Self.draft(description: "Another pothole"), "WO-2", "reference"),
        ]
        for (draft, reference, field) in refused {
            do {
                _ = try await fixture.center.enterParallelRequest(draft, reference: reference, by: Self.bridge)
                Issue.record("\(field) was accepted")
            } catch let error as ValidationError {
                #expect(error.field == field, "\(error)")
            }
        }
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.enterParallelRequest(Self.draft(), reference: "WO-4", by: Fixtures.roadCrew)
        }
        #expect(try await fixture.counts() == counts)
    }

    @Test func theDepartmentClosesItWithItsOwnNoteAndTheOutboxSendsItNothingBack() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(system: Self.system, clock: fixture.clock)
        let outbox = try await DepartmentOutbox(
            center: fixture.center,
            adapter: backOffice,
            destination: Self.publicWorks
        )
        let reference = backOffice.takeOwnCase()
        let acknowledgement = try await fixture.center.enterParallelRequest(
            Self.draft(),
            reference: reference,
            by: Self.bridge
        )
        backOffice.recordOwnCase(reference, ticket: acknowledgement.ticket)
        let dispatched = try await fixture.pothole()
        try await outbox.deliverDue()
        // The 311 request is dispatched; the department's own case is not sent back to it.
        #expect(backOffice.workOrders.count == 2)
        #expect(backOffice.workOrder(for: dispatched)?.actions == [.open])
        #expect(backOffice.workOrder(for: acknowledgement.ticket)?.actions == [])

        // What 311 adds later reaches the department's case.
        try await fixture.center.addNote(
            acknowledgement.ticket,
            "The resident called 311 too; same hole.",
            visibility: .public,
            by: Fixtures.supervisor
        )
        try await outbox.deliverDue()
        #expect(backOffice.workOrder(for: acknowledgement.ticket)?.actions == [.annotate])

        let note = "Patched at the depot's request; the lane is open."
        for (index, status) in ["STARTED", "CLOSED"].enumerated() {
            let update = BackOfficeUpdate(
                reference: .init(system: Self.system, identifier: reference),
                status: status,
                note: status == "CLOSED" ? note : nil,
                sentAt: Fixtures.start.addingTimeInterval(Double(index + 1) * 60),
                key: "\(reference)/\(status)"
            )
            guard
                case .applied = try await fixture.center.receive(
                    update,
                    mappedBy: Self.map,
                    servingDepartments: ["DOT"]
                )
            else {
                Issue.record("\(status) was not applied")
                return
            }
        }
        let status = try await fixture.center.status(of: acknowledgement.ticket)
        #expect(status.state == .closed)
        #expect(status.notes.last?.text == note)
        #expect(status.notes.filter { $0.text == note }.count == 1)
        try await outbox.deliverDue()
        #expect(backOffice.workOrder(for: acknowledgement.ticket)?.actions == [.annotate])
        #expect(backOffice.duplicateEffects == 0)
        #expect(try await fixture.counts() == .init(requests: 2, contacts: 2))
    }
}
