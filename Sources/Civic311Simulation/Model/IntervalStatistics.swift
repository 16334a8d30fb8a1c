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

    init(start: Double, length: Double, serviceLevelThreshold: Double) {
        self.start = start
        self.length = length
        self.serviceLevelThreshold = serviceLevelThreshold
    }

    /// Answered within the threshold over offered (callers who hung up or were never answered count as
    /// not answered); `nil` when nothing was offered.
    public var serviceLevel: Double? { offered > 0 ? Double(answeredWithinThreshold) / Double(offered) : nil }

    /// Mean queue time of answered calls in seconds; `nil` when none were answered.
    public var averageSpeedOfAnswer: Double? { answered > 0 ? totalWaitOfAnswered / Double(answered) : nil }

    /// The share of answered calls that waited at all; `nil` when none were answered.
    public var probabilityOfWaiting: Double? { answered > 0 ? Double(delayed) / Double(answered) : nil }

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
        unanswered += other.unanswered
        serviceRequests += other.serviceRequests
        transferred += other.transferred
        totalWaitOfAnswered += other.totalWaitOfAnswered
        totalWaitOfAbandoned += other.totalWaitOfAbandoned
        staffedAgentSeconds += other.staffedAgentSeconds
        busyAgentSeconds += other.busyAgentSeconds
    }
}
