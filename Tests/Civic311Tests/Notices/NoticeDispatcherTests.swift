import Civic311
import Civic311SampleCounty
import Civic311Testing
import Foundation
import Synchronization
import Testing

/// The notice dispatcher: what residents are told, in which channel and language, and that no
/// notice is lost, sent twice or dropped silently.
@Suite struct NoticeDispatcherTests {
    private typealias Fixtures = FoundationFixtures
    private static let crew = Participant.departmentStaff("crew-7", department: "DOT")
    private static let patient = try! RetryPolicy(maximumAttempts: 6, initialDelay: 1, maximumDelay: 30, jitter: 0.2)

    private static func dispatcher(
        _ fixture: Fixtures.Center,
        _ notifier: RecordingNotifier,
        preferences: any NoticePreferenceSource = InMemoryNoticePreferences(),
        center: ServiceCenter? = nil
    ) async throws -> NoticeDispatcher {
        try await NoticeDispatcher(
            center: center ?? fixture.center,
            notifier: notifier,
            catalog: .sampleCounty,
            preferences: preferences,
            retryPolicy: patient,
            seed: 5
        )
    }

    /// Works a pothole from intake to closing, with an internal note on the way.
    private static func workThrough(_ fixture: Fixtures.Center) async throws -> TicketNumber {
        let ticket = try await fixture.pothole()
        let center = fixture.center
        try await center.accept(ticket, by: crew)
        try await center.addNote(ticket, "Bring the big roller.", visibility: .internal, by: crew)
        try await center.start(ticket, by: crew)
        try await center.resolve(ticket, note: "Filled with hot asphalt, 2 by 3 feet.", by: crew)
        try await center.close(ticket, reason: .completed, note: "Inspected and closed by the yard.", by: crew)
        return ticket
    }

