import Civic311

/// What one contact costs the center, by how it was served.
///
/// The defaults are the midpoints of the ranges in the domain notes: a phone transaction costs
/// $7–12 (so $9.50) against $0.25–0.50 online (so $0.375). A call resolved in the IVR, or one that
/// hung up or was never answered, used no agent and is costed like an online contact.
public struct ContactCosts: Sendable, Hashable {
    /// A phone call an agent answered, in dollars.
    public var agentCall: Double
    /// A phone call that never reached an agent (IVR-resolved, abandoned or unanswered), in dollars.
    public var unassistedCall: Double
    /// A web, app or text contact, in dollars.
    public var onlineContact: Double

    /// Creates a cost table.
    ///
    /// - Throws: ``SimulationError`` when a cost is negative or not finite.
    public init(
        agentCall: Double = 9.5,
        unassistedCall: Double = 0.375,
        onlineContact: Double = 0.375
    )
        throws(SimulationError)
    {
        try SimulationError.requireNonNegative(agentCall, "agentCall")
        try SimulationError.requireNonNegative(unassistedCall, "unassistedCall")
        try SimulationError.requireNonNegative(onlineContact, "onlineContact")
        self.agentCall = agentCall
        self.unassistedCall = unassistedCall
        self.onlineContact = onlineContact
    }

    /// The midpoints: $9.50 per agent call, $0.375 otherwise.
    public static var midpoints: ContactCosts {
        // The defaults are valid.
        try! ContactCosts()
    }

    /// The cost of one contact.
    public func cost(of record: ContactRecord) -> Double {
        guard record.channel == .phone else { return onlineContact }
        return record.answeredAt != nil ? agentCall : unassistedCall
    }
}
