import Civic311
import Foundation
import Testing

/// Retention, subject access and erasure through the center, on the in-memory store.
@Suite struct ResidentRightsTests {
    typealias Fixtures = FoundationFixtures
    static let day: TimeInterval = 86_400
    static let sam = ContactIdentity(phone: Fixtures.residentPhone)!
    static let neighbour = Submitter(name: "Lee Park", email: "lee.park@example.org")

    /// A pothole worked to closure with an internal note, a survey comment and a follower; its
    /// closing instant.
    static func closedPothole(
        in fixture: Fixtures.Center,
        submitter: Submitter = Fixtures.submitter
    ) async throws -> (TicketNumber, Date) {
        let ticket = try await fixture.pothole(submitter: submitter)
        try await fixture.center.follow(ticket, as: neighbour, by: Fixtures.callTaker)
        try await fixture.center.start(ticket, by: Fixtures.roadCrew)
        try await fixture.center.addNote(
            ticket,
            "Gate code from the caller: 4411",
            visibility: .internal,
            by: Fixtures.roadCrew
        )
        try await fixture.center.resolve(ticket, note: "Patched", by: Fixtures.roadCrew)
        let closed = try await fixture.center.close(ticket, reason: .completed, note: "Done", by: Fixtures.roadCrew)
        _ = try await fixture.center.answerSurvey(
            try SurveyResponse(satisfaction: 5, wasFixed: true, comment: "Thanks, Sam Rivera"),
            on: ticket,
            by: .resident(ResidentID(submitter.email ?? Fixtures.residentEmail))
        )
        return (ticket, try #require(closed.closedAt))
    }

    // MARK: Retention

    @Test func retentionWaitsForTheWholePeriodThenRemovesEachClassOnce() async throws {
        let fixture = try await Fixtures.Center()
        let (ticket, closedAt) = try await Self.closedPothole(in: fixture)
        let open = try await fixture.pothole()
        let schedule = try RetentionSchedule(daysAfterClosure: [
            .internalNotes: 30, .residentIdentity: 60, .surveyComments: 30,
        ])
        let job = RetentionJob(schedule: schedule)
        let before = try await fixture.snapshot(ticket)

        // A millisecond before thirty days: nothing.
        let early = try await job.run(over: fixture.store, asOf: closedAt.addingTimeInterval(30 * Self.day - 0.001))
        #expect(early.isEmpty)
        #expect(early.requestsExamined == 1)
        #expect(try await fixture.snapshot(ticket) == before)

        // At thirty days: notes and survey comments, not yet identities.
        let due = try await job.run(over: fixture.store, asOf: closedAt.addingTimeInterval(30 * Self.day))
        #expect(due.outcome(for: .internalNotes)?.tickets == [ticket])
        #expect(due.outcome(for: .surveyComments)?.tickets == [ticket])
        #expect(due.outcome(for: .residentIdentity)?.count == 0)
        #expect(due.recorded.count == 2)
        let request = try #require(try await fixture.store.request(ticket))
        #expect(request.notes.contains { $0.text == HistoryRedaction.removedNoteText })
        #expect(!request.notes.contains { $0.text.contains("4411") })
        #expect(request.state == .closed && request.submitter == Fixtures.submitter)
        let history = try await fixture.store.events(for: ticket)
        #expect(
            !history.contains {
                if case .surveyAnswered(let answer) = $0.change { answer.comment != nil } else { false }
            }
        )
        #expect(
            history.suffix(2).allSatisfy {
                $0.fromState == .closed && $0.toState == .closed && $0.visibility == .internal
            }
        )

        // Idempotent: again at the same instant, nothing more.
        let again = try await job.run(over: fixture.store, asOf: closedAt.addingTimeInterval(30 * Self.day))
        #expect(again.isEmpty)
        #expect(try await fixture.store.events(for: ticket) == history)

        // At sixty days: the residents go.
        let later = try await job.run(over: fixture.store, asOf: closedAt.addingTimeInterval(60 * Self.day))
        #expect(later.outcome(for: .residentIdentity)?.tickets == [ticket])
        let anonymous = try #require(try await fixture.store.request(ticket))
        #expect(anonymous.submitter == nil)
        let events = try await fixture.store.events(for: ticket)
        #expect(ServiceCenter.followers(in: events).isEmpty)
        #expect(!String(describing: events.map(\.unredacted)).contains("Rivera"))
        if case .retentionApplied(.residentIdentity, let rewritten)? = events.last?.change {
            #expect(rewritten.contains(1))
        } else {
            Issue.record(
                "the last event is not the retention of resident identities: \(String(describing: events.last))"
            )
        }

