import Civic311

/// The contact-center measures of a set of contacts, each computed by one formula in one place.
///
/// Counts come from the contact records; occupancy also needs the agents' staffed and busy time,
/// which records do not carry. Ratios whose denominator is zero are `nil`. The formulas are listed in
/// <doc:KPIFormulas>; in short, with *offered* the calls that joined an agent queue
/// and *served* the contacts handled by an agent, resolved in the IVR or completed online:
///
/// - abandonment rate = abandoned ÷ offered
/// - average speed of answer = Σ(answer − queue entry) ÷ answered
/// - service level = answered within the threshold ÷ offered (less the short abandons that
///   ``ShortAbandons/excluded(within:)`` leaves out)
/// - occupancy = busy agent time ÷ staffed agent time
/// - average handle time = Σ(talk + after-call work) ÷ handled; talk and after-call work likewise
/// - first-contact resolution = served general-information and referral contacts ÷ served
/// - self-service deflection = (IVR-resolved + online contacts) ÷ contacts
/// - service-request share = service requests created ÷ served
/// - cost per contact = Σ cost ÷ contacts, and per channel likewise
public struct ContactCenterKPIs: Sendable, Hashable {
    /// The counts and sums, shared with ``IntervalStatistics``.
    private let tally: ContactTally

    /// Contacts on every channel, whatever their outcome.
    public var contacts: Int { tally.contacts }
    /// Contacts handled by an agent, resolved in the IVR or completed online.
    public var served: Int { tally.served }
    /// Phone calls that joined an agent queue.
    public var callsOffered: Int { tally.offered }
    /// Calls an agent answered.
    public var callsAnswered: Int { tally.answered }
    /// Answered calls whose talk ended (in this model every answered call is finished).
    public var callsHandled: Int { tally.handled }
    /// Callers who hung up while queued.
    public var callsAbandoned: Int { tally.abandoned }
    /// Of those, the short abandons ``shortAbandons`` leaves out of ``serviceLevel``.
    public var excludedShortAbandons: Int { tally.excludedShortAbandons }
    /// Calls still queued when the run ended.
    public var callsUnanswered: Int { tally.unanswered }
    /// Calls answered within ``serviceLevelThreshold``.
    public var callsAnsweredWithinThreshold: Int { tally.answeredWithinThreshold }
    /// Phone calls resolved in the IVR.
    public var deflectedInIVR: Int { tally.deflected }
    /// Web, app and text contacts.
    public var onlineContacts: Int { tally.selfService }
    /// Served contacts that created a service request.
    public var serviceRequests: Int { tally.serviceRequests }
    /// Served general-information and referral contacts.
    public var resolvedAtFirstContact: Int { tally.resolvedAtFirstContact }
    /// The answer-time threshold of ``serviceLevel``, in seconds.
    public var serviceLevelThreshold: Double { tally.serviceLevelThreshold }
    /// Whether callers who hang up quickly count against ``serviceLevel``.
    public var shortAbandons: ShortAbandons { tally.shortAbandons }
    /// Total queue time of answered calls, in seconds.
    public var totalWaitOfAnswered: Double { tally.totalWaitOfAnswered }
    /// Total talk time of handled calls (warm-transfer holds included), in seconds.
    public var totalTalkTime: Double { tally.totalTalkTime }
    /// Total after-call work of handled calls, in seconds.
    public var totalAfterCallWork: Double { tally.totalAfterCallWork }
    /// Agent seconds logged in and not on a break.
    public var staffedAgentSeconds: Double { tally.staffedAgentSeconds }
    /// Agent seconds talking, holding or in after-call work.
    public var busyAgentSeconds: Double { tally.busyAgentSeconds }
    /// Contacts and cost per channel: every channel of ``FrontOfficeModel/simulatedChannels``, and
    /// any other `Channel` that observed records carry, in `Channel.allCases` order.
    public var channels: [ChannelCost] {
        Channel.allCases.compactMap { channel in
            let contacts = tally.channelContacts.isEmpty ? 0 : tally.channelContacts[channel.ordinal]
            guard contacts > 0 || channel.simulatedIndex != nil else { return nil }
            let cost = tally.channelCost.isEmpty ? 0 : tally.channelCost[channel.ordinal]
            return ChannelCost(channel: channel, contacts: contacts, cost: cost)
        }
    }

