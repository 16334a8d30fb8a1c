import Civic311
import Testing

/// One part of the storage contract that ``RequestStoreConformance`` checks: its name, and the
/// checks themselves.
///
/// The areas are data. ``all`` lists every area, and a backend whose tests take their areas from
/// it, one test per area, runs a new area without editing its tests:
///
/// ```swift
/// @Test(arguments: ConformanceArea.all)
/// func conformance(_ area: ConformanceArea) async {
///     await Self.conformance.check(area)
/// }
/// ```
///
/// Each area starts from a new store and fills it with ``RequestFixtures`` of its own; an area
/// stops at its first unexpected error.
public struct ConformanceArea: Hashable, Sendable, CustomStringConvertible, CustomTestStringConvertible {
    /// The area's name, as failures show it: `"client request IDs"`.
    public let name: String
    /// Whether the area closes and reopens the backend, which takes the `reopen` closure of
    /// ``RequestStoreConformance``.
    public let needsReopening: Bool
    /// The checks, given a new store and fixtures.
    let body: @Sendable (ConformanceRun, inout RequestFixtures) async throws -> Void

    init(
        _ name: String,
        needsReopening: Bool = false,
        body: @escaping @Sendable (ConformanceRun, inout RequestFixtures) async throws -> Void
    ) {
        self.name = name
        self.needsReopening = needsReopening
        self.body = body
    }

    /// Every area, in the order ``RequestStoreConformance/run(sourceLocation:)`` runs them.
    public static let all: [ConformanceArea] = [
        .createAndRead, .append, .concurrentAppends, .queryFilters, .ordering, .paginationDuringInserts, .counts,
        .contacts, .clientRequestIDs, .concurrentClientRequestIDs, .batchAtomicity, .textFidelity,
        .concurrentStress, .changeFeed, .checkpoints, .concurrentChangeFeed, .externalReferences, .batchAppends,
        .nearbyRequests, .duplicateMerges, .personalDataRedaction, .durability,
        .feedDurability,
    ]

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }
    public var testDescription: String { name }
}
