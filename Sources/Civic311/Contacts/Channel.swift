/// The way a contact reached the centre.
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
}