        // The open request was never touched, however late.
        let farLater = try await job.run(over: fixture.store, asOf: closedAt.addingTimeInterval(3_650 * Self.day))
        #expect(farLater.isEmpty)
        #expect(try await fixture.store.request(open)?.submitter == Fixtures.submitter)
        #expect(try await fixture.store.events(for: open).count == 1)
    }

    @Test func aReopenedRequestIsNotRetained() async throws {
        let fixture = try await Fixtures.Center()
        let (ticket, closedAt) = try await Self.closedPothole(in: fixture)
        try await fixture.center.reopen(ticket, reason: "Still there", by: Fixtures.roadCrew)
        let before = try await fixture.snapshot(ticket)
        let schedule = try RetentionSchedule(daysAfterClosure: [.residentIdentity: 1, .internalNotes: 1])
        let report = try await RetentionJob(schedule: schedule).run(
            over: fixture.store,
            asOf: closedAt.addingTimeInterval(400 * Self.day)
        )
        #expect(report.isEmpty && report.requestsExamined == 0)
        #expect(try await fixture.snapshot(ticket) == before)
    }

    @Test func redactionEventsAreAnnotationsThatLeaveTheStateAlone() {
        for change in [
            RequestChange.retentionApplied(.internalNotes, rewritten: [3]), .personalDataErased(rewritten: [1, 2]),
        ] {
            #expect(change.action == .annotate)
            for state in RequestState.allCases {
                #expect(LifecycleTable.target(of: change.action, from: state) == state)
            }
            #expect(!String(describing: change).contains("redacted"))
        }
    }

    @Test func theCenterRunsRetentionOnItsClockForSupervisorsOnly() async throws {
        let fixture = try await Fixtures.Center()
        let (ticket, _) = try await Self.closedPothole(in: fixture)
        let schedule = try RetentionSchedule(daysAfterClosure: [.internalNotes: 1])
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.applyRetention(schedule, by: Fixtures.roadCrew)
        }
        try fixture.clock.advance(by: 2 * Self.day)
        let report = try await fixture.center.applyRetention(schedule, by: Fixtures.supervisor)
        #expect(report.outcome(for: .internalNotes)?.tickets == [ticket])
        #expect(report.recorded.first?.actor == Fixtures.supervisor)
    }

    // MARK: Subject access

    @Test func subjectAccessFindsExactlyTheResidentsRecords() async throws {
        let fixture = try await Fixtures.Center()
        let (submitted, _) = try await Self.closedPothole(in: fixture)
        // One digit off, and the same digits with an extension: other people.
        let similar = Submitter(name: "Alex Moore", phone: "555-010-7789")
        let extensionDesk = Submitter(name: "Front desk", phone: "555-010-7788 x12")
        let theirs = try await fixture.pothole(submitter: similar)
        let desk = try await fixture.pothole(submitter: extensionDesk)
        try await fixture.center.follow(theirs, as: Submitter(phone: "(555) 010-7788"), by: Fixtures.callTaker)
        _ = desk

        let export = try await fixture.center.subjectAccessExport(of: Self.sam, by: Fixtures.supervisor)
        #expect(export.records.map(\.ticket) == [submitted, theirs].sorted())
        let own = try #require(export.records.first { $0.ticket == submitted })
        #expect(own.roles == [.submitter, .actor])  // Sam answered the survey online
        #expect(own.request.submitter == Fixtures.submitter)
        #expect(own.contact.ticket == submitted)
        #expect(own.history.contains { if case .surveyAnswered = $0.change { true } else { false } })
        let followed = try #require(export.records.first { $0.ticket == theirs })
        #expect(followed.roles == [.follower])
        // The other residents on those requests are left out.
        #expect(followed.request.submitter == nil)
        #expect(ServiceCenter.followers(in: own.history).isEmpty)
        let json = String(decoding: try export.jsonData(), as: UTF8.self)
        for other in ["Lee Park", "lee.park", "7789", "Alex Moore"] { #expect(!json.contains(other), "\(other)") }
        #expect(json.contains("\"subject\" : \"+15550107788\""))
        // Printed, the export keeps its subject and records to itself.
        #expect(!String(describing: export).contains("5550107788"))
        #expect(!String(describing: export).contains("Rivera"))
        #expect(String(describing: export.unredacted).contains("Sam Rivera"))

        // By e-mail, however spelled: the same resident, whose phone number the submitted
        // request links to the e-mail address, so the request they follow by phone too.
        let byEmail = try await fixture.center.subjectAccessExport(
            of: try #require(ContactIdentity(email: " SAM.Rivera@Example.com")),
            by: Fixtures.supervisor
        )
        #expect(byEmail.records.map(\.ticket) == [submitted, theirs].sorted())
        #expect(byEmail.records.map(\.roles) == export.records.map(\.roles))
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.subjectAccessExport(of: Self.sam, by: Fixtures.submittingResident)
        }
    }

    // MARK: Erasure

    @Test func erasureLeavesNoTraceOfTheResidentAndKeepsThePublicHistory() async throws {
        let fixture = try await Fixtures.Center()
        let (ticket, _) = try await Self.closedPothole(in: fixture)
        let followed = try await fixture.pothole(submitter: Self.neighbour)
        try await fixture.center.follow(followed, as: Fixtures.submitter, by: Fixtures.callTaker)
        try await fixture.center.addNote(
            followed,
            "Sam Rivera rang from 555-010-7788",
            visibility: .internal,
            by: Fixtures.roadCrew
        )
        let publicBefore = try await fixture.center.status(of: ticket)
        let historyBefore = try await fixture.store.events(for: ticket)
        let feed = try await fixture.store.changes(after: .start, limit: 1_000)

        let report = try await fixture.center.erasePersonalData(of: Self.sam, by: Fixtures.supervisor)
        #expect(report.tickets == [ticket, followed].sorted())
        #expect(report.recorded.allSatisfy { if case .personalDataErased = $0.change { true } else { false } })

        let erased = try #require(try await fixture.store.request(ticket))
        #expect(erased.submitter == nil)
        #expect(erased.state == .closed)
        let history = try await fixture.store.events(for: ticket)
        #expect(history.count == historyBefore.count + 1)
        #expect(
            zip(history, historyBefore).allSatisfy {
                $0.sequence == $1.sequence && $0.toState == $1.toState && $0.recordedAt == $1.recordedAt
            }
        )
        // The public view is the same, bar the time of the last change.
        let publicAfter = try await fixture.center.status(of: ticket)
        #expect(publicAfter.notes == publicBefore.notes)
        #expect(publicAfter.state == publicBefore.state)
        // The neighbour stays where only Sam goes.
        #expect(ServiceCenter.followers(in: history) == [Self.neighbour])
        #expect(try await fixture.store.request(followed)?.submitter == Self.neighbour)
        let feedAfter = try await fixture.store.changes(after: .start, limit: 1_000)
        #expect(feedAfter.entries.count == feed.entries.count + 2)
        var everything = ""
        for ticket in [ticket, followed] {
            everything += String(describing: try await fixture.store.events(for: ticket).map(\.unredacted))
            everything += String(describing: try await fixture.store.request(ticket).map(\.unredacted))
        }
        for entry in feedAfter.entries {
            if case .requestEvent(let event) = entry.change { everything += String(describing: event.unredacted) }
        }
        for trace in ["Rivera", "sam.rivera", "010-7788", "5550107788"] {
            #expect(!everything.contains(trace), "\(trace) is still held")
        }
        // Erasing again, or erasing someone never held, changes nothing.
        let store = try await fixture.snapshot(ticket)
        #expect(try await fixture.center.erasePersonalData(of: Self.sam, by: Fixtures.supervisor).isEmpty)
        let nobody = try #require(ContactIdentity(email: "nobody@example.org"))
        #expect(try await fixture.center.erasePersonalData(of: nobody, by: .system).isEmpty)
        #expect(try await fixture.snapshot(ticket) == store)
        #expect(try await fixture.store.changes(after: .start, limit: 1_000).entries.count == feedAfter.entries.count)
        // And a later export finds nothing of Sam.
        #expect(try await fixture.center.subjectAccessExport(of: Self.sam, by: .system).records.isEmpty)
    }

    @Test func erasureIsForSupervisorsAndTheSystemOnly() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let before = try await fixture.snapshot(ticket)
        for participant in [Fixtures.callTaker, Fixtures.roadCrew, Fixtures.submittingResident] {
            await #expect(throws: AuthorizationError.self) {
                try await fixture.center.erasePersonalData(of: Self.sam, by: participant)
            }
        }
        #expect(try await fixture.snapshot(ticket) == before)
    }
}