    @Test func theSubmitterHearsEveryPublicChangeWithTheDepartmentsOwnWords() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let dispatcher = try await Self.dispatcher(fixture, notifier)
        let ticket = try await Self.workThrough(fixture)
        let figures = try await dispatcher.deliverDue()
        let notices = notifier.sent(about: ticket)
        #expect(
            notices.map(\.kind) == [
                .acknowledgement, .statusChange, .statusChange, .statusChange, .closing, .surveyInvitation,
            ]
        )
        #expect(figures.sent == 6)
        #expect(notices.allSatisfy { $0.channel == .email && $0.recipient == Fixtures.residentEmail })
        #expect(notices.allSatisfy { $0.language == "en" && !$0.isFallback })
        let acknowledgement = try #require(notices.first)
        #expect(acknowledgement.subject == "Cedar Valley 311: your Pothole request is ticket \(ticket)")
        #expect(acknowledgement.body.contains("Transportation"))
        #expect(notices[3].body.contains("Filled with hot asphalt, 2 by 3 feet."))
        #expect(notices[3].subject?.hasSuffix("is resolved") == true)
        #expect(notices[4].body.contains("Inspected and closed by the yard."))
        // The internal note is never told.
        #expect(!notices.contains { $0.body.contains("roller") })
        #expect(Set(notices.map(\.key)).count == notices.count)
    }

    /// Retention and erasure are recorded in the history but tell no one, and an erased
    /// resident hears nothing more of a request that goes on without them.
    @Test func redactionsTellNoOneAndAnErasedResidentHearsNoMore() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let dispatcher = try await Self.dispatcher(fixture, notifier)
        let closed = try await Self.workThrough(fixture)
        let open = try await fixture.pothole()
        // The figures count from the dispatcher's start: 6 notices of the worked request, 1 of the open one.
        #expect(try await dispatcher.deliverDue().sent == 7)
        try fixture.clock.advance(by: 2 * 86_400)
        let schedule = try RetentionSchedule(daysAfterClosure: [.internalNotes: 1])
        #expect(try await fixture.center.applyRetention(schedule, by: .system).recorded.count == 1)
        let sam = try #require(ContactIdentity(email: Fixtures.residentEmail))
        #expect(try await fixture.center.erasePersonalData(of: sam, by: Fixtures.supervisor).tickets == [closed, open])
        #expect(try await dispatcher.deliverDue().sent == 7)
        try await fixture.center.accept(open, by: Self.crew)
        #expect(try await dispatcher.deliverDue().sent == 7)
        #expect(notifier.sent(about: closed).count == 6)
        #expect(notifier.sent(about: open).count == 1)
    }

    @Test func aSpanishSpeakingResidentHearsInSpanishByTextMessage() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let preferences = InMemoryNoticePreferences()
        preferences.set(
            NoticePreferences(channels: [.sms, .email], language: "es"),
            for: try #require(ContactIdentity(phone: Fixtures.residentPhone))
        )
        let dispatcher = try await Self.dispatcher(fixture, notifier, preferences: preferences)
        let ticket = try await fixture.pothole()
        try await fixture.center.accept(ticket, by: Self.crew)
        try await fixture.center.start(ticket, by: Self.crew)
        try await dispatcher.deliverDue()
        let notices = notifier.sent(about: ticket)
        #expect(notices.count == 3)
        #expect(
            notices.allSatisfy { $0.channel == .sms && $0.recipient == Fixtures.residentPhone && $0.language == "es" }
        )
        #expect(notices[0].body.hasPrefix("311 Cedar Valley: solicitud \(ticket)"))
        #expect(notices[2].body == "311 \(ticket): en curso.")
        #expect(notices.allSatisfy { $0.smsSegments == 1 })
    }

    @Test func aLanguageTheCatalogLacksFallsBackToEnglishAndSaysSo() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let preferences = InMemoryNoticePreferences()
        preferences.set(
            NoticePreferences(language: "fr"),
            for: try #require(ContactIdentity(email: Fixtures.residentEmail))
        )
        let dispatcher = try await Self.dispatcher(fixture, notifier, preferences: preferences)
        _ = try await fixture.pothole()
        let figures = try await dispatcher.deliverDue()
        #expect(figures.fellBack == 1)
        #expect(notifier.sent.first?.language == "en")
        #expect(notifier.sent.first?.isFallback == true)
    }

    @Test func optedOutAndUnreachableResidentsAreCountedNotTold() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let preferences = InMemoryNoticePreferences()
        preferences.set(
            NoticePreferences(optedOut: true),
            for: try #require(ContactIdentity(email: Fixtures.residentEmail))
        )
        let dispatcher = try await Self.dispatcher(fixture, notifier, preferences: preferences)
        let optedOut = try await fixture.pothole()
        let anonymous = try await fixture.pothole(submitter: nil)
        let phoneOnly = try await fixture.pothole(submitter: Submitter(name: "Ana", phone: "555-010-4444"))
        try await fixture.center.accept(optedOut, by: Self.crew)
        let figures = try await dispatcher.deliverDue()
        #expect(figures.optedOut == 2)
        #expect(figures.unreachable == 1)
        #expect(notifier.sent(about: optedOut).isEmpty)
        #expect(notifier.sent(about: anonymous).isEmpty)
        // No e-mail address: the next channel the resident accepts.
        #expect(notifier.sent(about: phoneOnly).map(\.channel) == [.sms])
    }

    @Test func aProviderOutageIsRiddenOutAndARefusedAddressIsRecordedNotDropped() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let dispatcher = try await Self.dispatcher(fixture, notifier)
        notifier.setDown(true)
        let ticket = try await fixture.pothole()
        notifier.refuse("bounce@example.com")
        let bounced = try await fixture.pothole(submitter: Submitter(email: "bounce@example.com"))
        var figures = try await dispatcher.deliverDue()
        #expect(figures.sent == 0)
        #expect(figures.pending == 2)
        #expect(figures.retried == 2)
        notifier.setDown(false)
        for _ in 0..<20 where figures.pending > 0 {
            if let next = await dispatcher.nextRetry, next > fixture.clock.now() { try fixture.clock.set(next) }
            figures = try await dispatcher.deliverDue()
        }
        #expect(figures.pending == 0)
        #expect(figures.sent == 1)
        #expect(figures.undeliverable == 1)
        #expect(notifier.sent(about: ticket).count == 1)
        let given = await dispatcher.undeliverable
        #expect(given.map(\.notice.ticket) == [bounced])
        #expect(given.first?.reason.contains("no such mailbox") == true)
        // The request's history says so, for an operator.
        let history = try await fixture.store.events(for: bounced)
        let records = history.compactMap { if case .delivery(let record) = $0.change { record } else { nil } }
        #expect(records.map(\.destination) == ["notices/residents"])
        if case .deadLettered(let sequence, _, _) = records.first?.outcome { #expect(sequence == 1) }
        // Settled: a restarted dispatcher sends nothing again.
        let restarted = try await Self.dispatcher(fixture, notifier)
        #expect(try await restarted.deliverDue().sent == 0)
        #expect(notifier.repeats == 0)
    }

    /// A store whose next checkpoint save fails, as a process killed after sending and before
    /// saving leaves it.
    private final class CheckpointFailsOnce: ForwardingRequestStore, @unchecked Sendable {
        // @unchecked: `failNext` is read and written only from the test's one task, in order.
        let base: InMemoryRequestStore
        var failNext = true
        init(_ base: InMemoryRequestStore) { self.base = base }

        func saveCheckpoint(
            _ position: FeedPosition,
            of consumer: FeedConsumerID,
            expected: FeedPosition?
        ) async throws(StorageError) {
            if failNext {
                failNext = false
                throw StorageError(.unavailable, reason: "the process was killed")
            }
            try await base.saveCheckpoint(position, of: consumer, expected: expected)
        }
    }

    @Test func aRestartBeforeTheCheckpointSendsAgainUnderTheSameKeysAndLosesNothing() async throws {
        let fixture = try await Fixtures.Center()
        let failing = CheckpointFailsOnce(fixture.store)
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: failing,
            configuration: .init(node: 2, clock: fixture.clock, triage: "311")
        )
        let notifier = RecordingNotifier()
        let first = try await Self.dispatcher(fixture, notifier, center: center)
        let tickets = [try await Self.workThrough(fixture), try await Self.workThrough(fixture)]
        await #expect(throws: StorageError.self) { try await first.deliverDue() }
        #expect(notifier.sent.count == 12)
        // The process "dies"; the next one starts from the checkpoint that was never moved.
        let second = try await Self.dispatcher(fixture, notifier, center: center)
        let figures = try await second.deliverDue()
        #expect(figures.sent == 12)
        #expect(notifier.repeats == 12)
        #expect(notifier.sent.count == 12)
        for ticket in tickets { #expect(notifier.sent(about: ticket).count == 6) }
        let third = try await Self.dispatcher(fixture, notifier, center: center)
        #expect(try await third.deliverDue().sent == 0)
    }

    /// A preference source that fails once, on its `failing`th call, as a profile service that
    /// times out.
    private final class PreferencesFailingOnce: NoticePreferenceSource {
        private let calls = Mutex(0)
        private let failing: Int

        init(failing: Int) { self.failing = failing }

        func preferences(for identity: ContactIdentity) async throws -> NoticePreferences? {
            let call = calls.withLock { calls in
                calls += 1
                return calls
            }
            if call == failing { throw StorageError(.unavailable, reason: "the profile service timed out") }
            return nil
        }
    }

    @Test func aFailureHalfwayThroughReadingTheFeedQueuesNoNoticeTwice() async throws {
        let fixture = try await Fixtures.Center()
        let first = try await fixture.pothole()
        let second = try await fixture.pothole()
        // The second request's notice is the one that fails to be made: the first is made by then.
        let asked = try #require(await fixture.store.request(first)?.submitter).identities.count
        let notifier = RecordingNotifier()
        let preferences = PreferencesFailingOnce(failing: asked + 1)
        let dispatcher = try await Self.dispatcher(fixture, notifier, preferences: preferences)
        await #expect(throws: StorageError.self) { try await dispatcher.deliverDue() }
        let figures = try await dispatcher.deliverDue()
        // Each acknowledgement queued and sent once: a pass that failed halfway through a page of
        // the feed keeps nothing of it, and the next pass reads the page again.
        #expect(figures.sent == 2)
        #expect(notifier.calls == 2)
        #expect(notifier.repeats == 0)
        #expect(notifier.sent.map(\.ticket) == [first, second])
    }

    @Test func badSettingsAreRefused() async throws {
        let fixture = try await Fixtures.Center()
        await #expect {
            try await NoticeDispatcher(
                center: fixture.center,
                notifier: RecordingNotifier(),
                catalog: .sampleCounty,
                name: "residents and more"
            )
        } throws: { ($0 as? ValidationError)?.field == "name" }
        let dispatcher = try await Self.dispatcher(fixture, RecordingNotifier())
        await #expect {
            try await dispatcher.run(pollInterval: .zero)
        } throws: { ($0 as? ValidationError)?.field == "pollInterval" }
    }
}
