import Civic311

/// Measures of one run of a ``MultiServerQueueModel`` over its collection period.
public struct MultiServerQueueResult: Sendable, Hashable {
    /// Callers who arrived in the collection period.
    public internal(set) var arrivals = 0
    /// Of those, calls answered before the end.
    public internal(set) var answered = 0
    /// Answered calls that waited more than zero seconds.
    public internal(set) var delayed = 0
    /// Answered calls that waited at most the threshold.
    public internal(set) var answeredWithinThreshold = 0
    /// Callers who hung up before the end.
    public internal(set) var abandoned = 0
    /// Total wait of answered calls, seconds.
    public internal(set) var totalWait = 0.0
    /// Total wait of abandoned calls, seconds.
    public internal(set) var totalWaitOfAbandoned = 0.0
    /// Agent busy time inside the collection period, seconds.
    public internal(set) var busySeconds = 0.0
    /// Events the engine delivered (including the warm-up).
    public internal(set) var eventsProcessed = 0
    /// The number of agents.
    public internal(set) var servers = 0
    /// The collection period, seconds.
    public internal(set) var duration = 0.0

    /// Mean wait of answered calls in seconds (0 when none were answered).
    public var meanWait: Double { answered > 0 ? totalWait / Double(answered) : 0 }

    /// The share of callers not answered at once (answered after a wait, or abandoned) over answered
    /// plus abandoned: Erlang's P(wait), as ``IntervalStatistics/probabilityOfWaiting`` (0 when there
    /// were none).
    public var probabilityOfWaiting: Double {
        let total = answered + abandoned
        return total > 0 ? Double(delayed + abandoned) / Double(total) : 0
    }

    /// The share of answered calls that waited at all, as ``IntervalStatistics/delayedShareOfAnswered``
    /// (0 when none were answered).
    public var delayedShareOfAnswered: Double { answered > 0 ? Double(delayed) / Double(answered) : 0 }

    /// Mean time in queue over answered and abandoned calls in seconds, as
    /// ``IntervalStatistics/averageTimeInQueue`` (0 when there were none).
    public var averageTimeInQueue: Double {
        let total = answered + abandoned
        return total > 0 ? (totalWait + totalWaitOfAbandoned) / Double(total) : 0
    }

    /// Answered within the threshold over answered plus abandoned (1 when there were none).
    public var serviceLevel: Double {
        let total = answered + abandoned
        return total > 0 ? Double(answeredWithinThreshold) / Double(total) : 1
    }

    /// Abandoned over answered plus abandoned (0 when there were none).
    public var abandonmentRate: Double {
        let total = answered + abandoned
        return total > 0 ? Double(abandoned) / Double(total) : 0
    }

    /// Busy time over `duration × servers`, as SimPy's `02_operator_util` (there as a percentage).
    public var operatorUtilization: Double { busySeconds / (duration * Double(servers)) }
}
