import Civic311
import Foundation

/// A validated call-day scenario, ready to run with any seed: the front office, the real intake and
/// the departments' days.
///
/// A run simulates the call day's contacts (``FrontOfficeModel``), replays every service request
/// through a real `ServiceCenter` (catalog validation, routing, tickets, service-level due dates)
/// into the given store, lets each department's crew work its requests over the back-office days
/// through the center's operations, and measures the result from the records and the store. The
/// center's clock is a `ManualWallClock` set to the simulated time of every step, so the same seed
/// gives the same outcome.
public struct CallDaySimulation: Sendable {
    /// The scenario.
    public let scenario: CallDayScenario
    /// The front-office model of the call day.
    public let frontOffice: FrontOfficeModel
    /// The agent workload forecast per planning interval.
    public let forecast: [ForecastInterval]
    /// The Erlang C plan of the day's forecast, for the scenario's planning target.
    public let plan: StaffingPlan
    /// Agents on the phones in each planning interval.
    public let scheduledAgents: [Int]

    /// Checks the scenario and builds the front office, its forecast and its staffing.
    ///
    /// - Throws: ``SimulationError`` naming the field: `contacts`, `intakeWindow`,
    ///   `serviceTypes[3].code` (not in the catalog), `backOffice.dailyCapacity[DOT]` (unknown
    ///   department), `staffing` (negative agents, or more than ``FrontOfficeModel/agentLimit``),
    ///   `surges` (raising the day past ``FrontOfficeModel/contactLimit`` contacts),
    ///   `forecast[12]` (an interval the staffing plan cannot staff), `hourlyShares[5]`, or any
    ///   front-office field.
    public init(scenario: CallDayScenario) throws(SimulationError) {
        self.scenario = scenario
        guard (0...50_000_000).contains(scenario.contacts) else {
            throw SimulationError(
                .outOfRange,
                field: "contacts",
                reason: "must lie between 0 and 50,000,000, got \(scenario.contacts)"
            )
        }
        try SimulationError.requireNonNegative(scenario.intakeWindow, "intakeWindow")
        for (index, share) in scenario.serviceTypes.enumerated()
        where scenario.jurisdiction.serviceType(share.code) == nil {
            throw SimulationError(
                .unknownReference,
                field: "serviceTypes[\(index)].code",
                reason: "\"\(share.code)\" is not a service type of \(scenario.jurisdiction.name)"
            )
        }
        do {
            try scenario.backOffice.validate()
        } catch {
            throw SimulationError(error.code, field: "backOffice.\(error.field)", reason: error.reason)
        }
        for department in scenario.backOffice.dailyCapacity.keys.sorted()
        where scenario.jurisdiction.department(department) == nil {
            throw SimulationError(
                .unknownReference,
                field: "backOffice.dailyCapacity[\(department)]",
                reason: "no department \"\(department)\" in \(scenario.jurisdiction.name)"
            )
        }
        let arrivals: ArrivalProfile
        do {
            arrivals = try ArrivalProfile(
                contactsPerDay: Double(max(1, scenario.contacts)),
                hourlyWeights: scenario.hourlyShares,
                shape: .linear
            )
        } catch {
            throw SimulationError(
                error.code,
                field: error.field.replacingOccurrences(of: "hourlyWeights", with: "hourlyShares"),
                reason: error.reason
            )
        }
        var configuration = FrontOfficeConfiguration(
            arrivals: arrivals,
            agents: [],
            profile: scenario.profile,
            arrivalCount: .exactly(scenario.contacts),
            startDay: scenario.callDay.weekday,
            days: 1,
            reportingInterval: scenario.interval,
            serviceLevelThreshold: scenario.planningTarget.answerWithin
        )
        // A surge adds contacts: the day's count grows by the surged share of expected arrivals.
        if !scenario.surges.isEmpty {
            configuration.arrivalCount = .poisson
            configuration.surges = []
            let ordinary = try FrontOfficeModel(configuration: configuration).expectedContacts
            configuration.surges = scenario.surges
            let surged = try FrontOfficeModel(configuration: configuration).expectedContacts
            let count = ordinary > 0 ? (Double(scenario.contacts) * surged / ordinary).rounded() : 0
            guard count <= Double(FrontOfficeModel.contactLimit) else {
                throw SimulationError(
                    .outOfRange,
                    field: "surges",
                    reason: "raise the day's contacts to \(count), more than \(FrontOfficeModel.contactLimit)"
                )
            }
            configuration.arrivalCount = .exactly(Int(count))
        }
        let unstaffed = try FrontOfficeModel(configuration: configuration)
        let forecast = unstaffed.agentForecast(intervalLength: scenario.interval)
        self.forecast = forecast
        switch scenario.staffing {
        case .fixed(let agents):
            guard agents >= 0, agents <= 1_000_000 else {
                throw SimulationError(
                    .outOfRange,
                    field: "staffing",
                    reason: "agents must lie between 0 and 1,000,000, got \(agents)"
                )
            }
            plan = try StaffingPlan(
                forecast: forecast,
                intervalLength: scenario.interval,
                target: scenario.planningTarget
            )
            configuration.agents = Array(
                repeating: AgentSchedule(shiftStart: 0, shiftEnd: configuration.horizon),
                count: agents
            )
            scheduledAgents = Array(repeating: agents, count: forecast.count)
        case .automatic(let target):
            plan = try StaffingPlan(forecast: forecast, intervalLength: scenario.interval, target: target)
            // Checked before rostering: the roster holds one schedule per agent.
            guard plan.peakAgents <= FrontOfficeModel.agentLimit else {
                throw SimulationError(
                    .outOfRange,
                    field: "staffing",
                    reason: "the plan needs \(plan.peakAgents) agents at its peak, more than the front office's "
                        + "\(FrontOfficeModel.agentLimit)"
                )
            }
            configuration.agents = AgentSchedule.roster(for: plan)
            scheduledAgents = plan.intervals.map(\.agents)
        }
        frontOffice = try FrontOfficeModel(configuration: configuration)
    }

