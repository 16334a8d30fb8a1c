import Civic311
import Civic311SampleCounty
import Civic311Simulation
import Foundation
import Testing

/// Extreme numbers through every public entry point of Civic311Simulation that takes one: each gets
/// a ``SimulationError`` naming the field (or a result), never a trap or a run without end.
///
/// The cases come from an audit in which 88 of 2,800 random `call-day` argument lists crashed the
/// binary; each test here crashed the test process before the fix.
@Suite struct ExtremeInputTests {
    /// Expects a ``SimulationError`` whose field contains `field`.
    private func expectError(
        _ field: String,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("expected an error naming \(field)", sourceLocation: sourceLocation)
        } catch let error as SimulationError {
            #expect(error.field.contains(field), "\(error)", sourceLocation: sourceLocation)
            #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a SimulationError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Staffing

    @Test func aHugeCallVolumeNeedsTooManyAgentsInsteadOfTrapping() throws {
        // call-day erlang --calls 1e19 --interval-seconds 1 --aht-seconds 1 --agents 1 --sl-goal 0.8
        let workload = try IntervalWorkload(calls: 1e19, intervalLength: 1, averageHandleTime: 1)
        let target = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20)
        expectError("workload") { _ = try StaffingRequirement(workload: workload, target: target) }
    }

    @Test func aTinyIntervalOverflowingTheLoadIsRefused() {
        // call-day erlang --calls 1 --interval-seconds 1e-300 --aht-seconds 1e300 …
        expectError("intervalLength") {
            _ = try IntervalWorkload(calls: 1, intervalLength: 1e-300, averageHandleTime: 1e300)
        }
        expectError("intervalLength") {
            _ = try IntervalWorkload(calls: 1e300, intervalLength: 1e-300, averageHandleTime: 1)
        }
    }

