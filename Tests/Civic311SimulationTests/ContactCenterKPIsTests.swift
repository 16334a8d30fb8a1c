import Civic311
import Civic311Simulation
import Testing

@Suite struct ContactCenterKPIsTests {
    /// Eight contacts whose every measure can be worked out by hand.
    private static func records() throws -> [ContactRecord] {
        try [
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
    }

    @Test func everyFormulaOnHandBuiltRecords() throws {
        let costs = try ContactCosts(agentCall: 10, unassistedCall: 1, onlineContact: 0.5)
        let kpis = ContactCenterKPIs(
            records: try Self.records(),
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

    /// An observed record that contradicts itself is refused, naming the field: KPIs computed from
    /// it would count what never happened.
    @Test(arguments: [
        (
            "abandoned with an answer", ContactOutcome.abandoned, 10.0 as Double?, 20.0 as Double?, 0 as Int?,
            "answeredAt"
        ),
        ("handled without an answer", .handled, 10, nil, nil, "answeredAt"),
        ("handled without an agent", .handled, 10, 20, nil, "agent"),
        ("abandoned without a queue", .abandoned, nil, nil, nil, "queuedAt"),
        ("deflected after queueing", .deflected, 10, nil, nil, "queuedAt"),
        ("answered before it queued", .handled, 30, 20, 0, "answeredAt"),
        ("queued before it arrived", .unanswered, 1, nil, nil, "queuedAt"),
        ("answered after it ended", .handled, 10, 500, 0, "answeredAt"),
        ("queued past the end", .unanswered, 400, nil, nil, "queuedAt"),
        ("a NaN answer", .handled, 10, .nan, 0, "answeredAt"),
        ("a negative agent", .handled, 10, 20, -1, "agent"),
    ])
    func contradictoryObservedRecordsAreRefused(
        story: String,
        outcome: ContactOutcome,
        queuedAt: Double?,
        answeredAt: Double?,
        agent: Int?,
        field: String
    ) {
        let error = #expect(throws: SimulationError.self, "\(story)") {
            try ContactRecord(
                id: 0,
                arrivedAt: 5,
                callType: .generalInformation,
                channel: .phone,
                outcome: outcome,
                endedAt: 300,
                queuedAt: queuedAt,
                answeredAt: answeredAt,
                agent: agent
            )
        }
        #expect(error?.field == field, "\(story): \(String(describing: error))")
    }

    @Test func observedRecordsRefuseBadTimesAndCounts() {
        func refusedField(_ make: () throws -> ContactRecord) -> String? {
            do {
                _ = try make()
                return nil
            } catch {
                return (error as? SimulationError)?.field
            }
        }
        #expect(
            refusedField {
                try ContactRecord(
                    id: -1,
                    arrivedAt: 0,
                    callType: .referral,
                    channel: .phone,
                    outcome: .deflected,
                    endedAt: 1
                )
            } == "id"
        )
        #expect(
            refusedField {
                try ContactRecord(
                    id: 0,
                    arrivedAt: 10,
                    callType: .referral,
                    channel: .phone,
                    outcome: .deflected,
                    endedAt: 5
                )
            } == "endedAt"
        )
        #expect(
            refusedField {
                try ContactRecord(
                    id: 0,
                    arrivedAt: .infinity,
                    callType: .referral,
                    channel: .phone,
                    outcome: .deflected,
                    endedAt: 5
                )
            } == "arrivedAt"
        )
        #expect(
            refusedField {
                try ContactRecord(
                    id: 0,
                    arrivedAt: 0,
                    callType: .referral,
                    channel: .phone,
                    outcome: .abandoned,
                    endedAt: 50,
                    queuedAt: 0,
                    afterCallWork: 10
                )
            } == "afterCallWork"
        )
        #expect(
            refusedField {
                try ContactRecord(
                    id: 0,
                    arrivedAt: 0,
                    callType: .referral,
                    channel: .phone,
                    outcome: .abandoned,
                    endedAt: 50,
                    queuedAt: 0,
                    wasTransferred: true
                )
            } == "wasTransferred"
        )
        #expect(
            refusedField {
                try ContactRecord(
                    id: 0,
                    arrivedAt: 0,
                    callType: .referral,
                    channel: .phone,
                    outcome: .handled,
                    endedAt: 50,
                    queuedAt: 0,
                    answeredAt: 1,
                    afterCallWork: -3,
                    agent: 0
                )
            } == "afterCallWork"
        )
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

    @Test func observedContactsOnOtherChannelsKeepTheirOwnRow() throws {
        // An ACD export may carry channels the model does not simulate: they are counted, not dropped.
        let email = try ContactRecord(
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

    @Test func contactsAnAgentWorkedOnOtherAssistedChannelsCostAgentTime() throws {
        // An e-mail or chat an agent answered took an agent's time like a phone call; it used to be
        // priced as a web form. No source gives these channels their own figure (see ContactCosts).
        func record(_ channel: Channel, answered: Bool) throws -> ContactRecord {
            try ContactRecord(
                id: 0,
                arrivedAt: 0,
                callType: .generalInformation,
                channel: channel,
                outcome: answered ? .handled : .abandoned,
                endedAt: 600,
                queuedAt: 10,
                answeredAt: answered ? 100 : nil,
                afterCallWork: answered ? 60 : nil,
                agent: answered ? 0 : nil
            )
        }
        let costs = ContactCosts.midpoints
        for channel in [Channel.email, .chat, .socialMedia, .walkIn, .mail] {
            #expect(try costs.cost(of: record(channel, answered: true)) == 9.5, "\(channel)")
            #expect(try costs.cost(of: record(channel, answered: false)) == 0.375, "\(channel)")
        }
        // Channels no agent works stay at the online figure.
        for channel in [Channel.web, .mobileApp, .text, .selfService, .departmentSystem] {
            #expect(try costs.cost(of: record(channel, answered: true)) == 0.375, "\(channel)")
        }
        let kpis = ContactCenterKPIs(
            records: [try record(.email, answered: true), try record(.chat, answered: true)],
            staffedAgentSeconds: 0,
            busyAgentSeconds: 0,
            serviceLevelThreshold: 20
        )
        #expect(kpis.totalCost == 19)
    }
}
