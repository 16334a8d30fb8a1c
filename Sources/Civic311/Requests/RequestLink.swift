/// A relation between two requests.
public struct RequestLink: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// This request reports the same problem as the target.
        case duplicateOf
        /// The target reports the same problem as this request and was merged into it.
        case duplicate
        /// The target is this request's parent (a storm event, a multi-part job).
        case parent
        /// The target is one of this request's children.
        case child
        /// The target is related in another way.
        case related
    }

    public let kind: Kind
    public let target: TicketNumber

    public init(_ kind: Kind, target: TicketNumber) {
        self.kind = kind
        self.target = target
    }
}
