import Civic311

/// Warm transfers of referrals: the agent stays on the line until the other department picks up.
public struct WarmTransfer: Sendable, Hashable {
    /// The share of answered referrals that are warm-transferred, in `[0, 1]`.
    public var share: Double
    /// The extra time in seconds the agent (and the caller) hold for the department.
    public var hold: Distribution

    /// Creates a warm-transfer rule.
    public init(share: Double, hold: Distribution) {
        self.share = share
        self.hold = hold
    }

    /// No warm transfers.
    public static var none: WarmTransfer { WarmTransfer(share: 0, hold: .fixed(0)) }
}