    /// Runs the day with `seed`, storing the service requests in `store`.
    ///
    /// The work runs off the caller's actor (awaiting the center from the main actor would cost a
    /// thread hop per request).
    ///
    /// - Parameters:
    ///   - seed: the seed of the front office's random streams and of the residents' answers.
    ///   - store: where the center keeps the contacts and requests; it must be empty.
    ///   - node: the ticket node the center issues numbers from (`TicketIssuer(node:)`): 1 by
    ///     default, or the node a shared store (PostgreSQL) leased to this process.
    /// - Throws: ``SimulationError`` (field `store`) when the store already holds requests or
    ///   contacts: the day is measured from the store, so an earlier day's requests would be
    ///   counted as this day's backlog. Otherwise whatever the center or the store throws.
    @concurrent
    public func run(
        seed: UInt64,
        store: any RequestStore = InMemoryRequestStore(),
        node: Int = 1
    ) async throws -> CallDayOutcome {
        let requestsHeld = try await store.countRequests(matching: RequestQuery())
        let contactsHeld = try await store.countContacts(matching: ContactQuery())
        guard requestsHeld == 0, contactsHeld == 0 else {
            throw SimulationError(
                .invalidValue,
                field: "store",
                reason: "already holds \(requestsHeld) requests and \(contactsHeld) contacts; a call day is "
                    + "measured from its store, so it needs an empty one"
            )
        }
        var timings = CallDayTimings()
        var stopwatch = PhaseStopwatch()

        var sink = CollectingServiceRequestSink()
        let day = frontOffice.run(seed: seed, sink: &sink)
        timings.frontOffice = stopwatch.lap()

        let start = scenario.start
        let wallClock = try ManualWallClock(start)
        let configuration = ServiceCenter.Configuration(
            node: node,
            clock: wallClock,
            router: scenario.router,
            serviceLevels: scenario.serviceLevels,
            triage: scenario.triage
        )
        let center = try await ServiceCenter(
            jurisdiction: scenario.jurisdiction,
            store: store,
            configuration: configuration
        )
        let agentCount = frontOffice.configuration.agents.count
        let replay = IntakeReplay(
            center: center,
            clock: wallClock,
            start: start,
            resident: SimulatedResident(jurisdiction: scenario.jurisdiction, start: start),
            seed: seed,
            recordsEveryContact: scenario.recordsEveryContact,
            window: scenario.intakeWindow,
            agentIDs: (0..<agentCount).map { AgentID("agent-\($0 + 1)") }
        )
        let intake = try await replay.replay(day: day, requests: sink.requests)
        timings.intake = stopwatch.lap()

        let backOffice = try await BackOfficeRun(
            center: center,
            clock: wallClock,
            engine: scenario.serviceLevels,
            jurisdiction: scenario.jurisdiction,
            plan: scenario.backOffice,
            start: start
        ).work(opened: intake.opened)
        timings.backOffice = stopwatch.lap()

        let requests = try await BackOfficeRun.allRequests(in: center)
        let measures = CallDayMeasures(
            simulation: self,
            start: start,
            day: day,
            requests: requests,
            backOffice: backOffice
        )
        timings.measures = stopwatch.lap()
        return CallDayOutcome(
            seed: seed,
            scenario: scenario,
            start: start,
            frontOffice: day,
            kpis: measures.kpis,
            plan: plan,
            intervals: measures.intervals,
            serviceRequestsStored: intake.serviceRequests,
            contactsRecorded: intake.contactsRecorded,
            departments: measures.departments,
            backlog: measures.backlog,
            compliance: measures.compliance,
            timings: timings
        )
    }
}
