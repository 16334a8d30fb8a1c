import Civic311

/// How the phones are staffed on a simulated call day.
public enum AgentStaffing: Sendable, Hashable {
    /// The same number of agents on the phones around the clock.
    case fixed(agents: Int)
    /// Agents rostered interval by interval to the Erlang C requirement of the day's forecast.
    case automatic(ServiceLevelTarget)

    /// Staffing to 80 % of calls answered within 20 seconds, occupancy at most 90 % (Miami-Dade ran at
    /// 92 % and saw burnout), no shrinkage (the roster counts agents on the phones).
    public static var eightyTwenty: AgentStaffing {
        // The constants are valid.
        .automatic(try! ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, maximumOccupancy: 0.9))
    }
}
