import Civic311

/// Call-center measures for one reporting interval (or a whole run), by contact arrival time.
///
/// Counts are of contacts that *arrived* in the interval, whenever they ended; agent time is the part
/// of staffed and busy time that falls inside the interval.
public struct IntervalStatistics: Sendable, Hashable {
    /// Start of the interval, seconds from the start of the simulation.
    public let start: Double
    /// Length of the interval in seconds.
    public let length: Double
    /// The answer-time threshold used for ``answeredWithinThreshold``.
    public let serviceLevelThreshold: Double
    /// Whether callers who hang up quickly count against ``serviceLevel``.
    public let shortAbandons: ShortAbandons
    /// Contacts on every channel.
    public internal(set) var contacts = 0
    /// Web, app and text contacts.
    public internal(set) var selfService = 0
    /// Phone calls resolved in the IVR.
    public internal(set) var deflected = 0
    /// Phone calls that joined an agent queue.
    public internal(set) var offered = 0
    /// Calls an agent answered.
    public internal(set) var answered = 0
    /// Calls answered within the threshold.
    public internal(set) var answeredWithinThreshold = 0
    /// Calls answered after waiting more than zero seconds.
    public internal(set) var delayed = 0
    /// Callers who hung up while queued.
    public internal(set) var abandoned = 0
    /// Of those, the short abandons that ``shortAbandons`` leaves out of ``serviceLevel``.
    public internal(set) var excludedShortAbandons = 0
    /// Calls still queued when the run ended.
    public internal(set) var unanswered = 0
    /// Service requests created from these contacts.
    public internal(set) var serviceRequests = 0
    /// Referrals that were warm-transferred.
    public internal(set) var transferred = 0
    /// Total queue time of answered calls, in seconds.
    public internal(set) var totalWaitOfAnswered = 0.0
    /// Total queue time of abandoned calls, in seconds.
    public internal(set) var totalWaitOfAbandoned = 0.0
    /// Agent seconds logged in and not on a break.
    public internal(set) var staffedAgentSeconds = 0.0
    /// Agent seconds talking, holding for a transfer or in after-call work.
    public internal(set) var busyAgentSeconds = 0.0

    init(start: Double, length: Double, serviceLevelThreshold: Double, shortAbandons: ShortAbandons) {
        self.start = start
        self.length = length
        self.serviceLevelThreshold = serviceLevelThreshold
        self.shortAbandons = shortAbandons
    }

    /// Answered within the threshold over offered, less the short abandons ``shortAbandons`` leaves
    /// out (other callers who hung up, and those never answered, count as not answered in time);
    /// `nil` when no call counts.
    public var serviceLevel: Double? {
        let counted = offered - excludedShortAbandons
        return counted > 0 ? Double(answeredWithinThreshold) / Double(counted) : nil
    }

    /// Mean queue time of answered calls in seconds; `nil` when none were answered.
    public var averageSpeedOfAnswer: Double? { answered > 0 ? totalWaitOfAnswered / Double(answered) : nil }

    /// The share of offered calls not answered at once (answered after a wait, abandoned or never
    /// answered): Erlang's P(wait), over every caller who joined a queue; `nil` when nothing was
    /// offered. Compare ``ErlangA/probabilityOfWaiting`` and ``ErlangC/probabilityOfWaiting``.
    public var probabilityOfWaiting: Double? {
        offered > 0 ? Double(offered - answered + delayed) / Double(offered) : nil
    }

    /// The share of *answered* calls that waited at all, leaving out callers who hung up; `nil` when
    /// none were answered. Not P(wait): with abandonment it is lower, since callers who would have
    /// waited longest hang up.
    public var delayedShareOfAnswered: Double? { answered > 0 ? Double(delayed) / Double(answered) : nil }

    /// Mean time in queue over answered and abandoned calls, in seconds (Erlang A's `E[Q]/λ`); `nil`
    /// when there were none. ``averageSpeedOfAnswer`` counts answered calls only.
    public var averageTimeInQueue: Double? {
        let callers = answered + abandoned
        return callers > 0 ? (totalWaitOfAnswered + totalWaitOfAbandoned) / Double(callers) : nil
    }

    /// Abandoned over offered; `nil` when nothing was offered.
    public var abandonmentRate: Double? { offered > 0 ? Double(abandoned) / Double(offered) : nil }

    /// Busy over staffed agent time; `nil` when no agent was staffed.
    public var occupancy: Double? { staffedAgentSeconds > 0 ? busyAgentSeconds / staffedAgentSeconds : nil }

    /// The average number of agents staffed (logged in, not on a break) over the interval.
    public var averageAgentsStaffed: Double { staffedAgentSeconds / length }

    mutating func add(_ record: ContactRecord) {
        contacts += 1
        switch record.outcome {
        case .selfService:
            selfService += 1
        case .deflected:
            deflected += 1
        case .handled:
            offered += 1
            answered += 1
            let wait = record.answerTime - record.queuedTime
            totalWaitOfAnswered += wait
            if wait <= serviceLevelThreshold { answeredWithinThreshold += 1 }
            if wait > 0 { delayed += 1 }
            if record.wasTransferred { transferred += 1 }
        case .abandoned:
            offered += 1
            abandoned += 1
            totalWaitOfAbandoned += record.endedAt - record.queuedTime
            if shortAbandons.excludes(record) { excludedShortAbandons += 1 }
        case .unanswered:
            if record.queuedTime >= 0 {
                offered += 1
                unanswered += 1
            }
        }
        if record.serviceTypeCode != nil, record.outcome != .abandoned, record.outcome != .unanswered {
            serviceRequests += 1
        }
    }

    mutating func merge(_ other: IntervalStatistics) {
        contacts += other.contacts
        selfService += other.selfService
        deflected += other.deflected
        offered += other.offered
        answered += other.answered
        answeredWithinThreshold += other.answeredWithinThreshold
        delayed += other.delayed
        abandoned += other.abandoned
        excludedShortAbandons += other.excludedShortAbandons
        unanswered += other.unanswered
        serviceRequests += other.serviceRequests
        transferred += other.transferred
        totalWaitOfAnswered += other.totalWaitOfAnswered
        totalWaitOfAbandoned += other.totalWaitOfAbandoned
        staffedAgentSeconds += other.staffedAgentSeconds
        busyAgentSeconds += other.busyAgentSeconds
    }
}
