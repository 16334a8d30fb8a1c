import Civic311

/// How a resident reached 311.
///
/// Phone calls pass through the IVR, which may resolve them (deflection); the rest queue for an agent.
/// Web, app and text contacts are self-service: they are recorded (and create their service request)
/// the moment they arrive, without an agent.
public enum ContactChannel: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A phone call.
    case phone = 0
    /// The web portal.
    case web
    /// The mobile app.
    case mobileApp
    /// A text message (SMS).
    case text

    /// Whether contacts on this channel can need an agent.
    public var reachesAgents: Bool { self == .phone }

    /// The case name, used in error paths such as `"channelShares[web]"`.
    public var description: String {
        switch self {
        case .phone: "phone"
        case .web: "web"
        case .mobileApp: "mobileApp"
        case .text: "text"
        }
    }
}
