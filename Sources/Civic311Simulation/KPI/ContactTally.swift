import Civic311

/// The counts and sums every contact-center measure is read from, with the formulas that more than
/// one report shares.
///
/// A record is classified here and nowhere else: ``IntervalStatistics`` (one reporting interval of a
/// run) and ``ContactCenterKPIs`` (any set of records, observed ones included) both keep a tally and
/// read their figures from it, so the two cannot drift apart.
///
/// *Offered* and *answered* come from the record's times (it joined an agent queue; an agent answered
/// it), the other outcomes from ``ContactRecord/outcome``. On simulated records the two always agree
/// (a queued call ends handled, abandoned or unanswered, and every answered call is handled); records
/// built from observed data may mix them, and then each count follows its own fact.
struct ContactTally: Sendable, Hashable {
    /// The answer-time threshold of ``answeredWithinThreshold``, in seconds.
    let serviceLevelThreshold: Double
    /// Whether callers who hang up quickly count against ``serviceLevel``.
    let shortAbandons: ShortAbandons
    /// Contacts on every channel, whatever their outcome.
    private(set) var contacts = 0
    /// Web, app and text contacts (outcome ``ContactOutcome/selfService``).
    private(set) var selfService = 0
    /// Phone calls resolved in the IVR.
    private(set) var deflected = 0
    /// Calls that joined an agent queue.
    private(set) var offered = 0
    /// Queued calls an agent answered.
    private(set) var answered = 0
    /// Of those, the ones answered within ``serviceLevelThreshold``.
    private(set) var answeredWithinThreshold = 0
    /// Of those, the ones that waited more than zero seconds.
    private(set) var delayed = 0
    /// Calls an agent answered and finished.
    private(set) var handled = 0
    /// Of those, the referrals that were warm-transferred.
    private(set) var transferred = 0
    /// Callers who hung up while queued.
    private(set) var abandoned = 0
    /// Of those, the short abandons ``shortAbandons`` leaves out of ``serviceLevel``.
    private(set) var excludedShortAbandons = 0
    /// Queued calls still waiting when the run ended.
    private(set) var unanswered = 0
    /// Contacts handled by an agent, resolved in the IVR or completed online.
    private(set) var served = 0
    /// Served contacts that created a service request.
    private(set) var serviceRequests = 0
    /// Served general-information and referral contacts.
    private(set) var resolvedAtFirstContact = 0
    /// Σ(answer − queue entry) over answered calls, in seconds.
    private(set) var totalWaitOfAnswered = 0.0
    /// Σ(hang-up − queue entry) over abandoned calls, in seconds.
    private(set) var totalWaitOfAbandoned = 0.0
    /// Total talk time of handled calls (warm-transfer holds included), in seconds.
    private(set) var totalTalkTime = 0.0
    /// Total after-call work of handled calls, in seconds.
    private(set) var totalAfterCallWork = 0.0
    /// Agent seconds logged in and not on a break; records do not carry it, so the owner sets it.
    var staffedAgentSeconds = 0.0
    /// Agent seconds talking, holding or in after-call work; set by the owner like
    /// ``staffedAgentSeconds``.
    var busyAgentSeconds = 0.0
    /// Contacts per channel, by `Channel.ordinal`; empty until a contact is priced.
    private(set) var channelContacts: [Int] = []
    /// Cost per channel in dollars, by `Channel.ordinal`; empty until a contact is priced.
    private(set) var channelCost: [Double] = []

    init(serviceLevelThreshold: Double, shortAbandons: ShortAbandons) {
        self.serviceLevelThreshold = serviceLevelThreshold
        self.shortAbandons = shortAbandons
    }

