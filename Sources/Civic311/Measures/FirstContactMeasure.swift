/// First-contact resolution as of a date: the share of contacts that settled the resident's
/// business without another contact.
///
/// A general-information or referral contact is resolved at the contact itself (the agent answers
/// or transfers and closes the ticket: ``CallType/Kind/isResolvedAtFirstContact``, the
/// definition the call-day simulator's figure uses). A contact that opened a service request is
/// resolved at first contact when the request's work was finished by the as-of date
/// (``ServiceLevelOutcome/finish(of:)``) and no follow-up contact about it arrived by then. A
/// follow-up contact is, by being one, not a first-contact resolution. The formula and its
/// sources: `Documentation/Measures.md` ("First-contact resolution").
public struct FirstContactMeasure: Hashable, Sendable {
    /// General-information contacts counted.
    public internal(set) var generalInformation = 0
    /// Referral contacts counted.
    public internal(set) var referrals = 0
    /// Contacts that opened a counted request (one per request).
    public internal(set) var requestsOpened = 0
    /// Follow-up contacts about counted requests.
    public internal(set) var followUps = 0
    /// Counted requests whose work was finished by the as-of date with no follow-up contact.
    public internal(set) var requestsFinishedWithoutFollowUp = 0

    /// Every contact counted: general information + referrals + requests opened + follow-ups.
    public var contacts: Int { generalInformation + referrals + requestsOpened + followUps }

    /// Contacts resolved at first contact: general information + referrals + requests finished
    /// without a follow-up.
    public var resolvedAtFirstContact: Int { generalInformation + referrals + requestsFinishedWithoutFollowUp }

    /// resolved at first contact ÷ contacts; `nil` when no contact is counted.
    public var share: Double? { contacts > 0 ? Double(resolvedAtFirstContact) / Double(contacts) : nil }

    /// (general information + referrals) ÷ contacts: what the agent closed during the contact
    /// itself, the call-day simulator's first-contact resolution; `nil` when no contact is counted.
    public var resolvedDuringContactShare: Double? {
        contacts > 0 ? Double(generalInformation + referrals) / Double(contacts) : nil
    }

    init() {}

    /// Counts a contact that opened no request, if the filter takes it.
    mutating func add(unlinked contact: Contact, filter: MeasureFilter) {
        guard filter.matchesUnlinked(contact) else { return }
        switch contact.callType {
        case .generalInformation: generalInformation += 1
        case .referral: referrals += 1
        case .serviceRequest: break
        }
    }

    /// Counts a request's opening contact and its follow-ups received by the as-of date.
    mutating func add(_ request: ServiceRequest, followUps count: Int) {
        requestsOpened += 1
        followUps += count
        if count == 0, ServiceLevelOutcome.finish(of: request) != nil { requestsFinishedWithoutFollowUp += 1 }
    }
}
