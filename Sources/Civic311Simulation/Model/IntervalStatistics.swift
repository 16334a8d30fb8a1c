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
    /// The counts and sums, shared with ``ContactCenterKPIs``.
    private var tally: ContactTally

    /// The answer-time threshold used for ``answeredWithinThreshold``.
    public var serviceLevelThreshold: Double { tally.serviceLevelThreshold }
    /// Whether callers who hang up quickly count against ``serviceLevel``.
    public var shortAbandons: ShortAbandons { tally.shortAbandons }
    /// Contacts on every channel.
    public var contacts: Int { tally.contacts }
    /// Web, app and text contacts.
    public var selfService: Int { tally.selfService }
    /// Phone calls resolved in the IVR.
    public var deflected: Int { tally.deflected }
    /// Phone calls that joined an agent queue.
    public var offered: Int { tally.offered }
    /// Calls an agent answered.
    public var answered: Int { tally.answered }
    /// Calls answered within the threshold.
    public var answeredWithinThreshold: Int { tally.answeredWithinThreshold }
    /// Calls answered after waiting more than zero seconds.
    public var delayed: Int { tally.delayed }
    /// Callers who hung up while queued.
    public var abandoned: Int { tally.abandoned }
    /// Of those, the short abandons that ``shortAbandons`` leaves out of ``serviceLevel``.
    public var excludedShortAbandons: Int { tally.excludedShortAbandons }
    /// Calls still queued when the run ended.
    public var unanswered: Int { tally.unanswered }
    /// Service requests created from these contacts.
    public var serviceRequests: Int { tally.serviceRequests }
    /// Referrals that were warm-transferred.
    public var transferred: Int { tally.transferred }
    /// Total queue time of answered calls, in seconds.
    public var totalWaitOfAnswered: Double { tally.totalWaitOfAnswered }
    /// Total queue time of abandoned calls, in seconds.
    public var totalWaitOfAbandoned: Double { tally.totalWaitOfAbandoned }
    /// Agent seconds logged in and not on a break.
    public internal(set) var staffedAgentSeconds: Double {
        get { tally.staffedAgentSeconds }
        set { tally.staffedAgentSeconds = newValue }
    }
    /// Agent seconds talking, holding for a transfer or in after-call work.
    public internal(set) var busyAgentSeconds: Double {
        get { tally.busyAgentSeconds }
        set { tally.busyAgentSeconds = newValue }
    }

    init(start: Double, length: Double, serviceLevelThreshold: Double, shortAbandons: ShortAbandons) {
        self.start = start
        self.length = length
        tally = ContactTally(serviceLevelThreshold: serviceLevelThreshold, shortAbandons: shortAbandons)
    }

    /// Answered within the threshold over offered, less the short abandons ``shortAbandons`` leaves
    /// out (other callers who hung up, and those never answered, count as not answered in time);
    /// `nil` when no call counts.
    public var serviceLevel: Double? { tally.serviceLevel }

    /// Mean queue time of answered calls in seconds; `nil` when none were answered.
    public var averageSpeedOfAnswer: Double? { tally.averageSpeedOfAnswer }

    /// The share of offered calls not answered at once (answered after a wait, abandoned or never
    /// answered): Erlang's P(wait), over every caller who joined a queue; `nil` when nothing was
    /// offered. Compare ``ErlangA/probabilityOfWaiting`` and ``ErlangC/probabilityOfWaiting``.
    public var probabilityOfWaiting: Double? { ContactTally.ratio(offered - answered + delayed, offered) }

    /// The share of *answered* calls that waited at all, leaving out callers who hung up; `nil` when
    /// none were answered. Not P(wait): with abandonment it is lower, since callers who would have
    /// waited longest hang up.
    public var delayedShareOfAnswered: Double? { ContactTally.ratio(delayed, answered) }

    /// Mean time in queue over answered and abandoned calls, in seconds (Erlang A's `E[Q]/λ`); `nil`
    /// when there were none. ``averageSpeedOfAnswer`` counts answered calls only.
    public var averageTimeInQueue: Double? {
        ContactTally.ratio(totalWaitOfAnswered + totalWaitOfAbandoned, answered + abandoned)
    }

    /// Abandoned over offered; `nil` when nothing was offered.
    public var abandonmentRate: Double? { tally.abandonmentRate }

    /// Busy over staffed agent time; `nil` when no agent was staffed.
    public var occupancy: Double? { tally.occupancy }

    /// The average number of agents staffed (logged in, not on a break) over the interval.
    public var averageAgentsStaffed: Double { staffedAgentSeconds / length }

    mutating func add(_ record: ContactRecord) { tally.add(record) }

    mutating func merge(_ other: IntervalStatistics) { tally.merge(other.tally) }
}
