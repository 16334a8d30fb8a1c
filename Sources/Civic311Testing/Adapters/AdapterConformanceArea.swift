import Testing

/// One part of the adapter contract that ``DepartmentAdapterConformance`` checks: its name, and the
/// checks themselves.
///
/// The areas are data, as the storage kit's ``ConformanceArea`` are: ``all`` lists every area, and
/// an adapter's tests that take their areas from it, one test per area, run a new area without an
/// edit. Each area starts from a new adapter and makes its own requests; an area stops at the
/// first call that fails in a way it did not expect.
public struct AdapterConformanceArea: Hashable, Sendable, CustomStringConvertible, CustomTestStringConvertible {
    /// The area's name, as failures show it: `"retried dispatch"`.
    public let name: String
    /// The checks, given a new adapter and fixtures.
    let body: @Sendable (AdapterConformanceRun, inout RequestFixtures) async throws -> Void

    init(_ name: String, body: @escaping @Sendable (AdapterConformanceRun, inout RequestFixtures) async throws -> Void)
    {
        self.name = name
        self.body = body
    }

    /// Every area, in the order ``DepartmentAdapterConformance/run(sourceLocation:)`` runs them.
    public static let all: [AdapterConformanceArea] = [
        .dispatchReferences, .retriedDispatch, .retriedChanges, .distinctChanges, .unknownReferences,
        .concurrentRetries,
    ]

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }
    public var testDescription: String { name }
}
