/// The way a contact reached the center.
public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
    /// A phone call answered by an agent.
    case phone
    /// The phone line's interactive voice response or another self-service path with no agent.
    case selfService
    case web
    case mobileApp
    case email
    case text
    case socialMedia
    case chat
    case walkIn
    /// Letters and faxes.
    case mail
    /// A department's own system entering a parallel request ("bypassing" made visible).
    case departmentSystem

    /// Whether an agent normally handles contacts on this channel.
    public var isAssisted: Bool {
        switch self {
        case .phone, .chat, .walkIn, .email, .socialMedia, .mail: true
        case .selfService, .web, .mobileApp, .text, .departmentSystem: false
        }
    }

    /// The channel's position in `allCases`, for bit masks; a switch, so no hashing.
    package var ordinal: Int {
        switch self {
        case .phone: 0
        case .selfService: 1
        case .web: 2
        case .mobileApp: 3
        case .email: 4
        case .text: 5
        case .socialMedia: 6
        case .chat: 7
        case .walkIn: 8
        case .mail: 9
        case .departmentSystem: 10
        }
    }
}