    /// Counts `record` under every heading it belongs to.
    mutating func add(_ record: ContactRecord) {
        contacts += 1
        if let queued = record.queuedAt {
            offered += 1
            if let answer = record.answeredAt {
                answered += 1
                let wait = answer - queued
                totalWaitOfAnswered += wait
                if wait <= serviceLevelThreshold { answeredWithinThreshold += 1 }
                if wait > 0 { delayed += 1 }
            }
        }
        switch record.outcome {
        case .handled:
            handled += 1
            if record.wasTransferred { transferred += 1 }
            totalTalkTime += record.talkTime ?? 0
            totalAfterCallWork += record.afterCallWork ?? 0
        case .abandoned:
            abandoned += 1
            // Not answered, so the wait runs to the hang-up.
            if let wait = record.waitTime { totalWaitOfAbandoned += wait }
            if shortAbandons.excludes(record) { excludedShortAbandons += 1 }
        case .unanswered:
            if record.queuedAt != nil { unanswered += 1 }
        case .deflected:
            deflected += 1
        case .selfService:
            selfService += 1
        }
        switch record.outcome {
        case .handled, .deflected, .selfService:
            served += 1
            if record.serviceTypeCode != nil { serviceRequests += 1 }
            if record.callType.isResolvedAtFirstContact { resolvedAtFirstContact += 1 }
        case .abandoned, .unanswered:
            break
        }
    }

    /// Counts `record` as ``add(_:)`` does, and adds it and its cost under `costs` to its channel.
    mutating func add(_ record: ContactRecord, pricedBy costs: ContactCosts) {
        add(record)
        allocateChannels()
        channelContacts[record.channel.ordinal] += 1
        channelCost[record.channel.ordinal] += costs.cost(of: record)
    }

    /// Adds another tally's counts and sums to this one (the other's settings are not checked: the
    /// owner merges tallies of one setting).
    mutating func merge(_ other: ContactTally) {
        contacts += other.contacts
        selfService += other.selfService
        deflected += other.deflected
        offered += other.offered
        answered += other.answered
        answeredWithinThreshold += other.answeredWithinThreshold
        delayed += other.delayed
        handled += other.handled
        transferred += other.transferred
        abandoned += other.abandoned
        excludedShortAbandons += other.excludedShortAbandons
        unanswered += other.unanswered
        served += other.served
        serviceRequests += other.serviceRequests
        resolvedAtFirstContact += other.resolvedAtFirstContact
        totalWaitOfAnswered += other.totalWaitOfAnswered
        totalWaitOfAbandoned += other.totalWaitOfAbandoned
        totalTalkTime += other.totalTalkTime
        totalAfterCallWork += other.totalAfterCallWork
        staffedAgentSeconds += other.staffedAgentSeconds
        busyAgentSeconds += other.busyAgentSeconds
        if !other.channelContacts.isEmpty {
            allocateChannels()
            for index in other.channelContacts.indices {
                channelContacts[index] += other.channelContacts[index]
                channelCost[index] += other.channelCost[index]
            }
        }
    }

    private mutating func allocateChannels() {
        guard channelContacts.isEmpty else { return }
        channelContacts = Array(repeating: 0, count: Channel.allCases.count)
        channelCost = Array(repeating: 0, count: Channel.allCases.count)
    }

    // MARK: - The shared formulas

    /// Answered within the threshold ÷ (offered − excluded short abandons).
    var serviceLevel: Double? { Self.ratio(answeredWithinThreshold, offered - excludedShortAbandons) }

    /// Σ(answer − queue entry) ÷ answered, in seconds.
    var averageSpeedOfAnswer: Double? { Self.ratio(totalWaitOfAnswered, answered) }

    /// Abandoned ÷ offered.
    var abandonmentRate: Double? { Self.ratio(abandoned, offered) }

    /// Busy ÷ staffed agent time.
    var occupancy: Double? { staffedAgentSeconds > 0 ? busyAgentSeconds / staffedAgentSeconds : nil }

    /// `numerator ÷ denominator`; `nil` when the denominator is not positive.
    static func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator > 0 ? Double(numerator) / Double(denominator) : nil
    }

    /// `numerator ÷ denominator`; `nil` when the denominator is not positive.
    static func ratio(_ numerator: Double, _ denominator: Int) -> Double? {
        denominator > 0 ? numerator / Double(denominator) : nil
    }
}
