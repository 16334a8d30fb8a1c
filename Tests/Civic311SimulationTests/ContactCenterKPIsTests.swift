import Civic311
import Civic311Simulation
import Testing

@Suite struct ContactCenterKPIsTests {
    /// Eight contacts whose every measure can be worked out by hand.
    private static let records: [ContactRecord] = [
        // Answered after 10 s, talk 200 s, wrap-up 30 s: a service request.
        ContactRecord(
            id: 0,
            arrivedAt: 0,
            callType: .serviceRequest(.serviceRequest),
            channel: .phone,
            serviceTypeCode: "POTHOLE",
            outcome: .handled,
            endedAt: 250,
            queuedAt: 40,
            answeredAt: 50,
            afterCallWork: 30,
            agent: 0
        ),
        // Answered after 30 s (outside a 20 s threshold), talk 100 s, no wrap-up: information.
        ContactRecord(
            id: 1,
            arrivedAt: 10,
            callType: .generalInformation,
            channel: .phone,
            outcome: .handled,
            endedAt: 170,
            queuedAt: 40,
            answeredAt: 70,
            afterCallWork: 0,
            agent: 1
        ),
        // Answered at once, talk 60 s, wrap-up 10 s: a referral.
        ContactRecord(
            id: 2,
            arrivedAt: 20,
            callType: .referral,
            channel: .phone,
            outcome: .handled,
            endedAt: 110,
            queuedAt: 50,
            answeredAt: 50,
            afterCallWork: 10,
            agent: 2,
            wasTransferred: true
        ),
        // Hung up after 45 s in the queue.
        ContactRecord(
            id: 3,
            arrivedAt: 30,
            callType: .serviceRequest(.complaint),
            channel: .phone,
            serviceTypeCode: "NOISE",
            outcome: .abandoned,
            endedAt: 105,
            queuedAt: 60
        ),
        // Resolved in the IVR.
        ContactRecord(
            id: 4,
            arrivedAt: 40,
            callType: .generalInformation,
            channel: .phone,
            outcome: .deflected,
            endedAt: 70
        ),
        // Online service request and online information.
        ContactRecord(
            id: 5,
            arrivedAt: 50,
            callType: .serviceRequest(.serviceRequest),
            channel: .web,
            serviceTypeCode: "GRAFFITI",
            outcome: .selfService,
            endedAt: 50
        ),
        ContactRecord(
            id: 6,
            arrivedAt: 60,
            callType: .generalInformation,
            channel: .mobileApp,
            outcome: .selfService,
            endedAt: 60
        ),
        // Still queued at the end of the run.
        ContactRecord(
            id: 7,
            arrivedAt: 70,
            callType: .referral,
            channel: .phone,
            outcome: .unanswered,
            endedAt: 900,
            queuedAt: 100
        ),
    ]

    @Test func everyFormulaOnHandBuiltRecords() throws {
        let costs = try ContactCosts(agentCall: 10, unassistedCall: 1, onlineContact: 0.5)
        let kpis = ContactCenterKPIs(
            records: Self.records,
            staffedAgentSeconds: 1_000,
            busyAgentSeconds: 450,
            serviceLevelThreshold: 20,
            costs: costs
        )
        #expect(kpis.contacts == 8)
        #expect(kpis.callsOffered == 5)
        #expect(kpis.callsAnswered == 3)
        #expect(kpis.callsHandled == 3)
        #expect(kpis.callsAbandoned == 1)
        #expect(kpis.callsUnanswered == 1)
        #expect(kpis.served == 6)
        #expect(kpis.abandonmentRate == 1.0 / 5)
        // Waits 10, 30 and 0 s.
        #expect(kpis.averageSpeedOfAnswer == 40.0 / 3)
        // Two of five offered were answered within 20 s.
        #expect(kpis.serviceLevel == 2.0 / 5)
        #expect(kpis.answerRate == 3.0 / 5)
        #expect(kpis.occupancy == 0.45)
        // Talk 200 + 100 + 60, wrap-up 30 + 0 + 10.
        #expect(kpis.averageTalkTime == 120)
        #expect(kpis.averageAfterCallWork == 40.0 / 3)
        #expect(kpis.averageHandleTime == 400.0 / 3)
        // Served: 0, 1, 2, 4, 5, 6; of those, 1, 2, 4 and 6 are information or referral.
        #expect(kpis.firstContactResolution == 4.0 / 6)
        // IVR 4, online 5 and 6.
        #expect(kpis.selfServiceDeflection == 3.0 / 8)
        // Requests from served contacts 0 and 5 (the abandoned complaint created none).
        #expect(kpis.serviceRequests == 2)
        #expect(kpis.serviceRequestShare == 2.0 / 6)
        // Three agent calls at 10, three unassisted calls at 1, two online at 0.5.
        #expect(kpis.totalCost == 34)
        #expect(kpis.costPerContact == 34.0 / 8)
        let phone = try #require(kpis.channels.first { $0.channel == .phone })
        #expect(phone.contacts == 6)
        #expect(phone.costPerContact == 33.0 / 6)
        #expect(kpis.channels.first { $0.channel == .text }?.costPerContact == nil)
    }

    @Test func emptyDenominatorsGiveNil() {
        let kpis = ContactCenterKPIs(
            records: [ContactRecord](),
            staffedAgentSeconds: 0,
            busyAgentSeconds: 0,
            serviceLevelThreshold: 20
        )
        #expect(kpis.abandonmentRate == nil)
        #expect(kpis.averageSpeedOfAnswer == nil)
        #expect(kpis.serviceLevel == nil)
        #expect(kpis.occupancy == nil)
        #expect(kpis.firstContactResolution == nil)
        #expect(kpis.costPerContact == nil)
        #expect(kpis.totalCost == 0)
    }

    @Test func costsRejectNegativeValues() {
        #expect(throws: SimulationError.self) { try ContactCosts(agentCall: -1) }
        #expect(ContactCosts.midpoints.agentCall == 9.5)
        #expect(ContactCosts.midpoints.onlineContact == 0.375)
    }

    @Test func observedContactsOnOtherChannelsKeepTheirOwnRow() {
        // An ACD export may carry channels the model does not simulate: they are counted, not dropped.
        let email = ContactRecord(
            id: 0,
            arrivedAt: 0,
            callType: .generalInformation,
            channel: .email,
            outcome: .selfService,
            endedAt: 0
        )
        let kpis = ContactCenterKPIs(
            records: [email],
            staffedAgentSeconds: 0,
            busyAgentSeconds: 0,
            serviceLevelThreshold: 20
        )
        #expect(kpis.channels.map(\.channel) == [.phone, .web, .mobileApp, .email, .text])
        #expect(kpis.channels.first { $0.channel == .email }?.contacts == 1)
        #expect(kpis.channels.reduce(0) { $0 + $1.contacts } == kpis.contacts)
    }
}
