import Civic311
import Testing

@testable import Civic311Simulation

/// `IntervalStatistics` and `ContactCenterKPIs` measure contacts through one tally, so every measure
/// they share must agree on the same records.
@Suite struct ContactTallyTests {
    /// Every outcome, as the simulator records them: waits of 0, 10, 20 and 45 s, a warm transfer,
    /// short and long abandons, a call left queued, IVR and online contacts on several channels.
    private static func records() throws -> [ContactRecord] {
        try [
            // Answered at once: a service request.
            ContactRecord(
                id: 0,
                arrivedAt: 0,
                callType: .serviceRequest(.serviceRequest),
                channel: .phone,
                serviceTypeCode: "POTHOLE",
                outcome: .handled,
                endedAt: 200,
                queuedAt: 30,
                answeredAt: 30,
                afterCallWork: 20,
                agent: 0
            ),
            // Answered after 10 s.
            ContactRecord(
                id: 1,
                arrivedAt: 5,
                callType: .generalInformation,
                channel: .phone,
                outcome: .handled,
                endedAt: 160,
                queuedAt: 40,
                answeredAt: 50,
                afterCallWork: 0,
                agent: 1
            ),
            // Answered after exactly the threshold (20 s), then warm-transferred.
            ContactRecord(
                id: 2,
                arrivedAt: 8,
                callType: .referral,
                channel: .phone,
                outcome: .handled,
                endedAt: 400,
                queuedAt: 45,
                answeredAt: 65,
                afterCallWork: 15,
                agent: 0,
                wasTransferred: true
            ),
            // Answered after 45 s: late.
            ContactRecord(
                id: 3,
                arrivedAt: 10,
                callType: .serviceRequest(.complaint),
                channel: .phone,
                serviceTypeCode: "GRAFFITI",
                outcome: .handled,
                endedAt: 300,
                queuedAt: 50,
                answeredAt: 95,
                afterCallWork: 40,
                agent: 1
            ),
            // Hung up after 3 s: a short abandon when short abandons are excluded within 5 s.
            ContactRecord(
                id: 4,
                arrivedAt: 12,
                callType: .serviceRequest(.serviceRequest),
                channel: .phone,
                serviceTypeCode: "POTHOLE",
                outcome: .abandoned,
                endedAt: 63,
                queuedAt: 60
            ),
            // Hung up after 90 s.
            ContactRecord(
                id: 5,
                arrivedAt: 14,
                callType: .generalInformation,
                channel: .phone,
                outcome: .abandoned,
                endedAt: 160,
                queuedAt: 70
            ),
            // Still queued at the end of the run.
            ContactRecord(
                id: 6,
                arrivedAt: 16,
                callType: .referral,
                channel: .phone,
                outcome: .unanswered,
                endedAt: 900,
                queuedAt: 80
            ),
            // Resolved in the IVR, with a service request.
            ContactRecord(
                id: 7,
                arrivedAt: 20,
                callType: .serviceRequest(.serviceRequest),
                channel: .phone,
                serviceTypeCode: "STREETLIGHT",
                outcome: .deflected,
                endedAt: 50
            ),
            // Online, on three channels.
            ContactRecord(
                id: 8,
                arrivedAt: 25,
                callType: .serviceRequest(.serviceRequest),
                channel: .web,
                serviceTypeCode: "POTHOLE",
                outcome: .selfService,
                endedAt: 25
            ),
            ContactRecord(
                id: 9,
                arrivedAt: 30,
                callType: .generalInformation,
                channel: .mobileApp,
                outcome: .selfService,
                endedAt: 30
            ),
            ContactRecord(
                id: 10,
                arrivedAt: 35,
                callType: .generalInformation,
                channel: .text,
                outcome: .selfService,
                endedAt: 35
            ),
        ]
    }

