import Civic311
import Civic311Simulation

/// A one-interval Erlang C question: how a number of agents does for a volume, and how many agents a
/// service-level goal needs.
struct ErlangQuery: Sendable, Hashable {
    /// Calls in the interval.
    var calls: Double
    /// The interval's length in seconds.
    var intervalSeconds: Double
    /// The average handle time in seconds.
    var handleTimeSeconds: Double
    /// The agents on the phones.
    var agents: Int
    /// The answer-time threshold of the service level, in seconds.
    var targetSeconds: Double
    /// The service-level goal to find the agents for, when asked.
    var serviceLevelGoal: Double?
    /// `json` or `text` (`csv` prints the JSON object too).
    var format: CallDayOptions.Format

    /// Creates a query.
    init(
        calls: Double,
        intervalSeconds: Double,
        handleTimeSeconds: Double,
        agents: Int,
        targetSeconds: Double,
        serviceLevelGoal: Double? = nil,
        format: CallDayOptions.Format = .text
    ) {
        self.calls = calls
        self.intervalSeconds = intervalSeconds
        self.handleTimeSeconds = handleTimeSeconds
        self.agents = agents
        self.targetSeconds = targetSeconds
        self.serviceLevelGoal = serviceLevelGoal
        self.format = format
    }

    /// The answer: Erlang C at ``agents`` and, with a goal, the agents needed.
    struct Answer: Sendable, Hashable {
        /// The offered load in erlangs.
        let offeredLoad: Double
        /// The probability that a caller waits at all.
        let probabilityOfWaiting: Double
        /// The share answered within the threshold.
        let serviceLevel: Double
        /// The average speed of answer in seconds (infinite when the agents cannot carry the load).
        let averageSpeedOfAnswer: Double
        /// The agents' occupancy.
        let occupancy: Double
        /// The fewest agents reaching the goal, when one was given.
        let agentsNeeded: Int?
    }

    /// Solves the query.
    ///
    /// - Throws: ``ValidationError`` for a negative or non-finite volume, a non-positive interval or
    ///   handle time, negative agents or threshold, or a goal outside `(0, 1)`.
    func answer() throws(ValidationError) -> Answer {
        let workload = try IntervalWorkload(
            calls: calls,
            intervalLength: intervalSeconds,
            averageHandleTime: handleTimeSeconds
        )
        let model = try ErlangC(agents: agents, workload: workload)
        var needed: Int?
        if let serviceLevelGoal {
            let goal = try ServiceLevelTarget(serviceLevel: serviceLevelGoal, answerWithin: targetSeconds)
            needed = try StaffingRequirement(workload: workload, target: goal).agents
        }
        return Answer(
            offeredLoad: workload.offeredLoad,
            probabilityOfWaiting: model.probabilityOfWaiting,
            serviceLevel: try model.serviceLevel(answeredWithin: targetSeconds),
            averageSpeedOfAnswer: model.averageSpeedOfAnswer,
            occupancy: model.occupancy,
            agentsNeeded: needed
        )
    }

    /// The answer in the query's format: a JSON object with `offered_load_erlangs`, `p_wait`,
    /// `service_level`, `asa_seconds`, `occupancy` and, with a goal, `agents_needed` (plus the
    /// inputs), or a few lines of text.
    func report() throws(ValidationError) -> String {
        let answer = try self.answer()
        switch format {
        case .json, .csv:
            var members: [(String, ReportValue)] = [
                ("calls", .number(calls)),
                ("interval_seconds", .number(intervalSeconds)),
                ("aht_seconds", .number(handleTimeSeconds)),
                ("agents", .integer(agents)),
                ("target_seconds", .number(targetSeconds)),
                ("offered_load_erlangs", .number(answer.offeredLoad)),
                ("p_wait", .number(answer.probabilityOfWaiting)),
                ("service_level", .number(answer.serviceLevel)),
                ("asa_seconds", .number(answer.averageSpeedOfAnswer)),
                ("occupancy", .number(answer.occupancy)),
            ]
            if let goal = serviceLevelGoal {
                members.append(("sl_goal", .number(goal)))
                members.append(("agents_needed", answer.agentsNeeded.map { .integer($0) } ?? .number(nil)))
            }
            return ReportValue.object(members).prettyJSON + "\n"
        case .text:
            var lines = [
                "Erlang C: \(ReportValue.format(calls)) calls in \(ReportValue.format(intervalSeconds)) s, "
                    + "AHT \(ReportValue.format(handleTimeSeconds)) s, \(agents) agents",
                "  offered load       \(ReportValue.format(answer.offeredLoad)) erlangs",
                "  P(wait)            \(ReportValue.format(answer.probabilityOfWaiting))",
                "  service level      \(ReportValue.format(answer.serviceLevel)) within \(ReportValue.format(targetSeconds)) s",
                "  ASA                "
                    + (answer.averageSpeedOfAnswer.isFinite
                        ? "\(ReportValue.format(answer.averageSpeedOfAnswer)) s" : "infinite (too few agents)"),
                "  occupancy          \(ReportValue.format(answer.occupancy))",
            ]
            if let goal = serviceLevelGoal, let needed = answer.agentsNeeded {
                lines.append("  agents for \(ReportValue.format(goal * 100)) %    \(needed)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
