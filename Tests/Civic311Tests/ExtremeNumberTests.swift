import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Extreme numbers through the public entry points of Civic311 that take one: an error or a
/// result, never a trap.
@Suite struct ExtremeNumberTests {
    private typealias Fixtures = FoundationFixtures

    @Test func aReopenFarPastTheWindowExplainsItselfWithoutTrapping() async throws {
        let fixture = try await Fixtures.Center(reopenWindow: 7 * 86_400)
        let ticket = try await fixture.pothole()
        try await fixture.center.close(
            ticket,
            reason: .cancelledByResident,
            note: "Fixed already.",
            by: Fixtures.supervisor
        )
        // The days since closing no longer fit an Int: the message must still be written.
        try fixture.clock.set(Date(timeIntervalSince1970: 1e300))
        let error = await #expect(throws: LifecycleError.self) {
            try await fixture.center.reopen(ticket, reason: "Still broken", by: Fixtures.supervisor)
        }
        #expect(error?.code == .reopenWindowExpired)
        #expect(error?.reason.contains("e+") == true)
    }

    @Test func calendarArithmeticAtAbsurdInstantsStaysInTheSupportedYears() throws {
        let engine = ServiceLevelEngine.sampleCounty
        let calendar = try #require(engine.calendars[engine.defaultCalendar])
        for seconds in [1e300, -1e300, Double.infinity, -Double.infinity, Double.nan] {
            let instant = Date(timeIntervalSince1970: seconds)
            _ = calendar.isOpen(at: instant)
            _ = calendar.nextOpening(atOrAfter: instant)
            _ = calendar.date(byAdding: try .businessDays(3), to: instant)
            _ = calendar.businessTime(from: instant, to: Date(timeIntervalSince1970: 0))
        }
        #expect(throws: ValidationError.self) { try SLADuration.businessDays(.max) }
        #expect(throws: ValidationError.self) { try SLADuration.calendarMinutes(.min) }
    }

    @Test func numbersOutsideTheirDomainAreRefused() throws {
        #expect(throws: ValidationError.self) { try Coordinate(latitude: .nan, longitude: 0) }
        #expect(throws: ValidationError.self) { try Coordinate(latitude: 0, longitude: .infinity) }
        #expect(throws: ValidationError.self) { try PageRequest(limit: .max) }
        let issuer = try TicketIssuer(node: 1)
        #expect(throws: TicketNumberError.self) { try issuer.issue(at: Date(timeIntervalSince1970: 1e300)) }
        #expect(throws: TicketNumberError.self) { try issuer.issue(at: Date(timeIntervalSince1970: .nan)) }
    }

    @Test func aDateAnswerOutsideTheSupportedYearsIsRefusedAtIntake() async throws {
        let fixture = try await Fixtures.Center()
        let question = try #require(
            Jurisdiction.sampleCounty.serviceTypes.lazy.flatMap(\.questions).first { $0.kind == .dateTime }
        )
        let serviceType = try #require(
            Jurisdiction.sampleCounty.serviceTypes.first { $0.questions.contains { $0.id == question.id } }
        )
        for seconds in [Double.nan, .infinity, 1e300, -1e300] {
            var draft = Fixtures.potholeDraft()
            draft.serviceType = serviceType.id
            draft.answers = [question.id: .dateTime(Date(timeIntervalSince1970: seconds))]
            for other in serviceType.questions where other.isRequired && other.id != question.id {
                switch other.kind {
                case .yesNo: draft.answers[other.id] = .yesNo(false)
                case .singleChoice: draft.answers[other.id] = .choice(other.choices[0].value)
                case .multipleChoice: draft.answers[other.id] = .choices([other.choices[0].value])
                case .number: draft.answers[other.id] = .number(1)
                case .text: draft.answers[other.id] = .text("text")
                case .dateTime: draft.answers[other.id] = .dateTime(Fixtures.start)
                }
            }
            let error = await #expect(throws: ValidationError.self) {
                try await fixture.center.submit(draft, by: Fixtures.callTaker)
            }
            #expect(error?.field == "answers.\(question.id)")
        }
    }
}