    @Test(arguments: [ShortAbandons.counted, .excluded(within: 5)])
    func intervalStatisticsAndKPIsAgreeOnEverySharedMeasure(shortAbandons: ShortAbandons) throws {
        var interval = IntervalStatistics(
            start: 0,
            length: 900,
            serviceLevelThreshold: 20,
            shortAbandons: shortAbandons
        )
        for record in try Self.records() { interval.add(record) }
        interval.staffedAgentSeconds = 1_800
        interval.busyAgentSeconds = 1_170
        let kpis = ContactCenterKPIs(
            records: try Self.records(),
            staffedAgentSeconds: 1_800,
            busyAgentSeconds: 1_170,
            serviceLevelThreshold: 20,
            shortAbandons: shortAbandons
        )

        #expect(interval.contacts == kpis.contacts)
        #expect(interval.offered == kpis.callsOffered)
        #expect(interval.answered == kpis.callsAnswered)
        #expect(interval.answeredWithinThreshold == kpis.callsAnsweredWithinThreshold)
        #expect(interval.abandoned == kpis.callsAbandoned)
        #expect(interval.excludedShortAbandons == kpis.excludedShortAbandons)
        #expect(interval.unanswered == kpis.callsUnanswered)
        #expect(interval.deflected == kpis.deflectedInIVR)
        #expect(interval.selfService == kpis.onlineContacts)
        #expect(interval.serviceRequests == kpis.serviceRequests)
        #expect(interval.totalWaitOfAnswered == kpis.totalWaitOfAnswered)
        #expect(interval.staffedAgentSeconds == kpis.staffedAgentSeconds)
        #expect(interval.busyAgentSeconds == kpis.busyAgentSeconds)
        #expect(interval.serviceLevel == kpis.serviceLevel)
        #expect(interval.averageSpeedOfAnswer == kpis.averageSpeedOfAnswer)
        #expect(interval.abandonmentRate == kpis.abandonmentRate)
        #expect(interval.occupancy == kpis.occupancy)

        // The figures themselves, worked out by hand, so agreeing on a wrong answer fails too.
        #expect(kpis.contacts == 11)
        #expect(kpis.callsOffered == 7)
        #expect(kpis.callsAnswered == 4)
        #expect(kpis.callsAnsweredWithinThreshold == 3)
        #expect(kpis.callsAbandoned == 2)
        #expect(kpis.callsUnanswered == 1)
        #expect(kpis.deflectedInIVR == 1)
        #expect(kpis.onlineContacts == 3)
        // Handled 0 and 3, the IVR's 7 and the web's 8; the abandoned 4 created none.
        #expect(kpis.serviceRequests == 4)
        #expect(kpis.averageSpeedOfAnswer == 75.0 / 4)
        #expect(kpis.abandonmentRate == 2.0 / 7)
        #expect(kpis.occupancy == 0.65)
        #expect(interval.delayed == 3)
        #expect(interval.transferred == 1)
        #expect(interval.totalWaitOfAbandoned == 93)
        #expect(interval.probabilityOfWaiting == 6.0 / 7)
        #expect(interval.averageTimeInQueue == 168.0 / 6)
        switch shortAbandons {
        case .counted:
            #expect(kpis.excludedShortAbandons == 0)
            #expect(kpis.serviceLevel == 3.0 / 7)
        case .excluded:
            #expect(kpis.excludedShortAbandons == 1)
            #expect(kpis.serviceLevel == 3.0 / 6)
        }
    }

    @Test func mergingIntervalsEqualsAddingEveryRecordToOne() throws {
        var whole = IntervalStatistics(start: 0, length: 900, serviceLevelThreshold: 20, shortAbandons: .counted)
        var first = IntervalStatistics(start: 0, length: 450, serviceLevelThreshold: 20, shortAbandons: .counted)
        var second = IntervalStatistics(start: 450, length: 450, serviceLevelThreshold: 20, shortAbandons: .counted)
        for record in try Self.records() {
            whole.add(record)
            if record.id < 5 { first.add(record) } else { second.add(record) }
        }
        var merged = IntervalStatistics(start: 0, length: 900, serviceLevelThreshold: 20, shortAbandons: .counted)
        merged.merge(first)
        merged.merge(second)
        #expect(merged == whole)
    }

    @Test func aSimulatedDayReadsTheSameThroughBothTypes() throws {
        // A short-staffed day with impatient callers, so every phone outcome occurs.
        let configuration = FrontOfficeConfiguration(
            arrivals: try .constant(contactsPerHour: 200),
            agents: Array(repeating: AgentSchedule(shiftStart: 0, shiftEnd: 80_000), count: 9),
            profile: FrontOfficeProfile(
                handling: HandlingTime(talk: .exponential(mean: 180)),
                channelShares: [.phone: 0.8, .web: 0.1, .text: 0.1],
                callTypeShares: [.generalInformation: 0.7, .referral: 0.3],
                ivrDeflection: [.generalInformation: 0.1],
                warmTransfer: WarmTransfer(share: 0.5, hold: .fixed(30)),
                patience: .exponential(mean: 60),
                shortAbandons: .excluded(within: 5)
            ),
            days: 1,
            reportingInterval: .sixtyMinutes
        )
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 311)
        let totals = result.totals
        let kpis = ContactCenterKPIs(
            records: result.contacts,
            staffedAgentSeconds: totals.staffedAgentSeconds,
            busyAgentSeconds: totals.busyAgentSeconds,
            serviceLevelThreshold: totals.serviceLevelThreshold,
            shortAbandons: totals.shortAbandons
        )
        #expect(totals.answered > 0 && totals.abandoned > 0 && totals.excludedShortAbandons > 0)
        #expect(totals.deflected > 0 && totals.selfService > 0 && totals.transferred > 0)
        #expect(totals.excludedShortAbandons == kpis.excludedShortAbandons)
        #expect(totals.contacts == kpis.contacts)
        #expect(totals.offered == kpis.callsOffered)
        #expect(totals.answered == kpis.callsAnswered)
        #expect(totals.answeredWithinThreshold == kpis.callsAnsweredWithinThreshold)
        #expect(totals.abandoned == kpis.callsAbandoned)
        #expect(totals.unanswered == kpis.callsUnanswered)
        #expect(totals.deflected == kpis.deflectedInIVR)
        #expect(totals.selfService == kpis.onlineContacts)
        #expect(totals.serviceRequests == kpis.serviceRequests)
        // Interval sums merged in another order than one running sum: equal to rounding.
        #expect(abs(totals.totalWaitOfAnswered - kpis.totalWaitOfAnswered) <= 1e-6 * max(1, kpis.totalWaitOfAnswered))
        #expect(totals.abandonmentRate == kpis.abandonmentRate)
        #expect(totals.serviceLevel == kpis.serviceLevel)
        #expect(totals.occupancy == kpis.occupancy)
    }
}
