import Civic311
import Civic311SampleCounty
import Civic311Testing
import Foundation
import Testing

/// Residents who follow a request they did not submit hear what its submitter hears, from the
/// moment they follow until they stop.
@Suite struct FollowerTests {
    private typealias Fixtures = FoundationFixtures
    private static let crew = Participant.departmentStaff("crew-7", department: "DOT")
    private static let neighbour = "neighbour@example.com"

    @Test func aNeighbourHearsFromTheMomentTheyFollowUntilTheyStop() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let preferences = InMemoryNoticePreferences()
        preferences.set(
            NoticePreferences(channels: [.email], language: "es"),
            for: try #require(ContactIdentity(email: Self.neighbour))
        )
        let notices = try await NoticeDispatcher(
            center: fixture.center,
            notifier: notifier,
            catalog: .sampleCounty,
            preferences: preferences
        )
        let ticket = try await fixture.pothole()
        let resident = Participant.resident(ResidentID(Self.neighbour))
        let followed = try await fixture.center.follow(ticket, as: Submitter(email: Self.neighbour), by: resident)
        // Again, and as the submitter: nothing new.
        #expect(
            try await fixture.center.follow(ticket, as: Submitter(email: "NEIGHBOUR@example.com"), by: resident)
                == followed
        )
        #expect(
            try await fixture.center.follow(ticket, as: Fixtures.submitter, by: Fixtures.submittingResident) == followed
        )
        try await fixture.center.accept(ticket, by: Self.crew)
        try await notices.deliverDue()
        let toNeighbour = notifier.sent.filter { $0.recipient == Self.neighbour }
        #expect(toNeighbour.map(\.kind) == [.statusChange])
        #expect(toNeighbour.first?.language == "es")
        #expect(
            notifier.sent.filter { $0.recipient == Fixtures.residentEmail }.map(\.kind) == [
                .acknowledgement, .statusChange,
            ]
        )

        try await fixture.center.unfollow(
            ticket,
            identity: try #require(ContactIdentity(email: Self.neighbour)),
            by: resident
        )
        try await fixture.center.start(ticket, by: Self.crew)
        try await notices.deliverDue()
        #expect(notifier.sent.filter { $0.recipient == Self.neighbour }.count == 1)
        #expect(notifier.sent.filter { $0.recipient == Fixtures.residentEmail }.count == 3)
        #expect(ServiceCenter.followers(in: try await fixture.store.events(for: ticket)).isEmpty)
        // A restart sends nobody anything again.
        let restarted = try await NoticeDispatcher(center: fixture.center, notifier: notifier, catalog: .sampleCounty)
        #expect(try await restarted.deliverDue().sent == 0)
        #expect(notifier.repeats == 0)
    }

    /// Only the submitter answers the survey, so only the submitter is invited to it.
    @Test func followersHearTheClosingButAreNotInvitedToTheSurvey() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let notices = try await NoticeDispatcher(center: fixture.center, notifier: notifier, catalog: .sampleCounty)
        let ticket = try await fixture.pothole()
        try await fixture.center.follow(ticket, as: Submitter(email: Self.neighbour), by: Fixtures.callTaker)
        try await fixture.center.start(ticket, by: Self.crew)
        try await fixture.center.close(ticket, reason: .completed, note: "Patched the hole", by: Self.crew)
        try await notices.deliverDue()
        let toNeighbour = notifier.sent.filter { $0.recipient == Self.neighbour }.map(\.kind)
        #expect(toNeighbour == [.statusChange, .closing])
        let toSubmitter = notifier.sent.filter { $0.recipient == Fixtures.residentEmail }.map(\.kind)
        #expect(toSubmitter.suffix(2) == [.closing, .surveyInvitation])
    }

    @Test func aCallTakerAddsACallerAndEachFollowerHasKeysOfTheirOwn() async throws {
        let fixture = try await Fixtures.Center()
        let notifier = RecordingNotifier()
        let notices = try await NoticeDispatcher(center: fixture.center, notifier: notifier, catalog: .sampleCounty)
        let ticket = try await fixture.pothole()
        try await fixture.center.follow(ticket, as: Submitter(phone: "555-010-3333"), by: Fixtures.callTaker)
        try await fixture.center.follow(ticket, as: Submitter(email: Self.neighbour), by: Fixtures.supervisor)
        try await fixture.center.accept(ticket, by: Self.crew)
        try await notices.deliverDue()
        let accepted = notifier.sent.filter { $0.kind == .statusChange }
        #expect(Set(accepted.map(\.recipient)) == [Fixtures.residentEmail, "555-010-3333", Self.neighbour])
        #expect(Set(accepted.map(\.key)).count == 3)
        #expect(accepted.first { $0.recipient == "555-010-3333" }?.channel == .sms)
        #expect(!accepted.contains { $0.key.contains("555") || $0.key.contains("neighbour") })
        let history = try await fixture.store.events(for: ticket)
        #expect(
            history.filter { if case .followerAdded = $0.change { true } else { false } }.allSatisfy {
                $0.visibility == .internal
            }
        )
    }

    @Test func followingIsRefusedWhereItWouldLeakOrCannotReachAnyone() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
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
        let resident = Participant.resident(ResidentID(Self.neighbour))
        let before = try await fixture.counts()
        let snapshot = try await fixture.snapshot(ticket)
        await #expect {
            try await fixture.center.follow(ticket, as: Submitter(email: "someone@example.com"), by: resident)
        } throws: { ($0 as? ValidationError)?.field == "follower" }
        await #expect {
            try await fixture.center.follow(ticket, as: Submitter(name: "No contact"), by: Fixtures.callTaker)
        } throws: { ($0 as? ValidationError)?.field == "follower" }
        // A valid address does not carry a bad phone number or an overlong name in with it.
        await #expect {
            try await fixture.center.follow(
                ticket,
                as: Submitter(phone: "call me", email: "ok@example.com"),
                by: Fixtures.callTaker
            )
        } throws: { ($0 as? ValidationError)?.field == "follower.phone" }
        await #expect {
            try await fixture.center.follow(
                ticket,
                as: Submitter(name: String(repeating: "n", count: 300), email: "ok@example.com"),
                by: Fixtures.callTaker
            )
        } throws: { ($0 as? ValidationError)?.field == "follower.name" }
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.follow(ticket, as: Submitter(email: Self.neighbour), by: .resident(nil))
        }
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.follow(ticket, as: Submitter(email: Self.neighbour), by: Self.crew)
        }
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.follow(housing, as: Submitter(email: Self.neighbour), by: resident)
        }
        await #expect {
            try await fixture.center.unfollow(
                ticket,
                identity: try #require(ContactIdentity(email: "someone@example.com")),
                by: resident
            )
        } throws: { ($0 as? ValidationError)?.field == "identity" }
        #expect(try await fixture.snapshot(ticket) == snapshot)
        #expect(try await fixture.counts() == before)
    }
}
