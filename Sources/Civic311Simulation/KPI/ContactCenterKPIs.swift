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
    /// Contacts on every channel, whatever their outcome.
    public let contacts: Int
    /// Contacts handled by an agent, resolved in the IVR or completed online.
    public let served: Int
    /// Phone calls that joined an agent queue.
    public let callsOffered: Int
    /// Calls an agent answered.
    public let callsAnswered: Int
    /// Answered calls whose talk ended (in this model every answered call is finished).
    public let callsHandled: Int
    /// Callers who hung up while queued.
    public let callsAbandoned: Int
    /// Of those, the short abandons ``shortAbandons`` leaves out of ``serviceLevel``.
    public let excludedShortAbandons: Int
    /// Calls still queued when the run ended.
    public let callsUnanswered: Int
    /// Calls answered within ``serviceLevelThreshold``.
    public let callsAnsweredWithinThreshold: Int
    /// Phone calls resolved in the IVR.
    public let deflectedInIVR: Int
    /// Web, app and text contacts.
    public let onlineContacts: Int
    /// Served contacts that created a service request.
    public let serviceRequests: Int
    /// Served general-information and referral contacts.
    public let resolvedAtFirstContact: Int
    /// The answer-time threshold of ``serviceLevel``, in seconds.
    public let serviceLevelThreshold: Double
    /// Whether callers who hang up quickly count against ``serviceLevel``.
    public let shortAbandons: ShortAbandons
    /// Total queue time of answered calls, in seconds.
    public let totalWaitOfAnswered: Double
    /// Total talk time of handled calls (warm-transfer holds included), in seconds.
    public let totalTalkTime: Double
    /// Total after-call work of handled calls, in seconds.
    public let totalAfterCallWork: Double
    /// Agent seconds logged in and not on a break.
    public let staffedAgentSeconds: Double
    /// Agent seconds talking, holding or in after-call work.
    public let busyAgentSeconds: Double
    /// Contacts and cost per channel: every channel of ``FrontOfficeModel/simulatedChannels``, and
    /// any other `Channel` that observed records carry, in `Channel.allCases` order.
    public let channels: [ChannelCost]

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
        var contacts = 0
        var served = 0
        var offered = 0
        var answered = 0
        var handled = 0
        var abandoned = 0
        var excluded = 0
        var unanswered = 0
        var withinThreshold = 0
        var deflected = 0
        var online = 0
        var serviceRequests = 0
        var firstContact = 0
        var wait = 0.0
        var talk = 0.0
        var wrapUp = 0.0
        var channelContacts = Array(repeating: 0, count: Channel.allCases.count)
        var channelCost = Array(repeating: 0.0, count: Channel.allCases.count)
        for record in records {
            contacts += 1
            channelContacts[record.channel.ordinal] += 1
            channelCost[record.channel.ordinal] += costs.cost(of: record)
            if let queued = record.queuedAt {
                offered += 1
                if let answer = record.answeredAt {
                    answered += 1
                    wait += answer - queued
                    if answer - queued <= serviceLevelThreshold { withinThreshold += 1 }
                }
            }
            switch record.outcome {
            case .handled:
                handled += 1
                talk += record.talkTime ?? 0
                wrapUp += record.afterCallWork ?? 0
            case .abandoned:
                abandoned += 1
                if shortAbandons.excludes(record) { excluded += 1 }
            case .unanswered:
                if record.queuedAt != nil { unanswered += 1 }
            case .deflected:
                deflected += 1
            case .selfService:
                online += 1
            }
            switch record.outcome {
            case .handled, .deflected, .selfService:
                served += 1
                if record.serviceTypeCode != nil { serviceRequests += 1 }
                if !record.callType.isServiceRequest { firstContact += 1 }
            case .abandoned, .unanswered:
                break
            }
        }
        self.contacts = contacts
        self.served = served
        callsOffered = offered
        callsAnswered = answered
        callsHandled = handled
        callsAbandoned = abandoned
        excludedShortAbandons = excluded
        callsUnanswered = unanswered
        callsAnsweredWithinThreshold = withinThreshold
        deflectedInIVR = deflected
        onlineContacts = online
        self.serviceRequests = serviceRequests
        resolvedAtFirstContact = firstContact
        self.serviceLevelThreshold = serviceLevelThreshold
        self.shortAbandons = shortAbandons
        totalWaitOfAnswered = wait
        totalTalkTime = talk
        totalAfterCallWork = wrapUp
        self.staffedAgentSeconds = staffedAgentSeconds
        self.busyAgentSeconds = busyAgentSeconds
        channels = Channel.allCases.compactMap { channel in
            let contacts = channelContacts[channel.ordinal]
            guard contacts > 0 || channel.simulatedIndex != nil else { return nil }
            return ChannelCost(channel: channel, contacts: contacts, cost: channelCost[channel.ordinal])
        }
    }

    /// Abandoned ÷ offered.
    public var abandonmentRate: Double? { Self.ratio(callsAbandoned, callsOffered) }

    /// Average speed of answer in seconds: Σ(answer − queue entry) ÷ answered.
    public var averageSpeedOfAnswer: Double? { Self.ratio(totalWaitOfAnswered, callsAnswered) }

    /// Answered within the threshold ÷ (offered − excluded short abandons): other callers who hang
    /// up count as not answered in time.
    public var serviceLevel: Double? {
        Self.ratio(callsAnsweredWithinThreshold, callsOffered - excludedShortAbandons)
    }

    /// Answered ÷ offered.
    public var answerRate: Double? { Self.ratio(callsAnswered, callsOffered) }

    /// Busy agent time ÷ staffed agent time.
    public var occupancy: Double? { staffedAgentSeconds > 0 ? busyAgentSeconds / staffedAgentSeconds : nil }

    /// Average handle time in seconds: Σ(talk + after-call work) ÷ handled.
    public var averageHandleTime: Double? { Self.ratio(totalTalkTime + totalAfterCallWork, callsHandled) }

    /// Average talk time in seconds (warm-transfer holds included): Σ talk ÷ handled.
    public var averageTalkTime: Double? { Self.ratio(totalTalkTime, callsHandled) }

    /// Average after-call work in seconds: Σ after-call work ÷ handled.
    public var averageAfterCallWork: Double? { Self.ratio(totalAfterCallWork, callsHandled) }

    /// Served general-information and referral contacts ÷ served contacts: the contacts closed at first
    /// contact, as `Contact.isResolvedAtFirstContact` in Civic311 counts them (a service request still
    /// needs its department's work).
    public var firstContactResolution: Double? { Self.ratio(resolvedAtFirstContact, served) }

    /// (IVR-resolved calls + online contacts) ÷ contacts: the share that needed no agent.
    public var selfServiceDeflection: Double? { Self.ratio(deflectedInIVR + onlineContacts, contacts) }

    /// Service requests created ÷ served contacts.
    public var serviceRequestShare: Double? { Self.ratio(serviceRequests, served) }

    /// The cost of every contact, in dollars.
    public var totalCost: Double { channels.reduce(0) { $0 + $1.cost } }

    /// Σ cost ÷ contacts, in dollars.
    public var costPerContact: Double? { Self.ratio(totalCost, contacts) }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator > 0 ? Double(numerator) / Double(denominator) : nil
    }

    private static func ratio(_ numerator: Double, _ denominator: Int) -> Double? {
        denominator > 0 ? numerator / Double(denominator) : nil
    }
}
