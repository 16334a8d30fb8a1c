import Civic311
import Foundation
import Testing

/// Updates from a back office: mapped, applied once and in order, and never dropped.
@Suite struct BackOfficeUpdateTests {
    private typealias Fixtures = FoundationFixtures
    private static let system = "workorders"
    private static let served: Set<DepartmentID> = ["DOT"]
    private static let bridge = Participant.integration(system, department: "DOT")

    private static let map = try! BackOfficeStatusMap(
        system: system,
        entries: [
            .init(code: "WO_ACCEPTED", transition: .accept),
            .init(code: "WO_STARTED", transition: .start),
            .init(code: "WO_DONE", transition: .resolve, publicNote: "The crew finished the work."),
            .init(code: "WO_CLOSED", transition: .close(.completed)),
            .init(code: "WO_HOLD", transition: .putOnHold, usesBackOfficeNote: true),
            .init(
                code: "NO_DEFECT",
                transition: .close(.closedWithoutAction(code: "NO_DEFECT_FOUND")),
                publicNote: "An inspector found no defect at this location.",
                usesBackOfficeNote: false
            ),
        ]
    )

    private struct Scene {
        let fixture: Fixtures.Center
        let ticket: TicketNumber
        var sent = 0

        init() async throws {
            fixture = try await Fixtures.Center()
            ticket = try await fixture.pothole()
            try await fixture.center.addExternalReference(ticket, system: system, identifier: "WO-1", by: bridge)
        }

        /// An update for WO-1, sent a minute after the previous one.
        mutating func update(
            _ status: String,
            note: String? = nil,
            key: String? = nil,
            identifier: String = "WO-1"
        )
            -> BackOfficeUpdate
        {
            sent += 1
            return BackOfficeUpdate(
                reference: .init(system: system, identifier: identifier),
                status: status,
                note: note,
                sentAt: Fixtures.start.addingTimeInterval(Double(sent) * 60),
                key: key ?? "update-\(sent)"
            )
        }

        func receive(_ update: BackOfficeUpdate) async throws -> BackOfficeUpdate.Outcome {
            try await fixture.center.receive(update, mappedBy: map, servingDepartments: served)
        }

        func history() async throws -> [RequestEvent] { try await fixture.store.events(for: ticket) }
    }

    private static func records(_ history: [RequestEvent]) -> [BackOfficeUpdateRecord] {
        history.compactMap { if case .backOfficeUpdate(let record) = $0.change { record } else { nil } }
    }

    @Test func mappedTransitionsAreAppliedWithTheCrewsNoteAndRecordedInTheSameAppend() async throws {
        var scene = try await Scene()
        for status in ["WO_ACCEPTED", "WO_STARTED"] {
            guard case .applied = try await scene.receive(scene.update(status)) else {
                Issue.record("\(status) was not applied")
                return
            }
        }
        let crewNote = "Filled the pothole with hot asphalt."
        let resolved = try await scene.receive(scene.update("WO_DONE", note: crewNote))
        #expect(resolved == .applied(resolved.request))
        #expect(resolved.request.state == .resolved)
        #expect(resolved.request.publicNotes.last?.text == crewNote)
        let history = try await scene.history()
        let last = Array(history.suffix(2))
        #expect(last.first?.change == .resolved(note: crewNote))
        #expect(last.first?.actor == Self.bridge)
        guard case .backOfficeUpdate(let record) = last.last?.change else {
            Issue.record("no record after the change: \(history.map(\.change))")
            return
        }
        #expect(record.disposition == .applied)
        #expect(record.status == "WO_DONE")
        #expect(last.last?.visibility == .internal)
        #expect(last.map(\.sequence) == [history.count - 1, history.count])

        // Closing with the same note: the resident reads it once.
        let closed = try await scene.receive(scene.update("WO_CLOSED", note: crewNote))
        #expect(closed.request.state == .closed)
        let view = try await scene.fixture.center.status(of: scene.ticket)
        #expect(view.notes.filter { $0.text == crewNote }.count == 1)
    }

    @Test func theMapsOwnNoteIsUsedWhenTheEntrySaysSoOrTheCrewSentNone() async throws {
        var scene = try await Scene()
        _ = try await scene.receive(scene.update("WO_ACCEPTED"))
        _ = try await scene.receive(scene.update("WO_STARTED"))
        let resolved = try await scene.receive(scene.update("WO_DONE", note: "   "))
        #expect(resolved.request.publicNotes.last?.text == "The crew finished the work.")
        let closed = try await scene.receive(scene.update("NO_DEFECT", note: "insp JS: nada"))
        #expect(closed.request.closure?.note == "An inspector found no defect at this location.")
    }

