@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Civic311Testing
import Foundation
import Testing

/// Merging a duplicate into its master, and undoing it.
@Suite struct DuplicateMergeTests {
    private typealias Fixtures = FoundationFixtures
    private typealias Candidates = DuplicateCandidateTests
    private static let crew = Participant.departmentStaff("crew-7", department: "DOT")

    @Test func aMergeMovesTheResidentsCountsAMeTooAndStartsTheClockAtTheFirstReport() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let notices = try await NoticeDispatcher(center: fixture.center, notifier: notifier, catalog: .sampleCounty)
        // The duplicate was reported first, by phone; the master a day later on the web.
        let first = try await Candidates.submit(at: Candidates.corner, in: fixture, email: "early@example.com")
        try await fixture.center.follow(first, as: Submitter(email: "neighbour@example.com"), by: Fixtures.callTaker)
        try fixture.clock.advance(by: 86_400)
        let master = try await Candidates.submit(at: Candidates.north(8), in: fixture, email: "later@example.com")
        try await fixture.center.accept(master, by: Self.crew)
        let before = try #require(try await fixture.store.request(master))

        let merge = try await fixture.center.linkDuplicate(first, to: master, by: Fixtures.callTaker)
        #expect(merge.duplicate.state == .closed)
        #expect(merge.duplicate.master == master)
        #expect(merge.duplicate.closure?.reason == .duplicate(of: master))
        #expect(merge.master.meTooCount == 1)
        #expect(merge.master.duplicates == [first])
        #expect(merge.master.state == .assigned, "the master's own state does not move")
        // The master is now due as if reported when the duplicate was.
        let expected = try ServiceLevelEngine.sampleCounty.commitment(
            for: try #require(Jurisdiction.sampleCounty.serviceType("POTHOLE")),
            priority: before.opening.priority,
            department: before.opening.routing.department,
            receivedAt: merge.duplicate.createdAt
        )
        #expect(merge.master.serviceLevel == expected)
        #expect(merge.master.dueAt < before.dueAt)
        let followers = ServiceCenter.followers(in: try await fixture.store.events(for: master))
        #expect(followers.map(\.email) == ["early@example.com", "neighbour@example.com"])
        // Merging again changes nothing.
        #expect(try await fixture.center.linkDuplicate(first, to: master, by: Fixtures.callTaker) == merge)