    /// Measures `records`.
    ///
    /// - Parameters:
    ///   - records: the contacts to measure (a whole day, or those that arrived in one interval).
    ///   - staffedAgentSeconds: agent time logged in and not on a break over the same span.
    ///   - busyAgentSeconds: agent time talking, holding or wrapping up over the same span.
    ///   - serviceLevelThreshold: the answer-time threshold in seconds.
    ///   - shortAbandons: whether callers who hang up quickly count against the service level.
    ///   - costs: the cost of a contact by how it was served.
    public init(
        records: some Sequence<ContactRecord>,
        staffedAgentSeconds: Double,
        busyAgentSeconds: Double,
        serviceLevelThreshold: Double,
        shortAbandons: ShortAbandons = .counted,
        costs: ContactCosts = .midpoints
    ) {
        var tally = ContactTally(serviceLevelThreshold: serviceLevelThreshold, shortAbandons: shortAbandons)
        for record in records { tally.add(record, pricedBy: costs) }
        tally.staffedAgentSeconds = staffedAgentSeconds
        tally.busyAgentSeconds = busyAgentSeconds
        self.tally = tally
    }

    /// Abandoned ÷ offered.
    public var abandonmentRate: Double? { tally.abandonmentRate }

    /// Average speed of answer in seconds: Σ(answer − queue entry) ÷ answered.
    public var averageSpeedOfAnswer: Double? { tally.averageSpeedOfAnswer }

    /// Answered within the threshold ÷ (offered − excluded short abandons): other callers who hang
    /// up count as not answered in time.
    public var serviceLevel: Double? { tally.serviceLevel }

    /// Answered ÷ offered.
    public var answerRate: Double? { ContactTally.ratio(callsAnswered, callsOffered) }

    /// Busy agent time ÷ staffed agent time.
    public var occupancy: Double? { tally.occupancy }

    /// Average handle time in seconds: Σ(talk + after-call work) ÷ handled.
    public var averageHandleTime: Double? { ContactTally.ratio(totalTalkTime + totalAfterCallWork, callsHandled) }

    /// Average talk time in seconds (warm-transfer holds included): Σ talk ÷ handled.
    public var averageTalkTime: Double? { ContactTally.ratio(totalTalkTime, callsHandled) }

    /// Average after-call work in seconds: Σ after-call work ÷ handled.
    public var averageAfterCallWork: Double? { ContactTally.ratio(totalAfterCallWork, callsHandled) }

    /// Served general-information and referral contacts ÷ served contacts: the contacts closed at first
    /// contact, as `CallType.Kind.isResolvedAtFirstContact` in Civic311 counts them (a service request
    /// still needs its department's work), the definition `FirstContactMeasure` shares; see the
    /// repository's `Documentation/Measures.md`.
    public var firstContactResolution: Double? { ContactTally.ratio(resolvedAtFirstContact, served) }

    /// (IVR-resolved calls + online contacts) ÷ contacts: the share that needed no agent.
    public var selfServiceDeflection: Double? { ContactTally.ratio(deflectedInIVR + onlineContacts, contacts) }

    /// Service requests created ÷ served contacts.
    public var serviceRequestShare: Double? { ContactTally.ratio(serviceRequests, served) }

    /// The cost of every contact, in dollars.
    public var totalCost: Double { channels.reduce(0) { $0 + $1.cost } }

    /// Σ cost ÷ contacts, in dollars.
    public var costPerContact: Double? { ContactTally.ratio(totalCost, contacts) }
}
