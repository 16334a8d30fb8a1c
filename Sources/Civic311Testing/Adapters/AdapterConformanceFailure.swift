import Testing

/// Something an adapter did that the `DepartmentAdapter` contract forbids, as
/// ``DepartmentAdapterConformance`` found it.
public struct AdapterConformanceFailure: Hashable, Sendable, CustomStringConvertible {
    /// The area that found it.
    public let area: AdapterConformanceArea
    /// What differed, in words: `"a dispatch retried with the same key … returned another reference"`.
    public let message: String
    /// Where the check was run from: the line of the adapter's test.
    public let sourceLocation: SourceLocation

    public init(area: AdapterConformanceArea, message: String, sourceLocation: SourceLocation) {
        self.area = area
        self.message = message
        self.sourceLocation = sourceLocation
    }

    /// `"[area] message"`.
    public var description: String { "[\(area)] \(message)" }
}
