import Foundation

/// An ordered set of routing rules: the first rule whose conditions all hold decides.
///
/// - **Nothing is left unrouted.** The last rule must have no conditions (a fallback); a rule set
///   without one is refused when it is built or loaded.
/// - **Boundaries are not guessed.** When the location lies within ``ambiguityDistance`` metres of
///   the boundary of a district that a rule up to the deciding one tests, the request goes to
///   triage flagged as ambiguous (an emergency advisory is still given).
/// - **Every decision explains itself**: the rule that matched and why, and for each rule before
///   it the condition that failed.
/// - **Returned requests are rerouted** past the departments that returned them; when no rule is
///   left, they go to triage.
///
/// Rules are compiled when the set is built (codes to indices, sets to bit sets, explanations
/// pre-written), so a decision is a walk over integer tests.
public struct RoutingRuleSet: RequestRouter {
    public let version: Int
    public let rules: [RoutingRule]
    public let districts: DistrictMap?
    /// Named calendars that time-window conditions refer to.
    public let calendars: [String: BusinessCalendar]
    public let triage: DepartmentID
    public let triageQueue: String?
    /// How close to a tested boundary, in metres, makes a location ambiguous.
    public let ambiguityDistance: Double

    let program: RoutingProgram

    /// The most rules a rule set may hold; a larger set is refused when it is built or loaded.
    public static let maximumRules = 65_536

    /// The most conditions one rule may hold.
    public static let maximumConditionsPerRule = 65_535

    /// Builds and checks a rule set against the jurisdiction; problems are reported with paths
    /// such as `$.rules[3].when[0]`, among them more than ``maximumRules`` rules (`$.rules`) or
    /// more than ``maximumConditionsPerRule`` conditions in a rule (`$.rules[3].when`).
    public init(
        jurisdiction: Jurisdiction,
        rules: [RoutingRule],
        districts: DistrictMap? = nil,
        calendars: [String: BusinessCalendar] = [:],
        triage: DepartmentID,
        triageQueue: String? = nil,
        ambiguityDistance: Double = 25,
        version: Int = 1
    ) throws(ConfigurationError) {
        try self.init(
            jurisdiction: jurisdiction,
            rules: rules,
            districts: districts,
            calendars: calendars,
            triage: triage,
            triageQueue: triageQueue,
            ambiguityDistance: ambiguityDistance,
            version: version,
            conditionPath: { rule, condition in "$.rules[\(rule)].when[\(condition)]" }
        )
    }

    init(
        jurisdiction: Jurisdiction,
        rules: [RoutingRule],
        districts: DistrictMap?,
        calendars: [String: BusinessCalendar],
        triage: DepartmentID,
        triageQueue: String?,
        ambiguityDistance: Double,
        version: Int,
        conditionPath: (Int, Int) -> String
    ) throws(ConfigurationError) {
        let log = ConfigurationIssueLog()
        let program = RoutingProgram(
            jurisdiction: jurisdiction,
            rules: rules,
            districts: districts,
            calendars: calendars,
            ambiguityDistance: ambiguityDistance,
            version: version,
            conditionPath: conditionPath,
            log: log
        )
        if jurisdiction.department(triage) == nil { log.add("$.triage.department", "unknown department '\(triage)'") }
        let reach = districts?.boundaryReach ?? 0
        if !(ambiguityDistance.isFinite && ambiguityDistance >= 0) {
            log.add("$.ambiguityDistance", "must be a distance of 0 metres or more, got \(ambiguityDistance)")
        } else if districts != nil, ambiguityDistance > reach {
            log.add("$.ambiguityDistance", "must be at most the district map's reach of \(reach) metres")
        }
        if version < 1 { log.add("$.version", "must be 1 or more") }
        try log.check()
        self.version = version
        self.rules = rules
        self.districts = districts
        self.calendars = calendars
        self.triage = triage
        self.triageQueue = triageQueue
        self.ambiguityDistance = ambiguityDistance
        self.program = program
    }

    /// The same rules checked and compiled against `jurisdiction` (see
    /// ``Jurisdiction/adopting(routingRules:serviceLevels:)``).
    func checked(against jurisdiction: Jurisdiction) throws(ConfigurationError) -> RoutingRuleSet {
        try RoutingRuleSet(
            jurisdiction: jurisdiction,
            rules: rules,
            districts: districts,
            calendars: calendars,
            triage: triage,
            triageQueue: triageQueue,
            ambiguityDistance: ambiguityDistance,
            version: version
        )
    }

    // MARK: Deciding

    /// Decides without building an explanation: the fast path, for dry runs over many requests
    /// and for benchmarks. Reuse `scratch` across calls.
    @_spi(Benchmarks) public func decide(_ input: RoutingInput, using scratch: inout RoutingScratch) -> RoutingOutcome {
        scratch.isExplaining = false
        return program.decide(input, scratch: &scratch)
    }

    /// Routes a request, explaining the decision.
    ///
    /// The explanation is written with the decision: every store keeps it in the request's
    /// history, so recording it to write later would only walk the rules twice.
    public func route(_ input: RoutingInput) throws -> RoutingDecision {
        program.withScratch { scratch in decision(for: input, scratch: &scratch) }
    }

    /// Routes with a caller-owned scratch, writing the explanation at once.
    @_spi(Benchmarks) public func decision(for input: RoutingInput, scratch: inout RoutingScratch) -> RoutingDecision {
        scratch.isExplaining = true
        let outcome = program.decide(input, scratch: &scratch)
        let explanation = program.explanation(of: outcome, input: input, scratch: scratch)
        guard let ruleIndex = outcome.rule else {
            return RoutingDecision(
                department: triage,
                queue: triageQueue,
                disposition: .triage,
                explanation: explanation
            )
        }
        var destination = program.destination(of: ruleIndex, input: input, typeIndex: scratch.typeIndex)
        if outcome.ambiguity != nil, districts != nil, destination.disposition != .emergencyAdvisory {
            destination = (triage, triageQueue, .triage, nil)
        }
        return RoutingDecision(
            department: destination.department,
            queue: destination.queue,
            disposition: destination.disposition,
            rule: rules[ruleIndex].id,
            advisory: destination.advisory,
            isAmbiguous: outcome.ambiguity != nil,
            explanation: explanation
        )
    }
}