    @Test func aRepeatedKeyIsAppliedOnceEvenWhenSentConcurrently() async throws {
        var scene = try await Scene()
        let accepted = scene.update("WO_ACCEPTED", key: "k-1")
        let outcomes = try await withThrowingTaskGroup(of: BackOfficeUpdate.Outcome.self) { group in
            for _ in 0..<8 { group.addTask { [scene] in try await scene.receive(accepted) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .applied = $0 { true } else { false } }.count == 1)
        #expect(outcomes.filter { if case .duplicate = $0 { true } else { false } }.count == 7)
        let history = try await scene.history()
        #expect(history.filter { $0.change == .accepted }.count == 1)
        #expect(Self.records(history).count == 1)
    }

    @Test func anUpdateOlderThanTheLastAppliedIsRecordedAndIgnored() async throws {
        var scene = try await Scene()
        let early = scene.update("WO_ACCEPTED")
        _ = try await scene.receive(early)
        let started = scene.update("WO_STARTED")
        let late = scene.update("WO_HOLD", note: "We need the gate code.")
        _ = try await scene.receive(late)
        let stale = try await scene.receive(started)
        #expect(stale == .stale(stale.request))
        #expect(stale.request.state == .onHold)
        #expect(Self.records(try await scene.history()).last?.disposition == .stale)
    }

    @Test(
        arguments: [
            ("WO_MYSTERY", nil, "unknown status 'WO_MYSTERY'"),
            ("WO_DONE", "Filled it.", "not allowed while the request is"),
        ] as [(String, String?, String)]
    )
    func whatCannotBeAppliedIsParkedWithItsReason(status: String, note: String?, reason: String) async throws {
        var scene = try await Scene()
        let before = try await scene.fixture.center.request(scene.ticket, by: .supervisor("chief"))
        let outcome = try await scene.receive(scene.update(status, note: note))
        guard case .parked(let request, let parkedBecause) = outcome else {
            Issue.record("not parked: \(outcome)")
            return
        }
        #expect(parkedBecause.contains(reason), "\(parkedBecause)")
        #expect(request.state == before.state)
        let record = try #require(Self.records(try await scene.history()).last)
        #expect(record.disposition == .parked(reason: parkedBecause))
        #expect(record.note == note, "the back office's words are kept for the operator")
    }

    @Test func aTransitionThatNeedsANoteTheUpdateDoesNotCarryIsParked() async throws {
        var scene = try await Scene()
        _ = try await scene.receive(scene.update("WO_ACCEPTED"))
        let outcome = try await scene.receive(scene.update("WO_HOLD"))
        guard case .parked(_, let reason) = outcome else {
            Issue.record("not parked: \(outcome)")
            return
        }
        #expect(reason.contains("needs a note"))
    }

    @Test func anUpdateForARequestThatMovedAwayIsParked() async throws {
        var scene = try await Scene()
        try await scene.fixture.center.reassign(
            scene.ticket,
            to: "SWR",
            reason: "It is a sewer cave-in.",
            by: .supervisor("chief")
        )
        let outcome = try await scene.receive(scene.update("WO_ACCEPTED"))
        guard case .parked(let request, let reason) = outcome else {
            Issue.record("not parked: \(outcome)")
            return
        }
        #expect(reason.contains("moved to SWR"))
        #expect(request.state == .new)
    }

    @Test func aReKeyedRecordStillFindsItsRequest() async throws {
        var scene = try await Scene()
        try await scene.fixture.center.addExternalReference(
            scene.ticket,
            system: Self.system,
            identifier: "WO-1-INSPECTION",
            by: Self.bridge
        )
        let byOld = try await scene.receive(scene.update("WO_ACCEPTED", identifier: "WO-1"))
        #expect(byOld.request.state == .assigned)
        let byNew = try await scene.receive(scene.update("WO_STARTED", identifier: "WO-1-INSPECTION"))
        #expect(byNew.request.state == .inProgress)
    }

    @Test func badUpdatesAreRefusedNamingTheFieldAndWriteNothing() async throws {
        var scene = try await Scene()
        let before = try await scene.history()
        let cases: [(BackOfficeUpdate, String)] = [
            (scene.update(" "), "status"),
            (scene.update("WO_ACCEPTED", key: ""), "key"),
            (
                BackOfficeUpdate(
                    reference: .init(system: "sap", identifier: "WO-1"),
                    status: "WO_ACCEPTED",
                    sentAt: Fixtures.start,
                    key: "k"
                ), "reference.system"
            ),
            (scene.update("WO_ACCEPTED", note: String(repeating: "x", count: 100_000)), "note"),
            (
                BackOfficeUpdate(
                    reference: .init(system: Self.system, identifier: "WO-1"),
                    status: "WO_ACCEPTED",
                    sentAt: Date(timeIntervalSinceReferenceDate: .infinity),
                    key: "k"
                ), "sentAt"
            ),
        ]
        for (update, field) in cases {
            await #expect(
                performing: { try await scene.receive(update) },
                throws: { ($0 as? ValidationError)?.field == field }
            )
        }
        await #expect(throws: StorageError.self) {
            try await scene.receive(scene.update("WO_ACCEPTED", identifier: "WO-404"))
        }
        #expect(try await scene.history() == before)
    }
}
