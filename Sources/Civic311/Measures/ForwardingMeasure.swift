/// How often requests were sent on to another department, as of a date.
///
/// A request is **forwarded** when, by the as-of date, it was returned as not ours
/// (``RequestChange/returned(reason:reroutedTo:explanation:)``) or reassigned by a supervisor
/// (``RequestChange/reassigned(to:reason:)``); an escalation that moves it is the service-level
/// engine's doing and counts as an escalation, not here. The formulas and their sources:
/// `Documentation/Measures.md` ("Forwarding and not-ours returns").
public struct ForwardingMeasure: Hashable, Sendable {
    /// Requests counted.
    public internal(set) var requests = 0
    /// Of those, the ones returned or reassigned at least once.
    public internal(set) var forwarded = 0
    /// Of those, the ones returned as not ours at least once.
    public internal(set) var returnedAsNotOurs = 0
    /// Returns as not ours, all requests together.
    public internal(set) var returns = 0
    /// Reassignments, all requests together.
    public internal(set) var reassignments = 0

    /// forwarded ÷ requests; `nil` when no request is counted.
    public var forwardingRate: Double? { requests > 0 ? Double(forwarded) / Double(requests) : nil }
    /// returned as not ours ÷ requests; `nil` when no request is counted.
    public var notOursRate: Double? { requests > 0 ? Double(returnedAsNotOurs) / Double(requests) : nil }

    init() {}

    mutating func add(returns returnCount: Int, reassignments reassignCount: Int) {
        requests += 1
        if returnCount + reassignCount > 0 { forwarded += 1 }
        if returnCount > 0 { returnedAsNotOurs += 1 }
        returns += returnCount
        reassignments += reassignCount
    }
}
