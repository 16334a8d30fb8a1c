import Testing

/// Something a store did that the storage contract forbids, as the kit found it.
public struct ConformanceFailure: Hashable, Sendable, CustomStringConvertible {
    /// The area that found it.
    public let area: ConformanceArea
    /// What differed, in words: `"contacts listed by 1: expected […], got […]"`.
    public let message: String
    /// Where the check was run from: the line of the backend's test.
    public let sourceLocation: SourceLocation

    public init(area: ConformanceArea, message: String, sourceLocation: SourceLocation) {
        self.area = area
        self.message = message
        self.sourceLocation = sourceLocation
    }

    /// `"[area] message"`.
    public var description: String { "[\(area)] \(message)" }
}
