import Civic311
import Foundation
import Testing

/// The conformance check every `RequestStore` backend should pass, run from the backend's own
/// test target.
///
/// ```swift
/// import Civic311
/// import Civic311Testing
/// import Testing
///
/// @Suite struct MyStoreConformanceTests {
///     let conformance = RequestStoreConformance { try await MyStore.temporary() }
///
///     @Test func all() async { await conformance.run() }
/// }
/// ```
///
/// Each area is also a public method (``checkCreateAndRead(sourceLocation:)`` …), so a backend
/// can run them as separate tests, one line each. Every area starts from a new store made by
/// `makeStore` and fills it with ``RequestFixtures`` derived from ``seed``; the store must start
/// empty. Durable backends pass `reopen`, which closes a store and opens the same backend again,
/// and ``checkDurability(sourceLocation:)`` checks that everything written survives.
///
/// The reference semantics are the core's: `RequestQuery.matches(_:)`, `RequestOrder` and
/// `ServiceRequest.replaying(_:)`. Failures are recorded as issues at the caller's source
/// location, each naming its area and what differed; an area stops at its first unexpected
/// error.
public struct RequestStoreConformance<Store: RequestStore>: Sendable {
    /// Makes a new, empty store.
    public typealias MakeStore = @Sendable () async throws -> Store
    /// Closes a store and opens the same backend (the same file, database…) again.
    public typealias Reopen = @Sendable (Store) async throws -> Store

    private let makeStore: MakeStore
    private let reopen: Reopen?
    /// The seed the fixtures derive from.
    public let seed: UInt64

    /// - Parameters:
    ///   - seed: the seed for the fixtures; change it to explore other data.
    ///   - makeStore: makes a new, empty store for each area.
    ///   - reopen: for durable backends, closes a store and reopens the same backend; without it
    ///     ``run(sourceLocation:)`` skips ``checkDurability(sourceLocation:)``.
    public init(seed: UInt64 = 311, makeStore: @escaping MakeStore, reopen: Reopen? = nil) {
        self.seed = seed
        self.makeStore = makeStore
        self.reopen = reopen
    }

    /// Runs every area in turn.
    public func run(sourceLocation: SourceLocation = #_sourceLocation) async {
        await checkCreateAndRead(sourceLocation: sourceLocation)
        await checkAppend(sourceLocation: sourceLocation)
        await checkConcurrentAppends(sourceLocation: sourceLocation)
        await checkQueryFilters(sourceLocation: sourceLocation)
        await checkOrdering(sourceLocation: sourceLocation)
        await checkPaginationDuringInserts(sourceLocation: sourceLocation)
        await checkCounts(sourceLocation: sourceLocation)
        await checkContacts(sourceLocation: sourceLocation)
        await checkClientRequestIDs(sourceLocation: sourceLocation)
        await checkBatchAtomicity(sourceLocation: sourceLocation)
        await checkTextFidelity(sourceLocation: sourceLocation)
        await checkConcurrentStress(sourceLocation: sourceLocation)
        await checkChangeFeed(sourceLocation: sourceLocation)
        await checkCheckpoints(sourceLocation: sourceLocation)
        await checkConcurrentChangeFeed(sourceLocation: sourceLocation)
        await checkExternalReferences(sourceLocation: sourceLocation)
        if reopen != nil { await checkDurability(sourceLocation: sourceLocation) }
    }

    // MARK: Shared by the areas

    /// Runs one area: makes its store and fixtures, and turns an unexpected error into an issue.
    func area(
        _ name: String,
        _ sourceLocation: SourceLocation,
        _ body: (Store, inout RequestFixtures, ConformanceCheck) async throws -> Void
    ) async {
        let check = ConformanceCheck(area: name, sourceLocation: sourceLocation)
        let store: Store
        do {
            store = try await makeStore()
        } catch {
            check.record("makeStore failed: \(error)")
            return
        }
        var fixtures = RequestFixtures(seed: seed &+ Self.salt(name))
        do {
            try await body(store, &fixtures, check)
        } catch {
            check.record("unexpected error: \(error)")
        }
    }

    /// The reopen closure, for the durability area.
    var reopenStore: Reopen? { reopen }

    /// A stable per-area offset, so areas use different data (`hashValue` is seeded per process).
    private static func salt(_ name: String) -> UInt64 {
        name.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