        // The master is fixed and closed: everyone hears its real note.
        try await fixture.center.start(master, by: Self.crew)
        try await fixture.center.resolve(master, note: "Filled the hole with hot asphalt on Tuesday", by: Self.crew)
        try await notices.deliverDue()
        for resident in ["early@example.com", "neighbour@example.com", "later@example.com"] {
            let told = notifier.sent.filter { $0.recipient == resident && $0.kind == .statusChange }
            #expect(told.last?.body.contains("hot asphalt") == true, "\(resident)")
        }
        let mergeNotice = notifier.sent.first { $0.recipient == "early@example.com" && $0.kind == .closing }
        #expect(mergeNotice?.body.contains(master.description) == true)
    }

    @Test func unlinkingRestoresBothRequestsExactly() async throws {
        let fixture = try await Fixtures.Center()
        let first = try await Candidates.submit(at: Candidates.corner, in: fixture, email: "early@example.com")
        try await fixture.center.accept(first, by: Self.crew)
        try await fixture.center.putOnHold(first, waitingFor: "A photo of the hole", by: Self.crew)
        try fixture.clock.advance(by: 3_600)
        let master = try await Candidates.submit(at: Candidates.north(8), in: fixture, email: "later@example.com")
        let before = (try await Self.state(of: first, in: fixture), try await Self.state(of: master, in: fixture))
        try fixture.clock.advance(by: 600)
        try await fixture.center.linkDuplicate(first, to: master, by: Self.crew)
        try fixture.clock.advance(by: 600)
        let undone = try await fixture.center.unlinkDuplicate(first, reason: "Two different holes", by: Self.crew)
        #expect(undone.duplicate.state == .onHold)
        #expect(try await Self.state(of: first, in: fixture) == before.0)
        #expect(try await Self.state(of: master, in: fixture) == before.1)
        // Both changes stay in the history.
        let history = try await fixture.store.events(for: first).map(\.change)
        #expect(history.contains(.unmerged(from: master, reason: "Two different holes", restoring: .onHold)))
        let notMerged = await #expect(throws: ValidationError.self) {
            try await fixture.center.unlinkDuplicate(first, reason: "Again", by: Self.crew)
        }
        #expect(notMerged?.field == "duplicate")
    }

    @Test func badMergesAreRefusedAndWriteNothing() async throws {
        let fixture = try await Fixtures.Center()
        let one = try await Candidates.submit(at: Candidates.corner, in: fixture)
        let two = try await Candidates.submit(at: Candidates.corner, in: fixture)
        let three = try await Candidates.submit(at: Candidates.corner, in: fixture)
        let graffiti = try await Candidates.submit("GRAFFITI", at: Candidates.corner, in: fixture)
        let done = try await Candidates.submit(at: Candidates.corner, in: fixture)
        try await fixture.center.close(done, reason: .closedWithoutAction(code: "NONE"), note: "Nothing", by: .system)
        try await fixture.center.linkDuplicate(two, to: one, by: .system)
        let snapshots = { () async throws -> [Fixtures.Snapshot] in
            var all: [Fixtures.Snapshot] = []
            for ticket in [one, two, three, graffiti, done] { all.append(try await fixture.snapshot(ticket)) }
            return all
        }
        let before = try await snapshots()
        let refusals: [(String, () async throws -> Void)] = [
            ("master", { try await fixture.center.linkDuplicate(one, to: one, by: .system) }),
            ("master", { try await fixture.center.linkDuplicate(three, to: graffiti, by: .system) }),
            ("master", { try await fixture.center.linkDuplicate(three, to: done, by: .system) }),
            ("master", { try await fixture.center.linkDuplicate(three, to: two, by: .system) }),
            ("duplicate", { try await fixture.center.linkDuplicate(one, to: three, by: .system) }),
            ("duplicate", { try await fixture.center.linkDuplicate(two, to: three, by: .system) }),
            ("note", { try await fixture.center.linkDuplicate(three, to: one, note: "  ", by: .system) }),
            ("reason", { try await fixture.center.unlinkDuplicate(two, reason: "", by: .system) }),
        ]
        for (field, refused) in refusals {
            let error = await #expect(throws: ValidationError.self) { try await refused() }
            #expect(error?.field == field)
        }
        await #expect(throws: LifecycleError.self) {
            try await fixture.center.linkDuplicate(done, to: one, by: .system)
        }
        // Closed as a duplicate the plain way is not a merge to finish.
        let plain = try await Candidates.submit(at: Candidates.corner, in: fixture)
        try await fixture.center.close(plain, reason: .duplicate(of: one), note: "Same hole", by: .system)
        let (plainBefore, oneBefore) = (try await fixture.snapshot(plain), try await fixture.snapshot(one))
        await #expect(throws: ValidationError.self) {
            try await fixture.center.linkDuplicate(plain, to: one, by: .system)
        }
        #expect(try await fixture.snapshot(plain) == plainBefore)
        #expect(try await fixture.snapshot(one) == oneBefore)
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.linkDuplicate(three, to: one, by: .resident("first@example.com"))
        }
        #expect(try await snapshots() == before)
    }

    @Test func aMergedDuplicateIsNotReopenedAloneAndItsNotFixedIsAComplaint() async throws {
        let fixture = try await Fixtures.Center()
        let first = try await Candidates.submit(at: Candidates.corner, in: fixture, email: "early@example.com")
        let master = try await Candidates.submit(at: Candidates.corner, in: fixture)
        try await fixture.center.linkDuplicate(first, to: master, by: .system)
        let before = try await fixture.snapshot(first)
        let refused = await #expect(throws: LifecycleError.self) {
            try await fixture.center.reopen(first, reason: "Still there", by: .system)
        }
        #expect(refused?.code == .mergedAsDuplicate)
        #expect(try await fixture.snapshot(first) == before)
        let outcome = try await fixture.center.answerSurvey(
            try SurveyResponse(satisfaction: 1, wasFixed: false, comment: "Nobody came"),
            on: first,
            by: .resident("early@example.com")
        )
        guard case .complaint(let request, let contact) = outcome else {
            Issue.record("expected a complaint, got \(outcome)")
            return
        }
        #expect(request.state == .closed)
        #expect(contact.callType == .serviceRequest(.complaint, request: first))
    }

    @Test func aMergeThatStoppedHalfwayIsFinishedByTheRetry() async throws {
        let fixture = try await Fixtures.Center()
        let first = try await Candidates.submit(at: Candidates.corner, in: fixture)
        let master = try await Candidates.submit(at: Candidates.corner, in: fixture)
        let failing = FailsAppendsTo(base: fixture.store, ticket: master)
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: failing,
            configuration: .init(node: 2, clock: fixture.clock, triage: "311")
        )
        await #expect(throws: StorageError.self) { try await center.linkDuplicate(first, to: master, by: .system) }
        #expect(try await fixture.store.request(first)?.master == master)
        #expect(try await fixture.store.request(master)?.meTooCount == 0)
        let merge = try await fixture.center.linkDuplicate(first, to: master, by: .system)
        #expect(merge.master.duplicates == [first])
    }

    /// Merging and unmerging in any order, then unlinking everything, leaves every request as it
    /// was: the same state, notes, links, holds, service level and followers.
    @Test(arguments: [UInt64(11), 12, 13, 14, 15, 16])
    func mergeThenUnmergeRestoresExactState(seed: UInt64) async throws {
        let fixture = try await Fixtures.Center()
        var random = Fixtures.SplitMix64(seed: seed)
        var tickets: [TicketNumber] = []
        for index in 0..<6 {
            let ticket = try await Candidates.submit(
                at: Candidates.north(Double(random.next() % 30)),
                in: fixture,
                email: "r\(index)@example.com"
            )
            switch random.next() % 4 {
            case 0: try await fixture.center.accept(ticket, by: Self.crew)
            case 1: try await fixture.center.start(ticket, by: Self.crew)
            case 2:
                try await fixture.center.accept(ticket, by: Self.crew)
                try await fixture.center.putOnHold(ticket, waitingFor: "Which lane?", by: Self.crew)
            default: break
            }
            if random.next() % 2 == 0 {
                try await fixture.center.follow(ticket, as: Submitter(email: "f\(index)@example.com"), by: .system)
            }
            tickets.append(ticket)
            try fixture.clock.advance(by: Double(random.next() % 7_200))
        }
        var before: [TicketNumber: RestorableState] = [:]
        for ticket in tickets { before[ticket] = try await Self.state(of: ticket, in: fixture) }

        var merged: [TicketNumber] = []
        var merges = 0
        for _ in 0..<12 {
            try fixture.clock.advance(by: 60)
            let unmerged = tickets.filter { !merged.contains($0) }
            if random.next() % 3 != 0, let duplicate = unmerged.randomElement(using: &random) {
                // A master cannot be merged itself; the others may take it as theirs.
                guard try await fixture.store.request(duplicate)?.meTooCount == 0,
                    let master = unmerged.filter({ $0 != duplicate }).randomElement(using: &random)
                else { continue }
                try await fixture.center.linkDuplicate(duplicate, to: master, by: .system)
                merged.append(duplicate)
                merges += 1
            } else if let duplicate = merged.randomElement(using: &random) {
                try await fixture.center.unlinkDuplicate(duplicate, reason: "Not the same", by: .system)
                merged.removeAll { $0 == duplicate }
            }
        }
        #expect(merges >= 3, "the sequence merges something")
        for duplicate in merged.shuffled(using: &random) {
            try fixture.clock.advance(by: 60)
            try await fixture.center.unlinkDuplicate(duplicate, reason: "Undo", by: .system)
        }
        for ticket in tickets {
            #expect(try await Self.state(of: ticket, in: fixture) == before[ticket], "\(ticket), seed \(seed)")
            let request = try #require(try await fixture.store.request(ticket))
            #expect(try ServiceRequest.replaying(try await fixture.store.events(for: ticket)) == request)
        }
    }

    /// Everything a merge touches, without the version and the last update time, which record
    /// that the history grew.
    struct RestorableState: Equatable {
        let request: [String]
        let serviceLevel: ServiceLevelCommitment
        let followers: [Submitter]
    }

    private static func state(of ticket: TicketNumber, in fixture: Fixtures.Center) async throws -> RestorableState {
        let request = try #require(try await fixture.store.request(ticket))
        let fields: [String] = [
            "\(request.state)", "\(String(describing: request.closure))", "\(String(describing: request.closedAt))",
            "\(String(describing: request.resolvedAt))", "\(String(describing: request.firstRespondedAt))",
            "\(request.notes.map(\.text))", "\(request.notes.map(\.writtenAt))", "\(request.links)",
            "\(request.holds)", "\(String(describing: request.holdStartedAt))", "\(request.reopenCount)",
            "\(request.returnCount)", "\(request.priority)", "\(request.department)", "\(request.meTooCount)",
        ]
        return RestorableState(
            request: fields,
            serviceLevel: request.serviceLevel,
            followers: ServiceCenter.followers(in: try await fixture.store.events(for: ticket))
        )
    }
}

/// A store whose appends to one request fail: a process that stopped between a merge's writes.
private struct FailsAppendsTo: ForwardingRequestStore {
    let base: InMemoryRequestStore
    let ticket: TicketNumber

    func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        guard events.first?.ticket != ticket else { throw StorageError(.unavailable, reason: "the disk went away") }
        return try await base.append(events, expectedVersion: expectedVersion)
    }
}