    @Test func aTinyIntervalWithAFiniteLoadNeedsTooManyAgents() throws {
        // call-day erlang --calls 1 --interval-seconds 1e-300 --aht-seconds 1 --sl-goal 0.8
        let workload = try IntervalWorkload(calls: 1, intervalLength: 1e-300, averageHandleTime: 1)
        let target = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20)
        expectError("workload") { _ = try StaffingRequirement(workload: workload, target: target) }
    }

    @Test func aShrinkageCloseToOneCannotOverflowThePositions() throws {
        let target = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, shrinkage: 1 - 1e-16)
        expectError("positions") { _ = try target.positions(forAgents: 1_000) }
        let workload = try IntervalWorkload(calls: 100_000, interval: .thirtyMinutes, averageHandleTime: 300)
        expectError("positions") { _ = try StaffingRequirement(workload: workload, target: target) }
        let ordinary = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, shrinkage: 0.5)
        expectError("agents") { _ = try ordinary.positions(forAgents: .max) }
        #expect(try ordinary.positions(forAgents: 7) == 14)
    }

    @Test func erlangModelsRefuseMoreServersThanTheyCanCount() {
        expectError("servers") { _ = try ErlangB(servers: .max, offeredLoad: 1) }
        expectError("agents") { _ = try ErlangC(agents: .max, offeredLoad: 1, averageHandleTime: 1) }
        expectError("agents") {
            _ = try ErlangA(agents: .max, arrivalRate: 1, averageHandleTime: 1, averagePatience: 1)
        }
    }

    @Test func erlangAWithAHugeArrivalRateIsRefused() {
        expectError("arrivalRate") {
            _ = try ErlangA(agents: 1, arrivalRate: 1e300, averageHandleTime: 1, averagePatience: 60)
        }
        expectError("arrivalRate") {
            _ = try ErlangA(agents: 10, arrivalRate: 1e19, averageHandleTime: 1, averagePatience: 1e300)
        }
    }

    // MARK: Arrivals

    @Test func arrivalRatesAtAbsurdTimesAndHoursDoNotTrap() throws {
        let profile = try ArrivalProfile.cityDay(contactsPerDay: 1_000)
        let monday = profile.rate(at: 3_600 * 10.5, startDay: .monday)
        // The profile repeats every week, so a time 10^6 weeks later reads the same hour.
        #expect(profile.rate(at: 3_600 * 10.5 + 604_800 * 1e6, startDay: .monday) == monday)
        #expect(profile.rate(at: 1e300, startDay: .monday).isFinite)
        #expect(profile.rate(at: -1e300, startDay: .monday).isFinite)
        #expect(profile.rate(at: .infinity, startDay: .monday).isNaN)
        #expect(profile.rate(at: .nan, startDay: .monday).isNaN)
        #expect(profile.hourlyRate(hour: .min, startDay: .monday).isFinite)
        #expect(profile.hourlyRate(hour: .max, startDay: .monday).isFinite)
        #expect(profile.hourlyRate(hour: -1, startDay: .monday) == profile.hourlyRate(hour: 167, startDay: .monday))
    }

    @Test func aPoissonProcessOverAnEndlessHorizonIsRefused() throws {
        let profile = try ArrivalProfile.cityDay(contactsPerDay: 1_000)
        expectError("horizon") {
            _ = try NonHomogeneousPoissonArrivals(profile: profile, startDay: .monday, horizon: 1e300)
        }
        let huge = try ArrivalProfile(contactsPerDay: 1e300, hourlyWeights: Array(repeating: 1, count: 24))
        expectError("profile") {
            _ = try NonHomogeneousPoissonArrivals(profile: huge, startDay: .monday, horizon: 3_600)
        }
        expectError("hourlyMultipliers") {
            _ = try NonHomogeneousPoissonArrivals(
                profile: profile,
                startDay: .monday,
                horizon: 3_600,
                hourlyMultipliers: [1e300]
            )
        }
    }

    @Test func aCapacityHintCannotExhaustMemory() {
        var queue = EventQueue<Int>(minimumCapacity: .max)
        queue.insert(1, at: 0)
        #expect(queue.count == 1)
        var engine = DiscreteEventEngine<Int>(expectedPendingEvents: .max)
        engine.schedule(2, at: 1)
        #expect(engine.nextEvent() == 2)
        #expect(EventQueue<Int>(minimumCapacity: -5).isEmpty)
    }

    // MARK: The front office

    private func configuration(contacts: Double = 1_000) throws -> FrontOfficeConfiguration {
        FrontOfficeConfiguration(
            arrivals: try .cityDay(contactsPerDay: contacts),
            agents: [AgentSchedule(shiftStart: 0, shiftEnd: 86_400)],
            profile: FrontOfficeProfile(handling: HandlingTime(talk: .exponential(mean: 200)))
        )
    }

    @Test func aFrontOfficeWithTooManyContactsIsRefused() throws {
        var config = try configuration()
        config.arrivalCount = .exactly(.max)
        expectError("arrivalCount") { _ = try FrontOfficeModel(configuration: config) }
        config = try configuration(contacts: 1e300)
        expectError("arrivals") { _ = try FrontOfficeModel(configuration: config) }
        config = try configuration()
        config.surges = [Surge(target: .allContacts, hours: 0..<24, multiplier: 1e308)]
        expectError("surges") { _ = try FrontOfficeModel(configuration: config) }
    }

    @Test func aFrontOfficeWithTooManyAgentsIsRefused() throws {
        var config = try configuration()
        config.agents = Array(
            repeating: AgentSchedule(shiftStart: 0, shiftEnd: 3_600),
            count: FrontOfficeModel.agentLimit + 1
        )
        expectError("agents") { _ = try FrontOfficeModel(configuration: config) }
    }

    @Test func shiftsAndDurationsFarBeyondTheDayDoNotTrapTheRun() throws {
        var config = try configuration(contacts: 200)
        config.agents = [
            AgentSchedule(shiftStart: 0, shiftEnd: 1e300, breaks: [AgentBreak(start: 1e290, duration: 1e300)])
        ]
        config.handling = HandlingTime(talk: .fixed(1e300), afterCallWork: .fixed(1e300))
        config.handlingByCallType = [.referral: HandlingTime(talk: .logNormal(mu: 10, sigma: 1_000))]
        let model = try FrontOfficeModel(configuration: config)
        let result = model.run(seed: 7)
        #expect(result.contacts.count > 0)
    }

    @Test func aMultiServerQueueThatCouldNeverFinishIsRefused() {
        let service = Distribution.exponential(mean: 100)
        expectError("servers") {
            _ = try MultiServerQueueModel(arrivalsPerHour: 10, servers: .max, serviceTime: service, duration: 3_600)
        }
        expectError("arrivalsPerHour") {
            _ = try MultiServerQueueModel(arrivalsPerHour: 1e300, servers: 10, serviceTime: service, duration: 3_600)
        }
        expectError("duration") {
            _ = try MultiServerQueueModel(arrivalsPerHour: 10, servers: 10, serviceTime: service, duration: 1e300)
        }
        expectError("warmUp") {
            _ = try MultiServerQueueModel(
                arrivalsPerHour: 10,
                servers: 10,
                serviceTime: service,
                duration: 1e308,
                warmUp: 1e308
            )
        }
    }

    // MARK: The call day

    @Test func aSurgeThatOverflowsTheDaysContactsIsRefused() throws {
        // call-day --surge all:1e308:0-24
        var scenario = try CallDayScenario.weekday(in: .sampleCounty, contacts: 1_300)
        scenario.surges = [Surge(target: .allContacts, hours: 0..<24, multiplier: 1e308)]
        expectError("surges") { _ = try CallDaySimulation(scenario: scenario) }
        scenario.surges = [Surge(target: .allContacts, hours: 0..<24, multiplier: 1e6)]
        expectError("surges") { _ = try CallDaySimulation(scenario: scenario) }
        scenario.surges = [Surge(target: .serviceTypes(["POTHOLE"]), hours: 0..<24, multiplier: 1e300)]
        expectError("surges") { _ = try CallDaySimulation(scenario: scenario) }
    }

    @Test func aStaffingPlanBeyondTheFrontOfficeIsRefusedBeforeRostering() throws {
        var scenario = try CallDayScenario.weekday(in: .sampleCounty, contacts: 1_300)
        scenario.handlingByCallType = [:]
        scenario.handling = HandlingTime(talk: .fixed(1e15))
        expectError("forecast[") { _ = try CallDaySimulation(scenario: scenario) }
        scenario.handling = HandlingTime(talk: .fixed(1e8))
        expectError("staffing") { _ = try CallDaySimulation(scenario: scenario) }
    }

    @Test func backOfficeCapacitiesAreBounded() throws {
        expectError("dailyCapacity[DOT]") { _ = try BackOfficePlan(dailyCapacity: ["DOT": .max]) }
        // The plan's fields are variables: the simulation checks them again.
        var scenario = try CallDayScenario.weekday(in: .sampleCounty, contacts: 60)
        scenario.backOffice.dailyCapacity["DOT"] = .max
        expectError("backOffice.dailyCapacity[DOT]") { _ = try CallDaySimulation(scenario: scenario) }
        scenario = try CallDayScenario.weekday(in: .sampleCounty, contacts: 60)
        scenario.backOffice.days = .max
        expectError("backOffice.days") { _ = try CallDaySimulation(scenario: scenario) }
    }

    @Test func aTinyClearingTimeGivesEachCrewAtMostItsRequests() async throws {
        var scenario = try CallDayScenario.weekday(in: .sampleCounty, contacts: 60)
        scenario.backOffice = try BackOfficePlan(days: 1, clearingDays: 1e-300)
        let outcome = try await CallDaySimulation(scenario: scenario).run(seed: 5)
        #expect(outcome.serviceRequestsStored > 0)
    }
}
