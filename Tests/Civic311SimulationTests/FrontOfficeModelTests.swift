import Civic311
import Civic311Simulation
import Foundation
import Testing

@Suite struct FrontOfficeModelTests {
    private static let hourly: [Double] = [
        1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 12, 11, 10, 9, 8, 6, 4, 3, 2, 2, 1,
    ]

    /// A day with every feature switched on.
    private static func busyDay() throws -> FrontOfficeConfiguration {
        var agents: [AgentSchedule] = []
        for index in 0..<40 {
            let start = Double(index % 3) * 8 * 3_600
            agents.append(
                AgentSchedule(
                    shiftStart: start,
                    shiftEnd: start + 8.5 * 3_600,
                    breaks: [AgentBreak(start: start + 4 * 3_600, duration: 1_800)],
                    skills: index % 7 == 0 ? ["housing"] : (index % 5 == 0 ? ["spanish"] : []),
                    answersGeneralQueue: index % 7 != 0
                )
            )
        }
        return FrontOfficeConfiguration(
            arrivals: try ArrivalProfile(contactsPerDay: 6_000, hourlyWeights: hourly, shape: .linear),
            agents: agents,
            profile: FrontOfficeProfile(
                handling: HandlingTime(
                    talk: try .logNormal(mean: 240, standardDeviation: 120),
                    afterCallWork: .fixed(20)
                ),
                channelShares: [.phone: 0.8, .web: 0.15, .text: 0.05],
                callTypeShares: [
                    .generalInformation: 0.5, .referral: 0.2, .serviceRequest(.complaint): 0.1,
                    .serviceRequest(.serviceRequest): 0.2,
                ],
                serviceTypes: [
                    ServiceTypeShare(code: "POTHOLE", weight: 3),
                    ServiceTypeShare(code: "HOUSING_HEAT", weight: 2),
                    ServiceTypeShare(code: "NOISE", weight: 5),
                ],
                ivrDeflection: [.generalInformation: 0.7, .referral: 0.5, .serviceRequest(.serviceRequest): 0.3],
                ivrTime: .triangular(lower: 10, mode: 30, upper: 90),
                handlingByCallType: [.generalInformation: HandlingTime(talk: .exponential(mean: 120))],
                warmTransfer: WarmTransfer(share: 0.5, hold: .uniform(lower: 20, upper: 60)),
                patience: .exponential(mean: 200),
                surges: [Surge(target: .serviceTypes(["NOISE"]), hours: 20..<23, multiplier: 4)]
            ),
            languages: [LanguageDemand(skill: "spanish", share: 0.15)],
            specializedQueues: [SpecializedQueue(skill: "housing", serviceTypeCodes: ["HOUSING_HEAT"])],
            reportingInterval: .fifteenMinutes
        )
    }

    @Test func sameSeedGivesBitIdenticalDaysAndDifferentSeedsDiffer() throws {
        let model = try FrontOfficeModel(configuration: Self.busyDay())
        var firstSink = CollectingServiceRequestSink()
        var secondSink = CollectingServiceRequestSink()
        let first = model.run(seed: 311, sink: &firstSink)
        let second = model.run(seed: 311, sink: &secondSink)
        #expect(first == second)
        #expect(firstSink.requests == secondSink.requests)
        #expect(first.contacts.map(\.endedAt.bitPattern) == second.contacts.map(\.endedAt.bitPattern))
        let other = model.run(seed: 312)
        #expect(other.contacts.count != first.contacts.count || other.contacts != first.contacts)
        #expect(first.contacts.count > 5_000 && first.contacts.count < 7_000)
    }

