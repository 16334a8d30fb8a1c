/// A place in a store's change feed.
///
/// Every contact and every request event a store keeps has one position, given in the same
/// transaction that stores it. Positions only grow, in the order writes commit, so a consumer that
/// has read up to a position has seen everything stored before it. ``start`` (0) is before every
/// entry; stored entries have positions from 1. Positions need not be consecutive: a backend may
/// leave gaps, for example after a transaction that was rolled back.
public struct FeedPosition: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The position as stored: 0 for ``start``, more than 0 for a stored entry.
    public let rawValue: Int64

    /// A position read from storage or a message; `nil` when `rawValue` is negative.
    public init?(rawValue: Int64) {
        guard rawValue >= 0 else { return nil }
        self.rawValue = rawValue
    }

    /// Before every entry: where a new consumer starts.
    public static let start = FeedPosition(checked: 0)

    /// A position known not to be negative.
    init(checked rawValue: Int64) {
        assert(rawValue >= 0, "feed positions are never negative")
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let rawValue = try container.decode(Int64.self)
        guard rawValue >= 0 else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "a feed position is 0 or more, got \(rawValue)"
            )
        }
        self.rawValue = rawValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "#\(rawValue)" }
}
