/// Working memory for routing decisions, reused across calls so a hot loop allocates nothing.
///
/// One per task: pass the same value to ``RoutingRuleSet/decide(_:using:)`` for every decision.
@_spi(Benchmarks) public struct RoutingScratch: Sendable {
    var lookup = DistrictLookup(reservingCapacity: 8)
    /// For each rule tried before the match: the rule and the first condition that failed, or
    /// `UInt16.max` when the rule matched but its department had returned the request.
    var misses: [(rule: UInt16, condition: UInt16)] = []
    /// The district tests this decision evaluated, as (rule, condition).
    var districtTests: [(rule: UInt16, condition: UInt16)] = []
    var loweredDescription: String?
    /// Whether to record the misses an explanation needs; the fast path skips them.
    var isExplaining = false

    public init() {
        misses.reserveCapacity(64)
        districtTests.reserveCapacity(16)
    }
}

/// The compact result of ``RoutingRuleSet/decide(_:using:)``: which rule decided, and whether the
/// location was too close to a boundary to trust. ``RoutingRuleSet/route(_:)`` turns it into a
/// ``RoutingDecision`` with a full explanation.
@_spi(Benchmarks) public struct RoutingOutcome: Hashable, Sendable {
    /// The index of the deciding rule, or `nil` when every matching rule's department had
    /// returned the request (the request goes to triage).
    public let rule: Int?
    /// The index of the district whose boundary made the location ambiguous, and its distance.
    public let ambiguity: BoundaryProximity?
}