    @Test func recordsAreConsistent() throws {
        let model = try FrontOfficeModel(configuration: Self.busyDay())
        let result = model.run(seed: 1)
        var previous = -1.0
        for (index, record) in result.contacts.enumerated() {
            #expect(record.id == index)
            #expect(record.arrivedAt >= previous && record.arrivedAt < 86_400)
            previous = record.arrivedAt
            #expect(record.endedAt >= record.arrivedAt)
            #expect((record.callType.category == .serviceRequest) == (record.serviceTypeCode != nil))
            switch record.outcome {
            case .handled:
                #expect(record.channel == .phone)
                let queued = try #require(record.queuedAt)
                let answered = try #require(record.answeredAt)
                #expect(queued >= record.arrivedAt && answered >= queued && record.endedAt >= answered)
                #expect(record.agent != nil)
            case .abandoned:
                #expect(record.isAbandoned && record.answeredAt == nil && record.agent == nil)
            case .deflected:
                #expect(record.channel == .phone && record.queuedAt == nil)
                #expect(record.endedAt - record.arrivedAt >= 10 && record.endedAt - record.arrivedAt <= 90)
            case .selfService:
                #expect(record.channel != .phone && record.endedAt == record.arrivedAt)
            case .unanswered:
                #expect(record.queuedAt != nil)
            }
        }
        let totals = result.totals
        #expect(totals.contacts == result.contacts.count)
        #expect(totals.offered == totals.answered + totals.abandoned + totals.unanswered)
        #expect(totals.contacts == totals.selfService + totals.deflected + totals.offered)
        #expect(result.intervals.count == 96)
        #expect(result.intervals.reduce(0) { $0 + $1.answered } == totals.answered)
    }

    @Test func skillsRouteCallsToQualifiedAgents() throws {
        let configuration = try Self.busyDay()
        let model = try FrontOfficeModel(configuration: configuration)
        #expect(model.queues == ["", "spanish", "housing"])
        let result = model.run(seed: 2)
        var answeredPerQueue = [0, 0, 0]
        for record in result.contacts {
            guard let agent = record.agent, let queue = record.queue else { continue }
            answeredPerQueue[queue] += 1
            let schedule = configuration.agents[agent]
            switch queue {
            case 0: #expect(schedule.answersGeneralQueue)
            case 1: #expect(schedule.skills.contains("spanish"))
            default:
                #expect(schedule.skills.contains("housing"))
                #expect(record.serviceTypeCode == "HOUSING_HEAT")
            }
            if !schedule.answersGeneralQueue { #expect(queue == 2) }
        }
        #expect(answeredPerQueue.allSatisfy { $0 > 100 })
        // About 15% of agent-bound calls need Spanish.
        let offered = result.contacts.filter { $0.queue != nil }
        let spanish = Double(offered.filter { $0.queue == 1 }.count) / Double(offered.count)
        #expect(abs(spanish - 0.15) < 0.03)
    }

    @Test func agentsAnswerOnlyOnShiftAndNeverDuringABreak() throws {
        let configuration = try Self.busyDay()
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 3)
        for record in result.contacts {
            guard let agent = record.agent, let answered = record.answeredAt else { continue }
            let schedule = configuration.agents[agent]
            #expect(answered >= schedule.shiftStart && answered < schedule.shiftEnd)
            for pause in schedule.breaks {
                #expect(!(answered >= pause.start && answered < pause.start + pause.duration))
            }
        }
        // Staffed time never exceeds the scheduled time minus breaks, plus overrun of a last call.
        for (index, statistics) in result.agents.enumerated() {
            let schedule = configuration.agents[index]
            #expect(statistics.staffedSeconds <= schedule.shiftEnd - schedule.shiftStart - 1_800 + 3_600)
            #expect(statistics.busySeconds <= statistics.staffedSeconds + 1e-6)
        }
    }

