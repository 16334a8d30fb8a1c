import Civic311

/// What one contact costs the center, by how it was served.
///
/// The defaults are the midpoints of the ranges in the domain notes: a phone transaction costs
/// $7–12 (so $9.50) against $0.25–0.50 online (so $0.375). A call resolved in the IVR, or one that
/// hung up or was never answered, used no agent and costs ``unassistedCall`` (by default the online
/// figure).
///
/// Channels an agent works (`Channel.isAssisted`: e-mail, chat, social media, walk-in and mail
/// besides the phone) cost an agent's time when an agent answered or handled the contact. The
/// sources give no figure for them, so ``assistedContact`` defaults to the phone's $9.50: agent time
/// is what drives the cost, and pricing an answered e-mail like a web form would under-cost it about
/// 25-fold. Set it when a center knows its own figure. The other channels (web, app, text, the IVR's
/// self-service and department systems) cost ``onlineContact``.
public struct ContactCosts: Sendable, Hashable {
    /// A phone call an agent answered, in dollars.
    public var agentCall: Double
    /// A contact on an assisted channel (a phone call, e-mail, chat…) that never reached an agent
    /// (IVR-resolved, abandoned or unanswered), in dollars.
    public var unassistedCall: Double
    /// A web, app or text contact, in dollars.
    public var onlineContact: Double
    /// An e-mail, chat, social-media, walk-in or mail contact an agent answered or handled, in dollars.
    public var assistedContact: Double

    /// Creates a cost table.
    ///
    /// - Throws: ``SimulationError`` when a cost is negative or not finite.
    public init(
        agentCall: Double = 9.5,
        unassistedCall: Double = 0.375,
        onlineContact: Double = 0.375,
        assistedContact: Double = 9.5
    )
        throws(SimulationError)
    {
        try SimulationError.requireNonNegative(agentCall, "agentCall")
        try SimulationError.requireNonNegative(unassistedCall, "unassistedCall")
        try SimulationError.requireNonNegative(onlineContact, "onlineContact")
        try SimulationError.requireNonNegative(assistedContact, "assistedContact")
        self.agentCall = agentCall
        self.unassistedCall = unassistedCall
        self.onlineContact = onlineContact
        self.assistedContact = assistedContact
    }

    /// The midpoints: $9.50 per contact an agent worked, $0.375 otherwise.
    public static var midpoints: ContactCosts {
        // The defaults are valid.
        try! ContactCosts()
    }

    /// The cost of one contact.
    public func cost(of record: ContactRecord) -> Double {
        guard record.channel.isAssisted else { return onlineContact }
        guard record.answeredAt != nil || record.outcome == .handled else { return unassistedCall }
        return record.channel == .phone ? agentCall : assistedContact
    }
}
