/// How urgently a request should be worked.
public enum Priority: Int, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case low = 1
    case normal = 2
    case high = 3
    case urgent = 4

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