    @Test func busyTimeIsTalkPlusWrapUp() throws {
        var configuration = try Self.busyDay()
        configuration.channelShares = [.phone: 1]
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 4)
        let handled = result.contacts.filter { $0.outcome == .handled }
        // General information has no after-call work; every other type has 20 s.
        let expected = handled.reduce(0.0) {
            $0 + ($1.endedAt - $1.answeredAt!) + ($1.callType == .generalInformation ? 0 : 20)
        }
        let busy = result.agents.reduce(0.0) { $0 + $1.busySeconds }
        // Work running past midnight is not in the day's intervals, but it is in the agents' totals.
        #expect(abs(busy - expected) < 1e-6 * expected)
        #expect(result.agents.reduce(0) { $0 + $1.handledCalls } == handled.count)
    }

    @Test func serviceRequestsReachTheSinkInTimeOrder() throws {
        let model = try FrontOfficeModel(configuration: Self.busyDay())
        var sink = CollectingServiceRequestSink()
        let result = model.run(seed: 5, sink: &sink)
        let requests = sink.requests
        #expect(requests.count == result.serviceRequestsCreated)
        #expect(requests.count == result.totals.serviceRequests)
        #expect(zip(requests, requests.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt })
        for request in requests {
            let record = result.contacts[request.contactID]
            #expect(record.serviceTypeCode == request.serviceTypeCode)
            #expect(record.channel == request.channel && record.callType == request.callType)
            #expect(record.arrivedAt == request.arrivedAt)
            #expect(record.outcome != .abandoned && record.outcome != .unanswered)
            #expect(request.createdAt == record.endedAt)
        }
        let expected = result.contacts.filter {
            $0.serviceTypeCode != nil
                && ($0.outcome == .handled || $0.outcome == .deflected || $0.outcome == .selfService)
        }
        #expect(expected.count == requests.count)
    }

    @Test func aThrowingSinkStopsTheRun() throws {
        struct Full: Error, Equatable {}
        struct LimitedSink: ServiceRequestSink {
            var remaining = 10
            mutating func receive(_ request: SimulatedServiceRequest) throws(Full) {
                guard remaining > 0 else { throw Full() }
                remaining -= 1
            }
        }
        let model = try FrontOfficeModel(configuration: Self.busyDay())
        var sink = LimitedSink()
        #expect(throws: Full.self) { _ = try model.run(seed: 6, sink: &sink) }
        #expect(sink.remaining == 0)
    }

    @Test func surgeMultipliesTheChosenServiceType() throws {
        var configuration = try Self.busyDay()
        configuration.arrivals = try ArrivalProfile.constant(contactsPerHour: 2_000)
        configuration.surges = [Surge(target: .serviceTypes(["NOISE"]), hours: 10..<14, multiplier: 5)]
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 7)
        func count(_ code: ServiceTypeCode?, _ hours: Range<Int>) -> Double {
            Double(
                result.contacts.filter { $0.serviceTypeCode == code && hours.contains(Int($0.arrivedAt / 3_600)) }.count
            )
        }
        // NOISE is 5/10 of 30% of contacts: 300 an hour, 1,500 during the surge.
        #expect(abs(count("NOISE", 10..<14) / 4 - 1_500) < 5 * 1_500.0.squareRoot() / 2)
        #expect(abs(count("NOISE", 0..<10) / 10 - 300) < 5 * 300.0.squareRoot() / 3)
        // Other types are untouched.
        #expect(abs(count("POTHOLE", 10..<14) / 4 - 180) < 5 * 180.0.squareRoot() / 2)
        #expect(abs(count(nil, 10..<14) / 4 - 1_400) < 5 * 1_400.0.squareRoot() / 2)
    }

    @Test func surgeOnAllContactsRaisesEveryType() throws {
        var configuration = try Self.busyDay()
        configuration.arrivals = try ArrivalProfile.constant(contactsPerHour: 1_000)
        configuration.surges = [Surge(target: .allContacts, hours: 5..<6, multiplier: 3)]
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 8)
        let surged = result.contacts.filter { Int($0.arrivedAt / 3_600) == 5 }.count
        let normal = result.contacts.filter { Int($0.arrivedAt / 3_600) == 4 }.count
        #expect(abs(Double(surged) - 3_000) < 5 * 3_000.0.squareRoot())
        #expect(abs(Double(normal) - 1_000) < 5 * 1_000.0.squareRoot())
    }

    @Test func exactCountPlacesExactlyThatManyContacts() throws {
        var configuration = try Self.busyDay()
        configuration.arrivalCount = .exactly(7_777)
        let model = try FrontOfficeModel(configuration: configuration)
        let result = model.run(seed: 9)
        #expect(result.contacts.count == 7_777)
        // The hourly shape still follows the profile: the 10 o'clock hour has 14/148 of the volume.
        let ten = result.contacts.filter { Int($0.arrivedAt / 3_600) == 10 }.count
        let expected =
            7_777 * model.agentForecast(intervalLength: .sixtyMinutes)[10].calls
            / model.agentForecast(intervalLength: .sixtyMinutes).reduce(0) { $0 + $1.calls }
        #expect(abs(Double(ten) - expected) < 5 * expected.squareRoot())
    }

    @Test func selfServiceChannelsNeedNoAgent() throws {
        var configuration = try Self.busyDay()
        configuration.channelShares = [.web: 1, .mobileApp: 1]
        var sink = CollectingServiceRequestSink()
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 10, sink: &sink)
        #expect(result.contacts.allSatisfy { $0.outcome == .selfService && $0.answeredAt == nil })
        #expect(sink.requests.allSatisfy { $0.createdAt == $0.arrivedAt })
        #expect(abs(Double(sink.requests.count) / Double(result.contacts.count) - 0.3) < 0.03)
        #expect(result.agents.allSatisfy { $0.handledCalls == 0 })
    }

    @Test func ivrDeflectionFollowsTheCallType() throws {
        var configuration = try Self.busyDay()
        configuration.channelShares = [.phone: 1]
        configuration.ivrDeflection = [.generalInformation: 1, .referral: 0.5]
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 11)
        let general = result.contacts.filter { $0.callType == .generalInformation }
        #expect(general.allSatisfy { $0.outcome == .deflected })
        let referrals = result.contacts.filter { $0.callType == .referral }
        let share = Double(referrals.filter { $0.outcome == .deflected }.count) / Double(referrals.count)
        #expect(abs(share - 0.5) < 0.05)
        #expect(
            result.contacts.filter { $0.callType.category == .serviceRequest }.allSatisfy { $0.outcome != .deflected }
        )
    }

    @Test func warmTransfersHoldTheAgent() throws {
        var configuration = try Self.busyDay()
        configuration.channelShares = [.phone: 1]
        configuration.ivrDeflection = [:]
        configuration.handlingByCallType = [.referral: HandlingTime(talk: .fixed(100), afterCallWork: .fixed(0))]
        configuration.warmTransfer = WarmTransfer(share: 1, hold: .fixed(60))
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 12)
        let referrals = result.contacts.filter { $0.callType == .referral && $0.outcome == .handled }
        #expect(!referrals.isEmpty)
        #expect(referrals.allSatisfy { $0.wasTransferred && abs($0.endedAt - $0.answeredAt! - 160) < 1e-9 })
        #expect(result.totals.transferred == referrals.count)
    }

    @Test func impatientCallersHangUpAfterTheirPatience() throws {
        // One agent from noon: everyone before noon waits exactly 30 s and hangs up.
        var configuration = try Self.busyDay()
        configuration.channelShares = [.phone: 1]
        configuration.ivrDeflection = [:]
        configuration.ivrTime = .fixed(0)
        configuration.patience = .fixed(30)
        configuration.languages = []
        configuration.specializedQueues = []
        configuration.agents = [AgentSchedule(shiftStart: 43_200, shiftEnd: 86_400)]
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 13)
        let morning = result.contacts.filter { $0.arrivedAt < 43_200 - 30 }
        #expect(morning.allSatisfy { $0.outcome == .abandoned && abs($0.endedAt - $0.arrivedAt - 30) < 1e-9 })
        #expect(result.totals.abandoned >= morning.count)
    }

    @Test func callersWithNobodyToAnswerStayUnanswered() throws {
        var configuration = try Self.busyDay()
        configuration.channelShares = [.phone: 1]
        configuration.ivrDeflection = [:]
        configuration.patience = nil
        configuration.languages = []
        configuration.specializedQueues = []
        configuration.agents = [AgentSchedule(shiftStart: 0, shiftEnd: 600)]
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 14)
        #expect(result.totals.unanswered > 5_000)
        #expect(result.contacts.filter { $0.outcome == .unanswered }.allSatisfy { $0.endedAt == result.closedAt })
    }

    @Test func mmnDayAgreesWithErlangC() throws {
        // Flat 400 calls/h, exponential 180 s talk, 23 agents around the clock, no abandonment, no IVR:
        // Erlang C gives P(wait) = 0.4157 and ASA = 24.9 s. CIVIC311_LONG_TESTS=1 runs 200 days instead of 4.
        let long = ProcessInfo.processInfo.environment["CIVIC311_LONG_TESTS"] == "1"
        let days = long ? 200 : 4
        let configuration = FrontOfficeConfiguration(
            arrivals: try .constant(contactsPerHour: 400),
            agents: Array(repeating: AgentSchedule(shiftStart: 0, shiftEnd: Double(days + 1) * 86_400), count: 23),
            profile: FrontOfficeProfile(handling: HandlingTime(talk: .exponential(mean: 180))),
            days: days,
            reportingInterval: .sixtyMinutes
        )
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 15)
        let steady = result.merged(1..<(days * 24))
        let theory = try ErlangC(agents: 23, offeredLoad: 20, averageHandleTime: 180)
        #expect(abs(steady.probabilityOfWaiting! - theory.probabilityOfWaiting) < (long ? 0.015 : 0.06))
        #expect(abs(steady.averageSpeedOfAnswer! / theory.averageSpeedOfAnswer - 1) < (long ? 0.07 : 0.3))
        #expect(abs(steady.occupancy! - theory.occupancy) < (long ? 0.005 : 0.03))
    }

    @Test func forecastPlanAndRosterMeetTheTarget() throws {
        var configuration = try Self.busyDay()
        configuration.languages = []
        configuration.specializedQueues = []
        configuration.patience = nil
        configuration.agents = []
        let unstaffed = try FrontOfficeModel(configuration: configuration)
        let forecast = unstaffed.agentForecast(intervalLength: .thirtyMinutes)
        #expect(forecast.count == 48)
        let target = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, shrinkage: 0.3)
        let plan = try StaffingPlan(forecast: forecast, intervalLength: .thirtyMinutes, target: target)
        configuration.agents = AgentSchedule.roster(for: plan)
        let result = try FrontOfficeModel(configuration: configuration).run(seed: 16)
        // The forecast matches what the simulation offers to agents.
        let offered = Double(result.totals.offered)
        let predicted = forecast.reduce(0) { $0 + $1.calls }
        #expect(abs(offered - predicted) < 5 * predicted.squareRoot())
        // Planned to 80/20 per interval; the day as a whole should land near or above it.
        #expect(try #require(result.totals.serviceLevel) > 0.75)
    }

    @Test func rejectsBadConfigurationsWithTheirPath() throws {
        func field(_ change: (inout FrontOfficeConfiguration) -> Void) throws -> String? {
            var configuration = try Self.busyDay()
            change(&configuration)
            do {
                _ = try FrontOfficeModel(configuration: configuration)
                return nil
            } catch {
                return error.field
            }
        }
        #expect(try field { $0.agents[3].shiftEnd = $0.agents[3].shiftStart } == "agents[3].shiftEnd")
        #expect(
            try field { $0.agents[2].breaks = [AgentBreak(start: -5, duration: 10)] } == "agents[2].breaks[0].start"
        )
        #expect(try field { $0.agents[1].skills = ["klingon"] } == "agents[1].skills[0]")
        #expect(try field { $0.channelShares[.web] = -1 } == "channelShares[web]")
        // A channel the model does not simulate is refused, not dropped, even at a zero share.
        #expect(try field { $0.channelShares[.email] = 0 } == "channelShares[email]")
        #expect(try field { $0.shortAbandons = .excluded(within: -5) } == "shortAbandons.excluded")
        #expect(try field { $0.callTypeShares = [:] } == "callTypeShares")
        #expect(try field { $0.serviceTypes = [] } == "serviceTypes")
        #expect(
            try field { $0.serviceTypes.append(ServiceTypeShare(code: "NOISE", weight: 1)) } == "serviceTypes[3].code"
        )
        #expect(try field { $0.ivrDeflection[.referral] = 1.5 } == "ivrDeflection[referral]")
        #expect(try field { $0.patience = .exponential(mean: .nan) } == "patience.mean")
        #expect(
            try field { $0.handlingByCallType[.serviceRequest(.complaint)] = HandlingTime(talk: .fixed(-1)) }
                == "handlingByCallType[complaint].talk.fixed"
        )
        #expect(try field { $0.surges[0].target = .serviceTypes(["FLOOD"]) } == "surges[0].target")
        #expect(try field { $0.surges[0].multiplier = .infinity } == "surges[0].multiplier")
        #expect(try field { $0.languages.append(LanguageDemand(skill: "french", share: 0.9)) } == "languages")
        #expect(
            try field { $0.specializedQueues[0].serviceTypeCodes = ["FLOOD"] }
                == "specializedQueues[0].serviceTypeCodes"
        )
        #expect(try field { $0.days = 0 } == "days")
        #expect(try field { $0.arrivalCount = .exactly(-1) } == "arrivalCount")
        #expect(
            try field {
                $0.agents[4].answersGeneralQueue = false
                $0.agents[4].skills = []
            } == "agents[4]"
        )
        #expect(try field { _ in } == nil)
    }
}
