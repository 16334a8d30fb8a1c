import Civic311
import Civic311SampleCounty
import Civic311Testing
import Foundation
import Testing

/// The survey after closing: recorded once, and "not fixed" never stops at a score.
@Suite struct SurveyTests {
    private typealias Fixtures = FoundationFixtures
    private static let crew = Participant.departmentStaff("crew-7", department: "DOT")

    /// A pothole worked to closed (or only resolved).
    private static func finished(_ fixture: Fixtures.Center, close: Bool = true) async throws -> TicketNumber {
        let ticket = try await fixture.pothole()
        try await fixture.center.accept(ticket, by: crew)
        try await fixture.center.start(ticket, by: crew)
        try await fixture.center.resolve(ticket, note: "Filled with hot asphalt.", by: crew)
        if close { try await fixture.center.close(ticket, reason: .completed, note: "Inspected.", by: crew) }
        return ticket
    }

    @Test func aSatisfiedAnswerIsRecordedOnceAndTheClosingInvitedIt() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let notices = try await NoticeDispatcher(center: fixture.center, notifier: notifier, catalog: .sampleCounty)
        let ticket = try await Self.finished(fixture)
        try await notices.deliverDue()
        #expect(notifier.sent(about: ticket).map(\.kind).suffix(2) == [.closing, .surveyInvitation])

        let outcome = try await fixture.center.answerSurvey(
            try SurveyResponse(satisfaction: 5, wasFixed: true, comment: "Quick work, thank you."),
            on: ticket,
            by: Fixtures.submittingResident
        )
        guard case .recorded(let request) = outcome else {
            Issue.record("not just recorded: \(outcome)")
            return
        }
        #expect(request.state == .closed)
        let history = try await fixture.store.events(for: ticket)
        let answers = history.compactMap { if case .surveyAnswered(let answer) = $0.change { answer } else { nil } }
        #expect(answers.map(\.satisfaction) == [5])
        #expect(history.last?.visibility == .internal)
        let before = try await fixture.snapshot(ticket)
        await #expect {
            try await fixture.center.answerSurvey(
                try SurveyResponse(satisfaction: 1, wasFixed: false),
                on: ticket,
                by: Fixtures.submittingResident
            )
        } throws: { ($0 as? ValidationError)?.code == .duplicate }
        #expect(try await fixture.snapshot(ticket) == before)
    }

    @Test func notFixedReopensTheRequestAndTheOutboxTellsTheDepartment() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(clock: fixture.clock)
        let outbox = try await DepartmentOutbox(
            center: fixture.center,
            adapter: backOffice,
            destination: try OutboxDestination(name: "public-works", departments: ["DOT"])
        )
        let ticket = try await Self.finished(fixture)
        try await outbox.deliverDue()
        try fixture.clock.advance(by: 2 * 86_400)
        let outcome = try await fixture.center.answerSurvey(
            try SurveyResponse(satisfaction: 2, wasFixed: false, comment: "The hole is back after the rain."),
            on: ticket,
            caller: .phone(Fixtures.residentPhone),
            by: Fixtures.callTaker
        )
        guard case .reopened(let request) = outcome else {
            Issue.record("not reopened: \(outcome)")
            return
        }
        #expect(request.state == .assigned)
        #expect(request.reopenCount == 1)
        #expect(
            request.publicNotes.last?.text == "The resident says it was not fixed: The hole is back after the rain."
        )
        try await outbox.deliverDue()
        #expect(backOffice.workOrder(for: ticket)?.actions.last == .reopen)
    }

    @Test func notFixedAfterTheReopenWindowBecomesAComplaint() async throws {
        let fixture = try await Fixtures.Center(reopenWindow: 7 * 86_400)
        let ticket = try await Self.finished(fixture)
        try fixture.clock.advance(by: 30 * 86_400)
        let contacts = try await fixture.counts().contacts
        let outcome = try await fixture.center.answerSurvey(
            try SurveyResponse(satisfaction: 1, wasFixed: false),
            on: ticket,
            by: Fixtures.submittingResident
        )
        guard case .complaint(let request, let contact) = outcome else {
            Issue.record("not a complaint: \(outcome)")
            return
        }
        #expect(request.state == .closed)
        #expect(contact.callType == .serviceRequest(.complaint, request: ticket))
        #expect(try await fixture.counts().contacts == contacts + 1)
    }

    @Test func refusedAnswersWriteNothing() async throws {
        let fixture = try await Fixtures.Center()
        let open = try await fixture.pothole()
        let done = try await Self.finished(fixture, close: false)
        let answer = try SurveyResponse(satisfaction: 3, wasFixed: true)
        for (ticket, participant) in [
            (open, Fixtures.submittingResident), (done, Fixtures.otherResident), (done, Self.crew),
            (done, Fixtures.callTaker),
        ] {
            let before = try await fixture.snapshot(ticket)
            do {
                try await fixture.center.answerSurvey(answer, on: ticket, by: participant)
                Issue.record("\(participant) answered for \(ticket)")
            } catch is LifecycleError {
                #expect(ticket == open)
            } catch is AuthorizationError {
                #expect(ticket == done)
            }
            #expect(try await fixture.snapshot(ticket) == before)
        }
        #expect { try SurveyResponse(satisfaction: 6, wasFixed: true) } throws: {
            ($0 as? ValidationError)?.field == "satisfaction"
        }
        #expect { try SurveyResponse(satisfaction: 3, wasFixed: true, comment: "  ") } throws: {
            ($0 as? ValidationError)?.field == "comment"
        }
        // A resolved request can be answered too.
        #expect(
            try await fixture.center.answerSurvey(answer, on: done, by: Fixtures.submittingResident).request.state
                == .resolved
        )
    }
}
